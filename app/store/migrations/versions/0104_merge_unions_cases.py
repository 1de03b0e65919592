"""Merge revision: union building and the legal-supervision network join the main head

Revision ID: 0104_merge_unions_cases
Revises: 0103_merge_datapool_scale, 0013_cases, 0012_unions
Create Date: 2026-11-30 04:11:47.145741
"""
from alembic import op
import sqlalchemy as sa
import sqlmodel  # noqa: F401


revision = '0104_merge_unions_cases'
down_revision = ('0103_merge_datapool_scale', '0013_cases', '0012_unions')
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass

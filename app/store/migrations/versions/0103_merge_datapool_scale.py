"""Merge revision: the data pool at city scale joins the main head

Revision ID: 0103_merge_datapool_scale
Revises: 0014_datapool_scale, 0102_merge_letter_deadline
Create Date: 2026-11-30 04:05:20.390977
"""
from alembic import op
import sqlalchemy as sa
import sqlmodel  # noqa: F401


revision = '0103_merge_datapool_scale'
down_revision = ('0014_datapool_scale', '0102_merge_letter_deadline')
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass

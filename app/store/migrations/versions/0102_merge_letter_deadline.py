"""Merge revision: the letters' own deadline joins the main head

Revision ID: 0102_merge_letter_deadline
Revises: 0010_letter_deadline, 0101_merge_set_aside
Create Date: 2026-11-30 04:01:30.728626
"""
from alembic import op
import sqlalchemy as sa
import sqlmodel  # noqa: F401


revision = '0102_merge_letter_deadline'
down_revision = ('0010_letter_deadline', '0101_merge_set_aside')
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass

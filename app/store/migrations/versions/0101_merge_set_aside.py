"""Merge revision: the set-aside table of the laptop security work joins the main head

Revision ID: 0101_merge_set_aside
Revises: 0011_set_aside, 0100_merge_legislation_geocoding
Create Date: 2026-11-30 03:56:09.416050
"""
from alembic import op
import sqlalchemy as sa
import sqlmodel  # noqa: F401


revision = '0101_merge_set_aside'
down_revision = ('0011_set_aside', '0100_merge_legislation_geocoding')
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass

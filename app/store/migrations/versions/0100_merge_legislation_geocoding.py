"""Merge revision: the legislative contact point and addresses to positions join one head

Revision ID: 0100_merge_legislation_geocoding
Revises: 0018_geocoding, 0017_legislation
Create Date: 2026-11-30 03:17:30.714634
"""
from alembic import op
import sqlalchemy as sa
import sqlmodel  # noqa: F401


revision = '0100_merge_legislation_geocoding'
down_revision = ('0018_geocoding', '0017_legislation')
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass

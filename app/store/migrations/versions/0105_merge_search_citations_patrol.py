"""merge search, citation confirmations and patrol tracks

Revision ID: 0105_merge_search_citations_patrol
Revises: 0016_patrol, 0015_citation_confirm, 0014d_search
Create Date: 2026-11-30 06:52:28.983890
"""
from alembic import op
import sqlalchemy as sa
import sqlmodel  # noqa: F401


revision = '0105_merge_search_citations_patrol'
down_revision = ('0016_patrol', '0015_citation_confirm', '0014d_search')
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass

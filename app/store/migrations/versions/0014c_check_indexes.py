"""Partial indexes for the counts `check` makes: enterprises without a position, and those gone
from the register, and the form versions visits were filled with

Revision ID: 0014c_check_indexes
Revises: 0104_merge_unions_cases
Create Date: 2026-11-30 04:16:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0014c_check_indexes'
down_revision = '0104_merge_unions_cases'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index('ix_visit_form', 'visit', ['form_id', 'form_version'], unique=False)
    op.create_index('ix_enterprise_unplaced', 'enterprise', ['deleted'], unique=False,
                    sqlite_where=sa.text('longitude IS NULL OR latitude IS NULL'))
    op.create_index('ix_enterprise_gone', 'enterprise', ['deleted'], unique=False,
                    sqlite_where=sa.text("registration_status IN ('deregistered', 'revoked', 'moved_out')"))


def downgrade() -> None:
    op.drop_index('ix_enterprise_gone', table_name='enterprise')
    op.drop_index('ix_enterprise_unplaced', table_name='enterprise')
    op.drop_index('ix_visit_form', table_name='visit')

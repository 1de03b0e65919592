"""The office's confirmations of unverified citations, synced from the district server

Revision ID: 0015_citation_confirm
Revises: 0014c_check_indexes
Create Date: 2026-11-30 05:50:00
"""
from alembic import op
import sqlalchemy as sa
import sqlmodel  # noqa: F401


revision = '0015_citation_confirm'
down_revision = '0014c_check_indexes'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('citation_confirmation',
    sa.Column('id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('updated_at', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('updated_by', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('article_key', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('confirmed_by', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('confirmed_at', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
    sa.Column('note', sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('citation_confirmation', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_citation_confirmation_article_key'), ['article_key'], unique=False)
        batch_op.create_index(batch_op.f('ix_citation_confirmation_deleted'), ['deleted'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('citation_confirmation', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_citation_confirmation_deleted'))
        batch_op.drop_index(batch_op.f('ix_citation_confirmation_article_key'))
    op.drop_table('citation_confirmation')

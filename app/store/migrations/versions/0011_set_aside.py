"""unsent work set aside when the account lost a grid

Revision ID: 0011_set_aside
Revises: 0006_merge_areas
"""
from alembic import op
import sqlalchemy as sa
import sqlmodel  # noqa: F401


revision = '0011_set_aside'
down_revision = '0006_merge_areas'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('sync_set_aside',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('entity', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
    sa.Column('entity_id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
    sa.Column('grid_id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
    sa.Column('reason', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('outbox', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('row', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('created_at', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('sync_set_aside', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sync_set_aside_entity_id'), ['entity_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('sync_set_aside', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sync_set_aside_entity_id'))
    op.drop_table('sync_set_aside')

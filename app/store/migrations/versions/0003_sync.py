"""sync bookkeeping: conflicts and parked pulled changes

Revision ID: 0003_sync
Revises: 0001_base
Create Date: 2026-11-25 02:50:00.000000
"""
from alembic import op
import sqlalchemy as sa
import sqlmodel  # noqa: F401


revision = '0003_sync'
down_revision = '0001_base'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('sync_conflict',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('entity', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
    sa.Column('entity_id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
    sa.Column('field_name', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('local_value', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('server_value', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('base_value', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('server_version', sa.Integer(), nullable=False),
    sa.Column('mutation_id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
    sa.Column('created_at', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('resolved_at', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('resolution', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('sync_conflict', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sync_conflict_entity_id'), ['entity_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_sync_conflict_mutation_id'), ['mutation_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_sync_conflict_resolved_at'), ['resolved_at'], unique=False)

    op.create_table('sync_parked',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('entity', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
    sa.Column('entity_id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
    sa.Column('payload', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('reason', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('created_at', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('sync_parked', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sync_parked_entity_id'), ['entity_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('sync_parked', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sync_parked_entity_id'))

    op.drop_table('sync_parked')
    with op.batch_alter_table('sync_conflict', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sync_conflict_resolved_at'))
        batch_op.drop_index(batch_op.f('ix_sync_conflict_mutation_id'))
        batch_op.drop_index(batch_op.f('ix_sync_conflict_entity_id'))

    op.drop_table('sync_conflict')

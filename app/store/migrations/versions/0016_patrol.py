"""Patrol tracks recorded by phones, and where a visit form was filled

Revision ID: 0016_patrol
Revises: 0014c_check_indexes
Create Date: 2026-11-30 05:45:00
"""
from alembic import op
import sqlalchemy as sa
import sqlmodel  # noqa: F401


revision = '0016_patrol'
down_revision = '0014c_check_indexes'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('patrol_track',
    sa.Column('id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('updated_at', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('updated_by', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('grid_id', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('inspector_id', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('route_day', sa.Date(), nullable=False),
    sa.Column('started_at', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
    sa.Column('ended_at', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
    sa.Column('point_count', sa.Integer(), nullable=False),
    sa.Column('points', sqlmodel.sql.sqltypes.AutoString(length=57602), nullable=False),
    sa.Column('device_name', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.ForeignKeyConstraint(['grid_id'], ['grid.id'], ),
    sa.ForeignKeyConstraint(['inspector_id'], ['inspector.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('patrol_track', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_patrol_track_deleted'), ['deleted'], unique=False)
        batch_op.create_index(batch_op.f('ix_patrol_track_grid_id'), ['grid_id'], unique=False)
        batch_op.create_index('ix_patrol_track_grid_day', ['grid_id', 'route_day'], unique=False)

    # Plain ADD COLUMNs: a batch copy of the visit table is not needed for nullable columns.
    op.add_column('visit', sa.Column('filled_longitude', sa.Float(), nullable=True))
    op.add_column('visit', sa.Column('filled_latitude', sa.Float(), nullable=True))
    op.add_column('visit', sa.Column('filled_accuracy_m', sa.Float(), nullable=True))


def downgrade() -> None:
    op.drop_column('visit', 'filled_accuracy_m')
    op.drop_column('visit', 'filled_latitude')
    op.drop_column('visit', 'filled_longitude')
    op.drop_table('patrol_track')

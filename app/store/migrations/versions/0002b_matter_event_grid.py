"""matter_event carries its matter's grid, so the server scopes the history like the matter

Revision ID: 0002b_matter_event_grid
Revises: 0002_matters_letters
Create Date: 2026-11-25 03:12:00
"""
from alembic import op
import sqlalchemy as sa
import sqlmodel  # noqa: F401


revision = '0002b_matter_event_grid'
down_revision = '0002_matters_letters'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('matter_event', schema=None) as batch_op:
        batch_op.add_column(sa.Column('grid_id', sqlmodel.sql.sqltypes.AutoString(), nullable=True))
        batch_op.create_index(batch_op.f('ix_matter_event_grid_id'), ['grid_id'], unique=False)
    op.execute(
        "UPDATE matter_event SET grid_id = (SELECT m.grid_id FROM matter m WHERE m.id = matter_event.matter_id)"
    )


def downgrade() -> None:
    with op.batch_alter_table('matter_event', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_matter_event_grid_id'))
        batch_op.drop_column('grid_id')

"""what kind of device signed in (laptop or phone)

Revision ID: s0016_device_kind
Revises: s0011_scopes_audit
Create Date: 2026-11-30 05:50:00
"""
from alembic import op
import sqlalchemy as sa
import sqlmodel  # noqa: F401


revision = 's0016_device_kind'
down_revision = 's0011_scopes_audit'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column('device', sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False,
                                      server_default=''))


def downgrade() -> None:
    with op.batch_alter_table('device', schema=None) as batch_op:
        batch_op.drop_column('kind')

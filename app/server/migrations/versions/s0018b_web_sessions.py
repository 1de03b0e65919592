"""web sessions shared by all server workers; indexes for pull and the change log's row history

Revision ID: s0018b_web_sessions
Revises: s0017_merge_figures_device_kind
Create Date: 2026-11-30 09:00:00
"""
from alembic import op
import sqlalchemy as sa
import sqlmodel  # noqa: F401


revision = 's0018b_web_sessions'
down_revision = 's0017_merge_figures_device_kind'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'web_session',
        sa.Column('id_hash', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column('csrf', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column('account_id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=True),
        sa.Column('lang', sqlmodel.sql.sqltypes.AutoString(length=8), nullable=False),
        sa.Column('created_at', sa.Float(), nullable=False),
        sa.Column('seen_at', sa.Float(), nullable=False),
        sa.PrimaryKeyConstraint('id_hash'),
    )
    op.create_index('ix_web_session_account_id', 'web_session', ['account_id'], unique=False)
    op.create_index('ix_web_session_seen_at', 'web_session', ['seen_at'], unique=False)
    op.create_index('ix_record_prev_grid_seq', 'record', ['prev_grid_id', 'seq'], unique=False)
    op.create_index('ix_change_log_row', 'change_log', ['entity', 'entity_id', 'seq'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_change_log_row', table_name='change_log')
    op.drop_index('ix_record_prev_grid_seq', table_name='record')
    op.drop_index('ix_web_session_seen_at', table_name='web_session')
    op.drop_index('ix_web_session_account_id', table_name='web_session')
    op.drop_table('web_session')

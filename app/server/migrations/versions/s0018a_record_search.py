"""search and reference indexes of the web pages, kept up to date by every record write

Revision ID: s0018a_record_search
Revises: s0017_merge_figures_device_kind
Create Date: 2026-11-30 08:50:00
"""
from alembic import op
import sqlalchemy as sa
import sqlmodel  # noqa: F401


revision = 's0018a_record_search'
down_revision = 's0017_merge_figures_device_kind'
branch_labels = None
depends_on = None

_S = sqlmodel.sql.sqltypes.AutoString


def upgrade() -> None:
    op.create_table('record_search',
    sa.Column('rid', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=False, nullable=False),
    sa.Column('entity', _S(length=64), nullable=False),
    sa.Column('record_id', _S(length=64), nullable=False),
    sa.Column('grid_id', _S(length=64), nullable=True),
    sa.Column('text', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('rid')
    )
    with op.batch_alter_table('record_search', schema=None) as batch_op:
        batch_op.create_index('ux_record_search_key', ['entity', 'record_id'], unique=True)
    op.create_table('record_ref',
    sa.Column('entity', _S(length=64), nullable=False),
    sa.Column('field', _S(length=64), nullable=False),
    sa.Column('value', _S(length=200), nullable=False),
    sa.Column('record_id', _S(length=64), nullable=False),
    sa.PrimaryKeyConstraint('entity', 'field', 'value', 'record_id')
    )
    with op.batch_alter_table('record_ref', schema=None) as batch_op:
        batch_op.create_index('ix_record_ref_record', ['entity', 'record_id'], unique=False)

    # The trigram index (FTS5 on SQLite, pg_trgm where PostgreSQL offers it), then the rows of the
    # records already on the server (rebuild fills the index once, after the rows).
    from sqlalchemy.orm import Session

    from app.server import search

    session = Session(bind=op.get_bind())
    search.create_text_index(session)
    search.rebuild(session)


def downgrade() -> None:
    from sqlalchemy.orm import Session

    from app.server import search

    search.drop_text_index(Session(bind=op.get_bind()))
    with op.batch_alter_table('record_ref', schema=None) as batch_op:
        batch_op.drop_index('ix_record_ref_record')
    op.drop_table('record_ref')
    with op.batch_alter_table('record_search', schema=None) as batch_op:
        batch_op.drop_index('ux_record_search_key')
    op.drop_table('record_search')

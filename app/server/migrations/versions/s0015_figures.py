"""dashboard figure tables, kept up to date by every record write

Revision ID: s0015_figures
Revises: s0011_scopes_audit
Create Date: 2026-11-30 05:50:00
"""
from alembic import op
import sqlalchemy as sa
import sqlmodel  # noqa: F401


revision = 's0015_figures'
down_revision = 's0011_scopes_audit'
branch_labels = None
depends_on = None

_S = sqlmodel.sql.sqltypes.AutoString


def _fact(name: str, *columns: str, extra: tuple[sa.Column, ...] = ()) -> None:
    op.create_table(name,
    sa.Column('id', _S(length=64), nullable=False),
    sa.Column('grid_id', _S(length=64), nullable=True),
    *(sa.Column(c, sa.Text(), nullable=False) for c in columns),
    *extra,
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table(name, schema=None) as batch_op:
        batch_op.create_index(batch_op.f(f'ix_{name}_grid_id'), ['grid_id'], unique=False)


def upgrade() -> None:
    op.create_table('fig_visit_month',
    sa.Column('grid_id', _S(length=64), nullable=False),
    sa.Column('inspector_id', _S(length=64), nullable=False),
    sa.Column('month', _S(length=7), nullable=False),
    sa.Column('n', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('grid_id', 'inspector_id', 'month')
    )
    op.create_table('fig_visit_seen',
    sa.Column('kind', _S(length=3), nullable=False),
    sa.Column('enterprise_id', _S(length=64), nullable=False),
    sa.Column('grid_id', _S(length=64), nullable=False),
    sa.Column('inspector_id', _S(length=64), nullable=False),
    sa.Column('first', sa.Integer(), nullable=False),
    sa.Column('last', sa.Integer(), nullable=False),
    sa.Column('counts', sa.Text(), nullable=False),
    sa.Column('e_grid', _S(length=64), nullable=True),
    sa.Column('e_state', _S(length=8), nullable=False),
    sa.PrimaryKeyConstraint('kind', 'enterprise_id', 'grid_id', 'inspector_id')
    )
    with op.batch_alter_table('fig_visit_seen', schema=None) as batch_op:
        batch_op.create_index('ix_fig_visit_seen_kind_grid', ['kind', 'grid_id'], unique=False)
    op.create_table('fig_visit_link',
    sa.Column('kind', _S(length=3), nullable=False),
    sa.Column('grp', _S(length=64), nullable=False),
    sa.Column('state', _S(length=8), nullable=False),
    sa.Column('month', sa.Integer(), nullable=False),
    sa.Column('prev', sa.Integer(), nullable=False),
    sa.Column('n', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('kind', 'grp', 'state', 'month', 'prev')
    )
    _fact('fig_enterprise', 'union_status', 'established_on',
          extra=(sa.Column('member_count', sa.BigInteger(), nullable=False),))
    _fact('fig_matter', 'category', 'status', 'opened_on', 'resolved_on', 'deadline')
    _fact('fig_letter', 'kind', 'status', 'issued_on')
    _fact('fig_work_order', 'status', 'received_on', 'due_on', 'replied_on', 'satisfaction')

    # The figures of the records already on the server.
    from sqlalchemy.orm import Session

    from app.server.figures import rebuild

    rebuild(Session(bind=op.get_bind()))


def downgrade() -> None:
    for name in ('fig_work_order', 'fig_letter', 'fig_matter', 'fig_enterprise'):
        with op.batch_alter_table(name, schema=None) as batch_op:
            batch_op.drop_index(batch_op.f(f'ix_{name}_grid_id'))
        op.drop_table(name)
    with op.batch_alter_table('fig_visit_seen', schema=None) as batch_op:
        batch_op.drop_index('ix_fig_visit_seen_kind_grid')
    op.drop_table('fig_visit_seen')
    op.drop_table('fig_visit_link')
    op.drop_table('fig_visit_month')

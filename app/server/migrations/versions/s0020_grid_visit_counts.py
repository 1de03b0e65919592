"""per-grid visit counters: distinct enterprises per inspector and targets within one grid

Revision ID: s0020_grid_visit_counts
Revises: s0019_merge_search_sessions
Create Date: 2026-11-30 15:10:00

The "egp" rows of fig_visit_seen now have link counters too (grid, inspector), and the "eg" rows carry
their enterprise's grid and state like the "e" rows, grouped as (grid, "state:enterprise grid"), so an
inspector's dashboard sums counters instead of reading every pair of their grid. The state of a link
group grows to hold that. The figure tables are recomputed from the records.

On PostgreSQL: a JSON cast that gives NULL for text that is not JSON (record_data.SAFE_JSONB), so the
web's filters and searches go on past a damaged row as they do on SQLite.
"""
from alembic import op
import sqlmodel  # noqa: F401


revision = 's0020_grid_visit_counts'
down_revision = 's0019_merge_search_sessions'
branch_labels = None
depends_on = None

_S = sqlmodel.sql.sqltypes.AutoString


def _rebuild() -> None:
    from sqlalchemy.orm import Session

    from app.server.figures import rebuild

    rebuild(Session(bind=op.get_bind()))


def upgrade() -> None:
    if op.get_bind().dialect.name == 'postgresql':
        from app.server.record_data import SAFE_JSONB_SQL

        op.execute(SAFE_JSONB_SQL)
    with op.batch_alter_table('fig_visit_link', schema=None) as batch_op:
        batch_op.alter_column('state', existing_type=_S(length=8), type_=_S(length=80), existing_nullable=False)
    _rebuild()


def downgrade() -> None:
    # The old layout exactly: no "egp" links, and the "eg" links summed over their new states.
    from sqlalchemy import text

    run = op.get_bind().execute
    if op.get_bind().dialect.name == 'postgresql':
        from app.server.record_data import SAFE_JSONB

        run(text(f"DROP FUNCTION IF EXISTS {SAFE_JSONB}(text)"))
    run(text("DELETE FROM fig_visit_link WHERE kind = 'egp'"))
    run(text("INSERT INTO fig_visit_link (kind, grp, state, month, prev, n) SELECT kind, grp, '', month, prev, sum(n) "
             "FROM fig_visit_link WHERE kind = 'eg' GROUP BY kind, grp, month, prev"))
    run(text("DELETE FROM fig_visit_link WHERE kind = 'eg' AND state <> ''"))
    run(text("UPDATE fig_visit_seen SET e_grid = NULL, e_state = '' WHERE kind = 'eg'"))
    with op.batch_alter_table('fig_visit_link', schema=None) as batch_op:
        batch_op.alter_column('state', existing_type=_S(length=80), type_=_S(length=8), existing_nullable=False)

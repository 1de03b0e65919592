"""14 search at city scale: each enterprise name's pinyin sort key in an indexed side table (the list's
first page walks it instead of sorting every hit), and a one-character prefix index on the bigram table
(a one-character search reads one entry instead of merging every bigram that starts with it)

Revision ID: 0014d_search
Revises: 0014c_check_indexes
Create Date: 2026-11-30 05:50:00
"""
from alembic import op


revision = '0014d_search'
down_revision = '0014c_check_indexes'
branch_labels = None
depends_on = None

# The key is computed by the `pinyin_sort` function every connection of the store registers
# (app.core.pinyin.sort_text). Not synced and not a model: derived from the name, like the FTS tables.
_SORT_TRIGGERS = ('enterprise_fts_sort_ai', 'enterprise_fts_sort_au', 'enterprise_fts_sort_ad')
_BIGRAM_TRIGGERS = ('enterprise_fts_bigram_ai', 'enterprise_fts_bigram_ad', 'enterprise_fts_bigram_au')


def _grams(row: str) -> str:
    text = f"({row}.name || ' ' || {row}.address)"
    return (
        f"((SELECT group_concat(substr({text}, n, 2), ' ') FROM enterprise_fts_seq WHERE n < length({text}))"
        f" || ' ' || substr({text}, -1))"
    )


def _bigram_table(prefix: str) -> None:
    for trigger in _BIGRAM_TRIGGERS:
        op.execute(f'DROP TRIGGER IF EXISTS {trigger}')
    op.execute('DROP TABLE IF EXISTS enterprise_fts_bigram')
    op.execute(f"CREATE VIRTUAL TABLE enterprise_fts_bigram USING fts5(grams, content='', tokenize='unicode61'{prefix})")
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


def upgrade() -> None:
    op.execute("CREATE TABLE enterprise_fts_sort (rid INTEGER PRIMARY KEY, k TEXT NOT NULL)")
    op.execute("INSERT INTO enterprise_fts_sort (rid, k) SELECT rowid, pinyin_sort(name) FROM enterprise")
    op.execute("CREATE INDEX ix_enterprise_fts_sort_k ON enterprise_fts_sort (k, rid)")
    op.execute(
        "CREATE TRIGGER enterprise_fts_sort_ai AFTER INSERT ON enterprise BEGIN "
        "INSERT INTO enterprise_fts_sort (rid, k) VALUES (new.rowid, pinyin_sort(new.name)); END"
    )
    op.execute(
        "CREATE TRIGGER enterprise_fts_sort_au AFTER UPDATE OF name ON enterprise BEGIN "
        "UPDATE enterprise_fts_sort SET k = pinyin_sort(new.name) WHERE rid = new.rowid; END"
    )
    op.execute(
        "CREATE TRIGGER enterprise_fts_sort_ad AFTER DELETE ON enterprise BEGIN "
        "DELETE FROM enterprise_fts_sort WHERE rid = old.rowid; END"
    )
    _bigram_table(", prefix='1'")


def downgrade() -> None:
    _bigram_table("")
    for trigger in _SORT_TRIGGERS:
        op.execute(f'DROP TRIGGER IF EXISTS {trigger}')
    op.execute('DROP TABLE IF EXISTS enterprise_fts_sort')

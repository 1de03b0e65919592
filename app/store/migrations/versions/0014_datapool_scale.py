"""14 data pool at city scale: 登记状态 and 经营异常 on the enterprise, the import batch as audit fact
(file hash, size, who), a contentless bigram index, and the office's conflict rules

Revision ID: 0014_datapool_scale
Revises: 0006_merge_areas
Create Date: 2026-11-30 02:40:00
"""
from alembic import op
import sqlalchemy as sa
import sqlmodel  # noqa: F401


revision = '0014_datapool_scale'
down_revision = '0006_merge_areas'
branch_labels = None
depends_on = None


def _grams(row: str) -> str:
    """SQL for the space-separated bigrams of a row's name and address, and its last character alone
    (so that a one-character search, a prefix query on the bigrams, finds it too)."""
    text = f"({row}.name || ' ' || {row}.address)"
    return (
        f"((SELECT group_concat(substr({text}, n, 2), ' ') FROM enterprise_fts_seq WHERE n < length({text}))"
        f" || ' ' || substr({text}, -1))"
    )


def _old_grams(row: str) -> str:
    text = f"({row}.name || ' ' || {row}.address)"
    return f"(SELECT group_concat(substr({text}, n, 2), ' ') FROM enterprise_fts_seq WHERE n < length({text}))"


def upgrade() -> None:
    # Plain ALTER TABLE ADD COLUMN: a table copy would drop the search triggers on enterprise.
    op.add_column('enterprise', sa.Column('registration_status', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False, server_default=''))
    op.add_column('enterprise', sa.Column('business_abnormal', sa.Boolean(), nullable=False, server_default=sa.false()))
    op.add_column('import_batch', sa.Column('sha256', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False, server_default=''))
    op.add_column('import_batch', sa.Column('file_size', sa.Integer(), nullable=False, server_default='0'))
    op.add_column('import_batch', sa.Column('actor', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False, server_default=''))
    op.add_column('import_batch', sa.Column('auto_settled', sa.Integer(), nullable=False, server_default='0'))
    op.add_column('field_conflict', sa.Column('settle_id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False, server_default=''))
    op.add_column('field_conflict', sa.Column('previous_value', sqlmodel.sql.sqltypes.AutoString(), nullable=False, server_default=''))
    # (enterprise_id, source) serves every lookup by enterprise; the single-column index only took space.
    op.drop_index('ix_source_record_enterprise_id', table_name='source_record')
    op.create_table(
        'conflict_rule',
        sa.Column('id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column('version', sa.Integer(), nullable=False),
        sa.Column('updated_at', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column('updated_by', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column('deleted', sa.Boolean(), nullable=False),
        sa.Column('field', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column('source', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column('priority', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
        sa.Column('tolerance_pct', sa.Float(), nullable=False),
        sa.Column('enabled', sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_conflict_rule_field', 'conflict_rule', ['field'], unique=False)
    op.create_index('ix_conflict_rule_deleted', 'conflict_rule', ['deleted'], unique=False)
    # Contentless bigram index: the grams are derived from name and address, keeping a copy of them
    # doubled the index. Deleting from a contentless table takes the old grams, computed the same way.
    for trigger in ('enterprise_fts_bigram_ai', 'enterprise_fts_bigram_ad', 'enterprise_fts_bigram_au'):
        op.execute(f'DROP TRIGGER IF EXISTS {trigger}')
    op.execute('DROP TABLE IF EXISTS enterprise_fts_bigram')
    op.execute("CREATE VIRTUAL TABLE enterprise_fts_bigram USING fts5(grams, content='', tokenize='unicode61')")
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


def downgrade() -> None:
    for trigger in ('enterprise_fts_bigram_ai', 'enterprise_fts_bigram_ad', 'enterprise_fts_bigram_au'):
        op.execute(f'DROP TRIGGER IF EXISTS {trigger}')
    op.execute('DROP TABLE IF EXISTS enterprise_fts_bigram')
    op.execute("CREATE VIRTUAL TABLE enterprise_fts_bigram USING fts5(grams, tokenize='unicode61')")
    op.execute(f"INSERT INTO enterprise_fts_bigram (rowid, grams) SELECT rowid, {_old_grams('enterprise')} FROM enterprise")
    op.execute(
        "CREATE TRIGGER enterprise_fts_bigram_ai AFTER INSERT ON enterprise BEGIN "
        f"INSERT INTO enterprise_fts_bigram (rowid, grams) VALUES (new.rowid, {_old_grams('new')}); END"
    )
    op.execute(
        "CREATE TRIGGER enterprise_fts_bigram_ad AFTER DELETE ON enterprise BEGIN "
        "DELETE FROM enterprise_fts_bigram WHERE rowid = old.rowid; END"
    )
    op.execute(
        "CREATE TRIGGER enterprise_fts_bigram_au AFTER UPDATE OF name, address ON enterprise BEGIN "
        "DELETE FROM enterprise_fts_bigram WHERE rowid = old.rowid; "
        f"INSERT INTO enterprise_fts_bigram (rowid, grams) VALUES (new.rowid, {_old_grams('new')}); END"
    )
    op.drop_index('ix_conflict_rule_deleted', table_name='conflict_rule')
    op.drop_index('ix_conflict_rule_field', table_name='conflict_rule')
    op.drop_table('conflict_rule')
    with op.batch_alter_table('source_record', schema=None) as batch_op:
        batch_op.create_index('ix_source_record_enterprise_id', ['enterprise_id'], unique=False)
    with op.batch_alter_table('field_conflict', schema=None) as batch_op:
        batch_op.drop_column('previous_value')
        batch_op.drop_column('settle_id')
    with op.batch_alter_table('import_batch', schema=None) as batch_op:
        for column in ('auto_settled', 'actor', 'file_size', 'sha256'):
            batch_op.drop_column(column)
    op.drop_column('enterprise', 'business_abnormal')  # plain ALTER: a table copy would drop the search triggers
    op.drop_column('enterprise', 'registration_status')

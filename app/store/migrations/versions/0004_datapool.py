"""data pool: provenance, conflicts, import log, union pipeline, saved mappings

Revision ID: 0004_datapool
Revises: 0001_base
Create Date: 2026-11-25 02:45:24.124168
"""
from alembic import op
import sqlalchemy as sa
import sqlmodel  # noqa: F401


revision = '0004_datapool'
down_revision = '0001_base'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('import_batch',
    sa.Column('id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('updated_at', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('updated_by', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('file_name', sqlmodel.sql.sqltypes.AutoString(length=255), nullable=False),
    sa.Column('source', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('sheet', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
    sa.Column('encoding', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
    sa.Column('as_of', sa.Date(), nullable=True),
    sa.Column('started_at', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('rows_read', sa.Integer(), nullable=False),
    sa.Column('inserted', sa.Integer(), nullable=False),
    sa.Column('updated', sa.Integer(), nullable=False),
    sa.Column('unchanged', sa.Integer(), nullable=False),
    sa.Column('rejected', sa.Integer(), nullable=False),
    sa.Column('warnings', sa.Integer(), nullable=False),
    sa.Column('conflicts', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('import_batch', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_import_batch_deleted'), ['deleted'], unique=False)

    op.create_table('import_mapping',
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('source', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('mapping', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('updated_at', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.PrimaryKeyConstraint('name')
    )
    op.create_table('field_conflict',
    sa.Column('id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('updated_at', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('updated_by', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('enterprise_id', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('grid_id', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('field', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
    sa.Column('candidates', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('status', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('chosen_value', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('detected_at', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('resolved_at', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('resolved_by', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.ForeignKeyConstraint(['enterprise_id'], ['enterprise.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('field_conflict', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_field_conflict_deleted'), ['deleted'], unique=False)
        batch_op.create_index('ix_field_conflict_enterprise_field', ['enterprise_id', 'field'], unique=False)
        batch_op.create_index(batch_op.f('ix_field_conflict_enterprise_id'), ['enterprise_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_field_conflict_grid_id'), ['grid_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_field_conflict_status'), ['status'], unique=False)

    op.create_table('source_record',
    sa.Column('id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('updated_at', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('updated_by', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('enterprise_id', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('grid_id', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('source', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('field_values', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('as_of', sa.Date(), nullable=True),
    sa.Column('import_id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
    sa.ForeignKeyConstraint(['enterprise_id'], ['enterprise.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('source_record', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_source_record_deleted'), ['deleted'], unique=False)
        batch_op.create_index(batch_op.f('ix_source_record_enterprise_id'), ['enterprise_id'], unique=False)
        batch_op.create_index('ix_source_record_enterprise_source', ['enterprise_id', 'source'], unique=False)
        batch_op.create_index(batch_op.f('ix_source_record_grid_id'), ['grid_id'], unique=False)

    op.create_table('union_event',
    sa.Column('id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('updated_at', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('updated_by', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('enterprise_id', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('grid_id', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('from_status', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('to_status', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('event_date', sa.Date(), nullable=False),
    sa.Column('member_count', sa.Integer(), nullable=True),
    sa.Column('source', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('note', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.ForeignKeyConstraint(['enterprise_id'], ['enterprise.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('union_event', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_union_event_deleted'), ['deleted'], unique=False)
        batch_op.create_index(batch_op.f('ix_union_event_enterprise_id'), ['enterprise_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_union_event_event_date'), ['event_date'], unique=False)
        batch_op.create_index(batch_op.f('ix_union_event_grid_id'), ['grid_id'], unique=False)




    # Enterprise search, made fast at 100,000 rows: the list in name order from an index, and two-character
    # terms (trigram FTS needs three) through an FTS5 table of the bigrams of name and address. The bigrams
    # are cut in SQL by joining a table of positions, so triggers keep it current however rows change.
    with op.batch_alter_table('enterprise', schema=None) as batch_op:
        batch_op.create_index('ix_enterprise_deleted_name', ['deleted', 'name'], unique=False)
    op.execute("CREATE TABLE enterprise_fts_seq (n INTEGER PRIMARY KEY)")
    op.execute(
        "INSERT INTO enterprise_fts_seq (n) WITH RECURSIVE s(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM s WHERE n < 520) "
        "SELECT n FROM s"
    )
    op.execute("CREATE VIRTUAL TABLE enterprise_fts_bigram USING fts5(grams, tokenize='unicode61')")
    op.execute(f"INSERT INTO enterprise_fts_bigram (rowid, grams) SELECT rowid, {_grams('enterprise')} FROM enterprise")
    op.execute(
        "CREATE TRIGGER enterprise_fts_bigram_ai AFTER INSERT ON enterprise BEGIN "
        f"INSERT INTO enterprise_fts_bigram (rowid, grams) VALUES (new.rowid, {_grams('new')}); END"
    )
    op.execute(
        "CREATE TRIGGER enterprise_fts_bigram_ad AFTER DELETE ON enterprise BEGIN "
        "DELETE FROM enterprise_fts_bigram WHERE rowid = old.rowid; END"
    )
    op.execute(
        "CREATE TRIGGER enterprise_fts_bigram_au AFTER UPDATE OF name, address ON enterprise BEGIN "
        "DELETE FROM enterprise_fts_bigram WHERE rowid = old.rowid; "
        f"INSERT INTO enterprise_fts_bigram (rowid, grams) VALUES (new.rowid, {_grams('new')}); END"
    )


def _grams(row: str) -> str:
    """SQL for the space-separated bigrams of a row's name and address."""
    text = f"({row}.name || ' ' || {row}.address)"
    return (
        f"(SELECT group_concat(substr({text}, n, 2), ' ') FROM enterprise_fts_seq WHERE n < length({text}))"
    )


def downgrade() -> None:
    for trigger in ('enterprise_fts_bigram_ai', 'enterprise_fts_bigram_ad', 'enterprise_fts_bigram_au'):
        op.execute(f'DROP TRIGGER IF EXISTS {trigger}')
    op.execute('DROP TABLE IF EXISTS enterprise_fts_bigram')
    op.execute('DROP TABLE IF EXISTS enterprise_fts_seq')
    with op.batch_alter_table('enterprise', schema=None) as batch_op:
        batch_op.drop_index('ix_enterprise_deleted_name')
    with op.batch_alter_table('union_event', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_union_event_grid_id'))
        batch_op.drop_index(batch_op.f('ix_union_event_event_date'))
        batch_op.drop_index(batch_op.f('ix_union_event_enterprise_id'))
        batch_op.drop_index(batch_op.f('ix_union_event_deleted'))

    op.drop_table('union_event')
    with op.batch_alter_table('source_record', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_source_record_grid_id'))
        batch_op.drop_index('ix_source_record_enterprise_source')
        batch_op.drop_index(batch_op.f('ix_source_record_enterprise_id'))
        batch_op.drop_index(batch_op.f('ix_source_record_deleted'))

    op.drop_table('source_record')
    with op.batch_alter_table('field_conflict', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_field_conflict_status'))
        batch_op.drop_index(batch_op.f('ix_field_conflict_grid_id'))
        batch_op.drop_index(batch_op.f('ix_field_conflict_enterprise_id'))
        batch_op.drop_index('ix_field_conflict_enterprise_field')
        batch_op.drop_index(batch_op.f('ix_field_conflict_deleted'))

    op.drop_table('field_conflict')
    op.drop_table('import_mapping')
    with op.batch_alter_table('import_batch', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_import_batch_deleted'))

    op.drop_table('import_batch')

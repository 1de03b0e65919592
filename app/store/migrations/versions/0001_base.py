"""base tables

Revision ID: 0001_base
Revises: 
Create Date: 2026-11-25 02:36:59.967542
"""
from alembic import op
import sqlalchemy as sa
import sqlmodel  # noqa: F401


revision = '0001_base'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('attachment',
    sa.Column('id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('updated_at', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('updated_by', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('owner_table', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
    sa.Column('owner_id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
    sa.Column('grid_id', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('sha256', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('filename', sqlmodel.sql.sqltypes.AutoString(length=255), nullable=False),
    sa.Column('mime', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('caption', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('field_id', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('attachment', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_attachment_deleted'), ['deleted'], unique=False)
        batch_op.create_index(batch_op.f('ix_attachment_grid_id'), ['grid_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_attachment_owner_id'), ['owner_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_attachment_sha256'), ['sha256'], unique=False)

    op.create_table('blob',
    sa.Column('sha256', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('mime', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
    sa.Column('uploaded', sa.Boolean(), nullable=False),
    sa.Column('created_at', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.PrimaryKeyConstraint('sha256')
    )
    op.create_table('inspector',
    sa.Column('id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('updated_at', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('updated_by', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=50), nullable=False),
    sa.Column('account', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('phone', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
    sa.Column('role', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('title', sqlmodel.sql.sqltypes.AutoString(length=50), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('inspector', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_inspector_account'), ['account'], unique=False)
        batch_op.create_index(batch_op.f('ix_inspector_deleted'), ['deleted'], unique=False)

    op.create_table('local_state',
    sa.Column('key', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('value', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.PrimaryKeyConstraint('key')
    )
    op.create_table('outbox',
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('mutation_id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
    sa.Column('entity', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
    sa.Column('entity_id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
    sa.Column('op', sqlmodel.sql.sqltypes.AutoString(length=8), nullable=False),
    sa.Column('base_version', sa.Integer(), nullable=False),
    sa.Column('patch', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('base_values', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('state', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('last_error', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('created_at', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('created_by', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.PrimaryKeyConstraint('seq'),
    sa.UniqueConstraint('mutation_id')
    )
    with op.batch_alter_table('outbox', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_outbox_entity'), ['entity'], unique=False)
        batch_op.create_index(batch_op.f('ix_outbox_entity_id'), ['entity_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_outbox_state'), ['state'], unique=False)

    op.create_table('grid',
    sa.Column('id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('updated_at', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('updated_by', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('code', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
    sa.Column('district', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
    sa.Column('inspector_id', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('boundary', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.ForeignKeyConstraint(['inspector_id'], ['inspector.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('grid', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_grid_code'), ['code'], unique=False)
        batch_op.create_index(batch_op.f('ix_grid_deleted'), ['deleted'], unique=False)
        batch_op.create_index(batch_op.f('ix_grid_inspector_id'), ['inspector_id'], unique=False)

    op.create_table('enterprise',
    sa.Column('id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('updated_at', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('updated_by', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('credit_code', sqlmodel.sql.sqltypes.AutoString(length=18), nullable=False),
    sa.Column('credit_code_status', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('address', sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
    sa.Column('grid_id', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('industry', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
    sa.Column('registered_date', sa.Date(), nullable=True),
    sa.Column('headcount', sa.Integer(), nullable=True),
    sa.Column('union_status', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('union_established_date', sa.Date(), nullable=True),
    sa.Column('member_count', sa.Integer(), nullable=True),
    sa.Column('legal_rep', sqlmodel.sql.sqltypes.AutoString(length=50), nullable=False),
    sa.Column('contact_name', sqlmodel.sql.sqltypes.AutoString(length=50), nullable=False),
    sa.Column('contact_phone', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
    sa.Column('longitude', sa.Float(), nullable=True),
    sa.Column('latitude', sa.Float(), nullable=True),
    sa.Column('notes', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.ForeignKeyConstraint(['grid_id'], ['grid.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('enterprise', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_enterprise_credit_code'), ['credit_code'], unique=False)
        batch_op.create_index(batch_op.f('ix_enterprise_deleted'), ['deleted'], unique=False)
        batch_op.create_index(batch_op.f('ix_enterprise_grid_id'), ['grid_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_enterprise_headcount'), ['headcount'], unique=False)
        batch_op.create_index(batch_op.f('ix_enterprise_union_status'), ['union_status'], unique=False)

    op.create_table('visit',
    sa.Column('id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('updated_at', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('updated_by', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('enterprise_id', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('grid_id', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('inspector_id', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('visit_date', sa.Date(), nullable=False),
    sa.Column('form_id', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('form_version', sa.Integer(), nullable=False),
    sa.Column('answers', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('status', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('summary', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.ForeignKeyConstraint(['enterprise_id'], ['enterprise.id'], ),
    sa.ForeignKeyConstraint(['inspector_id'], ['inspector.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('visit', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_visit_deleted'), ['deleted'], unique=False)
        batch_op.create_index('ix_visit_enterprise_date', ['enterprise_id', 'visit_date'], unique=False)
        batch_op.create_index(batch_op.f('ix_visit_enterprise_id'), ['enterprise_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_visit_grid_id'), ['grid_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_visit_visit_date'), ['visit_date'], unique=False)

    # Full-text search over names, addresses and codes; trigram works for Chinese without a segmenter.
    op.execute(
        "CREATE VIRTUAL TABLE enterprise_fts USING fts5("
        "name, address, credit_code, content='enterprise', content_rowid='rowid', tokenize='trigram')"
    )
    op.execute(
        "CREATE TRIGGER enterprise_fts_ai AFTER INSERT ON enterprise BEGIN "
        "INSERT INTO enterprise_fts(rowid, name, address, credit_code) "
        "VALUES (new.rowid, new.name, new.address, new.credit_code); END"
    )
    op.execute(
        "CREATE TRIGGER enterprise_fts_ad AFTER DELETE ON enterprise BEGIN "
        "INSERT INTO enterprise_fts(enterprise_fts, rowid, name, address, credit_code) "
        "VALUES ('delete', old.rowid, old.name, old.address, old.credit_code); END"
    )
    op.execute(
        "CREATE TRIGGER enterprise_fts_au AFTER UPDATE OF name, address, credit_code ON enterprise BEGIN "
        "INSERT INTO enterprise_fts(enterprise_fts, rowid, name, address, credit_code) "
        "VALUES ('delete', old.rowid, old.name, old.address, old.credit_code); "
        "INSERT INTO enterprise_fts(rowid, name, address, credit_code) "
        "VALUES (new.rowid, new.name, new.address, new.credit_code); END"
    )


def downgrade() -> None:
    for trigger in ('enterprise_fts_ai', 'enterprise_fts_ad', 'enterprise_fts_au'):
        op.execute(f'DROP TRIGGER IF EXISTS {trigger}')
    op.execute('DROP TABLE IF EXISTS enterprise_fts')
    with op.batch_alter_table('visit', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_visit_visit_date'))
        batch_op.drop_index(batch_op.f('ix_visit_grid_id'))
        batch_op.drop_index(batch_op.f('ix_visit_enterprise_id'))
        batch_op.drop_index('ix_visit_enterprise_date')
        batch_op.drop_index(batch_op.f('ix_visit_deleted'))

    op.drop_table('visit')
    with op.batch_alter_table('enterprise', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_enterprise_union_status'))
        batch_op.drop_index(batch_op.f('ix_enterprise_headcount'))
        batch_op.drop_index(batch_op.f('ix_enterprise_grid_id'))
        batch_op.drop_index(batch_op.f('ix_enterprise_deleted'))
        batch_op.drop_index(batch_op.f('ix_enterprise_credit_code'))

    op.drop_table('enterprise')
    with op.batch_alter_table('grid', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_grid_inspector_id'))
        batch_op.drop_index(batch_op.f('ix_grid_deleted'))
        batch_op.drop_index(batch_op.f('ix_grid_code'))

    op.drop_table('grid')
    with op.batch_alter_table('outbox', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_outbox_state'))
        batch_op.drop_index(batch_op.f('ix_outbox_entity_id'))
        batch_op.drop_index(batch_op.f('ix_outbox_entity'))

    op.drop_table('outbox')
    op.drop_table('local_state')
    with op.batch_alter_table('inspector', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_inspector_deleted'))
        batch_op.drop_index(batch_op.f('ix_inspector_account'))

    op.drop_table('inspector')
    op.drop_table('blob')
    with op.batch_alter_table('attachment', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_attachment_sha256'))
        batch_op.drop_index(batch_op.f('ix_attachment_owner_id'))
        batch_op.drop_index(batch_op.f('ix_attachment_grid_id'))
        batch_op.drop_index(batch_op.f('ix_attachment_deleted'))

    op.drop_table('attachment')

"""supervision matters, their history, letters and local number blocks

Revision ID: 0002_matters_letters
Revises: 0001_base
Create Date: 2026-11-25 02:46:40.966140
"""
from alembic import op
import sqlalchemy as sa
import sqlmodel  # noqa: F401


revision = '0002_matters_letters'
down_revision = '0001_base'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('letter_number_block',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('series_key', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('start', sa.Integer(), nullable=False),
    sa.Column('end', sa.Integer(), nullable=False),
    sa.Column('next_value', sa.Integer(), nullable=False),
    sa.Column('obtained_at', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('series_key', 'year', 'start', name='uq_letter_number_block_start')
    )
    op.create_table('matter',
    sa.Column('id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('updated_at', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('updated_by', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('enterprise_id', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('grid_id', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('source', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('source_ref', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('category', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
    sa.Column('title', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('facts', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('legal_basis', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('demand', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('deadline', sa.Date(), nullable=True),
    sa.Column('status', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('opened_on', sa.Date(), nullable=False),
    sa.Column('closed_on', sa.Date(), nullable=True),
    sa.Column('verification_note', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('verified_on', sa.Date(), nullable=True),
    sa.Column('verified_by', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('inspector_id', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('informant', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.ForeignKeyConstraint(['enterprise_id'], ['enterprise.id'], ),
    sa.ForeignKeyConstraint(['inspector_id'], ['inspector.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('matter', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_matter_category'), ['category'], unique=False)
        batch_op.create_index(batch_op.f('ix_matter_deleted'), ['deleted'], unique=False)
        batch_op.create_index(batch_op.f('ix_matter_enterprise_id'), ['enterprise_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_matter_grid_id'), ['grid_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_matter_opened_on'), ['opened_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_matter_source_ref'), ['source_ref'], unique=False)
        batch_op.create_index(batch_op.f('ix_matter_status'), ['status'], unique=False)
        batch_op.create_index('ix_matter_status_deadline', ['status', 'deadline'], unique=False)

    op.create_table('letter',
    sa.Column('id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('updated_at', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('updated_by', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('matter_id', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('enterprise_id', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('grid_id', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('number', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('number_provisional', sa.Boolean(), nullable=False),
    sa.Column('provisional_number', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('series_key', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
    sa.Column('year', sa.Integer(), nullable=True),
    sa.Column('seq', sa.Integer(), nullable=True),
    sa.Column('title', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('body', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('addressee', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('status', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('issued_on', sa.Date(), nullable=True),
    sa.Column('served_on', sa.Date(), nullable=True),
    sa.Column('replied_on', sa.Date(), nullable=True),
    sa.Column('closed_on', sa.Date(), nullable=True),
    sa.Column('reply_note', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('issued_by', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('pdf_attachment_id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=True),
    sa.ForeignKeyConstraint(['enterprise_id'], ['enterprise.id'], ),
    sa.ForeignKeyConstraint(['matter_id'], ['matter.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('letter', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_letter_deleted'), ['deleted'], unique=False)
        batch_op.create_index(batch_op.f('ix_letter_enterprise_id'), ['enterprise_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_letter_grid_id'), ['grid_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_letter_matter_id'), ['matter_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_letter_number'), ['number'], unique=False)
        batch_op.create_index(batch_op.f('ix_letter_number_provisional'), ['number_provisional'], unique=False)
        batch_op.create_index('ix_letter_series_year', ['series_key', 'year'], unique=False)
        batch_op.create_index('ix_letter_status_issued', ['status', 'issued_on'], unique=False)

    op.create_table('matter_event',
    sa.Column('id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('updated_at', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('updated_by', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('matter_id', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('at', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('actor', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('action', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
    sa.Column('from_status', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('to_status', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('note', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('data', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.ForeignKeyConstraint(['matter_id'], ['matter.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('matter_event', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_matter_event_deleted'), ['deleted'], unique=False)
        batch_op.create_index(batch_op.f('ix_matter_event_matter_id'), ['matter_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('matter_event', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_matter_event_matter_id'))
        batch_op.drop_index(batch_op.f('ix_matter_event_deleted'))

    op.drop_table('matter_event')
    with op.batch_alter_table('letter', schema=None) as batch_op:
        batch_op.drop_index('ix_letter_status_issued')
        batch_op.drop_index('ix_letter_series_year')
        batch_op.drop_index(batch_op.f('ix_letter_number_provisional'))
        batch_op.drop_index(batch_op.f('ix_letter_number'))
        batch_op.drop_index(batch_op.f('ix_letter_matter_id'))
        batch_op.drop_index(batch_op.f('ix_letter_grid_id'))
        batch_op.drop_index(batch_op.f('ix_letter_enterprise_id'))
        batch_op.drop_index(batch_op.f('ix_letter_deleted'))

    op.drop_table('letter')
    with op.batch_alter_table('matter', schema=None) as batch_op:
        batch_op.drop_index('ix_matter_status_deadline')
        batch_op.drop_index(batch_op.f('ix_matter_status'))
        batch_op.drop_index(batch_op.f('ix_matter_source_ref'))
        batch_op.drop_index(batch_op.f('ix_matter_opened_on'))
        batch_op.drop_index(batch_op.f('ix_matter_grid_id'))
        batch_op.drop_index(batch_op.f('ix_matter_enterprise_id'))
        batch_op.drop_index(batch_op.f('ix_matter_deleted'))
        batch_op.drop_index(batch_op.f('ix_matter_category'))

    op.drop_table('matter')
    op.drop_table('letter_number_block')

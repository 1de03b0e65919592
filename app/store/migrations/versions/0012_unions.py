"""Union building: union organisations, covered units, founding steps, yearly checks, members,
enrolment drives, service requests and friendly partners

Revision ID: 0012_unions
Revises: 0006_merge_areas
Create Date: 2026-11-30 02:32:57.320379
"""
from alembic import op
import sqlalchemy as sa
import sqlmodel  # noqa: F401


revision = '0012_unions'
down_revision = '0006_merge_areas'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('service_kind',
    sa.Column('id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('updated_at', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('updated_by', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('code', sqlmodel.sql.sqltypes.AutoString(length=24), nullable=False),
    sa.Column('label', sqlmodel.sql.sqltypes.AutoString(length=50), nullable=False),
    sa.Column('due_days', sa.Integer(), nullable=False),
    sa.Column('sort_order', sa.Integer(), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('service_kind', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_service_kind_code'), ['code'], unique=False)
        batch_op.create_index(batch_op.f('ix_service_kind_deleted'), ['deleted'], unique=False)

    op.create_table('friendly_partner',
    sa.Column('id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('updated_at', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('updated_by', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('grid_id', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('address', sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
    sa.Column('longitude', sa.Float(), nullable=True),
    sa.Column('latitude', sa.Float(), nullable=True),
    sa.Column('offer', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('hours', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
    sa.Column('valid_from', sa.Date(), nullable=True),
    sa.Column('valid_to', sa.Date(), nullable=True),
    sa.Column('contact_name', sqlmodel.sql.sqltypes.AutoString(length=50), nullable=False),
    sa.Column('contact_phone', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
    sa.Column('uses', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['grid_id'], ['grid.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('friendly_partner', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_friendly_partner_deleted'), ['deleted'], unique=False)
        batch_op.create_index('ix_friendly_partner_deleted_name', ['deleted', 'name'], unique=False)
        batch_op.create_index(batch_op.f('ix_friendly_partner_grid_id'), ['grid_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_friendly_partner_kind'), ['kind'], unique=False)

    op.create_table('union_org',
    sa.Column('id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('updated_at', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('updated_by', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('form', sqlmodel.sql.sqltypes.AutoString(length=24), nullable=False),
    sa.Column('grid_id', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('address', sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
    sa.Column('chair_name', sqlmodel.sql.sqltypes.AutoString(length=50), nullable=False),
    sa.Column('committee_names', sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
    sa.Column('contact_phone', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
    sa.Column('status', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('founded_on', sa.Date(), nullable=True),
    sa.Column('current_step', sqlmodel.sql.sqltypes.AutoString(length=24), nullable=False),
    sa.Column('members', sa.Integer(), nullable=False),
    sa.Column('last_check_year', sa.Integer(), nullable=True),
    sa.Column('last_check_percent', sa.Integer(), nullable=True),
    sa.Column('longitude', sa.Float(), nullable=True),
    sa.Column('latitude', sa.Float(), nullable=True),
    sa.Column('notes', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.ForeignKeyConstraint(['grid_id'], ['grid.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('union_org', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_union_org_deleted'), ['deleted'], unique=False)
        batch_op.create_index('ix_union_org_deleted_name', ['deleted', 'name'], unique=False)
        batch_op.create_index('ix_union_org_deleted_check', ['deleted', 'last_check_percent'], unique=False)
        batch_op.create_index(batch_op.f('ix_union_org_form'), ['form'], unique=False)
        batch_op.create_index(batch_op.f('ix_union_org_founded_on'), ['founded_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_union_org_grid_id'), ['grid_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_union_org_status'), ['status'], unique=False)

    op.create_table('enrolment_drive',
    sa.Column('id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('updated_at', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('updated_by', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('union_id', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('grid_id', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('held_on', sa.Date(), nullable=False),
    sa.Column('place', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('key_group', sqlmodel.sql.sqltypes.AutoString(length=24), nullable=False),
    sa.Column('enrolled', sa.Integer(), nullable=False),
    sa.Column('new_members', sa.Integer(), nullable=False),
    sa.Column('notes', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.ForeignKeyConstraint(['grid_id'], ['grid.id'], ),
    sa.ForeignKeyConstraint(['union_id'], ['union_org.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('enrolment_drive', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_enrolment_drive_deleted'), ['deleted'], unique=False)
        batch_op.create_index(batch_op.f('ix_enrolment_drive_grid_id'), ['grid_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_enrolment_drive_held_on'), ['held_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_enrolment_drive_union_id'), ['union_id'], unique=False)

    op.create_table('partner_use',
    sa.Column('id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('updated_at', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('updated_by', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('partner_id', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('grid_id', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('reported_on', sa.Date(), nullable=False),
    sa.Column('uses', sa.Integer(), nullable=False),
    sa.Column('key_group', sqlmodel.sql.sqltypes.AutoString(length=24), nullable=False),
    sa.ForeignKeyConstraint(['grid_id'], ['grid.id'], ),
    sa.ForeignKeyConstraint(['partner_id'], ['friendly_partner.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('partner_use', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_partner_use_deleted'), ['deleted'], unique=False)
        batch_op.create_index(batch_op.f('ix_partner_use_grid_id'), ['grid_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_partner_use_partner_id'), ['partner_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_partner_use_reported_on'), ['reported_on'], unique=False)

    op.create_table('union_check',
    sa.Column('id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('updated_at', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('updated_by', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('union_id', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('grid_id', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('checked_on', sa.Date(), nullable=False),
    sa.Column('answers', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('score', sa.Integer(), nullable=False),
    sa.Column('max_score', sa.Integer(), nullable=False),
    sa.Column('percent', sa.Integer(), nullable=False),
    sa.Column('reasons', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('checked_by', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.ForeignKeyConstraint(['grid_id'], ['grid.id'], ),
    sa.ForeignKeyConstraint(['union_id'], ['union_org.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('union_check', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_union_check_deleted'), ['deleted'], unique=False)
        batch_op.create_index(batch_op.f('ix_union_check_grid_id'), ['grid_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_union_check_percent'), ['percent'], unique=False)
        batch_op.create_index('ix_union_check_union_year', ['union_id', 'year'], unique=False)
        batch_op.create_index(batch_op.f('ix_union_check_year'), ['year'], unique=False)

    op.create_table('union_member',
    sa.Column('id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('updated_at', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('updated_by', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('union_id', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('enterprise_id', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('grid_id', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('member_name', sqlmodel.sql.sqltypes.AutoString(length=50), nullable=False),
    sa.Column('id_number', sqlmodel.sql.sqltypes.AutoString(length=18), nullable=False),
    sa.Column('phone', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
    sa.Column('key_group', sqlmodel.sql.sqltypes.AutoString(length=24), nullable=False),
    sa.Column('joined_on', sa.Date(), nullable=True),
    sa.Column('new_member', sa.Boolean(), nullable=False),
    sa.Column('import_id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
    sa.ForeignKeyConstraint(['enterprise_id'], ['enterprise.id'], ),
    sa.ForeignKeyConstraint(['grid_id'], ['grid.id'], ),
    sa.ForeignKeyConstraint(['union_id'], ['union_org.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('union_member', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_union_member_deleted'), ['deleted'], unique=False)
        batch_op.create_index('ix_union_member_deleted_name', ['deleted', 'member_name'], unique=False)
        batch_op.create_index(batch_op.f('ix_union_member_enterprise_id'), ['enterprise_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_union_member_grid_id'), ['grid_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_union_member_id_number'), ['id_number'], unique=False)
        batch_op.create_index(batch_op.f('ix_union_member_joined_on'), ['joined_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_union_member_key_group'), ['key_group'], unique=False)
        batch_op.create_index(batch_op.f('ix_union_member_union_id'), ['union_id'], unique=False)

    op.create_table('union_member_count',
    sa.Column('id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('updated_at', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('updated_by', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('union_id', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('grid_id', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('enterprise_id', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('as_of', sa.Date(), nullable=False),
    sa.Column('members', sa.Integer(), nullable=False),
    sa.Column('new_form_members', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['enterprise_id'], ['enterprise.id'], ),
    sa.ForeignKeyConstraint(['grid_id'], ['grid.id'], ),
    sa.ForeignKeyConstraint(['union_id'], ['union_org.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('union_member_count', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_union_member_count_as_of'), ['as_of'], unique=False)
        batch_op.create_index(batch_op.f('ix_union_member_count_deleted'), ['deleted'], unique=False)
        batch_op.create_index(batch_op.f('ix_union_member_count_enterprise_id'), ['enterprise_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_union_member_count_grid_id'), ['grid_id'], unique=False)
        batch_op.create_index('ix_union_member_count_union_date', ['union_id', 'as_of'], unique=False)

    op.create_table('union_step',
    sa.Column('id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('updated_at', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('updated_by', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('union_id', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('grid_id', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('step', sqlmodel.sql.sqltypes.AutoString(length=24), nullable=False),
    sa.Column('done_on', sa.Date(), nullable=False),
    sa.Column('note', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.ForeignKeyConstraint(['grid_id'], ['grid.id'], ),
    sa.ForeignKeyConstraint(['union_id'], ['union_org.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('union_step', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_union_step_deleted'), ['deleted'], unique=False)
        batch_op.create_index(batch_op.f('ix_union_step_grid_id'), ['grid_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_union_step_union_id'), ['union_id'], unique=False)

    op.create_table('union_unit',
    sa.Column('id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('updated_at', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('updated_by', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('union_id', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('enterprise_id', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('form', sqlmodel.sql.sqltypes.AutoString(length=24), nullable=False),
    sa.Column('unit_kind', sqlmodel.sql.sqltypes.AutoString(length=24), nullable=False),
    sa.Column('joined_on', sa.Date(), nullable=True),
    sa.Column('staff', sa.Integer(), nullable=True),
    sa.Column('members', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['enterprise_id'], ['enterprise.id'], ),
    sa.ForeignKeyConstraint(['union_id'], ['union_org.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('union_unit', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_union_unit_deleted'), ['deleted'], unique=False)
        batch_op.create_index('ix_union_unit_enterprise_form', ['enterprise_id', 'form'], unique=False)
        batch_op.create_index(batch_op.f('ix_union_unit_union_id'), ['union_id'], unique=False)

    op.create_table('service_request',
    sa.Column('id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('updated_at', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('updated_by', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('enterprise_id', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('grid_id', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('visit_id', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=24), nullable=False),
    sa.Column('requested_on', sa.Date(), nullable=False),
    sa.Column('requester_name', sqlmodel.sql.sqltypes.AutoString(length=50), nullable=False),
    sa.Column('detail', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('provider', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('provider_detail', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('partner_id', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('due_date', sa.Date(), nullable=True),
    sa.Column('status', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('outcome', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('done_on', sa.Date(), nullable=True),
    sa.ForeignKeyConstraint(['enterprise_id'], ['enterprise.id'], ),
    sa.ForeignKeyConstraint(['grid_id'], ['grid.id'], ),
    sa.ForeignKeyConstraint(['partner_id'], ['friendly_partner.id'], ),
    sa.ForeignKeyConstraint(['visit_id'], ['visit.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('service_request', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_service_request_deleted'), ['deleted'], unique=False)
        batch_op.create_index(batch_op.f('ix_service_request_enterprise_id'), ['enterprise_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_service_request_grid_id'), ['grid_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_service_request_requested_on'), ['requested_on'], unique=False)
        batch_op.create_index('ix_service_request_visit_kind', ['visit_id', 'kind'], unique=False)
        batch_op.create_index('ix_service_request_deleted_requested', ['deleted', 'requested_on'], unique=False)
        batch_op.create_index(
            'ix_service_request_open_due', ['due_date'], unique=False,
            sqlite_where=sa.text("deleted = 0 AND status IN ('open', 'in_progress')"),
        )



def downgrade() -> None:
    with op.batch_alter_table('service_request', schema=None) as batch_op:
        batch_op.drop_index('ix_service_request_open_due')
        batch_op.drop_index('ix_service_request_deleted_requested')
        batch_op.drop_index('ix_service_request_visit_kind')
        batch_op.drop_index(batch_op.f('ix_service_request_requested_on'))
        batch_op.drop_index(batch_op.f('ix_service_request_grid_id'))
        batch_op.drop_index(batch_op.f('ix_service_request_enterprise_id'))
        batch_op.drop_index(batch_op.f('ix_service_request_deleted'))

    op.drop_table('service_request')
    with op.batch_alter_table('union_unit', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_union_unit_union_id'))
        batch_op.drop_index('ix_union_unit_enterprise_form')
        batch_op.drop_index(batch_op.f('ix_union_unit_deleted'))

    op.drop_table('union_unit')
    with op.batch_alter_table('union_step', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_union_step_union_id'))
        batch_op.drop_index(batch_op.f('ix_union_step_grid_id'))
        batch_op.drop_index(batch_op.f('ix_union_step_deleted'))

    op.drop_table('union_step')
    with op.batch_alter_table('union_member_count', schema=None) as batch_op:
        batch_op.drop_index('ix_union_member_count_union_date')
        batch_op.drop_index(batch_op.f('ix_union_member_count_grid_id'))
        batch_op.drop_index(batch_op.f('ix_union_member_count_enterprise_id'))
        batch_op.drop_index(batch_op.f('ix_union_member_count_deleted'))
        batch_op.drop_index(batch_op.f('ix_union_member_count_as_of'))

    op.drop_table('union_member_count')
    with op.batch_alter_table('union_member', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_union_member_union_id'))
        batch_op.drop_index(batch_op.f('ix_union_member_key_group'))
        batch_op.drop_index(batch_op.f('ix_union_member_joined_on'))
        batch_op.drop_index(batch_op.f('ix_union_member_id_number'))
        batch_op.drop_index(batch_op.f('ix_union_member_grid_id'))
        batch_op.drop_index(batch_op.f('ix_union_member_enterprise_id'))
        batch_op.drop_index('ix_union_member_deleted_name')
        batch_op.drop_index(batch_op.f('ix_union_member_deleted'))

    op.drop_table('union_member')
    with op.batch_alter_table('union_check', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_union_check_year'))
        batch_op.drop_index('ix_union_check_union_year')
        batch_op.drop_index(batch_op.f('ix_union_check_percent'))
        batch_op.drop_index(batch_op.f('ix_union_check_grid_id'))
        batch_op.drop_index(batch_op.f('ix_union_check_deleted'))

    op.drop_table('union_check')
    with op.batch_alter_table('partner_use', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_partner_use_reported_on'))
        batch_op.drop_index(batch_op.f('ix_partner_use_partner_id'))
        batch_op.drop_index(batch_op.f('ix_partner_use_grid_id'))
        batch_op.drop_index(batch_op.f('ix_partner_use_deleted'))

    op.drop_table('partner_use')
    with op.batch_alter_table('enrolment_drive', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_enrolment_drive_union_id'))
        batch_op.drop_index(batch_op.f('ix_enrolment_drive_held_on'))
        batch_op.drop_index(batch_op.f('ix_enrolment_drive_grid_id'))
        batch_op.drop_index(batch_op.f('ix_enrolment_drive_deleted'))

    op.drop_table('enrolment_drive')
    with op.batch_alter_table('union_org', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_union_org_status'))
        batch_op.drop_index(batch_op.f('ix_union_org_grid_id'))
        batch_op.drop_index(batch_op.f('ix_union_org_founded_on'))
        batch_op.drop_index(batch_op.f('ix_union_org_form'))
        batch_op.drop_index('ix_union_org_deleted_check')
        batch_op.drop_index('ix_union_org_deleted_name')
        batch_op.drop_index(batch_op.f('ix_union_org_deleted'))

    op.drop_table('union_org')
    with op.batch_alter_table('friendly_partner', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_friendly_partner_kind'))
        batch_op.drop_index(batch_op.f('ix_friendly_partner_grid_id'))
        batch_op.drop_index('ix_friendly_partner_deleted_name')
        batch_op.drop_index(batch_op.f('ix_friendly_partner_deleted'))

    op.drop_table('friendly_partner')
    with op.batch_alter_table('service_kind', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_service_kind_deleted'))
        batch_op.drop_index(batch_op.f('ix_service_kind_code'))

    op.drop_table('service_kind')

"""mutation ids per account, blob references, admin audit

Revision ID: s0011_scopes_audit
Revises: s0001_server_base
Create Date: 2026-11-30 02:50:00
"""
import json

from alembic import op
import sqlalchemy as sa
import sqlmodel  # noqa: F401


revision = 's0011_scopes_audit'
down_revision = 's0001_server_base'
branch_labels = None
depends_on = None

_S = sqlmodel.sql.sqltypes.AutoString


def upgrade() -> None:
    op.create_table('admin_action',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('at', _S(length=32), nullable=False),
    sa.Column('actor', _S(length=100), nullable=False),
    sa.Column('action', _S(length=32), nullable=False),
    sa.Column('target', _S(length=200), nullable=False),
    sa.Column('detail', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('admin_action', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_admin_action_action'), ['action'], unique=False)
        batch_op.create_index(batch_op.f('ix_admin_action_at'), ['at'], unique=False)

    op.create_table('blob_ref',
    sa.Column('sha256', _S(length=64), nullable=False),
    sa.Column('entity', _S(length=64), nullable=False),
    sa.Column('entity_id', _S(length=64), nullable=False),
    sa.PrimaryKeyConstraint('sha256', 'entity', 'entity_id')
    )
    # Rows already on the server that name a blob (attachments) keep their blobs readable.
    conn = op.get_bind()
    refs = set()
    for entity, entity_id, data in conn.execute(sa.text("SELECT entity, id, data FROM record WHERE data LIKE '%sha256%'")):
        try:
            values = json.loads(data or "{}")
        except ValueError:
            continue
        for name, value in values.items() if isinstance(values, dict) else ():
            if (name == "sha256" or name.endswith("_sha256")) and isinstance(value, str) and len(value) == 64:
                refs.add((value, entity, entity_id))
    if refs:
        conn.execute(
            sa.text("INSERT INTO blob_ref (sha256, entity, entity_id) VALUES (:s, :e, :i)"),
            [{"s": s, "e": e, "i": i} for s, e, i in sorted(refs)],
        )

    # The ledger is keyed by (account, mutation id) from now on; old rows get their device's account.
    op.create_table('mutation_ledger_v2',
    sa.Column('account_id', _S(length=36), nullable=False),
    sa.Column('mutation_id', _S(length=64), nullable=False),
    sa.Column('device_id', _S(length=36), nullable=False),
    sa.Column('payload_hash', _S(length=64), nullable=False),
    sa.Column('status', _S(length=16), nullable=False),
    sa.Column('result', sa.Text(), nullable=False),
    sa.Column('created_at', _S(length=32), nullable=False),
    sa.PrimaryKeyConstraint('account_id', 'mutation_id')
    )
    op.execute(
        "INSERT INTO mutation_ledger_v2 (account_id, mutation_id, device_id, payload_hash, status, result, created_at) "
        "SELECT COALESCE(d.account_id, ''), m.mutation_id, m.device_id, m.payload_hash, m.status, m.result, m.created_at "
        "FROM mutation_ledger m LEFT JOIN device d ON d.id = m.device_id"
    )
    with op.batch_alter_table('mutation_ledger', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_mutation_ledger_device_id'))
    op.drop_table('mutation_ledger')
    op.rename_table('mutation_ledger_v2', 'mutation_ledger')
    with op.batch_alter_table('mutation_ledger', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_mutation_ledger_device_id'), ['device_id'], unique=False)


def downgrade() -> None:
    op.create_table('mutation_ledger_v1',
    sa.Column('mutation_id', _S(length=64), nullable=False),
    sa.Column('device_id', _S(length=36), nullable=False),
    sa.Column('payload_hash', _S(length=64), nullable=False),
    sa.Column('status', _S(length=16), nullable=False),
    sa.Column('result', sa.Text(), nullable=False),
    sa.Column('created_at', _S(length=32), nullable=False),
    sa.PrimaryKeyConstraint('mutation_id')
    )
    op.execute(
        "INSERT INTO mutation_ledger_v1 (mutation_id, device_id, payload_hash, status, result, created_at) "
        "SELECT mutation_id, MIN(device_id), MIN(payload_hash), MIN(status), MIN(result), MIN(created_at) "
        "FROM mutation_ledger GROUP BY mutation_id"
    )
    with op.batch_alter_table('mutation_ledger', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_mutation_ledger_device_id'))
    op.drop_table('mutation_ledger')
    op.rename_table('mutation_ledger_v1', 'mutation_ledger')
    with op.batch_alter_table('mutation_ledger', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_mutation_ledger_device_id'), ['device_id'], unique=False)
    op.drop_table('blob_ref')
    with op.batch_alter_table('admin_action', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_admin_action_at'))
        batch_op.drop_index(batch_op.f('ix_admin_action_action'))
    op.drop_table('admin_action')

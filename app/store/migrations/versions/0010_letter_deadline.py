"""The deadline of an issued letter, stored once on the letter

Revision ID: 0010_letter_deadline
Revises: 0006_merge_areas
Create Date: 2026-11-30 02:45:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0010_letter_deadline'
down_revision = '0006_merge_areas'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('letter', schema=None) as batch_op:
        batch_op.add_column(sa.Column('deadline', sa.Date(), nullable=True))
    # Letters issued before: their deadline was kept on the matter only.
    op.execute(
        "UPDATE letter SET deadline = (SELECT m.deadline FROM matter m WHERE m.id = letter.matter_id) "
        "WHERE status != 'draft' AND matter_id IS NOT NULL"
    )


def downgrade() -> None:
    with op.batch_alter_table('letter', schema=None) as batch_op:
        batch_op.drop_column('deadline')

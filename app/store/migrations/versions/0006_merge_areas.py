"""Joins the areas' parallel migrations into one line, so that the next migration has one parent.

Revision ID: 0006_merge_areas
Revises: 0002b_matter_event_grid, 0003_sync, 0004_datapool, 0005_ops
"""

revision = "0006_merge_areas"
down_revision = ("0002b_matter_event_grid", "0003_sync", "0004_datapool", "0005_ops")
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass

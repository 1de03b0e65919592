"""merge the figure tables and the device kind

Revision ID: s0017_merge_figures_device_kind
Revises: s0015_figures, s0016_device_kind
"""

revision = 's0017_merge_figures_device_kind'
down_revision = ('s0015_figures', 's0016_device_kind')
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass

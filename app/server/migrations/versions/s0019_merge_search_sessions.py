"""merge the search indexes and the shared web sessions

Revision ID: s0019_merge_search_sessions
Revises: s0018a_record_search, s0018b_web_sessions
"""

revision = 's0019_merge_search_sessions'
down_revision = ('s0018a_record_search', 's0018b_web_sessions')
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass

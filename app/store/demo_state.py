"""Whether this database holds the demo district, and clearing it. Demo rows are made up: they must
never reach a district server (the sync engine refuses while the mark is set) and an inspector who
signs in is asked to clear them first. The mark is a local_state key set when the demo is made; a
database from before the mark is recognised by the demo's actor in the audit log."""

from __future__ import annotations

from sqlalchemy import text
from sqlmodel import Session, SQLModel

import app.store.tables  # noqa: F401  (every table in the metadata)
from app.store import local_state
from app.store.db import Database

DEMO_KEY = "demo_district"
# Set when the user cleared the demo: an empty database then stays empty on the next start.
CLEARED_KEY = "demo_cleared"
DEMO_ACTOR = "demo"
# Installation state that survives clearing: which device this is (its letter-number blocks and
# server login are separate and refused while demo data is present anyway).
KEEP_STATE = {local_state.DEVICE_ID}
NOT_CLEARED = {"alembic_version"}


def mark(session: Session) -> None:
    local_state.put(session, DEMO_KEY, "1")
    local_state.put(session, CLEARED_KEY, "")


def is_demo(session: Session) -> bool:
    if local_state.get(session, DEMO_KEY) == "1":
        return True
    try:
        row = session.connection().execute(
            text("SELECT 1 FROM audit_log WHERE actor = :actor LIMIT 1"), {"actor": DEMO_ACTOR}
        ).first()
    except Exception:  # an old database without the audit log
        return False
    return row is not None


def clear(db: Database) -> int:
    """Delete every row of the database (the demo is all it holds) except the schema version and this
    device's id; returns how many rows went. One transaction: all or nothing."""
    removed = 0
    with db.write() as session:
        conn = session.connection()
        names = [
            r[0]
            for r in conn.execute(
                text("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
            )
        ]
        conn.execute(text("PRAGMA defer_foreign_keys = ON"))
        for name in names:
            if name == "local_state":
                keep = ", ".join(f"'{k}'" for k in sorted(KEEP_STATE))
                result = conn.execute(text(f"DELETE FROM local_state WHERE key NOT IN ({keep})"))
            elif name in SQLModel.metadata.tables and name not in NOT_CLEARED:
                result = conn.execute(text(f'DELETE FROM "{name}"'))
            else:  # helper tables of the schema (search indexes, number series) stay
                continue
            removed += max(0, result.rowcount or 0)
        local_state.put(session, CLEARED_KEY, "1")
    return removed


def was_cleared(session: Session) -> bool:
    return local_state.get(session, CLEARED_KEY) == "1"

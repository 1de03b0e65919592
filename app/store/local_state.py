"""Small key/value settings of this installation."""

from __future__ import annotations

from sqlmodel import Session

from app.store.tables.local import LocalState

TARGET_HEADCOUNT = "target_headcount"
CURRENT_USER = "current_user"
DEVICE_ID = "device_id"


def get(session: Session, key: str, default: str = "") -> str:
    row = session.get(LocalState, key)
    return row.value if row else default


def put(session: Session, key: str, value: str) -> None:
    row = session.get(LocalState, key)
    if row is None:
        session.add(LocalState(key=key, value=value))
    else:
        row.value = value
        session.add(row)


def get_int(session: Session, key: str, default: int) -> int:
    raw = get(session, key, "")
    try:
        return int(raw) if raw else default
    except ValueError:
        return default

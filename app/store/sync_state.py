"""What this installation knows about its sync partner: server address, account, device and the pull
cursor. Kept in local_state; the refresh token is deliberately not here (it lives in the OS keyring)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from sqlmodel import Session

from app.store import local_state

SERVER_URL = "sync.server_url"
USERNAME = "sync.username"
DEVICE_ID = local_state.DEVICE_ID
PULL_CURSOR = "sync.pull_cursor"
LAST_SYNC_AT = "sync.last_sync_at"
LAST_ATTEMPT_AT = "sync.last_attempt_at"
LAST_ERROR = "sync.last_error"
LAST_REPORT = "sync.last_report"
REVOKED = "sync.revoked"


@dataclass
class SyncSettings:
    server_url: str = ""
    username: str = ""
    device_id: str = ""
    pull_cursor: int = 0
    last_sync_at: str = ""
    last_attempt_at: str = ""
    last_error: str = ""
    revoked: bool = False
    last_report: dict[str, Any] = field(default_factory=dict)

    @property
    def configured(self) -> bool:
        return bool(self.server_url and self.device_id)


def load(session: Session) -> SyncSettings:
    try:
        report = json.loads(local_state.get(session, LAST_REPORT, "{}"))
    except ValueError:
        report = {}
    return SyncSettings(
        server_url=local_state.get(session, SERVER_URL),
        username=local_state.get(session, USERNAME),
        device_id=local_state.get(session, DEVICE_ID),
        pull_cursor=local_state.get_int(session, PULL_CURSOR, 0),
        last_sync_at=local_state.get(session, LAST_SYNC_AT),
        last_attempt_at=local_state.get(session, LAST_ATTEMPT_AT),
        last_error=local_state.get(session, LAST_ERROR),
        revoked=local_state.get(session, REVOKED) == "1",
        last_report=report if isinstance(report, dict) else {},
    )


def save_login(session: Session, server_url: str, username: str, device_id: str) -> None:
    """Another server or account may see other grids, so the pull then starts again from the
    beginning (rows already here are matched by id, nothing is doubled)."""
    same_partner = (local_state.get(session, SERVER_URL), local_state.get(session, USERNAME)) == (
        server_url,
        username,
    )
    local_state.put(session, SERVER_URL, server_url)
    local_state.put(session, USERNAME, username)
    local_state.put(session, DEVICE_ID, device_id)
    local_state.put(session, REVOKED, "")
    if not same_partner:
        local_state.put(session, PULL_CURSOR, "0")
        local_state.put(session, "sync.account_grids", "")  # another account's grids are no loss


def clear_login(session: Session) -> None:
    """Forgets the device but keeps the server address and account name, to prefill the next login."""
    local_state.put(session, DEVICE_ID, "")
    local_state.put(session, REVOKED, "")


def mark_revoked(session: Session, message: str) -> None:
    local_state.put(session, REVOKED, "1")
    local_state.put(session, LAST_ERROR, message)


def set_cursor(session: Session, cursor: int) -> None:
    local_state.put(session, PULL_CURSOR, str(int(cursor)))


def record_attempt(session: Session, at: str, error: str, report: dict[str, Any], *, success: bool) -> None:
    local_state.put(session, LAST_ATTEMPT_AT, at)
    local_state.put(session, LAST_ERROR, error)
    local_state.put(session, LAST_REPORT, json.dumps(report, ensure_ascii=False, sort_keys=True))
    if success:
        local_state.put(session, LAST_SYNC_AT, at)

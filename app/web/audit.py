"""The admin-action audit of the web pages: the office's actions go into the server's `admin_action`
table, the one log `admin-audit` and `GET /v1/admin/audit` list, so the command line, the API and the
web audit page show the same history. Where an action changes synced rows, its line is written in the
change's own transaction (`record_in`); otherwise `record` opens one.

Servers that ran the first web pages kept their log in `admin-actions.jsonl` (one JSON line per action,
each carrying the SHA-256 of the previous line). That file is no longer written; `legacy` reads it so
the audit page still shows those older lines, with their chain checked."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from sqlmodel import Session

from app.server.accounts import list_actions, record_action
from app.server.db import ServerDB

FILE_NAME = "admin-actions.jsonl"


def _detail(detail: dict[str, Any] | None) -> str:
    """JSON with `"via": "web"`, so the web's lines read apart from the command line's and the API's."""
    return json.dumps({**(detail or {}), "via": "web"}, ensure_ascii=False, sort_keys=True)


def record_in(session: Session, actor: str, action: str, target: str, detail: dict[str, Any] | None = None) -> None:
    record_action(session, actor, action, target, _detail(detail))


def record(db: ServerDB, actor: str, action: str, target: str, detail: dict[str, Any] | None = None) -> None:
    with db.write() as session:
        record_in(session, actor, action, target, detail)


def read(db: ServerDB, limit: int = 200) -> list[dict[str, Any]]:
    """Newest first, as dictionaries (at, actor, action, target, detail)."""
    return [a.model_dump() for a in list_actions(db, limit)]


def legacy(data_dir: Path, limit: int = 200) -> list[dict[str, Any]]:
    """The lines of the old audit file, newest first (none when the server never had one)."""
    path = data_dir / FILE_NAME
    if not path.exists():
        return []
    lines = path.read_text(encoding="utf-8").splitlines()[-limit:]
    return [json.loads(line) for line in reversed(lines) if line.strip()]


def legacy_intact(data_dir: Path) -> bool:
    path = data_dir / FILE_NAME
    if not path.exists():
        return True
    prev = ""
    for raw in path.read_bytes().splitlines():
        if json.loads(raw).get("prev", "") != prev:
            return False
        prev = hashlib.sha256(raw).hexdigest()
    return True

"""The admin-action audit of the web pages: who did what to which record, appended as one JSON line per
action to `admin-actions.jsonl` in the server's data folder (owner-readable only), each line carrying the
SHA-256 of the previous one so a removed or edited line shows.

A small stand-in until the server keeps an audit table of its own; `record` is the one call to move."""

from __future__ import annotations

import hashlib
import json
import os
import threading
from pathlib import Path
from typing import Any

from app.core.ids import utc_now_iso

FILE_NAME = "admin-actions.jsonl"
_lock = threading.Lock()


def _last_hash(path: Path) -> str:
    if not path.exists():
        return ""
    with path.open("rb") as fh:
        fh.seek(0, os.SEEK_END)
        size = fh.tell()
        fh.seek(max(0, size - 65536))
        lines = fh.read().splitlines()
    return hashlib.sha256(lines[-1]).hexdigest() if lines else ""


def record(data_dir: Path, actor: str, action: str, target: str, detail: dict[str, Any] | None = None) -> None:
    path = data_dir / FILE_NAME
    with _lock:
        entry = {"at": utc_now_iso(), "actor": actor, "action": action, "target": target,
                 "detail": detail or {}, "prev": _last_hash(path)}
        line = json.dumps(entry, ensure_ascii=False, sort_keys=True) + "\n"
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        with os.fdopen(fd, "a", encoding="utf-8") as fh:
            fh.write(line)
            fh.flush()
            os.fsync(fh.fileno())


def read(data_dir: Path, limit: int = 200) -> list[dict[str, Any]]:
    path = data_dir / FILE_NAME
    if not path.exists():
        return []
    lines = path.read_text(encoding="utf-8").splitlines()[-limit:]
    return [json.loads(line) for line in reversed(lines) if line.strip()]


def verify(data_dir: Path) -> bool:
    path = data_dir / FILE_NAME
    if not path.exists():
        return True
    prev = ""
    for raw in path.read_bytes().splitlines():
        if json.loads(raw).get("prev", "") != prev:
            return False
        prev = hashlib.sha256(raw).hexdigest()
    return True

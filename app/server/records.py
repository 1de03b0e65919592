"""Writing synced rows on the server: the record's new state and its change-log entry, always together,
with sequence numbers handed out under the writer lock (see db.ServerDB.write(serialize=True))."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from sqlalchemy import func, tuple_
from sqlmodel import Session, select

from app.core.ids import utc_now_iso
from app.server.merge import RowState
from app.server.tables import ChangeLog, Record

RecordLookup = Callable[[str, str], Record | None]


def dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def loads_data(record: Record) -> dict[str, Any]:
    value = json.loads(record.data or "{}")
    return value if isinstance(value, dict) else {}


def row_state(record: Record | None) -> RowState | None:
    if record is None:
        return None
    return RowState(version=record.version, data=loads_data(record), deleted=record.deleted)


def max_seq(session: Session) -> int:
    value = session.exec(select(func.max(ChangeLog.seq))).one()
    return int(value or 0)


def derive_grid(entity: str, data: Mapping[str, Any], lookup: RecordLookup) -> str | None:
    """The grid a row belongs to: its own grid_id, or that of the enterprise (or owner row) it hangs on.
    Grids and inspectors themselves are district-wide reference rows (no grid)."""
    if entity in ("grid", "inspector"):
        return None
    if "grid_id" in data:
        value = data.get("grid_id")
        return str(value) if value else None
    parent: Record | None = None
    if data.get("enterprise_id"):
        parent = lookup("enterprise", str(data["enterprise_id"]))
    elif data.get("owner_table") and data.get("owner_id"):
        parent = lookup(str(data["owner_table"]), str(data["owner_id"]))
    return parent.grid_id if parent is not None else None


def load_records(session: Session, keys: Iterable[tuple[str, str]]) -> dict[tuple[str, str], Record]:
    wanted = list(dict.fromkeys(keys))
    found: dict[tuple[str, str], Record] = {}
    for start in range(0, len(wanted), 400):
        chunk = wanted[start : start + 400]
        rows = session.exec(select(Record).where(tuple_(Record.entity, Record.id).in_(chunk))).all()
        for row in rows:
            found[(row.entity, row.id)] = row
    return found


class RecordWriter:
    """Hands out consecutive sequence numbers within one serialized transaction."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.seq = max_seq(session)

    def write(
        self,
        *,
        entity: str,
        entity_id: str,
        existing: Record | None,
        data: Mapping[str, Any],
        deleted: bool,
        grid_id: str | None,
        fields: list[str],
        user: str,
        device_id: str,
        mutation_id: str,
    ) -> Record:
        self.seq += 1
        now = utc_now_iso()
        record = existing or Record(entity=entity, id=entity_id, version=0, seq=self.seq)
        record.version = (existing.version if existing else 0) + 1
        record.seq = self.seq
        record.data = dumps(dict(data))
        record.deleted = deleted
        if existing is not None and existing.grid_id != grid_id and existing.grid_id is not None:
            record.prev_grid_id = existing.grid_id
        record.grid_id = grid_id
        record.updated_at = now
        record.updated_by = user
        self.session.add(record)
        self.session.add(
            ChangeLog(
                seq=self.seq,
                entity=entity,
                entity_id=entity_id,
                version=record.version,
                fields=dumps(fields),
                grid_id=grid_id,
                user=user,
                device_id=device_id,
                mutation_id=mutation_id,
                at=now,
            )
        )
        # Flushed one by one: a later mutation in the batch may reuse this row (and its seq must be unique).
        self.session.flush()
        return record

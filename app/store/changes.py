"""Every write of a synced row goes through here, so that the row and its outbox entry are written in
one transaction: a crash keeps both or neither, and sync never misses a change."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from typing import Any, TypeVar

from sqlmodel import Session

from app.core.ids import new_id, utc_now_iso
from app.store import audit
from app.store.tables.base import SyncedRow
from app.store.tables.local import Outbox

RowT = TypeVar("RowT", bound=SyncedRow)


def to_json_value(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return value


def dumps(data: Mapping[str, Any]) -> str:
    return json.dumps({k: to_json_value(v) for k, v in data.items()}, ensure_ascii=False, sort_keys=True)


def row_values(row: SyncedRow) -> dict[str, Any]:
    return {name: getattr(row, name) for name in type(row).data_fields()}


def _append_outbox(
    session: Session,
    row: SyncedRow,
    op: str,
    patch: Mapping[str, Any],
    base_values: Mapping[str, Any],
    actor: str,
) -> Outbox:
    entry = Outbox(
        mutation_id=new_id(),
        entity=str(type(row).__tablename__),
        entity_id=row.id,
        op=op,
        base_version=row.version,
        patch=dumps(patch),
        base_values=dumps(base_values),
        created_at=utc_now_iso(),
        created_by=actor,
    )
    session.add(entry)
    audit.record_change(session, entry.entity, row.id, op, patch, actor)
    return entry


def insert(session: Session, row: RowT, actor: str) -> RowT:
    row.updated_at = utc_now_iso()
    row.updated_by = actor
    session.add(row)
    session.flush()
    _append_outbox(session, row, "insert", row_values(row), {}, actor)
    return row


def update(session: Session, row: RowT, changes: Mapping[str, Any], actor: str) -> RowT:
    """Applies `changes` and queues only the fields that really changed; an edit that changes nothing
    writes nothing."""
    fields = set(type(row).data_fields())
    unknown = set(changes) - fields
    if unknown:
        raise KeyError(f"unknown fields for {type(row).__tablename__}: {sorted(unknown)}")
    patch = {k: v for k, v in changes.items() if getattr(row, k) != v}
    if not patch:
        return row
    base = {k: getattr(row, k) for k in patch}
    for key, value in patch.items():
        setattr(row, key, value)
    row.updated_at = utc_now_iso()
    row.updated_by = actor
    session.add(row)
    session.flush()
    _append_outbox(session, row, "update", patch, base, actor)
    return row


def delete(session: Session, row: RowT, actor: str) -> RowT:
    """A tombstone, never a hard delete: other devices must learn that the row is gone."""
    if row.deleted:
        return row
    row.deleted = True
    row.updated_at = utc_now_iso()
    row.updated_by = actor
    session.add(row)
    session.flush()
    _append_outbox(session, row, "delete", {"deleted": True}, {"deleted": False}, actor)
    return row

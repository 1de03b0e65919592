"""Rows pulled from the server, written straight into the local tables (they are not local changes, so
they bypass the outbox) together with the cursor, in one transaction: a crash keeps both or neither.

Local values of fields that are still waiting to be pushed, or in an open conflict, are kept: the
pull must never undo work that has not reached the server yet."""

from __future__ import annotations

import datetime as dt
import json
import logging
import types
import typing
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlmodel import Session, col, select

from app.core.ids import utc_now_iso
from app.store import sync_queue, sync_state
from app.store.tables.base import BOOKKEEPING_FIELDS, SYNCED_TABLES, SyncedRow
from app.store.tables.sync import SyncParked

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class PulledChange:
    seq: int
    entity: str
    entity_id: str
    version: int
    values: dict[str, Any]
    deleted: bool = False
    updated_at: str = ""
    updated_by: str = ""


@dataclass
class ApplyResult:
    applied: int = 0
    skipped: int = 0
    parked: int = 0
    unparked: int = 0
    tables: set[str] = field(default_factory=set)


def _plain_type(annotation: Any) -> Any:
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        return args[0] if len(args) == 1 else None
    return annotation


def field_type(cls: type[SyncedRow], name: str) -> Any:
    """The column's Python type without Optional (None when unknown or ambiguous)."""
    info = cls.model_fields.get(name)
    return _plain_type(info.annotation) if info is not None else None


def coerce_value(cls: type[SyncedRow], name: str, value: Any) -> Any:
    """JSON carries dates as ISO strings and numbers loosely; the columns want Python types."""
    if value is None:
        return None
    info = cls.model_fields.get(name)
    kind = _plain_type(info.annotation) if info is not None else None
    try:
        if kind is dt.date and isinstance(value, str):
            return dt.date.fromisoformat(value[:10])
        if kind is dt.datetime and isinstance(value, str):
            return dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
        if kind is bool:
            if isinstance(value, str):
                return value.strip().lower() in {"1", "true", "yes", "是"}
            return bool(value)
        if kind is int and not isinstance(value, bool) and isinstance(value, int | float | str):
            return int(value)
        if kind is float and isinstance(value, int | float | str):
            return float(value)
        if kind is str and not isinstance(value, str):
            return json.dumps(value, ensure_ascii=False, sort_keys=True)
    except (TypeError, ValueError):
        log.warning("pulled value for %s.%s has an unexpected form: %r", cls.__tablename__, name, value)
    return value


def _missing_reference(session: Session, cls: type[SyncedRow], values: dict[str, Any]) -> str | None:
    """The first foreign key whose target row is not here yet, as 'column -> table id'."""
    table = cls.__table__  # type: ignore[attr-defined]
    for fk in table.foreign_keys:
        column = fk.parent.name
        target = SYNCED_TABLES.get(fk.column.table.name)
        value = values.get(column)
        if value is None or target is None:
            continue
        if session.get(target, value) is None:
            return f"{column} -> {fk.column.table.name} {value}"
    return None


def _apply_one(
    session: Session, change: PulledChange, protected: set[str]
) -> tuple[str, str]:
    """Returns ("applied" | "skipped" | "parked", reason)."""
    cls = SYNCED_TABLES.get(change.entity)
    if cls is None:
        log.info("pulled change %s for unknown entity %r skipped", change.seq, change.entity)
        return "skipped", "unknown entity"
    known = set(cls.model_fields)
    unknown = set(change.values) - known
    if unknown:
        log.info("pulled %s %s: unknown fields %s ignored", change.entity, change.entity_id, sorted(unknown))
    values = {
        name: coerce_value(cls, name, value)
        for name, value in change.values.items()
        if name in known and name not in BOOKKEEPING_FIELDS
    }
    if change.deleted:
        values["deleted"] = True
    row = session.get(cls, change.entity_id)
    incoming = {k: v for k, v in values.items() if k not in protected}
    effective = {**({} if row is None else {n: getattr(row, n) for n in cls.data_fields()}), **incoming}
    missing = _missing_reference(session, cls, effective)
    if missing:
        return "parked", missing
    if row is None:
        if change.deleted and len(values) <= 1:
            return "skipped", "tombstone of a row never seen here"
        absent = [n for n, info in cls.model_fields.items() if info.is_required() and n not in values]
        if absent:
            log.warning("pulled %s %s lacks %s and cannot be created", change.entity, change.entity_id, absent)
            return "skipped", "incomplete row"
        row = cls(**values)
        row.id = change.entity_id
    else:
        for name, value in incoming.items():
            setattr(row, name, value)
    row.version = change.version
    if change.updated_at:
        row.updated_at = change.updated_at
    if change.updated_by:
        row.updated_by = change.updated_by
    session.add(row)
    session.flush()
    return "applied", ""


def _park(session: Session, change: PulledChange, reason: str) -> None:
    payload = {
        "seq": change.seq,
        "entity": change.entity,
        "entity_id": change.entity_id,
        "version": change.version,
        "values": change.values,
        "deleted": change.deleted,
        "updated_at": change.updated_at,
        "updated_by": change.updated_by,
    }
    session.add(
        SyncParked(
            seq=change.seq,
            entity=change.entity,
            entity_id=change.entity_id,
            payload=json.dumps(payload, ensure_ascii=False),
            reason=reason,
            created_at=utc_now_iso(),
        )
    )
    session.flush()


def _parked_ids(session: Session) -> set[str]:
    return set(session.exec(select(SyncParked.entity_id).distinct()).all())


def _apply_parked(session: Session, result: ApplyResult) -> None:
    """Applies parked changes whose references arrived, oldest first, until nothing moves."""
    progress = True
    while progress:
        progress = False
        blocked: set[str] = set()
        for parked in session.exec(select(SyncParked).order_by(col(SyncParked.seq), col(SyncParked.id))).all():
            if parked.entity_id in blocked:
                continue
            data = json.loads(parked.payload)
            change = PulledChange(
                seq=int(data["seq"]),
                entity=data["entity"],
                entity_id=data["entity_id"],
                version=int(data["version"]),
                values=dict(data["values"]),
                deleted=bool(data.get("deleted")),
                updated_at=data.get("updated_at", ""),
                updated_by=data.get("updated_by", ""),
            )
            protected = sync_queue.protected_fields(session, change.entity, change.entity_id)
            outcome, reason = _apply_one(session, change, protected)
            if outcome == "parked":
                blocked.add(parked.entity_id)
                if reason != parked.reason:
                    parked.reason = reason
                    session.add(parked)
                continue
            session.delete(parked)
            session.flush()
            progress = True
            if outcome == "applied":
                result.unparked += 1
                result.tables.add(change.entity)


def apply_page(
    session: Session,
    changes: Sequence[PulledChange],
    next_cursor: int,
    *,
    before_cursor: Callable[[], None] | None = None,
) -> ApplyResult:
    """Applies one page and moves the cursor, inside the caller's write transaction."""
    result = ApplyResult()
    with_open = sync_queue.entities_with_open_entries(session)
    parked_ids = _parked_ids(session)
    for change in sorted(changes, key=lambda c: c.seq):
        if change.entity_id in parked_ids:
            _park(session, change, "waiting behind an earlier parked change")
            result.parked += 1
            continue
        protected = (
            sync_queue.protected_fields(session, change.entity, change.entity_id)
            if (change.entity, change.entity_id) in with_open
            else set()
        )
        outcome, reason = _apply_one(session, change, protected)
        if outcome == "applied":
            result.applied += 1
            result.tables.add(change.entity)
        elif outcome == "parked":
            _park(session, change, reason)
            parked_ids.add(change.entity_id)
            result.parked += 1
        else:
            result.skipped += 1
    if parked_ids:
        _apply_parked(session, result)
    session.flush()
    if before_cursor is not None:
        before_cursor()
    sync_state.set_cursor(session, next_cursor)
    return result


def parked_count(session: Session) -> int:
    return len(list(session.exec(select(SyncParked.id)).all()))


def row_snapshot(session: Session, entity: str, ids: Iterable[str] | None = None) -> dict[str, dict[str, Any]]:
    """Data fields of rows by id, for comparing replicas in tests and diagnostics."""
    cls = SYNCED_TABLES[entity]
    stmt = select(cls)
    if ids is not None:
        stmt = stmt.where(col(cls.id).in_(list(ids)))
    return {row.id: {n: getattr(row, n) for n in cls.data_fields()} for row in session.exec(stmt).all()}

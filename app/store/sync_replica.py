"""Rows pulled from the server, written straight into the local tables (they are not local changes, so
they bypass the outbox) together with the cursor, in one transaction: a crash keeps both or neither.

Local values of fields that are still waiting to be pushed, or in an open conflict, are kept: the
pull must never undo work that has not reached the server yet."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, col, select

from app.core.ids import utc_now_iso
from app.store import sync_queue, sync_state
from app.store.sync_values import coerce_value
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


class _Applier:
    """Applies pulled changes in bulk: current rows and referenced ids are read with one query per
    table, and the writes go out as executemany statements at the end of the page. Only columns whose
    value really changed are written (full-text triggers fire on name and address changes only)."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.conn = session.connection()
        self.rows: dict[tuple[str, str], dict[str, Any] | None] = {}
        self.present: dict[str, set[str]] = {}
        self.absent: dict[str, set[str]] = {}
        self.inserts: dict[str, dict[str, dict[str, Any]]] = {}
        self.dirty: dict[tuple[str, str], dict[str, Any]] = {}
        self.with_open = sync_queue.entities_with_open_entries(session)

    def prefetch(self, changes: Sequence[PulledChange]) -> None:
        ids: dict[str, set[str]] = {}
        refs: dict[str, set[str]] = {}
        for change in changes:
            cls = SYNCED_TABLES.get(change.entity)
            if cls is None:
                continue
            ids.setdefault(change.entity, set()).add(change.entity_id)
            for fk in _table(cls).foreign_keys:
                value = change.values.get(fk.parent.name)
                if isinstance(value, str) and value:
                    refs.setdefault(fk.column.table.name, set()).add(value)
        for entity, wanted in ids.items():
            table = _table(SYNCED_TABLES[entity])
            found: set[str] = set()
            for chunk in _chunks(sorted(wanted)):
                for row in self.conn.execute(table.select().where(table.c.id.in_(chunk))).mappings():
                    self.rows[(entity, row["id"])] = dict(row)
                    found.add(row["id"])
            for missing in wanted - found:
                self.rows[(entity, missing)] = None
            self.present.setdefault(entity, set()).update(found)
        for target, wanted in refs.items():
            if target not in SYNCED_TABLES:
                continue
            table = _table(SYNCED_TABLES[target])
            known = self.present.setdefault(target, set())
            for chunk in _chunks(sorted(wanted - known)):
                known.update(r[0] for r in self.conn.execute(sa.select(table.c.id).where(table.c.id.in_(chunk))))

    def _current(self, entity: str, entity_id: str) -> dict[str, Any] | None:
        key = (entity, entity_id)
        if key not in self.rows:
            table = _table(SYNCED_TABLES[entity])
            row = self.conn.execute(table.select().where(table.c.id == entity_id)).mappings().first()
            self.rows[key] = dict(row) if row is not None else None
            if row is not None:
                self.present.setdefault(entity, set()).add(entity_id)
        return self.rows[key]

    def _exists(self, target: str, value: str) -> bool:
        if value in self.present.setdefault(target, set()):
            return True
        if value in self.absent.setdefault(target, set()):
            return False
        table = _table(SYNCED_TABLES[target])
        found = self.conn.execute(sa.select(table.c.id).where(table.c.id == value)).first() is not None
        (self.present if found else self.absent)[target].add(value)
        return found

    def _missing_reference(self, cls: type[SyncedRow], values: dict[str, Any]) -> str | None:
        for fk in _table(cls).foreign_keys:
            target = fk.column.table.name
            value = values.get(fk.parent.name)
            if value is None or target not in SYNCED_TABLES:
                continue
            if not self._exists(target, str(value)):
                return f"{fk.parent.name} -> {target} {value}"
        return None

    def apply(self, change: PulledChange) -> tuple[str, str]:
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
        values["deleted"] = bool(change.deleted)
        key = (change.entity, change.entity_id)
        protected = (
            sync_queue.protected_fields(self.session, change.entity, change.entity_id)
            if key in self.with_open
            else set()
        )
        incoming = {k: v for k, v in values.items() if k not in protected}
        current = self._current(change.entity, change.entity_id)
        missing = self._missing_reference(cls, {**(current or {}), **incoming})
        if missing:
            return "parked", missing
        bookkeeping: dict[str, Any] = {"version": change.version}
        if change.updated_at:
            bookkeeping["updated_at"] = change.updated_at
        if change.updated_by:
            bookkeeping["updated_by"] = change.updated_by
        if current is None:
            if change.deleted and len(change.values) == 0:
                return "skipped", "tombstone of a row never seen here"
            absent = [n for n, info in cls.model_fields.items() if info.is_required() and n not in values]
            if absent:
                log.warning("pulled %s %s lacks %s and cannot be created", change.entity, change.entity_id, absent)
                return "skipped", "incomplete row"
            obj = cls(**values)
            row = {c.name: getattr(obj, c.name) for c in _table(cls).columns}
            row.update(bookkeeping, id=change.entity_id)
            self.inserts.setdefault(change.entity, {})[change.entity_id] = row
            self.rows[key] = row
            self.present.setdefault(change.entity, set()).add(change.entity_id)
            self.absent.get(change.entity, set()).discard(change.entity_id)
            return "applied", ""
        diff = {k: v for k, v in {**incoming, **bookkeeping}.items() if current.get(k) != v}
        if diff:
            current.update(diff)
            if change.entity_id not in self.inserts.get(change.entity, {}):
                self.dirty.setdefault(key, {}).update(diff)
        return "applied", ""

    def flush(self) -> None:
        """Foreign keys are checked at commit, so rows of one page may arrive in any order."""
        if not self.inserts and not self.dirty:
            return
        self.conn.exec_driver_sql("PRAGMA defer_foreign_keys = ON")
        for entity, rows in self.inserts.items():
            self.conn.execute(_table(SYNCED_TABLES[entity]).insert(), list(rows.values()))
        groups: dict[tuple[str, tuple[str, ...]], list[dict[str, Any]]] = {}
        for (entity, entity_id), diff in self.dirty.items():
            names = tuple(sorted(diff))
            groups.setdefault((entity, names), []).append(
                {"_id": entity_id, **{f"v_{n}": diff[n] for n in names}}
            )
        for (entity, names), params in groups.items():
            table = _table(SYNCED_TABLES[entity])
            stmt = (
                table.update()
                .where(table.c.id == sa.bindparam("_id"))
                .values({n: sa.bindparam(f"v_{n}") for n in names})
            )
            self.conn.execute(stmt, params)
        self.inserts.clear()
        self.dirty.clear()


def _table(cls: type[SyncedRow]) -> sa.Table:
    return cls.__table__  # type: ignore[attr-defined]


def _chunks(items: list[str], size: int = 500) -> Iterable[list[str]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


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


def _apply_parked(applier: _Applier, result: ApplyResult) -> None:
    """Applies parked changes whose references arrived, oldest first, until nothing moves."""
    session = applier.session
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
            outcome, reason = applier.apply(change)
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
    applier = _Applier(session)
    ordered = sorted(changes, key=lambda c: c.seq)
    applier.prefetch(ordered)
    parked_ids = _parked_ids(session)
    for change in ordered:
        if change.entity_id in parked_ids:
            _park(session, change, "waiting behind an earlier parked change")
            result.parked += 1
            continue
        outcome, reason = applier.apply(change)
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
        _apply_parked(applier, result)
    applier.flush()
    if before_cursor is not None:
        before_cursor()
    sync_state.set_cursor(session, next_cursor)
    return result


def missing_blobs(session: Session, limit: int = 100) -> list[tuple[str, str]]:
    """(sha256, mime) of live attachments whose bytes are not on this laptop yet (pulled from others)."""
    rows = session.exec(  # type: ignore[call-overload]
        sa.text(
            "SELECT a.sha256, max(a.mime) FROM attachment a LEFT JOIN blob b ON b.sha256 = a.sha256 "
            "WHERE b.sha256 IS NULL AND a.deleted = 0 AND a.sha256 != '' GROUP BY a.sha256 LIMIT :limit"
        ),
        params={"limit": limit},
    ).all()
    return [(str(sha), str(mime or "application/octet-stream")) for sha, mime in rows]


def parked_count(session: Session) -> int:
    return len(list(session.exec(select(SyncParked.id)).all()))


def row_snapshot(session: Session, entity: str, ids: Iterable[str] | None = None) -> dict[str, dict[str, Any]]:
    """Data fields of rows by id, for comparing replicas in tests and diagnostics."""
    cls = SYNCED_TABLES[entity]
    stmt = select(cls)
    if ids is not None:
        stmt = stmt.where(col(cls.id).in_(list(ids)))
    return {row.id: {n: getattr(row, n) for n in cls.data_fields()} for row in session.exec(stmt).all()}

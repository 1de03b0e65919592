"""Rows pulled from the server, written straight into the local tables (they are not local changes, so
they bypass the outbox) together with the cursor, in one transaction: a crash keeps both or neither.

Local values of fields that are still waiting to be pushed, or in an open conflict, are kept: the
pull must never undo work that has not reached the server yet."""

from __future__ import annotations

import datetime as dt
import json
import logging
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, col, select

from app.core.ids import utc_now_iso
from app.store import sync_conflicts, sync_queue, sync_state
from app.store.sync_values import coerce_value, field_type
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
    reasons: list[str] = field(default_factory=list)


INT64_MIN, INT64_MAX = -(2**63), 2**63 - 1
INVALID = "无法写入本机："
"""Prefix of the reasons of changes parked because a value does not fit its column (not because a
row they refer to is missing): a later change of the same row replaces them instead of waiting."""


def invalid_value(cls: type[SyncedRow], values: dict[str, Any]) -> str | None:
    """One sentence when a pulled value cannot be stored in its column (a server that did not
    validate, or a newer one): an integer beyond SQLite's 64 bits, a text where a number belongs."""
    table = _table(cls)
    for name, value in values.items():
        if value is None:
            continue
        kind = field_type(cls, name)
        column = table.c.get(name)
        if kind is int and not isinstance(value, bool):
            if not isinstance(value, int):
                return f"{INVALID}{cls.__tablename__}.{name} 应为整数，收到 {str(value)[:40]!r}"
            if not INT64_MIN <= value <= INT64_MAX:
                return f"{INVALID}{cls.__tablename__}.{name} 的数值 {str(value)[:30]} 超出 64 位整数范围"
        elif kind is float and not isinstance(value, int | float):
            return f"{INVALID}{cls.__tablename__}.{name} 应为数值，收到 {str(value)[:40]!r}"
        elif isinstance(value, float) and value != value:  # NaN
            return f"{INVALID}{cls.__tablename__}.{name} 不是有效的数值"
        elif kind in (dt.date, dt.datetime) and not isinstance(value, dt.date):
            return f"{INVALID}{cls.__tablename__}.{name} 应为日期，收到 {str(value)[:40]!r}"
        elif kind is str and not isinstance(value, str):
            return f"{INVALID}{cls.__tablename__}.{name} 应为文字"
        elif isinstance(value, int) and not isinstance(value, bool) and not INT64_MIN <= value <= INT64_MAX:
            return f"{INVALID}{cls.__tablename__}.{name} 的数值超出 64 位整数范围"
        elif isinstance(value, dict | list) and column is not None:
            return f"{INVALID}{cls.__tablename__}.{name} 的值形式不对"
    return None


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
        bad = invalid_value(cls, values)
        if bad is None and not INT64_MIN <= int(change.version) <= INT64_MAX:
            bad = f"{INVALID}{change.entity} 的版本号超出范围"
        if bad:
            return "parked", bad
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
        if protected:
            # Held back here, but an open conflict on such a field must know the server's newest value.
            sync_conflicts.refresh_server_values(
                self.session, change.entity, change.entity_id, values, int(change.version)
            )
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

    def flush(self) -> list[tuple[str, str, str]]:
        """Foreign keys are checked at commit, so rows of one page may arrive in any order. Returns
        the (entity, id, reason) of rows SQLite refused: the page is then written row by row, so
        one bad row is parked and the others still land."""
        if not self.inserts and not self.dirty:
            return []
        self.conn.exec_driver_sql("PRAGMA defer_foreign_keys = ON")
        try:
            with self.conn.begin_nested():
                self._write_bulk()
        except (sa.exc.SQLAlchemyError, OverflowError, ValueError, TypeError):
            return self._write_one_by_one()
        self.inserts.clear()
        self.dirty.clear()
        return []

    def _write_one_by_one(self) -> list[tuple[str, str, str]]:
        refused: list[tuple[str, str, str]] = []
        for entity, rows in self.inserts.items():
            table = _table(SYNCED_TABLES[entity])
            for entity_id, row in rows.items():
                try:
                    with self.conn.begin_nested():
                        self.conn.execute(table.insert(), [row])
                except (sa.exc.SQLAlchemyError, OverflowError, ValueError, TypeError) as exc:
                    refused.append((entity, entity_id, f"{INVALID}{_short(exc)}"))
        for (entity, entity_id), diff in self.dirty.items():
            table = _table(SYNCED_TABLES[entity])
            try:
                with self.conn.begin_nested():
                    self.conn.execute(table.update().where(table.c.id == entity_id).values(diff))
            except (sa.exc.SQLAlchemyError, OverflowError, ValueError, TypeError) as exc:
                refused.append((entity, entity_id, f"{INVALID}{_short(exc)}"))
        self.inserts.clear()
        self.dirty.clear()
        return refused

    def _write_bulk(self) -> None:
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


def _short(exc: BaseException) -> str:
    text = str(getattr(exc, "orig", None) or exc).splitlines()[0] if str(exc) else type(exc).__name__
    return f"数据库拒绝写入（{text[:120]}）"


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
    """Rows whose later changes must wait behind a parked one. A change parked for a bad value does
    not hold the later ones back: the next good version of the row replaces it."""
    rows = session.exec(select(SyncParked.entity_id, SyncParked.reason)).all()
    return {entity_id for entity_id, reason in rows if not reason.startswith(INVALID)}


def _drop_superseded(session: Session, entity_id: str) -> None:
    for parked in session.exec(select(SyncParked).where(SyncParked.entity_id == entity_id)).all():
        if parked.reason.startswith(INVALID):
            session.delete(parked)


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
    invalid_ids = set(session.exec(select(SyncParked.entity_id).where(col(SyncParked.reason).startswith(INVALID))).all())
    for change in ordered:
        if change.entity_id in parked_ids:
            _park(session, change, "waiting behind an earlier parked change")
            result.parked += 1
            continue
        outcome, reason = applier.apply(change)
        if outcome == "applied":
            result.applied += 1
            result.tables.add(change.entity)
            if change.entity_id in invalid_ids:
                _drop_superseded(session, change.entity_id)
        elif outcome == "parked":
            _park(session, change, reason)
            if not reason.startswith(INVALID):
                parked_ids.add(change.entity_id)
            else:
                invalid_ids.add(change.entity_id)
            result.parked += 1
            result.reasons.append(reason)
        else:
            result.skipped += 1
    if parked_ids:
        _apply_parked(applier, result)
    by_id = {(c.entity, c.entity_id): c for c in ordered}
    for entity, entity_id, reason in applier.flush():
        refused = by_id.get((entity, entity_id))
        if refused is not None:
            _park(session, refused, reason)
            result.applied -= 1
            result.parked += 1
            result.reasons.append(reason)
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

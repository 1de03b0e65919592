"""Every write of a synced row goes through here, so that the row and its outbox entry are written in
one transaction: a crash keeps both or neither, and sync never misses a change."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from sqlmodel import Session

from app.core.ids import new_id, new_ids, utc_now_iso
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


def _sql_value(value: Any) -> Any:
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


_SQL_PLAIN = frozenset({type(None), str, int, float})  # bool is not one: it goes in as 0 or 1


def _sql_literal(value: Any) -> str | None:
    """`value` (already `_sql_value`d) as an SQL literal, or None where it is better bound."""
    if value is None:
        return "NULL"
    if value.__class__ is int:
        return str(value)
    if value.__class__ is str and "\x00" not in value and len(value) <= 200:
        return "'" + value.replace("'", "''") + "'"
    return None


def _json_default(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


def _fast_dumps(data: Mapping[str, Any]) -> str:
    """`dumps` for bulk writes: the same JSON values, without a Python call per value."""
    return json.dumps(data, ensure_ascii=False, default=_json_default)


def _needs_conversion(table: type[SyncedRow], name: str) -> bool:
    annotation = str(table.model_fields[name].annotation)
    return "date" in annotation or "bool" in annotation


def _defaults(table: type[SyncedRow]) -> dict[str, Any]:
    return {name: table.model_fields[name].get_default(call_default_factory=True) for name in table.data_fields()}


_OUTBOX_SQL = (
    "INSERT INTO outbox (mutation_id, entity, entity_id, op, base_version, patch, base_values, state, "
    "attempts, last_error, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, 'pending', 0, '', ?, ?)"
)


def insert_many(
    session: Session, table: type[SyncedRow], rows: Sequence[Mapping[str, Any]], actor: str
) -> list[str]:
    """`insert` for many rows at once (imports): rows and their outbox entries go in with executemany,
    inside the caller's transaction, so the one-transaction guarantee holds. Rows are plain dicts of
    data fields (an "id" key is kept if given); returns the ids in order. Rows already loaded as ORM
    objects in this session are not refreshed."""
    if not rows:
        return []
    fields = table.data_fields()
    defaults = _defaults(table)
    name = str(table.__tablename__)
    now = utc_now_iso()
    columns = ["id", "version", "updated_at", "updated_by", *fields]
    sql = f"INSERT INTO {name} ({', '.join(columns)}) VALUES ({', '.join('?' for _ in columns)})"
    ids: list[str] = []
    table_params: list[tuple[Any, ...]] = []
    outbox_params: list[tuple[Any, ...]] = []
    audit_entries: list[tuple[str, str, str, Mapping[str, Any]]] = []
    converted = frozenset(f for f in fields if _needs_conversion(table, f))
    known = frozenset(fields) | {"id"}
    for row in rows:
        unknown = row.keys() - known
        if unknown:
            raise KeyError(f"unknown fields for {name}: {sorted(unknown)}")
        values = {f: row[f] if f in row else defaults[f] for f in fields}
        row_id = str(row.get("id") or new_id())
        ids.append(row_id)
        table_params.append((row_id, 0, now, actor, *[_sql_value(values[f]) if f in converted else values[f] for f in fields]))
        outbox_params.append((new_id(), name, row_id, "insert", 0, _fast_dumps(values), "{}", now, actor))
        audit_entries.append((name, row_id, "insert", values))
    conn = session.connection()
    conn.exec_driver_sql(sql, table_params)
    conn.exec_driver_sql(_OUTBOX_SQL, outbox_params)
    audit.record_changes_many(session, audit_entries, actor)
    return ids


@dataclass(frozen=True)
class RowUpdate:
    """One row's change for `update_many`: the fields that change, with their values before."""

    row_id: str
    base_version: int
    patch: Mapping[str, Any]
    base_values: Mapping[str, Any]


def update_many(
    session: Session, table: type[SyncedRow], updates: Sequence[RowUpdate], actor: str, *, audit_rows: bool = True
) -> int:
    """`update` for many rows at once, in the caller's transaction. Callers pass only fields that
    really change (as `update` would queue them); updates with an empty patch are skipped. Returns the
    number of rows updated. `audit_rows=False` for an import, whose batch record is the audit fact."""
    fields = set(table.data_fields())
    name = str(table.__tablename__)
    now = utc_now_iso()
    groups: dict[tuple[str, ...], list[tuple[Any, ...]]] = {}
    outbox_params: list[tuple[Any, ...]] = []
    audit_entries: list[tuple[str, str, str, Mapping[str, Any]]] = []
    for upd in updates:
        if not upd.patch:
            continue
        unknown = set(upd.patch) - fields
        if unknown:
            raise KeyError(f"unknown fields for {name}: {sorted(unknown)}")
        keys = tuple(sorted(upd.patch))
        groups.setdefault(keys, []).append((*(_sql_value(upd.patch[k]) for k in keys), now, actor, upd.row_id))
        outbox_params.append(
            (new_id(), name, upd.row_id, "update", upd.base_version, _fast_dumps(upd.patch), _fast_dumps(upd.base_values), now, actor)
        )
        audit_entries.append((name, upd.row_id, "update", upd.patch))
    conn = session.connection()
    for keys, params in groups.items():
        sets = ", ".join(f"{k} = ?" for k in keys)
        conn.exec_driver_sql(f"UPDATE {name} SET {sets}, updated_at = ?, updated_by = ? WHERE id = ?", params)
    if outbox_params:
        conn.exec_driver_sql(_OUTBOX_SQL, outbox_params)
        if audit_rows:
            audit.record_changes_many(session, audit_entries, actor)
    return len(outbox_params)


BULK_OP = "bulk"
BULK_CHUNK = 250  # rows per outbox entry of an import: one push request carries a few of these


def insert_imported(
    session: Session,
    table: type[SyncedRow],
    rows: Sequence[Mapping[str, Any]],
    actor: str,
    batch_id: str,
) -> list[str]:
    """`insert_many` for rows an import creates: the rows go in with consecutive rowids, and instead of
    one outbox entry and one audit row per row, one small outbox entry per chunk names the rowid range
    (sync expands it into the rows as they are when pushed) and the import batch record is the audit
    fact. A crash still keeps rows and outbox entries together: they share the caller's transaction."""
    if not rows:
        return []
    fields = table.data_fields()
    defaults = _defaults(table)
    name = str(table.__tablename__)
    now = utc_now_iso()
    conn = session.connection()
    first = int(conn.exec_driver_sql(f"SELECT coalesce(max(rowid), 0) FROM {name}").scalar_one()) + 1
    known = frozenset(fields) | {"id"}
    given: set[str] = set()
    for row in rows:
        given.update(row)
    if not known.issuperset(given):
        raise KeyError(f"unknown fields for {name}: {sorted(given - known)}")
    # A field no row of the chunk gives holds its default in every row: written into the statement
    # as a literal instead of bound once per row (an import's rows leave most fields at their default).
    bound = [f for f in fields if f in given]
    fixed = {"version": 0, "updated_at": now, "updated_by": actor} | {f: _sql_value(defaults[f]) for f in fields if f not in given}
    inline = {f: literal for f, v in fixed.items() if (literal := _sql_literal(v)) is not None}
    bound_fixed = [f for f in fixed if f not in inline]
    head = tuple(fixed[f] for f in bound_fixed)
    columns = ["rowid", "id", *bound, *bound_fixed, *inline]
    slots = ["?"] * (2 + len(bound) + len(bound_fixed)) + list(inline.values())
    sql = f"INSERT INTO {name} ({', '.join(columns)}) VALUES ({', '.join(slots)})"
    # Per bound field: which positions need a Python value turned into SQL (dates, booleans).
    converted = [i for i, f in enumerate(bound) if _needs_conversion(table, f)]
    bound_defaults = [_sql_value(defaults[f]) for f in bound]
    fresh = iter(new_ids(sum(1 for row in rows if not row.get("id"))))
    ids: list[str] = []
    params: list[tuple[Any, ...]] = []
    plain = _SQL_PLAIN
    for offset, row in enumerate(rows):
        row_id = str(row.get("id") or next(fresh))
        ids.append(row_id)
        values = list(map(row.get, bound, bound_defaults))
        for i in converted:
            value = values[i]
            if value.__class__ not in plain:  # None and SQL-ready values as they are
                values[i] = _sql_value(value)
        params.append((first + offset, row_id, *values, *head))
    conn.exec_driver_sql(sql, params)
    queue_bulk(session, name, first, first + len(rows) - 1, actor, batch_id)
    return ids


def queue_bulk(session: Session, name: str, first: int, last: int, actor: str, batch_id: str) -> None:
    """The outbox entries of rows an import inserted with the consecutive rowids first..last: one small
    bulk entry per BULK_CHUNK rows naming its rowid range."""
    now = utc_now_iso()
    outbox_params = []
    for start in range(first, last + 1, BULK_CHUNK):
        end = min(start + BULK_CHUNK - 1, last)
        patch = json.dumps({"batch": batch_id, "rowids": [start, end]})
        outbox_params.append((new_id(), name, new_id(), BULK_OP, 0, patch, "{}", now, actor))
    if outbox_params:
        session.connection().exec_driver_sql(_OUTBOX_SQL, outbox_params)


def bulk_rows(session: Session, entity: str, patch: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The rows a bulk outbox entry stands for, as they are now (id plus data fields, JSON values)."""
    from app.store.tables.base import SYNCED_TABLES

    table = SYNCED_TABLES.get(entity)
    span = patch.get("rowids")
    if table is None or not isinstance(span, list) or len(span) != 2:
        return []
    fields = table.data_fields()
    converted = frozenset(f for f in fields if "bool" in str(table.model_fields[f].annotation))
    sql = f"SELECT id, {', '.join(fields)} FROM {entity} WHERE rowid BETWEEN ? AND ? ORDER BY rowid"
    result: list[dict[str, Any]] = []
    for record in session.connection().exec_driver_sql(sql, (int(span[0]), int(span[1]))):
        values = dict(zip(("id", *fields), record, strict=True))
        for f in converted:
            values[f] = bool(values[f]) if values[f] is not None else None
        result.append(values)
    return result


def bump_bulk_versions(session: Session, entity: str, patch: Mapping[str, Any], version: int) -> None:
    """The server's revision onto every row of an applied bulk entry (not a change: no outbox)."""
    from app.store.tables.base import SYNCED_TABLES

    span = patch.get("rowids")
    if entity not in SYNCED_TABLES or not isinstance(span, list) or len(span) != 2:
        return
    session.connection().exec_driver_sql(
        f"UPDATE {entity} SET version = ? WHERE rowid BETWEEN ? AND ? AND version < ?",
        (version, int(span[0]), int(span[1]), version),
    )

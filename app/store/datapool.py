"""Queries and writes of the data pool: the state an import merges into, the bulk writes of a merge,
saved column mappings, provenance and conflicts, the union pipeline, and the figures targeting and
planning work from."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Select, func, select, text
from sqlmodel import Session, col

from app.core.enterprise import UnionStatus
from app.core.ids import utc_now_iso
from app.store import audit, changes
from app.store.changes import RowUpdate
from app.store.tables import Enterprise, Grid, Visit
from app.store.tables.datapool import (
    ConflictRule,
    FieldConflict,
    ImportBatch,
    ImportMapping,
    SourceRecord,
    UnionEvent,
)

OVERDUE_DAYS = "overdue_visit_days"


def _columns(*attrs: Any) -> Select[Any]:
    """A Core select of model attributes (typed as plain values by SQLModel, hence the cast)."""
    return select(*(col(a) if not isinstance(a, ColumnElement) else a for a in attrs))

DEFAULT_OVERDUE_DAYS = 30


def enterprise_rows(session: Session, fields: Sequence[str]) -> list[dict[str, Any]]:
    """Every live enterprise with the given fields (typed: dates as dates), plus id and version."""
    columns = [Enterprise.id, Enterprise.version, *(getattr(Enterprise, f) for f in fields)]
    result = session.connection().execute(_columns(*columns).where(col(Enterprise.deleted).is_(False)))
    keys = ["id", "version", *fields]
    return [dict(zip(keys, row, strict=True)) for row in result]


def _in_chunks(values: Sequence[str], size: int = 500) -> Iterator[Sequence[str]]:
    for start in range(0, len(values), size):
        yield values[start : start + size]


def enterprises_by(session: Session, key: str, values: Sequence[str], fields: Sequence[str]) -> list[dict[str, Any]]:
    """Live enterprises whose `key` (credit_code or name) is one of `values`, through its index: an
    import looks up one chunk of its rows at a time instead of loading every enterprise."""
    keys = ["id", "version", *fields]
    column = {"credit_code": "credit_code", "name": "name"}[key]
    live = "deleted = 0" if column == "name" else "+deleted = 0"  # names go through (deleted, name)
    dates = [i for i, f in enumerate(keys) if f in _DATE_COLUMNS]
    bools = [i for i, f in enumerate(keys) if f in _BOOL_COLUMNS]
    result: list[dict[str, Any]] = []
    conn = session.connection()
    for chunk in _in_chunks(list(values)):
        # plain SQL and fetchall: fetching row by row through the ORM layer cost more than the lookup.
        # "+deleted" keeps the planner off the index on deleted, which holds nearly every row: taken
        # (as it was without statistics), each lookup walked the whole table and a re-import of
        # 100,000 rows went quadratic.
        sql = (
            f"SELECT {', '.join(keys)} FROM enterprise WHERE {live} "
            f"AND {column} IN ({', '.join('?' * len(chunk))})"
        )
        for row in conn.exec_driver_sql(sql, tuple(chunk)).fetchall():
            values_ = list(row)
            for i in dates:
                if values_[i] is not None:
                    values_[i] = dt.date.fromisoformat(str(values_[i])[:10])
            for i in bools:
                values_[i] = bool(values_[i])
            result.append(dict(zip(keys, values_, strict=True)))
    return result


_DATE_COLUMNS = frozenset({"registered_date", "union_established_date"})
_BOOL_COLUMNS = frozenset({"business_abnormal"})


def has_enterprises(session: Session) -> bool:
    """Whether any enterprise row exists, deleted ones included (their codes are still looked up)."""
    return session.connection().exec_driver_sql("SELECT 1 FROM enterprise LIMIT 1").first() is not None


def bad_check_codes(session: Session) -> list[tuple[str, str]]:
    """(credit code, enterprise id) of live enterprises whose code fails its check digit: few, and the
    ones a corrected code in a new list most likely means."""
    sql = "SELECT credit_code, id FROM enterprise WHERE deleted = 0 AND credit_code_status = 'bad_check' AND credit_code != ''"
    return [(str(a), str(b)) for a, b in session.connection().execute(text(sql))]


def source_records_for(
    session: Session, source: str, enterprise_ids: Sequence[str]
) -> list[tuple[str, str, int, str, dt.date | None]]:
    """`source_records` for some enterprises only."""
    result: list[tuple[str, str, int, str, dt.date | None]] = []
    conn = session.connection()
    for chunk in _in_chunks(list(enterprise_ids)):
        sql = (
            "SELECT enterprise_id, id, version, field_values, as_of FROM source_record WHERE +deleted = 0 AND source = ? "
            f"AND enterprise_id IN ({', '.join('?' * len(chunk))})"
        )
        for eid, rid, version, payload, as_of in conn.exec_driver_sql(sql, (source, *chunk)).fetchall():
            result.append((eid, rid, version, payload, dt.date.fromisoformat(as_of[:10]) if as_of else None))
    return result


@dataclass(frozen=True)
class RecordRow:
    id: str
    version: int
    values: dict[str, list[Any]]
    as_of: dt.date | None


def records_for(session: Session, enterprise_ids: Sequence[str]) -> dict[str, dict[str, RecordRow]]:
    """Every source's record of many enterprises at once (one indexed query per 500):
    enterprise id -> source -> record with field -> [value, as-of date]."""
    result: dict[str, dict[str, RecordRow]] = {}
    conn = session.connection()
    for chunk in _in_chunks(list(enterprise_ids)):
        sql = (
            "SELECT enterprise_id, source, id, version, field_values, as_of FROM source_record WHERE +deleted = 0 "
            f"AND enterprise_id IN ({', '.join('?' * len(chunk))})"
        )
        for eid, source, rid, version, payload, as_of in conn.exec_driver_sql(sql, tuple(chunk)).fetchall():
            day = dt.date.fromisoformat(as_of[:10]) if as_of else None
            result.setdefault(eid, {})[source] = RecordRow(rid, int(version), decode_values(payload, day), day)
    return result


def open_conflicts_for(session: Session, enterprise_ids: Sequence[str]) -> list[tuple[str, int, str, str, str]]:
    result: list[tuple[str, int, str, str, str]] = []
    conn = session.connection()
    for chunk in _in_chunks(list(enterprise_ids)):
        # through the enterprise index: "open" and "not deleted" hold most rows (see enterprises_by)
        sql = (
            "SELECT id, version, enterprise_id, field, candidates FROM field_conflict "
            f"WHERE enterprise_id IN ({', '.join('?' * len(chunk))}) AND +status = 'open' AND +deleted = 0"
        )
        result.extend((str(a), int(b), str(c), str(d), str(e)) for a, b, c, d, e in conn.exec_driver_sql(sql, tuple(chunk)))
    return result


def decode_values(payload: str | None, as_of: Any) -> dict[str, list[Any]]:
    """Provenance JSON to field -> [value, as-of ISO date]. Values stored bare (the compact form an
    import writes when every field comes from the record's own list date) take the record's date."""
    try:
        loaded = json.loads(payload or "{}")
    except ValueError:
        return {}
    if not isinstance(loaded, dict):
        return {}
    day = as_of.isoformat() if isinstance(as_of, dt.date) else str(as_of or "")[:10]
    return {k: (v if isinstance(v, list) and len(v) == 2 else [v, day]) for k, v in loaded.items()}


def encode_values(values: Mapping[str, list[Any]], as_of: dt.date | None) -> str:
    """The compact form of `decode_values`: a value dated the record's own list date is stored bare."""
    day = as_of.isoformat() if as_of else None
    compact = {k: (v[0] if v[1] == day and not isinstance(v[0], list) else v) for k, v in values.items()}
    return json.dumps(compact, ensure_ascii=False, sort_keys=True)


def source_records(session: Session, source: str) -> list[tuple[str, str, int, str, dt.date | None]]:
    """(enterprise id, record id, version, field values JSON, as of) of one source."""
    stmt = _columns(
        SourceRecord.enterprise_id, SourceRecord.id, SourceRecord.version, SourceRecord.field_values, SourceRecord.as_of
    ).where(col(SourceRecord.source) == source, col(SourceRecord.deleted).is_(False))
    return [tuple(r) for r in session.connection().execute(stmt)]


def records_of(session: Session, enterprise_id: str) -> dict[str, dict[str, list[Any]]]:
    """source -> field -> [value, as-of date]: the provenance of an enterprise's file."""
    stmt = _columns(SourceRecord.source, SourceRecord.field_values, SourceRecord.as_of).where(
        col(SourceRecord.enterprise_id) == enterprise_id, col(SourceRecord.deleted).is_(False)
    )
    result: dict[str, dict[str, list[Any]]] = {}
    for source, payload, as_of in session.connection().execute(stmt):
        result[source] = decode_values(payload, as_of)
    return result


def open_conflict_rows(session: Session) -> list[tuple[str, int, str, str, str]]:
    """(id, version, enterprise id, field, candidates JSON) of every open conflict."""
    stmt = _columns(
        FieldConflict.id, FieldConflict.version, FieldConflict.enterprise_id, FieldConflict.field, FieldConflict.candidates
    ).where(col(FieldConflict.status) == "open", col(FieldConflict.deleted).is_(False))
    return [tuple(r) for r in session.connection().execute(stmt)]


def grid_rows(session: Session) -> list[Grid]:
    from app.store.grids import all_grids

    return all_grids(session)


@dataclass
class PlanRows:
    enterprise_inserts: Sequence[Mapping[str, Any]]
    enterprise_updates: Sequence[RowUpdate]
    record_inserts: Sequence[Mapping[str, Any]]
    record_updates: Sequence[RowUpdate]
    conflict_inserts: Sequence[Mapping[str, Any]]
    conflict_updates: Sequence[RowUpdate]
    event_inserts: Sequence[Mapping[str, Any]]
    # Per enterprise insert (same order): the fields of its first record when that record is the
    # new row's own values, written from the row in SQL (`insert_records_from_rows`); None otherwise.
    record_fields: Sequence[tuple[str, ...] | None] = ()
    source: str = ""
    as_of: dt.date | None = None


@dataclass
class SearchBacklog:
    """Enterprise rows an import inserted that the search indexes do not hold yet (rowids first..last)."""

    first: int = 0
    last: int = -1

    def add(self, first: int, last: int) -> None:
        if self.last < self.first:
            self.first = first
        self.last = last

    def flush(self, session: Session) -> None:
        from app.store import enterprises

        if self.last >= self.first:
            enterprises.index_range(session, self.first, self.last)
        self.first, self.last = 0, -1


@contextmanager
def search_index_deferred(session: Session) -> Iterator[SearchBacklog]:
    """For a whole import: rows are indexed for search once, after the last chunk, as one bulk build
    (chunk by chunk, the index was built in pieces that it then merged again and again). Inside the
    caller's transaction, so nobody ever sees the rows unindexed; a failure rolls back rows, index and
    the suspended triggers together."""
    from app.store import enterprises

    backlog = SearchBacklog()
    with enterprises.search_triggers_suspended(session):
        yield backlog
        backlog.flush(session)


def enterprise_count(session: Session) -> int:
    return int(session.connection().exec_driver_sql("SELECT count(*) FROM enterprise").scalar_one())


# What an import looks enterprises up by while it writes: a code (always, also the near-duplicate
# codes' neighbours) and, for a member registry's rows without a code, the name.
_READ_BY_IMPORT = ("ix_enterprise_credit_code",)
_READ_BY_NAME = ("ix_enterprise_deleted_name",)
_DEFERRED_TABLES = ("enterprise", "enterprise_fts_sort")


@contextmanager
def enterprise_indexes_deferred(session: Session, *, names_read: bool) -> Iterator[None]:
    """For an import into an empty or small enterprise table: the secondary indexes the import does
    not read are dropped while its rows go in and built again, each in one sorted pass, before the
    block ends (a fifth of the enterprise writes' time at 100,000 rows: per-row inserts into
    indexes on names and headcounts land on random pages). The same for the pinyin sort keys'
    index. The provenance rows' index stays: their enterprise ids are made in order and after every
    id on file (UUIDv7), so its entries are appended, and building it again would read them all.
    Inside the caller's transaction, so nobody ever sees the tables without them, and a failure or
    Ctrl-C rolls the drop back with the rows. Unique indexes stay: they are constraints, not only
    paths."""
    keep = set(_READ_BY_IMPORT) | (set(_READ_BY_NAME) if names_read else set())
    conn = session.connection()
    saved = [
        (str(name), str(sql))
        for name, sql in conn.exec_driver_sql(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
            f"AND tbl_name IN ({', '.join('?' * len(_DEFERRED_TABLES))})",
            _DEFERRED_TABLES,
        ).all()
        if name not in keep and not str(sql).lstrip().upper().startswith("CREATE UNIQUE")
    ]
    for name, _ in saved:
        conn.exec_driver_sql(f'DROP INDEX "{name}"')
    yield
    # Not on the way out of a failure: its transaction rolls back, and the drop with it (building
    # the indexes first would only make a cancel slow).
    for _, sql in saved:
        conn.exec_driver_sql(sql)


def apply_rows(session: Session, rows: PlanRows, actor: str, import_id: str, backlog: SearchBacklog | None = None) -> None:
    """The writes of one merge, in the caller's transaction. New rows go in as bulk outbox entries of
    the import; updates keep one outbox entry each (the server merges them field by field against
    their base values); the import batch, not each row, is the audit fact. With a `backlog` (inside
    `search_index_deferred`) new rows are indexed for search later."""
    if rows.enterprise_inserts:
        from app.store import enterprises

        first = int(session.connection().exec_driver_sql("SELECT coalesce(max(rowid), 0) FROM enterprise").scalar_one()) + 1
        if backlog is None:
            with enterprises.search_triggers_suspended(session):
                ids = changes.insert_imported(session, Enterprise, rows.enterprise_inserts, actor, import_id)
                enterprises.index_range(session, first, first + len(ids) - 1)
        else:
            ids = changes.insert_imported(session, Enterprise, rows.enterprise_inserts, actor, import_id)
            backlog.add(first, first + len(ids) - 1)
        if rows.record_fields:
            insert_records_from_rows(session, first, rows.record_fields, rows.source, rows.as_of, actor, import_id)
    if rows.enterprise_updates and backlog is not None:
        # the update trigger takes a row's old words out of the index: rows not yet in it go in first
        backlog.flush(session)
    changes.update_many(session, Enterprise, rows.enterprise_updates, actor, audit_rows=False)
    changes.insert_imported(session, SourceRecord, rows.record_inserts, actor, import_id)
    changes.update_many(session, SourceRecord, rows.record_updates, actor, audit_rows=False)
    changes.insert_imported(session, FieldConflict, rows.conflict_inserts, actor, import_id)
    changes.update_many(session, FieldConflict, rows.conflict_updates, actor, audit_rows=False)
    changes.insert_imported(session, UnionEvent, rows.event_inserts, actor, import_id)


def _json_column(name: str) -> str:
    """An enterprise column as its first record's JSON holds it (`merge.canon` of the value)."""
    if name in ("longitude", "latitude"):
        return f"round(e.{name}, 6)"
    if name in _BOOL_COLUMNS:
        return f"json(CASE WHEN e.{name} THEN 'true' ELSE 'false' END)"
    return f"e.{name}"


# A new record's id: the UUIDv7 layout of `app.core.ids`, the first half (time stamp, version, variant
# and 28 random bits) that of its enterprise's id, made by the same import a moment before, and 48
# fresh random bits: the records' ids follow their enterprises' (sorted) ids, so the id index appends.
_RECORD_ID = "substr(e.id, 1, 24) || lower(hex(randomblob(6)))"


def insert_records_from_rows(
    session: Session,
    first_rowid: int,
    record_fields: Sequence[tuple[str, ...] | None],
    source: str,
    as_of: dt.date | None,
    actor: str,
    import_id: str,
) -> int:
    """The first records of enterprises an import just inserted (rowids from `first_rowid`, in the
    order of `record_fields`), each holding what the list gave, which is the new row's own columns:
    SQLite builds the provenance JSON from the rows (the compact form `encode_values` reads: bare
    values, keys sorted), one statement per run of rows with the same fields, instead of Python
    building and binding one JSON text per row. As `changes.insert_imported`: consecutive rowids, one
    bulk outbox entry per chunk, the batch is the audit fact."""
    runs: dict[tuple[str, ...], list[tuple[int, int]]] = {}
    start = 0
    count = len(record_fields)
    while start < count:
        fields = record_fields[start]
        end = start
        while end + 1 < count and record_fields[end + 1] == fields:
            end += 1
        if fields is not None:
            runs.setdefault(fields, []).append((first_rowid + start, first_rowid + end))
        start = end + 1
    if not runs:
        return 0
    conn = session.connection()
    first = int(conn.exec_driver_sql("SELECT coalesce(max(rowid), 0) FROM source_record").scalar_one()) + 1
    now = utc_now_iso()
    day = as_of.isoformat() if as_of else None
    for fields, spans in runs.items():
        pairs = ", ".join(f"'{name}', {_json_column(name)}" for name in sorted(set(fields)) if name.isidentifier())
        sql = (
            "INSERT INTO source_record (id, version, updated_at, updated_by, deleted, enterprise_id, grid_id, source,"
            " field_values, as_of, import_id)"
            f" SELECT {_RECORD_ID}, 0, ?, ?, 0, e.id, e.grid_id, ?, json_object({pairs}), ?, ?"
            " FROM enterprise e WHERE e.rowid BETWEEN ? AND ? ORDER BY e.rowid"
        )
        conn.exec_driver_sql(sql, [(now, actor, source, day, import_id, low, high) for low, high in spans])
    last = int(conn.exec_driver_sql("SELECT coalesce(max(rowid), 0) FROM source_record").scalar_one())
    changes.queue_bulk(session, "source_record", first, last, actor, import_id)
    return last - first + 1


def count_established_not_in(session: Session, matched: set[str]) -> int:
    """Enterprises on file as having a union that a member registry did not list."""
    sql = "SELECT id FROM enterprise WHERE deleted = 0 AND union_status = 'established'"
    return sum(1 for (eid,) in session.connection().execute(text(sql)) if eid not in matched)


def conflict_rules(session: Session) -> list[ConflictRule]:
    from sqlmodel import select as sm_select

    stmt = sm_select(ConflictRule).where(col(ConflictRule.deleted).is_(False), col(ConflictRule.enabled).is_(True))
    return list(session.exec(stmt).all())


@contextmanager
def large_write_cache(session: Session, mebibytes: int = 64) -> Iterator[None]:
    """A bigger page cache while one transaction writes 100,000s of rows: with SQLite's default 2 MB
    the indexes of enterprise, outbox and audit log spill to disk mid-transaction and the import
    slows down more than linearly. The connection's own setting comes back afterwards."""
    conn = session.connection()
    previous = conn.exec_driver_sql("PRAGMA cache_size").scalar()
    conn.exec_driver_sql(f"PRAGMA cache_size = -{int(mebibytes) * 1024}")
    try:
        yield
    finally:
        conn.exec_driver_sql(f"PRAGMA cache_size = {int(previous or -2000)}")


def record_batch(session: Session, batch: ImportBatch, actor: str) -> ImportBatch:
    """The batch row (synced) and one audit entry naming the file by its hash: what was imported, by
    whom, when, and with what result, in the import's own transaction."""
    row = changes.insert(session, batch, actor)
    audit.record(
        session,
        "import",
        f"{batch.source} 名录 {batch.file_name}（SHA-256 {batch.sha256}，{batch.file_size} 字节）：读取 {batch.rows_read} 行，"
        f"新增 {batch.inserted}，更新 {batch.updated}，冲突 {batch.conflicts}，规则处理 {batch.auto_settled}",
        actor,
    )
    return row


def recent_batches(session: Session, limit: int = 20) -> list[ImportBatch]:
    from sqlmodel import select as sm_select

    stmt = sm_select(ImportBatch).where(col(ImportBatch.deleted).is_(False)).order_by(col(ImportBatch.started_at).desc()).limit(limit)
    return list(session.exec(stmt).all())


# --- saved column mappings (local to this computer) ---


def load_mapping(session: Session, name: str) -> dict[str, str] | None:
    row = session.get(ImportMapping, name)
    if row is None:
        return None
    try:
        loaded = json.loads(row.mapping)
    except ValueError:
        return None
    return {str(k): str(v) for k, v in loaded.items()} if isinstance(loaded, dict) else None


def save_mapping(session: Session, name: str, source: str, mapping: Mapping[str, str]) -> None:
    row = session.get(ImportMapping, name) or ImportMapping(name=name)
    row.source = source
    row.mapping = json.dumps(dict(mapping), ensure_ascii=False, sort_keys=True)
    row.updated_at = utc_now_iso()
    session.add(row)


def mapping_names(session: Session) -> list[str]:
    from sqlmodel import select as sm_select

    return list(session.exec(sm_select(ImportMapping.name).order_by(col(ImportMapping.name))).all())


# --- conflicts ---


@dataclass(frozen=True)
class ConflictView:
    id: str
    enterprise_id: str
    enterprise_name: str
    credit_code: str
    field: str
    candidates: list[dict[str, Any]]
    detected_at: str


def list_open_conflicts(session: Session, limit: int = 1000, offset: int = 0) -> list[ConflictView]:
    stmt = (
        _columns(
            FieldConflict.id,
            FieldConflict.enterprise_id,
            Enterprise.name,
            Enterprise.credit_code,
            FieldConflict.field,
            FieldConflict.candidates,
            FieldConflict.detected_at,
        )
        .join(Enterprise, col(Enterprise.id) == col(FieldConflict.enterprise_id))
        .where(col(FieldConflict.status) == "open", col(FieldConflict.deleted).is_(False))
        .order_by(col(FieldConflict.detected_at).desc(), col(FieldConflict.id))
        .limit(limit)
        .offset(offset)
    )
    return [
        ConflictView(r[0], r[1], r[2], r[3], r[4], json.loads(r[5] or "[]"), r[6])
        for r in session.connection().execute(stmt)
    ]


def count_gone(session: Session) -> int:
    stmt = text("SELECT count(*) FROM enterprise WHERE deleted = 0 AND registration_status IN ('deregistered', 'revoked', 'moved_out')")
    return int(session.connection().execute(stmt).scalar_one())


def count_open_conflicts(session: Session) -> int:
    stmt = text("SELECT count(*) FROM field_conflict WHERE status = 'open' AND deleted = 0")
    return int(session.connection().execute(stmt).scalar_one())


def resolve_conflict(session: Session, conflict_id: str, value: Any, actor: str) -> Enterprise:
    """A person chose `value` (already typed for the field): the file takes it, the conflict closes."""
    conflict = session.get(FieldConflict, conflict_id)
    if conflict is None or conflict.status != "open":
        raise LookupError("该冲突已处理或不存在")
    enterprise = session.get(Enterprise, conflict.enterprise_id)
    if enterprise is None:
        raise LookupError("该冲突对应的企业不存在")
    changes.update(session, enterprise, {conflict.field: value}, actor)
    changes.update(
        session,
        conflict,
        {
            "status": "resolved",
            "chosen_value": json.dumps(changes.to_json_value(value), ensure_ascii=False),
            "resolved_at": utc_now_iso(),
            "resolved_by": actor,
        },
        actor,
    )
    return enterprise


# --- union pipeline ---


def set_union_status(
    session: Session,
    enterprise_id: str,
    status: str,
    when: dt.date,
    actor: str,
    *,
    member_count: int | None = None,
    note: str = "",
) -> UnionEvent | None:
    """Moves an enterprise along 未建会 → 筹建中 → 已建会 (or back), keeping the step as an event."""
    target = UnionStatus(status)
    enterprise = session.get(Enterprise, enterprise_id)
    if enterprise is None:
        raise LookupError("企业不存在")
    if enterprise.union_status == target.value and member_count in (None, enterprise.member_count):
        return None
    event = UnionEvent(
        enterprise_id=enterprise.id,
        grid_id=enterprise.grid_id,
        from_status=enterprise.union_status,
        to_status=target.value,
        event_date=when,
        member_count=member_count,
        source="manual",
        note=note,
    )
    values: dict[str, Any] = {"union_status": target.value}
    if target is UnionStatus.ESTABLISHED:
        values["union_established_date"] = when if enterprise.union_status != target.value else enterprise.union_established_date
    if member_count is not None:
        values["member_count"] = member_count
    changes.update(session, enterprise, values, actor)
    return changes.insert(session, event, actor)


def union_events(session: Session, enterprise_id: str) -> list[UnionEvent]:
    from sqlmodel import select as sm_select

    stmt = (
        sm_select(UnionEvent)
        .where(col(UnionEvent.enterprise_id) == enterprise_id, col(UnionEvent.deleted).is_(False))
        .order_by(col(UnionEvent.event_date), col(UnionEvent.id))
    )
    return list(session.exec(stmt).all())


# --- figures for targeting and planning ---


def open_matter_counts(session: Session) -> dict[str, int]:
    """Open (active) supervision matters per enterprise; a term of the target ranking."""
    from app.core.matters import ACTIVE_STATUSES
    from app.store.tables.matters import Matter

    stmt = (
        _columns(Matter.enterprise_id, func.count())
        .where(col(Matter.deleted).is_(False), col(Matter.status).in_([s.value for s in ACTIVE_STATUSES]))
        .group_by(Matter.enterprise_id)
    )
    return {str(r[0]): int(r[1]) for r in session.connection().execute(stmt)}


def last_visits(session: Session, enterprise_ids: Iterable[str] | None = None) -> dict[str, dt.date]:
    sql = "SELECT enterprise_id, max(visit_date) FROM visit WHERE deleted = 0 GROUP BY enterprise_id"
    result: dict[str, dt.date] = {}
    wanted = set(enterprise_ids) if enterprise_ids is not None else None
    for eid, day in session.connection().execute(text(sql)):
        if wanted is not None and eid not in wanted:
            continue
        if day:
            result[str(eid)] = day if isinstance(day, dt.date) else dt.date.fromisoformat(str(day)[:10])
    return result


@dataclass(frozen=True)
class PlanningRow:
    """What targeting, the heat map and the week plan need of an enterprise."""

    id: str
    name: str
    credit_code: str
    address: str
    grid_id: str | None
    headcount: int | None
    union_status: str
    member_count: int | None
    contact_name: str
    contact_phone: str
    longitude: float | None
    latitude: float | None
    last_visit: dt.date | None
    open_matters: int
    registration_status: str = ""
    business_abnormal: bool = False


def planning_rows(session: Session, grid_id: str | None = None) -> list[PlanningRow]:
    stmt = _columns(
        Enterprise.id,
        Enterprise.name,
        Enterprise.credit_code,
        Enterprise.address,
        Enterprise.grid_id,
        Enterprise.headcount,
        Enterprise.union_status,
        Enterprise.member_count,
        Enterprise.contact_name,
        Enterprise.contact_phone,
        Enterprise.longitude,
        Enterprise.latitude,
        Enterprise.registration_status,
        Enterprise.business_abnormal,
    ).where(col(Enterprise.deleted).is_(False))
    if grid_id:
        stmt = stmt.where(col(Enterprise.grid_id) == grid_id)
    rows = list(session.connection().execute(stmt))
    visits = last_visits(session)
    matters = open_matter_counts(session)
    result: list[PlanningRow] = []
    for r in rows:
        args: list[Any] = [*r[:12], visits.get(r[0]), matters.get(r[0], 0), r[12] or "", bool(r[13])]
        result.append(PlanningRow(*args))
    return result


def grid_by_code(session: Session, code: str) -> Grid | None:
    from sqlmodel import select as sm_select

    return session.exec(sm_select(Grid).where(col(Grid.code) == code, col(Grid.deleted).is_(False))).first()


def members_recruited(session: Session, since: dt.date, until: dt.date) -> dict[str | None, int]:
    """Members counted at establishment events in the period, per grid (members recruited)."""
    stmt = _columns(UnionEvent.grid_id, UnionEvent.member_count).where(
        col(UnionEvent.deleted).is_(False),
        col(UnionEvent.to_status) == UnionStatus.ESTABLISHED.value,
        col(UnionEvent.event_date) >= since,
        col(UnionEvent.event_date) <= until,
    )
    totals: dict[str | None, int] = {}
    for grid_id, members in session.connection().execute(stmt):
        totals[grid_id] = totals.get(grid_id, 0) + int(members or 0)
    return totals


def visits_between(session: Session, since: dt.date, until: dt.date) -> list[tuple[str, dt.date]]:
    stmt = _columns(Visit.enterprise_id, Visit.visit_date).where(
        col(Visit.deleted).is_(False), col(Visit.visit_date) >= since, col(Visit.visit_date) <= until
    )
    return [(str(a), b) for a, b in session.connection().execute(stmt)]


# --- settling conflicts in bulk, rules ---


@dataclass(frozen=True)
class OpenConflictRow:
    id: str
    version: int
    enterprise_id: str
    field: str
    candidates: list[dict[str, Any]]
    enterprise_version: int
    current: Any


def open_conflicts_matching(session: Session, field_name: str | None = None, settle_id: str | None = None) -> list[OpenConflictRow]:
    """Open conflicts (of one field, or all), or those settled together under `settle_id`, with the
    enterprise's version and its value of the field as it stands now."""
    where = "c.deleted = 0 AND " + ("c.settle_id = :sid" if settle_id else "c.status = 'open'")
    params: dict[str, Any] = {"sid": settle_id}
    if field_name:
        where += " AND c.field = :field"
        params["field"] = field_name
    fields = Enterprise.data_fields()
    sql = (
        "SELECT c.id AS c_id, c.version AS c_version, c.enterprise_id AS c_eid, c.field AS c_field, "
        f"c.candidates AS c_candidates, e.version AS e_version, {', '.join('e.' + f for f in fields)} "
        f"FROM field_conflict c JOIN enterprise e ON e.id = c.enterprise_id WHERE {where} ORDER BY c.rowid"
    )
    result: list[OpenConflictRow] = []
    for row in session.connection().execute(text(sql), params).mappings():
        try:
            candidates = json.loads(row["c_candidates"] or "[]")
        except ValueError:
            candidates = []
        field = str(row["c_field"])
        current = row[field] if field in fields else None
        result.append(
            OpenConflictRow(str(row["c_id"]), int(row["c_version"]), str(row["c_eid"]), field, candidates, int(row["e_version"]), current)
        )
    return result


def rules(session: Session) -> list[ConflictRule]:
    from sqlmodel import select as sm_select

    stmt = sm_select(ConflictRule).where(col(ConflictRule.deleted).is_(False)).order_by(col(ConflictRule.field), col(ConflictRule.id))
    return list(session.exec(stmt).all())


def add_rule(session: Session, rule: ConflictRule, actor: str) -> ConflictRule:
    return changes.insert(session, rule, actor)


def remove_rule(session: Session, rule_id: str, actor: str) -> None:
    row = session.get(ConflictRule, rule_id)
    if row is not None:
        changes.delete(session, row, actor)

"""The search and reference indexes of the web pages, kept up to date in the same transaction as every
record write (RecordWriter.flush), like the figure tables.

- record_search: one row per live record of a register, its searchable fields as one short text. The
  web's register search finds candidates here (FTS5 trigram on SQLite, pg_trgm GIN on PostgreSQL, or a
  LIKE walk over this narrow table for one- and two-character terms) and then applies exactly the
  conditions it applied before on the record itself, so the answers are the same as a scan's.
- record_ref: (entity, field, value, record) for the fields the detail pages list rows by (a visit's
  enterprise_id ...), so the 一企一档 page's lists are index lookups.

The fields are declared here because the server must maintain the tables without the web package; a
test holds them equal to the web registers' search fields and related lists."""

from __future__ import annotations

import json
import zlib
from collections.abc import Container, Iterable, Mapping
from typing import Any, Protocol

from sqlalchemy import Table, delete, insert, literal, select, text, tuple_
from sqlmodel import Session

from app.server.bulk import insert_rows
from app.server.record_data import loads_or_empty
from app.server.tables import Record, RecordRef, RecordSearch


class Written(Protocol):
    """A record's state as RecordWriter wrote it (records.RecordRow)."""

    entity: str
    id: str
    grid_id: str | None
    seq: int
    data: str
    deleted: bool

RECORD: Table = Record.__table__  # type: ignore[attr-defined]
SEARCH: Table = RecordSearch.__table__  # type: ignore[attr-defined]
REF: Table = RecordRef.__table__  # type: ignore[attr-defined]
FTS = "record_search_fts"

SEARCH_FIELDS: dict[str, tuple[str, ...]] = {
    "enterprise": ("name", "credit_code"),
    "visit": ("summary",),
    "matter": ("title",),
    "letter": ("number", "title"),
    "work_order": ("number", "topic", "enterprise_name"),
    "field_conflict": ("field",),
    "union_org": ("name", "address"),
    "union_step": ("note",),
    "union_member": ("member_name",),
    "legal_case": ("number", "employer_name"),
    "case_party": ("person_name",),
    "case_step": ("step_note",),
    "reception": ("employer_name", "place"),
    "referral": ("subject",),
    "lf_consultation": ("title", "issuing_body"),
    "lf_task": ("returned_note",),
    "lf_meeting": ("place", "note"),
    "lf_suggestion": ("content", "article"),
}
"""Entity -> the fields its register searches (app/web/queries.REGISTERS)."""

REFS: dict[str, tuple[str, ...]] = {
    "visit": ("enterprise_id",),
    "matter": ("enterprise_id",),
    "letter": ("enterprise_id", "matter_id"),
    "matter_event": ("matter_id",),
    "work_order_event": ("work_order_id",),
    "union_step": ("union_id",),
    "union_member": ("union_id",),
    "case_party": ("case_id",),
    "case_step": ("case_id",),
    "referral": ("source_id",),
    "lf_task": ("consultation_id",),
    "lf_meeting": ("consultation_id",),
    "lf_suggestion": ("consultation_id",),
}
"""Entity -> the fields detail pages list its rows by (queries.related)."""

INDEXED = frozenset(SEARCH_FIELDS) | frozenset(REFS)
SEP = "\x1f"  # between fields; a term containing it is rechecked like any other candidate
SEQ_BITS = 40
MAX_REF = 200  # longer values are not kept (record ids are at most 64 characters)
MIN_TRIGRAM = 3


def entity_code(entity: str) -> int:
    return zlib.crc32(entity.encode()) & 0x3FFFFF


def rid(entity: str, seq: int) -> int:
    return (entity_code(entity) << SEQ_BITS) | (seq & ((1 << SEQ_BITS) - 1))


def rid_range(entity: str) -> tuple[int, int]:
    low = entity_code(entity) << SEQ_BITS
    return low, low + (1 << SEQ_BITS) - 1


def _texts(value: Any) -> list[str]:
    """The text a database's JSON extraction gives this value, in every form LIKE may compare it in
    (SQLite gives 1/0 for booleans, PostgreSQL true/false): the candidates must include every match."""
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if isinstance(value, bool):
        return ["true", "1"] if value else ["false", "0"]
    if isinstance(value, int):
        return [str(value)]
    if isinstance(value, float):
        return list(dict.fromkeys([repr(value), json.dumps(value), f"{value:.15g}", f"{value:.17g}"]))
    return list(dict.fromkeys([json.dumps(value, ensure_ascii=False, separators=(",", ":")),
                               json.dumps(value, ensure_ascii=False)]))


def search_text(entity: str, data: Mapping[str, Any]) -> str:
    """NUL, which PostgreSQL text cannot hold, is dropped: a term with NUL never uses the index."""
    return SEP.join(t for f in SEARCH_FIELDS.get(entity, ()) for t in _texts(data.get(f))).replace("\x00", "")


def ref_values(value: Any) -> list[str]:
    if isinstance(value, bool):
        return ["true"] if value else ["false"]
    if isinstance(value, str | int) and len(str(value)) <= MAX_REF and "\x00" not in str(value):
        return [str(value)]
    return []


def rows_for(entity: str, record_id: str, seq: int, grid_id: str | None, data: Mapping[str, Any]
             ) -> tuple[dict[str, Any] | None, list[dict[str, Any]]]:
    """One live record's search row (None when it has no searchable text) and its reference rows."""
    found = None
    if entity in SEARCH_FIELDS:
        body = search_text(entity, data)
        if body:
            found = {"rid": rid(entity, seq), "entity": entity, "record_id": record_id, "grid_id": grid_id, "text": body}
    refs = [{"entity": entity, "field": f, "value": v, "record_id": record_id}
            for f in REFS.get(entity, ()) for v in dict.fromkeys(ref_values(data.get(f)))]
    return found, refs


def _drop(session: Session, keys: Iterable[tuple[str, str]]) -> None:
    by_entity: dict[str, list[str]] = {}
    for entity, rid_ in keys:
        by_entity.setdefault(entity, []).append(rid_)
    for entity, ids in by_entity.items():
        for start in range(0, len(ids), 500):
            part = ids[start : start + 500]
            if entity in SEARCH_FIELDS:
                session.execute(delete(SEARCH).where(SEARCH.c.entity == entity, SEARCH.c.record_id.in_(part)))
            if entity in REFS:
                session.execute(delete(REF).where(REF.c.entity == entity, REF.c.record_id.in_(part)))


def update(session: Session, records: Iterable[Written], fresh: Container[tuple[str, str]] = ()) -> None:
    """These records' new states (written in this transaction) replace their rows in both indexes.
    `fresh`: keys of records this transaction created, which have no rows to replace yet."""
    wanted = [r for r in records if r.entity in INDEXED]
    if not wanted:
        return
    _drop(session, ((r.entity, r.id) for r in wanted if (r.entity, r.id) not in fresh))
    found: list[dict[str, Any]] = []
    refs: list[dict[str, Any]] = []
    for r in wanted:
        if r.deleted:
            continue
        row, more = rows_for(r.entity, r.id, r.seq, r.grid_id, loads_or_empty(r.data))
        if row is not None:
            found.append(row)
        refs.extend(more)
    insert_rows(session, SEARCH, found)
    insert_rows(session, REF, refs)


# --- the SQLite full-text index: an external-content FTS5 table over record_search ---------------

_TRIGGERS = (
    f"CREATE TRIGGER record_search_ai AFTER INSERT ON record_search BEGIN "
    f"INSERT INTO {FTS}(rowid, text) VALUES (new.rid, new.text); END",
    f"CREATE TRIGGER record_search_ad AFTER DELETE ON record_search BEGIN "
    f"INSERT INTO {FTS}({FTS}, rowid, text) VALUES ('delete', old.rid, old.text); END",
    f"CREATE TRIGGER record_search_au AFTER UPDATE ON record_search BEGIN "
    f"INSERT INTO {FTS}({FTS}, rowid, text) VALUES ('delete', old.rid, old.text); "
    f"INSERT INTO {FTS}(rowid, text) VALUES (new.rid, new.text); END",
)
_GIN = "CREATE INDEX ix_record_search_trgm ON record_search USING gin (text gin_trgm_ops)"
_TRIGGER_NAMES = ("record_search_ai", "record_search_ad", "record_search_au")


def create_text_index(session: Session) -> bool:
    """The trigram index over record_search.text; False when PostgreSQL has no pg_trgm (search then
    walks the narrow table, still correct, slower for rare terms)."""
    if session.get_bind().dialect.name == "sqlite":
        session.execute(text(f"CREATE VIRTUAL TABLE {FTS} USING fts5(text, content='record_search', "
                             "content_rowid='rid', tokenize='trigram')"))
        for stmt in _TRIGGERS:
            session.execute(text(stmt))
        return True
    nested = session.begin_nested()
    try:
        session.execute(text("CREATE EXTENSION IF NOT EXISTS pg_trgm"))
        session.execute(text(_GIN))
    except Exception:
        nested.rollback()
        return False
    nested.commit()
    return True


def drop_text_index(session: Session) -> None:
    if session.get_bind().dialect.name == "sqlite":
        for name in _TRIGGER_NAMES:
            session.execute(text(f"DROP TRIGGER IF EXISTS {name}"))
        session.execute(text(f"DROP TABLE IF EXISTS {FTS}"))
    else:
        session.execute(text("DROP INDEX IF EXISTS ix_record_search_trgm"))


def has_trigram_index(session: Session) -> bool:
    if session.get_bind().dialect.name == "sqlite":
        return True
    found = session.execute(text("SELECT 1 FROM pg_indexes WHERE indexname = 'ix_record_search_trgm'")).first()
    return found is not None


# --- rebuild and check ----------------------------------------------------------------------------


def _expected(session: Session, chunk: int = 20_000) -> Iterable[tuple[list[dict[str, Any]], list[dict[str, Any]]]]:
    """Both indexes' rows recomputed from the record table, a chunk at a time."""
    last_entity, last_id = "", ""
    while True:
        stmt = (
            select(RECORD.c.entity, RECORD.c.id, RECORD.c.seq, RECORD.c.grid_id, RECORD.c.data)
            .where(RECORD.c.entity.in_(sorted(INDEXED)), RECORD.c.deleted.is_(False),
                   tuple_(RECORD.c.entity, RECORD.c.id) > tuple_(literal(last_entity), literal(last_id)))
            .order_by(RECORD.c.entity, RECORD.c.id)
            .limit(chunk)
        )
        rows = session.execute(stmt).all()
        if not rows:
            return
        found: list[dict[str, Any]] = []
        refs: list[dict[str, Any]] = []
        for entity, rid_, seq, grid_id, data in rows:
            row, more = rows_for(entity, rid_, seq, grid_id, loads_or_empty(data))
            if row is not None:
                found.append(row)
            refs.extend(more)
        yield found, refs
        last_entity, last_id = rows[-1][0], rows[-1][1]


def rebuild(session: Session) -> int:
    """Recomputes both indexes from the record table (the full-text index in one pass at the end);
    returns the number of search rows."""
    sqlite = session.get_bind().dialect.name == "sqlite"
    if sqlite:  # the triggers would update the full-text index row by row; it is rebuilt whole below
        for name in _TRIGGER_NAMES:
            session.execute(text(f"DROP TRIGGER IF EXISTS {name}"))
    trigram = not sqlite and has_trigram_index(session)
    if trigram:  # built once over the rows (many times faster than a row at a time)
        session.execute(text("DROP INDEX ix_record_search_trgm"))
    session.execute(delete(SEARCH))
    session.execute(delete(REF))
    n = 0
    for found, refs in _expected(session):
        if found:
            session.execute(insert(SEARCH), found)
        if refs:
            session.execute(insert(REF), refs)
        n += len(found)
    if sqlite:
        session.execute(text(f"INSERT INTO {FTS}({FTS}) VALUES ('rebuild')"))
        for stmt in _TRIGGERS:
            session.execute(text(stmt))
    if trigram:
        session.execute(text(_GIN))
    return n


def check(session: Session) -> list[str]:
    """How both indexes differ from a recomputation (nothing is changed); on SQLite also the full-text
    index's own integrity check against record_search."""
    want_search: set[tuple[Any, ...]] = set()
    want_refs: set[tuple[Any, ...]] = set()
    for found, refs in _expected(session):
        want_search.update((r["rid"], r["entity"], r["record_id"], r["grid_id"], r["text"]) for r in found)
        want_refs.update((r["entity"], r["field"], r["value"], r["record_id"]) for r in refs)
    have_search = {tuple(r) for r in session.execute(
        select(SEARCH.c.rid, SEARCH.c.entity, SEARCH.c.record_id, SEARCH.c.grid_id, SEARCH.c.text)).all()}
    have_refs = {tuple(r) for r in session.execute(select(REF.c.entity, REF.c.field, REF.c.value, REF.c.record_id)).all()}
    problems = [f"{name}: {len(have - want)} stale, {len(want - have)} missing"
                for name, have, want in (("record_search", have_search, want_search), ("record_ref", have_refs, want_refs))
                if have != want]
    if session.get_bind().dialect.name == "sqlite":
        nested = session.begin_nested()
        try:
            session.execute(text(f"INSERT INTO {FTS}({FTS}, rank) VALUES ('integrity-check', 1)"))
        except Exception as exc:
            problems.append(f"{FTS}: {str(exc).splitlines()[0][:200]}")
        finally:
            nested.rollback()
    return problems

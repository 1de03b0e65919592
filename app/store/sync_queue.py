"""The outbox seen from sync: what to send next, what the server said about each mutation, and the
"needs attention" list of mutations the server refused.

Outbox states: pending (not yet confirmed) → sent (handed to the server, answer unknown) → applied,
or conflict (a person decides), rejected (needs attention), resolved / dismissed (closed by a person).
A refused mutation never blocks the ones behind it."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy import func, update
from sqlmodel import Session, col, select

from app.store.tables.base import SYNCED_TABLES
from app.store.tables.local import Blob, Outbox
from app.store.tables.sync import SyncConflict

PENDING = "pending"
SENT = "sent"
APPLIED = "applied"
CONFLICT = "conflict"
REJECTED = "rejected"
RESOLVED = "resolved"
DISMISSED = "dismissed"

OPEN_STATES = (PENDING, SENT)


@dataclass(frozen=True)
class QueueCounts:
    queued: int
    conflicts: int
    attention: int


def next_batch(session: Session, limit: int, after_seq: int = 0) -> list[Outbox]:
    """Oldest first: the server must see a row's insert before its updates."""
    stmt = (
        select(Outbox)
        .where(col(Outbox.state).in_(OPEN_STATES), col(Outbox.seq) > after_seq)
        .order_by(col(Outbox.seq))
        .limit(limit)
    )
    return list(session.exec(stmt).all())


def mark_sent(session: Session, seqs: Sequence[int]) -> None:
    if not seqs:
        return
    session.execute(
        update(Outbox)
        .where(col(Outbox.seq).in_(seqs))
        .values(state=SENT, attempts=Outbox.attempts + 1)
    )


def _bump_row_version(session: Session, entity: str, entity_id: str, version: int | None) -> None:
    """The server's revision goes straight onto the row, bypassing the outbox: it is not a change."""
    cls = SYNCED_TABLES.get(entity)
    if cls is None or version is None:
        return
    row = session.get(cls, entity_id)
    if row is not None and version > row.version:
        row.version = version
        session.add(row)


def mark_applied(session: Session, entry: Outbox, version: int | None) -> None:
    entry.state = APPLIED
    entry.last_error = ""
    session.add(entry)
    _bump_row_version(session, entry.entity, entry.entity_id, version)


@dataclass(frozen=True)
class EntryRef:
    seq: int
    mutation_id: str
    entity: str
    entity_id: str
    state: str


def refs_by_mutation_ids(session: Session, mutation_ids: Iterable[str]) -> dict[str, EntryRef]:
    """Just what a push result needs, without loading whole outbox rows."""
    ids = list(mutation_ids)
    table = Outbox.__table__  # type: ignore[attr-defined]
    found: dict[str, EntryRef] = {}
    conn = session.connection()
    for start in range(0, len(ids), 500):
        stmt = sa.select(table.c.seq, table.c.mutation_id, table.c.entity, table.c.entity_id, table.c.state).where(
            table.c.mutation_id.in_(ids[start : start + 500])
        )
        for row in conn.execute(stmt):
            found[row.mutation_id] = EntryRef(row.seq, row.mutation_id, row.entity, row.entity_id, row.state)
    return found


def mark_applied_many(session: Session, applied: Sequence[tuple[EntryRef, int | None]]) -> None:
    """The common case of a push, in a few statements instead of one per mutation."""
    if not applied:
        return
    conn = session.connection()
    outbox = Outbox.__table__  # type: ignore[attr-defined]
    seqs = [ref.seq for ref, _ in applied]
    for start in range(0, len(seqs), 500):
        conn.execute(
            outbox.update().where(outbox.c.seq.in_(seqs[start : start + 500])).values(state=APPLIED, last_error="")
        )
    by_entity: dict[str, list[dict[str, Any]]] = {}
    for ref, version in applied:
        if version is not None and ref.entity in SYNCED_TABLES:
            by_entity.setdefault(ref.entity, []).append({"_id": ref.entity_id, "_v": version})
    for entity, params in by_entity.items():
        table = SYNCED_TABLES[entity].__table__  # type: ignore[attr-defined]
        conn.execute(
            table.update()
            .where(table.c.id == sa.bindparam("_id"), table.c.version < sa.bindparam("_v"))
            .values(version=sa.bindparam("_v")),
            params,
        )


def mark_rejected(session: Session, entry: Outbox, reason: str) -> None:
    entry.state = REJECTED
    entry.last_error = reason
    session.add(entry)


def mark_conflict(session: Session, entry: Outbox, reason: str = "") -> None:
    entry.state = CONFLICT
    entry.last_error = reason
    session.add(entry)


def mark_error(session: Session, entry: Outbox, reason: str) -> None:
    """A transient failure: the mutation stays queued and is sent again next time."""
    entry.last_error = reason
    session.add(entry)


def by_mutation_ids(session: Session, mutation_ids: Iterable[str]) -> dict[str, Outbox]:
    ids = list(mutation_ids)
    found: dict[str, Outbox] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        for entry in session.exec(select(Outbox).where(col(Outbox.mutation_id).in_(chunk))).all():
            found[entry.mutation_id] = entry
    return found


def counts(session: Session) -> QueueCounts:
    by_state = dict(
        session.exec(select(Outbox.state, func.count()).group_by(col(Outbox.state))).all()
    )
    open_conflicts = session.exec(
        select(func.count()).select_from(SyncConflict).where(col(SyncConflict.resolved_at).is_(None))
    ).one()
    return QueueCounts(
        queued=int(by_state.get(PENDING, 0)) + int(by_state.get(SENT, 0)),
        conflicts=int(open_conflicts),
        attention=int(by_state.get(REJECTED, 0)),
    )


def needs_attention(session: Session) -> list[Outbox]:
    stmt = select(Outbox).where(Outbox.state == REJECTED).order_by(col(Outbox.seq))
    return list(session.exec(stmt).all())


def retry(session: Session, seq: int) -> None:
    """Sends a refused mutation again (after the server or its data was fixed); same mutation id,
    so it still cannot apply twice."""
    entry = session.get(Outbox, seq)
    if entry is not None and entry.state == REJECTED:
        entry.state = PENDING
        entry.last_error = ""
        session.add(entry)


def dismiss(session: Session, seq: int) -> None:
    """Gives up a refused change: the fields it set go back to the values they had before it, and the
    row is left to the server's version (a refused new row is tombstoned locally, without a mutation)."""
    entry = session.get(Outbox, seq)
    if entry is None or entry.state != REJECTED:
        return
    cls = SYNCED_TABLES.get(entry.entity)
    row = session.get(cls, entry.entity_id) if cls is not None else None
    if row is not None:
        from app.store.sync_values import coerce_value

        if entry.op == "insert" and row.version == 0:
            row.deleted = True
        else:
            for name, value in json.loads(entry.base_values or "{}").items():
                if name in type(row).model_fields:
                    setattr(row, name, coerce_value(type(row), name, value))
        session.add(row)
    entry.state = DISMISSED
    session.add(entry)


def protected_fields(session: Session, entity: str, entity_id: str) -> set[str]:
    """Fields a pull must not overwrite: changed here and not yet confirmed, or in an open conflict."""
    fields: set[str] = set()
    stmt = select(Outbox.patch).where(
        Outbox.entity == entity, Outbox.entity_id == entity_id, col(Outbox.state).in_(OPEN_STATES)
    )
    for patch in session.exec(stmt).all():
        fields.update(_json_object(patch))
    conflict_stmt = select(SyncConflict.field_name).where(
        SyncConflict.entity == entity,
        SyncConflict.entity_id == entity_id,
        col(SyncConflict.resolved_at).is_(None),
    )
    fields.update(session.exec(conflict_stmt).all())
    return fields


def entities_with_open_entries(session: Session) -> set[tuple[str, str]]:
    """Rows with something unconfirmed; pull looks them up once per page instead of once per row."""
    stmt = select(Outbox.entity, Outbox.entity_id).where(col(Outbox.state).in_(OPEN_STATES)).distinct()
    found = {(e, i) for e, i in session.exec(stmt).all()}
    conflict_stmt = (
        select(SyncConflict.entity, SyncConflict.entity_id)
        .where(col(SyncConflict.resolved_at).is_(None))
        .distinct()
    )
    found.update((e, i) for e, i in session.exec(conflict_stmt).all())
    return found


def blobs_to_upload(session: Session, entries: Sequence[Outbox]) -> list[str]:
    """Hashes of the files that the mutations refer to and the server does not have yet."""
    wanted: list[str] = []
    for entry in entries:
        if '"sha256"' not in entry.patch:
            continue
        sha = _json_object(entry.patch).get("sha256")
        if isinstance(sha, str) and sha and sha not in wanted:
            wanted.append(sha)
    if not wanted:
        return []
    done = set(
        session.exec(select(Blob.sha256).where(col(Blob.sha256).in_(wanted), Blob.uploaded == True)).all()  # noqa: E712
    )
    return [sha for sha in wanted if sha not in done]


def mark_blob_uploaded(session: Session, sha256: str) -> None:
    blob = session.get(Blob, sha256)
    if blob is not None and not blob.uploaded:
        blob.uploaded = True
        session.add(blob)


def blob_info(session: Session, sha256: str) -> Blob | None:
    return session.get(Blob, sha256)


def _json_object(raw: str) -> dict[str, Any]:
    try:
        loaded = json.loads(raw or "{}")
    except ValueError:
        return {}
    return loaded if isinstance(loaded, dict) else {}


def decode(raw: str) -> dict[str, Any]:
    return _json_object(raw)

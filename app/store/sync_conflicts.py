"""Conflicts: a field this laptop and the server changed to different values from the same base. Both
values are kept until a person decides; the decision is an ordinary new change, so it syncs like any
other and the server's merge rules apply to it too."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from sqlmodel import Session, col, select

from app.core.ids import utc_now_iso
from app.store import changes, sync_queue
from app.store.sync_values import coerce_value
from app.store.tables.base import SYNCED_TABLES, SyncedRow
from app.store.tables.local import Outbox
from app.store.tables.sync import SyncConflict

Resolution = Literal["mine", "theirs", "edited"]
DELETED = "deleted"


@dataclass(frozen=True)
class FieldConflict:
    field: str
    server_value: Any
    local_value: Any = None
    base_value: Any = None


def _dump(value: Any) -> str:
    return json.dumps(changes.to_json_value(value), ensure_ascii=False, sort_keys=True)


def record(
    session: Session, entry: Outbox, conflicts: Sequence[FieldConflict], server_version: int
) -> list[SyncConflict]:
    """Stores one row per field; a repeated answer for the same mutation (a resend) adds nothing."""
    patch = sync_queue.decode(entry.patch)
    base = sync_queue.decode(entry.base_values)
    existing = {
        c.field_name
        for c in session.exec(select(SyncConflict).where(SyncConflict.mutation_id == entry.mutation_id)).all()
    }
    created: list[SyncConflict] = []
    for item in conflicts:
        if item.field in existing:
            continue
        local = patch.get(item.field, item.local_value)
        if item.field == DELETED and item.field not in patch:
            local = False  # an edit here against a delete there: "mine" means the row lives on
        row = SyncConflict(
            entity=entry.entity,
            entity_id=entry.entity_id,
            field_name=item.field,
            local_value=_dump(local),
            server_value=_dump(item.server_value),
            base_value=_dump(base.get(item.field, item.base_value)),
            server_version=server_version,
            mutation_id=entry.mutation_id,
            created_at=utc_now_iso(),
        )
        session.add(row)
        created.append(row)
    sync_queue.mark_conflict(session, entry, ", ".join(c.field for c in conflicts))
    return created


def refresh_server_values(
    session: Session, entity: str, entity_id: str, values: Mapping[str, Any], version: int
) -> int:
    """A pulled version of a row with open conflicts: the pull keeps the local value of a conflicted
    field, but the conflict now shows (and "theirs" adopts) the server's newest value. Without this a
    later "theirs" wrote the value recorded when the conflict arose, which the server may have changed
    since (another laptop's edit, or a later edit of this one that the server applied), and as the row
    then equals that stale value no mutation is queued: the laptop would keep it for good."""
    stmt = select(SyncConflict).where(
        SyncConflict.entity == entity,
        SyncConflict.entity_id == entity_id,
        col(SyncConflict.resolved_at).is_(None),
    )
    refreshed = 0
    for conflict in session.exec(stmt).all():
        if conflict.field_name not in values or version < conflict.server_version:
            continue
        dumped = _dump(values[conflict.field_name])
        if dumped != conflict.server_value or version != conflict.server_version:
            conflict.server_value = dumped
            conflict.server_version = version
            session.add(conflict)
            refreshed += 1
    return refreshed


def open_conflicts(session: Session) -> list[SyncConflict]:
    stmt = select(SyncConflict).where(col(SyncConflict.resolved_at).is_(None)).order_by(col(SyncConflict.id))
    return list(session.exec(stmt).all())


def get(session: Session, conflict_id: int) -> SyncConflict | None:
    return session.get(SyncConflict, conflict_id)


def decoded(conflict: SyncConflict) -> tuple[Any, Any, Any]:
    """(local, server, base) as Python values of the column's type."""
    cls = SYNCED_TABLES.get(conflict.entity)

    def load(raw: str) -> Any:
        value = json.loads(raw)
        return coerce_value(cls, conflict.field_name, value) if cls is not None else value

    return load(conflict.local_value), load(conflict.server_value), load(conflict.base_value)


def row_of(session: Session, conflict: SyncConflict) -> SyncedRow | None:
    cls = SYNCED_TABLES.get(conflict.entity)
    return session.get(cls, conflict.entity_id) if cls is not None else None


def resolve(
    session: Session,
    conflict_id: int,
    resolution: Resolution,
    actor: str,
    edited_value: Any = None,
) -> Outbox | None:
    """Applies a person's decision and returns the new mutation (None when the server's value is kept,
    since the server already has it).

    The row first takes the server's value without a mutation, then the chosen value is written as an
    ordinary change based on it, so the server sees "server value → chosen value" and applies it."""
    conflict = session.get(SyncConflict, conflict_id)
    if conflict is None or conflict.resolved_at is not None:
        return None
    local, server, _base = decoded(conflict)
    chosen = {"mine": local, "theirs": server, "edited": edited_value}[resolution]
    row = row_of(session, conflict)
    mutation: Outbox | None = None
    if row is not None:
        setattr(row, conflict.field_name, server)
        revive: dict[str, Any] = {}
        if conflict.field_name == DELETED and chosen is False and resolution != "theirs":
            # The server rejected the whole edit because the row was deleted there; bringing the row
            # back must carry that edit again, so its fields are re-based on their old values (also
            # when a pull since showed the row restored there: the edit itself never reached it).
            revive = _original_edit(session, conflict, row)
        if conflict.server_version > row.version:
            row.version = conflict.server_version
        session.add(row)
        session.flush()
        before = session.exec(select(Outbox.seq).order_by(col(Outbox.seq).desc())).first()
        changes.update(session, row, {conflict.field_name: chosen, **revive}, actor)
        after = session.exec(select(Outbox).order_by(col(Outbox.seq).desc())).first()
        if after is not None and after.seq != before:
            mutation = after
    conflict.resolved_at = utc_now_iso()
    conflict.resolution = resolution
    session.add(conflict)
    session.flush()
    _close_mutation_if_done(session, conflict.mutation_id)
    return mutation


def _original_edit(session: Session, conflict: SyncConflict, row: SyncedRow) -> dict[str, Any]:
    entry = session.exec(select(Outbox).where(Outbox.mutation_id == conflict.mutation_id)).first()
    if entry is None:
        return {}
    cls = type(row)
    patch = sync_queue.decode(entry.patch)
    base = sync_queue.decode(entry.base_values)
    edit: dict[str, Any] = {}
    for name, value in patch.items():
        if name == DELETED or name not in cls.model_fields:
            continue
        setattr(row, name, coerce_value(cls, name, base.get(name)))
        edit[name] = coerce_value(cls, name, value)
    return edit


def resolve_many(
    session: Session, decisions: Mapping[int, tuple[Resolution, Any]], actor: str
) -> list[Outbox]:
    created: list[Outbox] = []
    for conflict_id, (resolution, value) in decisions.items():
        mutation = resolve(session, conflict_id, resolution, actor, value)
        if mutation is not None:
            created.append(mutation)
    return created


def _close_mutation_if_done(session: Session, mutation_id: str) -> None:
    still_open = session.exec(
        select(SyncConflict.id).where(
            SyncConflict.mutation_id == mutation_id, col(SyncConflict.resolved_at).is_(None)
        )
    ).first()
    if still_open is not None:
        return
    entry = session.exec(select(Outbox).where(Outbox.mutation_id == mutation_id)).first()
    if entry is not None and entry.state == sync_queue.CONFLICT:
        entry.state = sync_queue.RESOLVED
        session.add(entry)

"""Writing synced rows on the server: the record's new state and its change-log entry, always together,
with sequence numbers handed out under the writer lock (see db.ServerDB.write(serialize=True)).

Plain SQLAlchemy Core with executemany: a 500-mutation batch is a handful of statements, not thousands
of ORM objects."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Table, bindparam, func, update
from sqlmodel import Session, select

from app.core.ids import utc_now_iso
from app.server.bulk import fetch_rows, insert_rows, select_in
from app.server.merge import RowState
from app.server.record_data import dumps, loads_data
from app.server.tables import ChangeLog, Record

RECORD: Table = Record.__table__  # type: ignore[attr-defined]
CHANGE_LOG: Table = ChangeLog.__table__  # type: ignore[attr-defined]


@dataclass
class RecordRow:
    entity: str
    id: str
    grid_id: str | None
    prev_grid_id: str | None
    version: int
    seq: int
    data: str
    deleted: bool
    updated_at: str
    updated_by: str


RecordLookup = Callable[[str, str], RecordRow | None]
Key = tuple[str, str]


def row_state(record: RecordRow | None) -> RowState | None:
    if record is None:
        return None
    return RowState(version=record.version, data=loads_data(record.data), deleted=record.deleted)


def max_seq(session: Session) -> int:
    value = session.exec(select(func.max(ChangeLog.seq))).one()
    return int(value or 0)


def derive_grid(entity: str, data: Mapping[str, Any], lookup: RecordLookup) -> str | None:
    """The grid a row with this data belongs to: its own grid_id, else its parent's (enterprise, owner
    row, declared parent); None for reference rows. The rules come from app/server/schema.py."""
    from app.server.schema import schemas

    table = schemas()
    schema = table.get(entity)
    if schema is None or schema.office_only:
        return None
    own = data.get("grid_id") if schema.has_grid_column else None
    if isinstance(own, str) and own:
        return own
    key = schema.parent_of(data)
    if key is not None and key[0] in table:
        parent = lookup(*key)
        return parent.grid_id if parent is not None else None
    return None


_NAMES = list(RecordRow.__dataclass_fields__)
RECORD_COLUMNS = [RECORD.c[name] for name in _NAMES]
"""The record table's columns in RecordRow's order: select these and make rows with `record_row`."""


def record_row(values: Sequence[Any]) -> RecordRow:
    """A RecordRow from a row of RECORD_COLUMNS (booleans come back as 1/0 from SQLite's JSON)."""
    record = RecordRow(*values)
    record.deleted = bool(record.deleted)
    return record


def load_records(session: Session, keys: Iterable[Key]) -> dict[Key, RecordRow | None]:
    """The rows for these keys; keys the server does not have map to None (so nobody asks again)."""
    wanted = list(dict.fromkeys(keys))
    found: dict[Key, RecordRow | None] = dict.fromkeys(wanted)
    by_entity: dict[str, list[str]] = {}
    for entity, rid in wanted:
        by_entity.setdefault(entity, []).append(rid)
    # One entity at a time: `entity = ? AND id IN (...)` is a primary-key search on both databases,
    # where SQLite answers a row-value IN list by scanning the whole index (seconds at a million rows).
    for entity, ids in by_entity.items():
        for start in range(0, len(ids), 400):
            chunk = ids[start : start + 400]
            rows = select_in(session, RECORD, _NAMES, {"entity": entity}, "id", chunk)
            if rows is None:
                stmt = select(*RECORD_COLUMNS).where(RECORD.c.entity == entity, RECORD.c.id.in_(chunk))
                rows = fetch_rows(session, stmt)
            for row in rows:
                record = record_row(row)
                found[(record.entity, record.id)] = record
    return found


class RecordWriter:
    """Hands out consecutive sequence numbers within one serialized transaction and writes everything
    at `flush()`."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.seq = max_seq(session)
        self._new: dict[Key, RecordRow] = {}
        self._changed: dict[Key, RecordRow] = {}
        self._log: list[dict[str, Any]] = []
        self._before: dict[Key, RecordRow | None] = {}  # each key's state before this writer, for the figures

    def write(
        self,
        *,
        entity: str,
        entity_id: str,
        existing: RecordRow | None,
        data: Mapping[str, Any],
        deleted: bool,
        grid_id: str | None,
        fields: list[str],
        user: str,
        device_id: str,
        mutation_id: str,
    ) -> RecordRow:
        self.seq += 1
        now = utc_now_iso()
        key = (entity, entity_id)
        self._before.setdefault(key, existing)
        prev = existing.prev_grid_id if existing else None
        if existing is not None and existing.grid_id is not None and existing.grid_id != grid_id:
            prev = existing.grid_id
        record = RecordRow(
            entity=entity,
            id=entity_id,
            grid_id=grid_id,
            prev_grid_id=prev,
            version=(existing.version if existing else 0) + 1,
            seq=self.seq,
            data=dumps(dict(data)),
            deleted=deleted,
            updated_at=now,
            updated_by=user,
        )
        if key in self._new or existing is None:
            self._new[key] = record
        else:
            self._changed[key] = record
        self._log.append(
            {
                "seq": self.seq,
                "entity": entity,
                "entity_id": entity_id,
                "version": record.version,
                "fields": dumps(fields),
                "grid_id": grid_id,
                "user": user,
                "device_id": device_id,
                "mutation_id": mutation_id,
                "at": now,
            }
        )
        return record

    def flush(self) -> None:
        if self._new:
            insert_rows(self.session, RECORD, [dict(vars(r)) for r in self._new.values()])
        if self._changed:
            stmt = (
                update(RECORD)
                .where(RECORD.c.entity == bindparam("k_entity"), RECORD.c.id == bindparam("k_id"))
                .values({name: bindparam(name) for name in RecordRow.__dataclass_fields__ if name not in ("entity", "id")})
            )
            rows = []
            for r in self._changed.values():
                values = dict(vars(r))
                values["k_entity"] = values.pop("entity")
                values["k_id"] = values.pop("id")
                rows.append(values)
            self.session.execute(stmt, rows)
        if self._log:
            insert_rows(self.session, CHANGE_LOG, self._log)
        self._update_figures()
        self._update_search()
        self._new.clear()
        self._changed.clear()
        self._log.clear()
        self._before.clear()

    def _update_figures(self) -> None:
        """The dashboard's figure tables follow the records in the same transaction (app/server/figures.py)."""
        from app.server.figures import TRACKED, Delta

        delta = Delta()
        for key, old in self._before.items():
            new = self._new.get(key) or self._changed.get(key)
            if new is None or key[0] not in TRACKED:
                continue
            before = (old.grid_id, loads_data(old.data), old.deleted) if old is not None else None
            delta.change(key[0], key[1], before, (new.grid_id, loads_data(new.data), new.deleted))
        delta.save(self.session)

    def _update_search(self) -> None:
        """The web's search and reference indexes follow the records in the same transaction
        (app/server/search.py)."""
        from app.server.search import update

        # Rows this writer created had no index rows to replace.
        fresh = {k for k, old in self._before.items() if old is None}
        update(self.session, [*self._new.values(), *self._changed.values()], fresh=fresh)

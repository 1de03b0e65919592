"""Push and pull. One push batch is one transaction: for every mutation the ledger row, the record and the
change-log entry commit together, so a replay (lost response, retry, duplicate send) answers from the
ledger and nothing is ever applied twice."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from typing import Any

from sqlalchemy import Table, insert
from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from app.core.ids import utc_now_iso
from app.server import group_commit
from app.server.accounts import Principal, mirror_grid
from app.server.bulk import fetch_rows, insert_rows
from app.server.case_scope import CaseScope, case_scope, catch_up
from app.server.db import ServerDB
from app.server.errors import ApiError
from app.server.merge import MergeOutcome, clean_patch, merge
from app.server.record_data import loads_or_empty
from app.server.records import (
    RECORD_COLUMNS,
    RecordRow,
    RecordWriter,
    derive_grid,
    dumps,
    load_records,
    max_seq,
    record_row,
    row_state,
)
from app.server.schema import EntitySchema, schemas
from app.server.tables import BlobRef, ChangeLog, MutationLedger, Record
from app.sync.protocol import (
    MAX_BULK_ROWS,
    MAX_PULL_LIMIT,
    MIN_SCHEMA_VERSION,
    SCHEMA_VERSION,
    Change,
    Mutation,
    MutationResult,
    PullResponse,
    PushRequest,
    PushResponse,
)

LEDGER: Table = MutationLedger.__table__  # type: ignore[attr-defined]
STORED_STATUSES = frozenset({"applied", "duplicate", "conflict"})


def check_schema(version: int) -> None:
    if version < MIN_SCHEMA_VERSION:
        raise ApiError(
            426,
            "schema_too_old",
            f"This program's data schema {version} is too old for the server (needs {MIN_SCHEMA_VERSION} or "
            "newer); update the program, your unsent changes are kept.",
            headers={"Upgrade": f"union-inspector-schema/{SCHEMA_VERSION}"},
            detail={"min_schema_version": MIN_SCHEMA_VERSION, "schema_version": SCHEMA_VERSION},
        )
    if version > SCHEMA_VERSION:
        raise ApiError(
            400,
            "schema_too_new",
            f"The server knows data schema {SCHEMA_VERSION} only, this program sends {version}; update the server.",
        )


def payload_hash(m: Mutation) -> str:
    body = {
        "entity": m.entity,
        "entity_id": m.entity_id,
        "op": m.op,
        "base_version": m.base_version,
        "patch": m.patch,
        "base_values": m.base_values,
    }
    return hashlib.sha256(dumps(body).encode("utf-8")).hexdigest()


def _refused(m: Mutation, status: str, message: str) -> MutationResult:
    return MutationResult(mutation_id=m.mutation_id, status=status, message=message)  # type: ignore[arg-type]


def grid_of(schema: EntitySchema, data: Mapping[str, Any], lookup: Any) -> str | None:
    """The grid a row with this data belongs to (see records.derive_grid)."""
    return derive_grid(schema.entity, data, lookup)


def precheck(schema: EntitySchema, m: Mutation) -> tuple[dict[str, Any], str | None]:
    """The cleaned patch and what is wrong with it on its own (fields, types, lengths): no database
    needed, so push does it before it takes the write lock."""
    patch = clean_patch(m.patch)
    return patch, schema.check(m.op, patch)


class _Batch:
    def __init__(self, session: Session, principal: Principal, records: dict[tuple[str, str], RecordRow | None]) -> None:
        self.session = session
        self.principal = principal
        self.records = records
        self.writer = RecordWriter(session)
        self.grids: list[tuple[str, dict[str, Any]]] = []
        self.blob_refs: set[tuple[str, str, str]] = set()
        self.schemas = schemas()
        self._cases: CaseScope | None = None
        self.request_ids: frozenset[str] = frozenset()
        self.checked: dict[int, tuple[dict[str, Any], str | None]] = {}  # by id() of the request's mutations
        # Each row's version as committed before this batch: later versions are this batch's own writes.
        self.stored: dict[tuple[str, str], int] = {k: r.version for k, r in records.items() if r is not None}

    def cases(self) -> CaseScope:
        if self._cases is None:
            self._cases = case_scope(self.session, self.principal)
        return self._cases

    def lookup(self, entity: str, entity_id: str) -> RecordRow | None:
        key = (entity, entity_id)
        if key not in self.records:
            loaded = load_records(self.session, [key])
            self.records.update(loaded)
            self.stored.update({k: r.version for k, r in loaded.items() if r is not None})
        return self.records[key]

    def delete_base(self, m: Mutation, current: RecordRow | None) -> int:
        """The version a delete really was based on. A device that edits a row and then deletes it
        offline queues both against the same version, so its own edit, applied first, would make its
        delete look stale and conflict with itself (and a resend after a lost answer would do it again).
        Versions written since the base by this device, or by mutations of this very request, were
        seen by the delete; only a write from elsewhere makes it a conflict (SYNC.md: edit against
        delete)."""
        if m.op != "delete" or current is None or current.deleted or m.base_version >= current.version:
            return m.base_version
        if current.updated_by != self.principal.username:
            return m.base_version  # the last write came from another account: a real conflict
        key = (m.entity, m.entity_id)
        committed = self.stored.get(key, 0)
        if committed > m.base_version:
            # Newest first down the change log's row index, stopping after the writes since the base.
            stmt = (
                select(ChangeLog.device_id, ChangeLog.mutation_id)
                .where(
                    ChangeLog.entity == m.entity,
                    ChangeLog.entity_id == m.entity_id,
                    col(ChangeLog.version) > m.base_version,
                    col(ChangeLog.seq) <= current.seq,
                )
                .order_by(col(ChangeLog.seq).desc())
                .limit(committed - m.base_version)
            )
            for device_id, mutation_id in self.session.execute(stmt).all():
                if device_id != self.principal.device_id and mutation_id not in self.request_ids:
                    return m.base_version
        return current.version

    def writable(self, grid_id: str | None) -> bool:
        return self.principal.sees_all or (grid_id is not None and grid_id in self.principal.grid_ids)

    def check_scope(
        self, m: Mutation, schema: EntitySchema, current: RecordRow | None, candidate: dict[str, Any], patch: dict[str, Any]
    ) -> MutationResult | None:
        """Why this account may not write this row, or None. Office and admin accounts write every grid;
        an inspector writes rows of its grids only, and a row that names a parent (enterprise, owner row)
        must sit in that parent's grid: the server checks, it does not trust the row's own grid_id."""
        key = schema.parent_of(candidate)
        if key is not None:
            parent_schema = self.schemas.get(key[0])
            if parent_schema is None or parent_schema.office_only:
                return _refused(m, "rejected", f"a {m.entity} cannot belong to a row of kind {key[0][:64]!r}")
        if self.principal.sees_all:
            return None
        if schema.office_only:
            return _refused(m, "forbidden", f"only the office may change {m.entity} rows")
        if self.cases().may_write(m.entity, m.op, current, candidate, patch):
            return None  # the mediator of a case in another grid (app/server/case_scope.py)
        if current is not None and not self.writable(current.grid_id):
            return _refused(m, "forbidden", "this row belongs to a grid that is not assigned to you")
        parent_field = schema.parent[0] if schema.parent else None
        attaching = current is None or m.op == "insert" or bool(
            {"grid_id", parent_field, "owner_table"} & set(patch)
        )
        if key is not None and attaching:
            parent = self.lookup(*key)
            if parent is None:
                return _refused(m, "rejected", f"the {key[0]} {key[1]} this {m.entity} belongs to is not on the server")
            # A district-wide parent (an office consultation, say) leaves the row to its own grid.
            if parent.grid_id is not None:
                if not self.writable(parent.grid_id):
                    return _refused(m, "forbidden", f"the {key[0]} belongs to a grid that is not assigned to you")
                own = candidate.get("grid_id") if schema.has_grid_column else None
                if own and own != parent.grid_id:  # no grid of its own: it takes the parent's
                    return _refused(m, "forbidden", f"a {m.entity} must carry the grid of its {key[0]}")
        grid = grid_of(schema, candidate, self.lookup)
        if grid is None:
            return _refused(m, "forbidden", f"a {m.entity} needs a grid; rows without one come from the office only")
        if not self.writable(grid):
            return _refused(m, "forbidden", "this row belongs to a grid that is not assigned to you")
        return None

    def apply(self, m: Mutation) -> MutationResult:
        if m.op == "bulk":
            return self._apply_bulk(m)
        schema = self.schemas.get(m.entity)
        if schema is None:
            return _refused(m, "rejected", f"the server does not know the record kind {m.entity!r}")
        patch, problem = self.checked.get(id(m)) or precheck(schema, m)
        if problem:
            return _refused(m, "rejected", problem)
        current = self.lookup(m.entity, m.entity_id)
        if current is None and m.op != "insert":
            return _refused(m, "rejected", f"{m.entity} {m.op}: the server has no such row")
        state = row_state(current)
        candidate = dict(state.data) if state else {}
        candidate.update(patch)
        refusal = self.check_scope(m, schema, current, candidate, patch)
        if refusal is not None:
            return refusal
        outcome = merge(m.entity, m.op, state, self.delete_base(m, current), m.patch, m.base_values)
        version = current.version if current is not None else None
        if outcome.writes:
            version = self._write(m, schema, current, outcome).version
        return MutationResult(
            mutation_id=m.mutation_id,
            status=outcome.status,
            version=version,
            server_values=outcome.server_values or None,
            conflict_fields=outcome.conflict_fields,
            message=outcome.message,
        )

    def _apply_bulk(self, m: Mutation) -> MutationResult:
        """An import's rows, each applied as its own insert (scope, merge, change log); one answer."""
        rows = m.patch.get("rows")
        if not isinstance(rows, list) or len(rows) > MAX_BULK_ROWS:
            return MutationResult(mutation_id=m.mutation_id, status="rejected", message="invalid bulk rows")
        refused: list[str] = []
        version: int | None = None
        for row in rows:
            if not isinstance(row, dict) or not isinstance(row.get("id"), str):
                refused.append("invalid row")
                continue
            values = {k: v for k, v in row.items() if k != "id"}
            try:
                sub = Mutation(mutation_id=m.mutation_id, entity=m.entity, entity_id=row["id"], op="insert", patch=values)
            except ValueError:
                refused.append("invalid row id")
                continue
            result = self.apply(sub)
            if result.status in ("applied", "duplicate"):
                version = result.version if version is None else max(version, result.version or 0)
            else:
                refused.append(result.message or result.status)
        if refused:
            return MutationResult(
                mutation_id=m.mutation_id,
                status="rejected",
                version=version,
                message=f"{len(refused)} of {len(rows)} rows refused: {refused[0]}",
            )
        return MutationResult(mutation_id=m.mutation_id, status="applied", version=version or 1)

    def _write(self, m: Mutation, schema: EntitySchema, current: RecordRow | None, outcome: MergeOutcome) -> RecordRow:
        data: dict[str, Any] = outcome.data or {}
        grid_id = grid_of(schema, data, self.lookup)
        record = self.writer.write(
            entity=m.entity,
            entity_id=m.entity_id,
            existing=current,
            data=data,
            deleted=outcome.deleted,
            grid_id=grid_id,
            fields=outcome.changed_fields,
            user=self.principal.username,
            device_id=self.principal.device_id,
            mutation_id=m.mutation_id,
        )
        self.records[(m.entity, m.entity_id)] = record
        for name in schema.blob_fields:
            value = data.get(name)
            if isinstance(value, str) and value:
                self.blob_refs.add((value, m.entity, m.entity_id))
        if m.entity == "grid" and not outcome.deleted:
            self.grids.append((m.entity_id, data))
        return record

    def flush_blob_refs(self) -> None:
        save_blob_refs(self.session, self.blob_refs)


def save_blob_refs(session: Session, refs: set[tuple[str, str, str]]) -> None:
    """Adds the references not yet there. Looked up by hash (the key's first column): SQLite answers a
    row-value IN list by scanning the whole index."""
    wanted = sorted(refs)
    hashes = sorted({s for s, _, _ in wanted})
    have: set[tuple[str, str, str]] = set()
    for start in range(0, len(hashes), 300):
        stmt = select(BlobRef.sha256, BlobRef.entity, BlobRef.entity_id).where(
            col(BlobRef.sha256).in_(hashes[start : start + 300])
        )
        have.update((s, e, i) for s, e, i in session.execute(stmt).all() if (s, e, i) in refs)
    new = [{"sha256": s, "entity": e, "entity_id": i} for s, e, i in wanted if (s, e, i) not in have]
    if new:
        session.execute(insert(BlobRef.__table__), new)  # type: ignore[attr-defined]


def note_upload(db: ServerDB, principal: Principal, sha256: str) -> None:
    with db.write() as session:
        save_blob_refs(session, {(sha256, "upload", principal.account_id)})


def may_read_blob(db: ServerDB, principal: Principal, sha256: str) -> bool:
    """Office accounts read every blob; others those that a row in their grids names (or a reference
    row), and those they uploaded. Anything else is answered as absent, so existence does not leak."""
    if principal.sees_all:
        return True
    with db.read() as session:
        cases = case_scope(session, principal)
        refs = session.execute(select(BlobRef.entity, BlobRef.entity_id).where(BlobRef.sha256 == sha256)).all()
        keys = []
        for entity, entity_id in refs:
            if entity == "upload":
                if entity_id == principal.account_id:
                    return True
                continue
            keys.append((entity, entity_id))
        for record in load_records(session, keys).values():
            if record is None:
                continue
            if record.grid_id is None or record.grid_id in principal.grid_ids or cases.sees(record.entity, record.id):
                return True
    return False


def push(db: ServerDB, principal: Principal, req: PushRequest) -> PushResponse:
    check_schema(req.schema_version)
    hashes: dict[str, str] = {}
    for m in req.mutations:
        h = payload_hash(m)
        if hashes.setdefault(m.mutation_id, h) != h:
            raise _reused(m.mutation_id)
    table = schemas()
    checked = {id(m): precheck(table[m.entity], m) for m in req.mutations if m.op != "bulk" and m.entity in table}

    def work(session: Session) -> PushResponse:
        return _push_in(session, principal, req, hashes, checked)

    if db.is_sqlite:  # pushes queued for the one write lock share its transaction (app/server/group_commit.py)
        return group_commit.for_db(db).run(work)
    with db.write(serialize=True) as session:
        return work(session)


def _push_in(session: Session, principal: Principal, req: PushRequest, hashes: dict[str, str],
             checked: dict[int, tuple[dict[str, Any], str | None]]) -> PushResponse:
    """The push's work inside the write transaction."""
    ledger = _load_ledger(session, principal.account_id, list(hashes))
    for mutation_id, row in ledger.items():
        if row.payload_hash != hashes[mutation_id]:
            raise _reused(mutation_id)
    records = load_records(session, _keys(req))
    # The rows these name as parents (a visit's enterprise...), at once rather than one query each.
    records.update(load_records(session, [k for k in _parent_keys(req, records) if k not in records]))
    batch = _Batch(session, principal, records)
    batch.checked = checked
    batch.request_ids = frozenset(hashes)
    results: list[MutationResult] = []
    done: dict[str, MutationResult] = {}
    stored: list[dict[str, Any]] = []
    now = utc_now_iso()
    for m in req.mutations:
        if m.mutation_id in ledger:
            results.append(MutationResult.model_validate_json(ledger[m.mutation_id].result))
            continue
        if m.mutation_id in done:
            results.append(done[m.mutation_id])
            continue
        result = batch.apply(m)
        done[m.mutation_id] = result
        results.append(result)
        if result.status in STORED_STATUSES:
            stored.append(
                {
                    "account_id": principal.account_id,
                    "mutation_id": m.mutation_id,
                    "device_id": principal.device_id,
                    "payload_hash": hashes[m.mutation_id],
                    "status": result.status,
                    "result": result.model_dump_json(),
                    "created_at": now,
                }
            )
    batch.writer.flush()
    batch.flush_blob_refs()
    insert_rows(session, LEDGER, stored)
    for grid_id, data in batch.grids:
        mirror_grid(session, grid_id, data, actor=f"{principal.username} (push)")
    cursor = batch.writer.seq
    return PushResponse(results=results, server_cursor=cursor)


def _keys(req: PushRequest) -> list[tuple[str, str]]:
    """Rows the batch touches, loaded at once (those inside bulk entries too)."""
    keys: list[tuple[str, str]] = []
    for m in req.mutations:
        if m.op != "bulk":
            keys.append((m.entity, m.entity_id))
            continue
        rows = m.patch.get("rows")
        if isinstance(rows, list):
            keys.extend((m.entity, r["id"]) for r in rows[:MAX_BULK_ROWS] if isinstance(r, dict) and isinstance(r.get("id"), str))
    return keys


def _parent_keys(req: PushRequest, records: Mapping[tuple[str, str], RecordRow | None]) -> list[tuple[str, str]]:
    table = schemas()
    keys: list[tuple[str, str]] = []
    for m in req.mutations:
        schema = table.get(m.entity)
        if schema is None or m.op == "bulk" or not isinstance(m.patch, dict):
            continue
        current = records.get((m.entity, m.entity_id))
        candidate = dict(loads_or_empty(current.data)) if current is not None else {}
        candidate.update(m.patch)
        key = schema.parent_of(candidate)
        if key is not None and key[0] in table:
            keys.append(key)
    return keys


def _change(r: Record | RecordRow, principal: Principal, cases: CaseScope) -> Change:
    outside = r.grid_id is not None and r.grid_id not in principal.grid_ids and not cases.sees(r.entity, r.id)
    if not principal.sees_all and outside:
        return Change(seq=r.seq, entity=r.entity, entity_id=r.id, version=r.version, data={}, deleted=True, removed=True)
    return Change(
        seq=r.seq,
        entity=r.entity,
        entity_id=r.id,
        version=r.version,
        data=schemas()[r.entity].clean(loads_or_empty(r.data)),
        deleted=r.deleted,
        updated_at=r.updated_at,
        updated_by=r.updated_by,
    )


def _reused(mutation_id: str) -> ApiError:
    return ApiError(
        409,
        "mutation_id_reused",
        f"Mutation {mutation_id} was already received with different content; nothing of this batch was applied.",
        detail={"mutation_id": mutation_id},
    )


def _load_ledger(session: Session, account_id: str, ids: list[str]) -> dict[str, MutationLedger]:
    found: dict[str, MutationLedger] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        stmt = select(MutationLedger).where(
            MutationLedger.account_id == account_id, col(MutationLedger.mutation_id).in_(chunk)
        )
        for row in session.exec(stmt).all():
            found[row.mutation_id] = row
    return found


def pull(db: ServerDB, principal: Principal, cursor: int, limit: int, schema_version: int | None = None) -> PullResponse:
    if schema_version is not None:
        check_schema(schema_version)
    limit = max(1, min(limit, MAX_PULL_LIMIT))
    with db.read() as session:
        # The committed end is read first: every seq up to it has committed (appends commit in seq order),
        # so the page below is a committed prefix even on PostgreSQL, where each statement has its own snapshot.
        end = max_seq(session)
        cases = case_scope(session, principal)
        rows = _pull_rows(session, principal, cases, cursor, end, limit + 1)
        has_more = len(rows) > limit
        page = rows[:limit]
        changes = [_change(r, principal, cases) for r in catch_up(session, cases, page, cursor) + page]
        # Past the last page, skip ahead over rows outside the caller's scope.
        next_cursor = page[-1].seq if has_more else max(cursor, end)
    return PullResponse(changes=changes, next_cursor=next_cursor, has_more=has_more)


def _pull_rows(session: Session, principal: Principal, cases: CaseScope, cursor: int, end: int,
               n: int) -> list[Record | RecordRow]:
    """The first `n` rows in (cursor, end] the caller may pull, in seq order.

    One ordered walk per part of the scope, each down an index that is already in seq order (so it
    stops after `n` rows): the seq index for office accounts; (grid_id, seq) for rows without a grid
    and for each of the account's grids, (prev_grid_id, seq) for rows moved out of them. The parts' first `n` rows are
    merged here. A single query with `grid_id IN (...) OR prev_grid_id IN (...)` made SQLite read
    every row of the known kinds through the primary key and sort them all, for every page (seconds
    at a district's size). Only rows of known kinds travel (a laptop could not store anything else)."""
    kinds = sorted(schemas())
    # `entity || ''` keeps the kind test off the primary key, so the planner walks the ordered index.
    window = (col(Record.seq) > cursor, col(Record.seq) <= end, (col(Record.entity) + "").in_(kinds))

    def walk(*where: Any) -> list[RecordRow]:
        # Plain rows, not ORM objects (building those was an eighth of the server's CPU under load), and
        # on SQLite fetched in one step (app/server/bulk.py): a pull no longer waits for the GIL per row.
        stmt = sa_select(*RECORD_COLUMNS).where(*window, *where).order_by(col(Record.seq)).limit(n)
        return sorted((record_row(r) for r in fetch_rows(session, stmt)), key=lambda r: r.seq)

    if principal.sees_all:
        return list[Record | RecordRow](walk())
    found: dict[tuple[str, str], Record | RecordRow] = {}
    parts: list[list[Record] | list[RecordRow]] = [walk(col(Record.grid_id).is_(None))]
    for grid_id in sorted(principal.grid_ids):
        parts.append(walk(col(Record.grid_id) == grid_id))
        parts.append(walk(col(Record.prev_grid_id) == grid_id))
    if cases.extra:
        # Cases this account mediates in other grids, with their rows: looked up by key (a row-value
        # IN list is a whole-index scan on SQLite), then kept if inside the window.
        keys = [k for k, row in load_records(session, sorted(cases.extra)).items()
                if row is not None and cursor < row.seq <= end and k[0] in kinds]
        parts.append(_records_by_key(session, keys))
    for part in parts:
        for r in part:
            found.setdefault((r.entity, r.id), r)
    return sorted(found.values(), key=lambda r: r.seq)[:n]


def _records_by_key(session: Session, keys: list[tuple[str, str]]) -> list[Record]:
    by_entity: dict[str, list[str]] = {}
    for entity, rid in keys:
        by_entity.setdefault(entity, []).append(rid)
    out: list[Record] = []
    for entity, ids in by_entity.items():
        for start in range(0, len(ids), 400):
            stmt = select(Record).where(Record.entity == entity, col(Record.id).in_(ids[start : start + 400]))
            out.extend(session.exec(stmt).all())
    return out

"""Push and pull. One push batch is one transaction: for every mutation the ledger row, the record and the
change-log entry commit together, so a replay (lost response, retry, duplicate send) answers from the
ledger and nothing is ever applied twice."""

from __future__ import annotations

import hashlib
from typing import Any

from sqlalchemy import Table, insert, or_
from sqlmodel import Session, col, select

from app.core.ids import utc_now_iso
from app.server.accounts import Principal, mirror_grid
from app.server.db import ServerDB
from app.server.errors import ApiError
from app.server.merge import MergeOutcome, clean_patch, merge
from app.server.records import (
    RecordRow,
    RecordWriter,
    derive_grid,
    dumps,
    load_records,
    loads_data,
    max_seq,
    row_state,
)
from app.server.tables import MutationLedger, Record
from app.sync.protocol import (
    MAX_BULK_ROWS,
    MAX_PULL_LIMIT,
    MIN_SCHEMA_VERSION,
    REFERENCE_ENTITIES,
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


class _Batch:
    def __init__(self, session: Session, principal: Principal, records: dict[tuple[str, str], RecordRow | None]) -> None:
        self.session = session
        self.principal = principal
        self.records = records
        self.writer = RecordWriter(session)
        self.grids: list[tuple[str, dict[str, Any]]] = []

    def lookup(self, entity: str, entity_id: str) -> RecordRow | None:
        key = (entity, entity_id)
        if key not in self.records:
            self.records.update(load_records(self.session, [key]))
        return self.records[key]

    def in_scope(self, grid_id: str | None) -> bool:
        return grid_id is None or grid_id in self.principal.grid_ids

    def apply(self, m: Mutation) -> MutationResult:
        if m.op == "bulk":
            return self._apply_bulk(m)
        current = self.lookup(m.entity, m.entity_id)
        state = row_state(current)
        if not self.principal.sees_all:
            if m.entity in REFERENCE_ENTITIES:
                return MutationResult(
                    mutation_id=m.mutation_id,
                    status="forbidden",
                    message=f"only the office may change {m.entity} rows",
                )
            candidate = dict(state.data) if state else {}
            candidate.update(clean_patch(m.patch))
            old_grid = current.grid_id if current is not None else None
            new_grid = derive_grid(m.entity, candidate, self.lookup)
            if not (self.in_scope(old_grid) and self.in_scope(new_grid)):
                return MutationResult(
                    mutation_id=m.mutation_id,
                    status="forbidden",
                    message="this row belongs to a grid that is not assigned to you",
                )
        bad = [k for k in m.patch if not isinstance(k, str) or not k or len(k) > 64]
        if bad:
            return MutationResult(mutation_id=m.mutation_id, status="rejected", message="invalid field names")
        outcome = merge(m.entity, m.op, state, m.base_version, m.patch, m.base_values)
        version = current.version if current is not None else None
        if outcome.writes:
            version = self._write(m, current, outcome).version
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

    def _write(self, m: Mutation, current: RecordRow | None, outcome: MergeOutcome) -> RecordRow:
        data: dict[str, Any] = outcome.data or {}
        grid_id = derive_grid(m.entity, data, self.lookup)
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
        if m.entity == "grid" and not outcome.deleted:
            self.grids.append((m.entity_id, data))
        return record


def push(db: ServerDB, principal: Principal, req: PushRequest) -> PushResponse:
    check_schema(req.schema_version)
    hashes: dict[str, str] = {}
    for m in req.mutations:
        h = payload_hash(m)
        if hashes.setdefault(m.mutation_id, h) != h:
            raise _reused(m.mutation_id)
    with db.write(serialize=True) as session:
        ledger = _load_ledger(session, list(hashes))
        for mutation_id, row in ledger.items():
            if row.payload_hash != hashes[mutation_id]:
                raise _reused(mutation_id)
        batch = _Batch(
            session,
            principal,
            load_records(session, _keys(req)),
        )
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
                        "mutation_id": m.mutation_id,
                        "device_id": principal.device_id,
                        "payload_hash": hashes[m.mutation_id],
                        "status": result.status,
                        "result": result.model_dump_json(),
                        "created_at": now,
                    }
                )
        batch.writer.flush()
        if stored:
            session.execute(insert(LEDGER), stored)
        for grid_id, data in batch.grids:
            mirror_grid(session, grid_id, data)
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


def _change(r: Record, principal: Principal) -> Change:
    if not principal.sees_all and r.grid_id is not None and r.grid_id not in principal.grid_ids:
        return Change(seq=r.seq, entity=r.entity, entity_id=r.id, version=r.version, data={}, deleted=True, removed=True)
    return Change(
        seq=r.seq,
        entity=r.entity,
        entity_id=r.id,
        version=r.version,
        data=loads_data(r.data),
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


def _load_ledger(session: Session, ids: list[str]) -> dict[str, MutationLedger]:
    found: dict[str, MutationLedger] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        for row in session.exec(select(MutationLedger).where(col(MutationLedger.mutation_id).in_(chunk))).all():
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
        stmt = select(Record).where(col(Record.seq) > cursor, col(Record.seq) <= end)
        if not principal.sees_all:
            scope = sorted(principal.grid_ids)
            stmt = stmt.where(
                or_(
                    col(Record.grid_id).is_(None),
                    col(Record.grid_id).in_(scope),
                    col(Record.prev_grid_id).in_(scope),
                )
            )
        rows = session.exec(stmt.order_by(col(Record.seq)).limit(limit + 1)).all()
        has_more = len(rows) > limit
        changes = [_change(r, principal) for r in rows[:limit]]
        # Past the last page, skip ahead over rows outside the caller's scope.
        next_cursor = changes[-1].seq if has_more else max(cursor, end)
    return PullResponse(changes=changes, next_cursor=next_cursor, has_more=has_more)

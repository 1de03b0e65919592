"""Push: the outbox, oldest first, in batches the server accepts, each mutation idempotent by its id, so
a batch resent after a lost answer changes nothing. Files go up before the mutation that refers to them.
A mutation the server refuses is set aside for a person; the queue behind it continues."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from dataclasses import dataclass

from app.paths import DataPaths
from app.store import blobs, sync_conflicts, sync_queue
from app.store.db import Database
from app.store.tables.local import Outbox
from app.sync import protocol as p
from app.sync.client import BatchRefused, SyncClient

log = logging.getLogger(__name__)


@dataclass
class PushOutcome:
    sent: int = 0
    applied: int = 0
    duplicates: int = 0
    conflicts: int = 0
    rejected: int = 0
    forbidden: int = 0
    blobs_uploaded: int = 0
    batches: int = 0

    @property
    def refused(self) -> int:
        return self.rejected + self.forbidden


def to_mutation(entry: Outbox) -> p.Mutation:
    return p.Mutation(
        mutation_id=entry.mutation_id,
        entity=entry.entity,
        entity_id=entry.entity_id,
        op=entry.op,  # type: ignore[arg-type]
        base_version=entry.base_version,
        patch=sync_queue.decode(entry.patch),
        base_values=sync_queue.decode(entry.base_values),
    )


def encode_push(device_id: str, entries: list[Outbox]) -> bytes:
    """The push request as JSON, with each stored patch spliced in as it is (it is JSON already)."""
    parts = [
        "{"
        + f'"mutation_id":{json.dumps(e.mutation_id)},"entity":{json.dumps(e.entity)},'
        + f'"entity_id":{json.dumps(e.entity_id)},"op":{json.dumps(e.op)},"base_version":{int(e.base_version)},'
        + f'"patch":{e.patch or "{}"},"base_values":{e.base_values or "{}"}'
        + "}"
        for e in entries
    ]
    head = f'{{"schema_version":{p.SCHEMA_VERSION},"device_id":{json.dumps(device_id)},"mutations":['
    return (head + ",".join(parts) + "]}").encode()


def _upload_blobs(
    db: Database, paths: DataPaths, client: SyncClient, batch: list[Outbox], outcome: PushOutcome
) -> list[Outbox]:
    """Uploads the files the batch refers to; a mutation whose file is gone from this laptop cannot be
    completed and goes to the needs-attention list instead of blocking the others."""
    with db.read() as session:
        missing_on_server = sync_queue.blobs_to_upload(session, batch)
    unavailable: set[str] = set()
    for sha in missing_on_server:
        path = blobs.blob_path(paths.blobs, sha)
        if not client.blob_exists(sha):
            if not path.exists():
                unavailable.add(sha)
                continue
            try:
                data = blobs.read_bytes(paths.blobs, sha)  # the plain bytes: the file here is sealed
            except OSError:
                unavailable.add(sha)
                continue
            client.put_blob(sha, data)
            outcome.blobs_uploaded += 1
        with db.write() as session:
            sync_queue.mark_blob_uploaded(session, sha)
    if not unavailable:
        return batch
    kept: list[Outbox] = []
    with db.write() as session:
        for entry in batch:
            if '"sha256"' in entry.patch and sync_queue.decode(entry.patch).get("sha256") in unavailable:
                fresh = session.get(Outbox, entry.seq)
                if fresh is not None:
                    sync_queue.mark_rejected(session, fresh, "附件文件在本机已不存在，无法上传")
                    outcome.rejected += 1
            else:
                kept.append(entry)
    return kept


def _apply_results(db: Database, response: p.PushResponse, outcome: PushOutcome) -> None:
    with db.write() as session:
        refs = sync_queue.refs_by_mutation_ids(session, (r.mutation_id for r in response.results))
        applied: list[tuple[sync_queue.EntryRef, int | None]] = []
        for result in response.results:
            ref = refs.get(result.mutation_id)
            if ref is None or ref.state not in sync_queue.OPEN_STATES:
                continue
            if result.status in ("applied", "duplicate"):
                applied.append((ref, result.version))
                if result.status == "applied":
                    outcome.applied += 1
                else:
                    outcome.duplicates += 1
                continue
            entry = session.get(Outbox, ref.seq)
            if entry is None:
                continue
            if result.status == "conflict":
                server_values = result.server_values or {}
                fields = result.conflict_fields or list(server_values)
                sync_conflicts.record(
                    session,
                    entry,
                    [sync_conflicts.FieldConflict(f, server_values.get(f)) for f in fields],
                    result.version or 0,
                )
                outcome.conflicts += 1
            elif result.status == "forbidden":
                sync_queue.mark_rejected(session, entry, result.message or "没有权限修改这一记录（不在你的网格内）")
                outcome.forbidden += 1
            else:
                sync_queue.mark_rejected(session, entry, result.message or "服务器拒绝了这项修改")
                outcome.rejected += 1
        session.flush()
        sync_queue.mark_applied_many(session, applied)


def _push_one_by_one(
    db: Database, client: SyncClient, device_id: str, batch: list[Outbox], outcome: PushOutcome
) -> None:
    """After the server refused a whole batch: find the mutation(s) it objects to, set them aside,
    and let the rest through."""
    for entry in batch:
        try:
            response = client.push_body(encode_push(device_id, [entry]))
        except BatchRefused as exc:
            with db.write() as session:
                fresh = session.get(Outbox, entry.seq)
                if fresh is not None:
                    sync_queue.mark_rejected(session, fresh, f"服务器拒绝了这项修改：{exc}")
            outcome.rejected += 1
            continue
        _apply_results(db, response, outcome)


def push_all(
    db: Database,
    paths: DataPaths,
    client: SyncClient,
    device_id: str,
    *,
    batch_size: int = p.MAX_MUTATIONS_PER_PUSH,
    progress: Callable[[int, int], None] | None = None,
) -> PushOutcome:
    outcome = PushOutcome()
    batch_size = max(1, min(batch_size, p.MAX_MUTATIONS_PER_PUSH))
    with db.read() as session:
        total = sync_queue.counts(session).queued
    after = 0
    while True:
        with db.read() as session:
            batch = sync_queue.next_batch(session, batch_size, after)
        if not batch:
            break
        after = batch[-1].seq or after
        batch = _upload_blobs(db, paths, client, batch, outcome)
        if not batch:
            continue
        with db.write() as session:
            sync_queue.mark_sent(session, [e.seq for e in batch if e.seq is not None])
        outcome.batches += 1
        outcome.sent += len(batch)
        try:
            response = client.push_body(encode_push(device_id, batch))
        except BatchRefused as exc:
            log.warning("server refused a batch of %d (%s); sending one by one", len(batch), exc)
            _push_one_by_one(db, client, device_id, batch, outcome)
        else:
            _apply_results(db, response, outcome)
        if progress is not None:
            progress(outcome.sent, total)
    return outcome

"""Pull: the server's changes since our cursor, page by page; each page and the cursor after it are
written in one transaction, so a crash repeats a page (harmless, rows carry their full state) and never
skips one."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial

from sqlmodel import Session

from app.store import sync_replica, sync_state
from app.store.db import Database
from app.sync import protocol as p
from app.sync.client import SyncClient

log = logging.getLogger(__name__)

PageHook = Callable[[Session], None]


@dataclass
class PullOutcome:
    received: int = 0
    applied: int = 0
    skipped: int = 0
    parked: int = 0
    pages: int = 0
    cursor: int = 0
    tables: set[str] = field(default_factory=set)
    reasons: list[str] = field(default_factory=list)


def to_pulled(change: p.Change) -> sync_replica.PulledChange:
    return sync_replica.PulledChange(
        seq=change.seq,
        entity=change.entity,
        entity_id=change.entity_id,
        version=change.version,
        values=change.data,
        deleted=change.deleted,
        updated_at=change.updated_at,
        updated_by=change.updated_by,
    )


def pull_all(
    db: Database,
    client: SyncClient,
    *,
    limit: int = p.DEFAULT_PULL_LIMIT,
    before_cursor_saved: PageHook | None = None,
    max_pages: int | None = None,
) -> PullOutcome:
    """`before_cursor_saved` runs inside each page's transaction after its rows are written (tests use
    it to kill the process exactly there)."""
    outcome = PullOutcome()
    while max_pages is None or outcome.pages < max_pages:
        with db.read() as session:
            cursor = sync_state.load(session).pull_cursor
        page = client.pull(cursor, limit)
        with db.write() as session:
            if sync_state.load(session).pull_cursor != cursor:
                # Another sync of this data folder moved on meanwhile; its pages are newer than ours.
                log.info("pull cursor moved from %s during the request; page dropped", cursor)
                continue
            hook: Callable[[], None] | None = None
            if before_cursor_saved is not None:
                hook = partial(before_cursor_saved, session)
            result = sync_replica.apply_page(
                session, [to_pulled(c) for c in page.changes], page.next_cursor, before_cursor=hook
            )
        outcome.pages += 1
        outcome.received += len(page.changes)
        outcome.applied += result.applied + result.unparked
        outcome.skipped += result.skipped
        outcome.parked += result.parked
        outcome.tables |= result.tables
        outcome.reasons.extend(result.reasons)
        outcome.cursor = page.next_cursor
        if not page.has_more or page.next_cursor == cursor:
            break
    return outcome

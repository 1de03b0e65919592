"""Pushes from many threads at once, with a puller reading all the while: the puller never skips a
committed change, every mutation lands exactly once, the change log has no gap, and the figure and
search tables match a recomputation. Any change to how pushes lock (the sequence lock's scope on
PostgreSQL, the writer lock on SQLite) must keep this true."""

from __future__ import annotations

import datetime as dt
import random
import threading
import uuid
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text
from sqlmodel import select

from app.server import figures
from app.server import search as search_index
from app.server.accounts import principal_for
from app.server.db import ServerDB
from app.server.settings import ServerSettings
from app.server.sync_service import pull, push
from app.server.tables import Account, Record
from app.sync.protocol import PushRequest
from tests.support.server_setup import BACKENDS, database_url, mutation, push_body, seed, visit_patch

PUSHERS = 6
ROUNDS = 12


def _request(device: str, muts: list[dict[str, Any]]) -> PushRequest:
    return PushRequest.model_validate(push_body(device, muts))


@pytest.mark.parametrize("backend", BACKENDS)
def test_concurrent_pushes_and_a_puller_never_skip_a_change(backend: str, tmp_path: Path) -> None:
    with database_url(backend, tmp_path) as url:
        settings = ServerSettings(data_dir=tmp_path / "srv", database_url=url, jwt_secret="c" * 40)
        seeded = seed(settings)
        db = ServerDB(settings.db_url)
        try:
            _run(db, seeded.grid_a, seeded.grid_b)
        finally:
            db.dispose()


def _run(db: ServerDB, grid_a: str, grid_b: str) -> None:
    with db.read() as s:
        olga = s.exec(select(Account).where(Account.username == "olga")).one()
        principals = [principal_for(s, olga, f"dev-{n}") for n in range(PUSHERS)]
        reader = principal_for(s, olga, "dev-reader")
    # Enterprises every pusher edits (their rows are locked against each other), and enterprises the
    # visits belong to (only read: those pushes share the figure rows of their grid and month), in two grids.
    shared = [str(uuid.uuid4()) for _ in range(12)]
    grids = [(grid_a, grid_b)[i % 2] for i in range(len(shared))]
    first = [mutation("enterprise", eid, patch={"name": f"共用{i}", "grid_id": grids[i], "address": "一路", "headcount": 1,
                                               "deleted": False}) for i, eid in enumerate(shared)]
    assert all(r.status == "applied" for r in push(db, principals[0], _request("dev-0", first)).results)
    day = dt.date.today().isoformat()
    sent: list[str] = []
    failures: list[BaseException] = []
    pushing = threading.Event()
    pushing.set()
    guard = threading.Lock()

    def pusher(n: int) -> None:
        rng = random.Random(n)
        try:
            for round_ in range(ROUNDS):
                muts = []
                # Up to two edited enterprises in a random order (unsorted on purpose: deadlock bait).
                for i in rng.sample(range(4), rng.choice((0, 0, 1, 2))):
                    muts.append(mutation("enterprise", shared[i], op="update", base_version=1,
                                         patch={"headcount": n * 100 + round_}))
                for _ in range(rng.randint(3, 12)):
                    i = rng.randrange(4, len(shared))
                    muts.append(mutation("visit", str(uuid.uuid4()),
                                         patch=visit_patch(shared[i], grids[i], status="submitted", visit_date=day)))
                rng.shuffle(muts)
                answer = push(db, principals[n], _request(f"dev-{n}", muts))
                assert all(r.status in ("applied", "conflict") for r in answer.results), answer.results
                with guard:
                    sent.extend(m["entity_id"] for m in muts if m["entity"] == "visit")
        except BaseException as exc:
            failures.append(exc)

    seen: dict[tuple[str, str], int] = {}  # what the puller holds: row -> version
    pages: list[tuple[int, list[int], int]] = []

    def puller() -> None:
        rng = random.Random(99)
        cursor = 0
        try:
            while True:
                done = not pushing.is_set()  # read before the pull: one more full pass after the pushers end
                while True:
                    page = pull(db, reader, cursor, rng.randint(1, 40))
                    seqs = [c.seq for c in page.changes]
                    pages.append((cursor, seqs, page.next_cursor))
                    assert all(s > cursor for s in seqs) and seqs == sorted(seqs), (cursor, seqs)
                    assert page.next_cursor >= max(seqs, default=cursor)
                    for c in page.changes:
                        seen[(c.entity, c.entity_id)] = c.version
                    cursor = page.next_cursor
                    if not page.has_more:
                        break
                if done:
                    return
        except BaseException as exc:
            failures.append(exc)

    threads = [threading.Thread(target=pusher, args=(n,)) for n in range(PUSHERS)]
    reading = threading.Thread(target=puller)
    reading.start()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    pushing.clear()
    reading.join()
    if failures:
        raise failures[0]

    with db.read() as s:
        server = {(r.entity, r.id): r.version for r in s.exec(select(Record)).all() if r.entity in ("enterprise", "visit")}
        seqs = [row[0] for row in s.execute(text("SELECT seq FROM change_log ORDER BY seq")).all()]
    # Every visit sent is on the server once; the puller, which read while they were pushed, holds
    # each row at the server's version: no committed change slipped behind its cursor.
    assert len(sent) == len(set(sent)) and {("visit", v) for v in sent} <= set(server)
    missing = {k: v for k, v in server.items() if seen.get(k) != v}
    assert not missing, f"the puller missed {len(missing)} changes, e.g. {list(missing.items())[:3]}"
    assert seqs == list(range(seqs[0], seqs[0] + len(seqs))), "the change log has a gap"
    with db.write(serialize=True) as s:
        assert figures.check(s) == []
        assert search_index.check(s) == []

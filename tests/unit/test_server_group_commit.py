"""Group commit on SQLite (app/server/group_commit.py): pushes that queue for the write lock share one
transaction, each in its own savepoint. One that fails is undone alone and its caller gets its own
error; the others commit and get their own answers; a resend is answered from the ledger."""

from __future__ import annotations

import threading
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text
from sqlmodel import Session, select

from app.server import group_commit
from app.server.accounts import principal_for
from app.server.db import ServerDB
from app.server.errors import ApiError
from app.server.settings import ServerSettings
from app.server.sync_service import push
from app.server.tables import Account, ChangeLog, Record
from app.sync.protocol import PushRequest, PushResponse
from tests.support.server_setup import mutation, push_body, seed, visit_patch


def _settings(tmp_path: Path) -> ServerSettings:
    return ServerSettings(data_dir=tmp_path / "srv", database_url=f"sqlite:///{tmp_path / 'srv' / 'server.db'}",
                          jwt_secret="g" * 40)


class _District:
    """A seeded server, olga's two devices and one enterprise of grid A pushed by ann."""

    def __init__(self, tmp_path: Path) -> None:
        settings = _settings(tmp_path)
        self.seeded = seed(settings)
        self.db = ServerDB(settings.db_url)
        with self.db.read() as s:
            olga = s.exec(select(Account).where(Account.username == "olga")).one()
            self.ann, self.bob = principal_for(s, olga, "dev-ann"), principal_for(s, olga, "dev-bob")
        self.enterprise = str(uuid.uuid4())
        push(self.db, self.ann, PushRequest.model_validate(push_body("dev-ann", [mutation(
            "enterprise", self.enterprise, patch={"name": "一厂", "grid_id": self.seeded.grid_a, "address": "一路",
                                                  "headcount": 1, "deleted": False})])))

    def visit(self, **patch: Any) -> dict[str, Any]:
        return mutation("visit", str(uuid.uuid4()), patch=visit_patch(self.enterprise, self.seeded.grid_a, **patch))


@pytest.fixture
def district(tmp_path: Path) -> Iterator[_District]:
    d = _District(tmp_path)
    yield d
    d.db.dispose()


def _wait_for(cond: Callable[[], bool]) -> None:
    end = time.monotonic() + 20
    while not cond():
        assert time.monotonic() < end, "timed out"
        time.sleep(0.005)


def _queued_behind_a_held_group(db: ServerDB, jobs: list[Callable[[], Any]]) -> list[Any]:
    """Runs `jobs` in threads while a first group holds the write transaction, so that they all queue
    and then run as the next group; their answers (or exceptions) in order."""
    gc = group_commit.for_db(db)
    release = threading.Event()
    holder = threading.Thread(target=gc.run, args=(lambda s: release.wait(20),))
    holder.start()
    _wait_for(lambda: gc._leading)
    answers: list[Any] = [None] * len(jobs)

    def call(i: int) -> None:
        try:
            answers[i] = jobs[i]()
        except Exception as exc:
            answers[i] = exc

    threads = [threading.Thread(target=call, args=(i,)) for i in range(len(jobs))]
    for t in threads:
        t.start()
    _wait_for(lambda: len(gc._queue) == len(jobs))
    release.set()
    for t in [holder, *threads]:
        t.join(30)
    return answers


def test_queued_work_shares_one_transaction_and_a_failure_is_undone_alone(tmp_path: Path) -> None:
    seed(_settings(tmp_path))
    db = ServerDB(_settings(tmp_path).db_url)
    try:
        with db.write() as s:
            s.execute(text("CREATE TABLE scratch (x INTEGER)"))
        sessions: list[int] = []

        def writes(x: int, fail: bool = False) -> Callable[[], int]:
            def work(session: Session) -> int:
                sessions.append(id(session.connection().connection.dbapi_connection))
                session.execute(text("INSERT INTO scratch VALUES (:x)"), {"x": x})
                if fail:
                    raise ValueError(f"job {x} fails")
                return x * 10
            return lambda: group_commit.for_db(db).run(work)

        answers = _queued_behind_a_held_group(db, [writes(1), writes(2, fail=True), writes(3)])
        assert answers[0] == 10 and answers[2] == 30
        assert isinstance(answers[1], ValueError) and "job 2" in str(answers[1])
        assert len(set(sessions)) == 1, "the queued jobs ran in one transaction"
        with db.read() as s:
            assert sorted(r[0] for r in s.execute(text("SELECT x FROM scratch")).all()) == [1, 3]
    finally:
        db.dispose()


def test_a_failing_push_in_a_group_leaves_the_other_committed_and_a_resend_is_a_replay(district: _District) -> None:
    db, ann, bob = district.db, district.ann, district.bob
    good = [district.visit() for _ in range(3)]
    sent_before = district.visit()
    assert push(db, bob, PushRequest.model_validate(push_body("dev-bob", [sent_before]))).results[0].status == "applied"
    # bob sends the same mutation id with other content, and a new visit in the same batch
    reused = dict(sent_before, patch=visit_patch(district.enterprise, district.seeded.grid_a, summary="改过"))
    fresh = district.visit()
    good_req = PushRequest.model_validate(push_body("dev-ann", good))
    bad_req = PushRequest.model_validate(push_body("dev-bob", [fresh, reused]))
    answers = _queued_behind_a_held_group(db, [lambda: push(db, ann, good_req), lambda: push(db, bob, bad_req)])

    assert isinstance(answers[0], PushResponse), answers[0]
    assert [r.status for r in answers[0].results] == ["applied"] * 3
    assert isinstance(answers[1], ApiError) and answers[1].status == 409
    with db.read() as s:
        stored = {r.id for r in s.exec(select(Record).where(Record.entity == "visit")).all()}
        logged = [c.mutation_id for c in s.exec(select(ChangeLog)).all()]
    assert {m["entity_id"] for m in good} <= stored
    assert fresh["entity_id"] not in stored, "the failing push was undone whole"
    assert fresh["mutation_id"] not in logged
    # The committed push, sent again (its answer was lost), is answered from the ledger: nothing twice.
    again = push(db, ann, good_req)
    assert [r.model_dump() for r in again.results] == [r.model_dump() for r in answers[0].results]
    with db.read() as s:
        assert sum(1 for c in s.exec(select(ChangeLog)).all() if c.mutation_id in {m["mutation_id"] for m in good}) == 3


def test_the_same_mutations_twice_in_one_group_land_once(district: _District) -> None:
    db, ann = district.db, district.ann
    muts = [district.visit() for _ in range(2)]
    req = PushRequest.model_validate(push_body("dev-ann", muts))
    # A laptop that timed out and sent its batch again while the first was still queued.
    a, b = _queued_behind_a_held_group(db, [lambda: push(db, ann, req), lambda: push(db, ann, req)])
    assert isinstance(a, PushResponse) and isinstance(b, PushResponse)
    assert [r.version for r in a.results] == [r.version for r in b.results] == [1, 1]
    with db.read() as s:
        ids = {m["mutation_id"] for m in muts}
        assert sum(1 for c in s.exec(select(ChangeLog)).all() if c.mutation_id in ids) == 2


@pytest.mark.parametrize("n", [40, 80])
def test_more_pushes_than_one_group_holds_all_land(district: _District, n: int) -> None:
    db, ann = district.db, district.ann
    reqs = [PushRequest.model_validate(push_body("dev-ann", [district.visit()])) for _ in range(n)]
    answers = _queued_behind_a_held_group(db, [lambda r=r: push(db, ann, r) for r in reqs])
    bad = [a for a in answers if not (isinstance(a, PushResponse) and a.results[0].status == "applied")]
    assert not bad, bad
    assert len({a.server_cursor for a in answers}) == n

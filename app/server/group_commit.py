"""Group commit of laptops' pushes on SQLite: the pushes that queue for the write lock while another
holds it run in one transaction, each inside its own savepoint, with one commit.

SQLite lets one writer in at a time. With 20 laptops pushing every few seconds, each push holding the
lock for its own BEGIN IMMEDIATE, its writes and a synchronous commit (an fsync; WAL checkpoints run
there too), the lock was busy nearly all the time and pushes queued for seconds behind each other
(tests/bench/bench_web.py: push p99 3-4 s, of which 2-3 s waiting for the lock). Here one thread, the
leader, takes the lock for everybody waiting: the fsync, the lock hand-overs and the wake-ups are paid
once per group instead of once per push.

Each push stays on its own: its work runs in a savepoint, so one that fails (a reused mutation id, a
database error) is rolled back alone and its own caller gets its exception, while the others of the
group commit. A push's answer is handed out only after the group's commit; if the commit fails, every
push of the group gets that error and nothing of them is stored (a resend is answered from scratch,
the mutation ids make it idempotent either way)."""

from __future__ import annotations

import threading
import time
import weakref
from collections.abc import Callable
from typing import Generic, TypeVar

from sqlmodel import Session

from app.server import timing
from app.server.db import ServerDB

T = TypeVar("T")
MAX_GROUP = 32
"""Pushes in one transaction at most: bounds how long one group holds the lock."""


class _Job(Generic[T]):
    def __init__(self, work: Callable[[Session], T]) -> None:
        self.work = work
        self.value: T | None = None
        self.error: BaseException | None = None
        self.finished = False


class GroupCommit:
    """One per database in a worker process (see `for_db`)."""

    def __init__(self, db: ServerDB) -> None:
        self.db = weakref.proxy(db)
        self._cond = threading.Condition()
        self._queue: list[_Job[object]] = []
        self._leading = False

    def run(self, work: Callable[[Session], T]) -> T:
        """`work(session)` inside a write transaction, committed before this returns; its exception
        (raised here) undoes its own writes only."""
        job: _Job[T] = _Job(work)
        t0 = time.perf_counter()
        with self._cond:
            self._queue.append(job)  # type: ignore[arg-type]
            while self._leading and not job.finished:
                self._cond.wait()
            if not job.finished:
                self._leading = True
                group = self._queue[:MAX_GROUP]
                if job not in group:  # a long queue: the leader's own push goes in its group all the same
                    group = [*self._queue[: MAX_GROUP - 1], job]  # type: ignore[list-item]
                self._queue = [j for j in self._queue if j not in group]
            else:
                group = []
        if group:
            timing.add("groupwait", time.perf_counter() - t0)
            try:
                self._commit(group)
            finally:
                with self._cond:
                    self._leading = False
                    self._cond.notify_all()
        else:
            timing.add("groupwait", time.perf_counter() - t0)
        if job.error is not None:
            raise job.error
        return job.value  # type: ignore[return-value]

    def _commit(self, group: list[_Job[object]]) -> None:
        timing.add("group", len(group))
        try:
            with self.db.write(serialize=True) as session:
                for job in group:
                    try:
                        with session.begin_nested():
                            job.value = job.work(session)
                    except Exception as exc:  # this push alone is undone; the others go on
                        job.error = exc
        except BaseException as exc:  # the commit (or the lock) failed: nothing of the group is stored
            for job in group:
                if job.error is None:
                    job.value, job.error = None, exc
            if not isinstance(exc, Exception):
                raise
        finally:
            for job in group:
                job.finished = True


_GROUPS: weakref.WeakKeyDictionary[ServerDB, GroupCommit] = weakref.WeakKeyDictionary()
_GROUPS_GUARD = threading.Lock()


def for_db(db: ServerDB) -> GroupCommit:
    with _GROUPS_GUARD:
        group = _GROUPS.get(db)
        if group is None:
            group = _GROUPS[db] = GroupCommit(db)
        return group

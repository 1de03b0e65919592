"""Admission of web page requests: at most a few render at a time in one worker process, and only one
while a laptop's push or pull is in the worker; the others wait their turn in the event loop, holding
no thread.

A worker runs Python on one core at a time (the GIL). With forty page renders in the thread pool, a
laptop's push, which holds SQLite's one write lock while it runs, got a fortieth of the core and held
the lock ten times longer than it needs, and every other push queued behind it. Pages are CPU work:
letting forty run at once does not finish them sooner than letting four run, it only slows everything
else down.

Four still cost a push dearly: SQLite gives the GIL up for every row it steps through, and a thread
that wants it back waits for the running thread's switch interval when that thread is busy in Python,
so a push of a few hundred row steps spent most of its time holding the write lock while waiting for
the renders (measured with tests/bench/bench_web.py: 170 ms of wall for 23 ms of CPU in the flush
alone, and seconds of lock queue behind it). So while a push or a pull (a pull's answer is CPU work too,
done while pushes hold the lock) is in the worker, pages are admitted one at a time (SYNC_SLOTS): sync
goes first, pages take the core back as soon as it is answered. With 20 laptops that is most of the
time, so under a heavy page load pages wait longer: measured, push p50/p99 fell by a third while the
stress run's page p50 doubled; SYNC_SLOTS_ENV sets the balance. Sync, sign-in and static files
themselves are never held back."""

from __future__ import annotations

import asyncio
import os
import time
from collections import deque

from app.server import timing
from app.server.limits import ASGIApp, Message, Receive, Scope, Send

PAGE_PREFIX = "/web"
STATIC_PREFIX = "/web/static/"
SYNC_PREFIX = "/v1/sync/"
PAGE_SLOTS = 4
"""Page requests rendering at once in one worker (measured with tests/bench/bench_web.py); the
environment variable below overrides it (0: no limit)."""
SLOTS_ENV = "UNION_INSPECTOR_PAGE_SLOTS"
SYNC_SLOTS = 1
"""Page requests rendering at once while a push or pull is in the worker (at least 1, so pages go on
under a steady stream of pushes); SYNC_SLOTS_ENV overrides it."""
SYNC_SLOTS_ENV = "UNION_INSPECTOR_PAGE_SLOTS_SYNCING"


def _env_int(name: str) -> int | None:
    value = os.environ.get(name, "").strip()
    return int(value) if value.isdigit() else None


class PageAdmission:
    def __init__(self, app: ASGIApp, slots: int | None = None, sync_slots: int | None = None) -> None:
        self.app = app
        env = _env_int(SLOTS_ENV)
        self.slots = slots if slots is not None else (env if env is not None else PAGE_SLOTS)
        chosen = sync_slots if sync_slots is not None else _env_int(SYNC_SLOTS_ENV)
        self.sync_slots = max(1, min(self.slots, chosen if chosen is not None else SYNC_SLOTS))
        # Only touched from the worker's event loop: no lock needed.
        self.rendering = 0
        self.syncing = 0
        self._waiting: deque[asyncio.Future[None]] = deque()

    def _limit(self) -> int:
        return self.sync_slots if self.syncing else self.slots

    def _wake(self) -> None:
        """Lets waiting pages in, oldest first, while there is room under the current limit."""
        while self._waiting and self.rendering < self._limit():
            waiter = self._waiting.popleft()
            if not waiter.done():
                self.rendering += 1
                waiter.set_result(None)

    async def _enter(self) -> None:
        if not self._waiting and self.rendering < self._limit():
            self.rendering += 1
            return
        waiter = asyncio.get_running_loop().create_future()
        self._waiting.append(waiter)
        t0 = time.perf_counter()
        try:
            await waiter
            timing.add("admit", time.perf_counter() - t0)
        except asyncio.CancelledError:
            if waiter.done() and not waiter.cancelled():  # admitted just as it was cancelled: give it back
                self.rendering -= 1
                self._wake()
            raise

    def _leave(self) -> None:
        self.rendering -= 1
        self._wake()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = str(scope.get("path", ""))
        if scope["type"] != "http" or self.slots <= 0:
            await self.app(scope, receive, send)
            return
        if path.startswith(SYNC_PREFIX):
            await self._sync(scope, receive, send)
            return
        if not path.startswith(PAGE_PREFIX) or path.startswith(STATIC_PREFIX):
            await self.app(scope, receive, send)
            return
        await self._enter()
        held = True

        def release() -> None:
            nonlocal held
            if held:
                held = False
                self._leave()

        async def sending(message: Message) -> None:
            # The page is made once its answer starts: a slow download does not keep the slot.
            if message.get("type") == "http.response.start":
                release()
            await send(message)

        try:
            await self.app(scope, receive, sending)
        finally:
            release()

    async def _sync(self, scope: Scope, receive: Receive, send: Send) -> None:
        """A push or pull: never waits here; while it is in the worker, pages get fewer slots."""
        self.syncing += 1
        counted = True

        def done() -> None:
            nonlocal counted
            if counted:
                counted = False
                self.syncing -= 1
                self._wake()

        async def sending(message: Message) -> None:
            if message.get("type") == "http.response.start":
                done()
            await send(message)

        try:
            await self.app(scope, receive, sending)
        finally:
            done()

"""Admission of web page requests: at most a few render at a time in one worker process; the others
wait their turn in the event loop, holding no thread.

A worker runs Python on one core at a time (the GIL). With forty page renders in the thread pool, a
laptop's push, which holds SQLite's one write lock while it runs, got a fortieth of the core and held
the lock ten times longer than it needs, and every other push queued behind it. Pages are CPU work:
letting forty run at once does not finish them sooner than letting four run, it only slows everything
else down. Sync, sign-in and static files are not held back."""

from __future__ import annotations

import asyncio
import os

from app.server.limits import ASGIApp, Message, Receive, Scope, Send

PAGE_PREFIX = "/web"
STATIC_PREFIX = "/web/static/"
PAGE_SLOTS = 4
"""Page requests rendering at once in one worker (measured with tests/bench/bench_web.py); the
environment variable below overrides it (0: no limit)."""
SLOTS_ENV = "UNION_INSPECTOR_PAGE_SLOTS"


class PageAdmission:
    def __init__(self, app: ASGIApp, slots: int | None = None) -> None:
        self.app = app
        env = os.environ.get(SLOTS_ENV, "").strip()
        self.slots = slots if slots is not None else (int(env) if env.isdigit() else PAGE_SLOTS)
        self._gate: asyncio.Semaphore | None = None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = str(scope.get("path", ""))
        if (scope["type"] != "http" or self.slots <= 0 or not path.startswith(PAGE_PREFIX)
                or path.startswith(STATIC_PREFIX)):
            await self.app(scope, receive, send)
            return
        if self._gate is None:  # made in the running loop (the app may be built before it starts)
            self._gate = asyncio.Semaphore(self.slots)
        gate = self._gate
        await gate.acquire()
        held = True

        def release() -> None:
            nonlocal held
            if held:
                held = False
                gate.release()

        async def sending(message: Message) -> None:
            # The page is made once its answer starts: a slow download does not keep the slot.
            if message.get("type") == "http.response.start":
                release()
            await send(message)

        try:
            await self.app(scope, receive, sending)
        finally:
            release()

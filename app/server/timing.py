"""Where a request's time went, as a `Server-Timing` answer header, when the server runs with
TIMING_ENV=1 (off by default: the figures are for measuring the server under load, not for visitors).

Under load a slow page or push says little by its wall time alone: it may have waited for page
admission, for the SQLite write lock, for the GIL held by other threads, or done its own work. The
parts measured here: `admit` (waiting for a page slot, app/server/admission.py), `lockwait` and `lock`
(waiting for and holding the write lock, with `lockcpu` the CPU time of the holding thread and
`commit` the commit with any WAL checkpoint it ran), `read` and `readcpu` (read transactions), `group`
(pushes committed together) and `total`. tests/bench/bench_web.py reads them per request."""

from __future__ import annotations

import os
import time
from contextvars import ContextVar

from app.server.limits import ASGIApp, Message, Receive, Scope, Send

TIMING_ENV = "UNION_INSPECTOR_SERVER_TIMING"
_current: ContextVar[dict[str, float] | None] = ContextVar("server_timing", default=None)


def enabled() -> bool:
    return os.environ.get(TIMING_ENV, "").strip() == "1"


def add(name: str, seconds: float) -> None:
    """Adds to this request's part `name` (nothing when timing is off or outside a request). The
    request's dict is shared with the worker threads it runs in (they copy the context, not the dict)."""
    parts = _current.get()
    if parts is not None:
        parts[name] = parts.get(name, 0.0) + seconds


def header(parts: dict[str, float]) -> str:
    return ", ".join(f"{name};dur={value * 1000:.1f}" for name, value in parts.items())


class ServerTiming:
    """The outermost middleware: every part below it is inside `total`."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self.on = enabled()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if not self.on or scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        parts: dict[str, float] = {}
        token = _current.set(parts)
        t0 = time.perf_counter()

        async def sending(message: Message) -> None:
            if message.get("type") == "http.response.start":
                parts["total"] = time.perf_counter() - t0
                message.setdefault("headers", [])
                message["headers"] = [*message["headers"], (b"server-timing", header(parts).encode("ascii"))]
            await send(message)

        try:
            await self.app(scope, receive, sending)
        finally:
            _current.reset(token)

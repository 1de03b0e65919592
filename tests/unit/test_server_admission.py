"""At most PAGE_SLOTS web pages render at once in one worker; sync requests and static files pass."""

from __future__ import annotations

import asyncio
from typing import Any

from app.server.admission import PageAdmission


class Tracker:
    def __init__(self) -> None:
        self.now = 0
        self.peak = 0

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        self.now += 1
        self.peak = max(self.peak, self.now)
        await asyncio.sleep(0.01)
        self.now -= 1
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await asyncio.sleep(0.01)  # the body goes out after the slot was given back
        await send({"type": "http.response.body", "body": b""})


async def _run(app: PageAdmission, paths: list[str]) -> None:
    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(_: Any) -> None:
        return None

    await asyncio.gather(*(app({"type": "http", "path": p}, receive, send) for p in paths))


def test_pages_are_admitted_a_few_at_a_time() -> None:
    inner = Tracker()
    asyncio.run(_run(PageAdmission(inner, slots=3), ["/web/r/visits"] * 20))
    assert inner.peak == 3


def test_sync_and_static_requests_are_not_held_back() -> None:
    inner = Tracker()
    asyncio.run(_run(PageAdmission(inner, slots=1), ["/v1/sync/push"] * 10 + ["/web/static/app.css"] * 10))
    assert inner.peak == 20


def test_zero_slots_means_no_limit() -> None:
    inner = Tracker()
    asyncio.run(_run(PageAdmission(inner, slots=0), ["/web/"] * 8))
    assert inner.peak == 8

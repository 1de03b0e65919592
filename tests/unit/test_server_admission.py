"""At most PAGE_SLOTS web pages render at once in one worker, one while a sync request is in it; sync
requests and static files pass."""

from __future__ import annotations

import asyncio
from typing import Any

from app.server.admission import PageAdmission


class Tracker:
    def __init__(self, sync_seconds: float = 0.01) -> None:
        self.now = 0
        self.peak = 0
        self.pages = 0
        self.syncing = 0
        self.peak_pages_while_syncing = 0
        self.sync_seconds = sync_seconds

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        self.now += 1
        self.peak = max(self.peak, self.now)
        sync = scope["path"].startswith("/v1/sync/")
        page = scope["path"].startswith("/web/") and not scope["path"].startswith("/web/static/")
        self.syncing += sync
        self.pages += page
        if self.syncing:
            self.peak_pages_while_syncing = max(self.peak_pages_while_syncing, self.pages)
        await asyncio.sleep(self.sync_seconds if sync else 0.01)
        self.syncing -= sync
        self.pages -= page
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


def test_pages_go_one_at_a_time_while_a_laptop_syncs() -> None:
    inner = Tracker(sync_seconds=0.05)

    async def scenario() -> None:
        app = PageAdmission(inner, slots=4)
        push = asyncio.create_task(_run(app, ["/v1/sync/push"]))
        await asyncio.sleep(0.005)  # the push is in the worker when the pages come
        await asyncio.gather(_run(app, ["/web/r/visits"] * 40), push)
        assert app.rendering == 0 and app.syncing == 0

    asyncio.run(scenario())
    assert inner.peak_pages_while_syncing == 1
    assert inner.peak == 4  # and four at a time again once the push was answered


def test_page_slots_come_back_after_sync() -> None:
    inner = Tracker(sync_seconds=0.02)

    async def scenario() -> None:
        app = PageAdmission(inner, slots=3, sync_slots=1)
        await _run(app, ["/v1/sync/push"])
        await _run(app, ["/web/"] * 9)

    asyncio.run(scenario())
    assert inner.peak == 3

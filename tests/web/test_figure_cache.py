"""The dashboard's figure cache: the first request computes; later changes are picked up in the
background while the previous figures are served."""

from __future__ import annotations

import datetime as dt
import threading
import time
from pathlib import Path
from typing import Any

from app.core.report_figures import Figures, Span, compute
from app.server import figures
from app.server.db import ServerDB
from app.server.migrate import upgrade
from app.server.records import RecordWriter, load_records
from app.web.routes import FactCache, FigureCache

SPAN = Span.months(dt.date(2026, 1, 1))


def test_stale_figures_are_served_while_a_refresh_runs() -> None:
    cache = FigureCache(ttl=0.0)
    calls: list[int] = []
    gate = threading.Event()

    def make() -> Figures:
        calls.append(1)
        if len(calls) > 1:
            gate.wait(5)
        return compute({}, SPAN, scope=f"call {len(calls)}")

    assert cache.get(("k",), 1, make).scope == "call 1"
    assert cache.get(("k",), 1, make).scope == "call 1" and len(calls) == 1  # same change-log position
    assert cache.get(("k",), 2, make).scope == "call 1"  # stale, refresh started in the background
    assert cache.get(("k",), 2, make).scope == "call 1" and len(calls) == 2  # only one refresh at a time
    gate.set()
    deadline = time.monotonic() + 5
    while cache.get(("k",), 2, make).scope != "call 2" and time.monotonic() < deadline:
        time.sleep(0.01)
    assert cache.get(("k",), 2, make).scope == "call 2"


def test_figures_made_from_data_older_than_their_position_are_refreshed() -> None:
    cache = FigureCache(ttl=0.0)
    calls: list[int] = []

    def make() -> Figures:
        calls.append(1)
        return compute({}, SPAN, scope=f"call {len(calls)}")

    assert cache.get(("k",), 5, make, lambda: False).scope == "call 1"
    cache.get(("k",), 5, make)  # the same position, but the first figures were not fresh: refreshed
    deadline = time.monotonic() + 5
    while cache.get(("k",), 5, make).scope != "call 2" and time.monotonic() < deadline:
        time.sleep(0.01)
    assert cache.get(("k",), 5, make).scope == "call 2" and len(calls) == 2


def _write(db: ServerDB, entity: str, rid: str, data: dict[str, Any], grid: str = "g1") -> None:
    with db.write(serialize=True) as session:
        current = load_records(session, [(entity, rid)]).get((entity, rid))
        writer = RecordWriter(session)
        writer.write(entity=entity, entity_id=rid, existing=current, data=data, deleted=False, grid_id=grid,
                     fields=sorted(data), user="t", device_id="", mutation_id="")
        writer.flush()


def test_fact_summary_survives_visits_and_follows_enterprise_changes(tmp_path: Path) -> None:
    db = ServerDB(f"sqlite:///{tmp_path / 'server.db'}")
    upgrade(db)
    try:
        _write(db, "enterprise", "e1", {"name": "甲", "union_status": "none"})
        facts = FactCache()
        first, fresh = facts.get(db)
        assert fresh and [row[:4] for row in first.enterprises] == [("g1", "none", "", 1)]
        # A pushed visit changes no fact table: the same summary, still fresh, without reading it again.
        _write(db, "visit", "v1", {"enterprise_id": "e1", "status": "submitted", "visit_date": "2026-11-02"})
        assert facts.get(db) == (first, True)
        # A union founded: the old summary is served as not fresh while a new one is read.
        _write(db, "enterprise", "e1", {"name": "甲", "union_status": "established", "union_established_date": "2026-11-03"})
        summary, fresh = facts.get(db)
        assert summary is first and not fresh
        deadline = time.monotonic() + 5
        while (facts.summary is first or facts.refreshing) and time.monotonic() < deadline:
            time.sleep(0.01)
        summary, fresh = facts.get(db)
        assert fresh and [row[:4] for row in summary.enterprises] == [("g1", "established", "2026-11-03", 1)]
        with db.read() as session:
            assert summary == figures.fact_summary(session)
    finally:
        db.dispose()

"""The dashboard's figure cache: the first request computes; later changes are picked up in the
background while the previous figures are served."""

from __future__ import annotations

import datetime as dt
import threading
import time

from app.core.report_figures import Figures, Span, compute
from app.web.routes import FigureCache

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

"""Autosave of a full visit form (answers, summary, attachment reconcile, outbox) against the floor
under it: one bare committed insert in the same database with synchronous=FULL, measured in the same
run. Also the time to build the form widgets, which an inspector waits for when opening a visit."""

from __future__ import annotations

import statistics
import time
from typing import Any

from sqlalchemy import text

from app.ui.shell.context import AppContext
from app.ui.visits.form import VisitEditor

ROUNDS = 40


def _ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


def test_autosave_and_open_time(qtbot: Any, ctx: AppContext) -> None:
    from sqlmodel import select

    from app.store.tables import Enterprise

    with ctx.db.read() as session:
        enterprise = session.exec(select(Enterprise)).first()
    assert enterprise is not None
    with ctx.db.write() as session:
        session.exec(text("CREATE TABLE IF NOT EXISTS bench_floor (id INTEGER PRIMARY KEY, v TEXT)"))  # type: ignore[call-overload]

    opens: list[float] = []
    editor: VisitEditor | None = None
    for _ in range(10):
        start = time.perf_counter()
        editor = VisitEditor(ctx, enterprise.id)
        opens.append(time.perf_counter() - start)
        qtbot.addWidget(editor)
    assert editor is not None

    saves: list[float] = []
    floor: list[float] = []
    for i in range(ROUNDS):
        editor.apply_answer("worker_needs", f"通勤班车 {i}", to_widget=True)
        start = time.perf_counter()
        assert editor.save_draft()
        saves.append(time.perf_counter() - start)
        start = time.perf_counter()
        with ctx.db.write() as session:
            session.exec(text("INSERT INTO bench_floor (v) VALUES (:v)"), params={"v": str(i)})  # type: ignore[call-overload]
        floor.append(time.perf_counter() - start)

    print(
        f"\nvisit form: open {_ms(opens):.1f} ms; autosave {_ms(saves):.2f} ms median "
        f"vs bare committed insert {_ms(floor):.2f} ms (ratio {_ms(saves) / _ms(floor):.1f}x)"
    )

"""Targets: who needs a union, ranked by staff, time since the last visit and open matters; the
pipeline 未建会 → 筹建中 → 已建会 with its events; 建会率 and members per grid; the heat map's bins."""

from __future__ import annotations

import datetime as dt

from sqlmodel import select

from app.planning.geo import BBox, haversine_m
from app.planning.heatmap import HeatPoint, Layer, bin_points, density, heat_points, hotspots, points_near
from app.planning.targets import grid_figures, load_targets, rank_targets, score_target
from app.store import datapool as store
from app.store import local_state
from app.store.datapool import PlanningRow
from app.store.db import Database
from app.store.tables import Enterprise, Grid
from app.store.tables.datapool import UnionEvent

TODAY = dt.date(2026, 11, 25)


def row(i: int, headcount: int, status: str = "none", last: dt.date | None = None, matters: int = 0, grid: str | None = "g1", members: int | None = None) -> PlanningRow:
    return PlanningRow(f"e{i}", f"企业{i}", "", "", grid, headcount, status, members, "", "", 120.1, 30.3, last, matters)


def test_ranking_by_staff_visit_and_matters() -> None:
    recent = TODAY - dt.timedelta(days=3)
    rows = [
        row(1, 30, last=recent),
        row(2, 300, last=recent),
        row(3, 30, last=None),
        row(4, 30, last=recent, matters=2),
        row(5, 24, last=None),  # below the threshold
        row(6, 500, status="established"),
        row(7, 40, status="preparing", last=recent),
    ]
    ranked = [t.id for t in rank_targets(rows, 25, TODAY)]
    assert "e5" not in ranked and "e6" not in ranked
    assert ranked.index("e2") < ranked.index("e1")  # more staff
    assert ranked.index("e3") < ranked.index("e1")  # never visited
    assert ranked.index("e4") < ranked.index("e1")  # open matters
    assert "e7" in ranked  # 筹建中 is still a target until established
    assert score_target(100, 10, 0) > score_target(50, 10, 0)


def test_threshold_setting_is_used(demo_db: Database) -> None:
    ranked, threshold = load_targets(demo_db)
    assert threshold == 25 and all(t.headcount >= 25 for t in ranked)
    with demo_db.write() as session:
        local_state.put(session, local_state.TARGET_HEADCOUNT, "100")
    ranked_100, threshold = load_targets(demo_db)
    assert threshold == 100
    assert all(t.headcount >= 100 for t in ranked_100) and len(ranked_100) < len(ranked)


def test_union_pipeline_events_and_grid_figures(demo_db: Database) -> None:
    with demo_db.read() as session:
        enterprise = session.exec(select(Enterprise).where(Enterprise.union_status == "none", Enterprise.headcount >= 25)).first()
        assert enterprise is not None
    with demo_db.write() as session:
        store.set_union_status(session, enterprise.id, "preparing", dt.date(2026, 10, 1), "clerk")
        store.set_union_status(session, enterprise.id, "established", dt.date(2026, 11, 10), "clerk", member_count=30)
    with demo_db.read() as session:
        events = store.union_events(session, enterprise.id)
        fresh = session.get(Enterprise, enterprise.id)
        recruited = store.members_recruited(session, dt.date(2026, 1, 1), dt.date(2026, 12, 31))
        rows = store.planning_rows(session)
        grids = [(g.id, g.code, g.name) for g in session.exec(select(Grid)).all()]
    assert [(e.from_status, e.to_status) for e in events] == [("none", "preparing"), ("preparing", "established")]
    assert fresh is not None and fresh.union_established_date == dt.date(2026, 11, 10) and fresh.member_count == 30
    assert recruited[enterprise.grid_id] >= 30
    figures = {f.grid_id: f for f in grid_figures(rows, grids, 25, recruited)}
    mine = figures[enterprise.grid_id]
    assert 0 < mine.rate <= 1
    assert mine.established == sum(1 for r in rows if r.grid_id == enterprise.grid_id and (r.headcount or 0) >= 25 and r.union_status == "established")
    assert mine.recruited >= 30


def test_figures_count_established_among_eligible() -> None:
    rows = [row(1, 30, "established", members=20), row(2, 30), row(3, 10, "established", members=5), row(4, 50, "preparing")]
    (figure,) = grid_figures(rows, [("g1", "G01", "东湖")], 25, {"g1": 7})
    assert (figure.eligible, figure.established, figure.preparing, figure.members, figure.recruited) == (3, 1, 1, 25, 7)
    assert abs(figure.rate - 1 / 3) < 1e-9


def test_heat_map_binning() -> None:
    bbox = BBox(120.0, 30.0, 120.1, 30.1)
    points = [HeatPoint("a", 120.005, 30.005, 1, True, False), HeatPoint("b", 120.006, 30.004, 2, True, True), HeatPoint("c", 120.095, 30.095, 1, False, True), HeatPoint("x", 121.0, 31.0, 1, True, True)]
    counts = bin_points(points, bbox, 10, 10)
    assert counts[0][0] == 3 and counts[9][9] == 1
    assert sum(map(sum, counts)) == 4  # the point outside the box is left out
    grid = density(points, bbox, cell_m=500, bandwidth_m=800)
    assert grid is not None
    spots = hotspots(grid, top=2)
    assert spots and haversine_m(spots[0].centre, (120.005, 30.005)) < 1000  # the strongest is the pair
    near = points_near(points, spots[0].centre, 1500)
    assert {p.id for p in near} == {"a", "b"}


def test_heat_points_layers() -> None:
    rows = [row(1, 30, last=TODAY), row(2, 5, last=None), row(3, 40, last=None), row(4, 5, last=TODAY)]
    both = {p.id: p.weight for p in heat_points(rows, threshold=25, overdue_days=30, today=TODAY)}
    assert both == {"e1": 1.0, "e2": 1.0, "e3": 2.0}
    targets = {p.id for p in heat_points(rows, threshold=25, overdue_days=30, today=TODAY, layer=Layer.TARGETS)}
    assert targets == {"e1", "e3"}


def test_open_matters_and_demo_history(demo_db: Database) -> None:
    with demo_db.read() as session:
        counts = store.open_matter_counts(session)
        established = session.exec(select(Enterprise).where(Enterprise.union_status == "established")).all()
        events = session.exec(select(UnionEvent)).all()
    assert all(isinstance(v, int) and v > 0 for v in counts.values())
    # every established enterprise has its step in the history (union records add 筹建中 steps too)
    assert {e.enterprise_id for e in events if e.to_status == "established"} == {e.id for e in established if e.union_established_date}

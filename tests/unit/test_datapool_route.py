"""Route ordering: 2-opt never lengthens a route and beats the naive order; the week plan takes the
overdue and the targets first and keeps at least three visits a week; the route sheet prints."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from app.planning.geo import haversine_m
from app.planning.route import distance_matrix, nearest_neighbour, plan_route, route_length, two_opt
from app.planning.route_sheet import write_route_sheet
from app.planning.weekplan import REASON_OVERDUE_TARGET, DayRoute, propose_week, visits_per_week
from app.store.datapool import PlanningRow

points_strategy = st.lists(
    st.tuples(st.floats(120.0, 120.2, allow_nan=False), st.floats(30.2, 30.4, allow_nan=False)), min_size=2, max_size=14
)


@given(points_strategy)
@settings(max_examples=150, deadline=None)
def test_two_opt_never_lengthens_a_route(points: list[tuple[float, float]]) -> None:
    dist = distance_matrix(points)
    for start in (list(range(len(points))), nearest_neighbour(dist, 0)):
        improved = two_opt(start, dist)
        assert sorted(improved) == sorted(start)
        assert improved[0] == start[0]
        assert route_length(improved, dist) <= route_length(start, dist) + 1e-6


def test_two_opt_beats_the_naive_order() -> None:
    rng = random.Random(5)
    better = 0
    for _ in range(20):
        points = [(rng.uniform(120.10, 120.20), rng.uniform(30.25, 30.32)) for _ in range(12)]
        dist = distance_matrix(points)
        naive = route_length(list(range(len(points))), dist)
        _order, length = plan_route(points)
        assert length <= naive
        better += length < naive
    assert better == 20


def test_a_crossing_is_undone() -> None:
    # a square visited corner to opposite corner crosses itself; 2-opt walks around it instead
    square = [(120.0, 30.0), (120.01, 30.01), (120.01, 30.0), (120.0, 30.01)]
    dist = distance_matrix(square)
    assert two_opt([0, 1, 2, 3], dist) != [0, 1, 2, 3]
    assert route_length(two_opt([0, 1, 2, 3], dist), dist) < route_length([0, 1, 2, 3], dist)


def test_route_from_the_office() -> None:
    office = (120.0, 30.0)
    points = [(120.03, 30.0), (120.01, 30.0), (120.02, 30.0)]
    order, length = plan_route(points, office)
    assert order == [1, 2, 0]
    assert abs(length - haversine_m(office, (120.03, 30.0))) < 1.0


def row(i: int, *, headcount: int = 10, status: str = "none", last: dt.date | None = None, lon: float = 120.1, lat: float = 30.3) -> PlanningRow:
    return PlanningRow(
        f"e{i}", f"企业{i:02d}", "", f"路{i}号", "g", headcount, status, None, "联系人", "13900000000", lon, lat, last, 0
    )


def test_week_plan_puts_overdue_targets_first_and_keeps_three_visits() -> None:
    monday = dt.date(2026, 11, 23)
    rows = [
        row(1, headcount=80, last=None, lon=120.11),
        row(2, headcount=10, last=monday - dt.timedelta(days=5)),
        row(3, headcount=10, last=monday - dt.timedelta(days=40), lon=120.12),
        row(4, headcount=30, status="established", last=monday - dt.timedelta(days=2)),
        row(5, headcount=60, last=monday - dt.timedelta(days=3), lon=120.13),
    ]
    plan = propose_week(rows, monday + dt.timedelta(days=2), threshold=25)
    assert plan.week_start == monday
    assert plan.quota == 3 == visits_per_week(len(rows))
    chosen = {s.row.id: s for s in plan.stops}
    assert set(chosen) == {"e1", "e3", "e5"}
    assert chosen["e1"].reason == REASON_OVERDUE_TARGET
    assert visits_per_week(100) == 24  # every one of 100 enterprises once a month


def test_route_sheet_lists_the_stops(tmp_path: Path) -> None:
    monday = dt.date(2026, 11, 23)
    rows = [row(i, headcount=50, lon=120.1 + i * 0.003, lat=30.3 + (i % 3) * 0.002) for i in range(6)]
    plan = propose_week(rows, monday, threshold=25, quota=6, workdays=1)
    day = plan.days[0]
    out = write_route_sheet(DayRoute("G01", "东湖网格", "王晓燕", monday, day.stops, day.length_m), tmp_path / "sheet.pdf")
    text = "".join(page.extract_text() or "" for page in PdfReader(str(out)).pages).replace("\n", "")
    assert "走访路线单" in text
    assert "东湖网格" in text
    for stop in day.stops:
        assert stop.row.name in text


def test_route_sheet_table_lines_up_with_its_map_and_embeds_its_fonts(tmp_path: Path) -> None:
    import pdfplumber

    monday = dt.date(2026, 11, 23)
    rows = [row(i, headcount=50, lon=120.1 + i * 0.003, lat=30.3 + (i % 3) * 0.002) for i in range(5)]
    plan = propose_week(rows, monday, threshold=25, quota=5, workdays=1)
    day = plan.days[0]
    out = write_route_sheet(DayRoute("G01", "东湖网格", "王晓燕", monday, day.stops, day.length_m), tmp_path / "s.pdf")
    with pdfplumber.open(str(out)) as pdf:
        page = pdf.pages[0]
        frame = max(page.rects, key=lambda r: r["width"] * r["height"])  # the map's frame
        verticals = sorted({round(e["x0"], 1) for e in page.edges if e["orientation"] == "v" and e["top"] > frame["bottom"]})
        fonts = {ch["fontname"] for ch in page.chars}
    assert verticals[0] == pytest.approx(frame["x0"], abs=0.6)  # left edges line up
    assert verticals[-1] == pytest.approx(frame["x1"], abs=0.6)  # and right edges
    assert not any("Helvetica" in f for f in fonts)  # stop numbers in the map use the embedded face
    import shutil
    import subprocess

    if shutil.which("pdffonts"):
        rows = subprocess.run(["pdffonts", str(out)], capture_output=True, check=True).stdout.decode().splitlines()[2:]
        assert rows and all(r.split()[-5] == "yes" for r in rows), rows  # every font declared is embedded

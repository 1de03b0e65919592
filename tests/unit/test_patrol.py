"""Patrol tracks: the point rules, and the server's schema refusing a bad track with a sentence."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from sqlalchemy import text
from sqlmodel import col, select

import app.store.tables  # noqa: F401
from app.core.patrol import MAX_POINTS_TEXT, MAX_TRACK_POINTS, parse_points, track_length_m, track_problem
from app.server.schema import schemas
from app.store import changes
from app.store.audit import is_sensitive
from app.store.db import Database
from app.store.tables import Grid, Outbox, Visit
from app.store.tables.patrol import PatrolTrack
from app.sync.protocol import APPEND_ONLY_ENTITIES

T0 = 1_764_480_000


def _points(n: int, step: float = 0.0005) -> list[list[float]]:
    return [[T0 + 60 * i, round(106.5 + step * i, 6), round(29.5 + step * i, 6), 12.5] for i in range(n)]


def test_a_good_track_parses_and_has_a_length() -> None:
    pts = parse_points(json.dumps(_points(10)))
    assert len(pts) == 10
    assert 600 < track_length_m(pts) < 800  # nine steps of ~70 m
    assert track_problem(json.dumps(_points(10)), 10) is None


@pytest.mark.parametrize(
    ("text", "count", "words"),
    [
        ("not json", None, "JSON"),
        ('{"a": 1}', None, "JSON list"),
        (json.dumps([[T0, 106.5, 29.5]]), None, "point 1"),
        (json.dumps([[T0, 106.5, 29.5, "x"]]), None, "finite"),
        ("[[1764480000, NaN, 29.5, 1]]", None, "JSON"),
        (json.dumps([[T0, 181, 29.5, 1]]), None, "longitude"),
        (json.dumps([[T0, 106.5, -91, 1]]), None, "latitude"),
        (json.dumps([[T0, 106.5, 29.5, -1]]), None, "accuracy"),
        (json.dumps([[5, 106.5, 29.5, 1]]), None, "time"),
        (json.dumps([[T0 + 60, 106.5, 29.5, 1], [T0, 106.5, 29.5, 1]]), None, "ascend"),
        (json.dumps(_points(3)), 4, "point_count"),
        (json.dumps(_points(MAX_TRACK_POINTS + 1)), None, "at most"),
        ("[" + " " * MAX_POINTS_TEXT + "]", None, "longer"),
    ],
)
def test_bad_tracks_are_refused_with_a_sentence(text: str, count: int | None, words: str) -> None:
    problem = track_problem(text, count)
    assert problem is not None and words in problem


def test_the_longest_honest_track_fits_the_column() -> None:
    worst = [[T0 + 0.123 + i, -106.12345678901234, -29.123456789012345, 12345.678901234567] for i in range(600)]
    text = json.dumps(worst, separators=(",", ":"))
    assert len(text) <= MAX_POINTS_TEXT
    assert track_problem(text, 600) is None


def test_the_server_schema_runs_the_track_check() -> None:
    schema = schemas()["patrol_track"]
    assert schema.grid_rule == "own"
    good = {
        "grid_id": "g1",
        "route_day": "2026-11-30",
        "started_at": "2026-11-30T01:00:00Z",
        "ended_at": "2026-11-30T02:00:00Z",
        "point_count": 5,
        "points": json.dumps(_points(5)),
        "device_name": "手机",
    }
    assert schema.check("insert", good) is None
    bad = dict(good, points=json.dumps([[T0, 200, 29.5, 1]]), point_count=1)
    assert "longitude" in (schema.check("insert", bad) or "")
    assert "never edited" in (schema.check("update", {"points": "[]"}) or "")
    assert schema.check("update", {"deleted": True}) is None
    assert "patrol_track" in APPEND_ONLY_ENTITIES
    assert schemas()["enterprise"].row_check is None  # classes without rules of their own add none


def test_positions_of_people_are_kept_out_of_the_audit() -> None:
    for name in ("points", "filled_longitude", "filled_latitude"):
        assert is_sensitive(name)
    assert not is_sensitive("longitude")  # an enterprise's position is no one's whereabouts
    assert PatrolTrack.__tablename__ == "patrol_track"


def test_the_demo_walks_tracks_that_pass_the_checks_and_check_finds_damage(demo_db: Database) -> None:
    from app.core.checks import DEEP
    from app.planning.patrol_health import check_patrol

    with demo_db.read() as session:
        tracks = list(session.exec(select(PatrolTrack)).all())
        placed = session.exec(select(Visit).where(col(Visit.filled_longitude).is_not(None))).all()
    assert len(tracks) >= 3 and placed
    for track in tracks:
        assert track_problem(track.points, track.point_count) is None
        assert track.started_at < track.ended_at
    results = {r.name: r for r in check_patrol(demo_db.paths)}
    assert results["巡查轨迹"].level == "ok" and "巡查轨迹数据" not in results
    assert "巡查轨迹网格" not in results  # the demo walks inside its grids
    with demo_db.write() as session:
        session.execute(text("UPDATE patrol_track SET points = '[[1,2' WHERE id = :id"), {"id": tracks[0].id})
        far = json.dumps([[T0, 100.0, 20.0, 5.0]])
        session.execute(text("UPDATE patrol_track SET points = :p, point_count = 1 WHERE id = :id"),
                        {"p": far, "id": tracks[1].id})
    token = DEEP.set(True)
    try:
        results = {r.name: r for r in check_patrol(demo_db.paths)}
    finally:
        DEEP.reset(token)
    assert results["巡查轨迹数据"].level == "fail" and "1 条" in results["巡查轨迹数据"].message
    assert results["巡查轨迹网格"].level == "warn"


def test_a_track_written_on_the_laptop_is_queued_and_audited_without_its_points(db: Database) -> None:
    with db.write() as session:
        grid = changes.insert(session, Grid(code="T1", name="测试网格"), "tester")
        track = changes.insert(session, PatrolTrack(grid_id=grid.id, route_day=dt.date(2026, 11, 30),
                                                    point_count=2, points=json.dumps(_points(2))), "tester")
    with db.read() as session:
        entry = session.exec(select(Outbox).where(Outbox.entity_id == track.id)).one()
        audit_text = " ".join(str(r) for r in session.execute(text("SELECT * FROM audit_log")).all())
    assert json.loads(entry.patch)["point_count"] == 2
    assert "patrol_track" in audit_text and "106.5" not in audit_text

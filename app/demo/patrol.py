"""The demo's patrol tracks: the grid workers of a few grids walked last week's proposed route, their
phones recording a position a minute; the visits of the last weeks say where their form was filled."""

from __future__ import annotations

import datetime as dt
import json
import math
import random

from sqlmodel import Session, col, select

from app.core.patrol import MAX_TRACK_POINTS
from app.planning.weekplan import propose_week
from app.store import changes
from app.store.datapool import planning_rows
from app.store.tables import Enterprise, Grid, Visit
from app.store.tables.patrol import PatrolTrack

DEMO_ACTOR = "demo"
WALK_M_PER_MIN = 70.0
STAY_MIN = 25  # minutes at each enterprise
M_PER_DEG_LAT = 111_000.0


def _walk(stops: list[tuple[float, float]], start: dt.datetime, rng: random.Random) -> list[list[float]]:
    """Positions a minute apart along the stops, with a phone's jitter and an accuracy that varies."""
    points: list[list[float]] = []
    t = start.timestamp()

    def record(lon: float, lat: float) -> None:
        nonlocal t
        jitter = 0.00004
        points.append([round(t), round(lon + rng.uniform(-jitter, jitter), 6),
                       round(lat + rng.uniform(-jitter, jitter), 6), round(rng.uniform(4.0, 25.0), 1)])
        t += 60

    for i, (lon, lat) in enumerate(stops):
        if i:
            plon, plat = stops[i - 1]
            dx = (lon - plon) * M_PER_DEG_LAT * math.cos(math.radians(lat))
            dy = (lat - plat) * M_PER_DEG_LAT
            steps = max(1, int(math.hypot(dx, dy) / WALK_M_PER_MIN))
            for k in range(1, steps):
                record(plon + (lon - plon) * k / steps, plat + (lat - plat) * k / steps)
        for _ in range(STAY_MIN // 5):  # the phone records less often while standing still
            record(lon, lat)
            t += 240
    if len(points) > MAX_TRACK_POINTS:
        keep = len(points) / MAX_TRACK_POINTS
        points = [points[int(i * keep)] for i in range(MAX_TRACK_POINTS)]
    return points


def extend_demo(session: Session, rng: random.Random) -> str:
    grids = list(session.exec(select(Grid).where(col(Grid.deleted).is_(False)).order_by(col(Grid.code))).all())[:3]
    today = dt.date.today()
    monday = today - dt.timedelta(days=today.weekday() + 7)
    tracks = 0
    for grid in grids:
        rows = [r for r in planning_rows(session, grid.id) if r.longitude is not None]
        plan = propose_week(rows, monday, threshold=25, quota=max(9, len(rows) // 6))
        for day in plan.days[:3]:
            stops = [s.point for s in day.stops if s.point is not None]
            if len(stops) < 2:
                continue
            start = dt.datetime.combine(day.day, dt.time(1, 0), tzinfo=dt.UTC) + dt.timedelta(minutes=rng.randint(0, 40))
            points = _walk(stops, start, rng)
            ended = dt.datetime.fromtimestamp(points[-1][0], dt.UTC)
            changes.insert(
                session,
                PatrolTrack(
                    grid_id=grid.id,
                    inspector_id=grid.inspector_id,
                    route_day=day.day,
                    started_at=start.strftime("%Y-%m-%dT%H:%M:%SZ"),
                    ended_at=ended.strftime("%Y-%m-%dT%H:%M:%SZ"),
                    point_count=len(points),
                    points=json.dumps(points, separators=(",", ":")),
                    device_name="手机（演示）",
                ),
                DEMO_ACTOR,
            )
            tracks += 1
    recent = session.exec(
        select(Visit, Enterprise)
        .join(Enterprise, col(Enterprise.id) == col(Visit.enterprise_id))
        .where(col(Visit.deleted).is_(False), col(Visit.visit_date) >= today - dt.timedelta(days=21),
               col(Enterprise.longitude).is_not(None))
        .order_by(col(Visit.visit_date), col(Visit.id))
    ).all()
    placed = 0
    for visit, firm in recent:
        if firm.longitude is None or firm.latitude is None:
            continue
        changes.update(session, visit, {
            "filled_longitude": round(firm.longitude + rng.uniform(-0.0002, 0.0002), 6),
            "filled_latitude": round(firm.latitude + rng.uniform(-0.0002, 0.0002), 6),
            "filled_accuracy_m": round(rng.uniform(5.0, 30.0), 1),
        }, DEMO_ACTOR)
        placed += 1
    return f"{tracks} 条巡查轨迹，{placed} 次走访记下了填写位置" if tracks else ""

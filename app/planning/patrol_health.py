"""`union-inspector check` for patrol tracks: tracks whose points cannot be read (a damaged row, or one
written before the server checked tracks), and tracks that lie wholly outside their grid's boundary (a
phone that recorded the wrong grid, or a grid boundary drawn in the wrong place).

Reading every track is the deep check's work; the plain check reads the newest ones only, so it stays
fast when years of tracks are stored."""

from __future__ import annotations

import json
from typing import Any

from app.core.checks import CheckResult, is_deep
from app.core.patrol import TrackError, parse_points
from app.paths import DataPaths

RECENT_TRACKS = 300
GRID_MARGIN_DEG = 0.01
"""About a kilometre: a track that strays just past the boundary line is a patrol, not a mistake."""


def _bbox(boundary: Any) -> tuple[float, float, float, float] | None:
    try:
        ring = json.loads(boundary or "[]")
        lons = [float(p[0]) for p in ring]
        lats = [float(p[1]) for p in ring]
    except (ValueError, TypeError, IndexError, KeyError):
        return None
    if len(lons) < 3:
        return None
    return min(lons), min(lats), max(lons), max(lats)


def check_patrol(paths: DataPaths) -> list[CheckResult]:
    from app.store import quickcheck

    if not paths.database.exists():
        return []
    deep = is_deep()
    with quickcheck.connection(paths) as conn:
        total = quickcheck.scalar(conn, "SELECT count(*) FROM patrol_track WHERE deleted = 0")
        boxes = {str(gid): _bbox(b) for gid, b in conn.execute("SELECT id, boundary FROM grid WHERE deleted = 0")}
        limit = "" if deep else f" ORDER BY route_day DESC, started_at DESC LIMIT {RECENT_TRACKS}"
        rows = conn.execute("SELECT grid_id, point_count, points FROM patrol_track WHERE deleted = 0" + limit).fetchall()
    if total == 0:
        return [CheckResult("巡查轨迹", "ok", "还没有巡查轨迹")]
    unreadable = outside = 0
    for grid_id, count, points in rows:
        try:
            parsed = parse_points(points)
        except TrackError:
            unreadable += 1
            continue
        if count != len(parsed):
            unreadable += 1
            continue
        box = boxes.get(str(grid_id))
        if box is None or not parsed:
            continue
        w, s, e, n = box
        m = GRID_MARGIN_DEG
        if not any(w - m <= lon <= e + m and s - m <= lat <= n + m for _, lon, lat, _ in parsed):
            outside += 1
    scope = f"全部 {len(rows)} 条" if deep else f"最近 {len(rows)} 条（全部请用 check --deep）"
    results = [CheckResult("巡查轨迹", "ok", f"{total} 条巡查轨迹，已检查{scope}")]
    if unreadable:
        results.append(CheckResult("巡查轨迹数据", "fail", f"{unreadable} 条轨迹的坐标数据损坏或点数不符，地图上无法显示"))
    if outside:
        results.append(CheckResult("巡查轨迹网格", "warn", f"{outside} 条轨迹完全不在所属网格范围内，请核对网格或轨迹"))
    return results

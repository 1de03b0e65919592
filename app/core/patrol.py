"""Patrol tracks (巡查轨迹): the positions a grid worker's phone recorded while a route was active.

A track travels as JSON text `[[epoch_s, lon, lat, accuracy_m], ...]` in one row written once. The rules
live here, apart from storage and HTTP, so the district server, `check` and the tests judge a track the
same way; each problem is one sentence a person can act on.
"""

from __future__ import annotations

import itertools
import json
import math
from collections.abc import Sequence
from typing import Any

MAX_TRACK_POINTS = 600
"""A day's patrol at one position a minute for ten hours; the phone thins a longer track before saving."""

MAX_POINT_CHARS = 96
"""Four numbers as JSON, each at most ~22 characters (time with milliseconds, degrees with many digits)."""

MAX_POINTS_TEXT = MAX_TRACK_POINTS * MAX_POINT_CHARS + 2
"""The honest length limit of the `points` column: 600 points of at most MAX_POINT_CHARS each."""

EARLIEST_EPOCH_S = 946_684_800  # 2000-01-01: a phone clock reset to 1970 is not a real patrol
LATEST_EPOCH_S = 7_258_118_400  # 2200-01-01
MAX_ACCURACY_M = 100_000.0

Point = tuple[float, float, float, float]


class TrackError(ValueError):
    """A track that cannot be stored; the message is one sentence."""


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    as_float = float(value)
    return as_float if math.isfinite(as_float) else None


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


def parse_points(text: Any) -> list[Point]:
    """The track's points, checked: JSON list, at most MAX_TRACK_POINTS, four finite numbers each, a
    longitude and latitude on the globe, accuracy not negative, times never going backwards."""
    if not isinstance(text, str):
        raise TrackError("points must be JSON text")
    if len(text) > MAX_POINTS_TEXT:
        raise TrackError(f"points is longer than {MAX_POINTS_TEXT} characters")
    try:
        raw = json.loads(text, parse_constant=_no_constant)
    except (ValueError, RecursionError) as exc:
        raise TrackError("points must hold JSON text") from exc
    if not isinstance(raw, list):
        raise TrackError("points must be a JSON list of [time, longitude, latitude, accuracy]")
    if len(raw) > MAX_TRACK_POINTS:
        raise TrackError(f"a track holds at most {MAX_TRACK_POINTS} points, this one {len(raw)}")
    out: list[Point] = []
    previous = -math.inf
    for index, item in enumerate(raw, start=1):
        if not isinstance(item, list) or len(item) != 4:
            raise TrackError(f"point {index} must be [time, longitude, latitude, accuracy]")
        numbers = [_number(v) for v in item]
        if any(n is None for n in numbers):
            raise TrackError(f"point {index} must hold four finite numbers")
        t, lon, lat, acc = (n for n in numbers if n is not None)
        if not EARLIEST_EPOCH_S <= t <= LATEST_EPOCH_S:
            raise TrackError(f"point {index} has a time outside 2000-2200 (seconds since 1970 expected)")
        if not -180.0 <= lon <= 180.0:
            raise TrackError(f"point {index} has a longitude outside -180..180")
        if not -90.0 <= lat <= 90.0:
            raise TrackError(f"point {index} has a latitude outside -90..90")
        if not 0.0 <= acc <= MAX_ACCURACY_M:
            raise TrackError(f"point {index} has an accuracy outside 0..{MAX_ACCURACY_M:.0f} metres")
        if t < previous:
            raise TrackError(f"point {index} is earlier than the point before it; times must ascend")
        previous = t
        out.append((t, lon, lat, acc))
    return out


def track_problem(points: Any, point_count: Any = None) -> str | None:
    """Why this track cannot be stored, or None. `point_count`, when given, must match."""
    try:
        parsed = parse_points(points)
    except TrackError as exc:
        return str(exc)
    if point_count is not None and point_count != len(parsed):
        return f"point_count says {point_count} but points holds {len(parsed)}"
    return None


def track_length_m(points: Sequence[Point]) -> float:
    """Walked distance along the track (haversine, metres)."""
    total = 0.0
    for (_, lon1, lat1, _), (_, lon2, lat2, _) in itertools.pairwise(points):
        total += haversine_m(lon1, lat1, lon2, lat2)
    return total


def haversine_m(lon1: float, lat1: float, lon2: float, lat2: float) -> float:
    r = 6_371_000.0
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * r * math.asin(min(1.0, math.sqrt(a)))

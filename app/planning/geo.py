"""Small geometry on longitude/latitude: distances on the sphere, grid polygons, and a flat local
projection good enough for a district a few kilometres across."""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass

EARTH_RADIUS_M = 6_371_008.8

Point = tuple[float, float]  # (longitude, latitude)


def haversine_m(a: Point, b: Point) -> float:
    lon1, lat1, lon2, lat2 = map(math.radians, (a[0], a[1], b[0], b[1]))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(min(1.0, math.sqrt(h)))


def parse_polygon(boundary: str | None) -> list[Point]:
    """Grid.boundary as stored ([[lon, lat], ...]); anything unreadable is no polygon."""
    if not boundary:
        return []
    try:
        data = json.loads(boundary)
    except (ValueError, TypeError):
        return []
    if isinstance(data, dict):  # a GeoJSON Polygon
        coords = data.get("coordinates") or []
        data = coords[0] if coords and isinstance(coords[0], list) and coords[0] and isinstance(coords[0][0], list) else coords
    points: list[Point] = []
    for item in data if isinstance(data, list) else []:
        if isinstance(item, list | tuple) and len(item) >= 2:
            try:
                points.append((float(item[0]), float(item[1])))
            except (TypeError, ValueError):
                continue
    return points


def point_in_polygon(point: Point, polygon: Sequence[Point]) -> bool:
    x, y = point
    inside = False
    n = len(polygon)
    for i in range(n):
        x1, y1 = polygon[i]
        x2, y2 = polygon[(i + 1) % n]
        if (y1 > y) != (y2 > y):
            cross = x1 + (y - y1) * (x2 - x1) / (y2 - y1)
            if x < cross:
                inside = not inside
    return inside


def centroid(polygon: Sequence[Point]) -> Point:
    if not polygon:
        return (0.0, 0.0)
    return (sum(p[0] for p in polygon) / len(polygon), sum(p[1] for p in polygon) / len(polygon))


@dataclass(frozen=True)
class GridShape:
    grid_id: str
    code: str
    name: str
    polygon: list[Point]

    def contains(self, point: Point) -> bool:
        return len(self.polygon) >= 3 and point_in_polygon(point, self.polygon)


def grid_for_point(point: Point, grids: Sequence[GridShape]) -> str | None:
    for grid in grids:
        if grid.contains(point):
            return grid.grid_id
    return None


@dataclass(frozen=True)
class BBox:
    min_lon: float
    min_lat: float
    max_lon: float
    max_lat: float

    @property
    def width(self) -> float:
        return self.max_lon - self.min_lon

    @property
    def height(self) -> float:
        return self.max_lat - self.min_lat

    def padded(self, fraction: float) -> BBox:
        dx = max(self.width, 1e-4) * fraction
        dy = max(self.height, 1e-4) * fraction
        return BBox(self.min_lon - dx, self.min_lat - dy, self.max_lon + dx, self.max_lat + dy)


def bbox_of(points: Sequence[Point]) -> BBox | None:
    if not points:
        return None
    return BBox(
        min(p[0] for p in points), min(p[1] for p in points), max(p[0] for p in points), max(p[1] for p in points)
    )


def metres_per_degree(lat: float) -> tuple[float, float]:
    """(metres per degree of longitude, of latitude) at this latitude."""
    per_lat = math.pi * EARTH_RADIUS_M / 180
    return per_lat * math.cos(math.radians(lat)), per_lat

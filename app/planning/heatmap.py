"""Where the work is: a density surface of targets and overdue visits over the district, computed
from coordinates only (no map tiles, no network). Points are binned into square cells in a flat
local projection and smoothed with a Gaussian kernel; the drawing lives in the UI."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from app.core.enterprise import is_union_target
from app.planning.geo import BBox, Point, bbox_of, haversine_m, metres_per_degree
from app.store.datapool import PlanningRow


class Layer(StrEnum):
    BOTH = "both"
    TARGETS = "targets"
    OVERDUE = "overdue"


@dataclass(frozen=True)
class HeatPoint:
    id: str
    lon: float
    lat: float
    weight: float
    target: bool
    overdue: bool


def heat_points(
    rows: Sequence[PlanningRow], *, threshold: int, overdue_days: int, today: dt.date, layer: Layer = Layer.BOTH
) -> list[HeatPoint]:
    """Targets and enterprises with no visit in `overdue_days`; one that is both weighs double."""
    points: list[HeatPoint] = []
    for row in rows:
        if row.longitude is None or row.latitude is None:
            continue
        target = is_union_target(row.headcount, row.union_status, threshold, row.registration_status)
        overdue = row.last_visit is None or (today - row.last_visit).days > overdue_days
        weight = (1.0 if target and layer != Layer.OVERDUE else 0.0) + (1.0 if overdue and layer != Layer.TARGETS else 0.0)
        if weight > 0:
            points.append(HeatPoint(row.id, row.longitude, row.latitude, weight, target, overdue))
    return points


@dataclass
class DensityGrid:
    """Cells of `cell_m` metres; values[iy][ix], iy growing northwards."""

    bbox: BBox
    nx: int
    ny: int
    values: list[list[float]]
    cell_m: float

    @property
    def max_value(self) -> float:
        return max((v for row in self.values for v in row), default=0.0)

    def cell_of(self, lon: float, lat: float) -> tuple[int, int] | None:
        if not (self.bbox.min_lon <= lon <= self.bbox.max_lon and self.bbox.min_lat <= lat <= self.bbox.max_lat):
            return None
        ix = min(self.nx - 1, int((lon - self.bbox.min_lon) / self.bbox.width * self.nx)) if self.bbox.width else 0
        iy = min(self.ny - 1, int((lat - self.bbox.min_lat) / self.bbox.height * self.ny)) if self.bbox.height else 0
        return ix, iy

    def cell_centre(self, ix: int, iy: int) -> Point:
        return (
            self.bbox.min_lon + (ix + 0.5) * self.bbox.width / self.nx,
            self.bbox.min_lat + (iy + 0.5) * self.bbox.height / self.ny,
        )


def grid_shape(bbox: BBox, cell_m: float, max_cells: int = 160) -> tuple[int, int, float]:
    """Columns, rows and the cell size actually used (bigger cells when the area is large)."""
    kx, ky = metres_per_degree((bbox.min_lat + bbox.max_lat) / 2)
    width_m, height_m = max(bbox.width * kx, cell_m), max(bbox.height * ky, cell_m)
    cell = max(cell_m, width_m / max_cells, height_m / max_cells)
    return max(1, math.ceil(width_m / cell)), max(1, math.ceil(height_m / cell)), cell


def bin_points(points: Sequence[HeatPoint], bbox: BBox, nx: int, ny: int) -> list[list[float]]:
    counts = [[0.0] * nx for _ in range(ny)]
    for p in points:
        if not (bbox.min_lon <= p.lon <= bbox.max_lon and bbox.min_lat <= p.lat <= bbox.max_lat):
            continue
        ix = min(nx - 1, int((p.lon - bbox.min_lon) / bbox.width * nx)) if bbox.width else 0
        iy = min(ny - 1, int((p.lat - bbox.min_lat) / bbox.height * ny)) if bbox.height else 0
        counts[iy][ix] += p.weight
    return counts


def gaussian_kernel(sigma_cells: float) -> list[float]:
    if sigma_cells <= 0:
        return [1.0]
    radius = max(1, math.ceil(3 * sigma_cells))
    weights = [math.exp(-(i * i) / (2 * sigma_cells * sigma_cells)) for i in range(-radius, radius + 1)]
    total = sum(weights)
    return [w / total for w in weights]


def blur(values: list[list[float]], sigma_cells: float) -> list[list[float]]:
    """Separable Gaussian smoothing; the total weight inside the grid is kept where no mass falls off
    the edges."""
    kernel = gaussian_kernel(sigma_cells)
    radius = len(kernel) // 2
    ny = len(values)
    nx = len(values[0]) if ny else 0
    rows = []
    for row in values:
        out = [0.0] * nx
        for ix, v in enumerate(row):
            if v:
                for k, w in enumerate(kernel):
                    j = ix + k - radius
                    if 0 <= j < nx:
                        out[j] += v * w
        rows.append(out)
    result = [[0.0] * nx for _ in range(ny)]
    for iy, row in enumerate(rows):
        for ix, v in enumerate(row):
            if v:
                for k, w in enumerate(kernel):
                    j = iy + k - radius
                    if 0 <= j < ny:
                        result[j][ix] += v * w
    return result


def density(
    points: Sequence[HeatPoint], bbox: BBox | None = None, *, cell_m: float = 150.0, bandwidth_m: float = 300.0
) -> DensityGrid | None:
    if bbox is None:
        bbox = bbox_of([(p.lon, p.lat) for p in points])
        if bbox is None:
            return None
        bbox = bbox.padded(0.1)
    nx, ny, cell = grid_shape(bbox, cell_m)
    counts = bin_points(points, bbox, nx, ny)
    return DensityGrid(bbox, nx, ny, blur(counts, bandwidth_m / cell), cell)


@dataclass(frozen=True)
class Hotspot:
    centre: Point
    value: float


def hotspots(grid: DensityGrid, top: int = 5, min_fraction: float = 0.3) -> list[Hotspot]:
    """Local maxima of the surface, strongest first, ignoring faint ones."""
    peak = grid.max_value
    found: list[Hotspot] = []
    if peak <= 0:
        return found
    for iy in range(grid.ny):
        for ix in range(grid.nx):
            v = grid.values[iy][ix]
            if v < peak * min_fraction:
                continue
            neighbours = [
                grid.values[j][i]
                for j in range(max(0, iy - 1), min(grid.ny, iy + 2))
                for i in range(max(0, ix - 1), min(grid.nx, ix + 2))
                if (i, j) != (ix, iy)
            ]
            if all(v >= n for n in neighbours):
                found.append(Hotspot(grid.cell_centre(ix, iy), v))
    found.sort(key=lambda h: -h.value)
    return found[:top]


def points_near(points: Sequence[HeatPoint], centre: Point, radius_m: float) -> list[HeatPoint]:
    """The enterprises behind a hotspot: within `radius_m`, nearest first."""
    near = [(haversine_m(centre, (p.lon, p.lat)), p) for p in points]
    return [p for d, p in sorted(near, key=lambda item: item[0]) if d <= radius_m]

"""The heat map's data for the web pages: enterprises with a position, and the union targets among
them, counted per square cell of the caller's scope by the database. The page gets at most
MAX_SIDE × MAX_SIDE cells (in practice a few hundred non-empty ones) and one row per grid, never the
enterprises themselves, so a district of 100,000 stays a small answer."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Float, Integer, and_, case, cast, func, not_, select

from app.core.enterprise import DEFAULT_TARGET_HEADCOUNT, GONE_STATUSES
from app.server.accounts import Principal
from app.server.db import ServerDB
from app.web.queries import R, jtext, scope_clause

TILE_URL = ""
"""The base map's tile address for the browser ({z}/{x}/{y} placeholders, as Leaflet takes it); empty
while the server has no tile source, and the page then says so instead of drawing on white."""
MAX_SIDE = 64
"""Cells along the longer side of the scope's extent."""


@dataclass(frozen=True)
class Cell:
    lon: float
    lat: float
    enterprises: int
    targets: int


@dataclass(frozen=True)
class GridCount:
    grid_id: str | None
    enterprises: int
    placed: int
    targets: int


@dataclass
class HeatData:
    cells: list[Cell]
    grids: list[GridCount]
    bounds: tuple[float, float, float, float] | None  # west, south, east, north
    cell_deg: float

    def payload(self) -> dict[str, Any]:
        return {
            "bounds": self.bounds,
            "cell": self.cell_deg,
            "cells": [[round(c.lon, 6), round(c.lat, 6), c.enterprises, c.targets] for c in self.cells],
        }


def _num(db: ServerDB, name: str) -> Any:
    return cast(jtext(db, name), Float)


def heat(db: ServerDB, principal: Principal, threshold: int = DEFAULT_TARGET_HEADCOUNT) -> HeatData:
    lon, lat = _num(db, "longitude"), _num(db, "latitude")
    union = func.coalesce(jtext(db, "union_status"), "none")
    registration = func.coalesce(jtext(db, "registration_status"), "")
    target = and_(
        func.coalesce(cast(jtext(db, "headcount"), Integer), 0) >= threshold,
        union != "established",
        not_(registration.in_(sorted(GONE_STATUSES))),
    )
    is_target = case((target, 1), else_=0)
    placed = and_(jtext(db, "longitude").is_not(None), jtext(db, "latitude").is_not(None))
    where: list[Any] = [R.c.entity == "enterprise", R.c.deleted.is_(False)]
    scope = scope_clause(principal)
    if scope is not None:
        where.append(scope)
    with db.read() as session:
        per_grid = session.execute(
            select(R.c.grid_id, func.count(), func.sum(case((placed, 1), else_=0)), func.sum(is_target))
            .where(*where).group_by(R.c.grid_id)
        ).all()
        west, south, east, north = session.execute(
            select(func.min(lon), func.min(lat), func.max(lon), func.max(lat)).where(*where, placed)
        ).one()
        grids = [GridCount(g, int(n or 0), int(p or 0), int(t or 0)) for g, n, p, t in per_grid]
        if west is None or south is None or east is None or north is None:
            return HeatData([], grids, None, 0.0)
        west, south, east, north = float(west), float(south), float(east), float(north)
        size = max(east - west, north - south, 0.0005) / MAX_SIDE
        ix, iy = _index(db, (lon - west) / size), _index(db, (lat - south) / size)
        rows = session.execute(
            select(ix.label("ix"), iy.label("iy"), func.count(), func.sum(is_target))
            .where(*where, placed).group_by(ix, iy)
        ).all()
    cells = [Cell(west + (int(x) + 0.5) * size, south + (int(y) + 0.5) * size, int(n), int(t or 0)) for x, y, n, t in rows]
    return HeatData(cells, grids, (west, south, east, north), size)


def _index(db: ServerDB, value: Any) -> Any:
    """The cell number along one axis (values are never negative here: measured from the west/south edge)."""
    return cast(value, Integer) if db.is_sqlite else cast(func.floor(value), Integer)



"""The heat map's data for the web pages: enterprises with a position, and the union targets among
them, counted per square cell of the caller's scope by the database. The page gets at most
MAX_SIDE × MAX_SIDE cells (in practice a few hundred non-empty ones) and one row per grid, never the
enterprises themselves, so a district of 100,000 stays a small answer."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Float, Integer, and_, case, cast, func, not_, select, text

from app.core.enterprise import DEFAULT_TARGET_HEADCOUNT, GONE_STATUSES
from app.server.accounts import Principal
from app.server.db import ServerDB
from app.web.queries import R, jtext, scope_clause, survives_damage

TILE_URL = ""
"""A base map's tile address for the browser ({z}/{x}/{y} placeholders, as Leaflet takes it) that
overrides the server's own. Empty: the page takes the web session's tile route when the server has a
base map, and says plainly that there is none otherwise, instead of drawing on white."""
MAX_SIDE = 64
"""Cells along the longer side of the scope's extent."""
FINE = 0.002
"""The database's cell, in degrees (about 200 m), merged into the page's cells."""


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


@survives_damage
def heat(db: ServerDB, principal: Principal, threshold: int = DEFAULT_TARGET_HEADCOUNT) -> HeatData:
    """One scan: the database counts enterprises and targets per grid and fine cell (FINE degrees; an
    unplaced enterprise falls in the grid's empty cell); Python then merges the fine cells into at most
    MAX_SIDE along the scope's longer side."""
    lon, lat = _num(db, "longitude"), _num(db, "latitude")
    union = func.coalesce(jtext(db, "union_status"), "none")
    registration = func.coalesce(jtext(db, "registration_status"), "")
    target = and_(
        func.coalesce(cast(jtext(db, "headcount"), Integer), 0) >= threshold,
        union != "established",
        not_(registration.in_(sorted(GONE_STATUSES))),
    )
    ix, iy = _index(db, lon / FINE), _index(db, lat / FINE)
    where: list[Any] = [R.c.entity == "enterprise", R.c.deleted.is_(False)]
    scope = scope_clause(principal)
    if scope is not None:
        where.append(scope)
    stmt = (
        select(R.c.grid_id, ix.label("ix"), iy.label("iy"), func.count(), func.sum(case((target, 1), else_=0)))
        .where(*where).group_by(text("ix"), text("iy"), R.c.grid_id)  # by name: each extracted once
    )
    with db.read() as session:
        rows = session.execute(stmt).all()
    per_grid: dict[str | None, list[int]] = {}
    fine: dict[tuple[int, int], list[int]] = {}
    for grid_id, x, y, n, t in rows:
        counts = per_grid.setdefault(grid_id, [0, 0, 0])
        counts[0] += int(n)
        counts[2] += int(t or 0)
        if x is None or y is None:
            continue
        counts[1] += int(n)
        cell = fine.setdefault((int(x), int(y)), [0, 0])
        cell[0] += int(n)
        cell[1] += int(t or 0)
    grids = [GridCount(g, n, p, t) for g, (n, p, t) in per_grid.items()]
    if not fine:
        return HeatData([], grids, None, 0.0)
    west, south = min(x for x, _ in fine) * FINE, min(y for _, y in fine) * FINE
    east, north = (max(x for x, _ in fine) + 1) * FINE, (max(y for _, y in fine) + 1) * FINE
    size = max(east - west, north - south) / MAX_SIDE
    size = max(size, FINE)
    coarse: dict[tuple[int, int], list[int]] = {}
    for (x, y), (n, t) in fine.items():
        key = (int(((x + 0.5) * FINE - west) / size), int(((y + 0.5) * FINE - south) / size))
        cell = coarse.setdefault(key, [0, 0])
        cell[0] += n
        cell[1] += t
    cells = [Cell(west + (x + 0.5) * size, south + (y + 0.5) * size, n, t) for (x, y), (n, t) in sorted(coarse.items())]
    return HeatData(cells, grids, (west, south, east, north), size)


def _index(db: ServerDB, value: Any) -> Any:
    """The cell number along one axis. SQLite's cast truncates towards zero, so around longitude or
    latitude 0 two cells merge; no district of ours is there."""
    return cast(value, Integer) if db.is_sqlite else cast(func.floor(value), Integer)




class HeatCache:
    """Heat data per scope, recomputed when the change log moved and the data is older than `ttl`
    seconds: the map does not need the last minute's edits, and a district of 100,000 enterprises
    costs a scan of them per computation."""

    def __init__(self, ttl: float = 60.0) -> None:
        self.ttl = ttl
        self.items: dict[tuple[Any, ...], tuple[float, int, HeatData]] = {}
        self.lock = threading.Lock()

    def get(self, db: ServerDB, principal: Principal) -> HeatData:
        from app.server.records import max_seq

        key = (principal.sees_all, tuple(sorted(principal.grid_ids)))
        with db.read() as session:
            seq = max_seq(session)
        with self.lock:
            hit = self.items.get(key)
        if hit is not None and (hit[1] == seq or time.monotonic() - hit[0] < self.ttl):
            return hit[2]
        data = heat(db, principal)
        with self.lock:
            if len(self.items) > 500:
                self.items.clear()
            self.items[key] = (time.monotonic(), seq, data)
        return data

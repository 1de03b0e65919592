"""The heat map's data for the web pages: enterprises with a position, and the union targets among
them, counted per square cell of the caller's scope by the database. The page gets at most
MAX_SIDE × MAX_SIDE cells (in practice a few hundred non-empty ones) and one row per grid, never the
enterprises themselves, so a district of 100,000 stays a small answer."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Float, Integer, and_, case, cast, func, not_, select

from app.core.enterprise import DEFAULT_TARGET_HEADCOUNT, GONE_STATUSES
from app.server.accounts import Principal
from app.server.db import ServerDB
from app.web.queries import R, jtext, scope_clause

TILE_URL = ""
"""A base map's tile address for the browser ({z}/{x}/{y} placeholders, as Leaflet takes it) that
overrides the server's own. Empty: the page takes the web session's tile route when the server has a
base map, and says plainly that there is none otherwise, instead of drawing on white."""
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
            select(R.c.grid_id, func.count(), func.sum(case((placed, 1), else_=0)), func.sum(is_target),
                   func.min(lon), func.min(lat), func.max(lon), func.max(lat))
            .where(*where).group_by(R.c.grid_id)
        ).all()
        grids = [GridCount(g, int(n or 0), int(p or 0), int(t or 0)) for g, n, p, t, *_ in per_grid]
        edges = [(float(w), float(s), float(e), float(n)) for *_, w, s, e, n in per_grid
                 if w is not None and s is not None and e is not None and n is not None]
        if not edges:
            return HeatData([], grids, None, 0.0)
        west, south = min(e[0] for e in edges), min(e[1] for e in edges)
        east, north = max(e[2] for e in edges), max(e[3] for e in edges)
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

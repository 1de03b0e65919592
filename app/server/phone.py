"""What the grid workers' phones ask of the server beyond sync: the week's route, planned by the laptop's
own planner from the server's records, and base-map tiles from the office's MBTiles file.

The week plan is computed here rather than on the phone so that one planner (app/planning/weekplan.py)
decides the order of visits everywhere; the phone keeps the last answer for offline days. The rows it
plans from are exactly the caller's sync scope (the grids assigned to the account), read from the
generic record table, so a phone never learns of an enterprise it could not pull."""

from __future__ import annotations

import datetime as dt
import math
import re
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import ColumnElement, Table, func
from sqlmodel import Session, col, select

from app.core.enterprise import DEFAULT_TARGET_HEADCOUNT
from app.core.matters import ACTIVE_STATUSES
from app.planning.basemap import MBTiles, open_basemap
from app.planning.weekplan import propose_week
from app.server.accounts import Principal
from app.server.db import ServerDB
from app.server.errors import ApiError, forbidden
from app.server.record_data import json_field, loads_or_empty
from app.server.schema import schemas
from app.server.tables import Record, ServerGrid
from app.store.datapool import DEFAULT_OVERDUE_DAYS, PlanningRow

RECORD: Table = Record.__table__  # type: ignore[attr-defined]

MAX_WEEK_ENTERPRISES = 5000
"""A grid holds a few hundred to two thousand enterprises; past this the plan is made on a laptop (the
request would read and rank too much for an answer a phone waits for)."""
MAX_ZOOM = 22

_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_ACTIVE = frozenset(s.value for s in ACTIVE_STATUSES)


def invalid(message: str) -> ApiError:
    return ApiError(422, "invalid_request", message)


def parse_start(value: str | None) -> dt.date:
    if not value:
        raise invalid("Give the week as start=YYYY-MM-DD (any day of the week).")
    if len(value) != 10 or not _DAY.match(value):
        raise invalid("start must be a date written YYYY-MM-DD.")
    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        raise invalid("start is not a date of the calendar.") from None
    if not 2000 <= day.year <= 2199:
        raise invalid("start must lie between the years 2000 and 2199.")
    return day


@dataclass(frozen=True)
class GridRef:
    id: str
    code: str
    name: str


def _grids(session: Session, ids: list[str] | None) -> list[GridRef]:
    stmt = select(ServerGrid)
    if ids is not None:
        stmt = stmt.where(col(ServerGrid.id).in_(ids))
    return sorted((GridRef(g.id, g.code, g.name) for g in session.exec(stmt).all()), key=lambda g: g.code)


def choose_grid(session: Session, principal: Principal, wanted: str | None) -> tuple[GridRef, list[GridRef]]:
    """The grid to plan (its id or code in `wanted`, or the account's only/first grid) and the grids the
    caller may ask for. Office accounts see every grid but must name one."""
    if wanted is not None and (len(wanted) > 64 or not wanted.strip()):
        raise invalid("grid must be a grid's id or code of at most 64 characters.")
    mine = _grids(session, None if principal.sees_all else sorted(principal.grid_ids))
    if wanted:
        for grid in mine:
            if wanted in (grid.id, grid.code):
                return grid, mine
        raise forbidden("That grid is not assigned to this account.")
    if principal.sees_all:
        raise invalid("An office account plans one grid at a time: add grid=<code>.")
    if not mine:
        raise forbidden("No grid is assigned to this account, so there is no route to plan.")
    return mine[0], mine


def _field(db: ServerDB, name: str) -> ColumnElement[Any]:
    """One field of a record's JSON data as text, extracted by the database (a visit's large answers
    never reach Python). A record whose text is not JSON reads as NULL: the plan is made without it
    rather than failing for the whole grid (one grid's records: the safe cast's cost is small)."""
    return json_field("sqlite" if db.is_sqlite else "postgresql", RECORD.c.data, name)


def _planning_rows(db: ServerDB, session: Session, grid_id: str) -> list[PlanningRow]:
    """The laptop's PlanningRow for every live enterprise of the grid, with last visit and open matters
    taken from the grid's visit and matter records (as app/store/datapool.planning_rows does)."""
    live = (RECORD.c.grid_id == grid_id, RECORD.c.deleted.is_(False))
    found = session.execute(
        select(RECORD.c.id, RECORD.c.data).where(RECORD.c.entity == "enterprise", *live).limit(MAX_WEEK_ENTERPRISES + 1)
    ).all()
    if len(found) > MAX_WEEK_ENTERPRISES:
        raise invalid(f"This grid holds more than {MAX_WEEK_ENTERPRISES} enterprises; its week plan is made on a laptop.")
    clean = schemas()["enterprise"].clean
    enterprises = {str(eid): clean(loads_or_empty(text)) for eid, text in found}
    owner = _field(db, "enterprise_id")
    last_visit: dict[str, dt.date] = {}
    visits = select(owner, func.max(_field(db, "visit_date"))).where(RECORD.c.entity == "visit", *live).group_by(owner)
    for eid, day in session.execute(visits):
        parsed = _date(day)
        if isinstance(eid, str) and parsed is not None:
            last_visit[eid] = parsed
    open_matters: dict[str, int] = {}
    matters = (
        select(owner, func.count())
        .where(RECORD.c.entity == "matter", _field(db, "status").in_(sorted(_ACTIVE)), *live)
        .group_by(owner)
    )
    for eid, count in session.execute(matters):
        if isinstance(eid, str):
            open_matters[eid] = int(count)
    rows: list[PlanningRow] = []
    for eid, e in enterprises.items():
        rows.append(
            PlanningRow(
                id=eid,
                name=_text(e.get("name")),
                credit_code=_text(e.get("credit_code")),
                address=_text(e.get("address")),
                grid_id=grid_id,
                headcount=_int(e.get("headcount")),
                union_status=_text(e.get("union_status")) or "none",
                member_count=_int(e.get("member_count")),
                contact_name=_text(e.get("contact_name")),
                contact_phone=_text(e.get("contact_phone")),
                longitude=_float(e.get("longitude")),
                latitude=_float(e.get("latitude")),
                last_visit=last_visit.get(eid),
                open_matters=open_matters.get(eid, 0),
                registration_status=_text(e.get("registration_status")),
                business_abnormal=bool(e.get("business_abnormal")),
            )
        )
    # The laptop reads its rows in table order; the planner breaks its ties by name, so order is moot,
    # but a stable order keeps two answers of the same data byte-identical.
    rows.sort(key=lambda r: r.id)
    return rows


def week_plan(
    db: ServerDB,
    principal: Principal,
    start: str | None,
    grid: str | None = None,
    *,
    threshold: int = DEFAULT_TARGET_HEADCOUNT,
    overdue_days: int = DEFAULT_OVERDUE_DAYS,
) -> dict[str, Any]:
    day = parse_start(start)
    with db.read() as session:
        chosen, mine = choose_grid(session, principal, grid)
        rows = _planning_rows(db, session, chosen.id)
    plan = propose_week(rows, day, threshold=threshold, overdue_days=overdue_days)
    return {
        "week_start": plan.week_start.isoformat(),
        "grid": {"id": chosen.id, "code": chosen.code, "name": chosen.name},
        "grids": [{"id": g.id, "code": g.code, "name": g.name} for g in mine],
        "quota": plan.quota,
        "backlog": plan.backlog,
        "enterprises": len(rows),
        "days": [
            {
                "day": d.day.isoformat(),
                "length_m": round(d.length_m, 1),
                "stops": [
                    {
                        "enterprise_id": s.row.id,
                        "name": s.row.name,
                        "address": s.row.address,
                        "longitude": s.row.longitude,
                        "latitude": s.row.latitude,
                        "reason": s.reason,
                    }
                    for s in d.stops
                ],
            }
            for d in plan.days
        ],
    }


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _float(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


def _date(value: Any) -> dt.date | None:
    if not isinstance(value, str) or len(value) < 10:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


# Tiles ------------------------------------------------------------------------------------------------


class TileSource:
    """The office's MBTiles file, opened on first use and again when the file is replaced. One SQLite
    connection shared by the request threads, used under a lock (tile reads take microseconds). Whether
    the file was replaced is looked at every few seconds, not for each of the dozens of tiles of a map."""

    RECHECK_SECONDS = 2.0

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self._lock = threading.Lock()
        self._tiles: MBTiles | None = None
        self._stamp: tuple[int, int] | None = None
        self._checked = -math.inf

    def _open(self) -> MBTiles | None:
        if self.path is None:
            return None
        now = time.monotonic()
        if self._tiles is not None and now - self._checked < self.RECHECK_SECONDS:
            return self._tiles
        self._checked = now
        try:
            stat = self.path.stat()
        except OSError:
            self._close()
            return None
        stamp = (stat.st_mtime_ns, stat.st_size)
        if self._tiles is None or stamp != self._stamp:
            self._close()
            self._tiles = open_basemap(self.path)
            self._stamp = stamp
        return self._tiles

    def _close(self) -> None:
        if self._tiles is not None:
            self._tiles.close()
        self._tiles = None
        self._stamp = None

    def close(self) -> None:
        with self._lock:
            self._close()

    def available(self) -> bool:
        with self._lock:
            return self._open() is not None

    def info(self) -> dict[str, Any] | None:
        """What a map needs to know before asking for tiles: the stored zooms and the covered area."""
        with self._lock:
            tiles = self._open()
            if tiles is None:
                return None
            try:
                found = tiles.info()
            except Exception:
                self._close()
                return None
        box = found.bounds
        return {
            "name": found.name,
            "min_zoom": found.min_zoom,
            "max_zoom": found.max_zoom,
            "bounds": [box.min_lon, box.min_lat, box.max_lon, box.max_lat] if box else None,
            "attribution": found.attribution,
            "tiles": found.tiles,
        }

    def tile(self, z: int, x: int, y: int) -> bytes | None:
        """The tile in XYZ numbering (row 0 at the top); the MBTiles reader flips to the file's TMS rows."""
        if not 0 <= z <= MAX_ZOOM or not 0 <= x < 2**z or not 0 <= y < 2**z:
            raise invalid(f"No tile {z}/{x}/{y}: zoom runs 0..{MAX_ZOOM}, and x and y 0..2^zoom-1.")
        with self._lock:
            tiles = self._open()
            if tiles is None:
                return None
            try:
                return tiles.tile(x, y, z)
            except Exception:  # a damaged file answers as absent; the office replaces it
                self._close()
                return None


def tile_media_type(data: bytes) -> str:
    if data.startswith(b"\x89PNG"):
        return "image/png"
    if data.startswith(b"\xff\xd8"):
        return "image/jpeg"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    return "application/octet-stream"

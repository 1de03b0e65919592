# No `from __future__ import annotations`: FastAPI must see the Annotated aliases as objects.
"""巡查轨迹 in the office's web pages: the patrol tracks phones recorded, listed by grid, worker and day,
one drawn on the base map; and the base-map tiles for the web pages' maps under the web session.

A track is a person's whereabouts: an inspector sees the tracks of their own grids only (as in every
register), and opening one is written to the web audit log."""

import datetime as dt
import json
from collections.abc import Callable
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, FastAPI, Query, Request
from fastapi import Path as PathParam
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from sqlalchemy import and_, select

from app.core.patrol import TrackError, parse_points, track_length_m
from app.server import phone
from app.server.accounts import Principal
from app.server.phone_api import TILE_CACHE, tile_response
from app.web import audit, queries
from app.web.sessions import COOKIE, WebAuth

PREFIX = "/web"
LIST_LIMIT = 200


def install(app: FastAPI) -> None:
    state = app.state.server
    db = state.db
    auth: WebAuth = app.state.web_auth
    templates: Jinja2Templates = app.state.web_templates
    templates.env.filters["clock"] = clock

    @app.middleware("http")
    async def _tile_cache(request: Request, call_next: Any) -> Response:
        # Outside the pages' own middleware (which marks every page no-store): tiles may be cached.
        response: Response = await call_next(request)
        if request.url.path.startswith(PREFIX + "/tiles/") and response.status_code == 200:
            response.headers["Cache-Control"] = TILE_CACHE
        return response

    def who(request: Request) -> tuple[Any, Principal | None]:
        web = auth.sessions.get(request.cookies.get(COOKIE))
        return web, auth.principal(web)

    r = APIRouter(prefix=PREFIX, include_in_schema=False)

    @r.get("/tiles/{z}/{x}/{y}")
    def web_tile(
        request: Request,
        z: Annotated[int, PathParam(ge=0, le=phone.MAX_ZOOM)],
        x: Annotated[int, PathParam(ge=0, le=2**phone.MAX_ZOOM)],
        y: Annotated[int, PathParam(ge=0, le=2**phone.MAX_ZOOM)],
    ) -> Response:
        _, p = who(request)
        if p is None:
            return Response(status_code=401)
        return tile_response(state.tiles, z, x, y)

    @r.get("/tracks", response_class=HTMLResponse)
    def tracks_page(
        request: Request,
        grid: Annotated[str, Query(max_length=64)] = "",
        worker: Annotated[str, Query(max_length=64)] = "",
        day: Annotated[str, Query(max_length=10)] = "",
        id: Annotated[str, Query(max_length=64)] = "",
    ) -> Response:
        web, p = who(request)
        if web is None or p is None:
            return RedirectResponse(f"{PREFIX}/login?" + urlencode({"next": f"{PREFIX}/tracks"}), status_code=303)
        rows = _list(p, grid, worker, _day(day))
        chosen = _track(p, id) if id else (rows[0]["id"] if rows else "")
        track = _track_data(p, chosen) if chosen else None
        if track is not None:
            audit.record(db, p.username, "track_view", track["id"],
                         {"grid": track["grid_id"], "day": track["route_day"]})
        grids = [g for g in queries.grids(db) if p.sees_all or g.id in p.grid_ids]
        people = queries.names(db, "inspector", {str(r["inspector_id"] or "") for r in rows} | {worker})
        render: Callable[..., Response] = app.state.web_render
        return render(
            request, "tracks.html", web, p,
            rows=rows, grids=grids, grid_names=queries.grid_names(db), people=people,
            grid=grid, worker=worker, day=day, track=track, chosen=chosen,
            track_json=json.dumps(track["map"], separators=(",", ":")) if track else "",
            limit=LIST_LIMIT,
        )

    @queries.survives_damage
    def _list(p: Principal, grid: str, worker: str, day: dt.date | None) -> list[dict[str, Any]]:
        fields = ("route_day", "inspector_id", "started_at", "ended_at", "point_count", "device_name")
        R = queries.R
        stmt = select(R.c.id, R.c.grid_id, *(queries.jtext(db, f) for f in fields)).where(
            R.c.entity == "patrol_track", R.c.deleted.is_(False)
        )
        scope = queries.scope_clause(p)
        if scope is not None:
            stmt = stmt.where(and_(R.c.grid_id.is_not(None), scope))
        if grid:
            stmt = stmt.where(R.c.grid_id == grid)
        if worker:
            stmt = stmt.where(queries.jtext(db, "inspector_id") == worker)
        if day is not None:
            stmt = stmt.where(queries.jtext(db, "route_day") == day.isoformat())
        stmt = stmt.order_by(queries.jtext(db, "route_day").desc(), R.c.seq.desc()).limit(LIST_LIMIT)
        with db.read() as session:
            found = session.execute(stmt).all()
        return [dict(zip(("id", "grid_id", *fields), row, strict=True)) for row in found]

    def _track(p: Principal, track_id: str) -> str:
        row = queries.get_row(db, p, "patrol_track", track_id)
        return row.id if row is not None else ""

    def _track_data(p: Principal, track_id: str) -> dict[str, Any] | None:
        row = queries.get_row(db, p, "patrol_track", track_id)
        if row is None:
            return None
        try:
            points = parse_points(row.data.get("points"))
            problem = ""
        except TrackError as exc:
            points, problem = [], str(exc)
        return {
            "id": row.id,
            "grid_id": row.grid_id,
            "route_day": str(row.data.get("route_day") or ""),
            "inspector_id": str(row.data.get("inspector_id") or ""),
            "started_at": str(row.data.get("started_at") or ""),
            "ended_at": str(row.data.get("ended_at") or ""),
            "device_name": str(row.data.get("device_name") or ""),
            "points": len(points),
            "length_km": round(track_length_m(points) / 1000, 2),
            "damaged": bool(problem),
            "map": {"tiles": f"{PREFIX}/tiles/{{z}}/{{x}}/{{y}}", "zooms": _zooms(),
                    "line": [[lat, lon] for _, lon, lat, _ in points]},
        }

    def _zooms() -> list[int] | None:
        found = state.tiles.info()
        return [found["min_zoom"], found["max_zoom"]] if found else None

    app.include_router(r)


OFFICE_ZONE = dt.timezone(dt.timedelta(hours=8), "北京时间")


def clock(iso: Any) -> str:
    """HH:MM in the office's time (China has one zone, no daylight saving) of an ISO UTC time."""
    try:
        at = dt.datetime.fromisoformat(str(iso).replace("Z", "+00:00"))
    except ValueError:
        return ""
    if at.tzinfo is None:
        at = at.replace(tzinfo=dt.UTC)
    return at.astimezone(OFFICE_ZONE).strftime("%H:%M")


def _day(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text) if len(text) == 10 else None
    except ValueError:
        return None

# No `from __future__ import annotations` here: FastAPI must see the local Annotated aliases as objects.
"""Routes for the grid workers' phones (week route, map tiles), added to the server's /v1 router."""

from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query
from fastapi.responses import Response

from app.server import phone
from app.server.accounts import Principal
from app.server.db import ServerDB
from app.server.errors import not_found

TILE_CACHE = "private, max-age=86400"
"""Tiles change only when the office replaces the base map; a day's caching spares the phone's data."""


def tile_response(tiles: phone.TileSource, z: int, x: int, y: int) -> Response:
    data = tiles.tile(z, x, y)
    if data is None:
        raise not_found("The base map has no tile here (or the server has no base map).")
    return Response(data, media_type=phone.tile_media_type(data), headers={"Cache-Control": TILE_CACHE})


def install(
    r: APIRouter, db: ServerDB, tiles: phone.TileSource, principal: Callable[..., Principal],
    responses: dict[int | str, dict[str, Any]],
) -> None:
    Caller = Annotated[Principal, Depends(principal)]

    @r.get("/phone/week", responses=responses, tags=["phone"])
    def phone_week(
        p: Caller,
        start: Annotated[str | None, Query(max_length=32)] = None,
        grid: Annotated[str | None, Query(max_length=64)] = None,
    ) -> dict[str, Any]:
        """The week's route of one of the caller's grids, planned like the laptop's week plan."""
        return phone.week_plan(db, p, start, grid)

    @r.get("/tiles/info", responses=responses, tags=["phone"])
    def map_info(p: Caller) -> dict[str, Any]:
        """The base map's zoom levels and area (404 when the server has none): the map asks no further."""
        found = tiles.info()
        if found is None:
            raise not_found("The server has no base map.")
        return found

    @r.get(
        "/tiles/{z}/{x}/{y}",
        response_class=Response,
        responses={200: {"content": {"image/png": {}}}, **responses},
        tags=["phone"],
    )
    def map_tile(
        p: Caller,
        z: Annotated[int, Path(ge=0, le=phone.MAX_ZOOM)],
        x: Annotated[int, Path(ge=0, le=2**phone.MAX_ZOOM)],
        y: Annotated[int, Path(ge=0, le=2**phone.MAX_ZOOM)],
    ) -> Response:
        """A base-map tile (XYZ numbering) from the office's MBTiles file."""
        return tile_response(tiles, z, x, y)

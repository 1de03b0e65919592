"""Patrol tracks (巡查轨迹) recorded by a grid worker's phone while a day's route was active."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from sqlalchemy import Index
from sqlmodel import Field

from app.core.patrol import MAX_POINTS_TEXT, track_problem
from app.store.tables.base import SyncedRow, register


@register
class PatrolTrack(SyncedRow, table=True):
    """One recorded stretch of a patrol, written once by the phone that recorded it and never edited
    (a wrong track is deleted, not corrected). Positions are a person's whereabouts: the audit log keeps
    only the fact that points were written, never their values."""

    __tablename__ = "patrol_track"
    __table_args__ = (Index("ix_patrol_track_grid_day", "grid_id", "route_day"),)
    __json_fields__ = frozenset({"points"})

    grid_id: str = Field(foreign_key="grid.id", index=True)
    inspector_id: str | None = Field(default=None, foreign_key="inspector.id")
    route_day: dt.date = Field()
    started_at: str = Field(default="", max_length=32)  # ISO-8601 UTC
    ended_at: str = Field(default="", max_length=32)
    point_count: int = Field(default=0)
    points: str = Field(default="[]", max_length=MAX_POINTS_TEXT)  # [[epoch_s, lon, lat, accuracy_m], ...]
    device_name: str = Field(default="", max_length=64)

    @classmethod
    def patch_problem(cls, op: str, patch: Mapping[str, Any]) -> str | None:
        if op == "update" and any(name != "deleted" for name in patch):
            return "a patrol track is written once and never edited; delete it and record a new one"
        if "points" in patch:
            return track_problem(patch["points"], patch.get("point_count"))
        if "point_count" in patch and op == "insert":
            return track_problem("[]", patch["point_count"])
        return None

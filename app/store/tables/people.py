"""Grids (网格) and the people who work them."""

from __future__ import annotations

from sqlmodel import Field

from app.store.tables.base import SyncedRow, register


@register
class Grid(SyncedRow, table=True):
    __tablename__ = "grid"

    code: str = Field(index=True, max_length=32)
    name: str = Field(max_length=100)
    district: str = Field(default="", max_length=100)
    inspector_id: str | None = Field(default=None, foreign_key="inspector.id", index=True)
    # Polygon as JSON [[lon, lat], ...]; drawn offline by the heat map.
    boundary: str = Field(default="[]")


@register
class Inspector(SyncedRow, table=True):
    __tablename__ = "inspector"

    name: str = Field(max_length=50)
    account: str = Field(default="", index=True, max_length=64)
    phone: str = Field(default="", max_length=32)
    role: str = Field(default="inspector", max_length=16)  # inspector | office | admin
    title: str = Field(default="", max_length=50)  # 网格员, 劳动法律监督员 ...
    active: bool = Field(default=True)

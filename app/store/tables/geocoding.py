"""Addresses and positions: the office's gazetteer and the online geocoder's answers (both kept on
this laptop only: the gazetteer is imported where it is needed, the cache is this laptop's memory of
what it asked), and the rules that put an address into a grid (synced: the office sets them once)."""

from __future__ import annotations

from sqlalchemy import Index
from sqlmodel import Field, SQLModel

from app.store.tables.base import SyncedRow, register


class GazetteerEntry(SQLModel, table=True):
    """One line of the 地名地址/门牌 list: a normalised address and its position."""

    __tablename__ = "gazetteer_entry"
    __table_args__ = (Index("ix_gazetteer_road_number", "road", "number"),)

    id: int | None = Field(default=None, primary_key=True)
    address_norm: str = Field(max_length=300, index=True)
    road: str = Field(default="", max_length=200)
    number: str = Field(default="", max_length=20)
    longitude: float
    latitude: float
    street: str = Field(default="", max_length=100)
    community: str = Field(default="", max_length=100)
    address: str = Field(default="", max_length=300)


class GeocodeCache(SQLModel, table=True):
    __tablename__ = "geocode_cache"

    provider: str = Field(primary_key=True, max_length=16)
    address_norm: str = Field(primary_key=True, max_length=300)
    longitude: float = Field(default=0.0)
    latitude: float = Field(default=0.0)
    found: bool = Field(default=False)
    asked_at: str = Field(default="", max_length=32)


@register
class GridAddressRule(SyncedRow, table=True):
    """An address containing `pattern` (a street, community or road name) belongs to the grid. The
    longest matching pattern wins, so 东湖街道文一社区 can go to a different grid than 东湖街道."""

    __tablename__ = "grid_address_rule"

    pattern: str = Field(max_length=100, index=True)
    grid_id: str = Field(foreign_key="grid.id", index=True)
    note: str = Field(default="", max_length=200)

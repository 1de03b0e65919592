"""Positions of enterprises and what finds them: the gazetteer, the online cache, grid rules by
address, and the enterprises still without a position. Positions are written in batches through the
outbox, like any other change of the enterprise file."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, insert, text
from sqlmodel import Session, col, select

from app.core.ids import utc_now_iso
from app.store import changes
from app.store.tables import Enterprise, Grid
from app.store.tables.geocoding import GazetteerEntry, GeocodeCache, GridAddressRule

GAZETTEER_SOURCE_KEY = "gazetteer_source"
POSITION_SOURCES = ("import", "gazetteer", "online", "pin", "visit")


@dataclass(frozen=True)
class GazetteerRow:
    address_norm: str
    road: str
    number: str
    lon: float
    lat: float
    street: str
    community: str
    address: str


@dataclass(frozen=True)
class GazetteerHit:
    lon: float
    lat: float
    address: str


def replace_gazetteer(session: Session, rows: Sequence[GazetteerRow], *, source: str, at: str) -> None:
    from app.store import local_state

    table = GazetteerEntry.__table__  # type: ignore[attr-defined]
    session.execute(delete(table))
    session.execute(insert(table), [
        {"address_norm": r.address_norm, "road": r.road, "number": r.number, "longitude": r.lon, "latitude": r.lat,
         "street": r.street[:100], "community": r.community[:100], "address": r.address[:300]}
        for r in rows
    ])
    local_state.put(session, GAZETTEER_SOURCE_KEY, f"{source}（{len(rows)} 条，{at}）")


def gazetteer_count(session: Session) -> int:
    return int(session.connection().execute(text("SELECT count(*) FROM gazetteer_entry")).scalar_one())


def gazetteer_exact(session: Session, address_norm: str) -> GazetteerHit | None:
    row = session.connection().execute(
        text("SELECT longitude, latitude, address FROM gazetteer_entry WHERE address_norm = :a LIMIT 1"),
        {"a": address_norm}).first()
    return GazetteerHit(float(row[0]), float(row[1]), str(row[2])) if row else None


def gazetteer_house(session: Session, road: str, number: str) -> GazetteerHit | None:
    row = session.connection().execute(
        text("SELECT longitude, latitude, address FROM gazetteer_entry WHERE road = :r AND number = :n "
             "ORDER BY length(address_norm) LIMIT 1"), {"r": road, "n": number}).first()
    return GazetteerHit(float(row[0]), float(row[1]), str(row[2])) if row else None


def cached(session: Session, provider: str, address_norm: str) -> GeocodeCache | None:
    return session.get(GeocodeCache, (provider, address_norm))


def remember(session: Session, provider: str, address_norm: str, lon: float, lat: float, found: bool) -> None:
    session.merge(GeocodeCache(provider=provider, address_norm=address_norm[:300], longitude=lon, latitude=lat,
                               found=found, asked_at=utc_now_iso()))
    session.flush()


_UNPLACED = "deleted = 0 AND (longitude IS NULL OR latitude IS NULL)"


def count_unplaced(session: Session) -> int:
    from app.store import quickcheck

    return quickcheck.count_unplaced(quickcheck.of_session(session))



def count_placed_by_source(session: Session) -> dict[str, int]:
    rows = session.connection().execute(text(
        "SELECT position_source, count(*) FROM enterprise WHERE deleted = 0 AND longitude IS NOT NULL "
        "GROUP BY position_source")).all()
    return {str(r[0] or ""): int(r[1]) for r in rows}


def unplaced(session: Session, limit: int | None = None) -> list[tuple[str, str]]:
    """(id, address) of enterprises without a position that have an address to look up."""
    sql = f"SELECT id, address FROM enterprise WHERE {_UNPLACED} AND address != '' ORDER BY name"
    if limit is not None:
        sql += f" LIMIT {int(limit)}"
    return [(str(r[0]), str(r[1])) for r in session.connection().execute(text(sql))]


@dataclass
class UnplacedFilter:
    query: str = ""
    grid_id: str | None = None


def _unplaced_where(flt: UnplacedFilter) -> tuple[str, dict[str, Any]]:
    clauses = ["e.deleted = 0", "(e.longitude IS NULL OR e.latitude IS NULL)"]
    params: dict[str, Any] = {}
    if flt.query.strip():
        clauses.append("(e.name LIKE :q OR e.address LIKE :q)")
        params["q"] = f"%{flt.query.strip()}%"
    if flt.grid_id:
        clauses.append("e.grid_id = :g")
        params["g"] = flt.grid_id
    return " AND ".join(clauses), params


def count_unplaced_page(session: Session, flt: UnplacedFilter) -> int:
    where, params = _unplaced_where(flt)
    return int(session.connection().execute(text(f"SELECT count(*) FROM enterprise e WHERE {where}"), params)
               .scalar_one())


def page_unplaced(session: Session, flt: UnplacedFilter, offset: int, limit: int) -> list[dict[str, Any]]:
    where, params = _unplaced_where(flt)
    params.update(limit=limit, offset=offset)
    sql = ("SELECT e.id, e.name, e.address, g.name AS grid_name FROM enterprise e LEFT JOIN grid g ON g.id = e.grid_id "
           f"WHERE {where} ORDER BY e.name, e.id LIMIT :limit OFFSET :offset")
    return [dict(r) for r in session.connection().execute(text(sql), params).mappings()]


def set_positions(session: Session, found: Sequence[tuple[str, float, float, str]], actor: str) -> int:
    """Positions for many enterprises at once, each queued for sync and audited (batch helper)."""
    if not found:
        return 0
    ids = [f[0] for f in found]
    current = {row.id: row for row in session.exec(select(Enterprise).where(col(Enterprise.id).in_(ids)))}
    updates = []
    for enterprise_id, lon, lat, source in found:
        row = current.get(enterprise_id)
        if row is None:
            continue
        patch = {"longitude": lon, "latitude": lat, "position_source": source}
        base = {"longitude": row.longitude, "latitude": row.latitude, "position_source": row.position_source}
        patch = {k: v for k, v in patch.items() if base[k] != v}
        if patch:
            updates.append(changes.RowUpdate(enterprise_id, row.version, patch, {k: base[k] for k in patch}))
    return changes.update_many(session, Enterprise, updates, actor)


def place_by_hand(session: Session, enterprise_id: str, lon: float, lat: float, actor: str) -> Enterprise:
    row = session.get(Enterprise, enterprise_id)
    if row is None or row.deleted:
        raise ValueError("找不到这家企业")
    if not (-180 <= lon <= 180 and -90 <= lat <= 90):
        raise ValueError("位置超出经纬度范围")
    return changes.update(session, row, {"longitude": round(lon, 6), "latitude": round(lat, 6),
                                         "position_source": "pin"}, actor)


# Grid rules -------------------------------------------------------------------------------------------


def rules(session: Session) -> list[GridAddressRule]:
    return list(session.exec(select(GridAddressRule).where(col(GridAddressRule.deleted).is_(False))
                             .order_by(col(GridAddressRule.pattern))))


def add_rule(session: Session, pattern: str, grid_id: str, actor: str, note: str = "") -> GridAddressRule:
    pattern = pattern.strip()
    if len(pattern) < 2:
        raise ValueError("地址规则至少要两个字，例如街道或社区的名称")
    grid = session.get(Grid, grid_id)
    if grid is None or grid.deleted:
        raise ValueError("找不到这个网格")
    if any(r.pattern == pattern for r in rules(session)):
        raise ValueError(f"已有“{pattern}”的规则；一个地址片段只能对应一个网格")
    return changes.insert(session, GridAddressRule(pattern=pattern, grid_id=grid_id, note=note.strip()), actor)


def remove_rule(session: Session, rule_id: str, actor: str) -> None:
    row = session.get(GridAddressRule, rule_id)
    if row is not None:
        changes.delete(session, row, actor)


def grid_for_address(address: str, patterns: Sequence[tuple[str, str]]) -> str | None:
    """The grid of the longest pattern the address contains."""
    best: tuple[int, str] | None = None
    for pattern, grid_id in patterns:
        if pattern and pattern in address and (best is None or len(pattern) > best[0]):
            best = (len(pattern), grid_id)
    return best[1] if best else None


def assign_grids_by_rules(session: Session, actor: str) -> int:
    """Enterprises with no grid get the grid their address names; enterprises already in a grid are
    not moved (a person put them there)."""
    patterns = [(r.pattern, r.grid_id) for r in rules(session)]
    if not patterns:
        return 0
    rows = session.exec(select(Enterprise).where(col(Enterprise.deleted).is_(False), col(Enterprise.grid_id).is_(None),
                                                 Enterprise.address != "")).all()
    updates = []
    for row in rows:
        grid_id = grid_for_address(row.address, patterns)
        if grid_id:
            updates.append(changes.RowUpdate(row.id, row.version, {"grid_id": grid_id}, {"grid_id": None}))
    return changes.update_many(session, Enterprise, updates, actor)


def stats_line(session: Session) -> str:
    placed = count_placed_by_source(session)
    total = sum(placed.values())
    missing = count_unplaced(session)
    return f"已定位 {total} 家，未定位 {missing} 家（{dt.date.today():%Y-%m-%d}）"

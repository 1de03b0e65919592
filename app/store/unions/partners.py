"""The friendly-partner network (友好商户, 友好食堂, 友好童心港湾...) and the uses partners report."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import text
from sqlmodel import Session, col, select

from app.core import unions as rules
from app.core.problems import Problem, ValidationError
from app.store import changes
from app.store.tables.unions import FriendlyPartner, PartnerUse


def _validate(data: Mapping[str, Any]) -> None:
    problems = []
    if not str(data.get("name") or "").strip():
        problems.append(Problem("name", "友好商户名称不能为空"))
    if data.get("kind", "shop") not in rules.PARTNER_KINDS:
        problems.append(Problem("kind", f"未知的友好商户类型“{data.get('kind')}”"))
    lon, lat = data.get("longitude"), data.get("latitude")
    if (lon is None) != (lat is None):
        problems.append(Problem("longitude", "经度和纬度须同时填写"))
    start, end = data.get("valid_from"), data.get("valid_to")
    if start and end and end < start:
        problems.append(Problem("valid_to", "有效期的结束日期早于开始日期"))
    if problems:
        raise ValidationError(problems)


def create_partner(session: Session, values: Mapping[str, Any], actor: str) -> FriendlyPartner:
    data = dict(values)
    data.pop("uses", None)
    _validate(data)
    data["name"] = str(data["name"]).strip()
    return changes.insert(session, FriendlyPartner(**data), actor)


def update_partner(session: Session, partner: FriendlyPartner, values: Mapping[str, Any], actor: str) -> FriendlyPartner:
    merged = {k: getattr(partner, k) for k in FriendlyPartner.data_fields()}
    merged.update(values)
    _validate(merged)
    return changes.update(session, partner, {k: v for k, v in values.items() if k != "uses"}, actor)


def report_uses(session: Session, partner: FriendlyPartner, uses: int, on: dt.date, actor: str, key_group: str = "") -> PartnerUse:
    if uses <= 0:
        raise ValidationError([Problem("uses", "使用人次应为大于0的整数")])
    row = changes.insert(
        session, PartnerUse(partner_id=partner.id, grid_id=partner.grid_id, reported_on=on, uses=uses, key_group=key_group), actor
    )
    total = session.connection().execute(
        text("SELECT COALESCE(sum(uses), 0) FROM partner_use WHERE partner_id = :p AND deleted = 0"), {"p": partner.id}
    ).scalar_one()
    changes.update(session, partner, {"uses": int(total)}, actor)
    return row


def partners_of_grid(session: Session, grid_id: str | None, on: dt.date | None = None) -> list[FriendlyPartner]:
    """Valid partners of one grid, by kind then name (the printed list for riders)."""
    stmt = select(FriendlyPartner).where(col(FriendlyPartner.deleted).is_(False))
    stmt = stmt.where(col(FriendlyPartner.grid_id) == grid_id) if grid_id else stmt
    day = on or dt.date.today()
    rows = [p for p in session.exec(stmt).all() if rules.partner_valid(p.valid_from, p.valid_to, day)]
    order = list(rules.PARTNER_KINDS)
    return sorted(rows, key=lambda p: (order.index(p.kind) if p.kind in order else len(order), p.name))


LIST_COLUMNS = ("id", "name", "kind", "grid_name", "address", "offer", "hours", "valid_to", "uses")


@dataclass
class PartnerFilter:
    query: str = ""
    grid_id: str | None = None
    kind: str | None = None


def _where(flt: PartnerFilter) -> tuple[str, dict[str, Any]]:
    clauses = ["p.deleted = 0"]
    params: dict[str, Any] = {}
    if flt.query.strip():
        clauses.append("(p.name LIKE :q ESCAPE '\\' OR p.address LIKE :q ESCAPE '\\')")
        term = flt.query.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        params["q"] = f"%{term}%"
    if flt.grid_id:
        clauses.append("p.grid_id = :grid_id")
        params["grid_id"] = flt.grid_id
    if flt.kind:
        clauses.append("p.kind = :kind")
        params["kind"] = flt.kind
    return " AND ".join(clauses), params


def count(session: Session, flt: PartnerFilter) -> int:
    where, params = _where(flt)
    return int(session.connection().execute(text(f"SELECT count(*) FROM friendly_partner p WHERE {where}"), params).scalar_one())


def page(session: Session, flt: PartnerFilter, offset: int, limit: int) -> list[dict[str, Any]]:
    where, params = _where(flt)
    sql = f"""
        SELECT p.id, p.name, p.kind, g.name, p.address, p.offer, p.hours, p.valid_to, p.uses
        FROM friendly_partner p LEFT JOIN grid g ON g.id = p.grid_id
        WHERE {where} ORDER BY p.name, p.rowid LIMIT :limit OFFSET :offset
    """
    params.update(limit=limit, offset=offset)
    return [dict(zip(LIST_COLUMNS, r, strict=True)) for r in session.connection().execute(text(sql), params)]


def positions(session: Session) -> list[tuple[str, str, float, float]]:
    """(name, kind, lon, lat) of every partner with a position: the heat map's partner layer."""
    sql = "SELECT name, kind, longitude, latitude FROM friendly_partner WHERE deleted = 0 AND longitude IS NOT NULL"
    return [(str(a), str(b), float(c), float(d)) for a, b, c, d in session.connection().execute(text(sql))]

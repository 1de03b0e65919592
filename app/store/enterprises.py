"""Enterprise files: the list query behind the main window (fast at 100,000 rows) and the writes that
validate before they touch the outbox."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import text
from sqlmodel import Session, select

from app.core.codes import check_credit_code
from app.core.enterprise import validate_enterprise
from app.core.problems import Problem, ValidationError, blocking
from app.store import changes
from app.store.tables import Enterprise

LIST_COLUMNS = (
    "id",
    "name",
    "credit_code",
    "credit_code_status",
    "grid_name",
    "headcount",
    "union_status",
    "member_count",
    "address",
    "last_visit",
)


@dataclass
class EnterpriseFilter:
    query: str = ""
    grid_id: str | None = None
    union_status: str | None = None
    min_headcount: int | None = None
    targets_only: bool = False
    target_threshold: int = 25
    extra: dict[str, Any] = field(default_factory=dict)


def fts_phrase(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def _where(flt: EnterpriseFilter) -> tuple[str, dict[str, Any]]:
    clauses = ["e.deleted = 0"]
    params: dict[str, Any] = {}
    terms = [t for t in re.split(r"\s+", flt.query.strip()) if t]
    for i, term in enumerate(terms):
        key = f"q{i}"
        if len(term) >= 3:
            clauses.append(
                f"e.rowid IN (SELECT rowid FROM enterprise_fts WHERE enterprise_fts MATCH :{key})"
            )
            params[key] = fts_phrase(term)
        else:
            # trigram cannot index 1-2 characters; a scan of three columns is still quick.
            clauses.append(
                f"(e.name LIKE :{key} ESCAPE '\\' OR e.address LIKE :{key} ESCAPE '\\' "
                f"OR e.credit_code LIKE :{key} ESCAPE '\\')"
            )
            escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            params[key] = f"%{escaped}%"
    if flt.grid_id:
        clauses.append("e.grid_id = :grid_id")
        params["grid_id"] = flt.grid_id
    if flt.union_status:
        clauses.append("e.union_status = :union_status")
        params["union_status"] = flt.union_status
    if flt.min_headcount is not None:
        clauses.append("e.headcount >= :min_headcount")
        params["min_headcount"] = flt.min_headcount
    if flt.targets_only:
        clauses.append("e.headcount >= :target_threshold AND e.union_status != 'established'")
        params["target_threshold"] = flt.target_threshold
    return " AND ".join(clauses), params


SORTABLE = {
    "name": "e.name",
    "credit_code": "e.credit_code",
    "grid_name": "g.name",
    "headcount": "e.headcount",
    "union_status": "e.union_status",
    "member_count": "e.member_count",
    "address": "e.address",
    "last_visit": "last_visit",
}


def count(session: Session, flt: EnterpriseFilter) -> int:
    where, params = _where(flt)
    return int(session.exec(text(f"SELECT count(*) FROM enterprise e WHERE {where}"), params=params).one()[0])  # type: ignore[call-overload]


def page(
    session: Session,
    flt: EnterpriseFilter,
    offset: int,
    limit: int,
    sort: str = "name",
    descending: bool = False,
) -> list[dict[str, Any]]:
    where, params = _where(flt)
    order = SORTABLE.get(sort, "e.name")
    direction = "DESC" if descending else "ASC"
    sql = f"""
        SELECT e.id, e.name, e.credit_code, e.credit_code_status, g.name AS grid_name, e.headcount,
               e.union_status, e.member_count, e.address,
               (SELECT max(v.visit_date) FROM visit v
                 WHERE v.enterprise_id = e.id AND v.deleted = 0) AS last_visit
        FROM enterprise e LEFT JOIN grid g ON g.id = e.grid_id
        WHERE {where}
        ORDER BY {order} {direction}, e.rowid
        LIMIT :limit OFFSET :offset
    """
    params.update(limit=limit, offset=offset)
    rows = session.exec(text(sql), params=params).all()  # type: ignore[call-overload]
    return [dict(zip(LIST_COLUMNS, row, strict=True)) for row in rows]


def get(session: Session, enterprise_id: str) -> Enterprise | None:
    return session.get(Enterprise, enterprise_id)


def find_by_credit_code(session: Session, code: str) -> Enterprise | None:
    normalized = check_credit_code(code).code
    if not normalized:
        return None
    stmt = select(Enterprise).where(Enterprise.credit_code == normalized, Enterprise.deleted == False)  # noqa: E712
    return session.exec(stmt).first()


def _prepare(values: Mapping[str, Any]) -> dict[str, Any]:
    data = dict(values)
    if "credit_code" in data:
        check = check_credit_code(data.get("credit_code"))
        data["credit_code"] = check.code
        data["credit_code_status"] = check.status.value
    if "name" in data and isinstance(data["name"], str):
        data["name"] = data["name"].strip()
    problems = blocking(validate_enterprise(data))
    if problems:
        raise ValidationError(problems)
    return data


def create(session: Session, values: Mapping[str, Any], actor: str) -> Enterprise:
    data = _prepare(values)
    code = data.get("credit_code")
    if code and find_by_credit_code(session, code) is not None:
        raise ValidationError([Problem("credit_code", f"统一社会信用代码 {code} 已存在于另一企业档案")])
    return changes.insert(session, Enterprise(**data), actor)


def update(session: Session, enterprise: Enterprise, values: Mapping[str, Any], actor: str) -> Enterprise:
    merged = {name: getattr(enterprise, name) for name in Enterprise.data_fields()}
    merged.update(values)
    data = _prepare(merged)
    code = data.get("credit_code")
    if code and code != enterprise.credit_code:
        other = find_by_credit_code(session, code)
        if other is not None and other.id != enterprise.id:
                raise ValidationError([Problem("credit_code", f"统一社会信用代码 {code} 已存在于另一企业档案")])
    return changes.update(session, enterprise, {k: data[k] for k in values.keys() | {"credit_code_status"} if k in data}, actor)

"""The yearly running check: the office's list as data (shipped in resources/unions/, an office-edited
copy in the data folder's templates/ taking precedence, like the letter templates), each union's
answers with score and reasons, and the unions that slip."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from typing import Any

from sqlmodel import Session, col, select

from app.core import unions as rules
from app.core.problems import Problem, ValidationError
from app.store import changes
from app.store.tables.unions import UnionCheck, UnionOrg
from app.store.unions.checklist import CHECKLIST_FILE as CHECKLIST_FILE
from app.store.unions.checklist import checklist_path as checklist_path
from app.store.unions.checklist import load_items as load_items
from app.store.unions.checklist import office_copy as office_copy
from app.store.unions.checklist import shipped_checklist as shipped_checklist


def record_check(
    session: Session,
    union: UnionOrg,
    year: int,
    answers: Mapping[str, Any],
    items: list[rules.CheckItem],
    checked_on: dt.date,
    actor: str,
) -> UnionCheck:
    """One check per union and year: a second one for the same year replaces the answers."""
    if not 2000 <= year <= 2100:
        raise ValidationError([Problem("year", "体检年度应在2000年至2100年之间")])
    known = {i.code for i in items}
    clean = {k: v for k, v in answers.items() if k in known}
    result = rules.score_check(items, clean)
    values: dict[str, Any] = {
        "checked_on": checked_on,
        "answers": json.dumps(clean, ensure_ascii=False, sort_keys=True),
        "score": result.score,
        "max_score": result.max_score,
        "percent": result.percent,
        "reasons": json.dumps(result.reasons, ensure_ascii=False),
        "checked_by": actor,
    }
    existing = session.exec(
        select(UnionCheck).where(col(UnionCheck.union_id) == union.id, col(UnionCheck.year) == year, col(UnionCheck.deleted).is_(False))
    ).first()
    if existing is not None:
        row = changes.update(session, existing, values, actor)
    else:
        row = changes.insert(session, UnionCheck(union_id=union.id, grid_id=union.grid_id, year=year, **values), actor)
    latest = max(year, union.last_check_year or 0)
    if latest == year:
        changes.update(session, union, {"last_check_year": year, "last_check_percent": result.percent}, actor)
    return row


def checks_of(session: Session, union_id: str) -> list[UnionCheck]:
    stmt = (
        select(UnionCheck)
        .where(col(UnionCheck.union_id) == union_id, col(UnionCheck.deleted).is_(False))
        .order_by(col(UnionCheck.year).desc())
    )
    return list(session.exec(stmt).all())


def reasons_of(check: UnionCheck) -> list[str]:
    try:
        value = json.loads(check.reasons or "[]")
    except json.JSONDecodeError:
        return []
    return [str(v) for v in value] if isinstance(value, list) else []


def slipping(session: Session) -> list[tuple[UnionOrg, UnionCheck]]:
    """Unions whose latest check scored below the line, worst first."""
    stmt = (
        select(UnionOrg, UnionCheck)
        .join(UnionCheck, (col(UnionCheck.union_id) == col(UnionOrg.id)) & (col(UnionCheck.year) == col(UnionOrg.last_check_year)))
        .where(col(UnionOrg.deleted).is_(False), col(UnionCheck.deleted).is_(False), col(UnionCheck.percent) < rules.SLIPPING_PERCENT)
        .order_by(col(UnionCheck.percent), col(UnionOrg.name))
    )
    return [(u, c) for u, c in session.exec(stmt).all()]


def slipping_positions(session: Session) -> list[tuple[str, int, float, float]]:
    """(name, percent, lon, lat) of each slipping union: its own position, else the middle of the
    units it covers (a joint union has no address of its own). The heat map's union layer."""
    from sqlalchemy import text

    sql = """
        SELECT u.name, u.last_check_percent,
               COALESCE(u.longitude, avg(e.longitude)), COALESCE(u.latitude, avg(e.latitude))
        FROM union_org u
        LEFT JOIN union_unit c ON c.union_id = u.id AND c.deleted = 0
        LEFT JOIN enterprise e ON e.id = c.enterprise_id AND e.deleted = 0
        WHERE u.deleted = 0 AND u.last_check_percent < :slip
        GROUP BY u.id
    """
    rows = session.connection().execute(text(sql), {"slip": rules.SLIPPING_PERCENT})
    return [(str(n), int(p), float(lon), float(lat)) for n, p, lon, lat in rows if lon is not None and lat is not None]

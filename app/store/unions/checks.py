"""The yearly running check: the office's list as data (shipped in resources/unions/, an office-edited
copy in the data folder's templates/ taking precedence, like the letter templates), each union's
answers with score and reasons, and the unions that slip."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from sqlmodel import Session, col, select

from app.core import unions as rules
from app.core.problems import Problem, ValidationError
from app.resources import resources_dir
from app.store import changes
from app.store.tables.unions import UnionCheck, UnionOrg

CHECKLIST_FILE = "union_yearly_check.json"


def shipped_checklist() -> Path:
    return resources_dir() / "unions" / "yearly_check.json"


def checklist_path(data_dir: Path | None = None) -> Path:
    if data_dir is not None:
        edited = Path(data_dir) / "templates" / CHECKLIST_FILE
        if edited.is_file():
            return edited
    return shipped_checklist()


def office_copy(data_dir: Path) -> Path:
    """The office's editable copy, made from the shipped list on first use."""
    target = Path(data_dir) / "templates" / CHECKLIST_FILE
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(shipped_checklist(), target)
    return target


def load_items(data_dir: Path | None = None) -> list[rules.CheckItem]:
    path = checklist_path(data_dir)
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except json.JSONDecodeError as exc:
        raise rules.UnionRuleError(f"年度体检清单 {path.name} 第{exc.lineno}行第{exc.colno}列格式错误") from exc
    except OSError as exc:
        raise rules.UnionRuleError(f"无法读取年度体检清单 {path.name}") from exc
    try:
        return rules.parse_check_items(data)
    except rules.UnionRuleError as exc:
        raise rules.UnionRuleError(f"{path.name}：{exc}") from exc


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

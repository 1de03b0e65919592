"""The 三员 and their work: roles a person carries (several at once), work-log entries, and the
figures per person and per role (visits, distinct enterprises, problems raised and resolved)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import text
from sqlmodel import Session, col, select

from app.core.cases import rules
from app.core.problems import ValidationError, blocking
from app.store import changes
from app.store.tables import Inspector
from app.store.tables.cases import PersonRoleRow, WorkLog


def roles_of(session: Session, inspector_id: str) -> list[str]:
    stmt = select(PersonRoleRow.role).where(
        PersonRoleRow.inspector_id == inspector_id, PersonRoleRow.active == True, PersonRoleRow.deleted == False  # noqa: E712
    )
    return sorted(set(session.exec(stmt).all()), key=lambda r: list(rules.PersonRole).index(rules.PersonRole(r)))


def set_roles(session: Session, inspector_id: str, roles: list[str], actor: str, since: dt.date | None = None) -> None:
    """Makes the person's active roles exactly `roles`: new ones are added, dropped ones made inactive
    (kept, so past figures still name the role)."""
    wanted = {rules.PersonRole(r).value for r in roles}
    rows = session.exec(
        select(PersonRoleRow).where(PersonRoleRow.inspector_id == inspector_id, PersonRoleRow.deleted == False)  # noqa: E712
    ).all()
    have = {}
    for row in rows:
        have[row.role] = row
        should = row.role in wanted
        if row.active != should:
            changes.update(session, row, {"active": should}, actor)
    for role in sorted(wanted - set(have)):
        changes.insert(session, PersonRoleRow(inspector_id=inspector_id, role=role, since=since or dt.date.today()), actor)


def people_with_roles(session: Session) -> list[dict[str, Any]]:
    people = session.exec(select(Inspector).where(Inspector.deleted == False, Inspector.active == True)).all()  # noqa: E712
    rows = session.exec(select(PersonRoleRow).where(PersonRoleRow.deleted == False, PersonRoleRow.active == True)).all()  # noqa: E712
    by_person: dict[str, list[str]] = {}
    for row in rows:
        by_person.setdefault(row.inspector_id, []).append(row.role)
    order = list(rules.PersonRole)
    return [
        {
            "id": p.id,
            "name": p.name,
            "title": p.title,
            "roles": "、".join(rules.ROLE_LABELS[rules.PersonRole(r)] for r in sorted(set(by_person.get(p.id, [])), key=lambda r: order.index(rules.PersonRole(r)))),
        }
        for p in people
    ]


def mediators(session: Session) -> list[Inspector]:
    ids = session.exec(
        select(PersonRoleRow.inspector_id).where(
            PersonRoleRow.role == rules.PersonRole.MEDIATOR.value, PersonRoleRow.active == True, PersonRoleRow.deleted == False  # noqa: E712
        )
    ).all()
    if not ids:
        return []
    return list(session.exec(select(Inspector).where(col(Inspector.id).in_(ids)).order_by(col(Inspector.name))).all())


def add_log(session: Session, values: Mapping[str, Any], actor: str) -> WorkLog:
    data: dict[str, Any] = {k: (v.strip() if isinstance(v, str) else v) for k, v in values.items()}
    problems = blocking(rules.validate_work_log(data))
    if not data.get("grid_id"):
        from app.core.problems import Problem

        problems.append(Problem("grid_id", "请选择工作所在网格"))
    if problems:
        raise ValidationError(problems)
    return changes.insert(session, WorkLog(**data), actor)


def logs(session: Session, inspector_id: str | None = None, limit: int = 500) -> list[WorkLog]:
    stmt = select(WorkLog).where(WorkLog.deleted == False)  # noqa: E712
    if inspector_id:
        stmt = stmt.where(WorkLog.inspector_id == inspector_id)
    return list(session.exec(stmt.order_by(col(WorkLog.work_date).desc()).limit(limit)).all())


@dataclass(frozen=True)
class WorkFigures:
    key: str
    label: str
    entries: int
    visits: int
    enterprises: int
    problems_raised: int
    problems_resolved: int


def _period(start: dt.date | None, end: dt.date | None) -> tuple[str, dict[str, Any]]:
    clauses, params = ["w.deleted = 0"], {}
    if start:
        clauses.append("w.work_date >= :start")
        params["start"] = start.isoformat()
    if end:
        clauses.append("w.work_date <= :end")
        params["end"] = end.isoformat()
    return " AND ".join(clauses), params


_AGG = (
    "count(*), sum(w.kind = 'patrol'), count(DISTINCT w.enterprise_id), "
    "coalesce(sum(w.problems_raised), 0), coalesce(sum(w.problems_resolved), 0)"
)


def figures_per_person(session: Session, start: dt.date | None = None, end: dt.date | None = None) -> list[WorkFigures]:
    where, params = _period(start, end)
    rows = session.connection().execute(
        text(f"SELECT w.inspector_id, i.name, {_AGG} FROM work_log w JOIN inspector i ON i.id = w.inspector_id WHERE {where} GROUP BY w.inspector_id, i.name ORDER BY i.name"),
        params,
    ).all()
    return [WorkFigures(str(r[0]), str(r[1]), int(r[2]), int(r[3] or 0), int(r[4]), int(r[5]), int(r[6])) for r in rows]


def figures_per_role(session: Session, start: dt.date | None = None, end: dt.date | None = None) -> list[WorkFigures]:
    """Per role the work was logged in; an entry without a role counts under each role the person
    carries (a person's roles come from person_role)."""
    where, params = _period(start, end)
    sql = f"""
        SELECT roles.role, {_AGG}
        FROM work_log w
        JOIN (
            SELECT w2.id AS log_id, w2.role AS role FROM work_log w2 WHERE w2.role <> ''
            UNION
            SELECT w3.id, r.role FROM work_log w3 JOIN person_role r
              ON r.inspector_id = w3.inspector_id AND r.active = 1 AND r.deleted = 0 WHERE w3.role = ''
        ) roles ON roles.log_id = w.id
        WHERE {where} GROUP BY roles.role
    """
    rows = session.connection().execute(text(sql), params).all()
    order = {r.value: i for i, r in enumerate(rules.PersonRole)}
    out = [
        WorkFigures(str(r[0]), rules.ROLE_LABELS.get(rules.PersonRole(r[0]), str(r[0])) if r[0] in order else str(r[0]),
                    int(r[1]), int(r[2] or 0), int(r[3]), int(r[4]), int(r[5]))
        for r in rows
    ]
    return sorted(out, key=lambda f: order.get(f.key, 99))

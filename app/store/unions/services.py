"""Service requests (走访即服务, followed up): every service ticked on a visit becomes a request with a
kind from the office's editable list, a provider, a due date, a status and an outcome."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import text
from sqlmodel import Session, col, select

from app.core import unions as rules
from app.core.problems import Problem, ValidationError
from app.store import changes
from app.store.tables import Enterprise, Visit
from app.store.tables.unions import ServiceKind, ServiceRequest


def ensure_kinds(session: Session, actor: str) -> int:
    """Seeds the default kinds once (an office that deleted one keeps it deleted)."""
    known = {str(r[0]) for r in session.connection().execute(text("SELECT code FROM service_kind"))}
    made = 0
    for order, (code, label, days) in enumerate(rules.DEFAULT_SERVICE_KINDS):
        if code not in known:
            changes.insert(session, ServiceKind(code=code, label=label, due_days=days, sort_order=order * 10), actor)
            made += 1
    return made


def save_kind(session: Session, code: str, label: str, due_days: int, active: bool, actor: str) -> ServiceKind:
    """Adds a kind or edits the one with this code (the office's list for everybody)."""
    code, label = code.strip(), label.strip()
    if not code or not label:
        raise ValidationError([Problem("label", "服务类型的代码和名称都不能为空")])
    if not 1 <= due_days <= 365:
        raise ValidationError([Problem("due_days", "办理时限应在1到365天之间")])
    existing = next((k for k in kinds(session, active_only=False) if k.code == code), None)
    if existing is not None:
        return changes.update(session, existing, {"label": label, "due_days": due_days, "active": active}, actor)
    order = max((k.sort_order for k in kinds(session, active_only=False)), default=0) + 10
    return changes.insert(session, ServiceKind(code=code, label=label, due_days=due_days, active=active, sort_order=order), actor)


def kinds(session: Session, *, active_only: bool = True) -> list[ServiceKind]:
    stmt = select(ServiceKind).where(col(ServiceKind.deleted).is_(False))
    if active_only:
        stmt = stmt.where(col(ServiceKind.active).is_(True))
    return list(session.exec(stmt.order_by(col(ServiceKind.sort_order), col(ServiceKind.code))).all())


def kind_labels(session: Session) -> dict[str, str]:
    labels = {code: label for code, label, _days in rules.DEFAULT_SERVICE_KINDS}
    labels.update({k.code: k.label for k in kinds(session, active_only=False)})
    return labels


def _due_days(session: Session, kind: str) -> int:
    for k in kinds(session, active_only=False):
        if k.code == kind:
            return k.due_days
    return 15


def create_request(session: Session, values: Mapping[str, Any], actor: str) -> ServiceRequest:
    data = dict(values)
    enterprise = session.get(Enterprise, data.get("enterprise_id"))
    if enterprise is None:
        raise ValidationError([Problem("enterprise_id", "服务请求须对应一家企业")])
    if not data.get("kind"):
        raise ValidationError([Problem("kind", "请选择服务类型")])
    if data.get("provider", "office") not in rules.PROVIDERS:
        raise ValidationError([Problem("provider", f"未知的服务提供方“{data.get('provider')}”")])
    data.setdefault("grid_id", enterprise.grid_id)
    data.setdefault("requested_on", dt.date.today())
    if data.get("due_date") is None:
        data["due_date"] = data["requested_on"] + dt.timedelta(days=_due_days(session, str(data["kind"])))
    return changes.insert(session, ServiceRequest(**data), actor)


def from_visit(session: Session, visit: Visit, actor: str) -> list[ServiceRequest]:
    """One request per service ticked on a submitted visit; running it again adds only what is
    missing, so it can follow every save of the visit."""
    if visit.status != "submitted" or visit.deleted:
        return []
    try:
        answers = json.loads(visit.answers or "{}")
    except json.JSONDecodeError:
        return []
    ticked = answers.get("services_given") or []
    if not isinstance(ticked, list):
        return []
    have = {
        r.kind
        for r in session.exec(
            select(ServiceRequest).where(col(ServiceRequest.visit_id) == visit.id, col(ServiceRequest.deleted).is_(False))
        ).all()
    }
    made = []
    detail = str(answers.get("service_detail") or "")
    for option in ticked:
        kind = rules.VISIT_SERVICE_KINDS.get(str(option), "other")
        if kind in have:
            continue
        have.add(kind)
        made.append(
            create_request(
                session,
                {
                    "enterprise_id": visit.enterprise_id,
                    "grid_id": visit.grid_id,
                    "visit_id": visit.id,
                    "kind": kind,
                    "requested_on": visit.visit_date,
                    "requester_name": str(answers.get("met_person") or "")[:50],
                    "detail": f"{option}：{detail}" if detail else str(option),
                },
                actor,
            )
        )
    return made


def from_all_visits(session: Session, actor: str) -> int:
    """Catches up visits submitted on other devices or before this feature (idempotent), in one batch:
    the same requests `from_visit` would open, written with `insert_many`."""
    sql = """
        SELECT v.id, v.enterprise_id, v.grid_id, v.visit_date, v.answers FROM visit v
        WHERE v.deleted = 0 AND v.status = 'submitted' AND v.answers LIKE '%services_given%'
          AND NOT EXISTS (SELECT 1 FROM service_request s WHERE s.visit_id = v.id)
    """
    days = {code: d for code, _label, d in rules.DEFAULT_SERVICE_KINDS}
    days.update({k.code: k.due_days for k in kinds(session, active_only=False)})
    rows: list[dict[str, Any]] = []
    for visit_id, enterprise_id, grid_id, visit_date, answers_json in list(session.connection().execute(text(sql))):
        try:
            answers = json.loads(answers_json or "{}")
        except json.JSONDecodeError:
            continue
        ticked = answers.get("services_given") or []
        if not isinstance(ticked, list):
            continue
        day = visit_date if isinstance(visit_date, dt.date) else dt.date.fromisoformat(str(visit_date)[:10])
        detail = str(answers.get("service_detail") or "")
        seen: set[str] = set()
        for option in ticked:
            kind = rules.VISIT_SERVICE_KINDS.get(str(option), "other")
            if kind in seen:
                continue
            seen.add(kind)
            rows.append(
                {
                    "enterprise_id": enterprise_id,
                    "grid_id": grid_id,
                    "visit_id": visit_id,
                    "kind": kind,
                    "requested_on": day,
                    "requester_name": str(answers.get("met_person") or "")[:50],
                    "detail": f"{option}：{detail}" if detail else str(option),
                    "due_date": day + dt.timedelta(days=days.get(kind, 15)),
                }
            )
    changes.insert_many(session, ServiceRequest, rows, actor)
    return len(rows)


def set_status(
    session: Session, request: ServiceRequest, status: str, outcome: str, actor: str, *, on: dt.date | None = None, **extra: Any
) -> ServiceRequest:
    problem = rules.service_transition_problem(request.status, status, outcome)
    if problem:
        raise ValidationError([Problem("status", problem)])
    values: dict[str, Any] = {"status": status, "outcome": outcome, **extra}
    values["done_on"] = (on or dt.date.today()) if status not in rules.OPEN_SERVICE_STATUSES else None
    return changes.update(session, request, values, actor)


def for_enterprise(session: Session, enterprise_id: str) -> list[ServiceRequest]:
    stmt = (
        select(ServiceRequest)
        .where(col(ServiceRequest.enterprise_id) == enterprise_id, col(ServiceRequest.deleted).is_(False))
        .order_by(col(ServiceRequest.requested_on).desc())
    )
    return list(session.exec(stmt).all())


LIST_COLUMNS = ("id", "requested_on", "enterprise_name", "kind", "provider", "provider_detail", "due_date", "status", "outcome", "grid_name")


@dataclass
class ServiceFilter:
    query: str = ""
    grid_id: str | None = None
    kind: str | None = None
    status: str | None = None
    overdue_only: bool = False
    today: dt.date | None = None


def _where(flt: ServiceFilter) -> tuple[str, dict[str, Any]]:
    clauses = ["s.deleted = 0"]
    params: dict[str, Any] = {}
    if flt.query.strip():
        clauses.append("s.enterprise_id IN (SELECT id FROM enterprise WHERE name LIKE :q ESCAPE '\\')")
        term = flt.query.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        params["q"] = f"%{term}%"
    if flt.grid_id:
        clauses.append("s.grid_id = :grid_id")
        params["grid_id"] = flt.grid_id
    if flt.kind:
        clauses.append("s.kind = :kind")
        params["kind"] = flt.kind
    if flt.status:
        clauses.append("s.status = :status")
        params["status"] = flt.status
    if flt.overdue_only:
        # worded as the partial index ix_service_request_open_due is, so SQLite uses it
        clauses.append("s.status IN ('open', 'in_progress') AND s.due_date < :today")
        params["today"] = (flt.today or dt.date.today()).isoformat()
    return " AND ".join(clauses), params


def _source(flt: ServiceFilter) -> str:
    """The overdue list names its partial index: without statistics SQLite prefers the one-column
    `deleted` index and sorts every open request (4x slower at 50,000 requests)."""
    if flt.overdue_only:
        return "service_request s INDEXED BY ix_service_request_open_due"
    return "service_request s"


def count(session: Session, flt: ServiceFilter) -> int:
    where, params = _where(flt)
    return int(session.connection().execute(text(f"SELECT count(*) FROM {_source(flt)} WHERE {where}"), params).scalar_one())


def page(session: Session, flt: ServiceFilter, offset: int, limit: int) -> list[dict[str, Any]]:
    where, params = _where(flt)
    order = "s.due_date, s.rowid" if flt.overdue_only else "s.requested_on DESC, s.rowid DESC"
    sql = f"""
        WITH pick AS (
            SELECT s.rowid AS rid FROM {_source(flt)} WHERE {where}
            ORDER BY {order} LIMIT :limit OFFSET :offset
        )
        SELECT s.id, s.requested_on, e.name, s.kind, s.provider, s.provider_detail, s.due_date, s.status, s.outcome, g.name
        FROM pick JOIN service_request s ON s.rowid = pick.rid
        LEFT JOIN enterprise e ON e.id = s.enterprise_id LEFT JOIN grid g ON g.id = s.grid_id
        ORDER BY {order}
    """
    params.update(limit=limit, offset=offset)
    return [dict(zip(LIST_COLUMNS, r, strict=True)) for r in session.connection().execute(text(sql), params)]

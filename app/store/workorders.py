"""12351 work orders: intake, the actions that move an order along (each one an event row), the list
query behind the work-order page, and the deadline settings."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import text
from sqlmodel import Session, col, select

from app.core import workorders as rules
from app.core.problems import Problem, ValidationError, blocking
from app.store import changes, local_state, matters
from app.store.tables.workorders import WorkOrder, WorkOrderEvent

DEADLINE_KEY = "workorder_deadline_days_{level}"


def deadlines(session: Session) -> dict[str, int]:
    return {
        level.value: local_state.get_int(session, DEADLINE_KEY.format(level=level.value), days)
        for level, days in rules.DEFAULT_DEADLINE_DAYS.items()
    }


def set_deadlines(session: Session, days: Mapping[str, int]) -> None:
    for level, value in days.items():
        rules.Level(level)
        if not 1 <= int(value) <= 365:
            raise ValidationError([Problem("level", f"办理时限应在1到365个工作日之间，而不是 {value}")])
        local_state.put(session, DEADLINE_KEY.format(level=level), str(int(value)))


def due_for(session: Session, received: dt.date, level: str) -> dt.date:
    """The due date on the office's calendar: the holidays and weekend working days kept with the
    letter and matter deadlines (one calendar for the whole office)."""
    calendar = matters.deadline_rules(session)
    return rules.due_date(received, level, deadlines(session), calendar.holidays, calendar.workdays)


def _now() -> dt.datetime:
    return dt.datetime.now().replace(microsecond=0)


def _event(
    session: Session,
    order: WorkOrder,
    action: str,
    from_status: str,
    actor: str,
    note: str = "",
    at: dt.datetime | None = None,
) -> WorkOrderEvent:
    return changes.insert(
        session,
        WorkOrderEvent(
            work_order_id=order.id,
            at=at or _now(),
            actor=actor,
            action=action,
            from_status=from_status,
            to_status=order.status,
            grid_id=order.grid_id,
            note=note,
        ),
        actor,
    )


def number_taken(session: Session, number: str) -> bool:
    stmt = select(WorkOrder.id).where(WorkOrder.number == number, WorkOrder.deleted == False)  # noqa: E712
    return session.exec(stmt).first() is not None


def next_local_number(session: Session, when: dt.date | None = None) -> str:
    """A number for an order taken down by hand when the platform's number is not at hand."""
    day = (when or dt.date.today()).strftime("%Y%m%d")
    prefix = f"BD{day}"
    taken = session.exec(select(WorkOrder.number).where(col(WorkOrder.number).startswith(prefix))).all()
    used = {int(n[len(prefix):]) for n in taken if n[len(prefix):].isdigit()}
    return f"{prefix}{(max(used) + 1) if used else 1:03d}"


def prepare(session: Session, values: Mapping[str, Any]) -> dict[str, Any]:
    """Validates and completes an order's fields (due date from the level); raises ValidationError."""
    data = {k: (v.strip() if isinstance(v, str) else v) for k, v in values.items()}
    data.setdefault("level", rules.Level.ORDINARY.value)
    data.setdefault("received_at", _now())
    problems = blocking(rules.validate_work_order(data))
    if data.get("number") and number_taken(session, str(data["number"])):
        problems.append(Problem("number", f"工单编号 {data['number']} 已存在"))
    if problems:
        raise ValidationError(problems)
    received = data["received_at"]
    if not isinstance(received, dt.datetime):
        raise ValidationError([Problem("received_at", "受理时间无法识别")])
    data["due_date"] = due_for(session, received.date(), data["level"])
    return data


def create(session: Session, values: Mapping[str, Any], actor: str) -> WorkOrder:
    data = prepare(session, values)
    data["status"] = rules.Status.RECEIVED.value
    order = changes.insert(session, WorkOrder(**data), actor)
    _event(session, order, "intake", "", actor, at=order.received_at)
    return order


def get(session: Session, order_id: str) -> WorkOrder | None:
    return session.get(WorkOrder, order_id)


def set_level(session: Session, order: WorkOrder, level: str, actor: str) -> WorkOrder:
    new_due = due_for(session, order.received_at.date(), level)
    return changes.update(session, order, {"level": rules.Level(level).value, "due_date": new_due}, actor)


def apply_action(
    session: Session,
    order: WorkOrder,
    action: str,
    actor: str,
    *,
    grid_id: str | None = None,
    reply: str = "",
    callback_result: str = "",
    satisfaction: str = "",
    note: str = "",
    at: dt.datetime | None = None,
) -> WorkOrder:
    """Moves the order one step; raises TransitionError (wrong status) or ValidationError (missing
    grid, reply or call-back result)."""
    act = rules.Action(action)
    target = rules.next_status(order.status, act)
    when = at or _now()
    patch: dict[str, Any] = {"status": target.value}
    if act is rules.Action.DISPATCH:
        if not grid_id:
            raise ValidationError([Problem("grid_id", "派单时须选择网格")])
        patch.update(grid_id=grid_id, dispatched_at=when)
    elif act is rules.Action.REPLY:
        if not reply.strip():
            raise ValidationError([Problem("reply", "答复内容不能为空")])
        patch.update(reply=reply.strip(), replied_at=when)
    elif act is rules.Action.CALL_BACK:
        if not callback_result.strip():
            raise ValidationError([Problem("callback_result", "请填写回访情况")])
        if satisfaction not in {s.value for s in rules.Satisfaction}:
            raise ValidationError([Problem("satisfaction", "请选择满意度：满意、基本满意或不满意")])
        patch.update(callback_result=callback_result.strip(), satisfaction=satisfaction, called_back_at=when)
    elif act is rules.Action.CLOSE:
        patch.update(closed_at=when)
    elif act is rules.Action.REOPEN:
        patch.update(replied_at=None, called_back_at=None)
    before = order.status
    changes.update(session, order, patch, actor)
    _event(session, order, act.value, before, actor, note=note.strip(), at=when)
    return order


def events(session: Session, order_id: str) -> list[WorkOrderEvent]:
    stmt = (
        select(WorkOrderEvent)
        .where(WorkOrderEvent.work_order_id == order_id, WorkOrderEvent.deleted == False)  # noqa: E712
        .order_by(col(WorkOrderEvent.at), col(WorkOrderEvent.id))
    )
    return list(session.exec(stmt).all())


def convert_to_matter(session: Session, order: WorkOrder, category: str, facts: str, actor: str) -> str:
    """“转为监督事项”: a matter from this order, linked both ways; returns the matter's id."""
    if order.matter_id:
        raise ValidationError([Problem("matter_id", f"工单 {order.number} 已转为监督事项")])
    if not order.enterprise_id:
        raise ValidationError([Problem("enterprise_id", "请先为工单关联企业档案，再转为监督事项")])
    matter = matters.create_matter(
        session,
        enterprise_id=order.enterprise_id,
        source="hotline",
        source_ref=order.id,
        category=category,
        facts=facts,
        actor=actor,
    )
    matter_id = matter.id
    changes.update(session, order, {"matter_id": matter_id}, actor)
    _event(session, order, "to_matter", order.status, actor, note=matter_id)
    return matter_id


def link_enterprise(session: Session, order: WorkOrder, enterprise_id: str | None, actor: str) -> WorkOrder:
    return changes.update(session, order, {"enterprise_id": enterprise_id}, actor)


# --- the list behind the page -------------------------------------------------------------------

LIST_COLUMNS = (
    "id",
    "number",
    "received_at",
    "caller_name",
    "caller_phone",
    "enterprise_name",
    "category",
    "topic",
    "level",
    "due_date",
    "grid_name",
    "status",
    "replied_at",
    "satisfaction",
    "matter_id",
    "overdue",
)

OVERDUE_SQL = (
    "((w.status IN ('received', 'dispatched', 'handling') AND w.due_date < :today) "
    "OR (w.replied_at IS NOT NULL AND date(w.replied_at) > w.due_date))"
)


@dataclass
class WorkOrderFilter:
    query: str = ""
    status: str | None = None
    grid_id: str | None = None
    overdue_only: bool = False
    enterprise_id: str | None = None
    today: dt.date | None = None


def _where(flt: WorkOrderFilter) -> tuple[str, dict[str, Any]]:
    clauses = ["w.deleted = 0"]
    params: dict[str, Any] = {"today": (flt.today or dt.date.today()).isoformat()}
    if flt.query.strip():
        clauses.append(
            "(w.number LIKE :q ESCAPE '\\' OR w.enterprise_name LIKE :q ESCAPE '\\' "
            "OR w.topic LIKE :q ESCAPE '\\' OR e.name LIKE :q ESCAPE '\\')"
        )
        term = flt.query.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        params["q"] = f"%{term}%"
    if flt.status:
        clauses.append("w.status = :status")
        params["status"] = flt.status
    if flt.grid_id:
        clauses.append("w.grid_id = :grid_id")
        params["grid_id"] = flt.grid_id
    if flt.enterprise_id:
        clauses.append("w.enterprise_id = :enterprise_id")
        params["enterprise_id"] = flt.enterprise_id
    if flt.overdue_only:
        clauses.append(OVERDUE_SQL)
    return " AND ".join(clauses), params


_FROM = "FROM work_order w LEFT JOIN grid g ON g.id = w.grid_id LEFT JOIN enterprise e ON e.id = w.enterprise_id"


def count(session: Session, flt: WorkOrderFilter) -> int:
    where, params = _where(flt)
    return int(session.connection().execute(text(f"SELECT count(*) {_FROM} WHERE {where}"), params).scalar_one())


def page(session: Session, flt: WorkOrderFilter, offset: int, limit: int) -> list[dict[str, Any]]:
    where, params = _where(flt)
    params.update(limit=limit, offset=offset)
    sql = f"""
        SELECT w.id, w.number, w.received_at, w.caller_name, w.caller_phone,
               COALESCE(e.name, w.enterprise_name), w.category, w.topic, w.level, w.due_date,
               g.name, w.status, w.replied_at, w.satisfaction, w.matter_id, {OVERDUE_SQL}
        {_FROM} WHERE {where}
        ORDER BY w.received_at DESC, w.rowid DESC
        LIMIT :limit OFFSET :offset
    """
    rows = session.connection().execute(text(sql), params).all()
    return [dict(zip(LIST_COLUMNS, row, strict=True)) for row in rows]


def counts_by_status(session: Session) -> dict[str, int]:
    rows = session.connection().execute(
        text("SELECT status, count(*) FROM work_order WHERE deleted = 0 GROUP BY status")
    ).all()
    return {str(r[0]): int(r[1]) for r in rows}

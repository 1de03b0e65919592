"""Joint enforcement (移送/联动): the departments list (district-wide data the office edits), referrals
of a matter, case, 12351 order or 建议书 to a department with a due date, and the department's answer
and result kept as fields of the record."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy import text
from sqlmodel import Session, col, select

from app.core import workorders as order_rules
from app.core.cases import rules
from app.core.problems import Problem, ValidationError
from app.store import changes, workorders
from app.store.tables.cases import Department, LegalCase, Referral
from app.store.tables.matters import Letter, Matter
from app.store.tables.workorders import WorkOrder, WorkOrderEvent

DEFAULT_DUE_DAYS = 15


def departments(session: Session, active_only: bool = True) -> list[Department]:
    stmt = select(Department).where(Department.deleted == False)  # noqa: E712
    if active_only:
        stmt = stmt.where(Department.active == True)  # noqa: E712
    return list(session.exec(stmt.order_by(col(Department.sort_order), col(Department.code))).all())


DEPARTMENT_NAMESPACE = uuid.UUID("6f1d3c2e-13ca-4e5b-9d2f-0d3e5a7b9c11")


def default_department_id(code: str) -> str:
    """The same id on every installation, so two offices seeding the starting list make one row each."""
    return str(uuid.uuid5(DEPARTMENT_NAMESPACE, f"department:{code}"))


def ensure_default_departments(session: Session, actor: str) -> int:
    """Seeds the starting list once (an empty table); the office edits it afterwards."""
    if session.exec(select(Department.id)).first() is not None:
        return 0
    for i, (code, name) in enumerate(rules.DEFAULT_DEPARTMENTS):
        changes.insert(session, Department(id=default_department_id(code), code=code, name=name, sort_order=i), actor)
    return len(rules.DEFAULT_DEPARTMENTS)


def save_department(session: Session, actor: str, *, name: str, code: str, department_id: str | None = None, active: bool = True) -> Department:
    name, code = name.strip(), code.strip().upper()
    if not name or not code:
        raise ValidationError([Problem("name", "部门名称和简称代码都不能为空")])
    clash = session.exec(select(Department).where(Department.code == code, Department.deleted == False)).first()  # noqa: E712
    if clash is not None and clash.id != department_id:
        raise ValidationError([Problem("code", f"部门代码 {code} 已被“{clash.name}”使用")])
    if department_id:
        row = session.get(Department, department_id)
        if row is None:
            raise ValidationError([Problem("department_id", "找不到该部门")])
        return changes.update(session, row, {"name": name, "code": code, "active": active}, actor)
    count = len(departments(session, active_only=False))
    return changes.insert(session, Department(code=code, name=name, active=active, sort_order=count), actor)


def _source(session: Session, source_table: str, source_id: str) -> tuple[str | None, str | None, str]:
    """(grid, enterprise, subject) of what is referred."""
    kind = rules.ReferralSource(source_table)
    if kind is rules.ReferralSource.MATTER:
        m = session.get(Matter, source_id)
        if m is not None and not m.deleted:
            return m.grid_id, m.enterprise_id, m.title
    elif kind is rules.ReferralSource.CASE:
        c = session.get(LegalCase, source_id)
        if c is not None and not c.deleted:
            return c.grid_id, c.enterprise_id, f"案件 {c.number} {c.employer_name}"
    elif kind is rules.ReferralSource.WORK_ORDER:
        o = session.get(WorkOrder, source_id)
        if o is not None and not o.deleted:
            return o.grid_id, o.enterprise_id, f"12351工单 {o.number} {o.topic}"
    elif kind is rules.ReferralSource.LETTER:
        le = session.get(Letter, source_id)
        if le is not None and not le.deleted:
            return le.grid_id, le.enterprise_id, f"{le.title} {le.number}"
    raise ValidationError([Problem("source_id", f"找不到要移送的{rules.SOURCE_LABELS[kind]}")])


def refer(
    session: Session,
    *,
    source_table: str,
    source_id: str,
    department_id: str,
    actor: str,
    sent_on: dt.date | None = None,
    due_on: dt.date | None = None,
    subject: str = "",
    detail_note: str = "",
    grid_id: str | None = None,
) -> Referral:
    dept = session.get(Department, department_id)
    if dept is None or dept.deleted:
        raise ValidationError([Problem("department_id", "请选择接收移送的部门")])
    src_grid, enterprise_id, src_subject = _source(session, source_table, source_id)
    day = sent_on or dt.date.today()
    due = due_on or day + dt.timedelta(days=DEFAULT_DUE_DAYS)
    if due < day:
        raise ValidationError([Problem("due_on", "办理期限不能早于移送日期")])
    return changes.insert(
        session,
        Referral(
            grid_id=src_grid or grid_id,
            source_table=source_table,
            source_id=source_id,
            department_id=dept.id,
            enterprise_id=enterprise_id,
            subject=(subject.strip() or src_subject)[:200],
            detail_note=detail_note.strip(),
            sent_on=day,
            due_on=due,
            status=rules.ReferralStatus.SENT.value,
            sent_by=actor,
        ),
        actor,
    )


def get(session: Session, referral_id: str) -> Referral:
    row = session.get(Referral, referral_id)
    if row is None or row.deleted:
        raise ValidationError([Problem("referral_id", "找不到该移送记录")])
    return row


def record_answer(
    session: Session, referral_id: str, *, answered_on: dt.date, answer_note: str, result: str, actor: str
) -> Referral:
    row = get(session, referral_id)
    target = rules.next_referral_status(row.status, "answer")
    if not answer_note.strip():
        raise ValidationError([Problem("answer_note", "请填写部门答复的内容")])
    if answered_on < row.sent_on:
        raise ValidationError([Problem("answered_on", "答复日期不能早于移送日期")])
    return changes.update(
        session,
        row,
        {"status": target.value, "answered_on": answered_on, "answer_note": answer_note.strip(), "result": result.strip()[:32]},
        actor,
    )


def close(session: Session, referral_id: str, actor: str, on: dt.date | None = None) -> Referral:
    row = get(session, referral_id)
    target = rules.next_referral_status(row.status, "close")
    return changes.update(session, row, {"status": target.value, "closed_on": on or dt.date.today()}, actor)


def withdraw(session: Session, referral_id: str, actor: str) -> Referral:
    row = get(session, referral_id)
    target = rules.next_referral_status(row.status, "withdraw")
    return changes.update(session, row, {"status": target.value}, actor)


def for_source(session: Session, source_table: str, source_id: str) -> list[Referral]:
    stmt = select(Referral).where(
        Referral.source_table == source_table, Referral.source_id == source_id, Referral.deleted == False  # noqa: E712
    )
    return list(session.exec(stmt.order_by(col(Referral.sent_on))).all())


def record_advice_answer(
    session: Session, letter_id: str, department_id: str, *, answered_on: dt.date, answer_note: str, result: str, actor: str
) -> Referral:
    """A department's answer to a 建议书, as a record: the referral the 建议书 made (created here when
    it was not registered yet) with the answer filled in."""
    letter = session.get(Letter, letter_id)
    if letter is None or letter.kind != "advice":
        raise ValidationError([Problem("letter_id", "只有建议书才有部门答复")])
    existing = [r for r in for_source(session, rules.ReferralSource.LETTER.value, letter_id) if r.department_id == department_id]
    row = existing[0] if existing else refer(
        session,
        source_table=rules.ReferralSource.LETTER.value,
        source_id=letter_id,
        department_id=department_id,
        sent_on=letter.issued_on or answered_on,
        due_on=max(letter.issued_on or answered_on, answered_on),
        actor=actor,
    )
    return record_answer(session, row.id, answered_on=answered_on, answer_note=answer_note, result=result, actor=actor)


def dispatch_order_to_department(
    session: Session, order_id: str, department_id: str, actor: str, *, due_on: dt.date | None = None, note: str = ""
) -> Referral:
    """A 12351 order sent to a department rather than a grid: the order moves to 已派单 through its own
    rules (the history says to which department), and the referral keeps the department's answer."""
    order = workorders.get(session, order_id)
    if order is None or order.deleted:
        raise ValidationError([Problem("work_order_id", "找不到该工单")])
    dept = session.get(Department, department_id)
    if dept is None or dept.deleted:
        raise ValidationError([Problem("department_id", "请选择接收工单的部门")])
    target = order_rules.next_status(order.status, order_rules.Action.DISPATCH.value)
    before = order.status
    changes.update(session, order, {"status": target.value, "dispatched_at": dt.datetime.now().replace(microsecond=0)}, actor)
    changes.insert(
        session,
        WorkOrderEvent(
            work_order_id=order.id,
            at=dt.datetime.now().replace(microsecond=0),
            actor=actor,
            action=order_rules.Action.DISPATCH.value,
            from_status=before,
            to_status=order.status,
            grid_id=order.grid_id,
            note=f"派往{dept.name}",
        ),
        actor,
    )
    return refer(
        session,
        source_table=rules.ReferralSource.WORK_ORDER.value,
        source_id=order.id,
        department_id=dept.id,
        due_on=due_on or (order.due_date if order.due_date and order.due_date >= dt.date.today() else None),
        detail_note=note,
        actor=actor,
    )


def find_source(db: Any, source_table: str, wanted: str) -> str | None:
    """The id of a 12351 order or 建议书 by its number, or of an open matter by its title (exact,
    else the one containing the text)."""
    sql = {
        "work_order": "SELECT id FROM work_order WHERE deleted = 0 AND number = :w",
        "letter": "SELECT id FROM letter WHERE deleted = 0 AND kind = 'advice' AND number = :w",
        "matter": "SELECT id FROM matter WHERE deleted = 0 AND (title = :w OR title LIKE :like) ORDER BY title = :w DESC, opened_on DESC",
        "legal_case": "SELECT id FROM legal_case WHERE deleted = 0 AND number = :w",
    }[rules.ReferralSource(source_table).value]
    with db.read() as session:
        row = session.connection().execute(text(sql), {"w": wanted, "like": f"%{wanted}%"}).first()
    return str(row[0]) if row else None


# --- the list behind the page -------------------------------------------------------------------

LIST_COLUMNS = ("id", "sent_on", "department", "source_table", "subject", "due_on", "status", "answered_on", "result", "overdue")


@dataclass
class ReferralFilter:
    status: str | None = None
    department_id: str | None = None
    overdue_only: bool = False
    today: dt.date | None = None


def _where(flt: ReferralFilter) -> tuple[str, dict[str, Any]]:
    clauses = ["r.deleted = 0"]
    params: dict[str, Any] = {"today": (flt.today or dt.date.today()).isoformat()}
    if flt.status:
        clauses.append("r.status = :status")
        params["status"] = flt.status
    if flt.department_id:
        clauses.append("r.department_id = :dept")
        params["dept"] = flt.department_id
    if flt.overdue_only:
        clauses.append("r.status = 'sent' AND r.due_on < :today")
    return " AND ".join(clauses), params


def count(session: Session, flt: ReferralFilter) -> int:
    where, params = _where(flt)
    return int(session.connection().execute(text(f"SELECT count(*) FROM referral r WHERE {where}"), params).scalar_one())


def page(session: Session, flt: ReferralFilter, offset: int, limit: int) -> list[dict[str, Any]]:
    where, params = _where(flt)
    params.update(limit=limit, offset=offset)
    sql = f"""
        SELECT r.id, r.sent_on, d.name, r.source_table, r.subject, r.due_on, r.status, r.answered_on, r.result,
               (r.status = 'sent' AND r.due_on < :today)
        FROM referral r LEFT JOIN department d ON d.id = r.department_id
        WHERE {where} ORDER BY r.sent_on DESC, r.rowid DESC LIMIT :limit OFFSET :offset
    """
    return [dict(zip(LIST_COLUMNS, row, strict=True)) for row in session.connection().execute(text(sql), params).all()]

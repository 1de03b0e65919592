"""The case register (案件登记): cases with their parties and steps, walk-in receptions that turn into
a case or a matter, and the paged list behind the cases page. Party data is stored as typed and
masked wherever a list shows it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import text
from sqlmodel import Session, col, select

from app.core.cases import rules
from app.core.problems import Problem, ValidationError, blocking
from app.store import changes, letter_numbers, matters
from app.store.tables import Enterprise, Grid
from app.store.tables.cases import CaseParty, CaseStep, LegalCase, Reception

UNKNOWN_EMPLOYER = "（单位待核实）"
KIND_PREFIX = {rules.CaseKind.MEDIATION: "TJ", rules.CaseKind.LEGAL_AID: "FY", rules.CaseKind.GOVERNANCE: "ZZ"}


@dataclass(frozen=True)
class PartyInput:
    person_name: str
    id_number: str = ""
    phone: str = ""
    role: str = rules.PartyRole.WORKER.value


def next_number(session: Session, kind: str, year: int) -> str:
    """TJ2026-AB12-001: kind, year, this device's tag and a running count, so two laptops offline never
    make the same case number."""
    prefix = f"{KIND_PREFIX[rules.CaseKind(kind)]}{year}-{letter_numbers.this_device_tag(session)}-"
    taken = session.exec(select(LegalCase.number).where(col(LegalCase.number).startswith(prefix))).all()
    used = [int(n[len(prefix):]) for n in taken if n[len(prefix):].isdigit()]
    return f"{prefix}{(max(used) + 1) if used else 1:03d}"


def _grid_for(session: Session, values: Mapping[str, Any]) -> str | None:
    if values.get("grid_id"):
        return str(values["grid_id"])
    if values.get("enterprise_id"):
        firm = session.get(Enterprise, str(values["enterprise_id"]))
        if firm is not None:
            return firm.grid_id
    return None


def prepare_case(session: Session, values: Mapping[str, Any]) -> dict[str, Any]:
    """Validates a new case's fields; the grid follows the enterprise when none is given."""
    data: dict[str, Any] = {k: (v.strip() if isinstance(v, str) else v) for k, v in values.items()}
    data["grid_id"] = _grid_for(session, data)
    data.setdefault("received_on", dt.date.today())
    problems = blocking(rules.validate_case(data))
    if data.get("enterprise_id"):
        firm = session.get(Enterprise, str(data["enterprise_id"]))
        if firm is None or firm.deleted:
            problems.append(Problem("enterprise_id", "所选企业已不在企业档案中"))
        elif not data.get("employer_name"):
            data["employer_name"] = firm.name
    if data.get("grid_id") and session.get(Grid, str(data["grid_id"])) is None:
        problems.append(Problem("grid_id", "所选网格不存在"))
    if problems:
        raise ValidationError(problems)
    return data


def create_case(
    session: Session, values: Mapping[str, Any], actor: str, parties: Sequence[PartyInput] = ()
) -> LegalCase:
    data = prepare_case(session, values)
    if not data.get("number"):
        data["number"] = next_number(session, str(data["kind"]), data["received_on"].year)
    data["status"] = rules.CaseStatus.RECEIVED.value
    case = changes.insert(session, LegalCase(**data), actor)
    for party in parties:
        add_party(session, case, party, actor)
    _step(session, case, "accept", "", data["received_on"], actor, "受理")
    return case


def add_party(session: Session, case: LegalCase, party: PartyInput, actor: str) -> CaseParty:
    if not party.person_name.strip():
        raise ValidationError([Problem("person_name", "当事人姓名不能为空")])
    return changes.insert(
        session,
        CaseParty(
            case_id=case.id,
            grid_id=case.grid_id,
            role=rules.PartyRole(party.role).value,
            person_name=party.person_name.strip(),
            id_number=party.id_number.strip(),
            phone=party.phone.strip(),
        ),
        actor,
    )


def _step(session: Session, case: LegalCase, action: str, before: str, on: dt.date, actor: str, note: str) -> CaseStep:
    return changes.insert(
        session,
        CaseStep(
            case_id=case.id,
            grid_id=case.grid_id,
            action=action,
            from_status=before,
            to_status=case.status,
            step_date=on,
            actor=actor,
            step_note=note,
        ),
        actor,
    )


def get(session: Session, case_id: str) -> LegalCase:
    case = session.get(LegalCase, case_id)
    if case is None or case.deleted:
        raise ValidationError([Problem("case_id", "找不到该案件")])
    return case


def apply_step(
    session: Session,
    case_id: str,
    action: str,
    actor: str,
    *,
    on: dt.date | None = None,
    note: str = "",
    amount_recovered: float | None = None,
) -> LegalCase:
    """Moves the case one step (raises TransitionError when the status does not allow it); closing
    keeps the outcome and may record the amount recovered."""
    case = get(session, case_id)
    target = rules.next_case_status(case.status, action)
    day = on or dt.date.today()
    if day < case.received_on:
        raise ValidationError([Problem("step_date", "步骤日期不能早于受理日期")])
    patch: dict[str, Any] = {"status": target.value}
    outcome = rules.outcome_after(case.status, action)
    if outcome:
        patch.update(outcome=outcome, closed_on=day)
    if amount_recovered is not None:
        if amount_recovered < 0:
            raise ValidationError([Problem("amount_recovered", "追回金额不能为负数")])
        patch["amount_recovered"] = amount_recovered
    before = case.status
    changes.update(session, case, patch, actor)
    _step(session, case, rules.CaseAction(action).value, before, day, actor, note.strip())
    return case


def update_case(session: Session, case_id: str, values: Mapping[str, Any], actor: str) -> LegalCase:
    case = get(session, case_id)
    merged = case.model_dump() | dict(values)
    problems = blocking(rules.validate_case(merged))
    if problems:
        raise ValidationError(problems)
    return changes.update(session, case, dict(values), actor)


def parties(session: Session, case_id: str) -> list[CaseParty]:
    stmt = select(CaseParty).where(CaseParty.case_id == case_id, CaseParty.deleted == False)  # noqa: E712
    return list(session.exec(stmt.order_by(col(CaseParty.role), col(CaseParty.id))).all())


def steps(session: Session, case_id: str) -> list[CaseStep]:
    stmt = select(CaseStep).where(CaseStep.case_id == case_id, CaseStep.deleted == False)  # noqa: E712
    return list(session.exec(stmt.order_by(col(CaseStep.step_date), col(CaseStep.updated_at))).all())


def masked_parties(session: Session, case_id: str) -> list[dict[str, str]]:
    return [
        {
            "role": rules.PARTY_ROLE_LABELS[rules.PartyRole(p.role)],
            "name": rules.mask_name(p.person_name),
            "id_number": rules.mask_id_number(p.id_number),
            "phone": rules.mask_phone(p.phone),
        }
        for p in parties(session, case_id)
    ]


def for_enterprise(session: Session, enterprise_id: str) -> list[LegalCase]:
    stmt = select(LegalCase).where(LegalCase.enterprise_id == enterprise_id, LegalCase.deleted == False)  # noqa: E712
    return list(session.exec(stmt.order_by(col(LegalCase.received_on).desc())).all())


def link(session: Session, case_id: str, *, matter_id: str | None = None, work_order_id: str | None = None, actor: str) -> LegalCase:
    case = get(session, case_id)
    patch: dict[str, Any] = {}
    if matter_id is not None:
        matters.get(session, matter_id)
        patch["matter_id"] = matter_id
    if work_order_id is not None:
        patch["work_order_id"] = work_order_id
    return changes.update(session, case, patch, actor)


# --- receptions -------------------------------------------------------------------------------------


def receive(session: Session, values: Mapping[str, Any], actor: str) -> Reception:
    """A walk-in worker: no enterprise needs choosing; a grid (the office's or the centre's) does."""
    data: dict[str, Any] = {k: (v.strip() if isinstance(v, str) else v) for k, v in values.items()}
    problems: list[Problem] = []
    if not data.get("grid_id"):
        problems.append(Problem("grid_id", "请选择接待所属网格"))
    if not data.get("person_name"):
        problems.append(Problem("person_name", "请填写来访职工姓名"))
    if not data.get("content"):
        problems.append(Problem("content", "请填写反映的问题"))
    if problems:
        raise ValidationError(problems)
    data.setdefault("received_at", dt.datetime.now().replace(microsecond=0))
    data["outcome"] = rules.ReceptionOutcome.PENDING.value
    return changes.insert(session, Reception(**data), actor)


def _reception(session: Session, reception_id: str) -> Reception:
    row = session.get(Reception, reception_id)
    if row is None or row.deleted:
        raise ValidationError([Problem("reception_id", "找不到该接待记录")])
    if row.outcome != rules.ReceptionOutcome.PENDING.value:
        label = rules.RECEPTION_OUTCOME_LABELS[rules.ReceptionOutcome(row.outcome)]
        raise ValidationError([Problem("outcome", f"该接待记录已处理（{label}）")])
    return row


def reception_to_case(
    session: Session, reception_id: str, kind: str, actor: str, *, enterprise_id: str | None = None, mediator_id: str | None = None
) -> LegalCase:
    rec = _reception(session, reception_id)
    case = create_case(
        session,
        {
            "kind": kind,
            "grid_id": rec.grid_id,
            "enterprise_id": enterprise_id or rec.enterprise_id,
            # a worker may not know the employer's registered name yet; the case says so until checked
            "employer_name": rec.employer_name or UNKNOWN_EMPLOYER,
            "category": rec.category,
            "claim_note": rec.content,
            "workers_involved": rec.workers_involved,
            "received_on": rec.received_at.date(),
            "reception_id": rec.id,
            "mediator_id": mediator_id,
            "source": "reception",
        },
        actor,
        [PartyInput(rec.person_name, rec.id_number, rec.phone)],
    )
    changes.update(
        session, rec, {"outcome": rules.ReceptionOutcome.CASE.value, "outcome_table": "legal_case", "outcome_id": case.id}, actor
    )
    return case


def reception_to_matter(session: Session, reception_id: str, enterprise_id: str, category: str, actor: str) -> str:
    """A matter needs an enterprise: the clerk picks it now (the worker named the employer)."""
    rec = _reception(session, reception_id)
    matter = matters.create_matter(
        session,
        enterprise_id=enterprise_id,
        source="informant",
        source_ref=rec.id,
        category=category or rec.category,
        facts=rec.content,
        informant="来访职工",
        opened_on=rec.received_at.date(),
        actor=actor,
    )
    changes.update(
        session, rec, {"outcome": rules.ReceptionOutcome.MATTER.value, "outcome_table": "matter", "outcome_id": matter.id, "enterprise_id": enterprise_id}, actor
    )
    return matter.id


def reception_handed_over(session: Session, reception_id: str, outcome: str, target_table: str, target_id: str, actor: str) -> Reception:
    """The hook for other record kinds (a service request): the caller made the row; the reception
    records where it went."""
    rec = _reception(session, reception_id)
    rules.ReceptionOutcome(outcome)
    return changes.update(session, rec, {"outcome": outcome, "outcome_table": target_table, "outcome_id": target_id}, actor)


def answer_on_the_spot(session: Session, reception_id: str, actor: str) -> Reception:
    rec = _reception(session, reception_id)
    return changes.update(session, rec, {"outcome": rules.ReceptionOutcome.ANSWERED.value}, actor)


# --- the list behind the page -------------------------------------------------------------------

LIST_COLUMNS = (
    "id", "number", "kind", "received_on", "employer", "category", "parties", "workers_involved",
    "amount_claimed", "amount_recovered", "mediator", "status", "outcome", "grid_name",
)


@dataclass
class CaseFilter:
    query: str = ""
    kind: str | None = None
    status: str | None = None
    grid_id: str | None = None
    enterprise_id: str | None = None
    mediator_id: str | None = None
    open_only: bool = False


def _like(term: str) -> str:
    return "%" + term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _where(flt: CaseFilter) -> tuple[str, dict[str, Any]]:
    clauses = ["c.deleted = 0"]
    params: dict[str, Any] = {}
    if flt.query.strip():
        clauses.append("(c.number LIKE :q ESCAPE '\\' OR c.employer_name LIKE :q ESCAPE '\\' OR e.name LIKE :q ESCAPE '\\')")
        params["q"] = _like(flt.query.strip())
    for key in ("kind", "status", "grid_id", "enterprise_id", "mediator_id"):
        value = getattr(flt, key)
        if value:
            clauses.append(f"c.{key} = :{key}")
            params[key] = value
    if flt.open_only:
        clauses.append("c.status <> 'closed'")
    return " AND ".join(clauses), params


_FROM = (
    "FROM legal_case c LEFT JOIN enterprise e ON e.id = c.enterprise_id "
    "LEFT JOIN grid g ON g.id = c.grid_id LEFT JOIN inspector i ON i.id = c.mediator_id"
)


def count(session: Session, flt: CaseFilter) -> int:
    where, params = _where(flt)
    return int(session.connection().execute(text(f"SELECT count(*) {_FROM} WHERE {where}"), params).scalar_one())


def page(session: Session, flt: CaseFilter, offset: int, limit: int) -> list[dict[str, Any]]:
    """A page of cases, newest first; party names come masked (surname only)."""
    where, params = _where(flt)
    params.update(limit=limit, offset=offset)
    sql = f"""
        SELECT c.id, c.number, c.kind, c.received_on, COALESCE(e.name, c.employer_name), c.category,
               (SELECT group_concat(p.person_name, '、') FROM case_party p
                 WHERE p.case_id = c.id AND p.deleted = 0 AND p.role = 'worker'),
               c.workers_involved, c.amount_claimed, c.amount_recovered, COALESCE(i.name, c.lawyer),
               c.status, c.outcome, g.name
        {_FROM} WHERE {where}
        ORDER BY c.received_on DESC, c.number DESC
        LIMIT :limit OFFSET :offset
    """
    out = []
    for row in session.connection().execute(text(sql), params).all():
        item = dict(zip(LIST_COLUMNS, row, strict=True))
        names = str(item["parties"] or "").split("、") if item["parties"] else []
        item["parties"] = "、".join(rules.mask_name(n) for n in names)
        out.append(item)
    return out


RECEPTION_COLUMNS = ("id", "received_at", "place", "person", "phone", "employer", "category", "outcome")


def reception_count(session: Session, pending_only: bool = False) -> int:
    where = "deleted = 0" + (" AND outcome = 'pending'" if pending_only else "")
    return int(session.connection().execute(text(f"SELECT count(*) FROM reception WHERE {where}")).scalar_one())


def reception_page(session: Session, pending_only: bool, offset: int, limit: int) -> list[dict[str, Any]]:
    """Newest first; the visitor's name and phone come masked."""
    where = "deleted = 0" + (" AND outcome = 'pending'" if pending_only else "")
    rows = session.connection().execute(
        text(
            f"SELECT id, received_at, place, person_name, phone, employer_name, category, outcome FROM reception "
            f"WHERE {where} ORDER BY received_at DESC, rowid DESC LIMIT :limit OFFSET :offset"
        ),
        {"limit": limit, "offset": offset},
    ).all()
    out = []
    for row in rows:
        item = dict(zip(RECEPTION_COLUMNS, row, strict=True))
        item["person"] = rules.mask_name(str(item["person"] or ""))
        item["phone"] = rules.mask_phone(str(item["phone"] or ""))
        out.append(item)
    return out

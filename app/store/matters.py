"""Supervision matters: created from a visit, a 12351 work order or an informant; moved through the
closed loop by checked transitions, each written to the append-only history with the outbox."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import text
from sqlmodel import Session, col, select

from app.catalog import load_catalog
from app.core.deadlines import DeadlineRules
from app.core.ids import utc_now_iso
from app.core.matters import (
    ACTIVE_STATUSES,
    MatterAction,
    MatterSource,
    MatterStatus,
    Role,
    check_transition,
    transition_for,
    validate_new_matter,
)
from app.core.problems import Problem, ValidationError
from app.core.violations import basis_text
from app.core.visit_problems import ProposedMatter, propose
from app.store import changes, local_state
from app.store.tables import Enterprise, Visit
from app.store.tables.matters import Matter, MatterEvent

DEADLINE_RULES_KEY = "deadline_rules"

EDITABLE_FIELDS = ("title", "category", "facts", "legal_basis", "demand", "deadline", "informant")


def deadline_rules(session: Session) -> DeadlineRules:
    raw = local_state.get(session, DEADLINE_RULES_KEY)
    if not raw:
        return DeadlineRules()
    try:
        data = json.loads(raw)
    except json.JSONDecodeError:
        return DeadlineRules()
    return DeadlineRules.from_dict(data) if isinstance(data, dict) else DeadlineRules()


def save_deadline_rules(session: Session, rules: DeadlineRules) -> None:
    local_state.put(session, DEADLINE_RULES_KEY, json.dumps(rules.to_dict(), ensure_ascii=False))


def _category_code(category: str) -> str:
    """Accepts the catalog code or its Chinese label (work orders come with labels)."""
    catalog = load_catalog()
    if catalog.get(category):
        return category
    found = catalog.by_label(category.strip())
    return found.code if found else category


def add_event(
    session: Session,
    matter: Matter,
    action: str,
    actor: str,
    *,
    from_status: str = "",
    to_status: str = "",
    note: str = "",
    data: Mapping[str, Any] | None = None,
) -> MatterEvent:
    payload = {k: changes.to_json_value(v) for k, v in (data or {}).items()}
    return changes.insert(
        session,
        MatterEvent(
            matter_id=matter.id,
            grid_id=matter.grid_id,
            at=utc_now_iso(),
            actor=actor,
            action=action,
            from_status=from_status,
            to_status=to_status,
            note=note,
            data=json.dumps(payload, ensure_ascii=False, sort_keys=True),
        ),
        actor,
    )


def create_matter(
    session: Session,
    *,
    enterprise_id: str,
    source: str,
    source_ref: str,
    category: str,
    facts: str,
    actor: str,
    title: str = "",
    legal_basis: str | None = None,
    demand: str | None = None,
    informant: str = "",
    inspector_id: str | None = None,
    opened_on: dt.date | None = None,
) -> Matter:
    """The one way a matter comes into being (the 12351 work-order import calls it too). Legal basis
    and the demand are prefilled from the violation catalog when not given."""
    catalog = load_catalog()
    code = _category_code(category)
    problems = validate_new_matter(
        {"enterprise_id": enterprise_id, "category": code, "facts": facts, "source": source, "source_ref": source_ref},
        catalog.codes(),
    )
    enterprise = session.get(Enterprise, enterprise_id) if enterprise_id else None
    if enterprise_id and (enterprise is None or enterprise.deleted):
        problems.append(Problem("enterprise_id", f"找不到企业（编号 {enterprise_id}）"))
    if problems:
        raise ValidationError(problems)
    assert enterprise is not None
    cat = catalog.get(code)
    assert cat is not None
    opened = opened_on or dt.date.today()
    rules = deadline_rules(session)
    matter = changes.insert(
        session,
        Matter(
            enterprise_id=enterprise_id,
            grid_id=enterprise.grid_id,
            source=MatterSource(source).value,
            source_ref=source_ref or "",
            category=code,
            title=title.strip() or f"{enterprise.name}{cat.label}问题",
            facts=facts.strip(),
            legal_basis=basis_text(cat.basis) if legal_basis is None else legal_basis,
            demand=cat.remedy if demand is None else demand,
            deadline=rules.add(opened, rules.handle),
            status=MatterStatus.OPEN.value,
            opened_on=opened,
            inspector_id=inspector_id,
            informant=informant,
        ),
        actor,
    )
    add_event(
        session,
        matter,
        "create",
        actor,
        to_status=MatterStatus.OPEN.value,
        note=f"{MatterSource(source).label}：{facts.strip()[:80]}",
        data={"source": source, "source_ref": source_ref, "category": code},
    )
    return matter


def visit_problem_summary(visit: Visit) -> str:
    """The visit form's problem fields (problems_found / problem_summary), or ''."""
    try:
        answers = json.loads(visit.answers or "{}")
    except json.JSONDecodeError:
        return ""
    if not isinstance(answers, dict) or not answers.get("problems_found"):
        return ""
    return str(answers.get("problem_summary") or "").strip()


def create_from_visit(
    session: Session,
    visit_id: str,
    *,
    category: str,
    actor: str,
    facts: str | None = None,
) -> Matter:
    visit = session.get(Visit, visit_id)
    if visit is None or visit.deleted:
        raise ValidationError([Problem("source_ref", f"找不到走访记录（编号 {visit_id}）")])
    summary = facts if facts is not None else visit_problem_summary(visit)
    text_facts = summary or ""
    if text_facts and visit.visit_date:
        text_facts = f"{visit.visit_date.year}年{visit.visit_date.month}月{visit.visit_date.day}日走访发现：{text_facts}"
    return create_matter(
        session,
        enterprise_id=visit.enterprise_id,
        source=MatterSource.VISIT.value,
        source_ref=visit.id,
        category=category,
        facts=text_facts,
        actor=actor,
        inspector_id=visit.inspector_id,
        opened_on=visit.visit_date,
    )


def propose_from_visit(session: Session, visit_id: str) -> list[ProposedMatter]:
    """One proposed matter per problem category the submitted visit found, facts from the visit and
    legal basis and remedy from the catalog; nothing is written (see register_from_visit)."""
    visit = session.get(Visit, visit_id)
    if visit is None or visit.deleted:
        raise ValidationError([Problem("source_ref", f"找不到走访记录（编号 {visit_id}）")])
    if visit.status != "submitted":
        raise ValidationError([Problem("source_ref", "走访记录尚未提交，提交后才能登记监督事项。")])
    try:
        answers = json.loads(visit.answers or "{}")
    except json.JSONDecodeError:
        answers = {}
    if not isinstance(answers, dict):
        return []
    catalog = load_catalog()
    visitors = str(answers.get("visitors") or "").strip()
    proposals = propose(answers, catalog, visit_date=visit.visit_date, visitors=visitors)
    registered = set(
        session.exec(
            select(Matter.category).where(
                Matter.source == MatterSource.VISIT.value,
                Matter.source_ref == visit.id,
                Matter.deleted == False,  # noqa: E712
            )
        ).all()
    )
    for proposal in proposals:
        cat = catalog.get(proposal.category)
        if cat is not None:
            proposal.legal_basis = basis_text(cat.basis)
            proposal.demand = cat.remedy
        proposal.registered = proposal.category in registered
    return proposals


def register_from_visit(
    session: Session, visit_id: str, chosen: list[ProposedMatter], *, actor: str
) -> list[Matter]:
    """Registers the proposals the user chose (edited or not), in one transaction; a category the visit
    already has a matter for is skipped, so pressing twice never makes two."""
    visit = session.get(Visit, visit_id)
    if visit is None or visit.deleted:
        raise ValidationError([Problem("source_ref", f"找不到走访记录（编号 {visit_id}）")])
    done: list[Matter] = []
    seen: set[str] = set(
        session.exec(
            select(Matter.category).where(
                Matter.source == MatterSource.VISIT.value, Matter.source_ref == visit.id, Matter.deleted == False  # noqa: E712
            )
        ).all()
    )
    for proposal in chosen:
        if not proposal.category:
            raise ValidationError([Problem("category", "请为走访发现的问题选择违法类别后再登记。")])
        if proposal.category in seen:
            continue
        seen.add(proposal.category)
        done.append(
            create_matter(
                session,
                enterprise_id=visit.enterprise_id,
                source=MatterSource.VISIT.value,
                source_ref=visit.id,
                category=proposal.category,
                facts=proposal.facts,
                actor=actor,
                legal_basis=proposal.legal_basis or None,
                demand=proposal.demand or None,
                inspector_id=visit.inspector_id,
                opened_on=visit.visit_date,
            )
        )
    return done


def get(session: Session, matter_id: str) -> Matter:
    matter = session.get(Matter, matter_id)
    if matter is None or matter.deleted:
        raise ValidationError([Problem("matter_id", f"找不到监督事项（编号 {matter_id}）")])
    return matter


def update_details(session: Session, matter_id: str, fields: Mapping[str, Any], actor: str) -> Matter:
    """Edits facts, legal basis, demand, deadline...; a closed matter is no longer edited."""
    matter = get(session, matter_id)
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValidationError([Problem(sorted(unknown)[0], f"字段“{sorted(unknown)[0]}”不能在此修改")])
    if matter.status == MatterStatus.CLOSED.value:
        raise ValidationError([Problem("status", "事项已办结，不能再修改")])
    values = dict(fields)
    if "category" in values:
        values["category"] = _category_code(str(values["category"]))
        if load_catalog().get(values["category"]) is None:
            raise ValidationError([Problem("category", f"违法类别“{fields['category']}”不在类别目录中")])
    if "facts" in values and not str(values["facts"]).strip():
        raise ValidationError([Problem("facts", "请填写发现的事实")])
    before = {k: getattr(matter, k) for k in values}
    changes.update(session, matter, values, actor)
    changed = [k for k in values if before[k] != values[k]]
    if changed:
        add_event(
            session,
            matter,
            "edit",
            actor,
            from_status=matter.status,
            to_status=matter.status,
            note="修改：" + "、".join(changed),
            data={k: values[k] for k in changed if k in ("deadline", "category")},
        )
    return matter


def transition(
    session: Session,
    matter_id: str,
    action: MatterAction | str,
    *,
    actor: str,
    role: Role | str,
    note: str = "",
    deadline: dt.date | None = None,
    verified_on: dt.date | None = None,
    letter_id: str | None = None,
    today: dt.date | None = None,
) -> Matter:
    """Takes one step of the closed loop, or raises ValidationError with every reason it may not."""
    matter = get(session, matter_id)
    today = today or dt.date.today()
    action = MatterAction(action)
    rules = deadline_rules(session)
    t = transition_for(action)
    if action is MatterAction.START_RECTIFYING and deadline is None:
        deadline = rules.add(today, rules.rectify)
    data: dict[str, Any] = {"note": note, "deadline": deadline, "verified_on": verified_on, "letter_id": letter_id}
    problems = check_transition(matter.status, action, role, data, opened_on=matter.opened_on, today=today)
    if problems:
        raise ValidationError(problems)
    before = matter.status
    values: dict[str, Any] = {"status": t.target.value}
    if deadline is not None:
        values["deadline"] = deadline
    if action is MatterAction.VERIFY:
        values.update(verification_note=note.strip(), verified_on=verified_on, verified_by=actor)
    if t.target is MatterStatus.CLOSED:
        values["closed_on"] = today
    changes.update(session, matter, values, actor)
    add_event(
        session,
        matter,
        action.value,
        actor,
        from_status=before,
        to_status=t.target.value,
        note=note.strip(),
        data={k: v for k, v in data.items() if k != "note" and v is not None},
    )
    return matter


def history(session: Session, matter_id: str) -> list[MatterEvent]:
    stmt = (
        select(MatterEvent)
        .where(MatterEvent.matter_id == matter_id, MatterEvent.deleted == False)  # noqa: E712
        .order_by(col(MatterEvent.at), col(MatterEvent.id))
    )
    return list(session.exec(stmt).all())


def for_enterprise(session: Session, enterprise_id: str) -> list[Matter]:
    stmt = (
        select(Matter)
        .where(Matter.enterprise_id == enterprise_id, Matter.deleted == False)  # noqa: E712
        .order_by(col(Matter.opened_on).desc(), col(Matter.id).desc())
    )
    return list(session.exec(stmt).all())


# List queries for the GUI ----------------------------------------------------------------------------


@dataclass
class MatterFilter:
    status: str | None = None  # a status, or "active"
    category: str | None = None
    grid_id: str | None = None
    enterprise_id: str | None = None
    overdue_only: bool = False
    query: str = ""


LIST_SORTS = {
    "opened_on": "m.opened_on",
    "deadline": "m.deadline",
    "enterprise_name": "e.name COLLATE pinyin",
    "status": "m.status",
    "category": "m.category",
    "grid_name": "g.name COLLATE pinyin",
}


def _where(flt: MatterFilter, today: dt.date) -> tuple[str, dict[str, Any]]:
    clauses = ["+m.deleted = 0"]  # unary plus: the low-selectivity tombstone index must not drive the plan
    params: dict[str, Any] = {"today": today.isoformat()}
    active = ", ".join(f"'{s.value}'" for s in sorted(ACTIVE_STATUSES))
    if flt.status == "active":
        clauses.append(f"m.status IN ({active})")
    elif flt.status:
        clauses.append("m.status = :status")
        params["status"] = flt.status
    if flt.category:
        clauses.append("m.category = :category")
        params["category"] = flt.category
    if flt.grid_id:
        clauses.append("m.grid_id = :grid_id")
        params["grid_id"] = flt.grid_id
    if flt.enterprise_id:
        clauses.append("m.enterprise_id = :enterprise_id")
        params["enterprise_id"] = flt.enterprise_id
    if flt.overdue_only:
        clauses.append(f"m.status IN ({active}) AND m.deadline IS NOT NULL AND m.deadline < :today")
    if flt.query.strip():
        clauses.append("(e.name LIKE :q OR m.title LIKE :q OR m.facts LIKE :q)")
        params["q"] = f"%{flt.query.strip()}%"
    return " AND ".join(clauses), params


def _join_for(flt: MatterFilter) -> str:
    """Counting needs the enterprise only to search its name; joining it always doubles the work."""
    return "JOIN enterprise e ON e.id = m.enterprise_id" if flt.query.strip() else ""


def _overdue_sql() -> str:
    active = ", ".join(f"'{s.value}'" for s in sorted(ACTIVE_STATUSES))
    return f"(m.status IN ({active}) AND m.deadline IS NOT NULL AND m.deadline < :today)"


def count(session: Session, flt: MatterFilter, today: dt.date | None = None) -> int:
    where, params = _where(flt, today or dt.date.today())
    sql = f"SELECT count(*) FROM matter m {_join_for(flt)} WHERE {where}"
    return int(session.connection().execute(text(sql), params).scalar_one())


def page(
    session: Session,
    flt: MatterFilter,
    offset: int,
    limit: int,
    sort: str = "opened_on",
    descending: bool = True,
    today: dt.date | None = None,
) -> list[dict[str, Any]]:
    where, params = _where(flt, today or dt.date.today())
    order = LIST_SORTS.get(sort, "m.opened_on")
    direction = "DESC" if descending else "ASC"
    sql = (
        "SELECT m.id, m.title, m.category, m.status, m.source, m.opened_on, m.deadline, m.closed_on, "
        f"m.enterprise_id, e.name AS enterprise_name, g.name AS grid_name, {_overdue_sql()} AS overdue, "
        "(SELECT count(*) FROM letter l WHERE l.matter_id = m.id AND l.deleted = 0 AND l.status != 'void') "
        "AS letters "
        "FROM matter m JOIN enterprise e ON e.id = m.enterprise_id LEFT JOIN grid g ON g.id = m.grid_id "
        f"WHERE {where} ORDER BY {order} {direction}, m.id {direction} LIMIT :limit OFFSET :offset"
    )
    params.update(limit=limit, offset=offset)
    rows = session.connection().execute(text(sql), params).mappings().all()
    return [dict(r) | {"overdue": bool(r["overdue"])} for r in rows]


def counts(session: Session, flt: MatterFilter | None = None, today: dt.date | None = None) -> dict[str, int]:
    """Matters per status under the filter's other conditions, plus 'overdue' and 'total'."""
    base = MatterFilter(**{**(flt or MatterFilter()).__dict__, "status": None, "overdue_only": False})
    where, params = _where(base, today or dt.date.today())
    sql = (
        f"SELECT m.status, count(*), sum({_overdue_sql()}) FROM matter m "
        f"{_join_for(base)} WHERE {where} GROUP BY m.status"
    )
    out: dict[str, int] = {s.value: 0 for s in MatterStatus}
    overdue = total = 0
    for status, n, late in session.connection().execute(text(sql), params).all():
        out[str(status)] = int(n)
        total += int(n)
        overdue += int(late or 0)
    out["overdue"] = overdue
    out["total"] = total
    return out


def is_overdue_row(matter: Matter, today: dt.date | None = None) -> bool:
    from app.core.matters import is_overdue

    return is_overdue(matter.status, matter.deadline, today or dt.date.today())


def unregistered_problem_visits(session: Session, enterprise_id: str) -> list[Visit]:
    """Submitted visits of the enterprise that found a problem no matter was registered for yet: the
    closed loop starts at the visit, so these are shown until someone acts on them."""
    visits = session.exec(
        select(Visit).where(
            Visit.enterprise_id == enterprise_id, Visit.deleted == False, Visit.status == "submitted"  # noqa: E712
        )
    ).all()
    candidates = [v for v in visits if visit_problem_summary(v)]
    if not candidates:
        return []
    registered = set(
        session.exec(
            select(Matter.source_ref).where(
                Matter.source == MatterSource.VISIT.value,
                col(Matter.source_ref).in_([v.id for v in candidates]),
                Matter.deleted == False,  # noqa: E712
            )
        ).all()
    )
    return [v for v in candidates if v.id not in registered]

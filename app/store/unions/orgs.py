"""Union organisations, the units they cover and their founding steps. The 已建会 status of a unit is
derived here from the unions that cover it and written onto the enterprise file, so the target list,
the heat map and the statistics (which read `enterprise.union_status`) follow the union records."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import text
from sqlmodel import Session, col, select

from app.core import unions as rules
from app.core.enterprise import UnionStatus
from app.core.problems import Problem, ValidationError
from app.store import changes
from app.store.tables import Enterprise
from app.store.tables.datapool import UnionEvent
from app.store.tables.unions import MemberCount, UnionOrg, UnionStep, UnionUnit


def _refuse(field: str, message: str) -> ValidationError:
    return ValidationError([Problem(field, message)])


def create_union(session: Session, values: Mapping[str, Any], actor: str) -> UnionOrg:
    data = dict(values)
    data["name"] = str(data.get("name") or "").strip()
    if not data["name"]:
        raise _refuse("name", "工会名称不能为空")
    if data.get("form", "single") not in rules.UNION_FORMS:
        raise _refuse("form", f"未知的工会组织形式“{data.get('form')}”")
    data.pop("status", None)
    data.pop("founded_on", None)
    return changes.insert(session, UnionOrg(**data), actor)


def update_union(session: Session, union: UnionOrg, values: Mapping[str, Any], actor: str) -> UnionOrg:
    data = {k: v for k, v in values.items() if k not in {"status", "founded_on", "current_step"}}
    if "name" in data and not str(data["name"]).strip():
        raise _refuse("name", "工会名称不能为空")
    if "form" in data and data["form"] != union.form:
        if data["form"] not in rules.UNION_FORMS:
            raise _refuse("form", f"未知的工会组织形式“{data['form']}”")
        for unit in units(session, union.id):
            _check_unique(session, unit.enterprise_id, str(data["form"]), union.id)
        for unit in units(session, union.id):
            changes.update(session, unit, {"form": data["form"]}, actor)
    return changes.update(session, union, data, actor)


def units(session: Session, union_id: str) -> list[UnionUnit]:
    stmt = select(UnionUnit).where(col(UnionUnit.union_id) == union_id, col(UnionUnit.deleted).is_(False))
    return list(session.exec(stmt).all())


def _check_unique(session: Session, enterprise_id: str, form: str, union_id: str) -> None:
    other = session.exec(
        select(UnionUnit, UnionOrg)
        .join(UnionOrg, col(UnionOrg.id) == col(UnionUnit.union_id))
        .where(
            col(UnionUnit.enterprise_id) == enterprise_id,
            col(UnionUnit.form) == form,
            col(UnionUnit.deleted).is_(False),
            col(UnionUnit.union_id) != union_id,
            col(UnionOrg.deleted).is_(False),
        )
    ).first()
    if other is not None:
        enterprise = session.get(Enterprise, enterprise_id)
        name = enterprise.name if enterprise else enterprise_id
        raise _refuse("enterprise_id", rules.duplicate_cover_message(name, other[1].name, form))


def add_unit(
    session: Session,
    union: UnionOrg,
    enterprise_id: str,
    actor: str,
    *,
    unit_kind: str = "enterprise",
    joined_on: dt.date | None = None,
    staff: int | None = None,
) -> UnionUnit:
    """Covers a unit; refused with one sentence when the unit is already in another union of the same
    form (its staff would count twice)."""
    enterprise = session.get(Enterprise, enterprise_id)
    if enterprise is None or enterprise.deleted:
        raise _refuse("enterprise_id", "所选单位不存在或已删除")
    if unit_kind not in rules.UNIT_KINDS:
        raise _refuse("unit_kind", f"未知的单位类型“{unit_kind}”")
    existing = [u for u in units(session, union.id) if u.enterprise_id == enterprise_id]
    if existing:
        raise _refuse("enterprise_id", f"“{enterprise.name}”已在“{union.name}”的覆盖单位中")
    _check_unique(session, enterprise_id, union.form, union.id)
    unit = changes.insert(
        session,
        UnionUnit(
            union_id=union.id,
            enterprise_id=enterprise_id,
            form=union.form,
            unit_kind=unit_kind,
            joined_on=joined_on,
            staff=staff if staff is not None else enterprise.headcount,
        ),
        actor,
    )
    refresh_enterprises(session, [enterprise_id], actor)
    return unit


def remove_unit(session: Session, unit: UnionUnit, actor: str) -> None:
    changes.delete(session, unit, actor)
    refresh_enterprises(session, [unit.enterprise_id], actor)


def steps(session: Session, union_id: str) -> list[UnionStep]:
    stmt = (
        select(UnionStep)
        .where(col(UnionStep.union_id) == union_id, col(UnionStep.deleted).is_(False))
        .order_by(col(UnionStep.done_on))
    )
    return list(session.exec(stmt).all())


def done_steps(session: Session, union_id: str) -> dict[str, dt.date]:
    return {s.step: s.done_on for s in steps(session, union_id)}


def record_step(session: Session, union: UnionOrg, step: str, on: dt.date, actor: str, note: str = "") -> UnionStep:
    done = done_steps(session, union.id)
    if step in done:
        raise _refuse("step", f"“{rules.STEP_LABELS.get(step, step)}”已于 {done[step]:%Y-%m-%d} 记录")
    try:
        rules.check_step(done, step, on)
    except rules.UnionRuleError as exc:
        raise _refuse("step", str(exc)) from exc
    row = changes.insert(session, UnionStep(union_id=union.id, grid_id=union.grid_id, step=step, done_on=on, note=note), actor)
    refresh_union(session, union, actor)
    return row


def record_steps(session: Session, union: UnionOrg, dated: list[tuple[str, dt.date]], actor: str) -> int:
    """Several steps at once (a union registered after the fact): each checked against those before
    it, written together, the statuses refreshed once."""
    done = done_steps(session, union.id)
    rows = []
    for step, on in dated:
        if step in done:
            raise _refuse("step", f"“{rules.STEP_LABELS.get(step, step)}”已于 {done[step]:%Y-%m-%d} 记录")
        try:
            rules.check_step(done, step, on)
        except rules.UnionRuleError as exc:
            raise _refuse("step", str(exc)) from exc
        done[step] = on
        rows.append({"union_id": union.id, "grid_id": union.grid_id, "step": step, "done_on": on, "note": ""})
    changes.insert_many(session, UnionStep, rows, actor)
    refresh_union(session, union, actor)
    return len(rows)


def refresh_union(session: Session, union: UnionOrg, actor: str) -> UnionOrg:
    """The union's status from its steps, then the status of every unit it covers."""
    done = done_steps(session, union.id)
    status, founded = rules.union_state(done)
    changes.update(
        session,
        union,
        {"status": status.value, "founded_on": founded, "current_step": rules.current_step(done) or ""},
        actor,
    )
    refresh_enterprises(session, [u.enterprise_id for u in units(session, union.id)], actor)
    return union


def _as_date(value: Any) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def refresh_enterprises(session: Session, enterprise_ids: Iterable[str], actor: str) -> int:
    """Writes the derived 建会 status onto each enterprise covered by a union (only when it changes);
    an enterprise no union covers keeps what the data pool or the office recorded. Returns the number
    of enterprise files changed."""
    changed = 0
    for enterprise_id in dict.fromkeys(enterprise_ids):
        rows = [
            (str(r[0]), _as_date(r[1]))
            for r in session.connection().execute(
                text(
                    "SELECT u.status, u.founded_on FROM union_unit c JOIN union_org u ON u.id = c.union_id "
                    "WHERE c.enterprise_id = :e AND c.deleted = 0 AND u.deleted = 0"
                ),
                {"e": enterprise_id},
            )
        ]
        enterprise = session.get(Enterprise, enterprise_id)
        if enterprise is None or not rows:
            continue
        status, founded = rules.derive_unit_state([(UnionStatus(s), d) for s, d in rows])
        patch: dict[str, Any] = {"union_status": status.value}
        if status is UnionStatus.ESTABLISHED:
            patch["union_established_date"] = founded
        before = (enterprise.union_status, enterprise.union_established_date)
        changes.update(session, enterprise, patch, actor)
        if before[0] != enterprise.union_status:
            # the establishment pipeline keeps its history, whichever way the status changed
            changes.insert(
                session,
                UnionEvent(
                    enterprise_id=enterprise.id,
                    grid_id=enterprise.grid_id,
                    from_status=before[0],
                    to_status=enterprise.union_status,
                    event_date=founded or dt.date.today(),
                    member_count=enterprise.member_count,
                    source="union",
                ),
                actor,
            )
        changed += before != (enterprise.union_status, enterprise.union_established_date)
    return changed


def record_member_count(
    session: Session,
    union: UnionOrg,
    as_of: dt.date,
    members: int,
    actor: str,
    *,
    enterprise_id: str | None = None,
    new_form_members: int = 0,
) -> MemberCount:
    if members < 0 or new_form_members < 0:
        raise _refuse("members", "会员人数应为不小于0的整数")
    if new_form_members > members:
        raise _refuse("new_form_members", "新就业形态会员不能多于会员总数")
    row = changes.insert(
        session,
        MemberCount(
            union_id=union.id,
            grid_id=union.grid_id,
            enterprise_id=enterprise_id,
            as_of=as_of,
            members=members,
            new_form_members=new_form_members,
        ),
        actor,
    )
    if enterprise_id is None:
        latest = session.exec(
            select(MemberCount)
            .where(col(MemberCount.union_id) == union.id, col(MemberCount.enterprise_id).is_(None), col(MemberCount.deleted).is_(False))
            .order_by(col(MemberCount.as_of).desc())
        ).first()
        if latest is not None:
            changes.update(session, union, {"members": latest.members}, actor)
    else:
        for unit in units(session, union.id):
            if unit.enterprise_id == enterprise_id:
                changes.update(session, unit, {"members": members}, actor)
        enterprise = session.get(Enterprise, enterprise_id)
        if enterprise is not None:
            changes.update(session, enterprise, {"member_count": members}, actor)
    return row


def member_counts(session: Session, union_id: str) -> list[MemberCount]:
    stmt = (
        select(MemberCount)
        .where(col(MemberCount.union_id) == union_id, col(MemberCount.deleted).is_(False))
        .order_by(col(MemberCount.as_of))
    )
    return list(session.exec(stmt).all())


def unions_of_enterprise(session: Session, enterprise_id: str) -> list[tuple[UnionOrg, UnionUnit]]:
    stmt = (
        select(UnionOrg, UnionUnit)
        .join(UnionUnit, col(UnionUnit.union_id) == col(UnionOrg.id))
        .where(col(UnionUnit.enterprise_id) == enterprise_id, col(UnionUnit.deleted).is_(False), col(UnionOrg.deleted).is_(False))
    )
    return [(u, c) for u, c in session.exec(stmt).all()]


# --- the list (paged, fast at 10,000 unions) ---------------------------------------------------

LIST_COLUMNS = ("id", "name", "form", "grid_name", "status", "current_step", "founded_on", "units", "members", "last_check_percent")


@dataclass
class UnionFilter:
    query: str = ""
    grid_id: str | None = None
    form: str | None = None
    status: str | None = None
    slipping_only: bool = False


def _where(flt: UnionFilter) -> tuple[str, dict[str, Any]]:
    clauses = ["u.deleted = 0"]
    params: dict[str, Any] = {}
    if flt.query.strip():
        clauses.append("(u.name LIKE :q ESCAPE '\\' OR u.address LIKE :q ESCAPE '\\')")
        term = flt.query.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        params["q"] = f"%{term}%"
    if flt.grid_id:
        clauses.append("u.grid_id = :grid_id")
        params["grid_id"] = flt.grid_id
    if flt.form:
        clauses.append("u.form = :form")
        params["form"] = flt.form
    if flt.status:
        clauses.append("u.status = :status")
        params["status"] = flt.status
    if flt.slipping_only:
        clauses.append("u.last_check_percent < :slip")
        params["slip"] = rules.SLIPPING_PERCENT
    return " AND ".join(clauses), params


def count(session: Session, flt: UnionFilter) -> int:
    where, params = _where(flt)
    return int(session.connection().execute(text(f"SELECT count(*) FROM union_org u WHERE {where}"), params).scalar_one())


def page(session: Session, flt: UnionFilter, offset: int, limit: int) -> list[dict[str, Any]]:
    where, params = _where(flt)
    order = "u.last_check_percent ASC, u.name" if flt.slipping_only else "u.name"
    sql = f"""
        WITH pick AS (
            SELECT u.rowid AS rid FROM union_org u WHERE {where}
            ORDER BY {order}, u.rowid LIMIT :limit OFFSET :offset
        )
        SELECT u.id, u.name, u.form, g.name, u.status, u.current_step, u.founded_on,
               (SELECT count(*) FROM union_unit c WHERE c.union_id = u.id AND c.deleted = 0),
               u.members, u.last_check_percent
        FROM pick JOIN union_org u ON u.rowid = pick.rid LEFT JOIN grid g ON g.id = u.grid_id
        ORDER BY {order}, u.rowid
    """
    params.update(limit=limit, offset=offset)
    return [dict(zip(LIST_COLUMNS, r, strict=True)) for r in session.connection().execute(text(sql), params)]


def find_by_name(session: Session, name: str) -> UnionOrg | None:
    stmt = select(UnionOrg).where(col(UnionOrg.name) == name.strip(), col(UnionOrg.deleted).is_(False))
    return session.exec(stmt).first()


def duplicate_covers(session: Session) -> list[tuple[str, str, int]]:
    """Units in two unions of the same form (possible only when two devices did it offline):
    (enterprise name, form, unions) for `check`."""
    from app.store.quickcheck import UNION_DUPLICATE_COVERS as sql

    return [(str(a), str(b), int(n)) for a, b, n in session.connection().execute(text(sql))]

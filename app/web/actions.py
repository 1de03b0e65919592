"""The office's actions from the web pages. Each change to synced data is written like a pushed
mutation (record + change-log entry in one serialized transaction) so laptops pull it, and each action
is appended to the admin-action audit."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlmodel import select

from app.core.ids import new_id, utc_now_iso
from app.core.matters import MatterAction, check_transition, transition_for
from app.server import accounts
from app.server.accounts import Principal
from app.server.db import ServerDB
from app.server.records import RecordWriter, derive_grid, load_records, loads_data
from app.server.tables import Account, Assignment, ServerGrid
from app.web import audit
from app.web.queries import survives_damage


class ActionError(ValueError):
    """The action cannot be done; the message is one sentence for the page."""


Audit = tuple[str, str, dict[str, Any]]
"""(action, target, detail) of one admin-action line."""


def _write(
    db: ServerDB, principal: Principal, changes: list[tuple[str, str, dict[str, Any], bool]], note: Audit | None = None
) -> None:
    """(entity, id, patch, is_new) applied in one transaction, in order, with the audit line in it."""
    with db.write(serialize=True) as session:
        if note is not None:
            audit.record_in(session, principal.username, *note)
        current = load_records(session, [(e, i) for e, i, _, _ in changes])
        writer = RecordWriter(session)

        def lookup(entity: str, entity_id: str) -> Any:
            key = (entity, entity_id)
            if key not in current:
                current.update(load_records(session, [key]))
            return current[key]

        for entity, entity_id, patch, is_new in changes:
            existing = current.get((entity, entity_id))
            if is_new != (existing is None):
                raise ActionError("记录已被其他人修改，请刷新后重试")
            data = loads_data(existing.data) if existing is not None else {}
            data.update(patch)
            current[(entity, entity_id)] = writer.write(
                entity=entity,
                entity_id=entity_id,
                existing=existing,
                data=data,
                deleted=False,
                grid_id=derive_grid(entity, data, lookup),
                fields=sorted(patch),
                user=principal.username,
                device_id="",
                mutation_id=f"web-{new_id()}",
            )
        writer.flush()


def assign_grid(db: ServerDB, principal: Principal, username: str, grid_id: str) -> None:
    """Gives an account a grid (sync scope) and, when the district's inspector list has a person with
    that account, makes them the grid's inspector on every laptop."""
    inspector = _inspector_for(db, username)
    with db.write() as session:
        account = session.exec(select(Account).where(Account.username == username)).first()
        grid = session.get(ServerGrid, grid_id)
        if account is None or grid is None:
            raise ActionError("没有这个账号或网格")
        if session.get(Assignment, (account.id, grid.id)) is None:
            session.add(Assignment(account_id=account.id, grid_id=grid.id))
        audit.record_in(session, principal.username, "assign_grid", f"grid:{grid_id}",
                        {"account": username, "grid": grid.code, "inspector_id": inspector})
    with db.read() as session:
        existing = load_records(session, [("grid", grid_id)])[("grid", grid_id)]
    if existing is not None and inspector is not None and loads_data(existing.data).get("inspector_id") != inspector:
        _write(db, principal, [("grid", grid_id, {"inspector_id": inspector}, False)])


def unassign_grid(db: ServerDB, principal: Principal, username: str, grid_id: str) -> None:
    with db.write() as session:
        account = session.exec(select(Account).where(Account.username == username)).first()
        row = session.get(Assignment, (account.id, grid_id)) if account else None
        if row is None:
            raise ActionError("该账号没有分配这个网格")
        session.delete(row)
        audit.record_in(session, principal.username, "unassign_grid", f"grid:{grid_id}", {"account": username})


@survives_damage
def _inspector_for(db: ServerDB, username: str) -> str | None:
    from app.server.tables import Record
    from app.web.queries import jtext

    stmt = select(Record.id).where(Record.entity == "inspector", Record.deleted == False, jtext(db, "account") == username)  # noqa: E712
    with db.read() as session:
        found = session.exec(stmt).first()
    return str(found) if found else None


def revoke_device(db: ServerDB, principal: Principal, device_id: str) -> None:
    try:
        accounts.revoke_device(db, device_id, actor=principal.username)  # writes its own audit line
    except accounts.AccountError:
        raise ActionError("没有这台设备") from None


OFFICE_MATTER_ACTIONS = (MatterAction.ESCALATE, MatterAction.CLOSE)
STEP_LABELS = {"escalate": "批准移送有关部门", "close": "办结"}


def matter_step(
    db: ServerDB, principal: Principal, matter_id: str, action: str, note: str, today: dt.date | None = None
) -> None:
    """The office's steps of the closed loop (approving an escalation, closing): the matter's new
    status and its history row, as the desktop's matters.transition writes them."""
    try:
        act = MatterAction(action)
    except ValueError:
        raise ActionError("未知的办理步骤") from None
    if act not in OFFICE_MATTER_ACTIONS:
        raise ActionError("这一步请在桌面程序中办理")
    today = today or dt.date.today()
    with db.read() as session:
        row = load_records(session, [("matter", matter_id)])[("matter", matter_id)]
    if row is None or row.deleted:
        raise ActionError("没有这个监督事项")
    data = loads_data(row.data)
    opened = data.get("opened_on")
    problems = check_transition(
        str(data.get("status")), act, principal.role, {"note": note.strip()},
        opened_on=dt.date.fromisoformat(opened[:10]) if isinstance(opened, str) and opened else None, today=today,
    )
    if problems:
        raise ActionError("；".join(p.message for p in problems))
    target = transition_for(act).target
    patch: dict[str, Any] = {"status": target.value}
    if target.value == "closed":
        patch["closed_on"] = today.isoformat()
    event = {
        "matter_id": matter_id, "grid_id": row.grid_id, "at": utc_now_iso(), "actor": principal.username,
        "action": act.value, "from_status": data.get("status", ""), "to_status": target.value,
        "note": note.strip(), "data": "{}",
    }
    _write(db, principal, [("matter", matter_id, patch, False), ("matter_event", new_id(), event, True)],
           (f"matter_{act.value}", f"matter:{matter_id}", {"note": note.strip()}))


def settle_conflict(db: ServerDB, principal: Principal, conflict_id: str, choice: int) -> None:
    """The office picks one of the data pool's candidate values: the enterprise's file takes it and the
    conflict closes, as the desktop's datapool.resolve_conflict writes it."""
    import json

    with db.read() as session:
        row = load_records(session, [("field_conflict", conflict_id)])[("field_conflict", conflict_id)]
    if row is None or row.deleted:
        raise ActionError("没有这条数据冲突")
    data = loads_data(row.data)
    if data.get("status") != "open":
        raise ActionError("该冲突已处理")
    try:
        candidates = json.loads(str(data.get("candidates") or "[]"))
        value = candidates[choice]["value"]
    except (ValueError, IndexError, KeyError, TypeError):
        raise ActionError("请选择一个候选值") from None
    field_name = str(data.get("field") or "")
    enterprise_id = str(data.get("enterprise_id") or "")
    if not field_name or not enterprise_id:
        raise ActionError("该冲突缺少企业或字段")
    _write(db, principal, [
        ("enterprise", enterprise_id, {field_name: value}, False),
        ("field_conflict", conflict_id, {"status": "resolved", "chosen_value": json.dumps(value, ensure_ascii=False),
                                         "resolved_at": utc_now_iso(), "resolved_by": principal.username}, False),
    ], ("settle_conflict", f"field_conflict:{conflict_id}", {"field": field_name, "choice": choice}))


def unverified_citations() -> list[tuple[str, str, list[str]]]:
    """(heading, statute text as the catalog has it, labels of the categories citing it) of every
    catalog citation not verified against the official text, in the catalog's order."""
    from app.catalog import load_catalog

    found: dict[str, tuple[str, list[str]]] = {}
    for category in load_catalog().categories:
        for citation in category.unverified:
            _, labels = found.setdefault(citation.heading(), (citation.text, []))
            if category.label not in labels:
                labels.append(category.label)
    return [(heading, text, labels) for heading, (text, labels) in found.items()]


def confirm_citation(db: ServerDB, principal: Principal, heading: str, note: str) -> str:
    """The office confirms a citation once for the district: a reference row every laptop pulls, which
    its letter flow accepts like a confirmation made on the laptop itself."""
    from app.core.violations import confirmation_id

    if not principal.sees_all:
        raise ActionError("条文须由区总工会工作人员核对确认")
    if heading not in {h for h, _, _ in unverified_citations()}:
        raise ActionError("违法类别目录中没有这条待核实的条文")
    rid = confirmation_id(heading)
    with db.read() as session:
        existing = load_records(session, [("citation_confirmation", rid)])[("citation_confirmation", rid)]
    if existing is not None and not existing.deleted:
        raise ActionError("该条文已确认")
    row = {"article_key": heading, "confirmed_by": principal.username[:64], "confirmed_at": utc_now_iso(),
           "note": note.strip()[:500]}
    _write(db, principal, [("citation_confirmation", rid, row, existing is None)],
           ("confirm_citation", f"citation_confirmation:{rid}", {"citation": heading}))
    return rid

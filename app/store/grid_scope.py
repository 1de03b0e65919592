"""Rows of grids this account no longer has: found, their unsent work set aside, then dropped.

The server stops sending a grid's rows when the account loses it; the copies already on the laptop
would otherwise stay readable for ever. At each sync the laptop compares the account's grids with
the ones it had at the previous sync (kept in local_state) and removes every row of a grid it lost,
with its children (rows whose foreign key, or owner_table/owner_id, points at a removed row),
without writing outbox entries: this is not a change the server should hear of. Rows of a grid the
account never had (typed in by mistake) are left to the server's "forbidden" answer and the
needs-attention list, where the user can correct them. Outbox entries that had not reached the server are
moved, with a copy of the row, into `sync_set_aside`, reported to the user and exported for the
office, never silently lost."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, col, select

from app.core.ids import utc_now_iso
from app.store import audit, local_state
from app.store.tables.base import SYNCED_TABLES, SyncedRow
from app.store.tables.local import Outbox
from app.store.tables.sync import SyncConflict, SyncParked, SyncSetAside

UNSENT_STATES = ("pending", "sent", "conflict", "rejected")


@dataclass
class DropReport:
    rows: dict[str, int] = field(default_factory=dict)
    set_aside: int = 0
    grids: set[str] = field(default_factory=set)

    @property
    def total(self) -> int:
        return sum(self.rows.values())


def _table(cls: type[SyncedRow]) -> sa.Table:
    return cls.__table__  # type: ignore[attr-defined]


def _chunks(items: list[str], size: int = 500) -> Iterable[list[str]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


ACCOUNT_GRIDS = "sync.account_grids"


def previous_grids(session: Session) -> set[str] | None:
    """The account's grids at the last sync; None before the first one."""
    raw = local_state.get(session, ACCOUNT_GRIDS)
    if not raw:
        return None
    try:
        loaded = json.loads(raw)
    except ValueError:
        return None
    return {str(g) for g in loaded} if isinstance(loaded, list) else None


def remember_grids(session: Session, grids: set[str]) -> None:
    local_state.put(session, ACCOUNT_GRIDS, json.dumps(sorted(grids)))


def rows_of_grids(session: Session, lost_grids: set[str]) -> tuple[dict[str, set[str]], dict[str, str]]:
    """(entity -> ids to drop, id -> grid) for rows of `lost_grids` and their descendants."""
    conn = session.connection()
    doomed: dict[str, set[str]] = {}
    grid_of: dict[str, str] = {}
    for entity, cls in SYNCED_TABLES.items():
        table = _table(cls)
        if entity == "grid" or "grid_id" not in table.c:
            continue
        stmt = sa.select(table.c.id, table.c.grid_id).where(table.c.grid_id.in_(sorted(lost_grids)))
        for row_id, grid_id in conn.execute(stmt):
            doomed.setdefault(entity, set()).add(row_id)
            grid_of[row_id] = grid_id
    _add_children(session, doomed)
    return doomed, grid_of


def _add_children(session: Session, doomed: dict[str, set[str]], keep: dict[str, set[str]] | None = None) -> None:
    """Children, to a fixed point: foreign keys between synced tables, and owner_table/owner_id.
    Rows in `keep` stay, and so do their children unless they are children of a doomed row too."""
    conn = session.connection()
    keep = keep or {}
    grew = bool(doomed)
    while grew:
        grew = False
        for entity, cls in SYNCED_TABLES.items():
            table = _table(cls)
            found: set[str] = set()
            for fk in table.foreign_keys:
                target = fk.column.table.name
                parents = sorted(doomed.get(target, set()))
                for chunk in _chunks(parents):
                    found.update(r[0] for r in conn.execute(sa.select(table.c.id).where(table.c[fk.parent.name].in_(chunk))))
            if "owner_table" in table.c and "owner_id" in table.c:
                for owner, ids in list(doomed.items()):
                    for chunk in _chunks(sorted(ids)):
                        found.update(
                            r[0]
                            for r in conn.execute(
                                sa.select(table.c.id).where(table.c.owner_table == owner, table.c.owner_id.in_(chunk))
                            )
                        )
            new = found - doomed.get(entity, set()) - keep.get(entity, set())
            if new:
                doomed.setdefault(entity, set()).update(new)
                grew = True


def drop_lost(session: Session, current_grids: set[str], actor: str) -> DropReport:
    """Compares the account's grids with those of the last sync; for each grid lost, sets aside the
    unsent work on its rows, then deletes the rows (children first is not needed: foreign keys are
    checked at commit, when all of them are gone). Remembers `current_grids` for the next sync."""
    report = DropReport()
    before = previous_grids(session)
    remember_grids(session, current_grids)
    if before is None or not before - current_grids:
        return report
    doomed, grid_of = rows_of_grids(session, before - current_grids)
    if not doomed:
        return report
    _drop(session, doomed, grid_of, report, "账号不再负责这个网格，本机删除了它的数据；这项未上传的修改已另存")
    audit.record(
        session,
        "sync",
        f"账号不再负责 {len(report.grids)} 个网格：删除本机 {report.total} 行数据，{report.set_aside} 项未上传的修改已另存",
        actor,
    )
    return report


CASE = "legal_case"


def drop_lost_cases(session: Session, current_grids: set[str], mediated: set[str], actor: str) -> DropReport:
    """Cases of other grids that this account no longer mediates (the office handed them to someone
    else): the case, its parties, steps, attachments and referrals, and its employer when no case it
    still mediates needs it, leave this laptop like the rows of a lost grid. `mediated` is the
    server's list of cases outside the account's grids that it mediates now."""
    report = DropReport()
    conn = session.connection()
    cases = _table(SYNCED_TABLES[CASE])
    lost: set[str] = set()
    kept_employers: set[str] = set()
    lost_employers: set[str] = set()
    grid_of: dict[str, str] = {}
    stmt = sa.select(cases.c.id, cases.c.grid_id, cases.c.enterprise_id)
    for case_id, grid_id, employer in conn.execute(stmt):
        if grid_id in current_grids:
            continue
        if case_id in mediated:
            if employer:
                kept_employers.add(employer)
            continue
        lost.add(case_id)
        grid_of[case_id] = grid_id
        if employer:
            lost_employers.add(employer)
    if not lost:
        return report
    doomed: dict[str, set[str]] = {CASE: set(lost)}
    firms = _table(SYNCED_TABLES["enterprise"])
    for chunk in _chunks(sorted(lost_employers - kept_employers)):
        for firm_id, grid_id in conn.execute(sa.select(firms.c.id, firms.c.grid_id).where(firms.c.id.in_(chunk))):
            if grid_id not in current_grids:
                doomed.setdefault("enterprise", set()).add(firm_id)
                grid_of[firm_id] = grid_id
    referrals = _table(SYNCED_TABLES["referral"]) if "referral" in SYNCED_TABLES else None
    if referrals is not None:
        for chunk in _chunks(sorted(lost)):
            stmt = sa.select(referrals.c.id).where(referrals.c.source_table == CASE, referrals.c.source_id.in_(chunk))
            doomed.setdefault("referral", set()).update(r[0] for r in conn.execute(stmt))
    _add_children(session, doomed, keep={CASE: set(mediated)})
    doomed = {k: v for k, v in doomed.items() if v}
    _drop(session, doomed, grid_of, report, "这件案件已交由其他调解员办理，本机删除了它的数据；这项未上传的修改已另存")
    audit.record(
        session,
        "sync",
        f"{len(lost)} 件案件已改由他人调解：删除本机 {report.total} 行数据，{report.set_aside} 项未上传的修改已另存",
        actor,
    )
    return report


def _drop(
    session: Session, doomed: dict[str, set[str]], grid_of: dict[str, str], report: DropReport, reason: str
) -> None:
    """Sets aside the unsent work on these rows, then deletes them (no outbox entries)."""
    conn = session.connection()
    now = utc_now_iso()
    for entity, ids in doomed.items():
        cls = SYNCED_TABLES[entity]
        table = _table(cls)
        for chunk in _chunks(sorted(ids)):
            rows = {r["id"]: dict(r) for r in conn.execute(table.select().where(table.c.id.in_(chunk))).mappings()}
            entries = session.exec(
                select(Outbox).where(
                    Outbox.entity == entity, col(Outbox.entity_id).in_(chunk), col(Outbox.state).in_(UNSENT_STATES)
                )
            ).all()
            for entry in entries:
                row = rows.get(entry.entity_id, {})
                session.add(
                    SyncSetAside(
                        entity=entity,
                        entity_id=entry.entity_id,
                        grid_id=str(row.get("grid_id") or grid_of.get(entry.entity_id, "")),
                        reason=reason,
                        outbox=json.dumps(_entry_dict(entry), ensure_ascii=False, default=str),
                        row=json.dumps({k: v for k, v in row.items()}, ensure_ascii=False, default=str),
                        created_at=now,
                    )
                )
                report.set_aside += 1
                session.delete(entry)
            for model in (SyncParked, SyncConflict):
                for stale in session.exec(
                    select(model).where(model.entity == entity, col(model.entity_id).in_(chunk))
                ).all():
                    session.delete(stale)
        report.rows[entity] = len(ids)
        report.grids.update(grid_of[i] for i in ids if i in grid_of)
    session.flush()
    conn.exec_driver_sql("PRAGMA defer_foreign_keys = ON")
    for entity, ids in doomed.items():
        table = _table(SYNCED_TABLES[entity])
        for chunk in _chunks(sorted(ids)):
            conn.execute(table.delete().where(table.c.id.in_(chunk)))


def _entry_dict(entry: Outbox) -> dict[str, Any]:
    return {name: getattr(entry, name) for name in Outbox.model_fields}


def set_aside(session: Session) -> list[SyncSetAside]:
    return list(session.exec(select(SyncSetAside).order_by(col(SyncSetAside.id))).all())


def set_aside_count(session: Session) -> int:
    return len(list(session.exec(select(SyncSetAside.id)).all()))

"""The mediator's exception to grid scope: an inspector named as a legal case's mediator handles that
case even when it sits in another grid, so the account pulls the case, the rows hanging on it (parties,
steps, attachments, referrals) and its employer, and may update the case and add to it. Nobody else
outside the case's grid gets any of it: the parties' personal data stays with the grids that own the
case and the mediator who handles it.

Accounts map to inspectors through the synced `inspector.account` field (the server account's
username); the case names its mediator by inspector id. Both are read from the record table at each
request, so a reassignment takes effect at the next sync."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlmodel import Session, col, select

from app.server.accounts import Principal
from app.server.record_data import loads_or_empty
from app.server.records import Key, RecordRow, load_records
from app.server.tables import Record

CASE = "legal_case"
CHILD_ENTITIES = ("case_party", "case_step")
"""Rows naming their case in `case_id`."""
FIXED_FIELDS = ("grid_id", "mediator_id", "enterprise_id")
"""What a mediator from another grid may not change on the case: where it belongs and who handles it."""


@dataclass(frozen=True)
class CaseScope:
    inspector_ids: frozenset[str] = frozenset()
    cases: Mapping[str, str | None] = field(default_factory=dict)
    """Mediated case id -> its grid, for cases outside the account's grids."""
    extra: frozenset[Key] = frozenset()
    """Every row the account sees through the exception: the cases, their children and employers."""

    def sees(self, entity: str, entity_id: str) -> bool:
        return (entity, entity_id) in self.extra

    def case_of(self, entity: str, data: Mapping[str, Any]) -> str | None:
        """The mediated case a row hangs on, if it does."""
        if entity in CHILD_ENTITIES:
            ref = data.get("case_id")
        elif entity == "attachment" and data.get("owner_table") == CASE:
            ref = data.get("owner_id")
        elif entity == "referral" and data.get("source_table") == CASE:
            ref = data.get("source_id")
        else:
            return None
        return ref if isinstance(ref, str) and ref in self.cases else None

    def may_write(
        self,
        entity: str,
        op: str,
        current: RecordRow | None,
        candidate: Mapping[str, Any],
        patch: Mapping[str, Any],
    ) -> bool:
        """An update of a mediated case that leaves its grid, employer and mediator alone, or a new or
        updated row of such a case that carries the case's grid. Deletes stay with the case's grid."""
        if not self.cases or op not in ("insert", "update"):
            return False
        if entity == CASE:
            if current is None or op != "update" or current.id not in self.cases:
                return False
            before = loads_or_empty(current.data)
            return all(name not in patch or patch[name] == before.get(name) for name in FIXED_FIELDS)
        case_id = self.case_of(entity, candidate)
        if case_id is None:
            return False
        if current is not None and self.case_of(entity, loads_or_empty(current.data)) != case_id:
            return False
        own = candidate.get("grid_id")
        return (own in (None, "") and entity == "attachment") or own == self.cases[case_id]


EMPTY = CaseScope()


def _ids_with(
    session: Session, entity: str, name: str, values: list[str]
) -> list[tuple[Record, dict[str, Any]]]:
    """Live rows of `entity` whose JSON field `name` is one of `values`. The LIKE narrows portably
    (the data is written with sorted keys and no spaces); the decoded value decides."""
    out: list[tuple[Record, dict[str, Any]]] = []
    for value in values:
        stmt = select(Record).where(
            Record.entity == entity,
            col(Record.deleted).is_(False),
            col(Record.data).contains(f'"{name}":"{value}"'),
        )
        for record in session.exec(stmt).all():
            data = loads_or_empty(record.data)
            if data.get(name) == value:
                out.append((record, data))
    return out


def case_scope(session: Session, principal: Principal) -> CaseScope:
    """What this account sees beyond its grids because it mediates cases there (nothing for office and
    admin accounts, which see everything anyway)."""
    if principal.sees_all or not principal.username:
        return EMPTY
    inspectors = frozenset(r.id for r, _ in _ids_with(session, "inspector", "account", [principal.username]))
    if not inspectors:
        return EMPTY
    cases: dict[str, str | None] = {}
    extra: set[Key] = set()
    for record, data in _ids_with(session, CASE, "mediator_id", sorted(inspectors)):
        if record.grid_id in principal.grid_ids:
            continue  # already in scope by grid
        cases[record.id] = record.grid_id
        extra.add((CASE, record.id))
        employer = data.get("enterprise_id")
        if isinstance(employer, str) and employer:
            extra.add(("enterprise", employer))
    if cases:
        ids = sorted(cases)
        for entity in CHILD_ENTITIES:
            extra.update((entity, r.id) for r, _ in _ids_with(session, entity, "case_id", ids))
        extra.update(
            ("attachment", r.id)
            for r, d in _ids_with(session, "attachment", "owner_id", ids)
            if d.get("owner_table") == CASE
        )
        extra.update(
            ("referral", r.id)
            for r, d in _ids_with(session, "referral", "source_id", ids)
            if d.get("source_table") == CASE
        )
    return CaseScope(inspectors, cases, frozenset(extra))


def catch_up(session: Session, scope: CaseScope, page: Sequence[Record | RecordRow], cursor: int) -> list[Record]:
    """Rows of mediated cases written before `cursor` that the account could not see then: when a case
    in this page is one it mediates, its children and employer come along (a case newly handed to a
    mediator arrives whole, not as a shell whose parties stayed behind the cursor). The laptop applies
    a page in seq order and retries, within the page, rows that arrived before the row they name."""
    if cursor <= 0 or not scope.cases:
        return []
    in_page = {(r.entity, r.id) for r in page}
    cases = {r.id for r in page if r.entity == CASE and r.id in scope.cases}
    if not cases:
        return []
    wanted: list[Key] = []
    for entity, entity_id in sorted(scope.extra - in_page):
        if entity == CASE:
            continue
        wanted.append((entity, entity_id))
    found = load_records(session, wanted)
    keys = [
        k for k, row in found.items() if row is not None and row.seq <= cursor and _belongs(scope, row, cases)
    ]
    if not keys:
        return []
    stmt = select(Record).where(
        col(Record.entity).in_({k[0] for k in keys}), col(Record.id).in_({k[1] for k in keys})
    )
    wanted_set = set(keys)
    return [r for r in session.exec(stmt).all() if (r.entity, r.id) in wanted_set]


def _belongs(scope: CaseScope, row: RecordRow, cases: set[str]) -> bool:
    data = loads_or_empty(row.data)
    if row.entity == "enterprise":
        return True
    return scope.case_of(row.entity, data) in cases

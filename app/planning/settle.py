"""Settling many conflicts at once, and taking it back: all conflicts of a field, or every conflict a
source takes part in, decided for one source's values; or the office's rules applied to the
conflicts already open. Each settlement has an id; undoing it puts the file's earlier values back
and reopens the conflicts, unless someone changed the value since."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sqlmodel import Session

from app.core.ids import new_id, utc_now_iso
from app.planning.merge import canon, typed_value
from app.planning.rules import CURRENT, Rule, settle
from app.store import changes
from app.store import datapool as store
from app.store.changes import RowUpdate
from app.store.tables import Enterprise
from app.store.tables.datapool import FieldConflict


@dataclass(frozen=True)
class Settlement:
    settle_id: str
    settled: int
    skipped: int  # conflicts without a value from that source


def _apply(session: Session, picks: list[tuple[store.OpenConflictRow, Any, str]], actor: str, status: str) -> str:
    settle_id = new_id()
    now = utc_now_iso()
    enterprise_updates: list[RowUpdate] = []
    conflict_updates: list[RowUpdate] = []
    for conflict, value, how in picks:
        typed = typed_value(conflict.field, value)
        if canon(typed) != canon(conflict.current):
            enterprise_updates.append(RowUpdate(conflict.enterprise_id, conflict.enterprise_version, {conflict.field: typed}, {conflict.field: conflict.current}))
        conflict_updates.append(
            RowUpdate(
                conflict.id,
                conflict.version,
                {
                    "status": status,
                    "chosen_value": json.dumps(canon(value), ensure_ascii=False),
                    "resolved_at": now,
                    "resolved_by": how,
                    "settle_id": settle_id,
                    "previous_value": json.dumps(changes.to_json_value(conflict.current), ensure_ascii=False),
                },
                {"status": "open", "chosen_value": "", "resolved_at": "", "resolved_by": "", "settle_id": "", "previous_value": ""},
            )
        )
    changes.update_many(session, Enterprise, enterprise_updates, actor)
    changes.update_many(session, FieldConflict, conflict_updates, actor)
    return settle_id


def settle_by_source(session: Session, source: str, actor: str, field_name: str | None = None) -> Settlement:
    """Every open conflict (of `field_name`, or of all fields) in which `source` gave a value takes
    that value; "current" keeps the file's value and closes the conflict."""
    picks: list[tuple[store.OpenConflictRow, Any, str]] = []
    skipped = 0
    for conflict in store.open_conflicts_matching(session, field_name):
        if source == CURRENT:
            picks.append((conflict, conflict.current, actor))
            continue
        chosen = next((c for c in conflict.candidates if c.get("source") == source), None)
        if chosen is None:
            skipped += 1
            continue
        picks.append((conflict, chosen.get("value"), actor))
    settle_id = _apply(session, picks, actor, "resolved") if picks else ""
    return Settlement(settle_id, len(picks), skipped)


def apply_rules(session: Session, rules: list[Rule], actor: str) -> Settlement:
    """The office's rules over the conflicts already open (those opened before the rules existed)."""
    picks: list[tuple[store.OpenConflictRow, Any, str]] = []
    for conflict in store.open_conflicts_matching(session):
        if not conflict.candidates:
            continue
        newest = conflict.candidates[-1]
        result = settle(rules, conflict.field, conflict.current, newest.get("value"), conflict.candidates, str(newest.get("source")))
        if result is not None:
            picks.append((conflict, result.value, result.how[:200]))
    settle_id = _apply(session, picks, actor, "auto") if picks else ""
    return Settlement(settle_id, len(picks), 0)


def undo(session: Session, settle_id: str, actor: str) -> int:
    """Takes a settlement back: values put back where the file still holds what was chosen, and the
    conflicts open again. Returns the number of conflicts reopened."""
    enterprise_updates: list[RowUpdate] = []
    conflict_updates: list[RowUpdate] = []
    for conflict in store.open_conflicts_matching(session, settle_id=settle_id):
        row = session.get(FieldConflict, conflict.id)
        if row is None:
            continue
        chosen = typed_value(conflict.field, json.loads(row.chosen_value or "null"))
        previous = typed_value(conflict.field, json.loads(row.previous_value or "null"))
        if canon(conflict.current) == canon(chosen) and canon(previous) != canon(chosen):
            enterprise_updates.append(RowUpdate(conflict.enterprise_id, conflict.enterprise_version, {conflict.field: previous}, {conflict.field: conflict.current}))
        conflict_updates.append(
            RowUpdate(
                conflict.id,
                conflict.version,
                {"status": "open", "chosen_value": "", "resolved_at": "", "resolved_by": "", "settle_id": "", "previous_value": ""},
                {"status": row.status, "settle_id": settle_id},
            )
        )
    changes.update_many(session, Enterprise, enterprise_updates, actor)
    changes.update_many(session, FieldConflict, conflict_updates, actor)
    return len(conflict_updates)

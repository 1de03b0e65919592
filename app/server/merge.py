"""How one mutation meets the server's current row (pure: no SQL, no I/O).

A stale edit is merged field by field against the values the client based it on, so two people who
changed different fields both keep their work, and a field changed on both sides to different values is
never overwritten silently: the server keeps its value and reports a conflict with both values."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from app.sync.protocol import APPEND_ONLY_ENTITIES, MutationStatus

DELETED = "deleted"
RESERVED_FIELDS = frozenset({"id", "version", "updated_at", "updated_by"})


@dataclass(frozen=True)
class RowState:
    version: int
    data: Mapping[str, Any]
    deleted: bool

    def value(self, name: str) -> Any:
        return self.deleted if name == DELETED else self.data.get(name)


@dataclass
class MergeOutcome:
    status: MutationStatus
    data: dict[str, Any] | None = None  # the row's data after the merge; None: nothing to write
    deleted: bool = False
    changed_fields: list[str] = field(default_factory=list)
    conflict_fields: list[str] = field(default_factory=list)
    server_values: dict[str, Any] = field(default_factory=dict)
    message: str = ""

    @property
    def writes(self) -> bool:
        return self.data is not None


def clean_patch(patch: Mapping[str, Any]) -> dict[str, Any]:
    """Bookkeeping fields are the server's to set; a client cannot push them."""
    return {k: v for k, v in patch.items() if k not in RESERVED_FIELDS}


def _write(current: RowState | None, values: Mapping[str, Any]) -> tuple[dict[str, Any], bool]:
    data = dict(current.data) if current else {}
    deleted = current.deleted if current else False
    for name, value in values.items():
        if name == DELETED:
            deleted = bool(value)
        else:
            data[name] = value
    return data, deleted


def merge(
    entity: str,
    op: str,
    current: RowState | None,
    base_version: int,
    patch: Mapping[str, Any],
    base_values: Mapping[str, Any],
) -> MergeOutcome:
    patch = clean_patch(patch)
    if op == "insert":
        return _merge_insert(entity, current, patch)
    if current is None:
        return MergeOutcome("rejected", message=f"{entity} {op}: the server has no such row")
    if op == "delete":
        patch = {DELETED: True}
    if op not in ("update", "delete"):
        return MergeOutcome("rejected", message=f"unknown operation {op!r}")

    restoring = patch.get(DELETED) is False
    if current.deleted and not restoring:
        if op == "delete":
            return MergeOutcome("applied", message="already deleted")
        # The edited fields' server values come along, so "keep the server's" needs no further fetch.
        return MergeOutcome(
            "conflict",
            conflict_fields=[DELETED],
            server_values={**{k: current.value(k) for k in patch}, DELETED: True},
            message="the row was deleted on the server while it was edited here",
        )
    if op == "delete" and base_version != current.version:
        return MergeOutcome(
            "conflict",
            conflict_fields=[DELETED],
            server_values={DELETED: False},
            message="the row was edited on the server after the version this delete was based on",
        )

    apply: dict[str, Any] = {}
    conflicts: dict[str, Any] = {}
    fresh = base_version == current.version
    for name, new in patch.items():
        server = current.value(name)
        if server == new:
            continue
        never_set = name != DELETED and name not in current.data  # e.g. a field newer than the row
        if fresh or never_set or (name in base_values and base_values[name] == server):
            apply[name] = new
        else:
            conflicts[name] = server
    return _outcome(current, apply, conflicts)


def _merge_insert(entity: str, current: RowState | None, patch: dict[str, Any]) -> MergeOutcome:
    if current is None:
        data, deleted = _write(None, patch)
        return MergeOutcome("applied", data=data, deleted=deleted, changed_fields=sorted(patch))
    differing = {k: v for k, v in patch.items() if current.value(k) != v}
    if not differing:
        return MergeOutcome("duplicate", message="the server already has this row")
    if entity in APPEND_ONLY_ENTITIES:
        # Only the device that made this id writes it: its retry carries the newest content.
        return _outcome(current, differing, {})
    return _outcome(current, {}, {k: current.value(k) for k in differing})


def _outcome(current: RowState, apply: dict[str, Any], conflicts: dict[str, Any]) -> MergeOutcome:
    outcome = MergeOutcome("conflict" if conflicts else "applied")
    if apply:
        outcome.data, outcome.deleted = _write(current, apply)
        outcome.changed_fields = sorted(apply)
    if conflicts:
        outcome.conflict_fields = sorted(conflicts)
        outcome.server_values = conflicts
        outcome.message = "changed on the server to other values: " + ", ".join(sorted(conflicts))
    return outcome

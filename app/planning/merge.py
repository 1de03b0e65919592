"""Merging one department's rows into the enterprise files, on the credit code.

For each field a source gives, compared with the file as it stands and with what the same source
said last time:
- the same value: nothing to do;
- the source repeats what it said before: nothing to do (someone chose another value on purpose);
- the file has no value yet: take it;
- the file holds what this source said before and no other source backs that value: the source
  updated its own figure, take it;
- otherwise: a conflict, shown to a person; the file keeps its value meanwhile.
Nothing here touches the database: the result is a plan of rows to write."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from app.core.codes import CodeStatus
from app.core.enterprise import UnionStatus
from app.core.ids import new_id, new_ids, utc_now_iso
from app.planning.geo import GridShape, grid_for_point
from app.planning.mapping import Source
from app.planning.rows import ParsedRow, RowIssue
from app.planning.rules import Rule, settle
from app.store.changes import RowUpdate
from app.store.datapool import encode_values

# Fields an import may write into the enterprise file (credit_code is the key, union_status derived).
ENTERPRISE_FIELDS = (
    "name",
    "address",
    "headcount",
    "registered_date",
    "legal_rep",
    "industry",
    "contact_name",
    "contact_phone",
    "longitude",
    "latitude",
    "grid_id",
    "union_established_date",
    "member_count",
    "registration_status",
    "business_abnormal",
)
_ENTERPRISE_FIELD_SET = frozenset(ENTERPRISE_FIELDS)
SNAPSHOT_FIELDS = ("credit_code", "credit_code_status", *ENTERPRISE_FIELDS, "union_status")
CURRENT = "current"  # the candidate "as the file stands" in a conflict


_PLAIN = frozenset({str, int, type(None), bool})


def canon(value: Any) -> Any:
    """A value as compared and as stored in provenance JSON."""
    if type(value) in _PLAIN:
        return value
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        return round(value, 6)
    return value


DATE_FIELDS = frozenset({"registered_date", "union_established_date"})


def typed_value(field_name: str, value: Any) -> Any:
    """A value as kept in provenance or a conflict (dates as ISO text) back to the field's type."""
    if field_name in DATE_FIELDS and isinstance(value, str) and value:
        return dt.date.fromisoformat(value[:10])
    return value


def is_empty(value: Any) -> bool:
    return value is None or value == ""


@dataclass
class Snapshot:
    id: str
    version: int
    values: dict[str, Any]


@dataclass
class PriorRecord:
    id: str
    version: int
    values: dict[str, list[Any]]  # field -> [canonical value, as-of ISO date]
    as_of: dt.date | None


@dataclass
class OpenConflict:
    id: str
    version: int
    candidates: list[dict[str, Any]]


@dataclass
class ConflictInfo:
    enterprise_id: str
    enterprise_name: str
    credit_code: str
    field: str
    candidates: list[dict[str, Any]]
    row: int


@dataclass
class MergeContext:
    source: Source
    as_of: dt.date
    import_id: str
    by_code: dict[str, Snapshot]
    by_name: dict[str, Snapshot]
    records: dict[str, PriorRecord]  # enterprise id -> this source's record
    conflicts: dict[tuple[str, str], OpenConflict]
    other_sources: Callable[[str], dict[str, dict[str, list[Any]]]]  # enterprise id -> source -> values
    grids: Sequence[GridShape] = ()
    grid_keys: Mapping[str, str] = field(default_factory=dict)  # grid code/name -> grid id
    file_name: str = ""
    matched_ids: set[str] = field(default_factory=set)  # enterprises a row of this file matched (all chunks)
    rules: Sequence[Rule] = ()
    # enterprise id -> the bare values of the first record this merge made for it, turned into a
    # PriorRecord only if a later row of the file meets the enterprise again (rarely: most never are)
    fresh: dict[str, dict[str, Any]] = field(default_factory=dict)

    def prior_record(self, enterprise_id: str) -> PriorRecord | None:
        prior = self.records.get(enterprise_id)
        if prior is None and enterprise_id in self.fresh:
            day = self.as_of.isoformat()
            values = {name: [canon(value), day] for name, value in self.fresh.pop(enterprise_id).items()}
            prior = self.records[enterprise_id] = PriorRecord("", 0, values, self.as_of)
        return prior


@dataclass
class MergePlan:
    enterprise_inserts: list[dict[str, Any]] = field(default_factory=list)
    enterprise_updates: list[RowUpdate] = field(default_factory=list)
    record_inserts: list[dict[str, Any]] = field(default_factory=list)
    record_updates: list[RowUpdate] = field(default_factory=list)
    conflict_inserts: list[dict[str, Any]] = field(default_factory=list)
    conflict_updates: list[RowUpdate] = field(default_factory=list)
    event_inserts: list[dict[str, Any]] = field(default_factory=list)
    # Per enterprise insert: the fields of its first record when that record is the new row's own
    # values (written from the row by the store, see `FromRow`), else None (in record_inserts).
    record_fields: list[tuple[str, ...] | None] = field(default_factory=list)
    issues: list[RowIssue] = field(default_factory=list)
    conflicts: list[ConflictInfo] = field(default_factory=list)
    unchanged: int = 0
    auto_settled: int = 0
    source: str = ""  # of the records the store writes from rows (record_fields)
    as_of: dt.date | None = None

    @property
    def inserted(self) -> int:
        return len(self.enterprise_inserts)

    @property
    def updated(self) -> int:
        return len(self.enterprise_updates)

    @property
    def changes_anything(self) -> bool:
        return bool(
            self.enterprise_inserts
            or self.enterprise_updates
            or self.record_inserts
            or self.record_updates
            or self.conflict_inserts
            or self.conflict_updates
            or self.event_inserts
        )

    @property
    def matched_ids(self) -> set[str]:
        return set()


def _resolve_grid(row: ParsedRow, ctx: MergeContext, plan: MergePlan) -> None:
    values = row.values
    raw = values.pop("grid", None)
    if raw is not None:
        grid_id = ctx.grid_keys.get(str(raw)) or ctx.grid_keys.get(str(raw).upper())
        if grid_id:
            values["grid_id"] = grid_id
        else:
            plan.issues.append(RowIssue(ctx.file_name, row.row, row.column("grid"), f"未知的网格“{raw}”，网格未导入", rejected=False))
    if "grid_id" not in values and "longitude" in values and ctx.grids:
        row.derived_grid = grid_for_point((values["longitude"], values["latitude"]), ctx.grids)


def _record_values(prior: PriorRecord | None, incoming: Mapping[str, Any], as_of: str) -> dict[str, list[Any]]:
    merged = dict(prior.values) if prior else {}
    for name, value in incoming.items():
        merged[name] = [canon(value), as_of]
    return merged


def _conflict_candidates(
    ctx: MergeContext, enterprise_id: str, name: str, current: Any, incoming: Any
) -> list[dict[str, Any]]:
    candidates: list[dict[str, Any]] = []
    for source, values in sorted(ctx.other_sources(enterprise_id).items()):
        if source != ctx.source.value and name in values:
            candidates.append({"source": source, "value": values[name][0], "as_of": values[name][1]})
    if all(c["value"] != canon(current) for c in candidates):
        candidates.insert(0, {"source": CURRENT, "value": canon(current), "as_of": ""})
    candidates.append({"source": ctx.source.value, "value": canon(incoming), "as_of": ctx.as_of.isoformat()})
    return candidates


def _backed_by_other_source(ctx: MergeContext, enterprise_id: str, name: str, current: Any) -> bool:
    for source, values in ctx.other_sources(enterprise_id).items():
        if source != ctx.source.value and name in values and values[name][0] == canon(current):
            return True
    return False


def _merge_existing(row: ParsedRow, snap: Snapshot, ctx: MergeContext, plan: MergePlan, now: str) -> None:
    prior = ctx.prior_record(snap.id)
    prior_values = prior.values if prior else {}
    patch: dict[str, Any] = {}
    for name, value in row.values.items():
        if name not in _ENTERPRISE_FIELD_SET:
            continue
        current = snap.values.get(name)
        if canon(value) == canon(current):
            continue
        said_before = prior_values.get(name)
        if said_before is not None and said_before[0] == canon(value):
            continue
        if is_empty(current):
            patch[name] = value
            continue
        if (
            said_before is not None
            and said_before[0] == canon(current)
            and not _backed_by_other_source(ctx, snap.id, name, current)
        ):
            patch[name] = value
            continue
        candidates = _conflict_candidates(ctx, snap.id, name, current, value)
        existing = ctx.conflicts.get((snap.id, name))
        settled = settle(ctx.rules, name, current, value, candidates, ctx.source.value) if ctx.rules else None
        if settled is not None:
            plan.auto_settled += 1
            if canon(settled.value) != canon(current):
                patch[name] = typed_value(name, settled.value)
            plan.conflict_inserts.append(
                {
                    "enterprise_id": snap.id,
                    "grid_id": snap.values.get("grid_id"),
                    "field": name,
                    "candidates": json.dumps(candidates, ensure_ascii=False),
                    "status": "auto",
                    "chosen_value": json.dumps(canon(settled.value), ensure_ascii=False),
                    "detected_at": now,
                    "resolved_at": now,
                    "resolved_by": settled.how[:200],
                }
            )
            if existing is not None:
                plan.conflict_updates.append(
                    RowUpdate(existing.id, existing.version, {"status": "auto", "resolved_at": now, "resolved_by": settled.how[:200]}, {"status": "open", "resolved_at": "", "resolved_by": ""})
                )
                del ctx.conflicts[(snap.id, name)]
            continue
        if existing is None:
            record = {
                "id": (conflict_id := new_id()),
                "enterprise_id": snap.id,
                "grid_id": snap.values.get("grid_id"),
                "field": name,
                "candidates": json.dumps(candidates, ensure_ascii=False),
                "status": "open",
                "detected_at": now,
            }
            plan.conflict_inserts.append(record)
            ctx.conflicts[(snap.id, name)] = OpenConflict(conflict_id, 0, candidates)
        else:
            if existing.candidates == candidates:
                continue
            plan.conflict_updates.append(
                RowUpdate(
                    existing.id,
                    existing.version,
                    {"candidates": json.dumps(candidates, ensure_ascii=False)},
                    {"candidates": json.dumps(existing.candidates, ensure_ascii=False)},
                )
            )
            existing.candidates = candidates
        plan.conflicts.append(
            ConflictInfo(snap.id, str(snap.values.get("name") or ""), str(snap.values.get("credit_code") or ""), name, candidates, row.row)
        )
    if row.derived_grid and is_empty(snap.values.get("grid_id")):
        patch["grid_id"] = row.derived_grid
    if ctx.source is Source.MEMBERS and snap.values.get("union_status") != UnionStatus.ESTABLISHED.value:
        patch["union_status"] = UnionStatus.ESTABLISHED.value
        plan.event_inserts.append(_establish_event(snap.id, snap.values.get("union_status") or "none", row, ctx, patch, snap))
    if row.code and row.code != snap.values.get("credit_code"):
        patch["credit_code"] = row.code
        patch["credit_code_status"] = row.code_status.value
    if patch:
        base = {k: snap.values.get(k) for k in patch}
        plan.enterprise_updates.append(RowUpdate(snap.id, snap.version, patch, base))
        snap.values.update(patch)
    else:
        plan.unchanged += 1
    _record(row, snap.id, snap.values.get("grid_id"), prior, ctx, plan)


def _establish_event(
    enterprise_id: str, from_status: str, row: ParsedRow, ctx: MergeContext, patch: Mapping[str, Any], snap: Snapshot | None
) -> dict[str, Any]:
    established = row.values.get("union_established_date") or ctx.as_of
    members = row.values.get("member_count")
    grid_id = patch.get("grid_id") or (snap.values.get("grid_id") if snap else row.values.get("grid_id"))
    union_name = row.values.get("union_name", "")
    return {
        "enterprise_id": enterprise_id,
        "grid_id": grid_id,
        "from_status": from_status,
        "to_status": UnionStatus.ESTABLISHED.value,
        "event_date": established,
        "member_count": members,
        "source": Source.MEMBERS.value,
        "note": f"会员库导入（{ctx.file_name}）" + (f"：{union_name}" if union_name else ""),
    }


def _record(
    row: ParsedRow, enterprise_id: str, grid_id: str | None, prior: PriorRecord | None, ctx: MergeContext, plan: MergePlan
) -> None:
    incoming = dict(row.values)
    if row.code:
        incoming["credit_code"] = row.code
    day = ctx.as_of.isoformat()
    if prior is None:
        # A first record: every value dated the list's own date, so the compact form is the values bare.
        bare = incoming
        for name, value in incoming.items():
            kind = value.__class__
            if kind is float:
                bare[name] = round(value, 6)  # canon, inlined: a list's coordinates and dates, on every row
            elif kind is dt.date:
                bare[name] = value.isoformat()
            elif kind not in _PLAIN:
                bare[name] = canon(value)
        if list in map(type, bare.values()):
            payload = encode_values({name: [value, day] for name, value in bare.items()}, ctx.as_of)
        else:
            payload = _sorted_json(bare)
        plan.record_inserts.append(
            {
                "enterprise_id": enterprise_id,
                "grid_id": grid_id,
                "source": ctx.source.value,
                "field_values": payload,
                "as_of": ctx.as_of,
                "import_id": ctx.import_id,
            }
        )
        ctx.fresh[enterprise_id] = bare
        return
    values = _record_values(prior, incoming, day)
    if values == prior.values:
        return
    payload = encode_values(values, ctx.as_of)
    old_payload = encode_values(prior.values, prior.as_of)
    patch: dict[str, Any] = {"field_values": payload, "import_id": ctx.import_id}
    base: dict[str, Any] = {"field_values": old_payload}
    if prior.as_of != ctx.as_of:
        patch["as_of"] = ctx.as_of
        base["as_of"] = prior.as_of
    plan.record_updates.append(RowUpdate(prior.id, prior.version, patch, base))
    prior.values = values


# The compact provenance JSON, as `json.dumps(..., ensure_ascii=False, sort_keys=True)` writes it,
# with one encoder for the whole import instead of a new one per record.
_sorted_json = json.JSONEncoder(ensure_ascii=False, sort_keys=True, check_circular=False).encode
_STATUS_TEXT = {status: status.value for status in CodeStatus}
_NO_UNION = UnionStatus.NONE.value


def _insert_new(row: ParsedRow, ctx: MergeContext, plan: MergePlan, ids: Iterator[str]) -> None:
    name = row.values.get("name")
    if not name:
        plan.issues.append(RowIssue(ctx.file_name, row.row, row.column("name"), "企业库中没有该企业，且未填写企业名称，无法新建，该行未导入"))
        return
    fields = _ENTERPRISE_FIELD_SET
    # Every value the list gave lands in the new row as it is: its first record is those columns of
    # the row, which the store turns into the provenance JSON itself (no JSON built here per row).
    from_row = fields.issuperset(row.values)
    values = dict(row.values) if from_row else {k: v for k, v in row.values.items() if k in fields}
    if from_row:
        plan.record_fields.append((*values, "credit_code") if row.code else tuple(values))
    if "grid_id" not in values and row.derived_grid:
        values["grid_id"] = row.derived_grid
    enterprise_id = next(ids)
    values["id"] = enterprise_id
    values["credit_code"] = row.code
    values["credit_code_status"] = _STATUS_TEXT[row.code_status] if row.code else "missing"
    values["union_status"] = _NO_UNION
    if ctx.source is Source.MEMBERS:
        values["union_status"] = UnionStatus.ESTABLISHED.value
        plan.event_inserts.append(_establish_event(enterprise_id, UnionStatus.NONE.value, row, ctx, values, None))
    plan.enterprise_inserts.append(values)
    snap = Snapshot(enterprise_id, 0, dict(values))  # a copy: a later merge must not change the insert
    if row.code:
        ctx.by_code[row.code] = snap
    ctx.by_name.setdefault(str(name), snap)
    if ctx.source is Source.MEMBERS:
        ctx.matched_ids.add(enterprise_id)
    if from_row:
        incoming = row.values  # the row's own dict: the row is done with once merged
        if row.code:
            incoming["credit_code"] = row.code
        ctx.fresh[enterprise_id] = incoming  # made canonical only if the file meets the enterprise again
        return
    plan.record_fields.append(None)
    _record(row, enterprise_id, values.get("grid_id"), None, ctx, plan)


def plan_merge(
    rows: Sequence[ParsedRow], ctx: MergeContext, progress: Callable[[int, int], None] | None = None
) -> MergePlan:
    plan = MergePlan(source=ctx.source.value, as_of=ctx.as_of)
    now = utc_now_iso()
    total = len(rows)
    ids = iter(sorted(new_ids(total)))  # in order, so each insert into the id index appends
    for i, row in enumerate(rows):
        if progress is not None and i % 2000 == 0:
            progress(i, total)
        _resolve_grid(row, ctx, plan)
        snap = ctx.by_code.get(row.code) if row.code else None
        if snap is None and not row.code and ctx.source is Source.MEMBERS:
            snap = ctx.by_name.get(str(row.values.get("name", "")))
            if snap is None:
                plan.issues.append(
                    RowIssue(ctx.file_name, row.row, row.column("name"), f"企业库中找不到名为“{row.values.get('name')}”的企业，且未填写统一社会信用代码，该行未导入")
                )
                continue
        if snap is None:
            _insert_new(row, ctx, plan, ids)
        else:
            if snap.id in ctx.matched_ids:
                plan.issues.append(RowIssue(ctx.file_name, row.row, row.column("name"), "该行与本文件中另一行对应同一家企业，该行未导入"))
                continue
            ctx.matched_ids.add(snap.id)
            _merge_existing(row, snap, ctx, plan, now)
    if progress is not None:
        progress(total, total)
    return plan


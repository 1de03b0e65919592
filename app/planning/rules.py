"""The office's rules for disagreements between sources, applied during an import so that a person
only sees what no rule settles: a source that is trusted first for a field, the newest list winning,
or a tolerance within which two figures are not a disagreement at all (a headcount 3 people off).
Pure: the rules come in as values, the answer says which value the file keeps and why."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from app.planning.mapping import FIELD_LABELS, SOURCE_LABELS, Source

PRIORITY, NEWEST, TOLERANCE = "priority", "newest", "tolerance"
KIND_LABELS = {PRIORITY: "来源优先", NEWEST: "最新名录优先", TOLERANCE: "容差"}
CURRENT = "current"
ANY_FIELD = "*"


@dataclass(frozen=True)
class Rule:
    field: str  # a field name or "*"
    kind: str  # priority | newest | tolerance
    source: str = ""  # tolerance: the source whose newer figure is taken ("" any); otherwise unused
    priority: tuple[str, ...] = ()  # priority: sources, most trusted first ("current" = the file as it stands)
    tolerance_pct: float = 0.0

    def describe(self) -> str:
        field = "所有字段" if self.field == ANY_FIELD else FIELD_LABELS.get(self.field, self.field)
        if self.kind == PRIORITY:
            order = " > ".join(source_label(s) for s in self.priority)
            return f"{field}：来源优先（{order}）"
        if self.kind == NEWEST:
            return f"{field}：最新名录优先"
        who = f"{source_label(self.source)}的" if self.source else ""
        return f"{field}：相差不超过 {self.tolerance_pct:g}% 时采用{who}新数值"


@dataclass(frozen=True)
class Settlement:
    value: Any
    how: str  # one sentence kept with the settled conflict


def source_label(source: str) -> str:
    if source == CURRENT:
        return "档案现值"
    try:
        return SOURCE_LABELS[Source(source)]
    except ValueError:
        return source


def _number(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value)
    return None


def _applies(rule: Rule, field: str) -> bool:
    return rule.field in (field, ANY_FIELD)


def settle(
    rules: Sequence[Rule], field: str, current: Any, incoming: Any, candidates: Sequence[dict[str, Any]], source: str
) -> Settlement | None:
    """The first rule for this field (rules for the field itself before "*") that decides; None when
    none does and a person must choose. `candidates` as a conflict keeps them: source, value, as_of."""
    ordered = [r for r in rules if r.field == field] + [r for r in rules if r.field == ANY_FIELD]
    for rule in ordered:
        if not _applies(rule, field):
            continue
        if rule.kind == TOLERANCE:
            a, b = _number(current), _number(incoming)
            if a is None or b is None:
                continue
            if abs(b - a) <= abs(a) * rule.tolerance_pct / 100:
                take = not rule.source or rule.source == source
                return Settlement(
                    incoming if take else current,
                    f"规则：{rule.describe()}（{a:g} 与 {b:g}），{'采用' + source_label(source) + '的数值' if take else '保留档案现值'}",
                )
        elif rule.kind == NEWEST:
            dated = [c for c in candidates if c.get("as_of")]
            if not dated:
                continue
            newest = max(dated, key=lambda c: str(c["as_of"]))
            return Settlement(newest["value"], f"规则：{rule.describe()}，采用{source_label(newest['source'])}（{newest['as_of']}）的数值")
        elif rule.kind == PRIORITY:
            ranked = [c for c in candidates if c.get("source") in rule.priority]
            if not ranked:
                continue
            best = min(ranked, key=lambda c: rule.priority.index(c["source"]))
            return Settlement(best["value"], f"规则：{rule.describe()}，采用{source_label(best['source'])}的数值")
    return None

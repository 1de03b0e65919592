"""The early-warning score (预警): a sum of simple rules over signals the program holds, each rule with
a weight the office can tune and a reason a person can read. No black box: the score of an enterprise
is exactly the sum of the points its reasons show.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

# rule key -> (label, default weight, unit text). A weight is the points one unit of the signal adds;
# caps keep one noisy signal from drowning the others.
RULES: dict[str, tuple[str, float, str]] = {
    "orders": ("12351工单", 8.0, "件"),
    "wage_orders": ("欠薪类12351工单", 12.0, "件"),
    "matters": ("监督事项", 6.0, "件"),
    "wage_matters": ("欠薪类监督事项", 10.0, "件"),
    "cases": ("劳动争议案件", 10.0, "件"),
    "arrears": ("欠薪金额", 4.0, "万元"),
    "headcount_drop": ("参保人数下降", 30.0, "比例"),
    "abnormal": ("经营异常", 25.0, "次"),
    "cancelled": ("注销/吊销", 40.0, "次"),
    "overdue_letters": ("逾期未回复函件", 10.0, "件"),
}
DEFAULT_CAPS: dict[str, float] = {
    "orders": 5,
    "wage_orders": 5,
    "matters": 5,
    "wage_matters": 5,
    "cases": 5,
    "arrears": 20,
    "headcount_drop": 1,
    "abnormal": 1,
    "cancelled": 1,
    "overdue_letters": 5,
}
DEFAULT_LEVELS = {"high": 60.0, "medium": 30.0}
LEVEL_LABELS = {"high": "高", "medium": "中", "low": "低"}


@dataclass(frozen=True)
class Weights:
    """Tunable weights and thresholds; missing keys keep their defaults."""

    weights: dict[str, float] = field(default_factory=lambda: {k: v[1] for k, v in RULES.items()})
    caps: dict[str, float] = field(default_factory=lambda: dict(DEFAULT_CAPS))
    levels: dict[str, float] = field(default_factory=lambda: dict(DEFAULT_LEVELS))
    headcount_drop_threshold: float = 0.3  # a drop below this share is not counted

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Weights:
        """Reads the office's weights file; raises ValueError naming the bad entry."""
        base = cls()
        weights, caps, levels = dict(base.weights), dict(base.caps), dict(base.levels)
        for section, target in (("weights", weights), ("caps", caps), ("levels", levels)):
            given = data.get(section) or {}
            if not isinstance(given, Mapping):
                raise ValueError(f"权重文件中“{section}”应为键值表")
            for key, value in given.items():
                if key not in target:
                    raise ValueError(f"权重文件中“{section}.{key}”不是已知的规则")
                if isinstance(value, bool) or not isinstance(value, int | float) or value < 0 or math.isnan(value):
                    raise ValueError(f"权重文件中“{section}.{key}”应为不小于 0 的数")
                target[key] = float(value)
        threshold = data.get("headcount_drop_threshold", base.headcount_drop_threshold)
        if isinstance(threshold, bool) or not isinstance(threshold, int | float) or not 0 <= threshold < 1:
            raise ValueError("权重文件中“headcount_drop_threshold”应在 0 到 1 之间")
        return cls(weights=weights, caps=caps, levels=levels, headcount_drop_threshold=float(threshold))

    def to_dict(self) -> dict[str, Any]:
        return {
            "weights": dict(self.weights),
            "caps": dict(self.caps),
            "levels": dict(self.levels),
            "headcount_drop_threshold": self.headcount_drop_threshold,
        }


@dataclass(frozen=True)
class Reason:
    rule: str
    label: str
    value: float
    points: float

    def text(self) -> str:
        unit = RULES[self.rule][2]
        if self.rule == "headcount_drop":
            shown = f"{self.value:.0%}"
        elif self.rule == "arrears":
            shown = f"{self.value:.1f}{unit}"
        else:
            shown = f"{self.value:g}{unit}"
        return f"{self.label} {shown}（+{self.points:.0f}）"


@dataclass(frozen=True)
class Score:
    key: str
    score: float
    level: str
    reasons: tuple[Reason, ...]

    def reason_text(self) -> str:
        return "；".join(r.text() for r in self.reasons)


def level_of(score: float, weights: Weights) -> str:
    if score >= weights.levels["high"]:
        return "high"
    if score >= weights.levels["medium"]:
        return "medium"
    return "low"


def score_signals(key: str, signals: Mapping[str, float], weights: Weights) -> Score:
    """One enterprise's (or area's) score from its signals; zero signals give no reasons."""
    reasons: list[Reason] = []
    total = 0.0
    w, caps = weights.weights, weights.caps
    for rule, value in signals.items():
        if not value:
            continue
        if rule == "headcount_drop" and value < weights.headcount_drop_threshold:
            continue
        weight = w.get(rule, 0.0)
        if weight <= 0:
            continue
        points = weight * min(float(value), caps.get(rule, math.inf))
        if points <= 0:
            continue
        total += points
        reasons.append(Reason(rule, RULES[rule][0], float(value), points))
    reasons.sort(key=lambda r: -r.points)
    return Score(key, round(total, 1), level_of(total, weights), tuple(reasons))


def score_many(signals: Mapping[str, Mapping[str, float]], weights: Weights) -> list[Score]:
    """Scores for many keys, highest first (ties by key, so the list is stable)."""
    scores = [score_signals(key, sig, weights) for key, sig in signals.items()]
    scores.sort(key=lambda s: (-s.score, s.key))
    return scores


def aggregate(scores: Iterable[Score], group_of: Mapping[str, str]) -> dict[str, tuple[float, int, int]]:
    """Per group (industry, grid): (mean score, enterprises with a score > 0, enterprises at high level)."""
    sums: dict[str, list[float]] = {}
    for s in scores:
        group = group_of.get(s.key, "")
        entry = sums.setdefault(group, [0.0, 0, 0, 0])
        entry[0] += s.score
        entry[1] += 1
        entry[2] += 1 if s.score > 0 else 0
        entry[3] += 1 if s.level == "high" else 0
    return {g: (round(v[0] / v[1], 1) if v[1] else 0.0, int(v[2]), int(v[3])) for g, v in sums.items()}

"""Deadlines counted in calendar or working days.

The day counts differ by locality (one provincial 条例 gives an employer 15 working days to answer an
意见书, 南昌 gives 60 days), so every period is a setting, not a constant. Working days skip Saturdays,
Sundays and listed public holidays, and count listed make-up working days (调休) on weekends."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, fields, replace
from typing import Any


@dataclass(frozen=True)
class Period:
    days: int
    working: bool = False

    def describe(self) -> str:
        return f"{self.days}个{'工作日' if self.working else '自然日'}"


@dataclass(frozen=True)
class DeadlineRules:
    """Defaults follow DOMAIN.md where it has a figure; the others are placeholders an office sets."""

    handle: Period = Period(10, True)  # a new matter: act on it (letter or on-the-spot fix)
    reply_tips: Period = Period(15, False)  # employer answers a 提示函
    reply_opinion: Period = Period(15, True)  # employer answers an 意见书 (one provincial 条例)
    reply_advice: Period = Period(5, True)  # department files the 建议书 case (same 条例)
    rectify: Period = Period(30, False)  # employer rectifies once it has agreed to
    holidays: frozenset[dt.date] = field(default_factory=frozenset)
    workdays: frozenset[dt.date] = field(default_factory=frozenset)

    def reply_period(self, kind: str) -> Period:
        return {"tips": self.reply_tips, "opinion": self.reply_opinion, "advice": self.reply_advice}.get(
            kind, self.reply_opinion
        )

    def is_working_day(self, day: dt.date) -> bool:
        if day in self.workdays:
            return True
        if day in self.holidays:
            return False
        return day.weekday() < 5

    def add(self, start: dt.date, period: Period) -> dt.date:
        """The last day of a period that starts the day after `start` (the day of service does not count)."""
        if not period.working:
            return start + dt.timedelta(days=period.days)
        day, left = start, period.days
        while left > 0:
            day += dt.timedelta(days=1)
            if self.is_working_day(day):
                left -= 1
        return day

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for f in fields(self):
            value = getattr(self, f.name)
            if isinstance(value, Period):
                out[f.name] = {"days": value.days, "working": value.working}
            else:
                out[f.name] = sorted(d.isoformat() for d in value)
        return out

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> DeadlineRules:
        """Unknown keys are ignored and bad values fall back to the default, so a hand-edited setting
        never stops the program."""
        rules = cls()
        changes: dict[str, Any] = {}
        for f in fields(cls):
            raw = data.get(f.name)
            if raw is None:
                continue
            if f.name in ("holidays", "workdays"):
                changes[f.name] = frozenset(_dates(raw))
            elif isinstance(raw, Mapping):
                try:
                    days = int(raw.get("days", -1))
                except (TypeError, ValueError):
                    continue
                if 0 < days <= 3650:
                    changes[f.name] = Period(days, bool(raw.get("working", False)))
        return replace(rules, **changes)


def _dates(raw: Any) -> Iterable[dt.date]:
    if not isinstance(raw, list):
        return []
    out = []
    for item in raw:
        try:
            out.append(dt.date.fromisoformat(str(item)))
        except ValueError:
            continue
    return out

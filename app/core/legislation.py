"""Rules of the legislative contact point (基层立法联系点): the path of a suggestion from collection to
the congress's decision, the kinds of meetings and sources, and the year's figures.

    collected ──merge──▶ summarised (its text lives on in a summary suggestion)
        │
        └──────send──▶ sent ──▶ adopted | partly_adopted | not_adopted

A summary suggestion is itself collected, sent and decided; when it is decided, its sources follow.
Only a collected suggestion can be merged or sent; a decision needs the suggestion to have been sent,
and an adoption needs the published law that took it up."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from app.core.problems import Problem


class SuggestionStatus(StrEnum):
    COLLECTED = "collected"
    SUMMARISED = "summarised"
    SENT = "sent"
    ADOPTED = "adopted"
    PARTLY_ADOPTED = "partly_adopted"
    NOT_ADOPTED = "not_adopted"

    @property
    def label(self) -> str:
        return SUGGESTION_STATUS_LABELS[self]


SUGGESTION_STATUS_LABELS = {
    SuggestionStatus.COLLECTED: "已收集",
    SuggestionStatus.SUMMARISED: "已归纳",
    SuggestionStatus.SENT: "已报送",
    SuggestionStatus.ADOPTED: "已采纳",
    SuggestionStatus.PARTLY_ADOPTED: "部分采纳",
    SuggestionStatus.NOT_ADOPTED: "未采纳",
}

DECIDED = frozenset({SuggestionStatus.ADOPTED, SuggestionStatus.PARTLY_ADOPTED, SuggestionStatus.NOT_ADOPTED})
ADOPTED = frozenset({SuggestionStatus.ADOPTED, SuggestionStatus.PARTLY_ADOPTED})

SOURCE_LABELS = {
    "task": "征询任务",
    "meeting": "座谈会议",
    "questionnaire": "问卷",
    "visit": "走访",
    "other": "其他",
}

MEETING_KINDS = {
    "hearing": "意见征询会",
    "expert": "专家解读会",
    "area": "片区征询",
    "exchange": "基层交流会",
}

TARGET_KINDS = {"informant": "立法信息员", "unit": "联系单位", "point": "采集点"}

CONSULTATION_STATUS_LABELS = {"open": "征询中", "summarised": "已汇总", "sent": "已报送", "closed": "已结束"}


class SuggestionError(ValueError):
    """A step the suggestion's state does not allow; the message is one sentence for the user."""


def check_merge(statuses: Iterable[str]) -> None:
    """Suggestions to merge into one summary: at least two, all still only collected."""
    values = [SuggestionStatus(s) for s in statuses]
    if len(values) < 2:
        raise SuggestionError("归纳至少需要选择两条建议")
    if any(s is not SuggestionStatus.COLLECTED for s in values):
        raise SuggestionError("只有“已收集”的建议可以归纳；已归纳、已报送或已有结果的建议不能再归纳")


def check_send(status: str, number: str, sent_on: dt.date | None, today: dt.date) -> None:
    if SuggestionStatus(status) is not SuggestionStatus.COLLECTED:
        raise SuggestionError(f"这条建议的状态是“{SuggestionStatus(status).label}”，只有“已收集”的建议可以报送")
    if not number.strip():
        raise SuggestionError("报送需要填写报送文件的文号")
    if sent_on is None or sent_on > today:
        raise SuggestionError("报送日期不能为空，也不能晚于今天")


def check_decision(status: str, outcome: str, law: str, decided_on: dt.date | None, sent_on: dt.date | None,
                   today: dt.date) -> None:
    current = SuggestionStatus(status)
    result = SuggestionStatus(outcome)
    if result not in DECIDED:
        raise SuggestionError("采纳结果只能是“已采纳”“部分采纳”或“未采纳”")
    if current is not SuggestionStatus.SENT:
        raise SuggestionError(f"这条建议的状态是“{current.label}”，报送之后才能记录采纳结果")
    if result in ADOPTED and not law.strip():
        raise SuggestionError("采纳或部分采纳需要写明采纳它的法律法规名称")
    if decided_on is None or decided_on > today:
        raise SuggestionError("结果日期不能为空，也不能晚于今天")
    if sent_on is not None and decided_on < sent_on:
        raise SuggestionError("结果日期不能早于报送日期")


def validate_suggestion(data: Mapping[str, Any]) -> list[Problem]:
    problems: list[Problem] = []
    if not str(data.get("content") or "").strip():
        problems.append(Problem("content", "建议内容不能为空"))
    if str(data.get("source_kind") or "other") not in SOURCE_LABELS:
        problems.append(Problem("source_kind", "建议来源无效"))
    if len(str(data.get("content") or "")) > 8000:
        problems.append(Problem("content", "建议内容过长（最多 8000 字）"))
    return problems


@dataclass
class YearFigures:
    """The contact point's figures for one year, as the district reports them."""

    year: int
    consultations: int = 0
    meetings: int = 0
    meeting_attendance: int = 0
    tasks_sent: int = 0
    tasks_returned: int = 0
    suggestions: int = 0
    summaries: int = 0
    sent: int = 0
    adopted: int = 0
    partly_adopted: int = 0
    not_adopted: int = 0
    laws_adopting: int = 0
    questionnaires_valid: int = 0
    questionnaires_invalid: int = 0
    matters_raised: int = 0
    per_unit: list[tuple[str, int, int]] = field(default_factory=list)  # name, suggestions, adopted
    per_informant: list[tuple[str, int, int]] = field(default_factory=list)


def figure_rows(f: YearFigures) -> list[tuple[str, int]]:
    """The figures as the report lists them, in the order the district reports them."""
    return [
        ("参与征询的法律法规草案", f.consultations),
        ("召开征询会议（场）", f.meetings),
        ("参会人次", f.meeting_attendance),
        ("发出征询任务", f.tasks_sent),
        ("收回征询任务", f.tasks_returned),
        ("收集意见建议（条）", f.suggestions),
        ("归纳形成建议（条）", f.summaries),
        ("报送建议（条，归纳后）", f.sent),
        ("被采纳的意见建议（条）", f.adopted),
        ("被部分采纳的意见建议（条）", f.partly_adopted),
        ("未被采纳的意见建议（条）", f.not_adopted),
        ("采纳建议的法律法规（部）", f.laws_adopting),
        ("有效问卷（份）", f.questionnaires_valid),
        ("无效问卷（份）", f.questionnaires_invalid),
        ("转为监督事项的建议（条）", f.matters_raised),
    ]

"""Letters of 一函两书: their kinds, the life of one letter from draft to closed, and the document
number 代字〔2026〕N号 (GB/T 9704 §7.2.5: year in full inside 六角括号, no 第, no leading zeros).

A letter issued with no number block left carries a provisional number, 代字〔2026〕临3号（天玄宇机）:
readable on paper, unique per device (the device's short name is part of it), and replaced by a real
number as soon as the device holds a block again; the provisional number stays on the record so paper
copies can still be matched.

A letter's deadline is stored once, on the letter, when it is issued; the body carries DEADLINE_TOKEN
where the date goes, and the renderer prints the stored date there, so the page, the register and the
matter can never show two different dates."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from app.core.matters import ALL_ROLES, OFFICE_ROLES, Role
from app.core.problems import Problem


class LetterKind(StrEnum):
    TIPS = "tips"
    OPINION = "opinion"
    ADVICE = "advice"

    @property
    def label(self) -> str:
        return KIND_LABELS[self]

    @property
    def document_title(self) -> str:
        return KIND_TITLES[self]

    @property
    def to_department(self) -> bool:
        return self is LetterKind.ADVICE


KIND_LABELS = {LetterKind.TIPS: "提示函", LetterKind.OPINION: "意见书", LetterKind.ADVICE: "建议书"}
KIND_TITLES = {
    LetterKind.TIPS: "工会劳动法律监督提示函",
    LetterKind.OPINION: "工会劳动法律监督意见书",
    LetterKind.ADVICE: "工会劳动法律监督建议书",
}
# 代字 per kind; the office sets its own (usually with the district's short name in front).
DEFAULT_CODES = {LetterKind.TIPS: "工监提", LetterKind.OPINION: "工监意", LetterKind.ADVICE: "工监建"}
ESCALATION = (LetterKind.TIPS, LetterKind.OPINION, LetterKind.ADVICE)


def next_kind(kind: LetterKind | str | None) -> LetterKind:
    """The letter that follows one that was ignored: 提示函 → 意见书 → 建议书."""
    if kind is None:
        return LetterKind.TIPS
    i = ESCALATION.index(LetterKind(kind))
    return ESCALATION[min(i + 1, len(ESCALATION) - 1)]


class LetterStatus(StrEnum):
    DRAFT = "draft"
    ISSUED = "issued"
    SERVED = "served"
    REPLIED = "replied"
    CLOSED = "closed"
    VOID = "void"

    @property
    def label(self) -> str:
        return LETTER_STATUS_LABELS[self]


LETTER_STATUS_LABELS = {
    LetterStatus.DRAFT: "草稿",
    LetterStatus.ISSUED: "已发出",
    LetterStatus.SERVED: "已送达",
    LetterStatus.REPLIED: "已回复",
    LetterStatus.CLOSED: "已办结",
    LetterStatus.VOID: "已作废",
}


class LetterAction(StrEnum):
    ISSUE = "issue"
    SERVE = "serve"
    REPLY = "reply"
    CLOSE = "close"
    VOID = "void"


@dataclass(frozen=True)
class LetterTransition:
    action: LetterAction
    label: str
    sources: frozenset[LetterStatus]
    target: LetterStatus
    requires: tuple[str, ...] = ()
    confirm: str = ""


LETTER_TRANSITIONS: tuple[LetterTransition, ...] = (
    LetterTransition(
        LetterAction.ISSUE,
        "发出",
        frozenset({LetterStatus.DRAFT}),
        LetterStatus.ISSUED,
        ("issued_on",),
        "发出后将取号并生成正式文本，内容不能再修改。确认发出？",
    ),
    LetterTransition(
        LetterAction.SERVE,
        "送达",
        frozenset({LetterStatus.ISSUED}),
        LetterStatus.SERVED,
        ("served_on",),
        "确认函件已送达（以回执签收日期为准）？",
    ),
    LetterTransition(
        LetterAction.REPLY,
        "回复",
        frozenset({LetterStatus.ISSUED, LetterStatus.SERVED}),
        LetterStatus.REPLIED,
        ("replied_on",),
        "确认已收到书面回复？",
    ),
    LetterTransition(
        LetterAction.CLOSE,
        "办结",
        frozenset({LetterStatus.SERVED, LetterStatus.REPLIED}),
        LetterStatus.CLOSED,
        (),
        "确认此函件办结？",
    ),
    LetterTransition(
        LetterAction.VOID,
        "作废草稿",
        frozenset({LetterStatus.DRAFT}),
        LetterStatus.VOID,
        (),
        "确认作废此草稿？",
    ),
)
_LETTER_BY_ACTION = {t.action: t for t in LETTER_TRANSITIONS}
_DATE_LABELS = {"issued_on": "发出日期", "served_on": "送达日期", "replied_on": "回复日期"}
_DATE_ORDER = ("issued_on", "served_on", "replied_on", "closed_on")


def letter_transition(action: LetterAction | str) -> LetterTransition:
    return _LETTER_BY_ACTION[LetterAction(action)]


def letter_actions(status: LetterStatus | str) -> list[LetterTransition]:
    status = LetterStatus(status)
    return [t for t in LETTER_TRANSITIONS if status in t.sources]


def may_issue(kind: LetterKind | str, role: Role | str) -> bool:
    """A 建议书 goes to a government department in the union's name: the office issues it."""
    try:
        r = Role(role)
    except ValueError:
        r = Role.INSPECTOR
    return r in (OFFICE_ROLES if LetterKind(kind).to_department else ALL_ROLES)


def check_letter_transition(
    status: LetterStatus | str,
    action: LetterAction | str,
    data: Mapping[str, Any],
    dates: Mapping[str, dt.date | None],
    *,
    kind: LetterKind | str | None = None,
    role: Role | str = Role.OFFICE,
    today: dt.date | None = None,
) -> list[Problem]:
    """`dates` are the letter's recorded dates; a new date may not precede the ones before it."""
    t = letter_transition(action)
    status = LetterStatus(status)
    problems: list[Problem] = []
    if status not in t.sources:
        problems.append(Problem("status", f"函件当前为“{status.label}”，不能“{t.label}”"))
    if t.action is LetterAction.ISSUE and kind is not None and not may_issue(kind, role):
        problems.append(Problem("role", f"{LetterKind(kind).label}须由区总工会工作人员发出"))
    for name in t.requires:
        value = data.get(name)
        if not isinstance(value, dt.date):
            problems.append(Problem(name, f"“{t.label}”须填写{_DATE_LABELS.get(name, name)}"))
            continue
        if today and value > today:
            problems.append(Problem(name, f"{_DATE_LABELS.get(name, name)}不能晚于今天"))
        earlier = [dates.get(k) for k in _DATE_ORDER[: _DATE_ORDER.index(name)]]
        latest = max((d for d in earlier if d is not None), default=None)
        if latest and value < latest:
            problems.append(Problem(name, f"{_DATE_LABELS.get(name, name)}不能早于{latest.isoformat()}"))
    return problems


def reply_due(
    status: LetterStatus | str, issued_on: dt.date | None, served_on: dt.date | None
) -> dt.date | None:
    """The date the reply period starts from: service if recorded, else issue."""
    if LetterStatus(status) not in (LetterStatus.ISSUED, LetterStatus.SERVED):
        return None
    return served_on or issued_on


# Document numbers -----------------------------------------------------------------------------------

_NUMBER = re.compile(
    r"^(?P<code>[^〔〕]+)〔(?P<year>\d{4})〕"
    r"(?:(?P<old>临字(?P<odev>[0-9A-Z]+)-)|(?P<new>临))?(?P<seq>[1-9]\d*)号(?:（(?P<ndev>[^（）]+)）)?$"
)


def format_number(code: str, year: int, seq: int) -> str:
    if seq < 1:
        raise ValueError("文号序号必须从1开始")
    return f"{code}〔{year}〕{seq}号"


def format_provisional(code: str, year: int, device_tag: str, seq: int) -> str:
    """代字〔2026〕临3号（天玄宇机）: the device's short name in brackets keeps two laptops apart."""
    if seq < 1:
        raise ValueError("临时编号序号必须从1开始")
    return f"{code}〔{year}〕临{seq}号（{device_tag}）"


@dataclass(frozen=True)
class ParsedNumber:
    code: str
    year: int
    seq: int
    provisional: bool
    device: str = ""


def parse_number(number: str) -> ParsedNumber | None:
    m = _NUMBER.match(number.strip())
    if not m:
        return None
    provisional = bool(m["old"] or m["new"])
    if m["ndev"] and not provisional:
        return None
    return ParsedNumber(m["code"], int(m["year"]), int(m["seq"]), provisional, m["odev"] or m["ndev"] or "")


# Characters of the 千字文's opening: easy to read aloud and write by hand, none of them a digit or a
# letter, so a short name never looks like a code.
_NAME_CHARS = "天地玄黄宇宙洪荒日月星辰寒来暑往秋收冬藏云腾致雨露结为霜金生丽水"


def device_tag(device_id: str) -> str:
    """A short readable name of a device (three characters and 机, e.g. 玄宙收机) made from the random
    end of its id; the time-ordered front of a UUIDv7 would make devices set up the same hour alike."""
    cleaned = re.sub(r"[^0-9A-Fa-f]", "", device_id)[-8:] or "0"
    value = int(cleaned, 16)
    chars = []
    for _ in range(3):
        value, rest = divmod(value, len(_NAME_CHARS))
        chars.append(_NAME_CHARS[rest])
    return "".join(chars) + "机"


def valid_device_name(name: str) -> str | None:
    """The problem with a short name an office types for a laptop, or None."""
    name = name.strip()
    if not name:
        return "本机简称不能为空"
    if len(name) > 8:
        return "本机简称最多8个字"
    if any(c in name for c in "〔〕[]()（）号 "):
        return "本机简称不能含括号、空格或“号”"
    return None


# One deadline ------------------------------------------------------------------------------------------

DEADLINE_TOKEN = "【期限】"


def chinese_date(day: dt.date) -> str:
    """2026年3月5日: Arabic numerals, the year in full, no leading zeros (GB/T 9704 §7.3.5.4)."""
    return f"{day.year}年{day.month}月{day.day}日"


def fill_deadline(text: str, deadline: dt.date | None) -> str:
    """The text as printed: the stored deadline where the token stands."""
    if deadline is None or DEADLINE_TOKEN not in text:
        return text
    return text.replace(DEADLINE_TOKEN, chinese_date(deadline))


def predecessor_kinds(kind: LetterKind | str) -> tuple[LetterKind, ...]:
    """The letters one must have waited out before this one: an 意见书 follows a 提示函 (when there
    was one), a 建议书 follows an 意见书, or a 提示函 when no 意见书 was issued."""
    kind = LetterKind(kind)
    if kind is LetterKind.OPINION:
        return (LetterKind.TIPS,)
    if kind is LetterKind.ADVICE:
        return (LetterKind.OPINION, LetterKind.TIPS)
    return ()


def check_escalation(
    kind: LetterKind | str,
    previous_kind: LetterKind | str | None,
    previous_number: str,
    previous_deadline: dt.date | None,
    on: dt.date,
) -> list[Problem]:
    """An 意见书 or 建议书 is sent only once the earlier letter's deadline has passed, so it never says
    the employer is late before it is; a 建议书 needs an earlier letter at all."""
    kind = LetterKind(kind)
    if kind is LetterKind.TIPS:
        return []
    if previous_kind is None:
        if kind is LetterKind.ADVICE:
            return [Problem("kind", "本事项尚未发出意见书或提示函，不能发出建议书。")]
        return []
    if previous_deadline is not None and on <= previous_deadline:
        label = LetterKind(previous_kind).label
        return [
            Problem(
                "kind",
                f"{label}{previous_number}的期限至{chinese_date(previous_deadline)}，"
                f"期限届满后才能发出{kind.label}。",
            )
        ]
    return []


_SECOND_PERSON = (
    ("你们单位", "该单位"),
    ("你单位", "该单位"),
    ("贵单位", "该单位"),
    ("你公司", "该公司"),
    ("贵公司", "该公司"),
    ("你厂", "该厂"),
    ("贵厂", "该厂"),
    ("你店", "该店"),
    ("贵店", "该店"),
    ("你方", "该单位"),
    ("贵方", "该单位"),
)


def third_person(text: str) -> str:
    """Facts written to the employer (“你单位…”, “贵公司…”) retold to a department: a 建议书 speaks
    of the employer, not to it."""
    for old, new in _SECOND_PERSON:
        text = text.replace(old, new)
    return text


def series_key(code: str) -> str:
    """Numbers run per 代字 and year (each 代字 its own sequence, as in 公文 practice)."""
    return code

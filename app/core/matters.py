"""The closed loop of a supervision matter (监督事项): a problem stays open until someone has verified
that it was put right. Which step may follow which, who may take it, and what it must record.

    open ──letter──▶ letter_issued ──agreed──▶ rectifying ──verified──▶ rectified ──close──▶ closed
      │                   │    ▲                   │                       │
      │                   └────┘ (stronger letter) │                       └─reopen─▶ rectifying
      └─────────── escalate (建议书 to a department) ┴──▶ escalated ──verified──▶ rectified

A matter found fixed on the spot may go straight to rectified (with the verification note); an
unfounded report may be dismissed (closed with a reason) by the office only."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from app.core.problems import Problem


class MatterStatus(StrEnum):
    OPEN = "open"
    LETTER_ISSUED = "letter_issued"
    RECTIFYING = "rectifying"
    RECTIFIED = "rectified"
    CLOSED = "closed"
    ESCALATED = "escalated"

    @property
    def label(self) -> str:
        return MATTER_STATUS_LABELS[self]


MATTER_STATUS_LABELS = {
    MatterStatus.OPEN: "待处理",
    MatterStatus.LETTER_ISSUED: "已发函",
    MatterStatus.RECTIFYING: "整改中",
    MatterStatus.RECTIFIED: "已整改（已核实）",
    MatterStatus.CLOSED: "已办结",
    MatterStatus.ESCALATED: "已移送",
}

ACTIVE_STATUSES = frozenset(
    {MatterStatus.OPEN, MatterStatus.LETTER_ISSUED, MatterStatus.RECTIFYING, MatterStatus.ESCALATED}
)


class MatterSource(StrEnum):
    VISIT = "visit"
    HOTLINE = "hotline"
    INFORMANT = "informant"

    @property
    def label(self) -> str:
        return {"visit": "走访发现", "hotline": "12351热线工单", "informant": "群众反映"}[self.value]


class Role(StrEnum):
    INSPECTOR = "inspector"
    OFFICE = "office"
    ADMIN = "admin"


ALL_ROLES = frozenset(Role)
OFFICE_ROLES = frozenset({Role.OFFICE, Role.ADMIN})


class MatterAction(StrEnum):
    LETTER_ISSUED = "letter_issued"
    START_RECTIFYING = "start_rectifying"
    VERIFY = "verify"
    ESCALATE = "escalate"
    CLOSE = "close"
    DISMISS = "dismiss"
    REOPEN = "reopen"


@dataclass(frozen=True)
class Transition:
    action: MatterAction
    label: str
    sources: frozenset[MatterStatus]
    target: MatterStatus
    roles: frozenset[Role]
    requires: tuple[str, ...] = ()  # fields of the transition's data that must be present
    confirm: str = ""  # the question the GUI asks before doing it


TRANSITIONS: tuple[Transition, ...] = (
    Transition(
        MatterAction.LETTER_ISSUED,
        "记录发函",
        frozenset({MatterStatus.OPEN, MatterStatus.LETTER_ISSUED, MatterStatus.RECTIFYING}),
        MatterStatus.LETTER_ISSUED,
        ALL_ROLES,
        ("letter_id",),
    ),
    Transition(
        MatterAction.START_RECTIFYING,
        "单位承诺整改",
        frozenset({MatterStatus.OPEN, MatterStatus.LETTER_ISSUED, MatterStatus.ESCALATED}),
        MatterStatus.RECTIFYING,
        ALL_ROLES,
        ("deadline",),
        "确认单位已承诺整改，并设定整改期限？",
    ),
    Transition(
        MatterAction.VERIFY,
        "核实已整改",
        frozenset(
            {MatterStatus.OPEN, MatterStatus.LETTER_ISSUED, MatterStatus.RECTIFYING, MatterStatus.ESCALATED}
        ),
        MatterStatus.RECTIFIED,
        ALL_ROLES,
        ("note", "verified_on"),
        "确认已到现场或通过材料核实整改到位？",
    ),
    Transition(
        MatterAction.ESCALATE,
        "移送有关部门",
        frozenset({MatterStatus.OPEN, MatterStatus.LETTER_ISSUED, MatterStatus.RECTIFYING}),
        MatterStatus.ESCALATED,
        OFFICE_ROLES,
        ("note",),
        "确认单位拒不整改，将事项移送有关部门（建议书）？",
    ),
    Transition(
        MatterAction.CLOSE,
        "办结",
        frozenset({MatterStatus.RECTIFIED}),
        MatterStatus.CLOSED,
        OFFICE_ROLES,
        (),
        "确认办结此事项？办结后不能再修改。",
    ),
    Transition(
        MatterAction.DISMISS,
        "不予立项（说明理由）",
        frozenset({MatterStatus.OPEN}),
        MatterStatus.CLOSED,
        OFFICE_ROLES,
        ("note",),
        "确认经核查不属实或不属于监督范围，办结此事项？",
    ),
    Transition(
        MatterAction.REOPEN,
        "复查未通过",
        frozenset({MatterStatus.RECTIFIED}),
        MatterStatus.RECTIFYING,
        ALL_ROLES,
        ("note", "deadline"),
        "确认复查发现问题未整改到位，重新进入整改？",
    ),
)

_BY_ACTION = {t.action: t for t in TRANSITIONS}

FIELD_LABELS = {
    "letter_id": "函件",
    "deadline": "期限",
    "note": "说明",
    "verified_on": "核实日期",
}


def transition_for(action: MatterAction | str) -> Transition:
    return _BY_ACTION[MatterAction(action)]


def available_actions(status: MatterStatus | str, role: Role | str) -> list[Transition]:
    """What a person with `role` may do next; the GUI shows exactly these buttons."""
    status, role = MatterStatus(status), _role(role)
    return [t for t in TRANSITIONS if status in t.sources and role in t.roles]


def _role(role: Role | str) -> Role:
    try:
        return Role(role)
    except ValueError:
        return Role.INSPECTOR


def _present(value: Any) -> bool:
    if value is None:
        return False
    if isinstance(value, str):
        return bool(value.strip())
    return True


def check_transition(
    status: MatterStatus | str,
    action: MatterAction | str,
    role: Role | str,
    data: Mapping[str, Any],
    *,
    opened_on: dt.date | None = None,
    today: dt.date | None = None,
) -> list[Problem]:
    """Every reason the step cannot be taken now, as one sentence each; an empty list means go."""
    try:
        t = transition_for(action)
    except ValueError:
        return [Problem("action", f"未知的操作“{action}”")]
    status = MatterStatus(status)
    problems: list[Problem] = []
    if status not in t.sources:
        problems.append(Problem("status", f"事项当前为“{status.label}”，不能执行“{t.label}”"))
    if _role(role) not in t.roles:
        problems.append(Problem("role", f"“{t.label}”须由区总工会工作人员办理"))
    for name in t.requires:
        if not _present(data.get(name)):
            problems.append(Problem(name, f"“{t.label}”须填写{FIELD_LABELS.get(name, name)}"))
    verified_on = data.get("verified_on")
    if isinstance(verified_on, dt.date):
        if today and verified_on > today:
            problems.append(Problem("verified_on", "核实日期不能晚于今天"))
        if opened_on and verified_on < opened_on:
            problems.append(Problem("verified_on", "核实日期不能早于事项登记日期"))
    deadline = data.get("deadline")
    if isinstance(deadline, dt.date) and today and deadline < today and "deadline" in t.requires:
        problems.append(Problem("deadline", "期限不能早于今天"))
    return problems


def is_overdue(status: MatterStatus | str, deadline: dt.date | None, today: dt.date) -> bool:
    """A matter is overdue when it is still active and its current deadline has passed."""
    return deadline is not None and MatterStatus(status) in ACTIVE_STATUSES and deadline < today


def validate_new_matter(fields: Mapping[str, Any], categories: list[str]) -> list[Problem]:
    problems: list[Problem] = []
    if not _present(fields.get("enterprise_id")):
        problems.append(Problem("enterprise_id", "请选择涉及的企业"))
    if fields.get("category") not in categories:
        problems.append(Problem("category", f"违法类别“{fields.get('category')}”不在类别目录中"))
    if not _present(fields.get("facts")):
        problems.append(Problem("facts", "请填写发现的事实"))
    try:
        source = MatterSource(str(fields.get("source")))
    except ValueError:
        problems.append(Problem("source", f"来源“{fields.get('source')}”应为走访、热线或群众反映"))
    else:
        if source is not MatterSource.INFORMANT and not _present(fields.get("source_ref")):
            problems.append(Problem("source_ref", f"来源为“{source.label}”时须关联走访记录或工单"))
    return problems

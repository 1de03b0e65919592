"""Rules of a 12351 hotline work order (工单): its categories, levels, the path from intake to closure,
and deadlines counted in working days.

The national 12351 standard sets separate deadlines for ordinary, difficult and complex cases, but the
day counts were not found in any public source, so they are settings with placeholder defaults.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from enum import StrEnum

from app.core.problems import Problem


class Category(StrEnum):
    CONSULTATION = "咨询类"
    DEMAND = "求决类"
    SUGGESTION = "意见建议类"


class Level(StrEnum):
    ORDINARY = "ordinary"
    DIFFICULT = "difficult"
    COMPLEX = "complex"


LEVEL_LABELS = {Level.ORDINARY: "一般", Level.DIFFICULT: "疑难", Level.COMPLEX: "特别复杂"}

# Placeholders: the real 12351 day counts were not found (see DOMAIN.md §4); the office sets them.
DEFAULT_DEADLINE_DAYS = {Level.ORDINARY: 5, Level.DIFFICULT: 10, Level.COMPLEX: 15}


class Status(StrEnum):
    RECEIVED = "received"
    DISPATCHED = "dispatched"
    HANDLING = "handling"
    REPLIED = "replied"
    CALLED_BACK = "called_back"
    CLOSED = "closed"


STATUS_LABELS = {
    Status.RECEIVED: "已受理",
    Status.DISPATCHED: "已派单",
    Status.HANDLING: "办理中",
    Status.REPLIED: "已答复",
    Status.CALLED_BACK: "已回访",
    Status.CLOSED: "已办结",
}


class Action(StrEnum):
    DISPATCH = "dispatch"
    ACCEPT = "accept"
    REPLY = "reply"
    CALL_BACK = "call_back"
    CLOSE = "close"
    REOPEN = "reopen"


ACTION_LABELS = {
    Action.DISPATCH: "派单",
    Action.ACCEPT: "签收办理",
    Action.REPLY: "答复",
    Action.CALL_BACK: "回访",
    Action.CLOSE: "办结",
    Action.REOPEN: "退回重办",
}

# (from, action) -> to. A consultation answered on the phone goes straight to "replied"; a caller who
# is not satisfied at the call-back sends the order back to the grid.
TRANSITIONS: dict[tuple[Status, Action], Status] = {
    (Status.RECEIVED, Action.DISPATCH): Status.DISPATCHED,
    (Status.RECEIVED, Action.REPLY): Status.REPLIED,
    (Status.DISPATCHED, Action.DISPATCH): Status.DISPATCHED,
    (Status.DISPATCHED, Action.ACCEPT): Status.HANDLING,
    (Status.DISPATCHED, Action.REPLY): Status.REPLIED,
    (Status.HANDLING, Action.DISPATCH): Status.DISPATCHED,
    (Status.HANDLING, Action.REPLY): Status.REPLIED,
    (Status.REPLIED, Action.CALL_BACK): Status.CALLED_BACK,
    (Status.CALLED_BACK, Action.CLOSE): Status.CLOSED,
    (Status.CALLED_BACK, Action.REOPEN): Status.HANDLING,
}

OPEN_STATUSES = frozenset({Status.RECEIVED, Status.DISPATCHED, Status.HANDLING})


class Satisfaction(StrEnum):
    SATISFIED = "满意"
    BASICALLY = "基本满意"
    UNSATISFIED = "不满意"


class TransitionError(ValueError):
    """An action that the order's status does not allow; the message is for the user."""


def allowed_actions(status: str) -> list[Action]:
    current = Status(status)
    return [action for (src, action) in TRANSITIONS if src is current]


def next_status(status: str, action: str) -> Status:
    current, act = Status(status), Action(action)
    try:
        return TRANSITIONS[(current, act)]
    except KeyError:
        raise TransitionError(
            f"工单状态为“{STATUS_LABELS[current]}”，不能执行“{ACTION_LABELS[act]}”"
        ) from None


def add_working_days(
    start: dt.date, days: int, holidays: Iterable[dt.date] = (), workdays: Iterable[dt.date] = ()
) -> dt.date:
    """The date `days` working days after `start`: Saturdays, Sundays and holidays skipped, weekend
    days worked in lieu (调休上班) counted; an order received on a Friday with one day to go is due
    on Monday."""
    off, on = set(holidays), set(workdays)
    day = start
    left = max(0, days)
    while left:
        day += dt.timedelta(days=1)
        if day in on or (day.weekday() < 5 and day not in off):
            left -= 1
    return day


def due_date(
    received: dt.date,
    level: str,
    deadlines: Mapping[str, int] | None = None,
    holidays: Iterable[dt.date] = (),
    workdays: Iterable[dt.date] = (),
) -> dt.date:
    table = {str(k): v for k, v in (deadlines or DEFAULT_DEADLINE_DAYS).items()}
    days = table.get(str(Level(level)), DEFAULT_DEADLINE_DAYS[Level(level)])
    return add_working_days(received, days, holidays, workdays)


def is_overdue(status: str, due: dt.date | None, today: dt.date, replied_on: dt.date | None = None) -> bool:
    """Late when still open after the due date, or answered after it (the deadline is for the reply)."""
    if due is None:
        return False
    if Status(status) in OPEN_STATUSES:
        return today > due
    return replied_on is not None and replied_on > due


_MOBILE = re.compile(r"^1[3-9]\d{9}$")
_LANDLINE = re.compile(r"^(0\d{2,3}-?)?\d{7,8}(-\d{1,6})?$")


def mask_phone(phone: str) -> str:
    """138****5678: enough for a clerk to recognise a caller, not enough to call a stranger."""
    value = phone.strip()
    if len(value) >= 8:
        return value[:3] + "*" * (len(value) - 7) + value[-4:]
    if len(value) > 2:
        return "*" * (len(value) - 2) + value[-2:]
    return "*" * len(value)


def mask_name(name: str) -> str:
    name = name.strip()
    if not name:
        return ""
    return name[0] + "*" * max(1, len(name) - 1)


def validate_work_order(fields: Mapping[str, object]) -> list[Problem]:
    problems: list[Problem] = []
    number = str(fields.get("number") or "").strip()
    if not number:
        problems.append(Problem("number", "工单编号不能为空"))
    elif len(number) > 40:
        problems.append(Problem("number", "工单编号过长（最多40个字符）"))
    if not str(fields.get("content") or "").strip():
        problems.append(Problem("content", "诉求内容不能为空"))
    category = fields.get("category")
    if category not in {c.value for c in Category}:
        problems.append(Problem("category", f"诉求类别应为 咨询类、求决类 或 意见建议类，而不是“{category or ''}”"))
    level = fields.get("level")
    if level not in {lv.value for lv in Level}:
        problems.append(Problem("level", f"未知的办理级别：{level or ''}"))
    phone = str(fields.get("caller_phone") or "").strip()
    if phone and not (_MOBILE.match(phone) or _LANDLINE.match(phone)):
        problems.append(Problem("caller_phone", f"联系电话格式不正确：{mask_phone(phone)}"))
    return problems


def parse_level(text: str) -> Level | None:
    """Accepts the stored value or the Chinese label (一般/疑难/特别复杂, 复杂)."""
    value = text.strip()
    for level in Level:
        if value in {level.value, LEVEL_LABELS[level]}:
            return level
    if value in {"普通", "简单"}:
        return Level.ORDINARY
    if value == "复杂":
        return Level.COMPLEX
    return None


def parse_category(text: str) -> Category | None:
    value = text.strip()
    for category in Category:
        if value in {category.value, category.value.removesuffix("类")}:
            return category
    return None

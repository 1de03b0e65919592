"""Rules of union building after the first visit (建起来、转起来、强起来): the forms a union takes, the
founding steps and their order, the 已建会 status a unit gets from the unions that cover it (derived,
never typed), the yearly running check and its score, member ID checks, and the follow-up of services.

Pure rules: the store and the interface decide where the data comes from and where it goes."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from app.core.codes import CodeStatus, check_id_number
from app.core.enterprise import UnionStatus

# --- forms and units --------------------------------------------------------------------------

UNION_FORMS: dict[str, str] = {
    "single": "单独建会",
    "joint": "联合工会",
    "building": "楼宇工会",
    "business_district": "商圈工会",
    "industry": "行业工会",
    "area": "区域工会",
    "station": "站点/网点工会",
}

UNIT_KINDS: dict[str, str] = {
    "express_station": "快递站点",
    "small_firm": "小微企业",
    "shop": "商户",
    "enterprise": "企业",
}

# --- founding steps ---------------------------------------------------------------------------

FOUNDING_STEPS: tuple[tuple[str, str], ...] = (
    ("apply", "申请"),
    ("prep_group", "筹备组"),
    ("assembly", "会员大会/选举"),
    ("approval", "上级批复"),
    ("legal_person", "法人资格登记"),
)
STEP_LABELS = dict(FOUNDING_STEPS)
STEP_ORDER = {code: i for i, (code, _label) in enumerate(FOUNDING_STEPS)}
# A union counts as founded (已建会) once the higher-level union approved it; the legal-person
# registration follows later and does not hold the status back.
ESTABLISHING_STEP = "approval"


class UnionRuleError(ValueError):
    """Bad input for a union record; the message is one sentence for the user."""


def check_step(done: Mapping[str, dt.date], step: str, on: dt.date) -> None:
    """A step is recorded after every earlier step, and not dated before any of them."""
    if step not in STEP_ORDER:
        raise UnionRuleError(f"未知的建会步骤“{step}”")
    label = STEP_LABELS[step]
    for earlier, earlier_label in FOUNDING_STEPS[: STEP_ORDER[step]]:
        day = done.get(earlier)
        if day is None:
            raise UnionRuleError(f"“{label}”之前须先完成“{earlier_label}”")
        if on < day:
            raise UnionRuleError(f"“{label}”的日期（{on:%Y-%m-%d}）早于“{earlier_label}”（{day:%Y-%m-%d}）")
    for later, later_label in FOUNDING_STEPS[STEP_ORDER[step] + 1 :]:
        day = done.get(later)
        if day is not None and on > day:
            raise UnionRuleError(f"“{label}”的日期（{on:%Y-%m-%d}）晚于已记录的“{later_label}”（{day:%Y-%m-%d}）")


def current_step(done: Mapping[str, dt.date]) -> str | None:
    """The last step reached (steps are recorded in order, so the furthest one)."""
    reached = [s for s in done if s in STEP_ORDER]
    return max(reached, key=STEP_ORDER.__getitem__) if reached else None


def union_state(done: Mapping[str, dt.date]) -> tuple[UnionStatus, dt.date | None]:
    """A union's own status from its steps: none before the application, preparing until approval."""
    if ESTABLISHING_STEP in done:
        return UnionStatus.ESTABLISHED, done[ESTABLISHING_STEP]
    if done:
        return UnionStatus.PREPARING, None
    return UnionStatus.NONE, None


def derive_unit_state(unions: Sequence[tuple[UnionStatus, dt.date | None]]) -> tuple[UnionStatus, dt.date | None]:
    """A unit's 建会 status from every union covering it: established when one is (dated by the
    earliest), preparing when one is on its way, otherwise none."""
    established = [day for status, day in unions if status is UnionStatus.ESTABLISHED]
    if established:
        dated = [d for d in established if d is not None]
        return UnionStatus.ESTABLISHED, min(dated) if dated else None
    if any(status is UnionStatus.PREPARING for status, _ in unions):
        return UnionStatus.PREPARING, None
    return UnionStatus.NONE, None


def duplicate_cover_message(unit_name: str, other_union: str, form: str) -> str:
    return (
        f"“{unit_name}”已由“{other_union}”（{UNION_FORMS.get(form, form)}）覆盖，"
        "同一单位不能同时加入两个同类工会，其职工只计一次"
    )


# --- the yearly running check (转起来、强起来) ---------------------------------------------------


@dataclass(frozen=True)
class CheckItem:
    """One line of the office's yearly check list: yes/no items score their weight when met; count
    items score in proportion up to `target` (e.g. 活动次数 4 a year)."""

    code: str
    label: str
    weight: int
    kind: str = "yesno"  # yesno | count
    target: int = 1
    reason: str = ""  # said when the item is missed


@dataclass(frozen=True)
class CheckScore:
    score: int
    max_score: int
    reasons: list[str] = field(default_factory=list)

    @property
    def percent(self) -> int:
        return round(100 * self.score / self.max_score) if self.max_score else 0


SLIPPING_PERCENT = 60  # below this a union is listed as slipping


def parse_check_items(data: Any) -> list[CheckItem]:
    """The check list as the office keeps it (JSON: {"items": [...]}), validated so that a typo in the
    file is named instead of scoring every union zero."""
    items = data.get("items") if isinstance(data, Mapping) else None
    if not isinstance(items, list) or not items:
        raise UnionRuleError("年度体检清单应包含“items”列表")
    result: list[CheckItem] = []
    seen: set[str] = set()
    for n, raw in enumerate(items, start=1):
        if not isinstance(raw, Mapping) or not raw.get("code") or not raw.get("label"):
            raise UnionRuleError(f"年度体检清单第{n}项缺少“code”或“label”")
        code = str(raw["code"])
        if code in seen:
            raise UnionRuleError(f"年度体检清单第{n}项的代码“{code}”重复")
        seen.add(code)
        kind = str(raw.get("kind", "yesno"))
        if kind not in {"yesno", "count"}:
            raise UnionRuleError(f"年度体检清单第{n}项的类型“{kind}”应为 yesno 或 count")
        try:
            weight, target = int(raw.get("weight", 10)), int(raw.get("target", 1))
        except (TypeError, ValueError) as exc:
            raise UnionRuleError(f"年度体检清单第{n}项的分值或目标应为整数") from exc
        if weight <= 0 or target <= 0:
            raise UnionRuleError(f"年度体检清单第{n}项的分值和目标应大于0")
        result.append(CheckItem(code, str(raw["label"]), weight, kind, target, str(raw.get("reason", ""))))
    return result


def score_check(items: Sequence[CheckItem], answers: Mapping[str, Any]) -> CheckScore:
    """Score and the reasons points were lost, one sentence per item missed."""
    score = total = 0
    reasons: list[str] = []
    for item in items:
        total += item.weight
        value = answers.get(item.code)
        if item.kind == "count":
            try:
                count = max(int(value or 0), 0)
            except (TypeError, ValueError):
                count = 0
            got = item.weight * min(count, item.target) // item.target
            if count < item.target:
                reasons.append(item.reason or f"{item.label}：{count}次，未达到{item.target}次")
        else:
            got = item.weight if value is True else 0
            if not got:
                reasons.append(item.reason or f"未做到：{item.label}")
        score += got
    return CheckScore(score, total, reasons)


def is_slipping(percent: int) -> bool:
    return percent < SLIPPING_PERCENT


# --- members ----------------------------------------------------------------------------------

KEY_GROUPS: dict[str, str] = {
    "courier": "快递员",
    "rider": "外卖骑手",
    "ride_hailing": "网约车司机",
    "truck": "货车司机",
    "other": "其他职工",
}
NEW_FORM_GROUPS = frozenset({"courier", "rider", "ride_hailing", "truck"})  # 新就业形态劳动者


def key_group_code(text: str) -> str | None:
    """A group named in a file or a form, by code or by its Chinese name."""
    value = (text or "").strip()
    if not value:
        return "other"
    if value in KEY_GROUPS:
        return value
    for code, label in KEY_GROUPS.items():
        if value == label or value in label or label in value:
            return code
    aliases = {"骑手": "rider", "外卖员": "rider", "快递小哥": "courier", "网约车": "ride_hailing", "货车": "truck", "司机": "truck"}
    return next((code for alias, code in aliases.items() if alias in value), None)


def member_id_problem(raw: str | None) -> str | None:
    """One sentence when a member's ID number cannot be taken (a wrong check digit is refused too:
    the registry is the union's own list, and a typo there follows the member for years)."""
    check = check_id_number(raw)
    if check.status is CodeStatus.VALID:
        return None
    return check.message


def mask_id_number(value: str | None) -> str:
    """Shown on screen: region and last four, the birth date hidden."""
    text = (value or "").strip()
    if len(text) <= 8:
        return "*" * len(text)
    return text[:4] + "*" * (len(text) - 8) + text[-4:]


def mask_name(value: str | None) -> str:
    text = (value or "").strip()
    if len(text) <= 1:
        return text
    return text[0] + "*" * (len(text) - 1)


# --- services followed up (走访即服务) ----------------------------------------------------------

DEFAULT_SERVICE_KINDS: tuple[tuple[str, str, int], ...] = (
    ("training", "技能培训需求", 30),
    ("legal", "法律咨询", 7),
    ("jobs", "招聘信息发布", 7),
    ("childcare", "子女托管", 30),
    ("meals", "就餐", 15),
    ("hardship", "困难帮扶", 15),
    ("policy", "政策宣讲", 15),
    ("union_guidance", "建会指导", 30),
    ("other", "其他", 15),
)

# The visit form's 当场提供的服务 options, and the kind of request each becomes.
VISIT_SERVICE_KINDS: dict[str, str] = {
    "政策宣讲": "policy",
    "法律咨询解答": "legal",
    "技能培训需求登记": "training",
    "岗位信息发布": "jobs",
    "建会指导": "union_guidance",
    "困难职工帮扶登记": "hardship",
    "其他": "other",
}

SERVICE_STATUSES: dict[str, str] = {
    "open": "待办理",
    "in_progress": "办理中",
    "delivered": "已办结",
    "declined": "无法办理",
}
OPEN_SERVICE_STATUSES = frozenset({"open", "in_progress"})
PROVIDERS: dict[str, str] = {"office": "工会办公室", "lawyer": "律师", "partner": "友好商户/机构", "department": "职能部门"}


def service_transition_problem(status: str, new_status: str, outcome: str) -> str | None:
    if new_status not in SERVICE_STATUSES:
        return f"未知的服务状态“{new_status}”"
    if status not in OPEN_SERVICE_STATUSES and new_status in OPEN_SERVICE_STATUSES:
        return None  # reopening is allowed: the requester came back
    if new_status in {"delivered", "declined"} and not outcome.strip():
        return "办结或无法办理时须填写办理结果"
    return None


def is_service_overdue(status: str, due: dt.date | None, today: dt.date) -> bool:
    return status in OPEN_SERVICE_STATUSES and due is not None and due < today


# --- friendly partners ------------------------------------------------------------------------

PARTNER_KINDS: dict[str, str] = {
    "shop": "友好商户",
    "canteen": "友好食堂",
    "childcare": "友好童心港湾",
    "rest_stop": "爱心驿站",
    "other": "其他",
}


def partner_valid(valid_from: dt.date | None, valid_to: dt.date | None, on: dt.date) -> bool:
    return (valid_from is None or valid_from <= on) and (valid_to is None or on <= valid_to)


# --- before and after founding ----------------------------------------------------------------


@dataclass(frozen=True)
class BeforeAfter:
    """Yearly figures for the 12 months before and after founding (the office's argument)."""

    founded: dt.date
    orders_before: int
    orders_after: int
    matters_before: int
    matters_after: int
    turnover_before: float | None  # headcount change rate, from the data pool's dated headcounts
    turnover_after: float | None


def year_windows(founded: dt.date) -> tuple[tuple[dt.date, dt.date], tuple[dt.date, dt.date]]:
    before = (founded - dt.timedelta(days=365), founded - dt.timedelta(days=1))
    after = (founded, founded + dt.timedelta(days=364))
    return before, after


def count_in(days: Iterable[dt.date], window: tuple[dt.date, dt.date]) -> int:
    return sum(1 for d in days if window[0] <= d <= window[1])


def headcount_change_rate(points: Sequence[tuple[dt.date, int]], window: tuple[dt.date, dt.date]) -> float | None:
    """Staff turnover as far as headcounts tell it: the sum of month-to-month changes in the window
    over the average headcount (leavers replaced by joiners are invisible; the office knows)."""
    start, end = window
    inside = sorted((d, n) for d, n in points if start <= d <= end)
    if len(inside) < 2:
        return None
    changes = sum(abs(b[1] - a[1]) for a, b in itertools.pairwise(inside))
    average = sum(n for _, n in inside) / len(inside)
    return round(changes / average, 3) if average else None


def before_after(
    founded: dt.date,
    orders: Iterable[dt.date],
    matters: Iterable[dt.date],
    headcounts: Sequence[tuple[dt.date, int]],
) -> BeforeAfter:
    before, after = year_windows(founded)
    orders_l, matters_l = list(orders), list(matters)
    return BeforeAfter(
        founded,
        count_in(orders_l, before),
        count_in(orders_l, after),
        count_in(matters_l, before),
        count_in(matters_l, after),
        headcount_change_rate(headcounts, before),
        headcount_change_rate(headcounts, after),
    )

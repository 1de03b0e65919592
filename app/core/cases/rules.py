"""Cases (劳动争议调解, 法律援助, 综治中心), their steps, and referrals (移送/联动) to departments.

A case moves 受理 → 调解 → 调解成功/不成功 → 转仲裁/诉讼 → 结案; a legal-aid case may go to
arbitration or court without mediation. Each step is a row of its own (history, never edited), so two
laptops adding steps never conflict in sync.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from typing import Any

from app.core.problems import Problem


class CaseKind(StrEnum):
    MEDIATION = "mediation"
    LEGAL_AID = "legal_aid"
    GOVERNANCE = "governance"

    @property
    def label(self) -> str:
        return KIND_LABELS[self]


KIND_LABELS = {
    CaseKind.MEDIATION: "劳动争议调解",
    CaseKind.LEGAL_AID: "法律援助",
    CaseKind.GOVERNANCE: "综治中心案件",
}


class CaseStatus(StrEnum):
    RECEIVED = "received"
    MEDIATING = "mediating"
    SUCCEEDED = "succeeded"
    FAILED = "failed"
    ARBITRATION = "arbitration"
    LITIGATION = "litigation"
    CLOSED = "closed"

    @property
    def label(self) -> str:
        return STATUS_LABELS[self]


STATUS_LABELS = {
    CaseStatus.RECEIVED: "已受理",
    CaseStatus.MEDIATING: "调解中",
    CaseStatus.SUCCEEDED: "调解成功",
    CaseStatus.FAILED: "调解不成功",
    CaseStatus.ARBITRATION: "已转仲裁",
    CaseStatus.LITIGATION: "已转诉讼",
    CaseStatus.CLOSED: "已结案",
}


class CaseAction(StrEnum):
    MEDIATE = "mediate"
    SUCCEED = "succeed"
    FAIL = "fail"
    TO_ARBITRATION = "to_arbitration"
    TO_LITIGATION = "to_litigation"
    CLOSE = "close"

    @property
    def label(self) -> str:
        return ACTION_LABELS[self]


ACTION_LABELS = {
    CaseAction.MEDIATE: "开始调解",
    CaseAction.SUCCEED: "调解成功",
    CaseAction.FAIL: "调解不成功",
    CaseAction.TO_ARBITRATION: "转仲裁",
    CaseAction.TO_LITIGATION: "转诉讼",
    CaseAction.CLOSE: "结案",
}

CASE_TRANSITIONS: dict[tuple[CaseStatus, CaseAction], CaseStatus] = {
    (CaseStatus.RECEIVED, CaseAction.MEDIATE): CaseStatus.MEDIATING,
    (CaseStatus.RECEIVED, CaseAction.TO_ARBITRATION): CaseStatus.ARBITRATION,
    (CaseStatus.RECEIVED, CaseAction.TO_LITIGATION): CaseStatus.LITIGATION,
    (CaseStatus.RECEIVED, CaseAction.CLOSE): CaseStatus.CLOSED,
    (CaseStatus.MEDIATING, CaseAction.SUCCEED): CaseStatus.SUCCEEDED,
    (CaseStatus.MEDIATING, CaseAction.FAIL): CaseStatus.FAILED,
    (CaseStatus.FAILED, CaseAction.TO_ARBITRATION): CaseStatus.ARBITRATION,
    (CaseStatus.FAILED, CaseAction.TO_LITIGATION): CaseStatus.LITIGATION,
    (CaseStatus.FAILED, CaseAction.CLOSE): CaseStatus.CLOSED,
    (CaseStatus.SUCCEEDED, CaseAction.CLOSE): CaseStatus.CLOSED,
    (CaseStatus.ARBITRATION, CaseAction.CLOSE): CaseStatus.CLOSED,
    (CaseStatus.LITIGATION, CaseAction.CLOSE): CaseStatus.CLOSED,
}

OPEN_CASE_STATUSES = frozenset(s for s in CaseStatus if s is not CaseStatus.CLOSED)
# The outcome a closed case keeps: the last status before 结案.
OUTCOME_LABELS = {
    CaseStatus.RECEIVED.value: "直接结案",
    CaseStatus.SUCCEEDED.value: "调解成功",
    CaseStatus.FAILED.value: "调解不成功",
    CaseStatus.ARBITRATION.value: "转仲裁",
    CaseStatus.LITIGATION.value: "转诉讼",
}


class TransitionError(ValueError):
    """A step the case's status does not allow; the message is for the user."""


def allowed_case_actions(status: str) -> list[CaseAction]:
    current = CaseStatus(status)
    return [action for (src, action) in CASE_TRANSITIONS if src is current]


def next_case_status(status: str, action: str) -> CaseStatus:
    current, act = CaseStatus(status), CaseAction(action)
    try:
        return CASE_TRANSITIONS[(current, act)]
    except KeyError:
        raise TransitionError(f"案件状态为“{current.label}”，不能执行“{act.label}”") from None


def outcome_after(status: str, action: str) -> str:
    """The outcome recorded when a step closes the case ('' while it stays open)."""
    if CaseAction(action) is CaseAction.CLOSE:
        return CaseStatus(status).value
    return ""


# --- parties --------------------------------------------------------------------------------------


class PartyRole(StrEnum):
    WORKER = "worker"
    EMPLOYER_REP = "employer_rep"
    AGENT = "agent"


PARTY_ROLE_LABELS = {PartyRole.WORKER: "职工", PartyRole.EMPLOYER_REP: "用人单位代表", PartyRole.AGENT: "代理人"}


def mask_name(name: str) -> str:
    """张三丰 → 张**; a name is shown with its surname only."""
    name = name.strip()
    if len(name) <= 1:
        return name
    return name[0] + "*" * (len(name) - 1)


def mask_id_number(value: str) -> str:
    """The first 3 and last 2 characters of an ID number stay visible."""
    value = value.strip()
    if len(value) <= 5:
        return "*" * len(value)
    return value[:3] + "*" * (len(value) - 5) + value[-2:]


def mask_phone(value: str) -> str:
    value = value.strip()
    if len(value) < 7:
        return "*" * len(value)
    return value[:3] + "*" * (len(value) - 7) + value[-4:]


# --- amounts and validation -----------------------------------------------------------------------


def parse_amount(value: Any, field: str, label: str) -> tuple[Decimal | None, Problem | None]:
    """An amount in yuan (元): '1,200.50', '1200元', 1200 → Decimal; empty → None."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None, None
    text = str(value).replace(",", "").replace("，", "").replace("元", "").replace("¥", "").strip()
    try:
        amount = Decimal(text)
    except InvalidOperation:
        return None, Problem(field, f"{label}“{value}”不是金额，应写作 12000 或 12000.50")
    if amount < 0:
        return None, Problem(field, f"{label}不能为负数")
    return amount.quantize(Decimal("0.01")), None


def validate_case(data: Mapping[str, Any]) -> list[Problem]:
    problems: list[Problem] = []
    kind = str(data.get("kind") or "")
    if kind not in {k.value for k in CaseKind}:
        problems.append(Problem("kind", "请选择案件类型（劳动争议调解、法律援助或综治中心案件）"))
    if not data.get("enterprise_id") and not str(data.get("employer_name") or "").strip():
        problems.append(Problem("employer_name", "请填写用人单位：从企业档案中选择，或填写单位名称"))
    if not data.get("grid_id"):
        problems.append(Problem("grid_id", "请选择案件所属网格"))
    if not isinstance(data.get("received_on"), dt.date):
        problems.append(Problem("received_on", "请填写受理日期"))
    workers = data.get("workers_involved")
    if workers is not None and (not isinstance(workers, int) or workers < 0):
        problems.append(Problem("workers_involved", "涉及职工人数应为不小于 0 的整数"))
    claimed, recovered = data.get("amount_claimed"), data.get("amount_recovered")
    for key, label in (("amount_claimed", "请求金额"), ("amount_recovered", "追回金额")):
        value = data.get(key)
        if value is not None and (not isinstance(value, int | float | Decimal) or value < 0):
            problems.append(Problem(key, f"{label}应为不小于 0 的数"))
    if isinstance(claimed, int | float | Decimal) and isinstance(recovered, int | float | Decimal) and claimed and recovered > claimed * 10:
        problems.append(Problem("amount_recovered", "追回金额远大于请求金额，请核对"))
    return problems


# --- referrals ------------------------------------------------------------------------------------


class ReferralSource(StrEnum):
    MATTER = "matter"
    CASE = "legal_case"
    WORK_ORDER = "work_order"
    LETTER = "letter"


SOURCE_LABELS = {
    ReferralSource.MATTER: "监督事项",
    ReferralSource.CASE: "案件",
    ReferralSource.WORK_ORDER: "12351工单",
    ReferralSource.LETTER: "建议书",
}


class ReferralStatus(StrEnum):
    SENT = "sent"
    ANSWERED = "answered"
    CLOSED = "closed"
    WITHDRAWN = "withdrawn"


REFERRAL_STATUS_LABELS = {
    ReferralStatus.SENT: "已移送",
    ReferralStatus.ANSWERED: "已答复",
    ReferralStatus.CLOSED: "已办结",
    ReferralStatus.WITHDRAWN: "已撤回",
}

REFERRAL_TRANSITIONS: dict[tuple[ReferralStatus, str], ReferralStatus] = {
    (ReferralStatus.SENT, "answer"): ReferralStatus.ANSWERED,
    (ReferralStatus.ANSWERED, "answer"): ReferralStatus.ANSWERED,
    (ReferralStatus.SENT, "withdraw"): ReferralStatus.WITHDRAWN,
    (ReferralStatus.ANSWERED, "close"): ReferralStatus.CLOSED,
    (ReferralStatus.SENT, "close"): ReferralStatus.CLOSED,
}

REFERRAL_ACTION_LABELS = {"answer": "登记答复", "withdraw": "撤回", "close": "办结"}


def next_referral_status(status: str, action: str) -> ReferralStatus:
    current = ReferralStatus(status)
    try:
        return REFERRAL_TRANSITIONS[(current, action)]
    except KeyError:
        label = REFERRAL_ACTION_LABELS.get(action, action)
        raise TransitionError(f"移送状态为“{REFERRAL_STATUS_LABELS[current]}”，不能执行“{label}”") from None


def referral_overdue(status: str, due_on: dt.date | None, today: dt.date) -> bool:
    return ReferralStatus(status) is ReferralStatus.SENT and due_on is not None and due_on < today


# Departments the office starts with; the list is data the office edits.
DEFAULT_DEPARTMENTS: tuple[tuple[str, str], ...] = (
    ("RS", "人社局劳动保障监察大队"),
    ("FY", "人民法院"),
    ("JCY", "人民检察院"),
    ("SFJ", "司法局"),
    ("SCJG", "市场监督管理局"),
    ("ZJ", "住房和城乡建设委员会"),
    ("ZZ", "综治中心"),
    ("YJ", "应急管理局"),
)


# --- people and their work ------------------------------------------------------------------------


class PersonRole(StrEnum):
    SUPERVISOR = "supervisor"
    INFORMANT = "informant"
    SAFETY = "safety"
    MEDIATOR = "mediator"
    GRID = "grid"


ROLE_LABELS = {
    PersonRole.SUPERVISOR: "劳动法律监督员",
    PersonRole.INFORMANT: "劳动关系信息员",
    PersonRole.SAFETY: "劳动保护监督检查员",
    PersonRole.MEDIATOR: "调解员",
    PersonRole.GRID: "网格员",
}
THREE_ROLES = (PersonRole.SUPERVISOR, PersonRole.INFORMANT, PersonRole.SAFETY)


class WorkKind(StrEnum):
    PATROL = "patrol"
    RECEPTION = "reception"
    LECTURE = "lecture"
    ATTENDANCE = "attendance"


WORK_KIND_LABELS = {
    WorkKind.PATROL: "巡查",
    WorkKind.RECEPTION: "接待",
    WorkKind.LECTURE: "宣讲",
    WorkKind.ATTENDANCE: "出勤",
}


def validate_work_log(data: Mapping[str, Any]) -> list[Problem]:
    problems: list[Problem] = []
    if not data.get("inspector_id"):
        problems.append(Problem("inspector_id", "请选择记录人"))
    if str(data.get("kind") or "") not in {k.value for k in WorkKind}:
        problems.append(Problem("kind", "请选择工作类型（巡查、接待、宣讲或出勤）"))
    if not isinstance(data.get("work_date"), dt.date):
        problems.append(Problem("work_date", "请填写工作日期"))
    raised, resolved = int(data.get("problems_raised") or 0), int(data.get("problems_resolved") or 0)
    if raised < 0 or resolved < 0:
        problems.append(Problem("problems_raised", "问题数不能为负数"))
    elif resolved > raised:
        problems.append(Problem("problems_resolved", "推动解决的问题数不能多于发现的问题数"))
    return problems


# --- reception (接待) -------------------------------------------------------------------------------


class ReceptionOutcome(StrEnum):
    PENDING = "pending"
    CASE = "case"
    MATTER = "matter"
    SERVICE = "service"
    ANSWERED = "answered"


RECEPTION_OUTCOME_LABELS = {
    ReceptionOutcome.PENDING: "待处理",
    ReceptionOutcome.CASE: "已立案",
    ReceptionOutcome.MATTER: "已转监督事项",
    ReceptionOutcome.SERVICE: "已转服务",
    ReceptionOutcome.ANSWERED: "当场解答",
}

RECEPTION_PLACES = ("职工之家", "综治中心", "工会服务站", "其他")


# --- campaigns --------------------------------------------------------------------------------------


CAMPAIGN_STATUS_LABELS = {"planned": "计划中", "running": "进行中", "finished": "已结束"}


def campaign_status(start: dt.date, end: dt.date | None, today: dt.date) -> str:
    if today < start:
        return "planned"
    if end is not None and today > end:
        return "finished"
    return "running"

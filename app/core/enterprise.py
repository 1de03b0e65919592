"""Rules for an enterprise's file (一企一档): what must be there, what is only suspicious, and who is a
target for union establishment."""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from typing import Any

from app.core.codes import CodeStatus, check_credit_code, check_phone
from app.core.problems import Problem, Severity

DEFAULT_TARGET_HEADCOUNT = 25


class UnionStatus(StrEnum):
    NONE = "none"
    PREPARING = "preparing"
    ESTABLISHED = "established"

    @property
    def label(self) -> str:
        return UNION_STATUS_LABELS[self]


UNION_STATUS_LABELS = {
    UnionStatus.NONE: "未建会",
    UnionStatus.PREPARING: "筹建中",
    UnionStatus.ESTABLISHED: "已建会",
}

ENTERPRISE_FIELD_LABELS = {
    "name": "企业名称",
    "credit_code": "统一社会信用代码",
    "address": "地址",
    "grid_id": "网格",
    "industry": "行业",
    "registered_date": "成立日期",
    "headcount": "职工人数",
    "union_status": "建会状态",
    "member_count": "会员人数",
    "legal_rep": "法定代表人",
    "contact_name": "联系人",
    "contact_phone": "联系电话",
    "longitude": "经度",
    "latitude": "纬度",
}


def validate_enterprise(fields: Mapping[str, Any]) -> list[Problem]:
    problems: list[Problem] = []
    name = (fields.get("name") or "").strip()
    if not name:
        problems.append(Problem("name", "企业名称不能为空"))
    elif len(name) > 200:
        problems.append(Problem("name", "企业名称过长（最多200字）"))

    code = check_credit_code(fields.get("credit_code"))
    if code.status is CodeStatus.MALFORMED:
        problems.append(Problem("credit_code", code.message))
    elif code.status is CodeStatus.BAD_CHECK:
        problems.append(Problem("credit_code", code.message, Severity.WARNING))

    headcount = fields.get("headcount")
    if headcount is not None and (not isinstance(headcount, int) or headcount < 0):
        problems.append(Problem("headcount", "职工人数应为不小于0的整数"))
    members = fields.get("member_count")
    if members is not None and (not isinstance(members, int) or members < 0):
        problems.append(Problem("member_count", "会员人数应为不小于0的整数"))
    if (
        isinstance(members, int)
        and isinstance(headcount, int)
        and members > headcount > 0
    ):
        problems.append(Problem("member_count", "会员人数多于职工人数，请核对", Severity.WARNING))

    status = fields.get("union_status")
    if status is not None and status not in {s.value for s in UnionStatus}:
        problems.append(Problem("union_status", f"未知的建会状态：{status}"))

    phone = fields.get("contact_phone")
    if phone:
        phone_check = check_phone(phone)
        if phone_check.status is CodeStatus.MALFORMED:
            problems.append(Problem("contact_phone", phone_check.message, Severity.WARNING))

    lon, lat = fields.get("longitude"), fields.get("latitude")
    if (lon is None) != (lat is None):
        problems.append(Problem("longitude", "经度和纬度须同时填写"))
    if lon is not None and not -180 <= float(lon) <= 180:
        problems.append(Problem("longitude", "经度应在 -180 到 180 之间"))
    if lat is not None and not -90 <= float(lat) <= 90:
        problems.append(Problem("latitude", "纬度应在 -90 到 90 之间"))
    return problems


class RegistrationStatus(StrEnum):
    """登记状态 as the market registry lists it; "" when no list said."""

    UNKNOWN = ""
    ACTIVE = "active"  # 存续、在业、开业、在册
    DEREGISTERED = "deregistered"  # 注销
    REVOKED = "revoked"  # 吊销
    MOVED_OUT = "moved_out"  # 迁出

    @property
    def label(self) -> str:
        return REGISTRATION_LABELS[self]


REGISTRATION_LABELS = {
    RegistrationStatus.UNKNOWN: "",
    RegistrationStatus.ACTIVE: "存续",
    RegistrationStatus.DEREGISTERED: "注销",
    RegistrationStatus.REVOKED: "吊销",
    RegistrationStatus.MOVED_OUT: "迁出",
}
# Enterprises that no longer operate here: never union targets, whatever their headcount says.
GONE_STATUSES = frozenset({RegistrationStatus.DEREGISTERED.value, RegistrationStatus.REVOKED.value, RegistrationStatus.MOVED_OUT.value})


def parse_registration_status(raw: str) -> tuple[RegistrationStatus, bool]:
    """(status, 经营异常) from the registry's wording: "存续（在营、开业、在册）", "吊销，未注销",
    "注销", "迁出", "列入经营异常名录" ... 吊销 before 注销: "吊销，未注销" is revoked. Raises ValueError
    for wording that names no status."""
    text = raw.strip()
    abnormal = "异常" in text
    if "吊销" in text:
        return RegistrationStatus.REVOKED, abnormal
    if "注销" in text:
        return RegistrationStatus.DEREGISTERED, abnormal
    if "迁出" in text or "迁往" in text:
        return RegistrationStatus.MOVED_OUT, abnormal
    if any(word in text for word in ("存续", "在业", "开业", "在营", "在册", "正常", "迁入", "经营")) or abnormal:
        return RegistrationStatus.ACTIVE, abnormal
    raise ValueError(f"无法识别的登记状态：{text}")


def is_gone(registration_status: str | None) -> bool:
    return (registration_status or "") in GONE_STATUSES


def is_union_target(
    headcount: int | None, union_status: str | None, threshold: int, registration_status: str | None = None
) -> bool:
    """Enterprises big enough to be required to form a union (工会法 art. 11 counts members; the
    office works from headcount, so the threshold is a setting) that have none yet, and that still
    exist here (注销、吊销、迁出 do not)."""
    return (
        (headcount or 0) >= threshold
        and (union_status or UnionStatus.NONE.value) != UnionStatus.ESTABLISHED.value
        and not is_gone(registration_status)
    )

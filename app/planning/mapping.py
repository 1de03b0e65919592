"""Which column of a department's list holds which enterprise field: the names each department uses,
the header row found among the title rows above it, and the mapping proposed from them."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from app.planning import normalize


class Source(StrEnum):
    MARKET = "market"
    TAX = "tax"
    HR = "hr"
    CIVIL = "civil"
    MEMBERS = "members"

    @property
    def label(self) -> str:
        return SOURCE_LABELS[self]


SOURCE_LABELS = {
    Source.MARKET: "市场监管",
    Source.TAX: "税务",
    Source.HR: "人社",
    Source.CIVIL: "民政",
    Source.MEMBERS: "工会会员库",
}

# Import fields: enterprise fields plus a few only a source file carries (grid, union name).
FIELD_LABELS: dict[str, str] = {
    "name": "企业名称",
    "credit_code": "统一社会信用代码",
    "address": "地址",
    "headcount": "职工人数",
    "registered_date": "成立日期",
    "legal_rep": "法定代表人",
    "industry": "行业",
    "contact_name": "联系人",
    "contact_phone": "联系电话",
    "longitude": "经度",
    "latitude": "纬度",
    "grid": "网格",
    "union_name": "工会名称",
    "union_established_date": "建会日期",
    "member_count": "会员人数",
    "registration_status": "登记状态",
    "business_abnormal": "经营异常",
}

SYNONYMS: dict[str, tuple[str, ...]] = {
    "name": ("企业名称", "单位名称", "纳税人名称", "用人单位名称", "参保单位名称", "组织名称", "社会组织名称",
             "企业(单位)名称", "名称", "市场主体名称", "用人单位", "所在单位", "单位全称"),
    "credit_code": ("统一社会信用代码", "信用代码", "社会信用代码", "纳税人识别号", "统一代码", "单位代码",
                    "统一社会信用代码/注册号", "社会统一信用代码", "组织机构代码", "税号"),
    "address": ("地址", "住所", "注册地址", "经营地址", "单位地址", "生产经营地址", "企业地址", "住所地",
                "通讯地址", "办公地址", "经营场所"),
    "headcount": ("从业人数", "参保人数", "职工人数", "员工人数", "在职人数", "用工人数", "从业人员",
                  "职工总数", "在册人数", "从业人员数", "参保职工人数"),
    "registered_date": ("成立日期", "注册日期", "登记日期", "成立时间", "核准日期", "设立日期", "开业日期"),
    "legal_rep": ("法定代表人", "法人代表", "负责人", "法定代表人姓名", "法人", "经营者"),
    "industry": ("行业", "所属行业", "行业类别", "国民经济行业", "行业门类", "行业分类"),
    "contact_name": ("联系人", "联系人姓名", "经办人"),
    "contact_phone": ("联系电话", "电话", "手机", "联系方式", "手机号码", "办公电话", "联系人电话"),
    "longitude": ("经度", "lng", "lon", "longitude", "x坐标"),
    "latitude": ("纬度", "lat", "latitude", "y坐标"),
    "grid": ("网格", "所属网格", "网格名称", "网格编号", "网格编码"),
    "union_name": ("工会名称", "基层工会名称", "工会组织名称", "基层工会"),
    "union_established_date": ("建会日期", "建会时间", "成立工会日期", "工会成立日期", "工会成立时间"),
    "member_count": ("会员人数", "会员数", "工会会员数", "会员总数", "入会人数", "现有会员"),
    "registration_status": ("登记状态", "经营状态", "企业状态", "企业登记状态", "存续状态", "主体状态", "状态"),
    "business_abnormal": ("经营异常", "是否经营异常", "经营异常名录", "列入经营异常名录", "异常名录", "是否列入经营异常名录"),
}

# Columns a member registry uses for the enterprise name ("单位名称" of the union's enterprise).
_SYNONYM_INDEX: dict[str, str] = {
    normalize.header(alias).lower(): field for field, aliases in SYNONYMS.items() for alias in aliases
}

ENTERPRISE_SOURCES = (Source.MARKET, Source.TAX, Source.HR, Source.CIVIL)
HEADER_SCAN_ROWS = 30


def field_for_header(header: Any) -> str | None:
    key = normalize.header(header).lower()
    if not key:
        return None
    if key in _SYNONYM_INDEX:
        return _SYNONYM_INDEX[key]
    # "企业名称（全称）", "统一社会信用代码（18位）" and the like after the bracket is removed
    for alias, field in _SYNONYM_INDEX.items():
        if len(alias) >= 4 and key.startswith(alias):
            return field
    return None


@dataclass(frozen=True)
class HeaderGuess:
    row_index: int  # 0-based index into the rows read
    headers: list[str]
    score: int


def detect_header(rows: Sequence[Sequence[Any]]) -> HeaderGuess | None:
    """The header is the row among the first ones that names the most known columns (and at least a
    name or code column); title rows above it name none."""
    best: HeaderGuess | None = None
    for index, row in enumerate(rows[:HEADER_SCAN_ROWS]):
        fields = [field_for_header(cell) for cell in row]
        found = {f for f in fields if f}
        if not found & {"name", "credit_code"}:
            continue
        score = len(found)
        if best is None or score > best.score:
            best = HeaderGuess(index, [normalize.text(c) for c in row], score)
    return best


def propose_mapping(headers: Sequence[str]) -> dict[str, str]:
    """Header text -> field, each field taken by its first column only (a second "电话" column would
    otherwise overwrite the first)."""
    mapping: dict[str, str] = {}
    taken: set[str] = set()
    for header in headers:
        if not header:
            continue
        field = field_for_header(header)
        if field and field not in taken:
            mapping[header] = field
            taken.add(field)
    return mapping


def apply_saved(headers: Sequence[str], saved: Mapping[str, str]) -> dict[str, str]:
    """A saved mapping applied to this file's headers; columns it does not know are proposed as new."""
    proposed = propose_mapping(headers)
    result: dict[str, str] = {}
    for header in headers:
        if not header:
            continue
        if header in saved:
            if saved[header]:
                result[header] = saved[header]
        elif header in proposed and proposed[header] not in saved.values():
            result[header] = proposed[header]
    return result


def guess_source(file_name: str, headers: Sequence[str]) -> Source:
    lowered = file_name.lower()
    keywords = (
        (Source.MEMBERS, ("会员", "工会", "member")),
        (Source.TAX, ("税", "tax")),
        (Source.HR, ("人社", "社保", "参保", "hr")),
        (Source.CIVIL, ("民政", "社会组织", "civil")),
        (Source.MARKET, ("市场", "工商", "market")),
    )
    for source, words in keywords:
        if any(w in lowered for w in words):
            return source
    fields = {field_for_header(h) for h in headers}
    if "union_name" in fields or "member_count" in fields:
        return Source.MEMBERS
    joined = "".join(headers)
    if "纳税人" in joined:
        return Source.TAX
    if "参保" in joined:
        return Source.HR
    return Source.MARKET

"""From a visit that found problems to the supervision matters it calls for: one per problem category.

A visit's problem summary often names several things at once (“欠发工资两个月；每月加班80小时未付加班
费”). Registering that as one 欠薪 matter would send a letter citing wage rules for an overtime problem,
so the summary is cut into sentences and each sentence goes to the categories whose words it uses; the
categories ticked on the form, and the form's structured answers (no written contracts, high-temperature
hazards, missing protective equipment) add theirs. Nothing here writes anything: the store registers
only the proposals a user chose."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from app.core.violations import ViolationCatalog

# Words that put a sentence in a category (catalog codes). The catalog may add its own `keywords`.
KEYWORDS: dict[str, tuple[str, ...]] = {
    "wage_arrears": ("欠薪", "拖欠", "欠发", "工资未发", "未发放工资", "工资至今未", "克扣", "未足额支付工资", "未按时支付工资", "工资"),
    "overtime_pay": ("加班费", "加班工资", "延长工作时间工资", "加点费"),
    "hours_leave": ("加班", "工时", "每日工作", "每周工作", "单休", "休息日", "年休假", "带薪休假", "轮休", "超时"),
    "labour_contract": ("劳动合同", "书面合同", "未签合同", "未签订合同", "职工名册"),
    "social_insurance": ("社会保险", "社保", "养老保险", "医疗保险", "工伤保险", "失业保险", "生育保险", "公积金"),
    "high_temperature": ("高温", "防暑", "降温", "高温津贴", "露天作业"),
    "women_equality": ("女职工", "怀孕", "孕期", "产假", "哺乳", "生育", "性别", "就业歧视"),
    "safety_health": ("安全", "防护用品", "防护", "职业病", "职业健康", "粉尘", "噪声", "消防", "隐患", "口罩", "有毒"),
}
# A word of a more specific category wins over a general one in the same sentence (“加班费” is about
# pay, not hours; “高温津贴” is high temperature, not wages).
_SPECIFIC_OVER: dict[str, tuple[str, ...]] = {
    "overtime_pay": ("hours_leave", "wage_arrears"),
    "high_temperature": ("wage_arrears", "safety_health"),
    "women_equality": ("hours_leave", "social_insurance"),
    "social_insurance": ("wage_arrears",),
}
# Words that keep a general category even beside a more specific one: “加班80小时未付加班费” is about
# hours as well as pay, “休息日加班未付加班工资” only about pay.
_STRONG: dict[str, tuple[str, ...]] = {
    "hours_leave": ("每日工作", "每周工作", "单休", "年休假", "带薪休假", "超时", "工时", "小时"),
    "wage_arrears": ("欠薪", "拖欠", "欠发", "克扣", "工资未发", "未发放工资", "工资至今未", "未足额支付工资"),
    "safety_health": ("安全", "防护用品", "职业病", "职业健康", "粉尘", "噪声", "消防", "隐患", "口罩", "有毒"),
    "social_insurance": ("社会保险", "社保", "保险", "缴纳", "缴费", "公积金"),
}
_SENTENCE = re.compile(r"[^。；;！!？?\n]+[。；;！!？?]?")
# Structured answers of the visit form that are problems in themselves.
_HAZARD_CATEGORIES = {
    "高温作业无防护": "high_temperature",
    "防护用品不足": "safety_health",
    "消防通道堵塞": "safety_health",
    "粉尘噪声超标": "safety_health",
}


@dataclass
class ProposedMatter:
    """One supervision matter a visit calls for; `registered` when the visit already has a matter of
    this category (proposed again only to show it, never registered twice)."""

    category: str
    label: str
    facts: str
    legal_basis: str = ""
    demand: str = ""
    registered: bool = False
    sources: list[str] = field(default_factory=list)


def sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE.findall(text or "") if s.strip(" 。；;，,")]


def categories_of(sentence: str, catalog: ViolationCatalog, extra: Mapping[str, Sequence[str]] | None = None) -> list[str]:
    """Catalog codes whose words the sentence uses, the more specific ones winning."""
    words = {code: tuple(KEYWORDS.get(code, ())) + tuple((extra or {}).get(code, ())) for code in catalog.codes()}
    hits = [code for code, ws in words.items() if any(w in sentence for w in ws)]
    dropped = {general for code in hits for general in _SPECIFIC_OVER.get(code, ())}
    # Only drop a general category when no word of it stands apart from the specific words.
    kept = []
    for code in hits:
        if code in dropped and not _stands_alone(sentence, code, hits, words):
            continue
        kept.append(code)
    return kept


def _stands_alone(sentence: str, code: str, hits: Sequence[str], words: Mapping[str, Sequence[str]]) -> bool:
    stripped = sentence
    for other in hits:
        if other != code and code in _SPECIFIC_OVER.get(other, ()):
            for w in sorted(words[other], key=len, reverse=True):
                stripped = stripped.replace(w, "")
    return any(w in stripped for w in _STRONG.get(code, ()))


def _label_codes(values: Any, catalog: ViolationCatalog) -> list[str]:
    out: list[str] = []
    for value in values if isinstance(values, list) else []:
        cat = catalog.get(str(value)) or catalog.by_label(str(value))
        if cat is not None and cat.code not in out:
            out.append(cat.code)
    return out


def _date_prefix(day: dt.date | None, visitors: str = "") -> str:
    when = f"{day.year}年{day.month}月{day.day}日，" if day else ""
    who = f"{visitors}" if visitors else ""
    return f"{when}{who}走访时发现：" if who else f"{when}走访时发现："


def propose(
    answers: Mapping[str, Any],
    catalog: ViolationCatalog,
    *,
    visit_date: dt.date | None = None,
    visitors: str = "",
) -> list[ProposedMatter]:
    """The matters a submitted visit calls for, one per category, in catalog order; [] when the visit
    found no problem. Each gets the sentences of the summary about it (the whole summary when no
    sentence names its category) and the catalog's legal basis and remedy are left to the caller."""
    if not answers.get("problems_found"):
        return []
    summary = str(answers.get("problem_summary") or "").strip()
    extra = {c.code: c.keywords for c in catalog.categories if c.keywords}
    facts: dict[str, list[str]] = {}
    sources: dict[str, list[str]] = {}

    def add(code: str, text: str, source: str) -> None:
        facts.setdefault(code, [])
        sources.setdefault(code, [])
        if text and text not in facts[code]:
            facts[code].append(text)
        if source not in sources[code]:
            sources[code].append(source)

    unmatched: list[str] = []
    for sentence in sentences(summary):
        codes = categories_of(sentence, catalog, extra)
        if not codes:
            unmatched.append(sentence)
        for code in codes:
            add(code, sentence, "summary")
    for code in _label_codes(answers.get("problem_categories"), catalog):
        add(code, "", "ticked")
    if answers.get("contracts_signed") is False:
        missing = answers.get("contracts_missing")
        count = f"{missing}名" if isinstance(missing, int | float) and missing else "部分"
        add("labour_contract", f"{count}职工未签订书面劳动合同。", "form")
    hazards = answers.get("hazards") if isinstance(answers.get("hazards"), list) else []
    for hazard in hazards or []:
        hazard_code = _HAZARD_CATEGORIES.get(str(hazard))
        if hazard_code and catalog.get(hazard_code):
            detail = str(answers.get("hazard_detail") or "").strip()
            add(hazard_code, f"现场发现{hazard}" + (f"：{detail}" if detail else "。"), "form")
    if not facts and summary:
        # Nothing says which category: one proposal the user must give a category.
        return [ProposedMatter("", "", _date_prefix(visit_date, visitors) + _end(summary), sources=["summary"])]
    out: list[ProposedMatter] = []
    for code in catalog.codes():
        if code not in facts:
            continue
        cat = catalog.get(code)
        assert cat is not None
        lines = facts[code] or ([summary] if summary else [])
        if not facts[code] and unmatched:
            lines = unmatched
        text = _date_prefix(visit_date, visitors) + "".join(_end(line) for line in lines)
        out.append(ProposedMatter(code, cat.label, text, sources=sources[code]))
    return out


def _end(sentence: str) -> str:
    sentence = sentence.strip().rstrip("；;，,")
    return sentence if sentence.endswith(("。", "！", "？")) else sentence + "。"

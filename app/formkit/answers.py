"""Answers checked against their definition. A draft may be incomplete (only malformed values count);
a submitted visit must be complete, and fields hidden by a visible_if are neither required nor kept.

Answer values: text/longtext str; number int or float; date "YYYY-MM-DD"; choice str; multichoice
list[str]; yesno bool; photo list of {"attachment": id, "sha256": hex}; signature one such dict."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from enum import StrEnum
from typing import Any

from app.core.codes import CodeStatus, check_phone
from app.core.problems import Problem
from app.formkit.definition import FieldDef, FieldType, FormDefinition


class Mode(StrEnum):
    DRAFT = "draft"
    SUBMIT = "submit"


Problems = dict[str, list[Problem]]


def is_empty(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, list | dict | tuple):
        return len(value) == 0
    return False


def visible_fields(definition: FormDefinition, answers: Mapping[str, Any]) -> set[str]:
    """Ids of the fields shown for these answers. A field whose controlling field is hidden is hidden
    too: its condition reads an answer that will not be kept."""
    shown: set[str] = set()
    for f in definition.iter_fields():
        cond = f.visible_if
        if cond is None or (cond.field in shown and cond.holds(answers.get(cond.field))):
            shown.add(f.id)
    return shown


def _number(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value)
    return None


def _fmt(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else f"{x:.6g}"


def _check_shape(f: FieldDef, value: Any) -> str | None:
    """The message for a value that is not a valid answer of this field type, else None."""
    label = f.label
    t = f.type
    if t in (FieldType.TEXT, FieldType.LONGTEXT):
        if not isinstance(value, str):
            return f"“{label}”应为文字"
        if f.max_length is not None and len(value) > f.max_length:
            return f"“{label}”最多 {f.max_length} 字，现有 {len(value)} 字"
    elif t is FieldType.NUMBER:
        number = _number(value)
        if number is None:
            return f"“{label}”应为数字"
        if f.decimals == 0 and not float(number).is_integer():
            return f"“{label}”应为整数"
        if f.min is not None and number < f.min:
            return f"“{label}”不能小于 {_fmt(f.min)}"
        if f.max is not None and number > f.max:
            return f"“{label}”不能大于 {_fmt(f.max)}"
    elif t is FieldType.DATE:
        if not isinstance(value, str) or parse_date(value) is None:
            return f"“{label}”应为有效日期（年-月-日）"
    elif t is FieldType.CHOICE:
        if value not in f.options:
            return f"“{label}”的选项“{value}”不在可选范围内"
    elif t is FieldType.MULTICHOICE:
        if not isinstance(value, list):
            return f"“{label}”应为选项列表"
        unknown = [v for v in value if v not in f.options]
        if unknown:
            return f"“{label}”的选项“{unknown[0]}”不在可选范围内"
        if f.max_count is not None and len(value) > f.max_count:
            return f"“{label}”最多选 {f.max_count} 项"
    elif t is FieldType.YESNO:
        if not isinstance(value, bool):
            return f"“{label}”应为“是”或“否”"
    elif t is FieldType.PHOTO:
        if not isinstance(value, list) or not all(_is_attachment(v) for v in value):
            return f"“{label}”的照片记录已损坏"
        if f.max_count is not None and len(value) > f.max_count:
            return f"“{label}”最多 {f.max_count} 张，现有 {len(value)} 张"
    elif t is FieldType.SIGNATURE and not _is_attachment(value):
        return f"“{label}”的签名记录已损坏"
    return None


def _is_attachment(value: Any) -> bool:
    return isinstance(value, dict) and isinstance(value.get("sha256"), str) and bool(value.get("sha256"))


_NAME_SEPARATORS = re.compile(r"[、，,;；/\s]+|和|及|与")


def person_names(value: Any) -> list[str]:
    """The different names in a field such as 走访人员 (“张明、李华”); repeats count once."""
    if not isinstance(value, str):
        return []
    names = [n.strip() for n in _NAME_SEPARATORS.split(value)]
    return list(dict.fromkeys(n for n in names if n))


def parse_date(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text)
    except (TypeError, ValueError):
        return None


def _check_rules(
    definition: FormDefinition,
    f: FieldDef,
    value: Any,
    answers: Mapping[str, Any],
    shown: set[str],
    today: dt.date,
) -> str | None:
    for rule in f.rules:
        if rule.kind == "phone":
            check = check_phone(value)
            if check.status is CodeStatus.MALFORMED:
                return rule.message or f"“{f.label}”：{check.message}"
        elif rule.kind == "pattern":
            if not re.fullmatch(rule.pattern or "", value):
                return rule.message or f"“{f.label}”的格式不正确"
        elif rule.kind == "not_greater_than":
            other_id = rule.field or ""
            other = _number(answers.get(other_id)) if other_id in shown else None
            mine = _number(value)
            if other is not None and mine is not None and mine > other:
                return rule.message or f"“{f.label}”不应大于“{definition.field(other_id).label}”"
        elif rule.kind == "distinct_names":
            wanted = rule.min or 1
            if len(person_names(value)) < wanted:
                return rule.message or f"“{f.label}”至少填写{wanted}位不同人员的姓名，用顿号分隔。"
        elif rule.kind == "not_future":
            day = parse_date(value)
            if day is not None and day > today:
                return rule.message or f"“{f.label}”不能晚于今天"
    return None


def validate(
    definition: FormDefinition,
    answers: Mapping[str, Any],
    mode: Mode | str = Mode.SUBMIT,
    *,
    today: dt.date | None = None,
) -> Problems:
    """Problems per field id, in form order (the first key is the first field to fix). Hidden fields
    are skipped; in a draft, missing required answers are not problems."""
    mode = Mode(mode)
    today = today or dt.date.today()
    shown = visible_fields(definition, answers)
    found: Problems = {}
    for f in definition.iter_fields():
        if f.id not in shown:
            continue
        value = answers.get(f.id)
        if is_empty(value):
            if f.required and mode is Mode.SUBMIT:
                verb = "选择" if f.type in (FieldType.CHOICE, FieldType.MULTICHOICE, FieldType.YESNO) else "填写"
                if f.type in (FieldType.PHOTO, FieldType.SIGNATURE):
                    verb = "添加"
                found[f.id] = [Problem(f.id, f"请{verb}“{f.label}”")]
            continue
        message = _check_shape(f, value) or _check_rules(definition, f, value, answers, shown, today)
        if message:
            found[f.id] = [Problem(f.id, message)]
    return found


def kept_answers(definition: FormDefinition, answers: Mapping[str, Any]) -> dict[str, Any]:
    """What a submitted visit keeps: answers of visible, known fields that are not empty; strings
    trimmed. Hidden answers are dropped so a record never claims what the form did not ask."""
    shown = visible_fields(definition, answers)
    kept: dict[str, Any] = {}
    for f in definition.iter_fields():
        if f.id not in shown:
            continue
        value = answers.get(f.id)
        if is_empty(value):
            continue
        kept[f.id] = value.strip() if isinstance(value, str) else value
    return kept


def first_sentence(definition: FormDefinition, problems: Problems) -> str:
    """One sentence for a banner above the form: how many places to fix and the first of them."""
    if not problems:
        return ""
    order = {fid: i for i, fid in enumerate(definition.field_ids)}
    first_id = min(problems, key=lambda fid: order.get(fid, len(order)))
    first = problems[first_id][0].message
    if len(problems) == 1:
        return f"还有 1 处需要处理：{first}。"
    return f"还有 {len(problems)} 处需要处理，第一处：{first}。"


def submit(definition: FormDefinition, answers: Mapping[str, Any]) -> tuple[dict[str, Any], Problems]:
    """(answers to store, problems). Store only when problems is empty."""
    problems = validate(definition, answers, Mode.SUBMIT)
    return kept_answers(definition, answers), problems


def date_answer(definition: FormDefinition, answers: Mapping[str, Any]) -> dt.date | None:
    """The visit date held in the form (the definition's date_field), if filled and valid."""
    if not definition.date_field:
        return None
    value = answers.get(definition.date_field)
    return parse_date(value) if isinstance(value, str) else None

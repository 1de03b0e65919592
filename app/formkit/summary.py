"""The one line a visit shows in the enterprise timeline, built from the definition's summary templates
so that a new form version can say what matters about it without code changes."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from app.formkit.answers import is_empty, visible_fields
from app.formkit.definition import FieldDef, FieldType, FormDefinition, fill_template, template_fields

PART_LIMIT = 24
LINE_LIMIT = 80
SEPARATOR = "；"


def display_value(field: FieldDef, value: Any) -> str:
    """An answer as a person reads it (是/否, items joined with 、, photos counted)."""
    if is_empty(value):
        return ""
    if field.type is FieldType.YESNO:
        return "是" if value else "否"
    if field.type is FieldType.MULTICHOICE and isinstance(value, list):
        return "、".join(str(v) for v in value)
    if field.type is FieldType.PHOTO and isinstance(value, list):
        return f"{len(value)} 张照片"
    if field.type is FieldType.SIGNATURE:
        return "已签名"
    if field.type is FieldType.NUMBER and isinstance(value, float) and value.is_integer():
        return str(int(value))
    return " ".join(str(value).split())


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def summary_line(definition: FormDefinition, answers: Mapping[str, Any]) -> str:
    """Each template part appears only when every field it names is shown and answered; without
    templates, the first three answered required fields as "名称：值"."""
    shown = visible_fields(definition, answers)
    parts: list[str] = []
    if definition.summary:
        for template in definition.summary:
            names = template_fields(template)
            values: dict[str, str] = {}
            for name in names:
                if name in shown and definition.has_field(name):
                    values[name] = _shorten(display_value(definition.field(name), answers.get(name)), PART_LIMIT)
            if names and all(values.get(n) for n in names):
                parts.append(fill_template(template, values))
    else:
        for f in definition.iter_fields():
            if f.required and f.id in shown and f.type is not FieldType.DATE:
                text = display_value(f, answers.get(f.id))
                if text:
                    parts.append(f"{f.label}：{_shorten(text, PART_LIMIT)}")
            if len(parts) == 3:
                break
    return _shorten(SEPARATOR.join(parts), LINE_LIMIT)

"""The typed shape of a visit form definition. A definition is data (forms/<id>.v<version>.json), so
every reference inside it (visible_if, rules, summary) is checked here once, when it is loaded, and the
GUI and the validator can trust it afterwards."""

from __future__ import annotations

import re
from collections.abc import Iterator
from enum import StrEnum
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator


class FieldType(StrEnum):
    TEXT = "text"
    LONGTEXT = "longtext"
    NUMBER = "number"
    DATE = "date"
    CHOICE = "choice"
    MULTICHOICE = "multichoice"
    YESNO = "yesno"
    PHOTO = "photo"
    SIGNATURE = "signature"


TEXT_TYPES = frozenset({FieldType.TEXT, FieldType.LONGTEXT})
OPTION_TYPES = frozenset({FieldType.CHOICE, FieldType.MULTICHOICE})
ATTACHMENT_TYPES = frozenset({FieldType.PHOTO, FieldType.SIGNATURE})


class DefinitionProblem(ValueError):
    """A definition that breaks its own rules; `field` names the field at fault when there is one."""

    def __init__(self, message: str, field: str | None = None) -> None:
        self.field = field
        super().__init__(message)


class _Strict(BaseModel):
    # Unknown keys are typos in a hand-edited file; refusing them beats silently ignoring a rule.
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class Rule(_Strict):
    kind: Literal["phone", "not_greater_than", "pattern", "not_future"]
    field: str | None = None
    pattern: str | None = None
    message: str | None = None

    @model_validator(mode="after")
    def _complete(self) -> Rule:
        if self.kind == "not_greater_than" and not self.field:
            raise ValueError("规则 not_greater_than 需要 field（被比较的字段）")
        if self.kind == "pattern":
            if not self.pattern:
                raise ValueError("规则 pattern 需要 pattern（正则表达式）")
            try:
                re.compile(self.pattern)
            except re.error as exc:
                raise ValueError(f"正则表达式 {self.pattern!r} 无效：{exc}") from exc
        return self


class VisibleIf(_Strict):
    field: str
    equals: Any = None
    in_: list[Any] | None = Field(default=None, alias="in")

    @model_validator(mode="after")
    def _one_condition(self) -> VisibleIf:
        has_equals = "equals" in self.model_fields_set
        has_in = self.in_ is not None
        if has_equals == has_in:
            raise ValueError("visible_if 需要 equals 或 in 二者之一")
        return self

    @property
    def uses_in(self) -> bool:
        return self.in_ is not None

    def holds(self, value: Any) -> bool:
        """A list answer (multiple choice) satisfies the condition when any of its items does."""
        values = value if isinstance(value, list) else [value]
        wanted = self.in_ if self.in_ is not None else [self.equals]
        return any(_same(v, w) for v in values for w in wanted)


def _same(a: Any, b: Any) -> bool:
    # True == 1 in Python; a yes/no answer must not match a number by accident.
    if isinstance(a, bool) or isinstance(b, bool):
        return isinstance(a, bool) and isinstance(b, bool) and a == b
    return bool(a == b)


class FieldDef(_Strict):
    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    label: str = Field(min_length=1)
    type: FieldType
    required: bool = False
    help: str = ""
    placeholder: str = ""
    options: list[str] = Field(default_factory=list)
    min: float | None = None
    max: float | None = None
    decimals: int = Field(default=0, ge=0, le=6)
    max_length: int | None = Field(default=None, gt=0)
    max_count: int | None = Field(default=None, gt=0)
    rules: list[Rule] = Field(default_factory=list)
    visible_if: VisibleIf | None = None
    enterprise_field: str | None = None  # an answer that suggests updating this enterprise column
    prefill: Literal["today", "user"] | None = None  # what a new visit starts with

    @model_validator(mode="after")
    def _consistent(self) -> FieldDef:
        if self.type in OPTION_TYPES:
            if not self.options:
                raise ValueError(f"{self.type.value} 类型需要 options（选项列表）")
            if len(set(self.options)) != len(self.options):
                raise ValueError("options 中有重复的选项")
        elif self.options:
            raise ValueError(f"{self.type.value} 类型不使用 options")
        if (self.min is not None or self.max is not None) and self.type is not FieldType.NUMBER:
            raise ValueError("min/max 只用于 number 类型")
        if self.min is not None and self.max is not None and self.min > self.max:
            raise ValueError(f"min（{self.min:g}）大于 max（{self.max:g}）")
        if self.max_count is not None and self.type not in {FieldType.PHOTO, FieldType.MULTICHOICE}:
            raise ValueError("max_count 只用于 photo 或 multichoice 类型")
        if self.max_length is not None and self.type not in TEXT_TYPES:
            raise ValueError("max_length 只用于 text 或 longtext 类型")
        if self.prefill == "today" and self.type is not FieldType.DATE:
            raise ValueError("prefill today 只用于 date 类型")
        if self.prefill == "user" and self.type not in TEXT_TYPES:
            raise ValueError("prefill user 只用于 text 或 longtext 类型")
        for rule in self.rules:
            if rule.kind == "phone" and self.type is not FieldType.TEXT:
                raise ValueError("phone 规则只用于 text 类型")
            if rule.kind == "pattern" and self.type not in TEXT_TYPES:
                raise ValueError("pattern 规则只用于 text 或 longtext 类型")
            if rule.kind == "not_greater_than" and self.type is not FieldType.NUMBER:
                raise ValueError("not_greater_than 规则只用于 number 类型")
            if rule.kind == "not_future" and self.type is not FieldType.DATE:
                raise ValueError("not_future 规则只用于 date 类型")
        return self


class Section(_Strict):
    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    title: str = Field(min_length=1)
    description: str = ""
    fields: list[FieldDef] = Field(min_length=1)


class FormDefinition(_Strict):
    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    version: int = Field(ge=1)
    title: str = Field(min_length=1)
    description: str = ""
    kind: Literal["visit", "questionnaire"] = "visit"  # a questionnaire is filled by people, not about an enterprise
    date_field: str | None = None  # the answer kept in step with the visit's own date column
    summary: list[str] = Field(default_factory=list)  # templates such as "在册{headcount}人"
    sections: list[Section] = Field(min_length=1)

    def iter_fields(self) -> Iterator[FieldDef]:
        for section in self.sections:
            yield from section.fields

    @property
    def field_ids(self) -> list[str]:
        return [f.id for f in self.iter_fields()]

    def field(self, field_id: str) -> FieldDef:
        for f in self.iter_fields():
            if f.id == field_id:
                return f
        raise KeyError(field_id)

    def has_field(self, field_id: str) -> bool:
        return any(f.id == field_id for f in self.iter_fields())

    def check_references(self) -> None:
        """Cross-field checks that a single field cannot make; raises DefinitionProblem naming the field.

        visible_if must point to an *earlier* field: visibility is then decided in one pass, in order,
        and a cycle cannot be written."""
        seen: dict[str, FieldDef] = {}
        section_ids: set[str] = set()
        for section in self.sections:
            if section.id in section_ids:
                raise DefinitionProblem(f"分节编号“{section.id}”重复", None)
            section_ids.add(section.id)
            for f in section.fields:
                if f.id in seen:
                    raise DefinitionProblem(f"字段编号“{f.id}”重复", f.id)
                cond = f.visible_if
                if cond is not None:
                    ctrl = seen.get(cond.field)
                    if ctrl is None:
                        where = "之后" if self.has_field(cond.field) else "中不存在"
                        raise DefinitionProblem(
                            f"visible_if 引用的字段“{cond.field}”在本字段{where}（只能引用前面的字段）", f.id
                        )
                    wanted = cond.in_ if cond.in_ is not None else [cond.equals]
                    for value in wanted:
                        if not _plausible_value(ctrl, value):
                            raise DefinitionProblem(
                                f"visible_if 的取值 {value!r} 不是字段“{ctrl.id}”可能的答案", f.id
                            )
                for rule in f.rules:
                    if rule.kind == "not_greater_than":
                        other = seen.get(rule.field or "") or (
                            self.field(rule.field) if rule.field and self.has_field(rule.field) else None
                        )
                        if other is None or other.type is not FieldType.NUMBER:
                            raise DefinitionProblem(
                                f"not_greater_than 引用的字段“{rule.field}”不存在或不是数字字段", f.id
                            )
                seen[f.id] = f
        if self.date_field is not None and (
            self.date_field not in seen or seen[self.date_field].type is not FieldType.DATE
        ):
            raise DefinitionProblem(f"date_field 引用的字段“{self.date_field}”不存在或不是日期字段", None)
        for template in self.summary:
            for name in template_fields(template):
                if name not in seen:
                    raise DefinitionProblem(f"summary 模板“{template}”引用了不存在的字段“{name}”", None)


_PLACEHOLDER = re.compile(r"\{([a-z][a-z0-9_]*)\}")


def template_fields(template: str) -> list[str]:
    return _PLACEHOLDER.findall(template)


def fill_template(template: str, values: dict[str, str]) -> str:
    return _PLACEHOLDER.sub(lambda m: values.get(m.group(1), ""), template)


def _plausible_value(field: FieldDef, value: Any) -> bool:
    if field.type in OPTION_TYPES:
        return value in field.options
    if field.type is FieldType.YESNO:
        return isinstance(value, bool)
    if field.type is FieldType.NUMBER:
        return isinstance(value, int | float) and not isinstance(value, bool)
    return isinstance(value, str)

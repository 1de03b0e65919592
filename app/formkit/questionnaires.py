"""Questionnaires of the legislative contact point: form definitions of kind "questionnaire" in forms/,
filled on the laptop like a visit form, and counted per question.

A return missing a required answer is still a return that was handed in: it is kept and counted as
invalid, with the reason. A malformed answer (a number out of range, a wrong date) is a typing
mistake instead, and is refused so the clerk can correct it."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlmodel import Session

from app.core.problems import Problem, ValidationError
from app.formkit.answers import Mode, date_answer, first_sentence, kept_answers, validate
from app.formkit.definition import FieldType, FormDefinition
from app.formkit.loader import questionnaire_ids as questionnaire_ids
from app.formkit.summary import display_value
from app.store import legislation
from app.store.tables.legislation import QuestionnaireReturn

CHOICE_TYPES = frozenset({FieldType.CHOICE, FieldType.MULTICHOICE, FieldType.YESNO})


def record(
    session: Session,
    definition: FormDefinition,
    answers: Mapping[str, Any],
    *,
    actor: str,
    consultation_id: str | None = None,
    grid_id: str | None = None,
    respondent: str = "",
    today: dt.date | None = None,
) -> QuestionnaireReturn:
    if definition.kind != "questionnaire":
        raise ValidationError([Problem("form_id", f"“{definition.title}”不是问卷")])
    malformed = validate(definition, answers, Mode.DRAFT, today=today)
    if malformed:
        raise ValidationError([Problem(next(iter(malformed)), first_sentence(definition, malformed))])
    missing = validate(definition, answers, Mode.SUBMIT, today=today)
    kept = kept_answers(definition, answers)
    filled_on = date_answer(definition, kept) or today or dt.date.today()
    return legislation.save_return(
        session, form_id=definition.id, form_version=definition.version, answers=kept, filled_on=filled_on,
        actor=actor, valid=not missing, invalid_reason=first_sentence(definition, missing),
        consultation_id=consultation_id, respondent=respondent, grid_id=grid_id)


@dataclass
class QuestionTally:
    """One question's answers over the valid returns: counts per option for choices, figures for
    numbers, the texts themselves for open questions."""

    field_id: str
    label: str
    kind: str
    answered: int = 0
    options: list[tuple[str, int]] = field(default_factory=list)
    mean: float | None = None
    minimum: float | None = None
    maximum: float | None = None
    texts: list[str] = field(default_factory=list)


def _answers(row: QuestionnaireReturn) -> dict[str, Any]:
    try:
        value = json.loads(row.answers or "{}")
    except json.JSONDecodeError:
        return {}
    return value if isinstance(value, dict) else {}


def tally(definition: FormDefinition, rows: Sequence[QuestionnaireReturn]) -> list[QuestionTally]:
    parsed = [_answers(r) for r in rows if r.valid and r.form_id == definition.id]
    out: list[QuestionTally] = []
    for f in definition.iter_fields():
        if f.type in (FieldType.PHOTO, FieldType.SIGNATURE, FieldType.DATE):
            continue
        t = QuestionTally(f.id, f.label, f.type.value)
        values = [a[f.id] for a in parsed if f.id in a]
        t.answered = len(values)
        if f.type in CHOICE_TYPES:
            options: list[Any] = [True, False] if f.type is FieldType.YESNO else list(f.options)
            counts = {json.dumps(o): 0 for o in options}
            for v in values:
                for item in v if isinstance(v, list) else [v]:
                    key = json.dumps(item)
                    if key in counts:
                        counts[key] += 1
            t.options = [(display_value(f, o), counts[json.dumps(o)]) for o in options]
        elif f.type is FieldType.NUMBER:
            numbers = [float(v) for v in values if isinstance(v, int | float) and not isinstance(v, bool)]
            if numbers:
                t.mean = sum(numbers) / len(numbers)
                t.minimum, t.maximum = min(numbers), max(numbers)
        else:
            t.texts = [str(v) for v in values if str(v).strip()]
        out.append(t)
    return out


def answer_table(definition: FormDefinition, rows: Sequence[QuestionnaireReturn]) -> tuple[list[str], list[list[str]]]:
    """Every return as one row (header: the questions), for the XLSX export."""
    fields = [f for f in definition.iter_fields() if f.type not in (FieldType.PHOTO, FieldType.SIGNATURE)]
    header = ["有效", "无效原因", *[f.label for f in fields]]
    table = []
    for r in rows:
        a = _answers(r)
        table.append(["是" if r.valid else "否", r.invalid_reason,
                      *[display_value(f, a[f.id]) if f.id in a else "" for f in fields]])
    return header, table

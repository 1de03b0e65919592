"""Visit form definitions (data in forms/) and validation of answers against them. No Qt here."""

from app.formkit.answers import (
    Mode,
    Problems,
    date_answer,
    first_sentence,
    is_empty,
    kept_answers,
    submit,
    validate,
    visible_fields,
)
from app.formkit.definition import FieldDef, FieldType, FormDefinition, Rule, Section, VisibleIf
from app.formkit.loader import (
    DEFAULT_FORM_ID,
    FormDefinitionError,
    FormNotFoundError,
    available,
    latest_version,
    load,
    load_file,
)
from app.formkit.summary import display_value, summary_line

__all__ = [
    "DEFAULT_FORM_ID",
    "FieldDef",
    "FieldType",
    "FormDefinition",
    "FormDefinitionError",
    "FormNotFoundError",
    "Mode",
    "Problems",
    "Rule",
    "Section",
    "VisibleIf",
    "available",
    "date_answer",
    "display_value",
    "first_sentence",
    "is_empty",
    "kept_answers",
    "latest_version",
    "load",
    "load_file",
    "submit",
    "summary_line",
    "validate",
    "visible_fields",
]

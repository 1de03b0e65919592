"""A problem found in what a user entered: which field, how bad, and one sentence to show them."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Problem:
    field: str
    message: str
    severity: Severity = Severity.ERROR

    @property
    def blocking(self) -> bool:
        return self.severity is Severity.ERROR


def blocking(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.blocking]


class ValidationError(ValueError):
    """Raised by store writes when the data breaks a rule; carries the problems for the UI."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("；".join(p.message for p in problems))

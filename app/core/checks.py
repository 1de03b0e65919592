"""The result of one `union-inspector check` line. It lives here, below every layer, so that each area's
own checks (`app.planning.health`, `app.sync.health`, ...) can return it without importing
`app.health`, which gathers them."""

from __future__ import annotations

from contextvars import ContextVar
from dataclasses import dataclass
from typing import Literal

# Set by `app.health.run_checks` for one run; here so that each area's checks can read it too.
DEEP: ContextVar[bool] = ContextVar("deep_checks", default=False)


def is_deep() -> bool:
    """Whether `check --deep` asked for the checks that read every row or wait on the network
    (integrity, foreign keys, the whole audit chain, fonts loaded as documents load them, the server
    given as long as sync gives it); without it `check` stays under a second at 300,000 enterprises."""
    return DEEP.get()


@dataclass(frozen=True)
class CheckResult:
    name: str
    level: Literal["ok", "warn", "fail"]
    message: str

"""The result of one `union-inspector check` line. It lives here, below every layer, so that each area's
own checks (`app.planning.health`, `app.sync.health`, ...) can return it without importing
`app.health`, which gathers them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal


@dataclass(frozen=True)
class CheckResult:
    name: str
    level: Literal["ok", "warn", "fail"]
    message: str

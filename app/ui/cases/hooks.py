"""Where other areas plug into reception: a walk-in can become a service request (built elsewhere).
An area appends a HandoverSpec; its handler makes its own row and calls
`app.store.cases.reception_handed_over(session, reception_id, "service", table, row_id, actor)`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from app.ui.shell.context import AppContext


@dataclass(frozen=True)
class HandoverSpec:
    label: str
    handler: Callable[[AppContext, str, QWidget], None]  # (context, reception id, parent)


HANDOVERS: list[HandoverSpec] = []

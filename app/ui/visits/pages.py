"""The visits' own page: 走访计划 (the week plan and route). Visits themselves open from the enterprise
file."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from app.ui.shell.context import AppContext
from app.ui.shell.registry import PageSpec, add_page


def _plan(ctx: AppContext) -> QWidget:
    from app.ui.visits.plan import VisitPlanPage

    return VisitPlanPage(ctx)


# The context stays "DataPool" so the existing translation of the title still applies.
add_page(PageSpec("visit_plan", QCoreApplication.translate("DataPool", "走访计划"), 26, _plan))

"""Pages of the data pool and planning: 数据池 (imports, conflicts), 建会目标, 热力图 and 走访计划."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from app.ui.context import AppContext
from app.ui.registry import PageSpec, add_page


def _datapool(ctx: AppContext) -> QWidget:
    from app.ui.datapool_page import DataPoolPage

    return DataPoolPage(ctx)


def _targets(ctx: AppContext) -> QWidget:
    from app.ui.datapool_targets import TargetsPage

    return TargetsPage(ctx)


def _heatmap(ctx: AppContext) -> QWidget:
    from app.ui.heatmap_view import HeatMapPage

    return HeatMapPage(ctx)


def _plan(ctx: AppContext) -> QWidget:
    from app.ui.visit_plan import VisitPlanPage

    return VisitPlanPage(ctx)


add_page(PageSpec("datapool", QCoreApplication.translate("DataPool", "数据池"), 20, _datapool))
add_page(PageSpec("targets", QCoreApplication.translate("DataPool", "建会目标"), 22, _targets))
add_page(PageSpec("heatmap", QCoreApplication.translate("DataPool", "热力图"), 24, _heatmap))
add_page(PageSpec("visit_plan", QCoreApplication.translate("DataPool", "走访计划"), 26, _plan))

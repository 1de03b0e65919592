"""Pages of the data pool and planning: 数据池 (imports, conflicts), 建会目标 and 热力图."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from app.ui.shell.context import AppContext
from app.ui.shell.registry import PageSpec, add_page


def _datapool(ctx: AppContext) -> QWidget:
    from app.ui.datapool.page import DataPoolPage

    return DataPoolPage(ctx)


def _targets(ctx: AppContext) -> QWidget:
    from app.ui.datapool.targets import TargetsPage

    return TargetsPage(ctx)


def _heatmap(ctx: AppContext) -> QWidget:
    from app.ui.datapool.heatmap import HeatMapPage

    return HeatMapPage(ctx)


add_page(PageSpec("datapool", QCoreApplication.translate("DataPool", "数据池"), 20, _datapool))
add_page(PageSpec("targets", QCoreApplication.translate("DataPool", "建会目标"), 22, _targets))
add_page(PageSpec("heatmap", QCoreApplication.translate("DataPool", "热力图"), 24, _heatmap))

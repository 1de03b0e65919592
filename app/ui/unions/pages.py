"""Union building (建起来、转起来、强起来): the 工会建设 page and the enterprise file's 工会与服务 tab,
registered with the main window's registry."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from app.ui.shell.context import AppContext
from app.ui.shell.registry import EnterpriseTabSpec, PageSpec, add_enterprise_tab, add_page


def _page(ctx: AppContext) -> QWidget:
    from app.ui.unions.page import UnionsPage

    return UnionsPage(ctx)


def _tab(ctx: AppContext, enterprise_id: str) -> QWidget:
    from app.ui.unions.enterprise_tab import EnterpriseUnionTab

    return EnterpriseUnionTab(ctx, enterprise_id)


add_page(PageSpec("unions", QCoreApplication.translate("Unions", "工会建设"), 30, _page))
add_enterprise_tab(EnterpriseTabSpec("unions", QCoreApplication.translate("Unions", "工会与服务"), 45, _tab))

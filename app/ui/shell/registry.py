"""Extension points of the main window: each area registers its pages, its tabs in the enterprise file
and its status-bar widgets here, so the window itself does not need to know every area."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from app.ui.shell.context import AppContext


@dataclass(frozen=True)
class PageSpec:
    key: str
    title: str
    order: int
    factory: Callable[[AppContext], QWidget]
    shortcut: str | None = None


@dataclass(frozen=True)
class EnterpriseTabSpec:
    key: str
    title: str
    order: int
    factory: Callable[[AppContext, str], QWidget]  # (context, enterprise id)


@dataclass(frozen=True)
class StatusWidgetSpec:
    key: str
    order: int
    factory: Callable[[AppContext], QWidget]


PAGES: list[PageSpec] = []
ENTERPRISE_TABS: list[EnterpriseTabSpec] = []
STATUS_WIDGETS: list[StatusWidgetSpec] = []


def add_page(spec: PageSpec) -> None:
    if all(p.key != spec.key for p in PAGES):
        PAGES.append(spec)


def add_enterprise_tab(spec: EnterpriseTabSpec) -> None:
    if all(t.key != spec.key for t in ENTERPRISE_TABS):
        ENTERPRISE_TABS.append(spec)


def add_status_widget(spec: StatusWidgetSpec) -> None:
    if all(s.key != spec.key for s in STATUS_WIDGETS):
        STATUS_WIDGETS.append(spec)

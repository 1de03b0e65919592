"""No dead ends: any list that shows an enterprise opens its file on double-click or Enter, and the
planning lists start a visit directly. The enterprise feature registers how to open a file and the
visit feature how to start a visit; the lists only call `open_enterprise` / `start_visit`, so no
feature imports another to link to it."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QWidget

if TYPE_CHECKING:
    from app.ui.shell.context import AppContext

Opener = Callable[["AppContext", str, "QWidget | None"], "QWidget | None"]

_openers: dict[str, Opener] = {}

# The data role a model may use to tell which enterprise a row belongs to.
ENTERPRISE_ID_ROLE = int(Qt.ItemDataRole.UserRole) + 77


def set_opener(kind: str, opener: Opener) -> None:
    """kind is "enterprise" (open its file), "visit" (start a new visit of it) or "visit_followup"
    (offer the matters of a submitted visit that found problems)."""
    _openers[kind] = opener


def open_enterprise(ctx: AppContext, enterprise_id: str, parent: QWidget | None = None) -> QWidget | None:
    opener = _openers.get("enterprise")
    return opener(ctx, enterprise_id, parent) if opener and enterprise_id else None


def start_visit(ctx: AppContext, enterprise_id: str, parent: QWidget | None = None) -> QWidget | None:
    opener = _openers.get("visit")
    return opener(ctx, enterprise_id, parent) if opener and enterprise_id else None


def follow_up_visit(ctx: AppContext, visit_id: str, parent: QWidget | None = None) -> QWidget | None:
    """After a visit that found problems: offer its supervision matters (None when nothing to offer)."""
    opener = _openers.get("visit_followup")
    return opener(ctx, visit_id, parent) if opener and visit_id else None


class _EnterKey(QObject):
    """Enter or Return on a list acts like a double-click on its current row."""

    def __init__(self, view: QAbstractItemView, act: Callable[[QModelIndex], None]) -> None:
        super().__init__(view)
        self._view = view
        self._act = act

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        enter = isinstance(event, QKeyEvent) and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        if event.type() == QEvent.Type.KeyPress and enter and self._view.currentIndex().isValid():
            self._act(self._view.currentIndex())
            return True
        return False


def link_enterprise_rows(
    ctx: AppContext,
    view: QAbstractItemView,
    enterprise_of: Callable[[QModelIndex], str | None],
    *,
    enterprise_column: int | None = None,
    otherwise: Callable[[QModelIndex], object] | None = None,
) -> None:
    """Double-click or Enter on a row opens that row's enterprise file. Lists whose rows are records of
    their own (a matter, a letter) give `enterprise_column`: there the enterprise's column opens the
    enterprise and the other columns do `otherwise` (open the record)."""

    def act(index: QModelIndex) -> None:
        if not index.isValid():
            return
        if enterprise_column is None or index.column() == enterprise_column:
            enterprise_id = enterprise_of(index)
            if enterprise_id:
                open_enterprise(ctx, enterprise_id, view.window())
                return
        if otherwise is not None:
            otherwise(index)

    view.doubleClicked.connect(act)
    view.installEventFilter(_EnterKey(view, act))
    view.setProperty("opensEnterprise", True)

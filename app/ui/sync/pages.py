"""Sync in the main window: the status-bar indicator with "立即同步" (Ctrl+Shift+S), the login,
conflict and needs-attention dialogs behind it, and background sync."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from app.ui.shell.context import AppContext
from app.ui.shell.registry import StatusWidgetSpec, add_status_widget


def _status_widget(ctx: AppContext) -> QWidget:
    from app.ui.sync.status import SyncStatusWidget

    return SyncStatusWidget(ctx)


add_status_widget(StatusWidgetSpec(key="sync", order=50, factory=_status_widget))

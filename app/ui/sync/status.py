"""The sync indicator in the status bar: last sync, queued changes, conflicts and refused changes (each
clickable), and "立即同步" (Ctrl+Shift+S), which runs the engine off the GUI thread."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMessageBox, QProgressBar, QPushButton, QWidget

from app.store import sync_queue, sync_state
from app.sync.credentials import has_token
from app.sync.engine import SyncReport
from app.ui.shell.context import AppContext
from app.ui.sync.dialogs import AttentionDialog, ConflictsDialog, LoginDialog
from app.ui.sync.worker import SyncController, controller_for

SHORTCUT = "Ctrl+Shift+S"


def short_time(stamp: str) -> str:
    """'2026-11-25T03:04:05.123Z' → '11-25 03:04' (UTC, as stored)."""
    if len(stamp) < 16:
        return stamp
    return stamp[5:16].replace("T", " ")


class SyncStatusWidget(QWidget):
    def __init__(self, ctx: AppContext, controller: SyncController | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.controller = controller or controller_for(ctx)
        self.state_label = QLabel()
        self.queued_label = QLabel()
        self.conflicts_button = QPushButton()
        self.conflicts_button.setFlat(True)
        self.conflicts_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.conflicts_button.clicked.connect(self.open_conflicts)
        self.attention_button = QPushButton()
        self.attention_button.setFlat(True)
        self.attention_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.attention_button.clicked.connect(self.open_attention)
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        self.busy.setMaximumWidth(80)
        self.busy.setTextVisible(False)
        self.busy.hide()
        self.sync_button = QPushButton(self.tr("立即同步"))
        self.sync_button.setToolTip(self.tr("与区服务器同步（{key}）").format(key=SHORTCUT))
        self.sync_button.clicked.connect(self.sync_now)
        self.shortcut = QShortcut(QKeySequence(SHORTCUT), self)
        self.shortcut.setContext(Qt.ShortcutContext.ApplicationShortcut)
        self.shortcut.activated.connect(self.sync_now)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (
            self.state_label,
            self.queued_label,
            self.conflicts_button,
            self.attention_button,
            self.busy,
            self.sync_button,
        ):
            layout.addWidget(widget)

        self.controller.started.connect(self._on_started)
        self.controller.progress.connect(self._on_progress)
        self.controller.finished.connect(self._on_finished)
        self.controller.state_changed.connect(self.refresh)
        ctx.data_changed.connect(self._on_data_changed)
        self.refresh()

    # --- state ---------------------------------------------------------------------------------

    @Slot(str)
    def _on_data_changed(self, _table: str) -> None:
        """A bound slot (not a lambda), so Qt drops the connection when this widget is deleted."""
        self.refresh()

    def refresh(self) -> None:
        with self.ctx.db.read() as session:
            settings = sync_state.load(session)
            counts = sync_queue.counts(session)
        if not settings.configured:
            text = self.tr("未登录服务器")
        elif settings.revoked:
            text = self.tr("设备登录已被撤销")
        elif self.controller.running:
            text = self.tr("正在同步…")
        elif self.controller.unreachable:
            text = self.tr("服务器无法连接（上次同步 {time}）").format(
                time=short_time(settings.last_sync_at) or self.tr("从未")
            )
        elif settings.last_sync_at:
            text = self.tr("上次同步 {time}").format(time=short_time(settings.last_sync_at))
        else:
            text = self.tr("尚未同步")
        self.state_label.setText(text)
        self.state_label.setToolTip(settings.last_error)
        self.queued_label.setText(self.tr("待同步 {n}").format(n=counts.queued))
        self.conflicts_button.setText(self.tr("冲突 {n}").format(n=counts.conflicts))
        self.conflicts_button.setVisible(counts.conflicts > 0)
        self.conflicts_button.setStyleSheet("color: #b00020; font-weight: bold" if counts.conflicts else "")
        self.attention_button.setText(self.tr("需处理 {n}").format(n=counts.attention))
        self.attention_button.setVisible(counts.attention > 0)
        self.sync_button.setText(self.tr("立即同步") if settings.configured else self.tr("登录…"))
        self.sync_button.setEnabled(not self.controller.running)

    def _on_started(self) -> None:
        self.busy.setRange(0, 0)
        self.busy.show()
        self.refresh()

    def _on_progress(self, phase: str, done: int, total: int) -> None:
        if total > 0:
            self.busy.setRange(0, total)
            self.busy.setValue(done)
        else:
            self.busy.setRange(0, 0)

    def _on_finished(self, report: Any) -> None:
        self.busy.hide()
        self.refresh()
        if isinstance(report, SyncReport):
            message = report.errors[0] if report.errors else report.summary()
            self.ctx.status_message.emit(message)

    # --- actions -------------------------------------------------------------------------------

    def sync_now(self) -> None:
        with self.ctx.db.read() as session:
            settings = sync_state.load(session)
        if not settings.configured or settings.revoked or not has_token(settings.device_id):
            if settings.revoked:
                QMessageBox.information(
                    self,
                    self.tr("设备登录已被撤销"),
                    self.tr(
                        "服务器已撤销此设备的登录（例如设备被挂失）。本机未同步的修改仍然保留；"
                        "请联系管理员后重新登录。"
                    ),
                )
            self.open_login()
            return
        self.controller.sync_now()

    def open_login(self) -> None:
        dialog = LoginDialog(self.ctx, self.window())
        if dialog.exec():
            self.refresh()
            self.controller.sync_now()

    def open_conflicts(self) -> None:
        ConflictsDialog(self.ctx, self.window()).exec()
        self.refresh()

    def open_attention(self) -> None:
        AttentionDialog(self.ctx, self.window()).exec()
        self.refresh()

"""One enterprise's file (一企一档): its particulars, the timeline of visits, and the tabs other areas
add (matters, letters, ...). Saved edits can be undone; an undo is itself a change that syncs."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QUndoCommand, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QTableView,
    QTabWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from app.core.enterprise import validate_enterprise
from app.core.problems import ValidationError, blocking
from app.store import enterprises
from app.store.tables import Enterprise
from app.ui.enterprises.form import EnterpriseForm
from app.ui.enterprises.model import union_status_label
from app.ui.shell import registry
from app.ui.shell.context import AppContext
from app.ui.visits import VisitTimelineModel


def enterprise_values(row: Enterprise) -> dict[str, Any]:
    return {name: getattr(row, name) for name in Enterprise.data_fields()}


class SaveEnterpriseCommand(QUndoCommand):
    """A saved edit of the particulars; undo writes the previous values back (a new, synced change)."""

    def __init__(self, window: EnterpriseWindow, before: dict[str, Any], after: dict[str, Any]) -> None:
        super().__init__(window.tr("修改企业信息"))
        self._window = window
        self._before = before
        self._after = after
        self._first = True

    def redo(self) -> None:
        if self._first:  # already written when the user pressed save
            self._first = False
            return
        self._window.write_values(self._after)

    def undo(self) -> None:
        self._window.write_values(self._before)


class EnterpriseWindow(QDialog):
    closed = Signal(str)

    def __init__(self, ctx: AppContext, enterprise_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        self.ctx = ctx
        self.enterprise_id = enterprise_id
        self.undo_stack = QUndoStack(self)
        self.resize(1000, 720)

        self.header = QLabel()
        self.header.setObjectName("enterprise-header")
        self.header.setTextFormat(Qt.TextFormat.RichText)
        self.header.setWordWrap(True)

        toolbar = QToolBar()
        self.undo_action = self.undo_stack.createUndoAction(self, self.tr("撤销"))
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.redo_action = self.undo_stack.createRedoAction(self, self.tr("重做"))
        self.redo_action.setShortcut(QKeySequence.StandardKey.Redo)
        self.new_visit_action = QAction(self.tr("新建走访"), self)
        self.new_visit_action.setShortcut(QKeySequence(self.tr("Ctrl+Shift+V")))
        self.new_visit_action.triggered.connect(self.new_visit)
        toolbar.addAction(self.new_visit_action)
        toolbar.addSeparator()
        toolbar.addAction(self.undo_action)
        toolbar.addAction(self.redo_action)

        self.tabs = QTabWidget()
        self.tabs.addTab(self._build_info_tab(), self.tr("基本信息"))
        self.tabs.addTab(self._build_visits_tab(), self.tr("走访记录"))
        for spec in sorted(registry.ENTERPRISE_TABS, key=lambda t: t.order):
            self.tabs.addTab(spec.factory(ctx, enterprise_id), spec.title)

        layout = QVBoxLayout(self)
        layout.addWidget(self.header)
        layout.addWidget(toolbar)
        layout.addWidget(self.tabs)
        self.load()
        ctx.data_changed.connect(self._on_data_changed)

    def _build_info_tab(self) -> QWidget:
        self.form = EnterpriseForm(self.ctx.db)
        self.form.changed.connect(self._mark_dirty)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.form)
        self.save_button = QPushButton(self.tr("保存 (Ctrl+S)"))
        self.save_button.setShortcut(QKeySequence.StandardKey.Save)
        self.save_button.setEnabled(False)
        self.save_button.clicked.connect(self.save)
        self.revert_button = QPushButton(self.tr("放弃修改"))
        self.revert_button.setEnabled(False)
        self.revert_button.clicked.connect(self.load)
        self.message = QLabel()
        self.message.setObjectName("save-message")
        self.message.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.message, 1)
        buttons.addWidget(self.revert_button)
        buttons.addWidget(self.save_button)
        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.addWidget(scroll)
        layout.addLayout(buttons)
        return tab

    def _build_visits_tab(self) -> QWidget:
        self.timeline = VisitTimelineModel(self.ctx.db, self.enterprise_id, self)
        self.visit_view = QTableView()
        self.visit_view.setObjectName("visit-timeline")
        self.visit_view.setModel(self.timeline)
        self.visit_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.visit_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.visit_view.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.visit_view.verticalHeader().hide()
        self.visit_view.doubleClicked.connect(self._open_visit)
        new_button = QPushButton(self.tr("新建走访"))
        new_button.clicked.connect(self.new_visit)
        open_button = QPushButton(self.tr("打开"))
        open_button.clicked.connect(lambda: self._open_visit(self.visit_view.currentIndex()))
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(open_button)
        row.addWidget(new_button)
        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.addWidget(self.visit_view)
        layout.addLayout(row)
        return tab

    def current(self) -> Enterprise:
        with self.ctx.db.read() as session:
            row = enterprises.get(session, self.enterprise_id)
        if row is None:
            raise LookupError(self.enterprise_id)
        return row

    def load(self) -> None:
        row = self.current()
        self.form.set_values(enterprise_values(row))
        self.form.show_problems([])
        self._dirty = False
        self.save_button.setEnabled(False)
        self.revert_button.setEnabled(False)
        self.message.setText("")
        self._update_header(row)

    def _update_header(self, row: Enterprise) -> None:
        status = union_status_label(row.union_status)
        headcount = "—" if row.headcount is None else str(row.headcount)
        self.setWindowTitle(self.tr("企业档案 — {name}").format(name=row.name))
        self.header.setText(
            f"<b style='font-size:16px'>{row.name}</b><br>"
            + self.tr("信用代码 {code} ｜ 职工 {headcount} 人 ｜ {status}").format(
                code=row.credit_code or "—", headcount=headcount, status=status
            )
        )

    def _mark_dirty(self) -> None:
        self._dirty = True
        self.save_button.setEnabled(True)
        self.revert_button.setEnabled(True)
        warnings = [p for p in validate_enterprise(self.form.values()) if not p.blocking]
        self.message.setText("；".join(p.message for p in warnings))

    def save(self) -> bool:
        before = enterprise_values(self.current())
        after = self.form.values()
        try:
            self.write_values(after)
        except ValidationError as exc:
            self.form.show_problems(exc.problems)
            self.message.setText(self.tr("未保存：{reason}").format(reason=exc.problems[0].message))
            self.message.setStyleSheet("color: #b91c1c;")
            return False
        self.undo_stack.push(SaveEnterpriseCommand(self, before, after))
        self.message.setStyleSheet("")
        self.message.setText(self.tr("已保存"))
        return True

    def write_values(self, values: dict[str, Any]) -> None:
        with self.ctx.db.write() as session:
            row = enterprises.get(session, self.enterprise_id)
            if row is None:
                raise LookupError(self.enterprise_id)
            enterprises.update(session, row, values, self.ctx.user.actor)
        self.load()
        self.ctx.notify("enterprise")

    def new_visit(self) -> None:
        self._open_visit_dialog(None)

    def _open_visit(self, index: QModelIndex) -> None:
        if not index.isValid():
            return
        self._open_visit_dialog(self.timeline.data(index, VisitTimelineModel.ID_ROLE))

    def _open_visit_dialog(self, visit_id: str | None) -> None:
        from app.ui.visits import VisitDialog

        dialog = VisitDialog(self.ctx, self.enterprise_id, visit_id, self)
        dialog.finished.connect(lambda _code: self.timeline.reload())
        dialog.open()

    def _on_data_changed(self, table: str) -> None:
        if table in {"visit", "*"}:
            self.timeline.reload()
        if table in {"enterprise", "*"} and not getattr(self, "_dirty", False):
            self.load()

    def closeEvent(self, event: QCloseEvent) -> None:
        if getattr(self, "_dirty", False):
            answer = QMessageBox.question(
                self,
                self.tr("未保存的修改"),
                self.tr("企业信息有未保存的修改，是否保存？"),
                QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            )
            if answer == QMessageBox.StandardButton.Cancel or (answer == QMessageBox.StandardButton.Save and not self.save()):
                event.ignore()
                return
        self.closed.emit(self.enterprise_id)
        super().closeEvent(event)


class NewEnterpriseDialog(QDialog):
    """Creates an enterprise file; refuses a malformed credit code or one already on file."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.created_id: str | None = None
        self.setWindowTitle(self.tr("新建企业档案"))
        self.form = EnterpriseForm(ctx.db)
        self.message = QLabel()
        self.message.setStyleSheet("color: #b91c1c;")
        self.message.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.try_save)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.form)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.resize(560, 640)

    def try_save(self) -> None:
        values = self.form.values()
        problems = blocking(validate_enterprise(values))
        if problems:
            self.form.show_problems(problems)
            self.message.setText(problems[0].message)
            return
        try:
            with self.ctx.db.write() as session:
                row = enterprises.create(session, values, self.ctx.user.actor)
                self.created_id = row.id
        except ValidationError as exc:
            self.form.show_problems(exc.problems)
            self.message.setText(exc.problems[0].message)
            return
        self.ctx.notify("enterprise")
        self.accept()

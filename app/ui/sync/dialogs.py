"""Dialogs of sync: logging in to the district server, deciding conflicts (both values side by side),
and the list of changes the server refused."""

from __future__ import annotations

import json
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRunnable,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.store import sync_conflicts, sync_queue, sync_state
from app.store.tables.local import Outbox
from app.store.tables.sync import SyncConflict
from app.sync.client import SyncError
from app.sync.credentials import login
from app.ui.shell.context import AppContext

ModelIndex = QModelIndex | QPersistentModelIndex

ENTITY_LABELS: dict[str, object] = {
    "enterprise": QT_TRANSLATE_NOOP("SyncLabels", "企业档案"),
    "visit": QT_TRANSLATE_NOOP("SyncLabels", "走访记录"),
    "attachment": QT_TRANSLATE_NOOP("SyncLabels", "附件"),
    "grid": QT_TRANSLATE_NOOP("SyncLabels", "网格"),
    "inspector": QT_TRANSLATE_NOOP("SyncLabels", "人员"),
}
FIELD_LABELS: dict[str, object] = {
    "name": QT_TRANSLATE_NOOP("SyncLabels", "名称"),
    "credit_code": QT_TRANSLATE_NOOP("SyncLabels", "统一社会信用代码"),
    "address": QT_TRANSLATE_NOOP("SyncLabels", "地址"),
    "grid_id": QT_TRANSLATE_NOOP("SyncLabels", "网格"),
    "industry": QT_TRANSLATE_NOOP("SyncLabels", "行业"),
    "registered_date": QT_TRANSLATE_NOOP("SyncLabels", "成立日期"),
    "headcount": QT_TRANSLATE_NOOP("SyncLabels", "职工人数"),
    "union_status": QT_TRANSLATE_NOOP("SyncLabels", "建会情况"),
    "union_established_date": QT_TRANSLATE_NOOP("SyncLabels", "建会日期"),
    "member_count": QT_TRANSLATE_NOOP("SyncLabels", "会员人数"),
    "legal_rep": QT_TRANSLATE_NOOP("SyncLabels", "法定代表人"),
    "contact_name": QT_TRANSLATE_NOOP("SyncLabels", "联系人"),
    "contact_phone": QT_TRANSLATE_NOOP("SyncLabels", "联系电话"),
    "notes": QT_TRANSLATE_NOOP("SyncLabels", "备注"),
    "deleted": QT_TRANSLATE_NOOP("SyncLabels", "已删除"),
    "answers": QT_TRANSLATE_NOOP("SyncLabels", "走访内容"),
    "summary": QT_TRANSLATE_NOOP("SyncLabels", "摘要"),
    "status": QT_TRANSLATE_NOOP("SyncLabels", "状态"),
}


def entity_label(entity: str) -> str:
    return QCoreApplication.translate("SyncLabels", str(ENTITY_LABELS.get(entity, entity)))


def field_label(name: str) -> str:
    return QCoreApplication.translate("SyncLabels", str(FIELD_LABELS.get(name, name)))


def show_value(raw: str) -> str:
    """A JSON value as a person reads it."""
    try:
        value = json.loads(raw)
    except ValueError:
        return raw
    if value is None or value == "":
        return QCoreApplication.translate("SyncValues", "（空）")
    if value is True:
        return QCoreApplication.translate("SyncValues", "是")
    if value is False:
        return QCoreApplication.translate("SyncValues", "否")
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def row_title(ctx: AppContext, entity: str, entity_id: str) -> str:
    from app.store.tables.base import SYNCED_TABLES

    cls = SYNCED_TABLES.get(entity)
    if cls is None:
        return entity_id
    with ctx.db.read() as session:
        row = session.get(cls, entity_id)
    name = getattr(row, "name", None) or getattr(row, "summary", None) if row is not None else None
    return str(name) if name else entity_id[:8]


# --- login ------------------------------------------------------------------------------------------


class _LoginSignals(QObject):
    done = Signal(str)  # empty = success, else the error sentence


class _LoginTask(QRunnable):
    def __init__(self, ctx: AppContext, server: str, user: str, password: str, signals: _LoginSignals) -> None:
        super().__init__()
        self.ctx, self.server, self.user, self.password, self.signals = ctx, server, user, password, signals

    def run(self) -> None:
        try:
            login(self.ctx.db, self.server, self.user, self.password)
        except SyncError as exc:
            self.signals.done.emit(str(exc))
            return
        except Exception as exc:
            self.signals.done.emit(f"登录时出错：{exc}")
            return
        self.signals.done.emit("")


class LoginDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("登录区服务器"))
        with ctx.db.read() as session:
            settings = sync_state.load(session)
        self.server = QLineEdit(settings.server_url)
        self.server.setPlaceholderText(self.tr("例如 https://gh.example.cn"))
        self.user = QLineEdit(settings.username)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b00020")
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        self.busy.hide()
        form = QFormLayout()
        form.addRow(self.tr("服务器地址"), self.server)
        form.addRow(self.tr("账号"), self.user)
        form.addRow(self.tr("密码"), self.password)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("登录"))
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)
        note = QLabel(self.tr("登录令牌只保存在系统密钥库中；每台设备只需登录一次。"))
        note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(self.error)
        layout.addWidget(self.busy)
        layout.addWidget(self.buttons)
        self._signals = _LoginSignals()
        self._signals.done.connect(self._on_done)

    def _submit(self) -> None:
        server, user, password = self.server.text().strip(), self.user.text().strip(), self.password.text()
        if not server or not user or not password:
            self.error.setText(self.tr("请填写服务器地址、账号和密码"))
            return
        self.error.clear()
        self.busy.show()
        self.buttons.setEnabled(False)
        self.ctx.pool.start(_LoginTask(self.ctx, server, user, password, self._signals))

    def _on_done(self, error: str) -> None:
        self.busy.hide()
        self.buttons.setEnabled(True)
        self.password.clear()
        if error:
            self.error.setText(error)
            return
        self.ctx.notify("sync")
        self.accept()


# --- conflicts --------------------------------------------------------------------------------------


class ConflictModel(QAbstractTableModel):
    """Open conflicts; there are few of them, so they are read whole and re-read on every change."""

    def __init__(self, ctx: AppContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.rows: list[SyncConflict] = []
        self.titles: dict[tuple[str, str], str] = {}
        self.headers = [self.tr("记录"), self.tr("字段"), self.tr("本机的值"), self.tr("服务器的值")]
        self.reload()

    def reload(self) -> None:
        self.beginResetModel()
        with self.ctx.db.read() as session:
            self.rows = sync_conflicts.open_conflicts(session)
        self.titles = {
            (c.entity, c.entity_id): row_title(self.ctx, c.entity, c.entity_id) for c in self.rows
        }
        self.endResetModel()

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers[section]
        return None

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        c = self.rows[index.row()]
        column = index.column()
        if column == 0:
            entity = entity_label(c.entity)
            return f"{entity}：{self.titles.get((c.entity, c.entity_id), c.entity_id)}"
        if column == 1:
            return field_label(c.field_name)
        if column == 2:
            return show_value(c.local_value)
        return show_value(c.server_value)

    def conflict(self, row: int) -> SyncConflict | None:
        return self.rows[row] if 0 <= row < len(self.rows) else None


class ConflictsDialog(QDialog):
    """Every conflicting field with this laptop's and the server's value side by side; the decision
    (keep mine, take theirs, or an edited value) becomes a new change that syncs like any other."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("同步冲突"))
        self.resize(760, 480)
        self.model = ConflictModel(ctx, self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.view.selectionModel().currentRowChanged.connect(lambda *_: self._show_current())

        self.field_label = QLabel()
        self.mine = QPlainTextEdit()
        self.mine.setReadOnly(True)
        self.theirs = QPlainTextEdit()
        self.theirs.setReadOnly(True)
        for box in (self.mine, self.theirs):
            box.setMaximumHeight(96)
        self.base = QLabel()
        self.edited = QLineEdit()
        self.edited.setPlaceholderText(self.tr("或者填写另一个值"))
        self.keep_mine = QPushButton(self.tr("保留本机的值"))
        self.take_theirs = QPushButton(self.tr("采用服务器的值"))
        self.use_edited = QPushButton(self.tr("使用填写的值"))
        self.keep_mine.clicked.connect(lambda: self._decide("mine"))
        self.take_theirs.clicked.connect(lambda: self._decide("theirs"))
        self.use_edited.clicked.connect(lambda: self._decide("edited"))

        side = QGridLayout()
        side.addWidget(QLabel(self.tr("本机的值")), 0, 0)
        side.addWidget(QLabel(self.tr("服务器的值")), 0, 1)
        side.addWidget(self.mine, 1, 0)
        side.addWidget(self.theirs, 1, 1)
        side.addWidget(self.keep_mine, 2, 0)
        side.addWidget(self.take_theirs, 2, 1)
        edit_row = QHBoxLayout()
        edit_row.addWidget(self.edited, 1)
        edit_row.addWidget(self.use_edited)
        detail = QGroupBox(self.tr("所选冲突"))
        detail_layout = QVBoxLayout(detail)
        detail_layout.addWidget(self.field_label)
        detail_layout.addLayout(side)
        detail_layout.addWidget(self.base)
        detail_layout.addLayout(edit_row)
        self.empty = QLabel(self.tr("没有未解决的冲突。"))
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.empty)
        layout.addWidget(detail)
        layout.addWidget(close)
        self.detail = detail
        self._refresh()

    def _refresh(self) -> None:
        has_rows = self.model.rowCount() > 0
        self.empty.setVisible(not has_rows)
        self.detail.setEnabled(has_rows)
        if has_rows and not self.view.currentIndex().isValid():
            self.view.selectRow(0)
        self._show_current()

    def current(self) -> SyncConflict | None:
        index = self.view.currentIndex()
        return self.model.conflict(index.row()) if index.isValid() else None

    def _show_current(self) -> None:
        c = self.current()
        if c is None:
            self.field_label.clear()
            self.mine.clear()
            self.theirs.clear()
            self.base.clear()
            self.edited.clear()
            return
        title = self.model.titles.get((c.entity, c.entity_id), c.entity_id)
        field = field_label(c.field_name)
        self.field_label.setText(
            self.tr("{entity}“{title}”的“{field}”在本机和服务器上被改成了不同的值").format(
                entity=entity_label(c.entity), title=title, field=field
            )
        )
        self.mine.setPlainText(show_value(c.local_value))
        self.theirs.setPlainText(show_value(c.server_value))
        self.base.setText(self.tr("修改前的值：{value}").format(value=show_value(c.base_value)))
        self.edited.setText(show_value(c.local_value) if c.local_value != "null" else "")

    def _decide(self, resolution: str) -> None:
        c = self.current()
        if c is None or c.id is None:
            return
        value: Any = None
        if resolution == "edited":
            value = self._parse_edited(c)
            if value is _INVALID:
                return
        try:
            with self.ctx.db.write() as session:
                sync_conflicts.resolve(session, c.id, resolution, self.ctx.user.actor, value)  # type: ignore[arg-type]
        except Exception as exc:
            QMessageBox.warning(self, self.tr("无法保存"), self.tr("无法保存这个决定：{error}").format(error=exc))
            return
        self.ctx.notify(c.entity)
        self.ctx.notify("sync")
        self.model.reload()
        self._refresh()

    def _parse_edited(self, c: SyncConflict) -> Any:
        from app.store.sync_values import coerce_value, field_type
        from app.store.tables.base import SYNCED_TABLES

        text = self.edited.text().strip()
        cls = SYNCED_TABLES.get(c.entity)
        if cls is None:
            return text
        kind = field_type(cls, c.field_name)
        if text in ("", show_value("null")):
            return "" if kind is str else None
        value = coerce_value(cls, c.field_name, text)
        if kind is not None and kind is not str and isinstance(value, str):
            QMessageBox.warning(
                self, self.tr("值无效"), self.tr("“{text}”不是这个字段能保存的值").format(text=text)
            )
            return _INVALID
        return value


_INVALID = object()


# --- needs attention --------------------------------------------------------------------------------


class AttentionModel(QAbstractTableModel):
    def __init__(self, ctx: AppContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.rows: list[Outbox] = []
        self.headers = [self.tr("记录"), self.tr("修改"), self.tr("服务器的理由"), self.tr("时间")]
        self.reload()

    def reload(self) -> None:
        self.beginResetModel()
        with self.ctx.db.read() as session:
            self.rows = sync_queue.needs_attention(session)
        self.endResetModel()

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers[section]
        return None

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        e = self.rows[index.row()]
        column = index.column()
        if column == 0:
            return f"{entity_label(e.entity)}：{row_title(self.ctx, e.entity, e.entity_id)}"
        if column == 1:
            patch = sync_queue.decode(e.patch)
            return "，".join(
                f"{field_label(k)}={show_value(json.dumps(v, ensure_ascii=False))}" for k, v in patch.items()
            )[:200]
        if column == 2:
            return e.last_error
        return e.created_at[:16].replace("T", " ")

    def entry(self, row: int) -> Outbox | None:
        return self.rows[row] if 0 <= row < len(self.rows) else None


class AttentionDialog(QDialog):
    """Changes the server refused; the queue went on without them. Each can be sent again (after the
    data or the server was fixed) or given up, which puts the old values back."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("需要处理的修改"))
        self.resize(760, 420)
        self.model = AttentionModel(ctx, self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.retry = QPushButton(self.tr("重新提交"))
        self.dismiss = QPushButton(self.tr("放弃本机修改"))
        self.retry.clicked.connect(self._retry)
        self.dismiss.clicked.connect(self._dismiss)
        buttons = QHBoxLayout()
        buttons.addWidget(self.retry)
        buttons.addWidget(self.dismiss)
        buttons.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("服务器拒绝了以下修改，其余修改已正常同步。")))
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)

    def _selected(self) -> list[Outbox]:
        rows = sorted({i.row() for i in self.view.selectionModel().selectedRows()})
        return [e for e in (self.model.entry(r) for r in rows) if e is not None]

    def _retry(self) -> None:
        with self.ctx.db.write() as session:
            for entry in self._selected():
                sync_queue.retry(session, entry.seq or 0)
        self.model.reload()
        self.ctx.notify("sync")

    def _dismiss(self) -> None:
        chosen = self._selected()
        if not chosen:
            return
        answer = QMessageBox.question(
            self,
            self.tr("放弃修改"),
            self.tr("放弃所选的 {n} 项修改？这些字段会恢复为修改前的值。").format(n=len(chosen)),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        with self.ctx.db.write() as session:
            for entry in chosen:
                sync_queue.dismiss(session, entry.seq or 0)
        tables = {e.entity for e in chosen}
        self.model.reload()
        for table in tables:
            self.ctx.notify(table)
        self.ctx.notify("sync")

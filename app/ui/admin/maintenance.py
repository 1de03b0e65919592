"""Backups (automatic, manual, restore), the interface language and the 12351 deadlines: the settings
an office clerk or an inspector may need to touch, on one page. The backup indicator in the status bar
also drives the automatic backups while the program runs."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.core.problems import ValidationError
from app.paths import DataPaths
from app.store import audit, backups
from app.store import workorders as workorder_store
from app.ui.shell import background, i18n
from app.ui.shell.context import AppContext
from app.ui.shell.registry import PageSpec, StatusWidgetSpec, add_page, add_status_widget

Index = QModelIndex | QPersistentModelIndex
CHECK_EVERY_MS = 30 * 60 * 1000


def kind_label(kind: str) -> str:
    labels = {
        "auto": QCoreApplication.translate("Maintenance", "自动备份"),
        "manual": QCoreApplication.translate("Maintenance", "手动备份"),
        "pre-restore": QCoreApplication.translate("Maintenance", "恢复前备份"),
        "pre-migrate": QCoreApplication.translate("Maintenance", "升级前备份"),
    }
    return labels.get(kind, kind)


class BackupTableModel(QAbstractTableModel):
    """The backups folder holds a few dozen files at most, so the list is read whole."""

    def __init__(self, paths: DataPaths, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.paths = paths
        self.items: list[backups.BackupInfo] = []
        self.headers = [
            QCoreApplication.translate("Maintenance", "时间"),
            QCoreApplication.translate("Maintenance", "类型"),
            QCoreApplication.translate("Maintenance", "大小"),
            QCoreApplication.translate("Maintenance", "文件"),
        ]
        self.reload()

    def reload(self) -> None:
        self.beginResetModel()
        self.items = backups.list_backups(self.paths)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.items)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else 4

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        item = self.items[index.row()]
        return [
            item.created.strftime("%Y-%m-%d %H:%M:%S"),
            kind_label(item.kind),
            f"{item.size / 1024 / 1024:.1f} MB",
            item.path.name,
        ][index.column()]


class BackupScheduler(QObject):
    """Backs up at start (if the last automatic backup is older than the interval) and then checks
    every half hour; the copy runs in the thread pool."""

    def __init__(self, ctx: AppContext) -> None:
        super().__init__(ctx)
        self.ctx = ctx
        self.running = False
        self.last_result: Path | None = None
        self.timer = QTimer(self)
        self.timer.setInterval(CHECK_EVERY_MS)
        self.timer.timeout.connect(self.check)
        self.timer.start()
        QTimer.singleShot(5_000, self.check)

    def check(self) -> None:
        if self.running or not backups.auto_backup_due(self.ctx.paths):
            return
        self.running = True
        db = self.ctx.db

        def work(_progress: background.Progress) -> Path | None:
            return backups.auto_backup(db)

        def done(result: Path | None) -> None:
            self.running = False
            self.last_result = result
            self.ctx.notify("backups")

        def failed(_exc: Exception) -> None:
            self.running = False
            self.ctx.status_message.emit(QCoreApplication.translate("Maintenance", "自动备份失败，详情见日志。"))

        background.start(self.ctx.pool, work, done, failed)


_schedulers: dict[int, BackupScheduler] = {}


def scheduler_for(ctx: AppContext) -> BackupScheduler:
    key = id(ctx)
    if key not in _schedulers:
        _schedulers[key] = BackupScheduler(ctx)
        ctx.destroyed.connect(lambda *_: _schedulers.pop(key, None))
    return _schedulers[key]


class BackupStatus(QLabel):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        scheduler_for(ctx)
        ctx.data_changed.connect(self._changed)
        self.refresh()

    def _changed(self, table: str) -> None:
        if table in {"backups", "*"}:
            self.refresh()

    def refresh(self) -> None:
        latest = next(iter(backups.list_backups(self.ctx.paths)), None)
        if latest is None:
            self.setText(self.tr("尚未备份"))
        else:
            self.setText(self.tr("已备份 {time}").format(time=latest.created.strftime("%m-%d %H:%M")))
        self.setToolTip(self.tr("备份文件夹：{folder}").format(folder=self.ctx.paths.backups))


class MaintenancePage(QWidget):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        layout = QVBoxLayout(self)
        layout.addWidget(self._backup_box(), 2)
        row = QHBoxLayout()
        row.addWidget(self._language_box())
        row.addWidget(self._deadline_box())
        layout.addLayout(row)
        ctx.data_changed.connect(self._changed)

    # --- backups ---------------------------------------------------------------------------------

    def _backup_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("数据备份"))
        self.backup_model = BackupTableModel(self.ctx.paths, self)
        self.backup_table = QTableView()
        self.backup_table.setModel(self.backup_model)
        self.backup_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.backup_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.backup_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.backup_table.verticalHeader().setVisible(False)
        self.backup_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.backup_table.horizontalHeader().setStretchLastSection(True)
        self.backup_now = QPushButton(self.tr("立即备份"))
        self.restore_button = QPushButton(self.tr("从所选备份恢复…"))
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.hide()
        self.backup_message = QLabel()
        buttons = QHBoxLayout()
        buttons.addWidget(self.backup_now)
        buttons.addWidget(self.restore_button)
        buttons.addWidget(self.progress)
        buttons.addWidget(self.backup_message, 1)
        note = QLabel(
            self.tr(
                "程序运行时每隔几小时自动备份一次，保留最近7天每天一份和最近4周每周一份。备份保存在：{folder}"
            ).format(folder=self.ctx.paths.backups)
        )
        note.setWordWrap(True)
        layout = QVBoxLayout(box)
        layout.addWidget(note)
        layout.addWidget(self.backup_table, 1)
        layout.addLayout(buttons)
        self.backup_now.clicked.connect(self.make_backup)
        self.restore_button.clicked.connect(self.restore_selected)
        return box

    def _changed(self, table: str) -> None:
        if table in {"backups", "*"}:
            self.backup_model.reload()

    def _busy(self, busy: bool, message: str = "") -> None:
        self.progress.setVisible(busy)
        self.backup_now.setEnabled(not busy)
        self.restore_button.setEnabled(not busy)
        self.backup_message.setText(message)

    def make_backup(self) -> None:
        self._busy(True, self.tr("正在备份…"))
        db, actor = self.ctx.db, self.ctx.user.actor

        def work(_progress: background.Progress) -> Path:
            target = backups.make_backup(db, "manual")
            backups.rotate(db.paths)
            with db.write() as session:
                audit.record(session, "backup", f"手动备份 {target.name}", actor)
            return target

        def done(target: Path) -> None:
            self._busy(False, self.tr("已备份到 {name}").format(name=target.name))
            self.ctx.notify("backups")

        def failed(exc: Exception) -> None:
            self._busy(False, self.tr("备份失败：{error}").format(error=type(exc).__name__))

        background.start(self.ctx.pool, work, done, failed)

    def selected_backup(self) -> backups.BackupInfo | None:
        index = self.backup_table.currentIndex()
        if not index.isValid():
            return None
        return self.backup_model.items[index.row()]

    def confirm_restore(self, item: backups.BackupInfo) -> bool:
        answer = QMessageBox.question(
            self,
            self.tr("恢复数据"),
            self.tr(
                "用 {time} 的{kind}替换当前全部数据吗？\n\n当前数据会先另存为“恢复前备份”，如选错了可以再恢复回来。"
                "恢复后，备份之后所做的修改将不在当前数据中；尚未同步的修改也会一并回到备份时的状态。"
            ).format(time=item.created.strftime("%Y-%m-%d %H:%M"), kind=kind_label(item.kind)),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def restore_selected(self) -> None:
        item = self.selected_backup()
        if item is None:
            QMessageBox.information(self, self.tr("恢复数据"), self.tr("请先在列表中选择一个备份。"))
            return
        if not self.confirm_restore(item):
            return
        errors = self.ctx.flush_all()
        if errors:
            QMessageBox.warning(self, self.tr("恢复数据"), self.tr("有正在编辑的内容未能保存，已取消恢复。"))
            return
        self._busy(True, self.tr("正在恢复…"))
        db, actor = self.ctx.db, self.ctx.user.actor

        def work(_progress: background.Progress) -> Path:
            return backups.restore(db, item.path, actor)

        def done(pre: Path) -> None:
            self._busy(False, self.tr("已恢复。原数据另存为 {name}").format(name=pre.name))
            self.ctx.user = self.ctx.load_user()
            self.ctx.notify("*")

        def failed(exc: Exception) -> None:
            reason = str(exc) if isinstance(exc, backups.BackupError) else type(exc).__name__
            self._busy(False, self.tr("恢复失败：{error}").format(error=reason))
            self.ctx.notify("*")

        background.start(self.ctx.pool, work, done, failed)

    # --- language --------------------------------------------------------------------------------

    def _language_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("界面语言"))
        self.language = QComboBox()
        self.language.addItem(self.tr("跟随系统"), "")
        for code, name in i18n.LANGUAGES.items():
            self.language.addItem(name, code)
        current = i18n.saved_language() or ""
        self.language.setCurrentIndex(max(0, self.language.findData(current)))
        self.language_note = QLabel()
        self.language.currentIndexChanged.connect(self.change_language)
        layout = QFormLayout(box)
        layout.addRow(self.tr("语言"), self.language)
        layout.addRow(self.language_note)
        return box

    def change_language(self) -> None:
        i18n.save_language(self.language.currentData() or None)
        self.language_note.setText(self.tr("重新启动程序后生效。"))

    # --- 12351 deadlines -------------------------------------------------------------------------

    def _deadline_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("12351工单办理时限（工作日）"))
        with self.ctx.db.read() as session:
            days = workorder_store.deadlines(session)
        self.deadline_spins: dict[str, QSpinBox] = {}
        layout = QFormLayout(box)
        labels = {
            "ordinary": self.tr("一般"),
            "difficult": self.tr("疑难"),
            "complex": self.tr("特别复杂"),
        }
        for level, label in labels.items():
            spin = QSpinBox()
            spin.setRange(1, 365)
            spin.setMaximumWidth(100)
            spin.setValue(days[level])
            self.deadline_spins[level] = spin
            layout.addRow(label, spin)
        note = QLabel(
            self.tr(
                "注意：12351 标准对一般、疑难、特别复杂工单分别规定了办理时限，但具体天数未能查到，"
                "以上为暂定值，请按本地规定修改。新的时限只用于此后受理或调整级别的工单。"
                "法定节假日和调休上班日沿用“函件与期限设置”中的日历。"
            )
        )
        note.setWordWrap(True)
        note.setStyleSheet("color: #92400e;")
        save = QPushButton(self.tr("保存时限"))
        save.clicked.connect(self.save_deadlines)
        self.deadline_message = QLabel()
        layout.addRow(note)
        layout.addRow(save, self.deadline_message)
        return box

    def save_deadlines(self) -> None:
        values = {level: spin.value() for level, spin in self.deadline_spins.items()}
        try:
            with self.ctx.db.write() as session:
                workorder_store.set_deadlines(session, values)
        except ValidationError as exc:
            self.deadline_message.setText(str(exc))
            return
        self.deadline_message.setText(self.tr("已保存（{time}）").format(time=dt.datetime.now().strftime("%H:%M")))


def _factory(ctx: AppContext) -> QWidget:
    return MaintenancePage(ctx)


add_page(PageSpec("maintenance", QCoreApplication.translate("Maintenance", "备份与设置"), 95, _factory))
add_status_widget(StatusWidgetSpec("backup", 80, lambda ctx: BackupStatus(ctx)))

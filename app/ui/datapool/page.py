"""数据池: the imports made so far and the conflicts waiting for a person, with the import wizard."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSplitter, QTableView, QVBoxLayout, QWidget

from app.planning.mapping import SOURCE_LABELS, Source
from app.store import datapool as store
from app.store.tables.datapool import ImportBatch
from app.ui.shell.context import AppContext

Index = QModelIndex | QPersistentModelIndex


class BatchModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[ImportBatch] = []
        self._headers = [
            self.tr("导入时间"), self.tr("文件"), self.tr("来源"), self.tr("名录日期"), self.tr("读取"), self.tr("新增"),
            self.tr("更新"), self.tr("拒绝"), self.tr("冲突"),
        ]

    def set_rows(self, rows: list[ImportBatch]) -> None:
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self._headers[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        b = self._rows[index.row()]
        try:
            source = SOURCE_LABELS[Source(b.source)]
        except ValueError:
            source = b.source
        return (
            b.started_at[:16].replace("T", " "), b.file_name, source, b.as_of.isoformat() if b.as_of else "",
            str(b.rows_read), str(b.inserted), str(b.updated), str(b.rejected), str(b.conflicts),
        )[index.column()]


class DataPoolPage(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from app.ui.datapool.conflicts import ConflictsWidget

        self.ctx = ctx
        self.wizard: QWidget | None = None
        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.import_button = QPushButton(self.tr("导入名录…"))
        self.import_button.clicked.connect(self.open_wizard)
        bar.addWidget(self.import_button)
        bar.addWidget(QLabel(self.tr("市场监管、税务、人社、民政的企业名录，或工会会员库（CSV / XLSX）")), 1)
        layout.addLayout(bar)
        splitter = QSplitter(Qt.Orientation.Vertical)
        self.batches = BatchModel(self)
        self.batch_view = QTableView()
        self.batch_view.setModel(self.batches)
        self.batch_view.horizontalHeader().setStretchLastSection(True)
        splitter.addWidget(self.batch_view)
        self.conflicts = ConflictsWidget(ctx)
        splitter.addWidget(self.conflicts)
        layout.addWidget(splitter)
        ctx.data_changed.connect(self.on_data_changed)
        self.reload()

    def on_data_changed(self, table: str) -> None:
        if table in {"*", "enterprise", "import_batch"}:
            self.reload()

    def reload(self) -> None:
        with self.ctx.db.read() as session:
            self.batches.set_rows(store.recent_batches(session, 50))

    def open_wizard(self) -> QWidget:
        from app.ui.datapool.import_wizard import ImportWizard

        wizard = ImportWizard(self.ctx, self)
        self.wizard = wizard
        wizard.finished.connect(lambda _code: self.reload())
        wizard.show()
        return wizard

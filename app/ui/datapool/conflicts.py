"""Values two departments disagree on (tax says 120 staff, HR says 95): listed for a person to choose;
the enterprise file keeps its value until then."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.planning.mapping import FIELD_LABELS, SOURCE_LABELS, Source
from app.planning.merge import CURRENT, typed_value
from app.store import datapool as store
from app.store.datapool import ConflictView
from app.store.db import Database
from app.ui.shell.context import AppContext

PAGE_SIZE = 200
Index = QModelIndex | QPersistentModelIndex


def source_label(source: str) -> str:
    if source == CURRENT:
        return "档案现值"
    try:
        return SOURCE_LABELS[Source(source)]
    except ValueError:
        return source


def candidate_text(candidate: dict[str, Any]) -> str:
    as_of = f"（{candidate['as_of']}）" if candidate.get("as_of") else ""
    return f"{source_label(str(candidate.get('source')))}：{candidate.get('value')}{as_of}"


class ConflictModel(QAbstractTableModel):
    def __init__(self, db: Database, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._rows: list[ConflictView] = []
        self._total = 0
        self._headers = [self.tr("企业名称"), self.tr("统一社会信用代码"), self.tr("字段"), self.tr("各来源的值")]

    def reload(self) -> None:
        self.beginResetModel()
        with self._db.read() as session:
            self._total = store.count_open_conflicts(session)
            self._rows = store.list_open_conflicts(session, PAGE_SIZE, 0)
        self.endResetModel()

    @property
    def total(self) -> int:
        return self._total

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:
        return not parent.isValid() and len(self._rows) < self._total

    def fetchMore(self, parent: Index = QModelIndex()) -> None:
        if parent.isValid():
            return
        with self._db.read() as session:
            more = store.list_open_conflicts(session, PAGE_SIZE, len(self._rows))
        if not more:
            self._total = len(self._rows)
            return
        self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows) + len(more) - 1)
        self._rows.extend(more)
        self.endInsertRows()

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else 4

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self._headers[section]
        return None

    def conflict_at(self, row: int) -> ConflictView:
        return self._rows[row]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        c = self._rows[index.row()]
        return (
            c.enterprise_name,
            c.credit_code,
            FIELD_LABELS.get(c.field, c.field),
            "；".join(candidate_text(x) for x in c.candidates),
        )[index.column()]


class ConflictsWidget(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.title = QLabel()
        layout.addWidget(self.title)
        self.model = ConflictModel(ctx.db, self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.selectionModel().currentRowChanged.connect(self.show_choices)
        layout.addWidget(self.view)
        self.choices_host = QWidget()
        self.choices_layout = QHBoxLayout(self.choices_host)
        self.choices_layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.choices_host)
        self.group = QButtonGroup(self)
        self.apply_button = QPushButton(self.tr("采用所选值"))
        self.apply_button.clicked.connect(self.apply_choice)
        self.apply_button.setEnabled(False)
        layout.addWidget(self.apply_button)
        self.radios: list[QRadioButton] = []
        ctx.data_changed.connect(self.on_data_changed)
        self.reload()

    def on_data_changed(self, table: str) -> None:
        if table in {"*", "field_conflict", "enterprise"}:
            self.reload()

    def reload(self) -> None:
        self.model.reload()
        self.title.setText(self.tr("待确认的冲突：{n} 条").format(n=self.model.total))
        self.show_choices(QModelIndex())

    def show_choices(self, current: QModelIndex, _previous: QModelIndex | None = None) -> None:
        for radio in self.radios:
            self.group.removeButton(radio)
            radio.deleteLater()
        self.radios = []
        if not current.isValid():
            self.apply_button.setEnabled(False)
            return
        conflict = self.model.conflict_at(current.row())
        for i, candidate in enumerate(conflict.candidates):
            radio = QRadioButton(candidate_text(candidate))
            self.group.addButton(radio, i)
            self.choices_layout.addWidget(radio)
            self.radios.append(radio)
        if self.radios:
            self.radios[0].setChecked(True)
        self.apply_button.setEnabled(bool(self.radios))

    def apply_choice(self) -> None:
        index = self.view.currentIndex()
        chosen = self.group.checkedId()
        if not index.isValid() or chosen < 0:
            return
        conflict = self.model.conflict_at(index.row())
        value = typed_value(conflict.field, conflict.candidates[chosen].get("value"))
        try:
            with self.ctx.db.write() as session:
                store.resolve_conflict(session, conflict.id, value, self.ctx.user.actor)
        except (LookupError, ValueError) as exc:
            QMessageBox.warning(self, self.tr("无法处理"), str(exc))
        self.ctx.notify("field_conflict")
        self.ctx.notify("enterprise")

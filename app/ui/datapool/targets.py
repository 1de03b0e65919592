"""建会目标: enterprises at or above the headcount threshold with no union, ranked; the threshold is a
setting edited here; each target moves along 未建会 → 筹建中 → 已建会; and 建会率 and members recruited
per grid."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QDate, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.core.enterprise import DEFAULT_TARGET_HEADCOUNT
from app.planning.targets import GridFigures, Target, grid_figures, rank_targets
from app.store import datapool as store
from app.store import grids as grid_store
from app.store import local_state
from app.ui.shell.context import AppContext

PAGE_SIZE = 200
Index = QModelIndex | QPersistentModelIndex


class TargetModel(QAbstractTableModel):
    """The ranked list, computed in one pass and handed to the view a page at a time."""

    ID_ROLE = Qt.ItemDataRole.UserRole + 1

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._all: list[Target] = []
        self._shown = 0
        self._grid_names: dict[str | None, str] = {}
        self._headers = [
            self.tr("排名"), self.tr("企业名称"), self.tr("网格"), self.tr("职工人数"), self.tr("建会状态"),
            self.tr("最近走访"), self.tr("未结事项"), self.tr("优先分"),
        ]

    def set_targets(self, targets: list[Target], grid_names: dict[str | None, str]) -> None:
        self.beginResetModel()
        self._all = targets
        self._grid_names = grid_names
        self._shown = min(PAGE_SIZE, len(targets))
        self.endResetModel()

    @property
    def total(self) -> int:
        return len(self._all)

    def target_at(self, row: int) -> Target:
        return self._all[row]

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:
        return not parent.isValid() and self._shown < len(self._all)

    def fetchMore(self, parent: Index = QModelIndex()) -> None:
        if parent.isValid():
            return
        more = min(PAGE_SIZE, len(self._all) - self._shown)
        if more <= 0:
            return
        self.beginInsertRows(QModelIndex(), self._shown, self._shown + more - 1)
        self._shown += more
        self.endInsertRows()

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else self._shown

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self._headers[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        t = self._all[index.row()]
        if role == self.ID_ROLE:
            return t.id
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() in {0, 3, 6, 7}:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        visit = t.last_visit.isoformat() if t.last_visit else self.tr("从未走访")
        values = (
            str(index.row() + 1), t.name, self._grid_names.get(t.row.grid_id, ""), str(t.headcount), t.status_label,
            visit, str(t.open_matters), f"{t.score:.1f}",
        )
        return values[index.column()]


class FiguresModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[GridFigures] = []
        self._headers = [
            self.tr("网格"), self.tr("企业数"), self.tr("应建会"), self.tr("已建会"), self.tr("筹建中"),
            self.tr("建会率"), self.tr("会员总数"), self.tr("本年新增会员"),
        ]

    def set_rows(self, rows: list[GridFigures]) -> None:
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def figures(self) -> list[GridFigures]:
        return list(self._rows)

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
        f = self._rows[index.row()]
        return (
            f.name, str(f.enterprises), str(f.eligible), str(f.established), str(f.preparing),
            f"{f.rate * 100:.1f}%", str(f.members), str(f.recruited),
        )[index.column()]


class EstablishDialog(QDialog):
    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("登记建会"))
        form = QFormLayout(self)
        form.addRow(QLabel(name))
        self.date_edit = QDateEdit(QDate.currentDate())
        self.date_edit.setCalendarPopup(True)
        form.addRow(self.tr("建会日期"), self.date_edit)
        self.members = QSpinBox()
        self.members.setRange(0, 1_000_000)
        form.addRow(self.tr("会员人数"), self.members)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)


class TargetsPage(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("网格")))
        self.grid_combo = QComboBox()
        bar.addWidget(self.grid_combo)
        bar.addWidget(QLabel(self.tr("职工人数门槛")))
        self.threshold = QSpinBox()
        self.threshold.setRange(1, 100_000)
        self.threshold.setSuffix(self.tr(" 人"))
        bar.addWidget(self.threshold)
        self.summary = QLabel()
        bar.addWidget(self.summary, 1)
        self.preparing_button = QPushButton(self.tr("标记为筹建中"))
        self.preparing_button.clicked.connect(self.mark_preparing)
        bar.addWidget(self.preparing_button)
        self.established_button = QPushButton(self.tr("登记已建会…"))
        self.established_button.clicked.connect(self.mark_established)
        bar.addWidget(self.established_button)
        layout.addLayout(bar)
        splitter = QSplitter(Qt.Orientation.Vertical)
        self.model = TargetModel(self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.horizontalHeader().setStretchLastSection(True)
        splitter.addWidget(self.view)
        self.figures = FiguresModel(self)
        self.figures_view = QTableView()
        self.figures_view.setModel(self.figures)
        self.figures_view.horizontalHeader().setStretchLastSection(True)
        splitter.addWidget(self.figures_view)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        layout.addWidget(splitter)
        with ctx.db.read() as session:
            self.threshold.setValue(local_state.get_int(session, local_state.TARGET_HEADCOUNT, DEFAULT_TARGET_HEADCOUNT))
            self.grid_combo.addItem(self.tr("全部网格"), None)
            for grid in grid_store.all_grids(session):
                self.grid_combo.addItem(f"{grid.code} {grid.name}", grid.id)
        self.grid_combo.currentIndexChanged.connect(self.reload)
        self.threshold.editingFinished.connect(self.save_threshold)
        ctx.data_changed.connect(self.on_data_changed)
        self.reload()

    def on_data_changed(self, table: str) -> None:
        if table in {"*", "enterprise", "visit", "matter", "settings"}:
            self.reload()

    def save_threshold(self) -> None:
        with self.ctx.db.write() as session:
            local_state.put(session, local_state.TARGET_HEADCOUNT, str(self.threshold.value()))
        self.ctx.notify("settings")

    def reload(self) -> None:
        grid_id = self.grid_combo.currentData()
        threshold = self.threshold.value()
        today = dt.date.today()
        with self.ctx.db.read() as session:
            rows = store.planning_rows(session)
            grids = grid_store.all_grids(session)
            recruited = store.members_recruited(session, dt.date(today.year, 1, 1), today)
        names: dict[str | None, str] = {g.id: g.name for g in grids}
        shown = [r for r in rows if r.grid_id == grid_id] if grid_id else rows
        self.model.set_targets(rank_targets(shown, threshold, today), names)
        figures = grid_figures(rows, [(g.id, g.code, g.name) for g in grids], threshold, recruited)
        self.figures.set_rows([f for f in figures if not grid_id or f.grid_id == grid_id])
        self.summary.setText(self.tr("共 {n} 家建会目标").format(n=self.model.total))

    def selected(self) -> Target | None:
        index = self.view.currentIndex()
        return self.model.target_at(index.row()) if index.isValid() else None

    def mark_preparing(self) -> None:
        target = self.selected()
        if target is None:
            return
        self._set_status(target, "preparing", dt.date.today(), None)

    def mark_established(self) -> None:
        target = self.selected()
        if target is None:
            return
        dialog = EstablishDialog(target.name, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        when = dialog.date_edit.date().toPython()
        assert isinstance(when, dt.date)
        self._set_status(target, "established", when, dialog.members.value() or None)

    def _set_status(self, target: Target, status: str, when: dt.date, members: int | None) -> None:
        try:
            with self.ctx.db.write() as session:
                store.set_union_status(session, target.id, status, when, self.ctx.user.actor, member_count=members)
        except (LookupError, ValueError) as exc:
            QMessageBox.warning(self, self.tr("无法登记"), str(exc))
            return
        self.ctx.notify("union_event")
        self.ctx.notify("enterprise")

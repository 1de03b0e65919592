"""走访计划: the week proposed for a grid's inspector (overdue and targets first, at least 3 visits,
everyone once a month), each day ordered into a short route, with a sketch and a printable sheet."""

from __future__ import annotations

import datetime as dt
import itertools
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QDate,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPointF,
    Qt,
)
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.core.enterprise import DEFAULT_TARGET_HEADCOUNT
from app.planning.geo import metres_per_degree
from app.planning.route_sheet import write_route_sheet
from app.planning.weekplan import DayPlan, DayRoute, WeekPlan, propose_week
from app.store import datapool as store
from app.store import grids as grid_store
from app.store import local_state
from app.store.tables import Inspector
from app.ui.shell.context import AppContext

Index = QModelIndex | QPersistentModelIndex
WEEKDAYS = "一二三四五六日"


class WeekModel(QAbstractTableModel):
    """One row per planned visit: day, order in the day's route, enterprise, why, last visit."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[tuple[DayPlan, int]] = []
        self._headers = [self.tr("日期"), self.tr("顺序"), self.tr("企业名称"), self.tr("地址"), self.tr("事由"), self.tr("最近走访")]

    def set_plan(self, plan: WeekPlan | None) -> None:
        self.beginResetModel()
        self._rows = [(day, i) for day in plan.days for i in range(len(day.stops))] if plan else []
        self.endResetModel()

    def day_at(self, row: int) -> DayPlan:
        return self._rows[row][0]

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
        day, i = self._rows[index.row()]
        stop = day.stops[i]
        last = stop.row.last_visit.isoformat() if stop.row.last_visit else self.tr("从未走访")
        label = f"{day.day.month}月{day.day.day}日 周{WEEKDAYS[day.day.weekday()]}"
        return (label, str(i + 1), stop.row.name, stop.row.address, stop.reason, last)[index.column()]


class RouteSketch(QWidget):
    """The day's route drawn from coordinates: numbered stops joined in visiting order."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.day: DayPlan | None = None
        self.setMinimumHeight(220)

    def set_day(self, day: DayPlan | None) -> None:
        self.day = day
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor("#f8fafc"))
        points = [s.point for s in (self.day.stops if self.day else []) if s.point is not None]
        if not points:
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.tr("当天没有带坐标的走访点"))
            return
        kx, ky = metres_per_degree(sum(p[1] for p in points) / len(points))
        xs, ys = [p[0] * kx for p in points], [p[1] * ky for p in points]
        span = max(max(xs) - min(xs), max(ys) - min(ys), 50.0)
        pad = 24
        scale = min((self.width() - 2 * pad) / span, (self.height() - 2 * pad) / span)
        placed = [
            QPointF(pad + (x - min(xs)) * scale, self.height() - pad - (y - min(ys)) * scale) for x, y in zip(xs, ys, strict=True)
        ]
        painter.setPen(QPen(QColor("#2563eb"), 2))
        for a, b in itertools.pairwise(placed):
            painter.drawLine(a, b)
        for i, p in enumerate(placed, 1):
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor("#dc2626"))
            painter.drawEllipse(p, 9, 9)
            painter.setPen(QColor("white"))
            painter.drawText(int(p.x()) - 9, int(p.y()) - 9, 18, 18, Qt.AlignmentFlag.AlignCenter, str(i))


class VisitPlanPage(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.plan: WeekPlan | None = None
        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("网格")))
        self.grid_combo = QComboBox()
        bar.addWidget(self.grid_combo)
        bar.addWidget(QLabel(self.tr("周")))
        self.week_edit = QDateEdit(QDate.currentDate())
        self.week_edit.setCalendarPopup(True)
        self.week_edit.setDisplayFormat("yyyy-MM-dd")
        bar.addWidget(self.week_edit)
        self.summary = QLabel()
        bar.addWidget(self.summary, 1)
        self.print_button = QPushButton(self.tr("导出路线单…"))
        self.print_button.clicked.connect(self.export_sheet)
        bar.addWidget(self.print_button)
        layout.addLayout(bar)
        splitter = QSplitter(Qt.Orientation.Vertical)
        self.model = WeekModel(self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.verticalHeader().hide()
        for column, width in enumerate((110, 50, 300, 260, 220)):
            self.view.setColumnWidth(column, width)
        splitter.addWidget(self.view)
        self.sketch = RouteSketch()
        splitter.addWidget(self.sketch)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout.addWidget(splitter, 1)
        with ctx.db.read() as session:
            for grid in grid_store.all_grids(session):
                self.grid_combo.addItem(f"{grid.code} {grid.name}", grid.code)
        self.grid_combo.currentIndexChanged.connect(self.reload)
        self.week_edit.dateChanged.connect(self.reload)
        self.view.selectionModel().currentRowChanged.connect(self.on_row)
        ctx.data_changed.connect(self.on_data_changed)
        self.reload()

    def on_data_changed(self, table: str) -> None:
        if table in {"*", "enterprise", "visit", "settings", "grid"}:
            self.reload()

    def chosen_day(self) -> dt.date:
        value = self.week_edit.date().toPython()
        assert isinstance(value, dt.date)
        return value

    def reload(self) -> None:
        code = self.grid_combo.currentData()
        if not code:
            self.model.set_plan(None)
            self.summary.setText(self.tr("尚无网格"))
            return
        with self.ctx.db.read() as session:
            grid = store.grid_by_code(session, code)
            rows = store.planning_rows(session, grid.id) if grid else []
            threshold = local_state.get_int(session, local_state.TARGET_HEADCOUNT, DEFAULT_TARGET_HEADCOUNT)
            overdue = local_state.get_int(session, store.OVERDUE_DAYS, store.DEFAULT_OVERDUE_DAYS)
        self.plan = propose_week(rows, self.chosen_day(), threshold=threshold, overdue_days=overdue)
        self.model.set_plan(self.plan)
        km = sum(d.length_m for d in self.plan.days) / 1000
        text = self.tr("本周 {n} 次走访（每周至少3次、每家每月一次），路线共约 {km} 公里").format(n=len(self.plan.stops), km=f"{km:.1f}")
        if self.plan.backlog:
            text += self.tr("；另有 {b} 家逾期企业排到以后").format(b=self.plan.backlog)
        self.summary.setText(text)
        self.sketch.set_day(self.plan.days[0] if self.plan.days else None)

    def on_row(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self.sketch.set_day(self.model.day_at(current.row()))

    def day_route(self) -> DayRoute | None:
        day = self.sketch.day
        code = self.grid_combo.currentData()
        if day is None or not code:
            return None
        with self.ctx.db.read() as session:
            grid = store.grid_by_code(session, code)
            inspector = session.get(Inspector, grid.inspector_id) if grid and grid.inspector_id else None
        return DayRoute(code, grid.name if grid else code, inspector.name if inspector else "", day.day, day.stops, day.length_m)

    def export_sheet(self, path: Path | None = None) -> Path | None:
        route = self.day_route()
        if route is None:
            return None
        if path is None:
            chosen, _ = QFileDialog.getSaveFileName(
                self, self.tr("保存路线单"), f"路线单-{route.grid_code}-{route.day.isoformat()}.pdf", self.tr("PDF 文件 (*.pdf)")
            )
            if not chosen:
                return None
            path = Path(chosen)
        try:
            write_route_sheet(route, path)
        except OSError as exc:
            QMessageBox.warning(self, self.tr("保存失败"), self.tr("无法写入 {path}：{error}").format(path=path, error=exc.strerror or exc))
            return None
        self.ctx.status_message.emit(self.tr("路线单已保存：{path}").format(path=path))
        return path

"""热力图: targets and overdue visits over the grids, drawn from coordinates alone (no map tiles, fully
offline). A density surface as an image under the grid outlines and names, a legend, zoom with the
wheel, pan by dragging, and a click on a hotspot lists the enterprises around it."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPointF,
    QRect,
    QRectF,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QImage, QMouseEvent, QPainter, QPen, QPixmap, QPolygonF, QWheelEvent
from PySide6.QtWidgets import (
    QComboBox,
    QGraphicsPixmapItem,
    QGraphicsScene,
    QGraphicsView,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.core.enterprise import DEFAULT_TARGET_HEADCOUNT
from app.planning.geo import GridShape, bbox_of, centroid, metres_per_degree, parse_polygon
from app.planning.heatmap import DensityGrid, HeatPoint, Layer, density, heat_points, points_near
from app.store import datapool as store
from app.store import grids as grid_store
from app.store import local_state
from app.store.datapool import PlanningRow
from app.ui.shell.context import AppContext

Index = QModelIndex | QPersistentModelIndex
RAMP = [(0.0, (255, 255, 204, 0)), (0.15, (255, 237, 160, 120)), (0.4, (254, 178, 76, 170)), (0.7, (240, 59, 32, 200)), (1.0, (189, 0, 38, 230))]


def ramp_colour(fraction: float) -> tuple[int, int, int, int]:
    fraction = max(0.0, min(1.0, fraction))
    for (f0, c0), (f1, c1) in itertools.pairwise(RAMP):
        if fraction <= f1:
            t = (fraction - f0) / (f1 - f0) if f1 > f0 else 0.0
            r, g, b, a = (round(c0[i] + (c1[i] - c0[i]) * t) for i in range(4))
            return r, g, b, a
    return RAMP[-1][1]


def density_image(grid: DensityGrid) -> QImage:
    image = QImage(grid.nx, grid.ny, QImage.Format.Format_ARGB32)
    peak = grid.max_value or 1.0
    for iy in range(grid.ny):
        y = grid.ny - 1 - iy  # north up
        for ix in range(grid.nx):
            r, g, b, a = ramp_colour(grid.values[iy][ix] / peak)
            image.setPixelColor(ix, y, QColor(r, g, b, a))
    return image


class Projection:
    """Longitude/latitude to scene units (metres, y growing southwards as on screen)."""

    def __init__(self, lat0: float) -> None:
        self.kx, self.ky = metres_per_degree(lat0)

    def to_scene(self, lon: float, lat: float) -> QPointF:
        return QPointF(lon * self.kx, -lat * self.ky)

    def to_geo(self, point: QPointF) -> tuple[float, float]:
        return point.x() / self.kx, -point.y() / self.ky


class HeatMapView(QGraphicsView):
    clicked_at = Signal(float, float)  # longitude, latitude

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setScene(QGraphicsScene(self))
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setBackgroundBrush(QBrush(QColor("#f8fafc")))
        self.projection = Projection(30.0)
        self.legend_title = ""
        self.legend_max = 0.0
        self._press: QPointF | None = None

    def draw(self, grids: list[GridShape], points: list[HeatPoint], surface: DensityGrid | None, legend_title: str) -> None:
        scene = self.scene()
        scene.clear()
        every = [p for g in grids for p in g.polygon] + [(p.lon, p.lat) for p in points]
        box = bbox_of(every)
        if box is None:
            self.legend_title = legend_title
            self.legend_max = 0.0
            return
        self.projection = Projection((box.min_lat + box.max_lat) / 2)
        proj = self.projection
        if surface is not None:
            pixmap = QGraphicsPixmapItem(QPixmap.fromImage(density_image(surface)))
            top_left = proj.to_scene(surface.bbox.min_lon, surface.bbox.max_lat)
            bottom_right = proj.to_scene(surface.bbox.max_lon, surface.bbox.min_lat)
            pixmap.setOffset(0, 0)
            pixmap.setPos(top_left)
            pixmap.setTransformationMode(Qt.TransformationMode.SmoothTransformation)
            sx = (bottom_right.x() - top_left.x()) / max(1, surface.nx)
            sy = (bottom_right.y() - top_left.y()) / max(1, surface.ny)
            pixmap.setTransform(pixmap.transform().scale(sx, sy))
            pixmap.setZValue(0)
            scene.addItem(pixmap)
        outline = QPen(QColor("#334155"))
        outline.setCosmetic(True)
        outline.setWidthF(1.5)
        for grid in grids:
            if len(grid.polygon) < 3:
                continue
            polygon = QPolygonF([proj.to_scene(lon, lat) for lon, lat in grid.polygon])
            item = scene.addPolygon(polygon, outline, QBrush(Qt.BrushStyle.NoBrush))
            item.setZValue(1)
            centre = proj.to_scene(*centroid(grid.polygon))
            label = scene.addSimpleText(grid.name)
            label.setBrush(QBrush(QColor("#0f172a")))
            label.setFlag(label.GraphicsItemFlag.ItemIgnoresTransformations)
            label.setPos(centre)
            label.setZValue(3)
        dot_pen = QPen(Qt.PenStyle.NoPen)
        for p in points:
            pos = proj.to_scene(p.lon, p.lat)
            colour = QColor("#b91c1c") if p.target and p.overdue else QColor("#ea580c") if p.target else QColor("#2563eb")
            dot = scene.addEllipse(-3, -3, 6, 6, dot_pen, QBrush(colour))
            dot.setFlag(dot.GraphicsItemFlag.ItemIgnoresTransformations)
            dot.setPos(pos)
            dot.setZValue(2)
        rect = scene.itemsBoundingRect()
        scene.setSceneRect(rect.adjusted(-rect.width() * 0.1, -rect.height() * 0.1, rect.width() * 0.1, rect.height() * 0.1))
        self.legend_title = legend_title
        self.legend_max = surface.max_value if surface else 0.0
        self.fit()

    def fit(self) -> None:
        self.resetTransform()
        self.fitInView(self.scene().sceneRect(), Qt.AspectRatioMode.KeepAspectRatio)

    def wheelEvent(self, event: QWheelEvent) -> None:
        factor = 1.25 if event.angleDelta().y() > 0 else 0.8
        self.scale(factor, factor)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._press = event.position()
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        if self._press is not None and (event.position() - self._press).manhattanLength() < 4:
            lon, lat = self.projection.to_geo(self.mapToScene(event.position().toPoint()))
            self.clicked_at.emit(lon, lat)
        self._press = None

    def click_radius_m(self) -> float:
        """About 25 screen pixels, in metres at the current zoom."""
        scale = self.transform().m11() or 1.0
        return max(100.0, 25 / scale)

    def drawForeground(self, painter: QPainter, rect: QRectF | QRect) -> None:
        painter.save()
        painter.resetTransform()
        width, height = 150, 70
        x, y = self.viewport().width() - width - 10, 10
        painter.setBrush(QColor(255, 255, 255, 220))
        painter.setPen(QColor("#94a3b8"))
        painter.drawRect(x, y, width, height)
        painter.setPen(QColor("#0f172a"))
        painter.drawText(x + 8, y + 16, self.legend_title)
        for i in range(100):
            r, g, b, a = ramp_colour(i / 99)
            painter.setPen(QColor(r, g, b, max(a, 60)))
            painter.drawLine(x + 10 + i, y + 24, x + 10 + i, y + 36)
        painter.setPen(QColor("#0f172a"))
        painter.drawText(x + 8, y + 50, QCoreApplication.translate("HeatMap", "低"))
        painter.drawText(x + 100, y + 50, QCoreApplication.translate("HeatMap", "高"))
        painter.setBrush(QColor("#b91c1c"))
        painter.drawEllipse(x + 10, y + 56, 6, 6)
        painter.drawText(x + 20, y + 64, QCoreApplication.translate("HeatMap", "目标且逾期"))
        painter.restore()


class NearbyModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[PlanningRow] = []
        self._headers = [self.tr("企业名称"), self.tr("职工人数"), self.tr("最近走访"), self.tr("地址")]

    def set_rows(self, rows: list[PlanningRow]) -> None:
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def names(self) -> list[str]:
        return [r.name for r in self._rows]

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else 4

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self._headers[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        r = self._rows[index.row()]
        visit = r.last_visit.isoformat() if r.last_visit else self.tr("从未走访")
        return (r.name, str(r.headcount or ""), visit, r.address)[index.column()]


class HeatMapPage(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.points: list[HeatPoint] = []
        self.rows_by_id: dict[str, PlanningRow] = {}
        self.surface: DensityGrid | None = None
        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("显示")))
        self.layer = QComboBox()
        self.layer.addItem(self.tr("建会目标与逾期走访"), Layer.BOTH.value)
        self.layer.addItem(self.tr("仅建会目标"), Layer.TARGETS.value)
        self.layer.addItem(self.tr("仅逾期走访"), Layer.OVERDUE.value)
        bar.addWidget(self.layer)
        bar.addWidget(QLabel(self.tr("逾期天数")))
        self.overdue = QSpinBox()
        self.overdue.setRange(1, 365)
        self.overdue.setSuffix(self.tr(" 天"))
        bar.addWidget(self.overdue)
        self.summary = QLabel()
        bar.addWidget(self.summary, 1)
        layout.addLayout(bar)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        self.view = HeatMapView()
        splitter.addWidget(self.view)
        side = QWidget()
        side_layout = QVBoxLayout(side)
        self.nearby_label = QLabel(self.tr("点击热点查看周边企业"))
        self.nearby_label.setWordWrap(True)
        side_layout.addWidget(self.nearby_label)
        self.nearby = NearbyModel(self)
        self.nearby_view = QTableView()
        self.nearby_view.setModel(self.nearby)
        self.nearby_view.horizontalHeader().setStretchLastSection(True)
        side_layout.addWidget(self.nearby_view)
        splitter.addWidget(side)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        layout.addWidget(splitter, 1)
        with ctx.db.read() as session:
            self.overdue.setValue(local_state.get_int(session, store.OVERDUE_DAYS, store.DEFAULT_OVERDUE_DAYS))
        self.layer.currentIndexChanged.connect(self.reload)
        self.overdue.editingFinished.connect(self.save_overdue)
        self.view.clicked_at.connect(self.show_nearby)
        ctx.data_changed.connect(self.on_data_changed)
        self.reload()

    def on_data_changed(self, table: str) -> None:
        if table in {"*", "enterprise", "visit", "grid", "settings"}:
            self.reload()

    def save_overdue(self) -> None:
        with self.ctx.db.write() as session:
            local_state.put(session, store.OVERDUE_DAYS, str(self.overdue.value()))
        self.ctx.notify("settings")

    def reload(self) -> None:
        today = dt.date.today()
        with self.ctx.db.read() as session:
            rows = store.planning_rows(session)
            grids = [GridShape(g.id, g.code, g.name, parse_polygon(g.boundary)) for g in grid_store.all_grids(session)]
            threshold = local_state.get_int(session, local_state.TARGET_HEADCOUNT, DEFAULT_TARGET_HEADCOUNT)
        layer = Layer(self.layer.currentData())
        self.rows_by_id = {r.id: r for r in rows}
        self.points = heat_points(rows, threshold=threshold, overdue_days=self.overdue.value(), today=today, layer=layer)
        every = [p for g in grids for p in g.polygon] + [(p.lon, p.lat) for p in self.points]
        box = bbox_of(every)
        self.surface = density(self.points, box.padded(0.05) if box else None) if self.points else None
        targets = sum(1 for p in self.points if p.target)
        overdue = sum(1 for p in self.points if p.overdue)
        self.summary.setText(self.tr("建会目标 {t} 家，逾期未走访 {o} 家").format(t=targets, o=overdue))
        self.view.draw(grids, self.points, self.surface, self.layer.currentText())

    def show_nearby(self, lon: float, lat: float, radius_m: float | None = None) -> None:
        radius = radius_m if radius_m is not None else self.view.click_radius_m()
        near = points_near(self.points, (lon, lat), radius)
        self.nearby.set_rows([self.rows_by_id[p.id] for p in near if p.id in self.rows_by_id])
        self.nearby_label.setText(self.tr("半径 {r} 米内：{n} 家").format(r=int(radius), n=len(near)))


"""地址与底图: where the heat map and routes get their positions. The enterprises still without one,
found from the office's gazetteer or the online geocoder (off the GUI thread, with progress and
cancel), or placed by hand on the map; grids given by address rules; the base map imported from a file
or downloaded once for the district."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QPointF, Qt
from PySide6.QtGui import QBrush, QColor, QMouseEvent, QPainter, QPen, QPolygonF, QWheelEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGraphicsScene,
    QGraphicsView,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlmodel import col, select

from app.planning import basemap as tiles
from app.planning import geocode
from app.planning.geo import BBox, bbox_of, metres_per_degree, parse_polygon
from app.store import geocoding as store
from app.store import grids as grid_store
from app.store import local_state
from app.store.db import Database
from app.store.tables import Enterprise, Grid
from app.ui.shell import background
from app.ui.shell.context import AppContext
from app.ui.shell.registry import PageSpec, add_page
from app.ui.widgets import basemap
from app.ui.widgets.paged_model import Index, PagedTableModel
from app.ui.widgets.screen_fit import fit_to_screen

TIANDITU_KEY = "geocoder_tianditu_key"
TILE_URL_KEY = "basemap_tile_url"


class UnplacedModel(PagedTableModel):
    def __init__(self, db: Database, parent: Any = None) -> None:
        super().__init__(db, store.UnplacedFilter(), parent)
        self.columns = [
            ("name", QCoreApplication.translate("Geo", "企业名称")),
            ("address", QCoreApplication.translate("Geo", "地址")),
            ("grid_name", QCoreApplication.translate("Geo", "网格")),
        ]

    def _count(self, session: Any, flt: Any) -> int:
        return store.count_unplaced_page(session, flt)

    def _page(self, session: Any, flt: Any, offset: int, limit: int) -> list[dict[str, Any]]:
        return store.page_unplaced(session, flt, offset, limit)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        record = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            value = record.get(self.columns[index.column()][0])
            if value is None and self.columns[index.column()][0] == "grid_name":
                return QCoreApplication.translate("Geo", "（未分网格）")
            return "" if value is None else str(value)
        if role == self.ID_ROLE:
            return record["id"]
        return None


class PinMap(QGraphicsView):
    """The district on its base map; a click places the pin."""

    def __init__(self, data_dir: Path, grids: list[tuple[str, list[tuple[float, float]]]],
                 neighbours: list[tuple[float, float]], centre: tuple[float, float] | None) -> None:
        super().__init__()
        self.setScene(QGraphicsScene(self))
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        every = [p for _n, poly in grids for p in poly] + neighbours + ([centre] if centre else [])
        box = bbox_of(every) or BBox(116.3, 39.85, 116.5, 39.95)
        self.kx, self.ky = metres_per_degree((box.min_lat + box.max_lat) / 2)
        self.pin: tuple[float, float] | None = None
        self._pin_item: Any = None
        self._press: QPointF | None = None
        scene = self.scene()
        self.has_basemap = basemap.add_to_scene(scene, data_dir, box.padded(0.15), self.to_scene, 1200)
        pen = QPen(QColor("#334155"))
        pen.setCosmetic(True)
        pen.setWidthF(1.5)
        for name, poly in grids:
            if len(poly) >= 3:
                scene.addPolygon(QPolygonF([self.to_scene(*p) for p in poly]), pen, QBrush(Qt.BrushStyle.NoBrush))
                label = scene.addSimpleText(name)
                label.setFlag(label.GraphicsItemFlag.ItemIgnoresTransformations)
                label.setPos(self.to_scene(*poly[0]))
        for lon, lat in neighbours:
            dot = scene.addEllipse(-2.5, -2.5, 5, 5, QPen(Qt.PenStyle.NoPen), QBrush(QColor("#64748b")))
            dot.setFlag(dot.GraphicsItemFlag.ItemIgnoresTransformations)
            dot.setPos(self.to_scene(lon, lat))
        wide = box.padded(0.1)
        a, b = self.to_scene(wide.min_lon, wide.max_lat), self.to_scene(wide.max_lon, wide.min_lat)
        scene.setSceneRect(a.x(), a.y(), b.x() - a.x(), b.y() - a.y())
        self._fit = (a, b)

    def to_scene(self, lon: float, lat: float) -> QPointF:
        return QPointF(lon * self.kx, -lat * self.ky)

    def to_geo(self, point: QPointF) -> tuple[float, float]:
        return point.x() / self.kx, -point.y() / self.ky

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        a, b = self._fit
        self.fitInView(a.x(), a.y(), b.x() - a.x(), b.y() - a.y(), Qt.AspectRatioMode.KeepAspectRatio)

    def wheelEvent(self, event: QWheelEvent) -> None:
        factor = 1.25 if event.angleDelta().y() > 0 else 0.8
        self.scale(factor, factor)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._press = event.position()
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        if self._press is not None and (event.position() - self._press).manhattanLength() < 4:
            self.place(*self.to_geo(self.mapToScene(event.position().toPoint())))
        self._press = None

    def place(self, lon: float, lat: float) -> None:
        self.pin = (lon, lat)
        if self._pin_item is None:
            self._pin_item = self.scene().addEllipse(-7, -7, 14, 14, QPen(QColor("white"), 2), QBrush(QColor("#dc2626")))
            self._pin_item.setFlag(self._pin_item.GraphicsItemFlag.ItemIgnoresTransformations)
            self._pin_item.setZValue(10)
        self._pin_item.setPos(self.to_scene(lon, lat))


class PinDialog(QDialog):
    def __init__(self, ctx: AppContext, enterprise_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        with ctx.db.read() as session:
            row = session.get(Enterprise, enterprise_id)
            grids = [(g.name, parse_polygon(g.boundary)) for g in grid_store.all_grids(session)]
            placed = session.exec(select(Enterprise.longitude, Enterprise.latitude).where(
                col(Enterprise.deleted).is_(False), col(Enterprise.longitude).is_not(None)).limit(3000)).all()
        name = row.name if row else ""
        self.setWindowTitle(self.tr("在地图上放置：{0}").format(name))
        layout = QVBoxLayout(self)
        hint = QLabel(self.tr("地址：{0}。滚轮缩放，拖动平移，单击放置位置。").format(row.address if row else ""))
        hint.setWordWrap(True)
        layout.addWidget(hint)
        neighbours = [(float(a), float(b)) for a, b in placed if a is not None and b is not None]
        centre = (row.longitude, row.latitude) if row and row.longitude is not None and row.latitude is not None else None
        self.map = PinMap(ctx.paths.root, grids, neighbours, centre)
        if centre:
            self.map.place(*centre)
        layout.addWidget(self.map, 1)
        if not self.map.has_basemap:
            note = QLabel(basemap.no_basemap_text())
            note.setStyleSheet("color: #b45309;")
            layout.addWidget(note)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        fit_to_screen(self, 900, 680)


class GeoPage(QWidget):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self._cancel = threading.Event()
        self._busy = False
        layout = QVBoxLayout(self)
        self.status = QLabel()
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        split = QSplitter(Qt.Orientation.Horizontal)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        bar = QHBoxLayout()
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("搜索未定位企业的名称或地址"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._filter)
        bar.addWidget(self.search, 1)
        self.pin_button = QPushButton(self.tr("在地图上放置…"))
        self.pin_button.clicked.connect(self.pin_selected)
        bar.addWidget(self.pin_button)
        left_layout.addLayout(bar)
        self.model = UnplacedModel(ctx.db, self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().setVisible(False)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.setColumnWidth(0, 240)
        self.view.setColumnWidth(1, 300)
        self.view.doubleClicked.connect(lambda _i: self.pin_selected())
        left_layout.addWidget(self.view, 1)
        run = QHBoxLayout()
        self.gazetteer_button = QPushButton(self.tr("用地名地址库定位"))
        self.online_button = QPushButton(self.tr("联网定位（天地图）"))
        self.rules_button = QPushButton(self.tr("按地址规则分配网格"))
        self.cancel_button = QPushButton(self.tr("取消"))
        self.cancel_button.setEnabled(False)
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(180)
        self.progress.hide()
        self.gazetteer_button.clicked.connect(lambda: self.run_geocoding(online=False))
        self.online_button.clicked.connect(lambda: self.run_geocoding(online=True))
        self.rules_button.clicked.connect(self.apply_rules)
        self.cancel_button.clicked.connect(self._cancel.set)
        for w in (self.gazetteer_button, self.online_button, self.rules_button, self.progress, self.cancel_button):
            run.addWidget(w)
        run.addStretch(1)
        left_layout.addLayout(run)
        split.addWidget(left)

        right = QWidget()
        right_layout = QVBoxLayout(right)
        # the base map
        box = QGroupBox(self.tr("底图"))
        form = QVBoxLayout(box)
        self.basemap_info = QLabel()
        self.basemap_info.setWordWrap(True)
        form.addWidget(self.basemap_info)
        buttons = QHBoxLayout()
        self.import_basemap_button = QPushButton(self.tr("导入底图文件…"))
        self.download_button = QPushButton(self.tr("下载本区底图…"))
        self.import_basemap_button.clicked.connect(self.import_basemap)
        self.download_button.clicked.connect(self.download_basemap)
        buttons.addWidget(self.import_basemap_button)
        buttons.addWidget(self.download_button)
        form.addLayout(buttons)
        right_layout.addWidget(box)
        # the gazetteer and the geocoder key
        box = QGroupBox(self.tr("地名地址库与联网定位"))
        form2 = QFormLayout(box)
        self.gazetteer_info = QLabel()
        self.gazetteer_info.setWordWrap(True)
        import_gazetteer = QPushButton(self.tr("导入地名地址表…"))
        import_gazetteer.clicked.connect(self.import_gazetteer)
        form2.addRow(self.gazetteer_info)
        form2.addRow(import_gazetteer)
        self.key = QLineEdit()
        self.key.setEchoMode(QLineEdit.EchoMode.PasswordEchoOnEdit)
        self.key.setPlaceholderText(self.tr("办公室申请的天地图服务密钥"))
        self.key.editingFinished.connect(self.save_key)
        form2.addRow(self.tr("天地图密钥"), self.key)
        right_layout.addWidget(box)
        # the address rules
        box = QGroupBox(self.tr("按地址分配网格的规则"))
        rules_layout = QVBoxLayout(box)
        self.rules = QListWidget()
        rules_layout.addWidget(self.rules, 1)
        add_row = QHBoxLayout()
        self.rule_pattern = QLineEdit()
        self.rule_pattern.setPlaceholderText(self.tr("街道、社区或道路名，如 东湖街道"))
        self.rule_grid = QComboBox()
        add_rule = QPushButton(self.tr("添加"))
        remove_rule = QPushButton(self.tr("删除所选"))
        add_rule.clicked.connect(self.add_rule)
        remove_rule.clicked.connect(self.remove_rule)
        add_row.addWidget(self.rule_pattern, 1)
        add_row.addWidget(self.rule_grid)
        add_row.addWidget(add_rule)
        add_row.addWidget(remove_rule)
        rules_layout.addLayout(add_row)
        right_layout.addWidget(box, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(right)
        split.addWidget(scroll)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        layout.addWidget(split, 1)
        ctx.data_changed.connect(self._on_data_changed)
        self.reload()

    # --- state -------------------------------------------------------------------------------------

    def _filter(self, text: str) -> None:
        self.model.set_filter(store.UnplacedFilter(query=text))

    def _on_data_changed(self, table: str) -> None:
        if table in {"*", "enterprise", "grid", "grid_address_rule", "settings"}:
            self.reload()

    def reload(self) -> None:
        with self.ctx.db.read() as session:
            by_source = store.count_placed_by_source(session)
            missing = store.count_unplaced(session)
            gazetteer = store.gazetteer_count(session)
            source = local_state.get(session, store.GAZETTEER_SOURCE_KEY) or ""
            key = local_state.get(session, TIANDITU_KEY) or ""
            rules = store.rules(session)
            grids = list(session.exec(select(Grid).where(col(Grid.deleted).is_(False)).order_by(col(Grid.code))))
        names = {
            "gazetteer": self.tr("地名地址库"), "online": self.tr("联网定位"), "pin": self.tr("手工放置"),
            "visit": self.tr("走访时定位"), "import": self.tr("导入或原有"), "": self.tr("导入或原有"),
        }
        merged: dict[str, int] = {}
        for k, n in by_source.items():
            merged[names.get(k, k)] = merged.get(names.get(k, k), 0) + n
        parts = "，".join(f"{label} {n}" for label, n in merged.items())
        self.status.setText(self.tr("已定位 {0} 家（{1}）；未定位 {2} 家，热力图和路线不显示它们。").format(
            sum(by_source.values()), parts or "—", missing))
        self.model.reload()
        self.gazetteer_info.setText(self.tr("地名地址库：{0}").format(source) if gazetteer
                                    else self.tr("还没有导入地名地址库（含“地址、经度、纬度”列的 CSV 或 XLSX）"))
        if not self.key.hasFocus():
            self.key.setText(str(key))
        self.online_button.setEnabled(bool(key) and not self._busy)
        self.gazetteer_button.setEnabled(bool(gazetteer) and not self._busy)
        grid_names = {g.id: g.name for g in grids}
        self.rules.clear()
        for rule in rules:
            item = QListWidgetItem(f"{rule.pattern} → {grid_names.get(rule.grid_id, '?')}")
            item.setData(Qt.ItemDataRole.UserRole, rule.id)
            self.rules.addItem(item)
        current = self.rule_grid.currentData()
        self.rule_grid.clear()
        for g in grids:
            self.rule_grid.addItem(g.name, g.id)
        self.rule_grid.setCurrentIndex(max(0, self.rule_grid.findData(current)))
        tile_source = basemap.source(self.ctx.paths.root)
        if tile_source is None:
            self.basemap_info.setText(basemap.no_basemap_text())
        else:
            info = tile_source.info()
            self.basemap_info.setText(self.tr("{0}：缩放级别 {1}–{2}，{3} 张瓦片。{4}").format(
                info.name, info.min_zoom, info.max_zoom, info.tiles, info.attribution))

    def warn(self, text: str) -> None:
        QMessageBox.warning(self, self.tr("地址与底图"), text)

    # --- positions ---------------------------------------------------------------------------------

    def selected_id(self) -> str | None:
        rows = self.view.selectionModel().selectedRows()
        return str(self.model.row_at(rows[0].row())["id"]) if rows else None

    def pin_selected(self) -> None:
        enterprise_id = self.selected_id()
        if enterprise_id is None:
            self.warn(self.tr("请先在列表中选择一家企业"))
            return
        dialog = PinDialog(self.ctx, enterprise_id, self)
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.map.pin is None:
            return
        with self.ctx.db.write() as session:
            store.place_by_hand(session, enterprise_id, *dialog.map.pin, self.ctx.user.actor)
        self.ctx.notify("enterprise")

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.progress.setVisible(busy)
        self.cancel_button.setEnabled(busy)
        for w in (self.gazetteer_button, self.online_button, self.rules_button, self.download_button):
            w.setEnabled(not busy)

    def run_geocoding(self, online: bool) -> None:
        if self._busy:
            return
        self._cancel.clear()
        db, actor = self.ctx.db, self.ctx.user.actor
        with db.read() as session:
            key = str(local_state.get(session, TIANDITU_KEY) or "")

        def work(progress: background.Progress) -> geocode.GeocodeReport:
            with db.write() as session:
                coders: list[geocode.Geocoder] = [geocode.GazetteerGeocoder(session)]
                if online:
                    coders.append(geocode.TiandituGeocoder(session, key))
                return geocode.geocode_missing(session, coders, actor, progress=progress,
                                               cancelled=self._cancel.is_set)

        def done(report: geocode.GeocodeReport) -> None:
            self._set_busy(False)
            cancelled = self.tr("已取消；已找到的位置已保存。") if self._cancel.is_set() else ""
            self.ctx.status_message.emit(report.sentence + cancelled)
            self.status.setText(report.sentence + cancelled)
            self.ctx.notify("enterprise")

        def failed(exc: Exception) -> None:
            self._set_busy(False)
            self.warn(str(exc) or self.tr("定位没有完成，数据未改动"))

        self._set_busy(True)
        background.start(self.ctx.pool, work, done, failed, self._progress)

    def _progress(self, done: int, total: int) -> None:
        self.progress.setMaximum(max(1, total))
        self.progress.setValue(done)

    def apply_rules(self) -> None:
        with self.ctx.db.write() as session:
            n = store.assign_grids_by_rules(session, self.ctx.user.actor)
        self.ctx.status_message.emit(self.tr("按地址规则分配网格：{0} 家").format(n))
        self.ctx.notify("enterprise")

    def add_rule(self) -> None:
        grid_id = self.rule_grid.currentData()
        if grid_id is None:
            self.warn(self.tr("还没有网格"))
            return
        try:
            with self.ctx.db.write() as session:
                store.add_rule(session, self.rule_pattern.text(), str(grid_id), self.ctx.user.actor)
        except ValueError as exc:
            self.warn(str(exc))
            return
        self.rule_pattern.clear()
        self.ctx.notify("grid_address_rule")

    def remove_rule(self) -> None:
        item = self.rules.currentItem()
        if item is None:
            return
        with self.ctx.db.write() as session:
            store.remove_rule(session, str(item.data(Qt.ItemDataRole.UserRole)), self.ctx.user.actor)
        self.ctx.notify("grid_address_rule")

    def save_key(self) -> None:
        with self.ctx.db.write() as session:
            local_state.put(session, TIANDITU_KEY, self.key.text().strip())
        self.ctx.notify("settings")

    def import_gazetteer(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, self.tr("导入地名地址表"), "",
                                              self.tr("表格 (*.csv *.xlsx)"))
        if not name:
            return
        try:
            with self.ctx.db.write() as session:
                result = geocode.import_gazetteer(session, Path(name))
        except ValueError as exc:
            self.warn(str(exc))
            return
        text = self.tr("已导入 {0} 条地名地址").format(result.rows)
        if result.skipped:
            text += self.tr("，跳过 {0} 行（第一处：{1}）").format(len(result.skipped), result.skipped[0])
        self.ctx.status_message.emit(text)
        self.ctx.notify("settings")

    # --- base map ----------------------------------------------------------------------------------

    def import_basemap(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, self.tr("导入底图"), "", self.tr("底图文件 (*.mbtiles)"))
        if not name:
            return
        try:
            info = tiles.install(Path(name), basemap.basemap_path(self.ctx.paths.root))
        except (tiles.BaseMapError, OSError) as exc:
            self.warn(str(exc))
            return
        self.ctx.status_message.emit(self.tr("底图已导入：{0}，{1} 张瓦片").format(info.name, info.tiles))
        self.ctx.notify("settings")

    def download_basemap(self) -> None:
        with self.ctx.db.read() as session:
            url = str(local_state.get(session, TILE_URL_KEY) or "")
            key = str(local_state.get(session, TIANDITU_KEY) or "")
            grids = [parse_polygon(g.boundary) for g in grid_store.all_grids(session)]
            placed = session.exec(select(Enterprise.longitude, Enterprise.latitude).where(
                col(Enterprise.deleted).is_(False), col(Enterprise.longitude).is_not(None)).limit(20000)).all()
        box = bbox_of([p for g in grids for p in g] + [(float(a), float(b)) for a, b in placed if a and b])
        if box is None:
            self.warn(self.tr("还不知道本区的范围：先导入网格边界或为企业定位"))
            return
        if not url and key:
            url = ("https://t0.tianditu.gov.cn/vec_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=vec"
                   "&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk=" + key)
        dialog = QDialog(self)
        dialog.setWindowTitle(self.tr("下载本区底图"))
        form = QFormLayout(dialog)
        url_edit = QLineEdit(url)
        url_edit.setPlaceholderText("https://…/{z}/{x}/{y}.png")
        low, high = QSpinBox(), QSpinBox()
        low.setRange(8, 18)
        high.setRange(8, 18)
        low.setValue(12)
        high.setValue(16)
        form.addRow(self.tr("瓦片地址"), url_edit)
        form.addRow(self.tr("最小缩放级别"), low)
        form.addRow(self.tr("最大缩放级别"), high)
        form.addRow(QLabel(self.tr("范围：经度 {0:.3f}–{1:.3f}，纬度 {2:.3f}–{3:.3f}").format(
            box.min_lon, box.max_lon, box.min_lat, box.max_lat)))
        ok = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        ok.accepted.connect(dialog.accept)
        ok.rejected.connect(dialog.reject)
        form.addRow(ok)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        template, zooms = url_edit.text().strip(), list(range(min(low.value(), high.value()),
                                                              max(low.value(), high.value()) + 1))
        with self.ctx.db.write() as session:
            local_state.put(session, TILE_URL_KEY, template)
        target = basemap.basemap_path(self.ctx.paths.root)
        self._cancel.clear()

        def work(progress: background.Progress) -> tiles.BaseMapInfo:
            return tiles.download(template, box.padded(0.1), zooms, target, name=self.tr("本区底图"),
                                  progress=progress, cancelled=self._cancel.is_set)

        def done(info: tiles.BaseMapInfo) -> None:
            self._set_busy(False)
            self.ctx.status_message.emit(self.tr("底图已下载：{0} 张瓦片，今后离线可用").format(info.tiles))
            self.ctx.notify("settings")

        def failed(exc: Exception) -> None:
            self._set_busy(False)
            self.warn(str(exc))

        self._set_busy(True)
        background.start(self.ctx.pool, work, done, failed, self._progress)


def _factory(ctx: AppContext) -> QWidget:
    return GeoPage(ctx)


add_page(PageSpec("geo", QCoreApplication.translate("Geo", "地址与底图"), 25, _factory))

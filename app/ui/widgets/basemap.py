"""The base map under every map of the program (heat map, route sketch, pin placement): tiles from the
office's MBTiles file in the data folder, placed in the view's local projection. Without a file the
maps say so, instead of drawing dots on white."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QPointF, QRectF
from PySide6.QtGui import QPainter, QPixmap
from PySide6.QtWidgets import QGraphicsPixmapItem, QGraphicsScene

from app.planning.basemap import BASEMAP_FILE, MBTiles, Tile, open_basemap
from app.planning.geo import BBox

ToScene = Callable[[float, float], QPointF]

_open: dict[Path, tuple[float, MBTiles]] = {}


def basemap_path(data_dir: Path) -> Path:
    return data_dir / BASEMAP_FILE


def source(data_dir: Path) -> MBTiles | None:
    """The data folder's base map, opened once and reopened when the file changes."""
    path = basemap_path(data_dir)
    try:
        stamp = path.stat().st_mtime
    except OSError:
        _open.pop(path, None)
        return None
    held = _open.get(path)
    if held is not None and held[0] == stamp:
        return held[1]
    if held is not None:
        held[1].close()
    tiles = open_basemap(path)
    if tiles is None:
        _open.pop(path, None)
        return None
    _open[path] = (stamp, tiles)
    return tiles


def no_basemap_text() -> str:
    return QCoreApplication.translate(
        "BaseMap", "没有底图：在“地址与底图”页导入办公室提供的底图文件（MBTiles），或联网时下载一次")


def _tiles(tiles: MBTiles, box: BBox, pixels_across: int) -> list[Tile]:
    zoom = tiles.best_zoom(box, pixels_across)
    return [] if zoom is None else tiles.tiles_for(box, zoom)


def add_to_scene(scene: QGraphicsScene, data_dir: Path, box: BBox, to_scene: ToScene,
                 pixels_across: int = 1200) -> bool:
    """Puts the tiles covering `box` into the scene, under everything else; False when there is no
    base map (or none of it covers the box)."""
    tiles = source(data_dir)
    if tiles is None:
        return False
    placed = False
    for tile in _tiles(tiles, box, pixels_across):
        pixmap = QPixmap()
        if not pixmap.loadFromData(tile.data):
            continue
        west, south, east, north = tile.bounds
        top_left, bottom_right = to_scene(west, north), to_scene(east, south)
        item = QGraphicsPixmapItem(pixmap)
        item.setPos(top_left)
        item.setTransformationMode(item.transformationMode().SmoothTransformation)
        item.setScale(1.0)
        sx = (bottom_right.x() - top_left.x()) / max(1, pixmap.width())
        sy = (bottom_right.y() - top_left.y()) / max(1, pixmap.height())
        item.setTransform(item.transform().scale(sx, sy))
        item.setZValue(-10)
        scene.addItem(item)
        placed = True
    return placed


def paint(painter: QPainter, data_dir: Path, box: BBox, to_view: ToScene, pixels_across: int) -> bool:
    """Draws the tiles with a painter (for widgets that paint themselves, like the route sketch)."""
    tiles = source(data_dir)
    if tiles is None:
        return False
    drawn = False
    for tile in _tiles(tiles, box, pixels_across):
        pixmap = QPixmap()
        if not pixmap.loadFromData(tile.data):
            continue
        west, south, east, north = tile.bounds
        a, b = to_view(west, north), to_view(east, south)
        painter.drawPixmap(QRectF(a, b), pixmap, QRectF(pixmap.rect()))
        drawn = True
    return drawn

"""The union layer of the heat map: friendly partners (green squares) and unions whose yearly check
slipped (purple diamonds), drawn over whatever the heat map shows."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QPointF
from PySide6.QtGui import QBrush, QColor, QPen, QPolygonF

from app.store.db import Database
from app.store.unions import checks, partners

PARTNER_COLOUR = "#15803d"
SLIPPING_COLOUR = "#7e22ce"


def draw_union_layer(view: Any, db: Database) -> tuple[int, int]:
    """Adds the markers to the view's scene (after its own drawing); returns (partners, slipping)."""
    with db.read() as session:
        partner_points = partners.positions(session)
        slipping = checks.slipping_positions(session)
    scene, proj = view.scene(), view.projection
    pen = QPen(QColor("#ffffff"))
    pen.setCosmetic(True)
    for name, _kind, lon, lat in partner_points:
        item = scene.addRect(-4, -4, 8, 8, pen, QBrush(QColor(PARTNER_COLOUR)))
        item.setFlag(item.GraphicsItemFlag.ItemIgnoresTransformations)
        item.setPos(proj.to_scene(lon, lat))
        item.setZValue(4)
        item.setToolTip(QCoreApplication.translate("Unions", "友好商户：{n}").format(n=name))
    diamond = QPolygonF([QPointF(0, -6), QPointF(6, 0), QPointF(0, 6), QPointF(-6, 0)])
    for name, percent, lon, lat in slipping:
        item = scene.addPolygon(diamond, pen, QBrush(QColor(SLIPPING_COLOUR)))
        item.setFlag(item.GraphicsItemFlag.ItemIgnoresTransformations)
        item.setPos(proj.to_scene(lon, lat))
        item.setZValue(4)
        item.setToolTip(QCoreApplication.translate("Unions", "体检未达标：{n}（{p}%）").format(n=name, p=percent))
    return len(partner_points), len(slipping)

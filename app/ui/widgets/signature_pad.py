"""A small pad the enterprise's contact signs on with the mouse, pen or finger; kept as a PNG."""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QImage, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

PAD_SIZE = QSize(360, 140)


class SignaturePad(QWidget):
    stroke_finished = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFixedSize(PAD_SIZE)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.setCursor(Qt.CursorShape.CrossCursor)
        self.setAttribute(Qt.WidgetAttribute.WA_StaticContents)
        self._image = self._blank()
        self._last: QPointF | None = None
        self._blank_canvas = True
        self._pending = False  # strokes drawn since the last confirm/load
        self._read_only = False
        self.setToolTip(self.tr("按住鼠标左键在此签名"))

    @staticmethod
    def _blank() -> QImage:
        image = QImage(PAD_SIZE, QImage.Format.Format_ARGB32)
        image.fill(QColor("white"))
        return image

    @property
    def is_blank(self) -> bool:
        return self._blank_canvas

    @property
    def has_pending_strokes(self) -> bool:
        return self._pending

    def set_read_only(self, read_only: bool) -> None:
        self._read_only = read_only
        self.setCursor(Qt.CursorShape.ArrowCursor if read_only else Qt.CursorShape.CrossCursor)

    def clear(self) -> None:
        self._image = self._blank()
        self._blank_canvas = True
        self._pending = False
        self.update()

    def load_png(self, data: bytes | None) -> None:
        """Shows a stored signature (None or unreadable bytes: a blank pad)."""
        self.clear()
        if not data:
            return
        image = QImage()
        if image.loadFromData(data):
            painter = QPainter(self._image)
            scaled = image.scaled(PAD_SIZE, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation)
            painter.drawImage(0, 0, scaled)
            painter.end()
            self._blank_canvas = False
        self.update()

    def to_png(self) -> bytes:
        buffer = QBuffer()
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        self._image.save(buffer, "PNG")  # type: ignore[call-overload]  # the stubs say bytes, the binding wants str
        data: QByteArray = buffer.data()
        return bytes(data.data())

    def mark_saved(self) -> None:
        self._pending = False

    def _draw_to(self, point: QPointF) -> None:
        painter = QPainter(self._image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pen = QPen(QColor("#101010"), 2.6, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin)
        painter.setPen(pen)
        if self._last is None:
            painter.drawPoint(point)
        else:
            painter.drawLine(self._last, point)
        painter.end()
        self._last = point
        self._blank_canvas = False
        self._pending = True
        self.update()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if self._read_only or event.button() != Qt.MouseButton.LeftButton:
            return
        self._last = None
        self._draw_to(event.position())

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._read_only or not (event.buttons() & Qt.MouseButton.LeftButton) or self._last is None:
            return
        self._draw_to(event.position())

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._read_only or event.button() != Qt.MouseButton.LeftButton or self._last is None:
            return
        self._last = None
        self.stroke_finished.emit()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.drawImage(0, 0, self._image)
        painter.setPen(QPen(QColor("#9a9a9a"), 1, Qt.PenStyle.DashLine))
        painter.drawRect(self.rect().adjusted(0, 0, -1, -1))
        if self._blank_canvas and not self._read_only:
            painter.setPen(QColor("#b0b0b0"))
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.tr("请在此处签名"))
        painter.end()

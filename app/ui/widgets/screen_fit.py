"""Windows that fit the laptop in front of the user. Many union laptops are 1366×768 (or 1920×1080 at 150%,
which is 1280×720 logical pixels): a window asked for at a fixed 1280×800 pushes its status bar and its
action buttons below the screen edge. Every window and dialog goes through `fit_to_screen` (its preferred
size, never larger than the screen's available geometry), and an application-wide filter clamps any
top-level window that is shown (message boxes, file dialogs, dialogs that size themselves) to it too."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRect, QSize, Qt, QTimer
from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtWidgets import QApplication, QScrollArea, QWidget

# What window managers add around the client area (title bar and borders), kept free on every side
# so the frame, not just the client area, lies on the screen.
FRAME_WIDTH = 8
TITLE_HEIGHT = 32
# A screen this small or smaller gets a maximised main window rather than a window with a border.
SMALL_SCREEN = QSize(1440, 900)


def screen_of(widget: QWidget | None) -> QScreen:
    screen = widget.screen() if widget is not None else None
    if screen is None:
        parent = widget.parentWidget() if widget is not None else None
        screen = parent.screen() if parent is not None else None
    return screen or QGuiApplication.primaryScreen()


def available_geometry(widget: QWidget | None = None) -> QRect:
    """The part of the screen windows may use (without task bars and docks)."""
    return screen_of(widget).availableGeometry()


def usable_size(widget: QWidget | None = None) -> QSize:
    """The largest client size whose frame still lies inside the available geometry."""
    area = available_geometry(widget)
    return QSize(max(200, area.width() - 2 * FRAME_WIDTH), max(150, area.height() - TITLE_HEIGHT - FRAME_WIDTH))


def fit_to_screen(window: QWidget, width: int, height: int, *, maximise_on_small: bool = False) -> None:
    """Give a window its preferred size, shrunk to the screen, centred on it. The main window is
    maximised on small screens (`maximise_on_small`), where a border would only waste room."""
    area = available_geometry(window)
    usable = usable_size(window)
    size = QSize(min(width, usable.width()), min(height, usable.height()))
    minimum = window.minimumSize()
    if minimum.width() > usable.width() or minimum.height() > usable.height():
        window.setMinimumSize(min(minimum.width(), usable.width()), min(minimum.height(), usable.height()))
    window.resize(size)
    x = area.x() + max(FRAME_WIDTH, (area.width() - size.width()) // 2)
    y = area.y() + max(TITLE_HEIGHT, (area.height() - size.height()) // 2)
    window.move(x, y)
    if maximise_on_small and (area.width() <= SMALL_SCREEN.width() or area.height() <= SMALL_SCREEN.height()):
        window.setWindowState(window.windowState() | Qt.WindowState.WindowMaximized)


def clamp_to_screen(window: QWidget) -> None:
    """Shrink and move a shown window so that its frame lies inside the available geometry."""
    if window.isMaximized() or window.isFullScreen():
        return
    area = available_geometry(window)
    usable = usable_size(window)
    size = window.size()
    if size.width() > usable.width() or size.height() > usable.height():
        minimum = window.minimumSize()
        window.setMinimumSize(min(minimum.width(), usable.width()), min(minimum.height(), usable.height()))
        size = QSize(min(size.width(), usable.width()), min(size.height(), usable.height()))
        window.resize(size)
    frame = window.frameGeometry()
    extra_w = max(0, frame.width() - window.width())
    extra_h = max(0, frame.height() - window.height())
    left_margin = extra_w // 2 if extra_w else FRAME_WIDTH
    top_margin = (extra_h - extra_w // 2) if extra_h else TITLE_HEIGHT
    x = min(max(window.x(), area.left() + left_margin), area.right() + 1 - size.width() - left_margin)
    y = min(max(window.y(), area.top() + top_margin), area.bottom() + 1 - size.height() - FRAME_WIDTH)
    if (x, y) != (window.x(), window.y()):
        window.move(x, y)


def scrolling(content: QWidget) -> QScrollArea:
    """Content that may be taller than a small screen, in a scroll area that takes its width."""
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QScrollArea.Shape.NoFrame)
    area.setWidget(content)
    return area


class ScreenFitFilter(QObject):
    """Clamps every top-level window when it is shown, including those no code of ours sizes."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show and isinstance(watched, QWidget) and watched.isWindow():
            kind = watched.windowType()
            if kind not in (Qt.WindowType.ToolTip, Qt.WindowType.Popup, Qt.WindowType.SplashScreen):
                clamp_to_screen(watched)
                # Once the window manager has added its frame, check again.
                QTimer.singleShot(0, lambda w=watched: _clamp_later(w))
        return False


def _clamp_later(window: QWidget) -> None:
    try:
        if window.isVisible():
            clamp_to_screen(window)
    except RuntimeError:  # deleted meanwhile
        pass


_FILTER: ScreenFitFilter | None = None


def install_screen_fit(app: QApplication) -> None:
    """Once per application (idempotent)."""
    global _FILTER
    if _FILTER is None:
        _FILTER = ScreenFitFilter(app)
        app.installEventFilter(_FILTER)

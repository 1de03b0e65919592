"""Typing Chinese into widgets the way an input method does. QTest.keyClicks aborts on non-ASCII
characters, so tests commit text through QInputMethodEvent, which is what a real IME sends."""

from __future__ import annotations

from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QWidget


def type_text(widget: QWidget, text: str) -> None:
    widget.setFocus()
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)

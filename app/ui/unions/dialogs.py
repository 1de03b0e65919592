"""A small form dialog for the union pages: fields in a form layout, OK runs the save and keeps the
dialog open with one sentence when the input is refused, so nothing typed is lost."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)


def date_edit(day: QDate | None = None) -> QDateEdit:
    edit = QDateEdit(day or QDate.currentDate())
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    return edit


class FormDialog(QDialog):
    def __init__(
        self,
        title: str,
        rows: Sequence[tuple[str, QWidget]],
        save: Callable[[], str | None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self._save = save
        body = QWidget()
        form = QFormLayout(body)
        for label, widget in rows:
            form.addRow(label, widget)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        self.error = QLabel()
        self.error.setStyleSheet("color: #b91c1c;")
        self.error.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.try_accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        screen = self.screen().availableGeometry() if self.screen() else None
        height = min(520, int(screen.height() * 0.85)) if screen else 520
        self.resize(520, height)

    def try_accept(self) -> None:
        problem = self._save()
        if problem:
            self.error.setText(problem)
            return
        self.accept()

"""Date edits and the one-sentence error text that every dialog with dates and validation shares, so
each feature shows dates and bad input the same way."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDateEdit

from app.core.problems import ValidationError


def error_text(exc: Exception) -> str:
    """One sentence for the user: the problems of a ValidationError, else the error's own message."""
    if isinstance(exc, ValidationError):
        return "\n".join(p.message for p in exc.problems)
    return str(exc) or type(exc).__name__


def qdate(value: dt.date | None) -> QDate:
    day = value or dt.date.today()
    return QDate(day.year, day.month, day.day)


def pydate(edit: QDateEdit) -> dt.date:
    d = edit.date()
    return dt.date(d.year(), d.month(), d.day())


def date_edit(value: dt.date | None = None) -> QDateEdit:
    edit = QDateEdit(qdate(value))
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    return edit

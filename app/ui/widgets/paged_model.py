"""The base of every long list: a Qt table model over a count query and a page query, fetching a page
at a time as the view scrolls, so a list of 100,000 rows opens as fast as one of 100."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from app.store.db import Database

Index = QModelIndex | QPersistentModelIndex

# Row colours every list uses the same way: overdue in red, waiting in amber.
RED = QColor("#b91c1c")
AMBER = QColor("#b45309")


class PagedTableModel(QAbstractTableModel):
    """Subclasses set `columns` (key, header) and implement `_count` and `_page` over their filter."""

    ID_ROLE = Qt.ItemDataRole.UserRole + 1
    page_size = 200
    # A list whose `_count` stops at count_cap + 1 (a broad search at city scale) sets this: the total is
    # then "more than count_cap" until the last page arrives or `count_exactly` is called.
    count_cap: int | None = None

    def __init__(self, db: Database, flt: Any, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._filter = flt
        self._rows: list[dict[str, Any]] = []
        self._total = 0
        self._exact = True
        self.columns: list[tuple[str, str]] = []

    def _count(self, session: Any, flt: Any) -> int:
        raise NotImplementedError

    def _page(self, session: Any, flt: Any, offset: int, limit: int) -> list[dict[str, Any]]:
        raise NotImplementedError

    def _count_exact(self, session: Any, flt: Any) -> int:
        """The exact count, for lists with a `count_cap` (the plain `_count` otherwise)."""
        return self._count(session, flt)

    def _prepare(self, session: Any) -> None:
        """Hook: reads what the rows are shown with (names for ids...) in the reload's own session."""

    @property
    def total(self) -> int:
        return self._total

    @property
    def total_exact(self) -> bool:
        """False while `total` only says "more than count_cap" (shown as such, e.g. "超过 5,000 家")."""
        return self._exact

    def count_exactly(self) -> int:
        """Counts every match when the user asks (a broad search reads all its hits: a second or so at
        300,000 rows, never done unasked)."""
        with self._db.read() as session:
            total = self._count_exact(session, self._filter)
        self._total, self._exact = max(total, len(self._rows)), True
        return self._total

    @property
    def filter(self) -> Any:
        return self._filter

    def set_filter(self, flt: Any) -> None:
        self._filter = flt
        self.reload()

    def reload(self) -> None:
        self.beginResetModel()
        with self._db.read() as session:
            self._total = self._count(session, self._filter)
            self._exact = self.count_cap is None or self._total <= self.count_cap
            self._rows = self._page(session, self._filter, 0, self.page_size)
            if not self._exact and len(self._rows) < self.page_size:
                self._total, self._exact = len(self._rows), True
            elif not self._exact:  # a first page longer than the cap: there may be more after it
                self._total = max(self._total, len(self._rows) + 1)
            self._prepare(session)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:
        return not parent.isValid() and len(self._rows) < self._total

    def fetchMore(self, parent: Index = QModelIndex()) -> None:
        if parent.isValid():
            return
        with self._db.read() as session:
            more = self._page(session, self._filter, len(self._rows), self.page_size)
        if not more:  # rows vanished since the count: stop asking
            self._total, self._exact = len(self._rows), True
            return
        self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows) + len(more) - 1)
        self._rows.extend(more)
        if not self._exact:  # past the capped count: a full page means there may be more
            if len(more) < self.page_size:
                self._total, self._exact = len(self._rows), True
            else:
                self._total = max(self._total, len(self._rows) + 1)
        self.endInsertRows()

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.columns[section][1]
        return None

    def row_at(self, row: int) -> dict[str, Any]:
        return self._rows[row]

    def column_of(self, key: str) -> int | None:
        """The column showing this field, if any (lists link their enterprise column to its file)."""
        return next((i for i, (k, _title) in enumerate(self.columns) if k == key), None)

    def find_row(self, row_id: str) -> int:
        return next((i for i, r in enumerate(self._rows) if r["id"] == row_id), -1)


def selected_id(view: Any, model: PagedTableModel) -> str | None:
    rows = view.selectionModel().selectedRows() if view.selectionModel() else []
    if not rows:
        return None
    return str(model.row_at(rows[0].row())["id"])

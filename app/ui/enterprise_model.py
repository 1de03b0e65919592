"""The enterprise list as a Qt model over a query: rows are fetched a page at a time as the view
scrolls, so 100,000 enterprises open as fast as 100."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from app.core.enterprise import UNION_STATUS_LABELS, UnionStatus
from app.store import enterprises
from app.store.db import Database

PAGE_SIZE = 200
Index = QModelIndex | QPersistentModelIndex


class EnterpriseTableModel(QAbstractTableModel):
    COLUMNS: tuple[tuple[str, str], ...] = (
        ("name", "企业名称"),
        ("credit_code", "统一社会信用代码"),
        ("grid_name", "网格"),
        ("headcount", "职工人数"),
        ("union_status", "建会状态"),
        ("member_count", "会员人数"),
        ("last_visit", "最近走访"),
        ("address", "地址"),
    )
    ID_ROLE = Qt.ItemDataRole.UserRole + 1

    def __init__(self, db: Database, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._filter = enterprises.EnterpriseFilter()
        self._rows: list[dict[str, Any]] = []
        self._total = 0
        self._sort = "name"
        self._descending = False

    @property
    def total(self) -> int:
        return self._total

    def set_filter(self, flt: enterprises.EnterpriseFilter) -> None:
        self._filter = flt
        self.reload()

    def reload(self) -> None:
        self.beginResetModel()
        with self._db.read() as session:
            self._total = enterprises.count(session, self._filter)
            self._rows = enterprises.page(session, self._filter, 0, PAGE_SIZE, self._sort, self._descending)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.COLUMNS)

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:
        return not parent.isValid() and len(self._rows) < self._total

    def fetchMore(self, parent: Index = QModelIndex()) -> None:
        if parent.isValid():
            return
        with self._db.read() as session:
            more = enterprises.page(session, self._filter, len(self._rows), PAGE_SIZE, self._sort, self._descending)
        if not more:
            self._total = len(self._rows)
            return
        self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows) + len(more) - 1)
        self._rows.extend(more)
        self.endInsertRows()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self._sort = self.COLUMNS[column][0]
        self._descending = order == Qt.SortOrder.DescendingOrder
        self.reload()

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.COLUMNS[section][1]
        return None

    def row_at(self, row: int) -> dict[str, Any]:
        return self._rows[row]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        record = self._rows[index.row()]
        key = self.COLUMNS[index.column()][0]
        value = record.get(key)
        if role == Qt.ItemDataRole.DisplayRole:
            if key == "union_status":
                try:
                    return UNION_STATUS_LABELS[UnionStatus(str(value))]
                except ValueError:
                    return value
            return "" if value is None else str(value)
        if role == self.ID_ROLE:
            return record["id"]
        if role == Qt.ItemDataRole.ToolTipRole and key == "credit_code":
            status = record.get("credit_code_status")
            if status == "bad_check":
                return "校验位不符，请与营业执照核对"
            if status == "missing":
                return "未登记统一社会信用代码"
        if role == Qt.ItemDataRole.ForegroundRole:
            if key == "credit_code" and record.get("credit_code_status") == "bad_check":
                return QBrush(QColor("#b45309"))
            if key == "union_status" and value == UnionStatus.NONE.value and (record.get("headcount") or 0) >= self._filter.target_threshold:
                return QBrush(QColor("#b91c1c"))
        if role == Qt.ItemDataRole.TextAlignmentRole and key in {"headcount", "member_count"}:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

"""The visits of one enterprise, newest first, as a table model."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor
from sqlmodel import select

from app.store import visits
from app.store.db import Database
from app.store.tables import Inspector

Index = QModelIndex | QPersistentModelIndex


class VisitTimelineModel(QAbstractTableModel):
    ID_ROLE = Qt.ItemDataRole.UserRole + 1

    def __init__(self, db: Database, enterprise_id: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._enterprise_id = enterprise_id
        self._rows: list[dict[str, Any]] = []
        self._headers = [self.tr("走访日期"), self.tr("状态"), self.tr("走访人"), self.tr("摘要")]
        self.reload()

    def reload(self) -> None:
        self.beginResetModel()
        with self._db.read() as session:
            names = {i.id: i.name for i in session.exec(select(Inspector)).all()}
            self._rows = [
                {
                    "id": v.id,
                    "date": v.visit_date.isoformat(),
                    "status": v.status,
                    "inspector": names.get(v.inspector_id or "", ""),
                    "summary": v.summary,
                }
                for v in visits.timeline(session, self._enterprise_id)
            ]
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        if role == self.ID_ROLE:
            return row["id"]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return row["date"]
            if column == 1:
                return self.tr("已提交") if row["status"] == "submitted" else self.tr("草稿")
            if column == 2:
                return row["inspector"]
            return row["summary"]
        if role == Qt.ItemDataRole.ForegroundRole and column == 1 and row["status"] != "submitted":
            return QBrush(QColor("#b45309"))
        return None

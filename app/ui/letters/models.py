"""Qt models and labels of the letter pages: the letter list fetched a page at a time from the
repository's list query, letters waiting too long in red, provisional numbers marked."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtGui import QBrush, QFont

from app.store import letters as letter_repo
from app.store.db import Database
from app.ui.widgets.paged_model import AMBER, RED, Index, PagedTableModel


def letter_kind_label(kind: str) -> str:
    labels = {
        "tips": QCoreApplication.translate("Letters", "提示函"),
        "opinion": QCoreApplication.translate("Letters", "意见书"),
        "advice": QCoreApplication.translate("Letters", "建议书"),
    }
    return labels.get(kind, kind)


def letter_status_label(status: str) -> str:
    labels = {
        "draft": QCoreApplication.translate("Letters", "草稿"),
        "issued": QCoreApplication.translate("Letters", "已发出"),
        "served": QCoreApplication.translate("Letters", "已送达"),
        "replied": QCoreApplication.translate("Letters", "已回复"),
        "closed": QCoreApplication.translate("Letters", "已办结"),
        "void": QCoreApplication.translate("Letters", "已作废"),
    }
    return labels.get(status, status)


def letter_number_text(number: str, provisional: bool) -> str:
    if not number:
        return QCoreApplication.translate("Letters", "（未编号）")
    if provisional:
        return number + QCoreApplication.translate("Letters", "［临时编号］")
    return number


class LetterTableModel(PagedTableModel):
    @staticmethod
    def _waiting_too_long(record: dict[str, Any]) -> bool:
        """Issued or served, and the matter's reply deadline (set from this letter) has passed."""
        due = record.get("matter_deadline")
        return record.get("status") in ("issued", "served") and bool(due) and str(due) < dt.date.today().isoformat()

    def __init__(self, db: Database, flt: letter_repo.LetterFilter | None = None, parent: QObject | None = None) -> None:
        super().__init__(db, flt or letter_repo.LetterFilter(), parent)
        self.columns = [
            ("number", QCoreApplication.translate("Letters", "文号")),
            ("kind", QCoreApplication.translate("Letters", "类型")),
            ("enterprise_name", QCoreApplication.translate("Letters", "企业")),
            ("addressee", QCoreApplication.translate("Letters", "主送")),
            ("status", QCoreApplication.translate("Letters", "状态")),
            ("issued_on", QCoreApplication.translate("Letters", "发出日期")),
            ("served_on", QCoreApplication.translate("Letters", "送达日期")),
            ("replied_on", QCoreApplication.translate("Letters", "回复日期")),
            ("closed_on", QCoreApplication.translate("Letters", "办结日期")),
        ]

    def _count(self, session: Any, flt: Any) -> int:
        return letter_repo.count(session, flt)

    def _page(self, session: Any, flt: Any, offset: int, limit: int) -> list[dict[str, Any]]:
        return letter_repo.page(session, flt, offset, limit, sort="updated_at")

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        record = self._rows[index.row()]
        key = self.columns[index.column()][0]
        value = record.get(key)
        provisional = bool(record.get("number_provisional"))
        if role == Qt.ItemDataRole.DisplayRole:
            if key == "number":
                return letter_number_text(str(value or ""), provisional)
            if key == "kind":
                return letter_kind_label(str(value))
            if key == "status":
                return letter_status_label(str(value))
            return "" if value is None else str(value)
        if role == self.ID_ROLE:
            return record["id"]
        if role == Qt.ItemDataRole.ForegroundRole and self._waiting_too_long(record):
            return QBrush(RED)
        if role == Qt.ItemDataRole.ToolTipRole and self._waiting_too_long(record) and key != "number":
            return QCoreApplication.translate("Letters", "答复期限已过，尚未收到回复")
        if key == "number" and provisional:
            if role == Qt.ItemDataRole.ForegroundRole:
                return QBrush(AMBER)
            if role == Qt.ItemDataRole.FontRole:
                font = QFont()
                font.setItalic(True)
                return font
            if role == Qt.ItemDataRole.ToolTipRole:
                return QCoreApplication.translate("Letters", "临时编号：同步领取号段后将自动换为正式文号")
        return None

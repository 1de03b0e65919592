"""Qt models and labels shared by the matter and letter pages: lists fetched a page at a time from the
repositories' list queries, overdue matters in red, provisional numbers marked."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QObject,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont

from app.catalog import load_catalog
from app.store import letters as letter_repo
from app.store import matters as matter_repo
from app.store.db import Database
from app.ui.paged_model import Index, PagedTableModel

RED = QColor("#b91c1c")
AMBER = QColor("#b45309")


def matter_status_label(status: str) -> str:
    labels = {
        "open": QCoreApplication.translate("Matters", "待处理"),
        "letter_issued": QCoreApplication.translate("Matters", "已发函"),
        "rectifying": QCoreApplication.translate("Matters", "整改中"),
        "rectified": QCoreApplication.translate("Matters", "已整改（已核实）"),
        "closed": QCoreApplication.translate("Matters", "已办结"),
        "escalated": QCoreApplication.translate("Matters", "已移送"),
    }
    return labels.get(status, status)


def matter_source_label(source: str) -> str:
    labels = {
        "visit": QCoreApplication.translate("Matters", "走访发现"),
        "hotline": QCoreApplication.translate("Matters", "12351热线工单"),
        "informant": QCoreApplication.translate("Matters", "群众反映"),
    }
    return labels.get(source, source)


def matter_action_label(action: str) -> str:
    labels = {
        "create": QCoreApplication.translate("Matters", "登记"),
        "edit": QCoreApplication.translate("Matters", "修改"),
        "letter_drafted": QCoreApplication.translate("Matters", "起草函件"),
        "letter_issued": QCoreApplication.translate("Matters", "发函"),
        "letter_served": QCoreApplication.translate("Matters", "函件送达"),
        "letter_replied": QCoreApplication.translate("Matters", "函件回复"),
        "letter_closed": QCoreApplication.translate("Matters", "函件办结"),
        "letter_void": QCoreApplication.translate("Matters", "作废草稿"),
        "start_rectifying": QCoreApplication.translate("Matters", "单位承诺整改"),
        "verify": QCoreApplication.translate("Matters", "核实已整改"),
        "escalate": QCoreApplication.translate("Matters", "移送有关部门"),
        "close": QCoreApplication.translate("Matters", "办结"),
        "dismiss": QCoreApplication.translate("Matters", "不予立项"),
        "reopen": QCoreApplication.translate("Matters", "复查未通过"),
    }
    return labels.get(action, action)


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


class MatterTableModel(PagedTableModel):
    def __init__(self, db: Database, flt: matter_repo.MatterFilter | None = None, parent: QObject | None = None) -> None:
        super().__init__(db, flt or matter_repo.MatterFilter(), parent)
        self._catalog = load_catalog()
        self.columns = [
            ("opened_on", QCoreApplication.translate("Matters", "登记日期")),
            ("enterprise_name", QCoreApplication.translate("Matters", "企业")),
            ("category", QCoreApplication.translate("Matters", "类别")),
            ("title", QCoreApplication.translate("Matters", "事项")),
            ("source", QCoreApplication.translate("Matters", "来源")),
            ("status", QCoreApplication.translate("Matters", "状态")),
            ("deadline", QCoreApplication.translate("Matters", "期限")),
            ("letters", QCoreApplication.translate("Matters", "函件")),
            ("grid_name", QCoreApplication.translate("Matters", "网格")),
        ]

    def _count(self, session: Any, flt: Any) -> int:
        return matter_repo.count(session, flt)

    def _page(self, session: Any, flt: Any, offset: int, limit: int) -> list[dict[str, Any]]:
        return matter_repo.page(session, flt, offset, limit)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        record = self._rows[index.row()]
        key = self.columns[index.column()][0]
        value = record.get(key)
        if role == Qt.ItemDataRole.DisplayRole:
            if key == "category":
                return self._catalog.label(str(value))
            if key == "status":
                text = matter_status_label(str(value))
                return text + QCoreApplication.translate("Matters", "（已逾期）") if record.get("overdue") else text
            if key == "source":
                return matter_source_label(str(value))
            return "" if value is None else str(value)
        if role == self.ID_ROLE:
            return record["id"]
        if role == Qt.ItemDataRole.ForegroundRole and record.get("overdue"):
            return QBrush(RED)
        if role == Qt.ItemDataRole.ToolTipRole and record.get("overdue"):
            return QCoreApplication.translate("Matters", "已超过期限仍未整改到位")
        return None


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


def selected_id(view: Any, model: PagedTableModel) -> str | None:
    rows = view.selectionModel().selectedRows() if view.selectionModel() else []
    if not rows:
        return None
    return str(model.row_at(rows[0].row())["id"])


Refresher = Callable[[str], None]

"""Qt models and labels of the matter pages: the matter list fetched a page at a time from the repository's
list query, overdue matters in red."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QObject,
    Qt,
)
from PySide6.QtGui import QBrush

from app.catalog import load_catalog
from app.store import matters as matter_repo
from app.store.db import Database
from app.ui.widgets.paged_model import RED, Index, PagedTableModel


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


Refresher = Callable[[str], None]

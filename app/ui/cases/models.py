"""Table models of the network's lists, all on the one paged model."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtGui import QBrush, QColor

from app.catalog import load_catalog
from app.store import cases as case_repo
from app.store import referrals as referral_repo
from app.store.db import Database
from app.ui.cases import labels
from app.ui.widgets.paged_model import Index, PagedTableModel

RED = QColor(200, 30, 30)



class CaseTableModel(PagedTableModel):
    def __init__(self, db: Database, flt: case_repo.CaseFilter | None = None, parent: QObject | None = None) -> None:
        super().__init__(db, flt or case_repo.CaseFilter(), parent)
        self._catalog = load_catalog()
        self.columns = [
            ("number", QCoreApplication.translate("Cases", "案件编号")), ("kind", QCoreApplication.translate("Cases", "类型")), ("received_on", QCoreApplication.translate("Cases", "受理日期")), ("employer", QCoreApplication.translate("Cases", "用人单位")),
            ("category", QCoreApplication.translate("Cases", "类别")), ("parties", QCoreApplication.translate("Cases", "当事人")), ("workers_involved", QCoreApplication.translate("Cases", "人数")),
            ("amount_claimed", QCoreApplication.translate("Cases", "请求金额（元）")), ("amount_recovered", QCoreApplication.translate("Cases", "追回金额（元）")), ("mediator", QCoreApplication.translate("Cases", "调解员/律师")),
            ("status", QCoreApplication.translate("Cases", "状态")), ("grid_name", QCoreApplication.translate("Cases", "网格")),
        ]

    def _count(self, session: Any, flt: Any) -> int:
        return case_repo.count(session, flt)

    def _page(self, session: Any, flt: Any, offset: int, limit: int) -> list[dict[str, Any]]:
        return case_repo.page(session, flt, offset, limit)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        record = self._rows[index.row()]
        key = self.columns[index.column()][0]
        value = record.get(key)
        if role == Qt.ItemDataRole.DisplayRole:
            if key == "kind":
                return labels.kind_label(str(value))
            if key == "status":
                text = labels.status_label(str(value))
                if value == "closed" and record.get("outcome"):
                    text += f"（{labels.outcome_label(str(record['outcome']))}）"
                return text
            if key == "category":
                return self._catalog.label(str(value)) if value else ""
            if key in ("amount_claimed", "amount_recovered"):
                return labels.yuan(value)
            return "" if value is None else str(value)
        if role == self.ID_ROLE:
            return record["id"]
        if role == Qt.ItemDataRole.TextAlignmentRole and key in ("amount_claimed", "amount_recovered", "workers_involved"):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class ReceptionTableModel(PagedTableModel):
    def __init__(self, db: Database, pending_only: bool = False, parent: QObject | None = None) -> None:
        super().__init__(db, pending_only, parent)
        self._catalog = load_catalog()
        self.columns = [
            ("received_at", QCoreApplication.translate("Cases", "接待时间")), ("place", QCoreApplication.translate("Cases", "地点")), ("person", QCoreApplication.translate("Cases", "来访职工")), ("phone", QCoreApplication.translate("Cases", "电话")),
            ("employer", QCoreApplication.translate("Cases", "反映的单位")), ("category", QCoreApplication.translate("Cases", "类别")), ("outcome", QCoreApplication.translate("Cases", "处理")),
        ]

    def _count(self, session: Any, flt: Any) -> int:
        return case_repo.reception_count(session, bool(flt))

    def _page(self, session: Any, flt: Any, offset: int, limit: int) -> list[dict[str, Any]]:
        return case_repo.reception_page(session, bool(flt), offset, limit)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        record = self._rows[index.row()]
        key = self.columns[index.column()][0]
        value = record.get(key)
        if role == Qt.ItemDataRole.DisplayRole:
            if key == "outcome":
                return labels.reception_outcome_label(str(value))
            if key == "category":
                return self._catalog.label(str(value)) if value else ""
            if key == "received_at":
                return str(value)[:16]
            return "" if value is None else str(value)
        if role == self.ID_ROLE:
            return record["id"]
        return None


class ReferralTableModel(PagedTableModel):
    def __init__(self, db: Database, flt: referral_repo.ReferralFilter | None = None, parent: QObject | None = None) -> None:
        super().__init__(db, flt or referral_repo.ReferralFilter(), parent)
        self.columns = [
            ("sent_on", QCoreApplication.translate("Cases", "移送日期")), ("department", QCoreApplication.translate("Cases", "部门")), ("source_table", QCoreApplication.translate("Cases", "来源")), ("subject", QCoreApplication.translate("Cases", "事由")),
            ("due_on", QCoreApplication.translate("Cases", "办理期限")), ("status", QCoreApplication.translate("Cases", "状态")), ("answered_on", QCoreApplication.translate("Cases", "答复日期")), ("result", QCoreApplication.translate("Cases", "处理结果")),
        ]

    def _count(self, session: Any, flt: Any) -> int:
        return referral_repo.count(session, flt)

    def _page(self, session: Any, flt: Any, offset: int, limit: int) -> list[dict[str, Any]]:
        return referral_repo.page(session, flt, offset, limit)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        record = self._rows[index.row()]
        key = self.columns[index.column()][0]
        value = record.get(key)
        if role == Qt.ItemDataRole.DisplayRole:
            if key == "status":
                text = labels.referral_status_label(str(value))
                return text + QCoreApplication.translate("Cases", "（已逾期）") if record.get("overdue") else text
            if key == "source_table":
                return labels.source_label(str(value))
            return "" if value is None else str(value)
        if role == self.ID_ROLE:
            return record["id"]
        if role == Qt.ItemDataRole.ForegroundRole and record.get("overdue"):
            return QBrush(RED)
        return None


class ListModel(PagedTableModel):
    """A computed list (risk scores, figures) shown a page at a time like every other list: `rows`
    is recomputed by `load` and paged from memory."""

    def __init__(self, db: Database, columns: list[tuple[str, str]], load: Callable[[Any], list[dict[str, Any]]],
                 parent: QObject | None = None, format_value: Callable[[str, Any], str] | None = None) -> None:
        super().__init__(db, None, parent)
        self.columns = columns
        self._load = load
        self._all: list[dict[str, Any]] = []
        self._format = format_value

    def _count(self, session: Any, flt: Any) -> int:
        self._all = self._load(session)
        return len(self._all)

    def _page(self, session: Any, flt: Any, offset: int, limit: int) -> list[dict[str, Any]]:
        return self._all[offset:offset + limit]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        record = self._rows[index.row()]
        key = self.columns[index.column()][0]
        value = record.get(key)
        if role == Qt.ItemDataRole.DisplayRole:
            if self._format is not None:
                return self._format(key, value)
            return "" if value is None else str(value)
        if role == self.ID_ROLE:
            return record.get("id")
        if role == Qt.ItemDataRole.ForegroundRole and record.get("level") == "high":
            return QBrush(RED)
        return None

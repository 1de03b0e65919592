"""The enterprise list as a Qt model over the enterprise query, sortable by any column."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtGui import QBrush, QColor

from app.core.enterprise import UnionStatus
from app.store import enterprises
from app.store.db import Database
from app.ui.widgets.paged_model import Index, PagedTableModel


def union_status_label(status: str) -> str:
    labels = {
        UnionStatus.NONE.value: QCoreApplication.translate("Enterprise", "未建会"),
        UnionStatus.PREPARING.value: QCoreApplication.translate("Enterprise", "筹建中"),
        UnionStatus.ESTABLISHED.value: QCoreApplication.translate("Enterprise", "已建会"),
    }
    return labels.get(status, status)


def registration_label(status: str) -> str:
    """登记状态 of an enterprise that no longer operates here; "" for an active one."""
    labels = {
        "deregistered": QCoreApplication.translate("Enterprise", "已注销"),
        "revoked": QCoreApplication.translate("Enterprise", "已吊销"),
        "moved_out": QCoreApplication.translate("Enterprise", "已迁出"),
    }
    return labels.get(status, "")


class EnterpriseTableModel(PagedTableModel):
    count_cap = enterprises.COUNT_CAP
    COLUMN_KEYS: tuple[str, ...] = (
        "name",
        "credit_code",
        "grid_name",
        "headcount",
        "union_status",
        "member_count",
        "last_visit",
        "address",
    )

    def __init__(self, db: Database, parent: QObject | None = None) -> None:
        super().__init__(db, enterprises.EnterpriseFilter(), parent)
        headers = (
            self.tr("企业名称"),
            self.tr("统一社会信用代码"),
            self.tr("网格"),
            self.tr("职工人数"),
            self.tr("建会状态"),
            self.tr("会员人数"),
            self.tr("最近走访"),
            self.tr("地址"),
        )
        self.columns = list(zip(self.COLUMN_KEYS, headers, strict=True))
        self._sort = "name"
        self._descending = False

    def _count(self, session: Any, flt: enterprises.EnterpriseFilter) -> int:
        return enterprises.count_upto(session, flt, enterprises.COUNT_CAP)

    def _count_exact(self, session: Any, flt: enterprises.EnterpriseFilter) -> int:
        return enterprises.count(session, flt)

    def _page(self, session: Any, flt: enterprises.EnterpriseFilter, offset: int, limit: int) -> list[dict[str, Any]]:
        # By name, the next page continues after the last row shown (its key), not by skipping rows.
        last = self._rows[offset - 1] if 0 < offset <= len(self._rows) else None
        after = (last["_key"], last["_rid"]) if last is not None and "_key" in last else None
        return enterprises.page(session, flt, offset, limit, self._sort, self._descending, after=after)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self._sort = self.COLUMN_KEYS[column]
        self._descending = order == Qt.SortOrder.DescendingOrder
        self.reload()

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        record = self._rows[index.row()]
        key = self.COLUMN_KEYS[index.column()]
        value = record.get(key)
        if role == Qt.ItemDataRole.DisplayRole:
            if key == "union_status":
                gone = registration_label(str(record.get("registration_status") or ""))
                return union_status_label(str(value)) + (f"（{gone}）" if gone else "")
            return "" if value is None else str(value)
        if role == self.ID_ROLE:
            return record["id"]
        if role == Qt.ItemDataRole.ToolTipRole and key == "union_status" and record.get("business_abnormal"):
            return self.tr("列入经营异常名录")
        if role == Qt.ItemDataRole.ToolTipRole and key == "credit_code":
            status = record.get("credit_code_status")
            if status == "bad_check":
                return self.tr("校验位不符，请与营业执照核对")
            if status == "missing":
                return self.tr("未登记统一社会信用代码")
        if role == Qt.ItemDataRole.ForegroundRole:
            if key == "credit_code" and record.get("credit_code_status") == "bad_check":
                return QBrush(QColor("#b45309"))
            if key == "union_status" and registration_label(str(record.get("registration_status") or "")):
                return QBrush(QColor("#6b7280"))  # no longer operates here: never a target
            if key == "union_status" and value == UnionStatus.NONE.value and (record.get("headcount") or 0) >= self._filter.target_threshold:
                return QBrush(QColor("#b91c1c"))
        if role == Qt.ItemDataRole.TextAlignmentRole and key in {"headcount", "member_count"}:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

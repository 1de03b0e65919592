"""Table models of the legislative contact point's lists, on the one paged model, and the labels they
show."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtGui import QBrush, QColor

from app.store import legislation as repo
from app.store.db import Database
from app.ui.widgets.paged_model import Index, PagedTableModel

GREEN = QColor("#15803d")
GREY = QColor("#6b6b6b")


def suggestion_status_label(status: str) -> str:
    labels = {
        "collected": QCoreApplication.translate("Legislation", "已收集"),
        "summarised": QCoreApplication.translate("Legislation", "已归纳"),
        "sent": QCoreApplication.translate("Legislation", "已报送"),
        "adopted": QCoreApplication.translate("Legislation", "已采纳"),
        "partly_adopted": QCoreApplication.translate("Legislation", "部分采纳"),
        "not_adopted": QCoreApplication.translate("Legislation", "未采纳"),
    }
    return labels.get(status, status)


def source_label(kind: str) -> str:
    labels = {
        "task": QCoreApplication.translate("Legislation", "征询任务"),
        "meeting": QCoreApplication.translate("Legislation", "座谈会议"),
        "questionnaire": QCoreApplication.translate("Legislation", "问卷"),
        "visit": QCoreApplication.translate("Legislation", "走访"),
        "other": QCoreApplication.translate("Legislation", "其他"),
    }
    return labels.get(kind, kind)


def meeting_kind_label(kind: str) -> str:
    labels = {
        "hearing": QCoreApplication.translate("Legislation", "意见征询会"),
        "expert": QCoreApplication.translate("Legislation", "专家解读会"),
        "area": QCoreApplication.translate("Legislation", "片区征询"),
        "exchange": QCoreApplication.translate("Legislation", "基层交流会"),
    }
    return labels.get(kind, kind)


def target_kind_label(kind: str) -> str:
    labels = {
        "informant": QCoreApplication.translate("Legislation", "立法信息员"),
        "unit": QCoreApplication.translate("Legislation", "联系单位"),
        "point": QCoreApplication.translate("Legislation", "采集点"),
    }
    return labels.get(kind, kind)


def consultation_status_label(status: str) -> str:
    labels = {
        "open": QCoreApplication.translate("Legislation", "征询中"),
        "summarised": QCoreApplication.translate("Legislation", "已汇总"),
        "sent": QCoreApplication.translate("Legislation", "已报送"),
        "closed": QCoreApplication.translate("Legislation", "已结束"),
    }
    return labels.get(status, status)


def masked_phone(phone: str) -> str:
    digits = phone.strip()
    return digits[:3] + "****" + digits[-4:] if len(digits) >= 11 else ("****" if digits else "")


def _short(text: str, limit: int = 60) -> str:
    one = " ".join(str(text).split())
    return one if len(one) <= limit else one[: limit - 1] + "…"


class _Model(PagedTableModel):
    def _display(self, key: str, value: Any, record: dict[str, Any]) -> str:
        return "" if value is None else str(value)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        record = self._rows[index.row()]
        key = self.columns[index.column()][0]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(key, record.get(key), record)
        if role == self.ID_ROLE:
            return record["id"]
        return self._extra(key, record, role)

    def _extra(self, key: str, record: dict[str, Any], role: int) -> Any:
        return None


class ConsultationModel(_Model):
    def __init__(self, db: Database, parent: QObject | None = None) -> None:
        super().__init__(db, repo.ConsultationFilter(), parent)
        self.columns = [
            ("title", QCoreApplication.translate("Legislation", "草案名称")),
            ("issuing_body", QCoreApplication.translate("Legislation", "征询机关")),
            ("received_on", QCoreApplication.translate("Legislation", "收到日期")),
            ("deadline", QCoreApplication.translate("Legislation", "反馈截止")),
            ("status", QCoreApplication.translate("Legislation", "状态")),
            ("tasks", QCoreApplication.translate("Legislation", "任务（收回/发出）")),
            ("meetings", QCoreApplication.translate("Legislation", "会议")),
            ("suggestions", QCoreApplication.translate("Legislation", "建议")),
        ]

    def _count(self, session: Any, flt: Any) -> int:
        return repo.count_consultations(session, flt)

    def _page(self, session: Any, flt: Any, offset: int, limit: int) -> list[dict[str, Any]]:
        return repo.page_consultations(session, flt, offset, limit)

    def _display(self, key: str, value: Any, record: dict[str, Any]) -> str:
        if key == "status":
            return consultation_status_label(str(value))
        if key == "tasks":
            return f"{record.get('returned', 0)}/{value}"
        return super()._display(key, value, record)


class SuggestionModel(_Model):
    def __init__(self, db: Database, parent: QObject | None = None) -> None:
        super().__init__(db, repo.SuggestionFilter(), parent)
        self.columns = [
            ("collected_on", QCoreApplication.translate("Legislation", "收集日期")),
            ("consultation", QCoreApplication.translate("Legislation", "草案")),
            ("article", QCoreApplication.translate("Legislation", "条款")),
            ("content", QCoreApplication.translate("Legislation", "建议内容")),
            ("source_kind", QCoreApplication.translate("Legislation", "来源")),
            ("informant", QCoreApplication.translate("Legislation", "信息员")),
            ("status", QCoreApplication.translate("Legislation", "状态")),
            ("sent_number", QCoreApplication.translate("Legislation", "报送文号")),
            ("outcome_law", QCoreApplication.translate("Legislation", "采纳情况")),
        ]

    def _count(self, session: Any, flt: Any) -> int:
        return repo.count_suggestions(session, flt)

    def _page(self, session: Any, flt: Any, offset: int, limit: int) -> list[dict[str, Any]]:
        return repo.page_suggestions(session, flt, offset, limit)

    def _display(self, key: str, value: Any, record: dict[str, Any]) -> str:
        if key == "content":
            prefix = QCoreApplication.translate("Legislation", "【归纳{0}条】").format(record.get("source_count", 0)) \
                if record.get("is_summary") else ""
            return prefix + _short(str(value or ""))
        if key == "source_kind":
            return source_label(str(value))
        if key == "status":
            return suggestion_status_label(str(value))
        if key == "outcome_law":
            law = str(value or "")
            return f"《{law}》{record.get('outcome_article') or ''}" if law else ""
        return super()._display(key, value, record)

    def _extra(self, key: str, record: dict[str, Any], role: int) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole:
            if record.get("status") in ("adopted", "partly_adopted"):
                return QBrush(GREEN)
            if record.get("status") == "summarised":
                return QBrush(GREY)
        if role == Qt.ItemDataRole.ToolTipRole and key == "content":
            return str(record.get("content") or "")
        return None


class InformantModel(_Model):
    def __init__(self, db: Database, parent: QObject | None = None) -> None:
        super().__init__(db, repo.InformantFilter(), parent)
        self.columns = [
            ("name", QCoreApplication.translate("Legislation", "姓名")),
            ("field_of_work", QCoreApplication.translate("Legislation", "从事领域")),
            ("unit", QCoreApplication.translate("Legislation", "联系单位")),
            ("point", QCoreApplication.translate("Legislation", "采集点")),
            ("town", QCoreApplication.translate("Legislation", "镇街/园区")),
            ("phone", QCoreApplication.translate("Legislation", "电话")),
            ("tasks", QCoreApplication.translate("Legislation", "任务（反馈/发出）")),
            ("suggestions", QCoreApplication.translate("Legislation", "建议")),
        ]

    def _count(self, session: Any, flt: Any) -> int:
        return repo.count_informants(session, flt)

    def _page(self, session: Any, flt: Any, offset: int, limit: int) -> list[dict[str, Any]]:
        return repo.page_informants(session, flt, offset, limit)

    def _display(self, key: str, value: Any, record: dict[str, Any]) -> str:
        if key == "phone":
            return masked_phone(str(value or ""))
        if key == "tasks":
            return f"{record.get('returned', 0)}/{value}"
        return super()._display(key, value, record)

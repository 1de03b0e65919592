"""The long lists of union building on the shared paged model: unions, members (ID numbers masked by
the store), service requests (overdue in red) and friendly partners."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QBrush, QColor

from app.core import unions as rules
from app.store.db import Database
from app.store.unions import members, orgs, partners, services
from app.ui.unions import labels
from app.ui.widgets.paged_model import Index, PagedTableModel


class _Model(PagedTableModel):
    def __init__(self, db: Database, flt: Any, parent: QObject | None = None) -> None:
        super().__init__(db, flt, parent)
        self.decoders: dict[str, dict[str, str]] = {}

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        record = self._rows[index.row()]
        key = self.columns[index.column()][0]
        value = record.get(key)
        if role == Qt.ItemDataRole.DisplayRole:
            return self.display(key, value, record)
        if role == self.ID_ROLE:
            return record["id"]
        if role == Qt.ItemDataRole.ForegroundRole:
            return self.colour(key, record)
        return None

    def display(self, key: str, value: Any, record: dict[str, Any]) -> str:
        if key in self.decoders:
            return self.decoders[key].get(str(value), str(value or ""))
        if isinstance(value, bool):
            return self.tr("是") if value else self.tr("否")
        return "" if value is None else str(value)

    def colour(self, key: str, record: dict[str, Any]) -> Any:
        return None


class UnionTableModel(_Model):
    def __init__(self, db: Database, parent: QObject | None = None) -> None:
        super().__init__(db, orgs.UnionFilter(), parent)
        self.columns = [
            ("name", self.tr("工会名称")),
            ("form", self.tr("组织形式")),
            ("grid_name", self.tr("网格")),
            ("status", self.tr("建会状态")),
            ("current_step", self.tr("当前步骤")),
            ("founded_on", self.tr("批复日期")),
            ("units", self.tr("覆盖单位")),
            ("members", self.tr("会员人数")),
            ("last_check_percent", self.tr("年度体检得分")),
        ]
        self.decoders = {"form": labels.form_labels(), "status": labels.status_labels(), "current_step": labels.step_labels()}

    def _count(self, session: Any, flt: orgs.UnionFilter) -> int:
        return orgs.count(session, flt)

    def _page(self, session: Any, flt: orgs.UnionFilter, offset: int, limit: int) -> list[dict[str, Any]]:
        return orgs.page(session, flt, offset, limit)

    def colour(self, key: str, record: dict[str, Any]) -> Any:
        percent = record.get("last_check_percent")
        if key == "last_check_percent" and percent is not None and rules.is_slipping(int(percent)):
            return QBrush(QColor("#b91c1c"))
        return None


class MemberTableModel(_Model):
    def __init__(self, db: Database, parent: QObject | None = None) -> None:
        super().__init__(db, members.MemberFilter(), parent)
        self.columns = [
            ("member_name", self.tr("姓名")),
            ("id_number", self.tr("身份证号")),
            ("union_name", self.tr("所属工会")),
            ("enterprise_name", self.tr("工作单位")),
            ("key_group", self.tr("重点群体")),
            ("joined_on", self.tr("入会日期")),
            ("new_member", self.tr("新会员")),
        ]
        self.decoders = {"key_group": labels.group_labels()}

    def _count(self, session: Any, flt: members.MemberFilter) -> int:
        return members.count(session, flt)

    def _page(self, session: Any, flt: members.MemberFilter, offset: int, limit: int) -> list[dict[str, Any]]:
        return members.page(session, flt, offset, limit)


class ServiceTableModel(_Model):
    def __init__(self, db: Database, parent: QObject | None = None) -> None:
        super().__init__(db, services.ServiceFilter(), parent)
        self.columns = [
            ("requested_on", self.tr("请求日期")),
            ("enterprise_name", self.tr("企业")),
            ("kind", self.tr("服务类型")),
            ("provider", self.tr("提供方")),
            ("provider_detail", self.tr("具体提供者")),
            ("due_date", self.tr("办理时限")),
            ("status", self.tr("状态")),
            ("outcome", self.tr("办理结果")),
            ("grid_name", self.tr("网格")),
        ]
        self.decoders = {"status": labels.service_status_labels(), "provider": labels.provider_labels()}
        self.kind_names: dict[str, str] = {}
        self.today = dt.date.today()

    def _count(self, session: Any, flt: services.ServiceFilter) -> int:
        self.kind_names = services.kind_labels(session)
        return services.count(session, flt)

    def _page(self, session: Any, flt: services.ServiceFilter, offset: int, limit: int) -> list[dict[str, Any]]:
        return services.page(session, flt, offset, limit)

    def display(self, key: str, value: Any, record: dict[str, Any]) -> str:
        if key == "kind":
            return labels.service_kind_label(str(value), self.kind_names.get(str(value), ""))
        return super().display(key, value, record)

    def colour(self, key: str, record: dict[str, Any]) -> Any:
        due = record.get("due_date")
        day = due if isinstance(due, dt.date) or due is None else dt.date.fromisoformat(str(due)[:10])
        if key in {"due_date", "status"} and rules.is_service_overdue(str(record.get("status")), day, self.today):
            return QBrush(QColor("#b91c1c"))
        return None


class PartnerTableModel(_Model):
    def __init__(self, db: Database, parent: QObject | None = None) -> None:
        super().__init__(db, partners.PartnerFilter(), parent)
        self.columns = [
            ("name", self.tr("名称")),
            ("kind", self.tr("类型")),
            ("grid_name", self.tr("网格")),
            ("address", self.tr("地址")),
            ("offer", self.tr("优惠或服务")),
            ("hours", self.tr("营业时间")),
            ("valid_to", self.tr("有效期至")),
            ("uses", self.tr("使用人次")),
        ]
        self.decoders = {"kind": labels.partner_kind_labels()}

    def _count(self, session: Any, flt: partners.PartnerFilter) -> int:
        return partners.count(session, flt)

    def _page(self, session: Any, flt: partners.PartnerFilter, offset: int, limit: int) -> list[dict[str, Any]]:
        return partners.page(session, flt, offset, limit)

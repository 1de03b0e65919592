"""12351 hotline work orders and their history (the history is append-only: a row per action)."""

from __future__ import annotations

import datetime as dt

from pydantic import NaiveDatetime
from sqlmodel import Field

from app.store.tables.base import SyncedRow, register


@register
class WorkOrder(SyncedRow, table=True):
    """One call to the 12351 hotline as the office tracks it (times are local, as the office reads them). The caller's name and phone are personal
    data: lists show them masked, the audit log never records their values."""

    __tablename__ = "work_order"

    number: str = Field(index=True, max_length=40)
    received_at: NaiveDatetime = Field(index=True)
    caller_name: str = Field(default="", max_length=50)
    caller_phone: str = Field(default="", max_length=32)
    enterprise_id: str | None = Field(default=None, foreign_key="enterprise.id", index=True)
    enterprise_name: str = Field(default="", max_length=200)  # as the caller named it
    category: str = Field(max_length=16)  # 咨询类 | 求决类 | 意见建议类
    topic: str = Field(default="", max_length=100)
    content: str = Field(default="")
    level: str = Field(default="ordinary", max_length=16)  # ordinary | difficult | complex
    due_date: dt.date | None = Field(default=None, index=True)
    grid_id: str | None = Field(default=None, foreign_key="grid.id", index=True)
    status: str = Field(default="received", index=True, max_length=16)
    dispatched_at: NaiveDatetime | None = Field(default=None)
    reply: str = Field(default="")
    replied_at: NaiveDatetime | None = Field(default=None)
    callback_result: str = Field(default="")
    satisfaction: str = Field(default="", max_length=16)  # 满意 | 基本满意 | 不满意
    called_back_at: NaiveDatetime | None = Field(default=None)
    closed_at: NaiveDatetime | None = Field(default=None)
    matter_id: str | None = Field(default=None, index=True, max_length=36)


@register
class WorkOrderEvent(SyncedRow, table=True):
    """What happened to an order, by whom and when; written once, never edited."""

    __tablename__ = "work_order_event"

    work_order_id: str = Field(foreign_key="work_order.id", index=True)
    at: NaiveDatetime = Field()
    actor: str = Field(default="", max_length=64)
    action: str = Field(max_length=16)  # intake | dispatch | accept | reply | call_back | close | reopen | to_matter
    from_status: str = Field(default="", max_length=16)
    to_status: str = Field(default="", max_length=16)
    grid_id: str | None = Field(default=None, max_length=36)
    note: str = Field(default="")

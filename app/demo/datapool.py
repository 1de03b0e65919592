"""Sample data-pool history for the demo district: every enterprise as market regulation listed it,
a tax list that disagrees on a few headcounts (open conflicts to resolve), and the establishment
events of the unions already there."""

from __future__ import annotations

import datetime as dt
import json
import random
from typing import Any

from sqlmodel import Session, col, select

from app.core.ids import utc_now_iso
from app.store import changes
from app.store.tables import Enterprise
from app.store.tables.datapool import FieldConflict, SourceRecord, UnionEvent

DEMO_ACTOR = "demo"


def extend_demo(session: Session, rng: random.Random) -> str:
    firms = list(session.exec(select(Enterprise).where(col(Enterprise.deleted).is_(False)).order_by(col(Enterprise.id))).all())
    if not firms:
        return ""
    today = dt.date.today()
    market_day = (today - dt.timedelta(days=40)).isoformat()
    tax_day = (today - dt.timedelta(days=12)).isoformat()
    records: list[dict[str, Any]] = []
    conflicts: list[dict[str, Any]] = []
    events: list[dict[str, Any]] = []
    for firm in firms:
        values = {
            "name": [firm.name, market_day],
            "credit_code": [firm.credit_code, market_day],
            "address": [firm.address, market_day],
            "headcount": [firm.headcount, market_day],
            "legal_rep": [firm.legal_rep, market_day],
        }
        records.append(
            {"enterprise_id": firm.id, "grid_id": firm.grid_id, "source": "market",
             "field_values": json.dumps(values, ensure_ascii=False, sort_keys=True), "as_of": today - dt.timedelta(days=40)}
        )
        if firm.headcount and rng.random() < 0.06:
            other = max(1, int(firm.headcount * rng.uniform(0.6, 0.9)))
            records.append(
                {"enterprise_id": firm.id, "grid_id": firm.grid_id, "source": "tax",
                 "field_values": json.dumps({"headcount": [other, tax_day], "credit_code": [firm.credit_code, tax_day]}, ensure_ascii=False, sort_keys=True),
                 "as_of": today - dt.timedelta(days=12)}
            )
            candidates = [
                {"source": "market", "value": firm.headcount, "as_of": market_day},
                {"source": "tax", "value": other, "as_of": tax_day},
            ]
            conflicts.append(
                {"enterprise_id": firm.id, "grid_id": firm.grid_id, "field": "headcount",
                 "candidates": json.dumps(candidates, ensure_ascii=False), "status": "open", "detected_at": utc_now_iso()}
            )
        if firm.union_status == "established" and firm.union_established_date:
            events.append(
                {"enterprise_id": firm.id, "grid_id": firm.grid_id, "from_status": "none", "to_status": "established",
                 "event_date": firm.union_established_date, "member_count": firm.member_count, "source": "manual",
                 "note": "示例数据"}
            )
    changes.insert_many(session, SourceRecord, records, DEMO_ACTOR)
    changes.insert_many(session, FieldConflict, conflicts, DEMO_ACTOR)
    changes.insert_many(session, UnionEvent, events, DEMO_ACTOR)
    return f"{len(records)} 条来源记录、{len(conflicts)} 处待确认冲突、{len(events)} 条建会记录"

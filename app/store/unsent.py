"""Unsent work of a device, for the export a revoked laptop hands to the office and for its import
on the office's laptop (the file's encryption lives in app.sync.revocation)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sqlmodel import Session, col, select

from app.core.ids import utc_now_iso
from app.store import audit, changes, grid_scope, sync_replica, sync_state
from app.store.tables.base import SYNCED_TABLES
from app.store.tables.local import Outbox


def _jsonable(value: Any) -> Any:
    if isinstance(value, bytes):
        return value.hex()
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def collect(session: Session) -> dict[str, Any]:
    """The outbox entries the server has not confirmed, the rows they touch, and the work set aside."""
    settings = sync_state.load(session)
    entries = session.exec(
        select(Outbox).where(col(Outbox.state).in_(grid_scope.UNSENT_STATES)).order_by(col(Outbox.seq))
    ).all()
    outbox = [{n: getattr(e, n) for n in Outbox.model_fields} for e in entries]
    rows: dict[str, dict[str, Any]] = {}
    for entry in entries:
        cls = SYNCED_TABLES.get(entry.entity)
        if cls is None:
            continue
        obj = session.get(cls, entry.entity_id)
        if obj is not None:
            rows.setdefault(entry.entity, {})[entry.entity_id] = {
                n: _jsonable(getattr(obj, n)) for n in ["id", "version", *cls.data_fields()]
            }
    aside = [
        {"entity": a.entity, "entity_id": a.entity_id, "grid_id": a.grid_id, "reason": a.reason,
         "outbox": json.loads(a.outbox), "row": json.loads(a.row), "created_at": a.created_at}
        for a in grid_scope.set_aside(session)
    ]
    return {
        "format": 1,
        "exported_at": utc_now_iso(),
        "device_id": settings.device_id,
        "username": settings.username,
        "server_url": settings.server_url,
        "outbox": outbox,
        "rows": rows,
        "set_aside": aside,
    }


@dataclass(frozen=True)
class ImportSummary:
    inserted: int
    updated: int
    skipped: int


def apply_export(session: Session, payload: dict[str, Any], actor: str) -> ImportSummary:
    """Rows of an export become `actor`'s own changes: new rows inserted, the fields the device had
    changed written over the local ones."""
    rows: dict[str, dict[str, Any]] = dict(payload.get("rows") or {})
    for item in payload.get("set_aside") or []:
        if item.get("row"):
            rows.setdefault(item["entity"], {}).setdefault(item["entity_id"], item["row"])
    inserted = updated = skipped = 0
    touched: dict[tuple[str, str], set[str]] = {}
    for entry in payload.get("outbox") or []:
        patch = json.loads(entry.get("patch") or "{}")
        touched.setdefault((entry["entity"], entry["entity_id"]), set()).update(patch)
    for entity in _parent_first(rows):
        cls = SYNCED_TABLES.get(entity)
        if cls is None:
            skipped += len(rows[entity])
            continue
        for entity_id, data in rows[entity].items():
            values = {
                n: sync_replica.coerce_value(cls, n, data.get(n)) for n in cls.data_fields() if n in data
            }
            current = session.get(cls, entity_id)
            if current is None:
                changes.insert(session, cls(id=entity_id, **values), actor)
                inserted += 1
                continue
            fields = touched.get((entity, entity_id)) or set(values)
            patch = {n: values[n] for n in fields if n in values and getattr(current, n) != values[n]}
            if patch:
                changes.update(session, current, patch, actor)
                updated += 1
            else:
                skipped += 1
    audit.record(session, "import", f"导入设备 {payload.get('device_id', '')} 未上传的工作：新增 {inserted} 行，修改 {updated} 行", actor)
    return ImportSummary(inserted, updated, skipped)


def _parent_first(rows: dict[str, dict[str, Any]]) -> list[str]:
    """Grids and enterprises before the rows that refer to them."""
    order = {name: i for i, name in enumerate(SYNCED_TABLES)}
    return sorted(rows, key=lambda e: order.get(e, len(order)))



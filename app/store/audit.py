"""Who changed what: an append-only, hash-chained log written in the same transaction as each change.

Each row's hash covers its own content and the previous row's hash, so a row edited or deleted in the
middle of the log shows up when the chain is verified (rows cut from the very end do not: whoever can
do that can also rewrite the file). Values of personal fields (phones, ID numbers, names of people,
free text that may hold them) are never written: only the field's name is.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import text
from sqlmodel import Session

from app.core.ids import utc_now_iso
from app.core.redact import scrub
from app.store.audit_chain import TAIL_ROWS as TAIL_ROWS
from app.store.audit_chain import ChainReport as ChainReport
from app.store.audit_chain import row_hash, walk
from app.store.audit_chain import verify_tail as _verify_tail

REDACTED = "〔敏感信息，未记录〕"
MAX_VALUE_CHARS = 120

# Field names whose values are personal data or secrets; matched as substrings of the name.
_SENSITIVE_PARTS = (
    "phone",
    "mobile",
    "id_number",
    "id_no",
    "id_card",
    "idcard",
    "password",
    "token",
    "secret",
    "caller_name",
    "legal_rep",
    "contact_name",
    "signature",
    "informant",
    "_note",
    "visitors",
    "met_person",
    "respondent",
    "chair_name",
    "committee_names",
    "member_name",
    "requester_name",
    "person_name",
)
# Free text can carry anything a person typed, including phone numbers and ID numbers.
_FREE_TEXT = frozenset(
    {
        "answers",
        "content",
        "notes",
        "note",
        "reply",
        "callback_result",
        "facts",
        "body",
        "summary",
        "detail",
        "remarks",
        "caption",
        "data",
        "outcome",
        # data pool: provenance and conflict values hold whatever a source listed
        "field_values",
        "candidates",
        "chosen_value",
        # whereabouts of a grid worker (PIPL art. 28): a patrol track and where a visit form was filled
        "points",
        "filled_longitude",
        "filled_latitude",
    }
)

EVENT_LABELS = {
    "change": "数据修改",
    "login": "登录",
    "sync": "同步",
    "export": "导出",
    "backup": "备份",
    "restore": "恢复",
    "import": "导入",
}


def is_sensitive(field_name: str) -> bool:
    name = field_name.lower()
    return name in _FREE_TEXT or any(part in name for part in _SENSITIVE_PARTS)


def _safe_value(name: str, value: Any) -> Any:
    if is_sensitive(name):
        return REDACTED
    if value is None or isinstance(value, bool | int | float):
        return value
    text_value = scrub(value.isoformat() if hasattr(value, "isoformat") else str(value))
    if len(text_value) > MAX_VALUE_CHARS:
        text_value = text_value[:MAX_VALUE_CHARS] + "…"
    return text_value


def _plain_value(value: Any) -> Any:
    """`_safe_value` for a field already known not to be sensitive."""
    if value is None or isinstance(value, bool | int | float):
        return value
    text_value = scrub(value.isoformat() if hasattr(value, "isoformat") else str(value))
    if len(text_value) > MAX_VALUE_CHARS:
        text_value = text_value[:MAX_VALUE_CHARS] + "…"
    return text_value


def safe_fields(values: Mapping[str, Any]) -> dict[str, Any]:
    return {name: _safe_value(name, value) for name, value in values.items()}


_row_hash = row_hash


_COLUMNS = ("at", "actor", "event", "entity", "entity_id", "op", "fields", "detail", "prev_hash", "hash")
_HEAD_SQL = "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1"
_INSERT_SQL = f"INSERT INTO audit_log (seq, {', '.join(_COLUMNS)}) VALUES ({', '.join('?' * (len(_COLUMNS) + 1))})"


def _append(
    session: Session,
    *,
    event: str,
    actor: str,
    entity: str = "",
    entity_id: str = "",
    op: str = "",
    fields: Mapping[str, Any] | None = None,
    detail: str = "",
) -> int:
    # Inside the caller's write transaction (BEGIN IMMEDIATE), so no other writer can slip in between
    # reading the head and appending to it.
    conn = session.connection()
    head = conn.exec_driver_sql(_HEAD_SQL).first()
    seq = (head[0] + 1) if head else 1
    values: dict[str, Any] = {
        "at": utc_now_iso(),
        "actor": actor[:64],
        "event": event,
        "entity": entity,
        "entity_id": entity_id,
        "op": op,
        "fields": json.dumps(safe_fields(fields or {}), ensure_ascii=False, sort_keys=True),
        "detail": scrub(detail),
        "prev_hash": head[1] if head else "",
    }
    values["hash"] = _row_hash(seq, values)
    # Plain SQL with positional parameters: building an INSERT construct per change cost more than
    # the change itself.
    conn.exec_driver_sql(_INSERT_SQL, tuple([seq, *(values[c] for c in _COLUMNS)]))
    return seq


def record_change(
    session: Session, entity: str, entity_id: str, op: str, patch: Mapping[str, Any], actor: str
) -> int:
    """Called for every synced change, next to the outbox entry (app.store.changes)."""
    return _append(session, event="change", actor=actor, entity=entity, entity_id=entity_id, op=op, fields=patch)


def record_changes_many(
    session: Session, entries: Sequence[tuple[str, str, str, Mapping[str, Any]]], actor: str
) -> None:
    """`record_change` for many changes at once (bulk imports): the same chain, one executemany, in
    the caller's transaction. Entries are (entity, entity id, op, patch)."""
    if not entries:
        return
    conn = session.connection()
    head = conn.exec_driver_sql(_HEAD_SQL).first()
    seq = head[0] if head else 0
    previous = head[1] if head else ""
    at = utc_now_iso()
    who = actor[:64]
    params: list[tuple[Any, ...]] = []
    sensitive: dict[str, bool] = {}
    for entity, entity_id, op, patch in entries:
        seq += 1
        safe: dict[str, Any] = {}
        for name, value in patch.items():
            flag = sensitive.get(name)
            if flag is None:
                flag = sensitive[name] = is_sensitive(name)
            safe[name] = REDACTED if flag else _plain_value(value)
        values: dict[str, Any] = {
            "at": at,
            "actor": who,
            "event": "change",
            "entity": entity,
            "entity_id": entity_id,
            "op": op,
            "fields": json.dumps(safe, ensure_ascii=False, sort_keys=True),
            "detail": "",
            "prev_hash": previous,
        }
        previous = _row_hash(seq, values)
        params.append((seq, at, who, "change", entity, entity_id, op, values["fields"], "", values["prev_hash"], previous))
    conn.exec_driver_sql(
        "INSERT INTO audit_log (seq, at, actor, event, entity, entity_id, op, fields, detail, prev_hash, hash) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        params,
    )


def record(session: Session, event: str, detail: str, actor: str) -> int:
    """A non-data event: login, sync, export, backup, restore, import. `detail` is scrubbed of phone
    and ID numbers and tokens; callers should not put personal data in it anyway."""
    return _append(session, event=event, actor=actor, detail=detail)


def verify(session: Session) -> ChainReport:
    """Recomputes every hash in order; the first row that does not fit is reported."""
    rows = session.connection().execute(
        text(
            "SELECT seq, at, actor, event, entity, entity_id, op, fields, detail, prev_hash, hash "
            "FROM audit_log ORDER BY seq"
        )
    )
    report = walk((dict(row._mapping) for row in rows), expected=None, previous_hash="")
    if report.ok:
        report.message = f"已校验 {report.checked} 条记录，链条完整"
    return report


def verify_tail(session: Session, rows: int = TAIL_ROWS) -> ChainReport:
    """`verify` for the newest rows only (the quick `check`); `check --deep` walks the whole chain."""
    return _verify_tail(session.connection().connection.driver_connection, rows)  # type: ignore[arg-type]


@dataclass
class AuditFilter:
    actor: str = ""
    event: str = ""
    entity: str = ""
    entity_id: str = ""
    since: str = ""  # ISO date, inclusive
    until: str = ""  # ISO date, inclusive
    extra: dict[str, Any] = field(default_factory=dict)


def _where(flt: AuditFilter) -> tuple[str, dict[str, Any]]:
    clauses = ["1 = 1"]
    params: dict[str, Any] = {}
    if flt.actor:
        clauses.append("actor = :actor")
        params["actor"] = flt.actor
    if flt.event:
        clauses.append("event = :event")
        params["event"] = flt.event
    if flt.entity:
        clauses.append("entity = :entity")
        params["entity"] = flt.entity
    if flt.entity_id:
        clauses.append("entity_id = :entity_id")
        params["entity_id"] = flt.entity_id
    if flt.since:
        clauses.append("at >= :since")
        params["since"] = flt.since
    if flt.until:
        clauses.append("at < :until_next")
        params["until_next"] = flt.until + "T99"  # every time of that day sorts before "T99"
    return " AND ".join(clauses), params


AUDIT_COLUMNS = ("seq", "at", "actor", "event", "entity", "entity_id", "op", "fields", "detail")


def count(session: Session, flt: AuditFilter) -> int:
    where, params = _where(flt)
    return int(session.connection().execute(text(f"SELECT count(*) FROM audit_log WHERE {where}"), params).scalar_one())


def page(session: Session, flt: AuditFilter, offset: int, limit: int) -> list[dict[str, Any]]:
    where, params = _where(flt)
    params.update(limit=limit, offset=offset)
    rows = session.connection().execute(
        text(
            f"SELECT {', '.join(AUDIT_COLUMNS)} FROM audit_log WHERE {where} "
            "ORDER BY seq DESC LIMIT :limit OFFSET :offset"
        ),
        params,
    )
    return [dict(r._mapping) for r in rows]


def actors(session: Session) -> list[str]:
    rows = session.connection().execute(text("SELECT DISTINCT actor FROM audit_log ORDER BY actor"))
    return [r[0] for r in rows]


def entities(session: Session) -> list[str]:
    rows = session.connection().execute(text("SELECT DISTINCT entity FROM audit_log WHERE entity != '' ORDER BY entity"))
    return [r[0] for r in rows]


def describe_fields(fields_json: str, labels: Mapping[str, str] | None = None) -> str:
    """`name: value` pairs for display; redacted fields appear by name only."""
    try:
        data = json.loads(fields_json or "{}")
    except ValueError:
        return ""
    parts: list[str] = []
    for name, value in sorted(data.items()):
        label = (labels or {}).get(name, name)
        parts.append(label if value == REDACTED else f"{label}={value}")
    return "；".join(parts)


def sensitive_field_names(names: Sequence[str]) -> list[str]:
    return [n for n in names if is_sensitive(n)]

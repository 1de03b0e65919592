"""The audit log's hash chain without SQLAlchemy: how a row's hash is computed, and the check of the
newest rows that the quick `check` runs on a plain DB-API connection (`app.store.audit` uses both)."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Protocol

TAIL_ROWS = 2000


class Executes(Protocol):
    def execute(self, sql: str, parameters: Any = ..., /) -> Any: ...


@dataclass
class ChainReport:
    ok: bool
    checked: int
    bad_seq: int | None = None
    message: str = ""


def row_hash(seq: int, values: Mapping[str, Any]) -> str:
    payload = [
        seq,
        values["at"],
        values["actor"],
        values["event"],
        values["entity"],
        values["entity_id"],
        values["op"],
        values["fields"],
        values["detail"],
        values["prev_hash"],
    ]
    return hashlib.sha256(json.dumps(payload, ensure_ascii=False).encode("utf-8")).hexdigest()


_TAIL_COLUMNS = ("seq", "at", "actor", "event", "entity", "entity_id", "op", "fields", "detail", "prev_hash", "hash")


def verify_tail(conn: Executes, rows: int = TAIL_ROWS) -> ChainReport:
    """The newest rows only (the quick `check`): each of them must hash right and link to the one
    before; `check --deep` walks the whole chain."""
    last = conn.execute("SELECT max(seq) FROM audit_log").fetchone()[0]
    if last is None:
        return ChainReport(True, 0, None, "审计日志为空")
    start = max(1, int(last) - rows + 1)
    result = conn.execute(f"SELECT {', '.join(_TAIL_COLUMNS)} FROM audit_log WHERE seq >= ? ORDER BY seq", (start,))
    report = walk(
        (dict(zip(_TAIL_COLUMNS, row, strict=True)) for row in result), expected=start, previous_hash=None
    )
    if not report.ok:
        return report
    scope = "全部" if start == 1 else f"最近 {report.checked} 条"
    report.message = f"已校验{scope}记录，链条完整" + ("" if start == 1 else "（全链校验请用 check --deep）")
    return report


def walk(rows: Iterable[Mapping[str, Any]], *, expected: int | None, previous_hash: str | None) -> ChainReport:
    """The chain's rule over rows in seq order: no gap after `expected` (None: from wherever the rows
    start), each row linked to the one before (None: the first row's link is not known here) and hashing
    to its own hash. The first row that breaks it is reported; a whole run returns ok with no message."""
    checked = 0
    for values in rows:
        seq = int(values["seq"])
        if expected is not None and seq != expected:
            return ChainReport(False, checked, seq, f"第 {expected} 至 {seq - 1} 条记录缺失")
        if previous_hash is not None and values["prev_hash"] != previous_hash:
            return ChainReport(False, checked, seq, f"第 {seq} 条记录与前一条记录不衔接（前一条被修改或删除）")
        if row_hash(seq, values) != values["hash"]:
            return ChainReport(False, checked, seq, f"第 {seq} 条记录的内容被修改")
        previous_hash = values["hash"]
        expected = seq + 1
        checked += 1
    return ChainReport(True, checked)

"""Many rows in one SQLite statement step, for the writes a push makes while it holds the write lock.

Python's sqlite3 gives the GIL up around every step of a statement: every row an executemany writes
and every row a SELECT returns. Taking it back waits for the running thread's switch interval whenever
another thread of the worker is busy in Python (a page render, a pull), so under load a push of a few
hundred rows spent most of its lock time waiting for the GIL, not writing (tests/bench/bench_web.py:
170 ms of wall for 23 ms of CPU in RecordWriter.flush, and seconds of lock queue behind it). Here the
rows travel as one JSON array and SQLite unpacks it with json_each: one step for the whole batch, which
SQLite runs with the GIL released, so the other threads are not held up either.

On PostgreSQL (and on an SQLite without JSON functions, or for values JSON cannot carry exactly) the
same calls fall back to SQLAlchemy's executemany and plain SELECT."""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import LargeBinary, Select, String, Table, cast, func, insert, literal, select
from sqlalchemy.orm import Session

_JSON_OK: dict[int, bool] = {}


def _sqlite_json(session: Session) -> bool:
    """True on an SQLite with json_each (built in since 3.38, compiled into most earlier ones)."""
    bind = session.get_bind()
    if bind.dialect.name != "sqlite":
        return False
    known = _JSON_OK.get(id(bind))
    if known is None:
        try:
            session.connection().exec_driver_sql("SELECT count(*) FROM json_each('[1]')").scalar()
            known = True
        except Exception:
            known = False
        _JSON_OK[id(bind)] = known
    return known


def _plain(value: Any) -> bool:
    """Values JSON carries to SQLite unchanged: text, 64-bit integers, finite floats, NULL (booleans
    arrive as 1/0, as SQLAlchemy stores them); not text with NUL."""
    if value is None or isinstance(value, bool):
        return True
    if isinstance(value, str):
        return "\x00" not in value  # SQLite's JSON functions end a text at NUL
    if isinstance(value, int):
        return -(2**63) <= value < 2**63
    if isinstance(value, float):
        return math.isfinite(value)
    return False


def _pack(rows: Sequence[Sequence[Any]]) -> str | None:
    if not all(_plain(v) for row in rows for v in row):
        return None
    return json.dumps(rows, ensure_ascii=False, separators=(",", ":"))


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _unpack(count: int, source: str = "value") -> str:
    return ", ".join(f"json_extract({source}, '$[{i}]')" for i in range(count))


def insert_rows(session: Session, table: Table, rows: Sequence[Mapping[str, Any]]) -> None:
    """INSERT of these rows (all with the same keys, the table's columns)."""
    if not rows:
        return
    cols = list(rows[0])
    packed = None
    if _sqlite_json(session) and all(len(r) == len(cols) for r in rows) and not any(
        c.default is not None for c in table.columns if c.name not in cols
    ):
        packed = _pack([[r[c] for c in cols] for r in rows])
    if packed is None:
        session.execute(insert(table), list(rows))
        return
    names = ", ".join(_q(c) for c in cols)
    session.connection().exec_driver_sql(
        f"INSERT INTO {_q(table.name)} ({names}) SELECT {_unpack(len(cols))} FROM json_each(?)", (packed,)
    )


def delete_keys(session: Session, table: Table, cols: Sequence[str], keys: Sequence[Sequence[Any]]) -> bool:
    """DELETE of the rows with these exact key values, found through the table's primary-key index
    (each key is looked up, nothing is scanned). False when it could not be done in one step (not
    SQLite): the caller deletes its own way."""
    if not keys or not _sqlite_json(session):
        return not keys
    packed = _pack([list(k) for k in keys])
    if packed is None:
        return False
    t = _q(table.name)
    match = " AND ".join(f"{t}.{_q(c)} = json_extract(j.value, '$[{i}]')" for i, c in enumerate(cols))
    session.connection().exec_driver_sql(
        f"DELETE FROM {t} WHERE rowid IN (SELECT {t}.rowid FROM json_each(?) AS j JOIN {t} ON {match})", (packed,)
    )
    return True


def fetch_rows(session: Session, stmt: Select[Any]) -> list[tuple[Any, ...]]:
    """The rows of a SELECT of plain columns; on SQLite gathered into one JSON array by the database
    (one step instead of one per row). Booleans come back as 1/0 there: callers convert."""
    if not _sqlite_json(session):
        return [tuple(r) for r in session.execute(stmt).all()]
    sub = stmt.subquery()
    # A text with NUL would come back cut short: such a result is read again the plain way.
    nul = sum((func.coalesce(func.instr(cast(c, LargeBinary), literal(b"\x00")), 0) for c in sub.c), literal(0))
    packed, cut = session.execute(select(func.json_group_array(func.json_array(*sub.c)), func.max(nul))).one()
    if cut:
        return [tuple(r) for r in session.execute(stmt).all()]
    return [tuple(r) for r in json.loads(packed or "[]")]


def select_in(session: Session, table: Table, columns: Sequence[str], equal: Mapping[str, Any], in_column: str,
              values: Sequence[Any]) -> list[tuple[Any, ...]] | None:
    """`SELECT columns FROM table WHERE equal... AND in_column IN values` as one fixed SQL text on SQLite:
    the values travel as one JSON array and the rows come back as one (fetch_rows does the same for any
    SELECT, but builds and compiles its statement anew each call: most of a push's row lookups' CPU).
    None when it cannot be done so (not SQLite, values JSON does not carry, a text with NUL): the
    caller reads its own way."""
    if not values or not _sqlite_json(session) or not all(_plain(v) for v in (*values, *equal.values())):
        return None
    texts = [c for c in columns if isinstance(table.c[c].type, String)]
    nul = " + ".join(f"coalesce(instr(CAST({_q(c)} AS BLOB), X'00'), 0)" for c in texts) or "0"
    where = " AND ".join([*(f"{_q(c)} = ?" for c in equal), f"{_q(in_column)} IN (SELECT value FROM json_each(?))"])
    sql = (f"SELECT json_group_array(json_array({', '.join(_q(c) for c in columns)})), max({nul}) "
           f"FROM {_q(table.name)} WHERE {where}")
    packed, cut = session.connection().exec_driver_sql(
        sql, (*equal.values(), json.dumps(list(values), ensure_ascii=False))
    ).one()
    if cut:
        return None
    return [tuple(r) for r in json.loads(packed or "[]")]

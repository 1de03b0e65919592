"""Enterprise files: the list query behind the main window (fast at 100,000 rows) and the writes that
validate before they touch the outbox."""

from __future__ import annotations

import operator
import re
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import text
from sqlmodel import Session, select

from app.core.codes import check_credit_code
from app.core.enterprise import validate_enterprise
from app.core.problems import Problem, ValidationError, blocking
from app.store import changes
from app.store.tables import Enterprise

LIST_COLUMNS = (
    "id",
    "name",
    "credit_code",
    "credit_code_status",
    "grid_name",
    "headcount",
    "union_status",
    "member_count",
    "address",
    "last_visit",
    "registration_status",
    "business_abnormal",
)


@dataclass
class EnterpriseFilter:
    query: str = ""
    grid_id: str | None = None
    union_status: str | None = None
    min_headcount: int | None = None
    targets_only: bool = False
    target_threshold: int = 25
    extra: dict[str, Any] = field(default_factory=dict)


def fts_phrase(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


_CODE_LIKE = re.compile(r"[0-9A-Z]{6,18}")


def _where(flt: EnterpriseFilter) -> tuple[str, dict[str, Any]]:
    """Each term through an index, never a scan of the table: three characters or more (a whole credit
    code, a code fragment, a name or address) through the trigram index; two through the bigram index;
    one as a prefix of the bigrams (every character of a name or address starts one, the last
    character of the address is a token of its own). Only punctuation falls back to LIKE."""
    clauses = ["e.deleted = 0"]
    params: dict[str, Any] = {}
    terms = [t for t in re.split(r"\s+", flt.query.strip()) if t]
    for i, term in enumerate(terms):
        key = f"q{i}"
        if _CODE_LIKE.fullmatch(term.upper()) and sum(c.isdigit() for c in term) >= 4:
            term = term.upper()  # codes are stored upper-case; the trigram index is case-sensitive for them
        wordy = not re.search(r"[\W_]", term)
        if len(term) >= 3:
            clauses.append(f"e.rowid IN (SELECT rowid FROM enterprise_fts WHERE enterprise_fts MATCH :{key})")
            params[key] = fts_phrase(term)
        elif len(term) == 2 and wordy:
            clauses.append(
                f"e.rowid IN (SELECT rowid FROM enterprise_fts_bigram WHERE enterprise_fts_bigram MATCH :{key})"
            )
            params[key] = fts_phrase(term)
        elif len(term) == 1 and wordy:
            clauses.append(
                f"e.rowid IN (SELECT rowid FROM enterprise_fts_bigram WHERE enterprise_fts_bigram MATCH :{key})"
            )
            params[key] = fts_phrase(term) + "*"
        else:
            clauses.append(
                f"(e.name LIKE :{key} ESCAPE '\\' OR e.address LIKE :{key} ESCAPE '\\' "
                f"OR e.credit_code LIKE :{key} ESCAPE '\\')"
            )
            escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            params[key] = f"%{escaped}%"
    if flt.grid_id:
        clauses.append("e.grid_id = :grid_id")
        params["grid_id"] = flt.grid_id
    if flt.union_status:
        clauses.append("e.union_status = :union_status")
        params["union_status"] = flt.union_status
    if flt.min_headcount is not None:
        clauses.append("e.headcount >= :min_headcount")
        params["min_headcount"] = flt.min_headcount
    if flt.targets_only:
        clauses.append(
            "e.headcount >= :target_threshold AND e.union_status != 'established' "
            "AND e.registration_status NOT IN ('deregistered', 'revoked', 'moved_out')"
        )
        params["target_threshold"] = flt.target_threshold
    return " AND ".join(clauses), params


SORTABLE = {
    "name": "e.name",
    "credit_code": "e.credit_code",
    "grid_name": "g.name",
    "headcount": "e.headcount",
    "union_status": "e.union_status",
    "member_count": "e.member_count",
    "address": "e.address",
    "last_visit": "last_visit",
}
# Chinese text sorts in pinyin (the collation every connection registers), not by code point.
PINYIN_SORTED = {"name", "grid_name", "address"}


def count(session: Session, flt: EnterpriseFilter) -> int:
    where, params = _where(flt)
    driver = _driver(session, flt, params)
    source = f"({driver}) AS m CROSS JOIN enterprise e ON e.rowid = m.rowid" if driver else "enterprise e"
    return int(session.exec(text(f"SELECT count(*) FROM {source} WHERE {where}"), params=params).one()[0])  # type: ignore[call-overload]


def page(
    session: Session,
    flt: EnterpriseFilter,
    offset: int,
    limit: int,
    sort: str = "name",
    descending: bool = False,
) -> list[dict[str, Any]]:
    where, params = _where(flt)
    order = SORTABLE.get(sort, SORTABLE["name"])
    collate = " COLLATE pinyin" if sort in PINYIN_SORTED or sort not in SORTABLE else ""
    direction = "DESC" if descending else "ASC"
    last_visit = "(SELECT max(v.visit_date) FROM visit v WHERE v.enterprise_id = e.id AND v.deleted = 0)"
    # The page's rows are picked first (by index where the order allows), and only those 200 are joined
    # to their grid and last visit: computed for every match, that subquery made a page take 100s of ms.
    # MATERIALIZED keeps that order on SQLite 3.51 (SQLCipher's), whose planner otherwise runs the pick
    # as a co-routine and re-walks the OFFSET: 30 ms a page instead of 2 at 20,000 rows.
    driver = _driver(session, flt, params)
    source = f"({driver}) AS m CROSS JOIN enterprise e ON e.rowid = m.rowid" if driver else "enterprise e"
    if sort == "last_visit":
        pick_from, pick_key = source, last_visit
    elif sort == "grid_name":
        pick_from, pick_key = f"{source} LEFT JOIN grid g ON g.id = e.grid_id", "g.name"
    else:
        pick_from, pick_key = source, order
    sql = f"""
        WITH pick AS MATERIALIZED (
            SELECT e.rowid AS rid, {pick_key} AS k FROM {pick_from}
            WHERE {where}
            ORDER BY {pick_key}{collate} {direction}, e.rowid
            LIMIT :limit OFFSET :offset
        )
        SELECT e.id, e.name, e.credit_code, e.credit_code_status, g.name AS grid_name, e.headcount,
               e.union_status, e.member_count, e.address, {last_visit} AS last_visit,
               e.registration_status, e.business_abnormal
        FROM pick JOIN enterprise e ON e.rowid = pick.rid LEFT JOIN grid g ON g.id = e.grid_id
        ORDER BY pick.k{collate} {direction}, pick.rid
    """
    params.update(limit=limit, offset=offset)
    rows = session.exec(text(sql), params=params).all()  # type: ignore[call-overload]
    return [dict(zip(LIST_COLUMNS, row, strict=True)) for row in rows]


DRIVE_LIMIT = 20_000


def _driver(session: Session, flt: EnterpriseFilter, params: Mapping[str, Any]) -> str | None:
    """The index query of the first search term, when it matches few enough rows to sort them: the page
    is then picked from those rows (a code or rare name in about a millisecond) instead of walking the
    name index past 300,000 rows that the term does not match. Broad terms keep the walk."""
    terms = [t for t in re.split(r"\s+", flt.query.strip()) if t]
    if not terms or "q0" not in params or "MATCH" not in _where(EnterpriseFilter(query=terms[0]))[0]:
        return None
    table = "enterprise_fts" if len(terms[0]) >= 3 else "enterprise_fts_bigram"
    sql = f"SELECT rowid FROM {table} WHERE {table} MATCH :q0"
    probe = text(f"SELECT count(*) FROM ({sql} LIMIT {DRIVE_LIMIT + 1})")
    hits = int(session.connection().execute(probe, {"q0": params["q0"]}).scalar_one())
    return sql if hits <= DRIVE_LIMIT else None


def get(session: Session, enterprise_id: str) -> Enterprise | None:
    return session.get(Enterprise, enterprise_id)


def find_by_credit_code(session: Session, code: str) -> Enterprise | None:
    normalized = check_credit_code(code).code
    if not normalized:
        return None
    stmt = select(Enterprise).where(Enterprise.credit_code == normalized, Enterprise.deleted == False)  # noqa: E712
    return session.exec(stmt).first()


def _prepare(values: Mapping[str, Any]) -> dict[str, Any]:
    data = dict(values)
    if "credit_code" in data:
        check = check_credit_code(data.get("credit_code"))
        data["credit_code"] = check.code
        data["credit_code_status"] = check.status.value
    if "name" in data and isinstance(data["name"], str):
        data["name"] = data["name"].strip()
    problems = blocking(validate_enterprise(data))
    if problems:
        raise ValidationError(problems)
    return data


def create(session: Session, values: Mapping[str, Any], actor: str) -> Enterprise:
    data = _prepare(values)
    code = data.get("credit_code")
    if code and find_by_credit_code(session, code) is not None:
        raise ValidationError([Problem("credit_code", f"统一社会信用代码 {code} 已存在于另一企业档案")])
    return changes.insert(session, Enterprise(**data), actor)


def update(session: Session, enterprise: Enterprise, values: Mapping[str, Any], actor: str) -> Enterprise:
    merged = {name: getattr(enterprise, name) for name in Enterprise.data_fields()}
    merged.update(values)
    data = _prepare(merged)
    code = data.get("credit_code")
    if code and code != enterprise.credit_code:
        other = find_by_credit_code(session, code)
        if other is not None and other.id != enterprise.id:
                raise ValidationError([Problem("credit_code", f"统一社会信用代码 {code} 已存在于另一企业档案")])
    return changes.update(session, enterprise, {k: data[k] for k in values.keys() | {"credit_code_status"} if k in data}, actor)


# --- bulk loading (imports) ---

_INSERT_TRIGGERS = ("enterprise_fts_ai", "enterprise_fts_bigram_ai")
_GRAM_LIMIT = 520  # positions in enterprise_fts_seq, the table the triggers cut bigrams with


def bigrams(name: str | None, address: str | None) -> str | None:
    """What the bigram trigger computes in SQL, computed here for rows loaded in bulk."""
    if name is None or address is None:
        return None
    joined = f"{name} {address}"
    cut = min(len(joined) - 1, _GRAM_LIMIT - 1)
    return f"{' '.join(map(operator.add, joined[:cut], joined[1 : cut + 1]))} {joined[-1]}"


@contextmanager
def search_triggers_suspended(session: Session) -> Iterator[None]:
    """Rows inserted inside are indexed by `index_range` in bulk instead of one trigger call per row
    (seven times faster at 100,000 rows). The triggers come back before the caller's transaction
    commits, and a rollback restores them anyway: DDL is transactional in SQLite."""
    conn = session.connection()
    saved = [
        (name, sql)
        for name in _INSERT_TRIGGERS
        for (sql,) in conn.exec_driver_sql("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?", (name,))
    ]
    for name, _ in saved:
        conn.exec_driver_sql(f"DROP TRIGGER {name}")
    try:
        yield
    finally:
        for _, sql in saved:
            conn.exec_driver_sql(sql)


_BIGRAM_WINDOW = 10_000


def index_range(session: Session, first_rowid: int, last_rowid: int) -> None:
    """Search index entries for enterprise rows inserted while the triggers were suspended."""
    conn = session.connection()
    conn.exec_driver_sql(
        "INSERT INTO enterprise_fts (rowid, name, address, credit_code) "
        "SELECT rowid, name, address, credit_code FROM enterprise WHERE rowid BETWEEN ? AND ?",
        (first_rowid, last_rowid),
    )
    for start in range(first_rowid, last_rowid + 1, _BIGRAM_WINDOW):  # a window at a time: memory stays flat
        end = min(start + _BIGRAM_WINDOW - 1, last_rowid)
        rows = conn.exec_driver_sql("SELECT rowid, name, address FROM enterprise WHERE rowid BETWEEN ? AND ?", (start, end)).all()
        if rows:
            conn.exec_driver_sql(
                "INSERT INTO enterprise_fts_bigram (rowid, grams) VALUES (?, ?)",
                [(rowid, bigrams(name, address)) for rowid, name, address in rows],
            )

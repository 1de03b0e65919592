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
from app.core.pinyin import sort_text
from app.core.problems import Problem, ValidationError, blocking
from app.store import background, changes
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
    params: dict[str, Any] = {}
    clauses = _filters(flt, params)
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
    """The exact number of matching enterprises (`count_upto` for a list that only needs to know
    whether there are more than it shows)."""
    return _count(session, flt, None)


def page(
    session: Session,
    flt: EnterpriseFilter,
    offset: int,
    limit: int,
    sort: str = "name",
    descending: bool = False,
    after: tuple[str, int] | None = None,
) -> list[dict[str, Any]]:
    """A page of the list in the chosen order. By name (the default) the rows carry `_key` and `_rid`,
    and `after` (the last row's pair) continues from that row instead of skipping `offset` rows: a deep
    page then costs what the first one does."""
    if sort == "name" or sort not in SORTABLE:
        return _page_by_name(session, flt, offset, limit, descending, after)
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


# --- the name-ordered list: a plan chosen by what the terms match -----------------------------------

_TOMBSTONES = "SELECT rowid FROM enterprise WHERE deleted = 1"
COUNT_CAP = 5_000  # the list shows "5,000+" above this until the user asks for the exact figure
GATHER_LIMIT = 5_000  # at most this many hits are collected and sorted; more, and the name index is walked
_LIST_SQL = """
    SELECT e.id, e.name, e.credit_code, e.credit_code_status, g.name AS grid_name, e.headcount,
           e.union_status, e.member_count, e.address,
           (SELECT max(v.visit_date) FROM visit v WHERE v.enterprise_id = e.id AND v.deleted = 0) AS last_visit,
           e.registration_status, e.business_abnormal, pick.k, pick.rid
    FROM pick JOIN enterprise e ON e.rowid = pick.rid LEFT JOIN grid g ON g.id = e.grid_id
    ORDER BY pick.k {direction}, pick.rid {direction}
"""


@dataclass
class _Term:
    index: str | None  # the FTS table that finds it, None for punctuation (LIKE only)
    match: str
    like: str  # the same test on the row itself, for rows already at hand


def _terms(flt: EnterpriseFilter, params: dict[str, Any]) -> list[_Term]:
    """Each term as its index query and as the equivalent row test: the index's notion of a match
    (trigram: a substring of name, address or code, ASCII case folded; bigram: a substring of name
    or address) written with LIKE, which folds ASCII case the same way."""
    found = []
    words = [t for t in re.split(r"\s+", flt.query.strip()) if t]
    for i, term in enumerate(words):
        if _CODE_LIKE.fullmatch(term.upper()) and sum(c.isdigit() for c in term) >= 4:
            term = term.upper()
        wordy = not re.search(r"[\W_]", term)
        like = f"l{i}"
        params[like] = "%" + term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        three = f"(e.name LIKE :{like} ESCAPE '\\' OR e.address LIKE :{like} ESCAPE '\\' OR e.credit_code LIKE :{like} ESCAPE '\\')"
        two = f"(e.name LIKE :{like} ESCAPE '\\' OR e.address LIKE :{like} ESCAPE '\\')"
        if len(term) >= 3:
            found.append(_Term("enterprise_fts", fts_phrase(term), three))
        elif wordy:
            found.append(_Term("enterprise_fts_bigram", fts_phrase(term) + ("*" if len(term) == 1 else ""), two))
        else:
            found.append(_Term(None, "", three))
    return found


def _filters(flt: EnterpriseFilter, params: dict[str, Any]) -> list[str]:
    clauses = ["e.deleted = 0"]
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
    return clauses


@dataclass
class _Plan:
    """`driver` yields the rowids of few enough candidates to sort (None: walk the name key index and
    test each row); `where` holds every term as a row test and the filters; `more` says the matches
    are known to exceed COUNT_CAP without counting them."""

    driver: str | None
    where: str
    params: dict[str, Any]
    more: bool = False
    member: str | None = None  # the term's index query, when the name key index is walked against its hits


MEMBER_LIMIT = 20_000
_HAN_ONLY = re.compile(r"[\u3400-\u9fff]{1,2}")
_FULL_CODE = re.compile(r"[0-9A-HJ-NP-RTUW-Y]{18}")


def _plan(session: Session, flt: EnterpriseFilter) -> _Plan:
    """A whole credit code is looked up by its index. Otherwise the candidates (each term's index,
    the longest term first, and the grid) are probed: the first that yields at most GATHER_LIMIT live
    rows drives (a rare word: its rows are collected and sorted by key). When none does, the matches
    are many and the name key index is walked in order, each row tested: a broad term (a common
    character, a code prefix every row shares) fills a page within a few hundred rows. A probe reads
    at most GATHER_LIMIT + 1 + tombstones index entries, so it stays cheap however broad the term.
    The plan is kept in the session (one read transaction: the data cannot change under it), so the
    list's count and its page probe once."""
    plans = session.info.setdefault("enterprise_plans", {})
    key = repr(flt)
    if key not in plans:
        plans[key] = _make_plan(session, flt)
    plan: _Plan = plans[key]
    return _Plan(plan.driver, plan.where, dict(plan.params), plan.more, plan.member)


def _make_plan(session: Session, flt: EnterpriseFilter) -> _Plan:
    params: dict[str, Any] = {}
    terms = _terms(flt, params)
    clauses = _filters(flt, params)
    where = " AND ".join(clauses + [t.like for t in terms])
    conn = session.connection()
    words = [t for t in re.split(r"\s+", flt.query.strip()) if t]
    for word in words:
        if _FULL_CODE.fullmatch(word.upper()):
            # a whole code means that enterprise: the code's index, not 16 trigrams every code shares
            params["code"] = word.upper()
            return _Plan("SELECT rowid FROM enterprise WHERE credit_code = :code", where, params)
    candidates = [
        (f"SELECT rowid FROM {t.index} WHERE {t.index} MATCH :m{i}", {f"m{i}": t.match}, len(t.match))
        for i, t in enumerate(terms) if t.index
    ]
    candidates.sort(key=lambda c: -c[2])
    if flt.grid_id:
        candidates.append(("SELECT rowid FROM enterprise WHERE grid_id = :grid_id", {}, 0))
    if not candidates:
        return _Plan(None, where, params)
    tombstones = int(conn.exec_driver_sql("SELECT count(*) FROM enterprise WHERE deleted = 1").scalar_one())
    cap = GATHER_LIMIT + 1 + tombstones
    alone = len(terms) == 1 and len(clauses) == 1
    if alone and words and _CODE_LIKE.fullmatch(words[0].upper()):
        # A code prefix that many codes share (the district's 91330106...) is seen on the code's own
        # index at once; its trigrams are in every row, and the FTS probe would read them all.
        prefix = words[0].upper()
        shared = f"SELECT count(*) FROM (SELECT 1 FROM enterprise WHERE credit_code >= ? AND credit_code < ? LIMIT {cap})"
        if int(conn.exec_driver_sql(shared, (prefix, prefix + "\U0010ffff")).scalar_one()) >= cap:
            return _Plan(None, where, params, more=True)
    if alone and terms[0].index == "enterprise_fts_bigram" and _HAN_ONLY.fullmatch(words[0]):
        # One or two Chinese characters alone, with more hits than can be gathered: a character of a
        # fifth of the names fills a page within a few hundred rows of the name walk, but a rarer one
        # (1 name in 20, or 1 in 40 where the names are sorted) makes the walk read thousands of
        # enterprise rows, each a random page to find and decrypt (20 ms warm, 100s cold). Up to
        # MEMBER_LIMIT hits, their rowids are read from the bigram index (a few milliseconds) and the
        # name key index, which holds rowid and key, is walked against them without touching the
        # enterprise table; only the page's rows are read. The bigram index matches exactly what the
        # row test does for Chinese characters (no case or accents to fold).
        sql, extra, _length = candidates[0]
        params.update(extra)
        hits = int(conn.execute(text(f"SELECT count(*) FROM ({sql} LIMIT {MEMBER_LIMIT + 1})"), params).scalar_one())
        if hits < cap:
            return _Plan(sql, where, params)
        if hits <= MEMBER_LIMIT:
            return _Plan(None, where, params, more=hits - tombstones > COUNT_CAP, member=sql)
        return _Plan(None, where, params, more=True)
    for sql, extra, _length in candidates:
        params.update(extra)
        hits = int(conn.execute(text(f"SELECT count(*) FROM ({sql} LIMIT {cap})"), params).scalar_one())
        if hits < cap:
            return _Plan(sql, where, params)
    # Every candidate has more than GATHER_LIMIT live rows. With one term and no filter those rows are
    # the matches, so the count is known to exceed the cap (COUNT_CAP <= GATHER_LIMIT).
    return _Plan(None, where, params, more=alone)


def _count(session: Session, flt: EnterpriseFilter, cap: int | None) -> int:
    plan = _plan(session, flt)
    if cap is not None and plan.more and cap <= GATHER_LIMIT:
        return cap + 1
    limit = "" if cap is None else f" LIMIT {int(cap) + 1}"
    if plan.member:
        sql = f"SELECT count(*) FROM (SELECT 1 FROM ({plan.member}) AS m WHERE m.rowid NOT IN ({_TOMBSTONES}){limit})"
        return int(session.connection().execute(text(sql), plan.params).scalar_one())
    source = f"({plan.driver}) AS m CROSS JOIN enterprise e ON e.rowid = m.rowid" if plan.driver else "enterprise e"
    sql = f"SELECT count(*) FROM (SELECT 1 FROM {source} WHERE {plan.where}{limit})"
    return int(session.connection().execute(text(sql), plan.params).scalar_one())


def count_upto(session: Session, flt: EnterpriseFilter, cap: int = COUNT_CAP) -> int:
    """The number of matching enterprises, counted up to cap + 1: a result above `cap` means "more
    than cap" (the list says so, and counts exactly when the user asks). A broad term's exact count
    reads every hit; the capped one stops early or is known from the plan's probe."""
    return _count(session, flt, cap)


def _page_by_name(
    session: Session, flt: EnterpriseFilter, offset: int, limit: int, descending: bool, after: tuple[str, int] | None
) -> list[dict[str, Any]]:
    plan = _plan(session, flt)
    direction = "DESC" if descending else "ASC"
    params = dict(plan.params, limit=limit, offset=0 if after else offset)
    where = plan.where
    if after is not None:
        where += f" AND (s.k, s.rid) {'<' if descending else '>'} (:after_k, :after_rid)"
        params.update(after_k=after[0], after_rid=after[1])
    if plan.member:
        # "+" keeps the planner on the key index (rid is the sort table's primary key: it would
        # otherwise look up each hit and sort them all); the hits become one in-memory set.
        source = "enterprise_fts_sort s"
        where = where.replace(plan.where, f"+s.rid IN ({plan.member}) AND s.rid NOT IN ({_TOMBSTONES})", 1)
    elif plan.driver:
        source = (f"({plan.driver}) AS m CROSS JOIN enterprise e ON e.rowid = m.rowid"
                  " CROSS JOIN enterprise_fts_sort s ON s.rid = e.rowid")
    else:
        source = "enterprise_fts_sort s CROSS JOIN enterprise e ON e.rowid = s.rid"
    # MATERIALIZED: the page's rows are picked first, and only those are joined to grid and visits.
    sql = f"""
        WITH pick AS MATERIALIZED (
            SELECT s.rid AS rid, s.k AS k FROM {source} WHERE {where}
            ORDER BY s.k {direction}, s.rid {direction} LIMIT :limit OFFSET :offset
        )
        {_LIST_SQL.format(direction=direction)}
    """
    rows = session.connection().execute(text(sql), params).all()
    out = []
    for row in rows:
        item = dict(zip(LIST_COLUMNS, row[:-2], strict=True))
        item["_key"], item["_rid"] = row[-2], row[-1]
        out.append(item)
    return out


WARM_ROWS = 8_000


def warm_search(conn: Any) -> None:
    """Reads into this connection's page cache what the first searches read: the start of the name
    key index with the enterprise rows it leads to (a broad term walks them to fill its page) and the
    search indexes' structure. SQLCipher decrypts a page on its first read per connection; cold, the
    first search of a session took 100 ms and more at 300,000 enterprises, warm a few. `conn` is a
    SQLAlchemy connection of the read pool, which hands the most recently used one out first."""
    conn.exec_driver_sql(
        "SELECT count(*), max(length(e.name) + length(e.address)) FROM (SELECT rid FROM enterprise_fts_sort"
        f" ORDER BY k LIMIT {WARM_ROWS}) AS s CROSS JOIN enterprise e ON e.rowid = s.rid"
    ).all()
    for table in ("enterprise_fts_idx", "enterprise_fts_bigram_idx"):
        conn.exec_driver_sql(f"SELECT count(*) FROM {table}").all()
    conn.exec_driver_sql("SELECT count(*) FROM enterprise WHERE deleted = 1").all()


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

_INSERT_TRIGGERS = ("enterprise_fts_ai", "enterprise_fts_bigram_ai", "enterprise_fts_sort_ai")
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


_FTS_TABLES = ("enterprise_fts", "enterprise_fts_bigram")
_FTS_DEFAULT_HASH = 1024 * 1024  # FTS5's own default
_FTS_BULK_HASH = 16 * 1024 * 1024
_BULK_ROWS = 5_000


@contextmanager
def _fts_bulk_hash(session: Session, rows: int) -> Iterator[None]:
    """A bigger in-memory term table for the FTS indexes while a bulk build writes them: with
    FTS5's 1 MB default a build of 100,000 rows flushes dozens of small segments and then merges them
    again and again (about a third of the build's time); with 16 MB it writes a few large ones. The
    setting is part of the FTS table's configuration, so the default comes back in the same
    transaction (a rollback restores it too)."""
    if rows < _BULK_ROWS:
        yield
        return
    conn = session.connection()
    for table in _FTS_TABLES:
        conn.exec_driver_sql(f"INSERT INTO {table} ({table}, rank) VALUES ('hashsize', {_FTS_BULK_HASH})")
    try:
        yield
    finally:
        for table in _FTS_TABLES:
            conn.exec_driver_sql(f"INSERT INTO {table} ({table}, rank) VALUES ('hashsize', {_FTS_DEFAULT_HASH})")


def index_range(session: Session, first_rowid: int, last_rowid: int) -> None:
    """Search index entries for enterprise rows inserted while the triggers were suspended."""
    with _fts_bulk_hash(session, last_rowid - first_rowid + 1):
        _index_range(session, first_rowid, last_rowid)


_INDEX_WINDOW = 25_000  # rows per pass: memory stays flat at any size of list
_THREADED_ROWS = 5_000


def _index_range(session: Session, first_rowid: int, last_rowid: int) -> None:
    """A window of rows at a time: the trigram entries are written by SQLite in another thread while
    this one cuts the bigrams and pinyin sort keys (Python work, a third of the build's time, done in
    the trigram statement's shadow); then the bigrams and keys go in. The keys are computed here rather
    than by the SQL function, one call per row fewer."""
    conn = session.connection()
    trigram = (
        "INSERT INTO enterprise_fts (rowid, name, address, credit_code) "
        "SELECT rowid, name, address, credit_code FROM enterprise WHERE rowid BETWEEN ? AND ?"
    )
    for start in range(first_rowid, last_rowid + 1, _INDEX_WINDOW):
        end = min(start + _INDEX_WINDOW - 1, last_rowid)
        rows = conn.exec_driver_sql("SELECT rowid, name, address FROM enterprise WHERE rowid BETWEEN ? AND ?", (start, end)).all()
        if len(rows) < _THREADED_ROWS:
            conn.exec_driver_sql(trigram, (start, end))
        else:
            background.start(conn, [(trigram, (start, end))])
        grams = [(rowid, bigrams(name, address)) for rowid, name, address in rows]
        keys = [(rowid, sort_text(name)) for rowid, name, _ in rows]
        if rows:  # (the trigram statement is waited for here: the connection's next use)
            conn.exec_driver_sql("INSERT INTO enterprise_fts_bigram (rowid, grams) VALUES (?, ?)", grams)
            conn.exec_driver_sql("INSERT INTO enterprise_fts_sort (rid, k) VALUES (?, ?)", keys)

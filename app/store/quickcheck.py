"""The store's side of `union-inspector check`, in plain SQL over one keyed DB-API connection.

At 300,000 enterprises `check` spent most of its time importing SQLAlchemy, SQLModel and the table
classes, not querying. Everything the checks read from the database is here, as bare SQL on the
SQLCipher driver: the connection is opened once per run the same way the store's engines open theirs
(`cipher.open_store`), and nothing in this module imports SQLAlchemy. What needs the ORM (the whole
audit chain, the integrity check) stays with `check --deep`."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any, TypeAlias

import sqlcipher3.dbapi2 as sqlcipher

from app.paths import DataPaths

Connection: TypeAlias = sqlcipher.Connection

_SHARED: ContextVar[tuple[DataPaths, Connection] | None] = ContextVar("check_connection", default=None)


def stored_revisions(conn: Connection) -> set[str]:
    """The Alembic revisions the file says it is at (empty for a file no migration has touched)."""
    known = conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'").fetchone()
    if known is None:
        return set()
    return {str(row[0]) for row in conn.execute("SELECT version_num FROM alembic_version")}


def _open_current(paths: DataPaths) -> Connection | None:
    """The keyed connection when the file can be read as it is: None when the full open has work to do
    first (no file yet, a plain file to encrypt, a locked device, a schema to migrate)."""
    from app.store import encryption, migrate
    from app.store.cipher import open_store

    path = paths.database
    if not path.exists() or path.stat().st_size == 0 or encryption.is_plain_sqlite(path):
        return None
    if encryption.locked_reason(paths):
        return None
    conn = open_store(path, encryption.resolve_key(paths, create=False))
    if stored_revisions(conn) != migrate.heads():
        conn.close()
        return None
    return conn


def open_connection(paths: DataPaths) -> Connection:
    """A keyed connection to a current store. A folder that needs more (creating, converting,
    migrating) goes through the full open once, which does that or says in one sentence why not."""
    conn = _open_current(paths)
    if conn is None:
        from app.store.db import open_database

        open_database(paths).dispose()
        conn = _open_current(paths)
        if conn is None:
            raise RuntimeError(f"无法打开 {paths.database}")
    return conn


@contextmanager
def shared_connection(paths: DataPaths) -> Iterator[Connection]:
    """One open shared by every check of a run (the key is derived once)."""
    current = _SHARED.get()
    if current is not None and current[0].database == paths.database:
        yield current[1]
        return
    conn = open_connection(paths)
    token = _SHARED.set((paths, conn))
    try:
        yield conn
    finally:
        _SHARED.reset(token)
        conn.close()


@contextmanager
def connection(paths: DataPaths) -> Iterator[Connection]:
    """The run's shared connection, or one of its own for a check called alone."""
    with shared_connection(paths) as conn:
        yield conn


def of_session(session: Any) -> Connection:
    """The DB-API connection under a SQLAlchemy session's transaction: the store's own functions hand
    it to the queries here, so that `check` and the program share one version of each."""
    return session.connection().connection.driver_connection


def scalar(conn: Connection, sql: str, params: tuple[Any, ...] = ()) -> int:
    row = conn.execute(sql, params).fetchone()
    return int(row[0] or 0) if row else 0


def local_value(conn: Connection, key: str, default: str = "") -> str:
    row = conn.execute("SELECT value FROM local_state WHERE key = ?", (key,)).fetchone()
    return str(row[0]) if row else default


def local_int(conn: Connection, key: str, default: int) -> int:
    raw = local_value(conn, key)
    try:
        return int(raw) if raw else default
    except ValueError:
        return default


# --- sync ---


@dataclass(frozen=True)
class SyncSummary:
    server_url: str
    username: str
    device_id: str
    revoked: bool
    last_sync_at: str
    queued: int
    conflicts: int
    attention: int


def sync_summary(conn: Connection) -> SyncSummary:
    """`sync_state.load` and `sync_queue.counts`, as `check` needs them."""
    by_state = dict(conn.execute("SELECT state, count(*) FROM outbox GROUP BY state").fetchall())
    return SyncSummary(
        # the keys of `sync_state` (which imports SQLModel)
        server_url=local_value(conn, "sync.server_url"),
        username=local_value(conn, "sync.username"),
        device_id=local_value(conn, "device_id"),
        revoked=local_value(conn, "sync.revoked") == "1",
        last_sync_at=local_value(conn, "sync.last_sync_at"),
        queued=int(by_state.get("pending", 0)) + int(by_state.get("sent", 0)),
        conflicts=scalar(conn, "SELECT count(*) FROM sync_conflict WHERE resolved_at IS NULL"),
        attention=int(by_state.get("rejected", 0)),
    )


# --- audit log ---


def audit_tail(conn: Connection) -> tuple[bool, str]:
    from app.store.audit_chain import verify_tail

    report = verify_tail(conn)
    return report.ok, report.message


# --- letters ---


def letter_number_report(conn: Connection, today: dt.date | None = None) -> list[tuple[str, str]]:
    """`letter_numbers.number_report` in plain SQL: numbers left per series, and this device's
    provisional letters still waiting for a real number."""
    from app.core.letters import DEFAULT_CODES, LetterKind, device_tag, parse_number, series_key

    year = (today or dt.date.today()).year
    wanted: set[tuple[str, int]] = set()
    for kind in LetterKind:
        code = local_value(conn, "letter_code." + kind.value) or DEFAULT_CODES[kind]
        wanted.add((series_key(code), year))
    for key, y in conn.execute("SELECT DISTINCT series_key, year FROM letter_number_block"):
        if int(y) >= year:
            wanted.add((str(key), int(y)))
    for key, y in conn.execute(
        "SELECT DISTINCT series_key, year FROM letter WHERE number_provisional = 1 AND deleted = 0"
    ):
        if key and y is not None:
            wanted.add((str(key), int(y)))
    for (key,) in conn.execute("SELECT DISTINCT series_key FROM letter WHERE status = 'draft' AND deleted = 0"):
        if key:
            wanted.add((str(key), year))
    out: list[tuple[str, str]] = []
    for key, y in sorted(wanted):
        left = scalar(
            conn,
            "SELECT coalesce(sum(max(0, \"end\" - next_value + 1)), 0) FROM letter_number_block"
            " WHERE series_key = ? AND year = ?",
            (key, y),
        )
        if left == 0:
            out.append(("warn", f"{key}〔{y}〕：本机没有可用文号，离线发函只能使用临时编号；联网同步后自动领取"))
        else:
            out.append(("ok", f"{key}〔{y}〕：本机还有 {left} 个文号"))
    waiting = [str(n) for (n,) in conn.execute("SELECT number FROM letter WHERE number_provisional = 1 AND deleted = 0")]
    if waiting:
        mine = set()
        name = local_value(conn, "letter_device_name")
        device = local_value(conn, "device_id")
        if name:
            mine.add(name)
        elif device:
            mine.add(device_tag(device))
        old = local_value(conn, "letter_device_tag")
        if old:
            mine.add(old)
        own = [n for n in waiting if (parsed := parse_number(n)) is not None and parsed.device in mine]
        if own:
            out.append(("warn", f"{len(own)} 份函件使用临时编号，待同步后换为正式文号"))
    return out


def citation_report(conn: Connection) -> list[tuple[str, str]]:
    """`citations.citation_report` in plain SQL."""
    import hashlib

    from app.catalog import load_catalog

    out: list[tuple[str, str]] = []
    waiting: list[str] = []
    for category in load_catalog().categories:
        for citation in category.unverified:
            heading = citation.heading()
            key = "citation_confirmed." + hashlib.sha1(heading.encode("utf-8")).hexdigest()[:20]
            raw = local_value(conn, key)
            found: tuple[str, str] | None = None
            if raw:
                try:
                    data = json.loads(raw)
                except json.JSONDecodeError:
                    data = None
                if isinstance(data, dict):
                    found = (str(data.get("by", "")), str(data.get("at", "")))
            else:
                row = conn.execute(
                    "SELECT confirmed_by, confirmed_at FROM citation_confirmation WHERE article_key = ? AND deleted = 0"
                    " LIMIT 1",
                    (heading,),
                ).fetchone()
                found = (str(row[0]), str(row[1])) if row else None
            if found is None:
                waiting.append(heading)
            else:
                out.append(("ok", f"{heading}：已由 {found[0]} 于 {found[1][:10]} 确认"))
    if waiting:
        listed = "、".join(dict.fromkeys(waiting))
        out.append(("warn", f"{listed} 未与官方文本核对，引用这些条文的函件发出前须由区总工会工作人员确认"))
    else:
        out.append(("ok", "违法类别目录中的条文均已核对或确认"))
    return out


# --- visits and forms ---


def form_versions_used(conn: Connection) -> set[tuple[str, int]]:
    """A skip scan over ix_visit_form: one index probe per distinct (form, version) pair."""
    used: set[tuple[str, int]] = set()
    form = conn.execute("SELECT min(form_id) FROM visit").fetchone()[0]
    while form is not None:
        version = conn.execute("SELECT min(form_version) FROM visit WHERE form_id = ?", (form,)).fetchone()[0]
        while version is not None:
            used.add((str(form), int(version)))
            version = conn.execute(
                "SELECT min(form_version) FROM visit WHERE form_id = ? AND form_version > ?", (form, version)
            ).fetchone()[0]
        form = conn.execute("SELECT min(form_id) FROM visit WHERE form_id > ?", (form,)).fetchone()[0]
    return used


def count_visits_with_form(conn: Connection, form_id: str, version: int) -> int:
    return scalar(conn, "SELECT count(*) FROM visit WHERE form_id = ? AND form_version = ?", (form_id, version))


# --- data pool, map ---


@dataclass(frozen=True)
class DatapoolSummary:
    threshold: int
    overdue_days: int
    open_conflicts: int
    last_batch: tuple[str, str] | None  # file name, started at
    rules: int
    gone: int


def datapool_summary(conn: Connection, default_threshold: int, default_overdue: int) -> DatapoolSummary:
    last = conn.execute(
        "SELECT file_name, started_at FROM import_batch WHERE deleted = 0 ORDER BY started_at DESC LIMIT 1"
    ).fetchone()
    return DatapoolSummary(
        threshold=local_int(conn, "target_headcount", default_threshold),
        overdue_days=local_int(conn, "overdue_visit_days", default_overdue),
        open_conflicts=scalar(conn, "SELECT count(*) FROM field_conflict WHERE status = 'open' AND deleted = 0"),
        last_batch=(str(last[0]), str(last[1])) if last else None,
        rules=scalar(conn, "SELECT count(*) FROM conflict_rule WHERE deleted = 0 AND enabled = 1"),
        gone=scalar(conn, "SELECT count(*) FROM enterprise WHERE deleted = 0"
                    " AND registration_status IN ('deregistered', 'revoked', 'moved_out')"),
    )


# The search structures an enterprise list relies on, as migration 0107_bigram_ascii leaves them: the
# trigram index, the bigram index without positions (its queries never read them) split by the plain
# ASCII tokenizer, the pinyin sort keys with their index. Triggers keep them in step with the rows.
SEARCH_STRUCTURES = (
    ("enterprise_fts", "table"),
    ("enterprise_fts_bigram", "table"),
    ("enterprise_fts_sort", "table"),
    ("ix_enterprise_fts_sort_k", "index"),
    ("enterprise_fts_ai", "trigger"),
    ("enterprise_fts_bigram_ai", "trigger"),
    ("enterprise_fts_sort_ai", "trigger"),
)


def search_index_problems(conn: Connection, deep: bool = False) -> list[str]:
    """What is missing or not in its current form among the search structures (read from the schema,
    a few pages); `deep` adds FTS5's own integrity check of both indexes (every row read)."""
    found = {(str(n), str(t)): str(sql or "") for n, t, sql in conn.execute(
        "SELECT name, type, sql FROM sqlite_master WHERE name LIKE 'enterprise_fts%' OR name = 'ix_enterprise_fts_sort_k'"
    )}
    problems = [f"缺少{name}" for name, kind in SEARCH_STRUCTURES if (name, kind) not in found]
    bigram = found.get(("enterprise_fts_bigram", "table"), "")
    if bigram and ("detail='none'" not in bigram or "tokenize='ascii'" not in bigram):
        problems.append("enterprise_fts_bigram 不是当前的精简形式（应为 tokenize='ascii'、detail='none'）")
    if deep and not problems:
        for table, check in (("enterprise_fts", 1), ("enterprise_fts_bigram", 0)):
            try:
                conn.execute(f"INSERT INTO {table} ({table}, rank) VALUES ('integrity-check', {check})")
            except sqlcipher.DatabaseError as exc:  # corrupt, or out of step with the rows
                problems.append(f"{table} 与企业数据不一致：{exc}")
    return problems


def count_unplaced(conn: Connection) -> int:
    return scalar(conn, "SELECT count(*) FROM enterprise WHERE deleted = 0 AND (longitude IS NULL OR latitude IS NULL)")


# --- unions ---

# Units in two unions of the same form (possible only when two devices did it offline).
UNION_DUPLICATE_COVERS = """
    SELECT e.name, c.form, count(DISTINCT c.union_id)
    FROM union_unit c JOIN union_org u ON u.id = c.union_id AND u.deleted = 0
    JOIN enterprise e ON e.id = c.enterprise_id
    WHERE c.deleted = 0 GROUP BY c.enterprise_id, c.form HAVING count(DISTINCT c.union_id) > 1
"""


# --- legislative contact point ---


def legislation_health(conn: Connection) -> list[tuple[str, str]]:
    """`legislation.health` in plain SQL."""
    consultations = scalar(conn, "SELECT count(*) FROM lf_consultation WHERE deleted = 0")
    suggestions = scalar(conn, "SELECT count(*) FROM lf_suggestion WHERE deleted = 0 AND is_summary = 0")
    waiting = scalar(conn, "SELECT count(*) FROM lf_suggestion WHERE deleted = 0 AND status = 'collected'")
    informants = scalar(conn, "SELECT count(*) FROM lf_informant WHERE deleted = 0")
    orphans = scalar(conn, "SELECT count(*) FROM lf_suggestion s WHERE s.deleted = 0 AND s.merged_into IS NOT NULL "
                     "AND NOT EXISTS (SELECT 1 FROM lf_suggestion m WHERE m.id = s.merged_into AND m.deleted = 0)")
    empty = scalar(conn, "SELECT count(*) FROM lf_suggestion s WHERE s.deleted = 0 AND s.is_summary = 1 "
                   "AND NOT EXISTS (SELECT 1 FROM lf_suggestion x WHERE x.merged_into = s.id AND x.deleted = 0)")
    out = [("ok", f"{consultations} 项征询，{informants} 名信息员，{suggestions} 条建议（{waiting} 条待归纳或报送）")]
    if orphans or empty:
        out.append(("warn", f"{orphans} 条建议归入的汇总建议已不存在，{empty} 条汇总建议没有来源建议"))
    return out

"""Encryption at rest, what it costs: autosave (one visit draft per transaction, synchronous=FULL),
list paging (the enterprise list's pages) and search (trigram, bigram and code terms) on the program's
SQLCipher database against the same file decrypted to plain SQLite (stdlib sqlite3, same schema,
same queries), measured in the same run. Target: every ratio within 1.3x."""

from __future__ import annotations

import datetime as dt
import random
import shutil
import sqlite3
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import sqlcipher3.dbapi2 as sqlcipher
from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlmodel import create_engine

from app.core.codes import make_credit_code
from app.paths import DataPaths
from app.store import changes, enterprises, visits
from app.store.db import BUSY_TIMEOUT_MS, CACHE_KIB, Database, open_database
from app.store.tables import Enterprise

ENTERPRISES = 20_000
SAVES = 100
PAGES = 40
TERMS = ["示范区", "织造", "有限公司", "青藤", "机械", "9144", "科技", "区", "物流有限"]


def _plain_engine(path: Path, *, immediate: bool, same_sqlite: bool = False) -> Engine:
    """What a skilled engineer would write with the same tools and no encryption: the program's own
    pragmas, cache size and pool on stdlib sqlite3, so that the ratio is the cost of encryption alone."""
    if same_sqlite:
        # SQLCipher's own SQLite (3.51) with no key: the ratio is then the cost of encryption alone,
        # not of the SQLite version (stdlib's is 3.40 here, and plans differ between them).
        def creator() -> Any:
            return sqlcipher.connect(str(path), check_same_thread=False, timeout=BUSY_TIMEOUT_MS / 1000)

        engine = create_engine(f"sqlite:///{path}", creator=creator, module=sqlcipher, pool_use_lifo=True)
    else:
        engine = create_engine(
            f"sqlite:///{path}",
            connect_args={"check_same_thread": False, "timeout": BUSY_TIMEOUT_MS / 1000},
            pool_use_lifo=True,
        )

    @event.listens_for(engine, "connect")
    def _on_connect(conn: sqlite3.Connection, _record: Any) -> None:
        conn.isolation_level = None
        for pragma in ("journal_mode=WAL", "synchronous=FULL", "foreign_keys=ON", f"busy_timeout={BUSY_TIMEOUT_MS}",
                       f"cache_size=-{CACHE_KIB}"):
            conn.execute(f"PRAGMA {pragma}")

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


class PlainDatabase(Database):
    def __init__(self, paths: DataPaths, *, same_sqlite: bool = False) -> None:  # the baseline has no key
        self.paths = paths
        self.path = paths.database
        self.key = b""
        self.write_engine = _plain_engine(self.path, immediate=True, same_sqlite=same_sqlite)
        self.read_engine = _plain_engine(self.path, immediate=False, same_sqlite=same_sqlite)


def _fill(db: Database, n: int) -> str:
    rng = random.Random(7)
    words = ["青藤", "织造", "机械", "科技", "物流", "食品", "建材", "电子", "服装", "印刷"]
    with db.write() as session:
        firm = changes.insert(session, Enterprise(name="自动保存测试企业"), "bench")
        table = Enterprise.__table__  # type: ignore[attr-defined]
        rows = []
        for i in range(n):
            e = Enterprise(
                name=f"示范区{rng.choice(words)}{rng.choice(words)}{i:05d}有限公司",
                address=f"示范区{rng.choice(words)}路{i % 400}号",
                credit_code=make_credit_code(f"91440{i:012d}"[:17]),
                headcount=rng.randint(1, 900),
            )
            rows.append({c.name: getattr(e, c.name) for c in table.columns})
        session.connection().execute(table.insert(), rows)
        return firm.id


def _timed(fn: Callable[[], object], rounds: int) -> list[float]:
    out = []
    for _ in range(rounds):
        t0 = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t0)
    return out


def _workloads(db: Database, firm_id: str) -> dict[str, float]:
    n = [0]

    def autosave() -> None:
        n[0] += 1
        with db.write() as session:
            visits.save_draft(
                session, visit_id=None, enterprise_id=firm_id, form_id="sanchasanji", form_version=1,
                answers={"visitors": "王芳、李强", "headcount": n[0], "worker_needs": "通勤班车" * (n[0] % 7)},
                visit_date=dt.date(2026, 1, 1), inspector_id=None, summary=f"第 {n[0]} 次保存", actor="bench",
                status="draft",
            )

    offsets = [random.Random(3).randrange(0, ENTERPRISES - 200) for _ in range(PAGES)]
    it = iter(offsets * 10)

    def paging() -> None:
        with db.read() as session:
            enterprises.page(session, enterprises.EnterpriseFilter(), next(it), 200)

    terms = iter(TERMS * 100)

    def search() -> None:
        with db.read() as session:
            flt = enterprises.EnterpriseFilter(query=next(terms))
            enterprises.count(session, flt)
            enterprises.page(session, flt, 0, 200)

    for warm in (paging, search):
        warm()
    return {
        "autosave": statistics.median(_timed(autosave, SAVES)) * 1000,
        "list paging": statistics.median(_timed(paging, PAGES)) * 1000,
        "search": statistics.median(_timed(search, len(TERMS) * 4)) * 1000,
    }


def test_encrypted_against_plain(tmp_path: Path) -> None:
    enc_paths = DataPaths(tmp_path / "enc").ensure()
    enc = open_database(enc_paths)
    firm_id = _fill(enc, ENTERPRISES)
    plain_paths = DataPaths(tmp_path / "plain").ensure()
    conn = enc.connect_raw()
    conn.execute(f"ATTACH DATABASE '{plain_paths.database}' AS plain KEY ''")
    conn.execute("SELECT sqlcipher_export('plain')")
    conn.execute("DETACH DATABASE plain")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # both start with an empty WAL
    conn.close()
    same_paths = DataPaths(tmp_path / "same").ensure()
    shutil.copy(plain_paths.database, same_paths.database)
    plain = PlainDatabase(plain_paths)
    same = PlainDatabase(same_paths, same_sqlite=True)
    results: dict[str, list[dict[str, float]]] = {"stdlib": [], "same": [], "encrypted": []}
    # interleaved three times, so no side always runs on a warmer (or busier) machine
    for _round in range(3):
        for label, db in (("stdlib", plain), ("same", same), ("encrypted", enc)):
            results[label].append(_workloads(db, firm_id))
    print(f"\nencryption at rest, {ENTERPRISES} enterprises (best of 3 medians, ms)")
    print("  baseline A: stdlib sqlite3 (SQLite 3.40); baseline B: SQLCipher's SQLite 3.51 with no key")
    worst = 0.0
    for name in ("autosave", "list paging", "search"):
        a = min(r[name] for r in results["stdlib"])
        b = min(r[name] for r in results["same"])
        e = min(r[name] for r in results["encrypted"])
        worst = max(worst, e / b)
        print(f"  {name:12s} stdlib {a:7.2f}  same-sqlite {b:7.2f}  encrypted {e:7.2f}  "
              f"encrypted/same {e / b:5.2f}x  encrypted/stdlib {e / a:5.2f}x")
    print(f"  worst cost of encryption alone {worst:.2f}x (target 1.3x)")
    enc.dispose()
    plain.dispose()
    same.dispose()

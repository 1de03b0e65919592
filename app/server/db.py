"""The server's database: SQLite (one file, writers serialised by BEGIN IMMEDIATE) or PostgreSQL, where
writers that append to the change log hold a transaction-scoped advisory lock so sequence numbers commit
in order and a pull never skips one that commits later."""

from __future__ import annotations

import os
import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import event, make_url, text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import OperationalError
from sqlmodel import Session, create_engine

from app.server import timing

SEQ_LOCK_KEY = 0x55494E53  # "UINS": the one lock every change-log writer takes on PostgreSQL
LOGIN_LOCK_KEY = 0x55494E4C  # "UINL": sign-in attempts are counted one at a time
BUSY_TIMEOUT_MS = 30_000
# Connections per SQLite engine: a request thread never waits for one behind the 40 threads of the
# server's thread pool (SQLAlchemy's default of 5 + 10 made page views queue for a connection).
SQLITE_POOL = (20, 30)

_WRITERS: dict[str, threading.Lock] = {}
_WRITERS_GUARD = threading.Lock()


def _writer_lock(url: str) -> threading.Lock:
    """One lock per SQLite file in this process. SQLite lets one writer in at a time anyway; a thread
    that finds the file locked sleeps in SQLite's busy handler and polls (1, 2, 5 ... 100 ms), so under
    load the lock goes to whoever polls at the right moment and a push could wait seconds behind
    later ones. Queued on this lock the writers of one worker take turns and wake at once; BEGIN
    IMMEDIATE with the busy timeout still orders writers across worker processes."""
    with _WRITERS_GUARD:
        return _WRITERS.setdefault(url, threading.Lock())


def _sqlite_engine(url: str, *, immediate: bool) -> Engine:
    database = make_url(url).database
    pool: dict[str, Any] = {}
    if database and database != ":memory:":  # a file: QueuePool (memory databases keep their own pool)
        pool = {"pool_size": SQLITE_POOL[0], "max_overflow": SQLITE_POOL[1]}
    engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": BUSY_TIMEOUT_MS / 1000}, **pool)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: sqlite3.Connection, _record: Any) -> None:
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA synchronous=FULL")
        cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


def private_dir(path: Path) -> Path:
    """A folder only the server's user can enter (0700), made if missing, tightened if not."""
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    if path.stat().st_mode & 0o077:
        path.chmod(0o700)
    return path


def private_file(path: Path) -> None:
    """The SQLite file is created 0600 before SQLite opens it (its -wal and -shm copy that mode), and
    an existing one is tightened: accounts, tokens and every synced row are in it."""
    private_dir(path.parent)
    if not path.exists():
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT, 0o600))
    for suffix in ("", "-wal", "-shm", "-journal"):
        p = path.with_name(path.name + suffix)
        if p.exists() and p.stat().st_mode & 0o077:
            p.chmod(0o600)


class ServerDB:
    def __init__(self, url: str) -> None:
        self.url = url
        self.is_sqlite = url.startswith("sqlite")
        if self.is_sqlite:
            database = make_url(url).database
            if database and database != ":memory:":
                private_file(Path(database))
            self.write_engine = _sqlite_engine(url, immediate=True)
            self.read_engine = _sqlite_engine(url, immediate=False)
        else:
            self.write_engine = create_engine(url, pool_pre_ping=True, pool_size=10, max_overflow=20)
            self.read_engine = self.write_engine

    @contextmanager
    def write(self, *, serialize: bool = False, lock: int | None = None) -> Iterator[Session]:
        """A write transaction. `serialize=True` for anything that appends to the change log or hands out
        numbers: on PostgreSQL it takes the advisory lock first (SQLite's BEGIN IMMEDIATE already does).
        `lock` names another advisory lock for a read-then-write that must not interleave (login counts).
        On SQLite every write transaction first queues on this process's writer lock (see _writer_lock):
        keep the work inside short, and prepare what can be prepared before."""
        if self.is_sqlite:
            writer = _writer_lock(self.url)
            t0 = time.perf_counter()
            if not writer.acquire(timeout=BUSY_TIMEOUT_MS / 1000):
                raise OperationalError("BEGIN IMMEDIATE", None, sqlite3.OperationalError("database is locked"))
            t1, c1 = time.perf_counter(), time.thread_time()
            body = t1
            try:
                with Session(self.write_engine, expire_on_commit=False) as session, session.begin():
                    yield session
                    body = time.perf_counter()
            finally:
                writer.release()
                t2 = time.perf_counter()
                timing.add("lockwait", t1 - t0)
                timing.add("lock", t2 - t1)
                timing.add("lockcpu", time.thread_time() - c1)
                timing.add("commit", t2 - body)
            return
        with Session(self.write_engine, expire_on_commit=False) as session, session.begin():
            key = SEQ_LOCK_KEY if serialize else lock
            if key is not None:
                session.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": key})
            yield session

    @contextmanager
    def read(self) -> Iterator[Session]:
        t0, c0 = time.perf_counter(), time.thread_time()
        try:
            with Session(self.read_engine, expire_on_commit=False) as session, session.begin():
                yield session
        finally:
            timing.add("read", time.perf_counter() - t0)
            timing.add("readcpu", time.thread_time() - c0)

    def dispose(self) -> None:
        self.write_engine.dispose()
        if self.read_engine is not self.write_engine:
            self.read_engine.dispose()

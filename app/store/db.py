"""The SQLite file: pragmas that make a dying laptop battery harmless, write transactions that take the
lock up front, and the migration (with a backup first) that runs when the program starts."""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlmodel import Session, create_engine

from app.core import pinyin
from app.paths import DataPaths

log = logging.getLogger(__name__)

BUSY_TIMEOUT_MS = 10_000


def _make_engine(path: Path, *, immediate: bool) -> Engine:
    engine = create_engine(
        f"sqlite:///{path}",
        connect_args={"check_same_thread": False, "timeout": BUSY_TIMEOUT_MS / 1000},
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: sqlite3.Connection, _record: Any) -> None:
        # pysqlite's implicit BEGIN would start transactions late and deferred; we issue our own.
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA synchronous=FULL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cur.close()
        # Chinese names in pinyin order wherever a query says COLLATE pinyin.
        dbapi_conn.create_collation(pinyin.COLLATION, pinyin.compare)

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


class Database:
    """One SQLite file. `write()` for changes (serialised by BEGIN IMMEDIATE), `read()` for queries,
    which in WAL mode never wait for a writer."""

    def __init__(self, paths: DataPaths) -> None:
        self.paths = paths
        self.path = paths.database
        self.write_engine = _make_engine(self.path, immediate=True)
        self.read_engine = _make_engine(self.path, immediate=False)

    @contextmanager
    def write(self) -> Iterator[Session]:
        with Session(self.write_engine, expire_on_commit=False) as session, session.begin():
            yield session

    @contextmanager
    def read(self) -> Iterator[Session]:
        with Session(self.read_engine, expire_on_commit=False) as session, session.begin():
            yield session

    def dispose(self) -> None:
        self.write_engine.dispose()
        self.read_engine.dispose()

    def backup_to(self, target: Path) -> Path:
        """A consistent copy through SQLite's backup API (copying the open file could tear it)."""
        target.parent.mkdir(parents=True, exist_ok=True)
        src = sqlite3.connect(self.path)
        try:
            dst = sqlite3.connect(target)
            try:
                src.backup(dst)
            finally:
                dst.close()
        finally:
            src.close()
        return target


def timestamped_backup_path(paths: DataPaths, reason: str) -> Path:
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    return paths.backups / f"inspector-{stamp}-{reason}.db"


def open_database(paths: DataPaths, *, migrate: bool = True) -> Database:
    """Opens (creating if needed) the database, migrating it to the newest schema; an existing file is
    copied to a dated backup before any migration touches it."""
    from app.store import migrate as migrations

    paths.ensure()
    existed = paths.database.exists() and paths.database.stat().st_size > 0
    db = Database(paths)
    if migrate:
        pending = migrations.pending_revisions(db)
        if pending:
            if existed:
                backup = db.backup_to(timestamped_backup_path(paths, "pre-migrate"))
                log.info("backed up database to %s before migrating", backup)
            migrations.upgrade(db)
    return db

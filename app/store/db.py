"""The SQLite file: pragmas that make a dying laptop battery harmless, write transactions that take the
lock up front, and the migration (with a backup first) that runs when the program starts.

The file is encrypted with SQLCipher (why SQLCipher and where the key lives: `app.store.encryption`).
There is no unencrypted mode: every `Database` resolves its key, and a plain file left by an older
version is backed up (encrypted) and converted in place before the engines touch it. A data folder
locked after its device was revoked opens only through `open_locked` (export and re-enrolment)."""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import datetime
from pathlib import Path
from typing import Any

import sqlcipher3.dbapi2 as sqlcipher
from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.pool import QueuePool
from sqlmodel import Session, create_engine

from app.paths import DataPaths
from app.store import background, encryption
from app.store.cipher import BUSY_TIMEOUT_MS, configure, connect_raw
from app.store.cipher import CACHE_KIB as CACHE_KIB  # the benchmarks read it here
from app.store.encryption import DataLocked as DataLocked

log = logging.getLogger(__name__)

# The pools hand out the most recently used (warmest) connection first: see CACHE_KIB in `cipher`.


def _make_engine(path: Path, key: bytes, *, immediate: bool) -> Engine:
    def creator() -> sqlcipher.Connection:
        return connect_raw(path, key)

    # The URL names the file only for code that asks the engine where the database lives; the
    # connections come from `creator`, keyed.
    engine = create_engine(
        f"sqlite:///{path}", creator=creator, module=sqlcipher, poolclass=QueuePool, pool_use_lifo=True
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: sqlcipher.Connection, _record: Any) -> None:
        configure(dbapi_conn)

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    background.install(engine)
    return engine


class Database:
    """One SQLite file. `write()` for changes (serialised by BEGIN IMMEDIATE), `read()` for queries,
    which in WAL mode never wait for a writer."""

    def __init__(self, paths: DataPaths, *, key: bytes | None = None, allow_locked: bool = False) -> None:
        self.paths = paths
        self.path = paths.database
        self._shared = False
        secure_folders(paths)
        if not allow_locked:
            reason = encryption.locked_reason(paths)
            if reason:
                raise DataLocked(f"本机数据已锁定：{reason}；请由区工会办公室账号在本机重新登录解锁")
        self.key = key if key is not None else encryption.resolve_key(paths)
        if self.path.exists() and encryption.is_plain_sqlite(self.path):
            _encrypt_plain_file(paths, self.key)
        elif paths.backups.exists() and any(paths.backups.glob("inspector-*.db")):
            # a conversion cut short after the swap: the plain backups still go
            from app.store import backups

            backups.encrypt_plain_backups(paths, self.key)
        if not self.path.exists():
            # Created empty and 0600 first: SQLite gives the -wal and -shm files the same mode.
            os.close(os.open(self.path, os.O_WRONLY | os.O_CREAT, 0o600))
        elif self.path.stat().st_mode & 0o077:
            os.chmod(self.path, 0o600)
        connect_raw(self.path, self.key).close()  # a wrong key fails here, in one sentence
        self.write_engine = _make_engine(self.path, self.key, immediate=True)
        self.read_engine = _make_engine(self.path, self.key, immediate=False)
        from app.store import blobs

        blobs.register_key(paths.blobs, encryption.subkey(self.key, "attachments"))

    def connect_raw(self) -> sqlcipher.Connection:
        """For diagnostics and tests that need plain DB-API access to the encrypted file."""
        return connect_raw(self.path, self.key)

    @contextmanager
    def write(self) -> Iterator[Session]:
        with Session(self.write_engine, expire_on_commit=False) as session, session.begin():
            yield session

    @contextmanager
    def read(self) -> Iterator[Session]:
        with Session(self.read_engine, expire_on_commit=False) as session, session.begin():
            yield session

    def dispose(self) -> None:
        if self._shared:
            return  # the `shared_database` block that opened it disposes it when the block ends
        self.write_engine.dispose()
        self.read_engine.dispose()

    def backup_to(self, target: Path) -> Path:
        """A consistent, compressed and encrypted copy (see `app.store.backups`); no plain copy is
        ever written."""
        from app.store import backups

        conn = self.connect_raw()
        try:
            return backups.write_backup(conn, self.paths, self.key, target)
        finally:
            conn.close()


def timestamped_backup_path(paths: DataPaths, reason: str) -> Path:
    from app.store import backups

    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    return paths.backups / f"inspector-{stamp}-{reason}{backups.SUFFIX}"


def secure_folders(paths: DataPaths) -> None:
    """Data folders readable by the owner only (0700): they hold personal data, even if encrypted."""
    for folder in (paths.root, paths.backups, paths.blobs, paths.logs, paths.exports):
        if folder.exists():
            try:
                if folder.stat().st_mode & 0o077:
                    os.chmod(folder, 0o700)
            except OSError:
                continue


def _encrypt_plain_file(paths: DataPaths, key: bytes) -> None:
    """Converts a plain database left by an older version: an encrypted backup first, then
    `sqlcipher_export` into a new file beside it, then an atomic rename over the old one. Existing
    plain backups and attachments are encrypted too, so no clear copy of personal data stays."""
    from app.store import backups, blobs

    path = paths.database
    tmp = path.with_name(path.name + ".encrypting")
    for leftover in (tmp, tmp.with_name(tmp.name + "-journal")):
        leftover.unlink(missing_ok=True)
    plain = sqlcipher.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000)
    try:
        plain.isolation_level = None
        plain.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        backup = backups.write_backup(plain, paths, key, timestamped_backup_path(paths, "pre-migrate"))
        log.info("plain database backed up (encrypted) to %s before encrypting it", backup.name)
        version = plain.execute("PRAGMA user_version").fetchone()[0]
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        os.close(fd)
        plain.execute(f"ATTACH DATABASE '{tmp}' AS enc KEY \"x'{key.hex()}'\"")
        plain.execute("SELECT sqlcipher_export('enc')")
        plain.execute(f"PRAGMA enc.user_version = {int(version)}")
        plain.execute("DETACH DATABASE enc")
        plain.execute("PRAGMA journal_mode=DELETE")
    finally:
        plain.close()
    with open(tmp, "rb+") as fh:
        os.fsync(fh.fileno())
    for suffix in ("-wal", "-shm"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)
    os.replace(tmp, path)
    encryption.fsync_dir(path.parent)
    backups.encrypt_plain_backups(paths, key)
    blobs.encrypt_plain_files(paths.blobs, encryption.subkey(key, "attachments"))


def open_locked(paths: DataPaths) -> Database:
    """Opens a locked folder for the export of unsent work and for re-enrolment only."""
    return Database(paths, allow_locked=True)


# The database a `shared_database` block opened: `open_database` of the same file inside the block hands
# it out again instead of deriving the key, opening engines and comparing Alembic revisions once more.
_SHARED: ContextVar[Database | None] = ContextVar("shared_database", default=None)


@contextmanager
def shared_database(paths: DataPaths) -> Iterator[Database]:
    """One open shared by everything inside the block (`check` runs a dozen checks that each open the
    store: at 300,000 enterprises the repeated opens, not the queries, made it take seconds). Their
    `dispose()` is a no-op; the block disposes the engines when it ends."""
    current = _SHARED.get()
    if current is not None and current.path == paths.database:
        yield current
        return
    db = open_database(paths)
    db._shared = True
    token = _SHARED.set(db)
    try:
        yield db
    finally:
        _SHARED.reset(token)
        db._shared = False
        db.dispose()


def open_database(paths: DataPaths, *, migrate: bool = True) -> Database:
    """Opens (creating if needed) the database, migrating it to the newest schema; an existing file is
    copied to a dated backup before any migration touches it."""
    from app.store import migrate as migrations

    shared = _SHARED.get()
    if shared is not None and shared.path == paths.database:
        return shared

    paths.ensure()
    secure_folders(paths)
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

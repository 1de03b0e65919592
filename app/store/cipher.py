"""Opening the encrypted file with its key, apart from `db` so that backups (which `db` uses to write
its copies) can open a file too without the two modules importing each other."""

from __future__ import annotations

from pathlib import Path

import sqlcipher3.dbapi2 as sqlcipher

from app.core import pinyin
from app.store import encryption

BUSY_TIMEOUT_MS = 10_000
# Decrypted pages stay in SQLite's page cache; a miss costs an AES + HMAC of the page, not a memcpy
# from the OS cache, so each connection keeps 32 MB.
CACHE_KIB = 32_000


def _key_pragma(key: bytes) -> str:
    return f"PRAGMA key = \"x'{key.hex()}'\""


def connect_raw(path: Path, key: bytes, *, timeout: float = BUSY_TIMEOUT_MS / 1000) -> sqlcipher.Connection:
    """A DB-API connection with the key applied; refuses a wrong key with one sentence."""
    conn = sqlcipher.connect(str(path), check_same_thread=False, timeout=timeout)
    conn.execute(_key_pragma(key))
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlcipher.DatabaseError as exc:
        conn.close()
        if "not a database" in str(exc):  # SQLITE_NOTADB: what a wrong key looks like
            raise encryption.WrongKey(encryption.WRONG_KEY) from None
        raise
    # The enterprise name's pinyin sort key, kept by triggers in enterprise_sort: every connection
    # that may write an enterprise needs it.
    conn.create_function(pinyin.SORT_FUNCTION, 1, pinyin.sort_text, deterministic=True)
    return conn


def configure(conn: sqlcipher.Connection) -> None:
    """The settings every connection of the store runs with, whether the engines of `app.store.db`
    made it or `open_store` below (the quick `check`, which must not import SQLAlchemy)."""
    # pysqlite's implicit BEGIN would start transactions late and deferred; callers issue their own.
    conn.isolation_level = None
    cur = conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=FULL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cur.execute(f"PRAGMA cache_size=-{CACHE_KIB}")
    cur.close()
    # Chinese names in pinyin order wherever a query says COLLATE pinyin.
    conn.create_collation(pinyin.COLLATION, pinyin.compare)


def open_store(path: Path, key: bytes) -> sqlcipher.Connection:
    """A keyed, configured DB-API connection: the same open as the engines' connections."""
    conn = connect_raw(path, key)
    configure(conn)
    return conn

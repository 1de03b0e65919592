"""Local backups of the database: automatic ones (rotated: 7 daily, 4 weekly), manual ones, and
restore, which first backs up the current data so that a wrong choice can be undone.

A backup is compact and encrypted, and no plain copy of the database ever touches the disk:

- the rows of every table are read inside one read transaction (a consistent snapshot, like the
  backup API, without copying the open file), cut into chunks by rowid range, serialised, compressed
  (zlib) and sealed with AES-256-GCM under a sub-key of the database key;
- chunks are content-addressed by a keyed hash (HMAC) of their plain bytes and kept once in
  ``backups/chunks/``: a backup only adds the chunks that changed since the others, so eleven
  rotated copies of a 100,000-enterprise database cost little more than one;
- the backup file itself (``inspector-<stamp>-<kind>.uib``) is a sealed manifest: the schema as
  ``sqlite_master`` has it and the list of chunks per table. Restore rebuilds a new encrypted file
  beside the database from it (tables, then rows, then indexes and triggers, so no trigger fires
  twice) and swaps it in atomically.

Rotation deletes manifests, then the chunks no manifest refers to any more. Plain ``.db`` backups
left by older versions are converted (and deleted) when the database is first encrypted; a plain
``.db`` chosen for restore is still accepted.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import marshal
import os
import re
import threading
import zlib
from collections.abc import Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

import sqlcipher3.dbapi2 as sqlcipher

from app.paths import DataPaths
from app.store import encryption
from app.store.cipher import connect_raw

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine
    from sqlmodel import Session


class Database(Protocol):
    """What backups need of `app.store.db.Database` (declared here: db writes its copies through this
    module, so the two must not import each other)."""

    @property
    def path(self) -> Path: ...

    @property
    def paths(self) -> DataPaths: ...

    @property
    def key(self) -> bytes: ...

    @property
    def write_engine(self) -> Engine: ...

    def backup_to(self, target: Path) -> Path: ...

    def dispose(self) -> None: ...

    def write(self) -> AbstractContextManager[Session]: ...

SUFFIX = ".uib"
LEGACY_SUFFIX = ".db"
FORMAT = 1
CHUNK_SPAN = 1024  # rowids per chunk: an insert or an edit changes one chunk, not the ones after it
COMPRESS_LEVEL = 6
KEEP_DAILY = 7
KEEP_WEEKLY = 4
KEEP_OTHER = 10  # manual, pre-restore and pre-migrate copies: the newest ten of each kind
AUTO_INTERVAL = dt.timedelta(hours=4)

KIND_LABELS = {
    "auto": "自动备份",
    "manual": "手动备份",
    "pre-restore": "恢复前备份",
    "pre-migrate": "升级前备份",
}

_NAME = re.compile(r"^inspector-(\d{8})-(\d{6})(?:-(\d+))?-([a-z-]+)\.(uib|db)$")
_FTS_SHADOWS = ("data", "idx", "content", "docsize", "config")
_LOCK = threading.RLock()


class BackupError(Exception):
    """A backup that cannot be used; the message is one sentence for the user."""


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    kind: str
    created: dt.datetime
    size: int

    @property
    def label(self) -> str:
        return KIND_LABELS.get(self.kind, self.kind)


def parse_name(path: Path) -> tuple[dt.datetime, str] | None:
    match = _NAME.match(path.name)
    if not match:
        return None
    created = dt.datetime.strptime(match.group(1) + match.group(2), "%Y%m%d%H%M%S")
    return created, match.group(4)


def chunk_root(paths: DataPaths) -> Path:
    return paths.backups / "chunks"


def list_backups(paths: DataPaths) -> list[BackupInfo]:
    """Newest first."""
    if not paths.backups.exists():
        return []
    found: list[BackupInfo] = []
    for path in paths.backups.glob("inspector-*"):
        parsed = parse_name(path)
        if parsed is None:
            continue
        try:
            size = path.stat().st_size
        except OSError:
            continue
        found.append(BackupInfo(path, parsed[1], parsed[0], size))
    found.sort(key=lambda b: (b.created, b.path.name), reverse=True)
    return found


def _target(paths: DataPaths, kind: str, now: dt.datetime) -> Path:
    stamp = now.strftime("%Y%m%d-%H%M%S")
    target = paths.backups / f"inspector-{stamp}-{kind}{SUFFIX}"
    n = 1
    while target.exists():
        target = paths.backups / f"inspector-{stamp}-{n}-{kind}{SUFFIX}"
        n += 1
    return target


# --- writing ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Keys:
    chunk: bytes
    chunk_id: bytes
    manifest: bytes


def _keys(key: bytes) -> _Keys:
    return _Keys(
        encryption.subkey(key, "backup-chunks"),
        encryption.subkey(key, "backup-chunk-ids"),
        encryption.subkey(key, "backup-manifest"),
    )


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _table_shape(conn: sqlcipher.Connection, name: str) -> tuple[list[str], str]:
    """Columns, and how rows are keyed: "rowid" (implicit rowid kept, FTS content tables rely on
    it), "alias" (an INTEGER PRIMARY KEY) or "none" (WITHOUT ROWID)."""
    info = conn.execute(f"PRAGMA table_info({_quote(name)})").fetchall()
    columns = [str(r[1]) for r in info]
    pks = [r for r in info if r[5]]
    if len(pks) == 1 and str(pks[0][2]).upper() == "INTEGER":
        return columns, "alias"
    try:
        conn.execute(f"SELECT rowid FROM {_quote(name)} LIMIT 0")
    except sqlcipher.OperationalError:
        return columns, "none"
    return columns, "rowid"


def _chunks_of(conn: sqlcipher.Connection, name: str, columns: list[str], keyed: str) -> Iterator[list[tuple[Any, ...]]]:
    cols = ", ".join(_quote(c) for c in columns)
    if keyed == "rowid":
        cur = conn.execute(f"SELECT rowid, {cols} FROM {_quote(name)} ORDER BY rowid")
        key_index = 0
    elif keyed == "alias":
        pk = next(r[1] for r in conn.execute(f"PRAGMA table_info({_quote(name)})") if r[5])
        cur = conn.execute(f"SELECT {cols} FROM {_quote(name)} ORDER BY {_quote(pk)}")
        key_index = columns.index(pk)
    else:
        cur = conn.execute(f"SELECT {cols} FROM {_quote(name)}")
        key_index = -1
    rows: list[tuple[Any, ...]] = []
    current: int | None = None
    count = 0
    while True:
        batch = cur.fetchmany(2000)
        if not batch:
            break
        for row in batch:
            bucket = (row[key_index] // CHUNK_SPAN) if key_index >= 0 and isinstance(row[key_index], int) else count // CHUNK_SPAN
            count += 1
            if current is not None and bucket != current and rows:
                yield rows
                rows = []
            current = bucket
            rows.append(tuple(row))
    if rows:
        yield rows


def _store_chunk(paths: DataPaths, keys: _Keys, table: str, rows: list[tuple[Any, ...]]) -> str:
    plain = marshal.dumps(rows, 4)
    cid = hmac.new(keys.chunk_id, table.encode() + b"\0" + plain, hashlib.sha256).hexdigest()
    target = chunk_root(paths) / cid[:2] / cid
    if not target.exists():
        sealed = encryption.seal(keys.chunk, zlib.compress(plain, COMPRESS_LEVEL), cid.encode())
        _write_quick(target, sealed)
    return cid


def _write_quick(target: Path, data: bytes) -> None:
    """Chunks are fsynced one by one; the manifest that names them is written (and synced) last."""
    for folder in (target.parent.parent, target.parent):
        folder.mkdir(exist_ok=True, mode=0o700)  # one by one: parents=True would not pass the mode on
    tmp = target.with_name(f".{target.name}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def write_backup(conn: sqlcipher.Connection, paths: DataPaths, key: bytes, target: Path) -> Path:
    """Writes a backup of `conn`'s database (encrypted or plain) to `target` (a manifest name)."""
    keys = _keys(key)
    previous_level = conn.isolation_level
    conn.isolation_level = None
    with _LOCK:
        conn.execute("BEGIN")
        try:
            schema = [list(r) for r in conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY rowid")]
            user_version = conn.execute("PRAGMA user_version").fetchone()[0]
            tables: list[dict[str, Any]] = []
            for kind, name, _tbl, sql in schema:
                if kind != "table" or str(sql or "").upper().startswith("CREATE VIRTUAL TABLE"):
                    continue
                if name.startswith("sqlite_stat"):
                    continue
                columns, keyed = _table_shape(conn, name)
                chunk_ids: list[str] = []
                total = 0
                for rows in _chunks_of(conn, name, columns, keyed):
                    chunk_ids.append(_store_chunk(paths, keys, name, rows))
                    total += len(rows)
                tables.append({"name": name, "columns": columns, "keyed": keyed, "chunks": chunk_ids, "rows": total})
        finally:
            conn.execute("ROLLBACK")
            conn.isolation_level = previous_level
        manifest = {
            "format": FORMAT,
            "created": dt.datetime.now().isoformat(timespec="seconds"),
            "user_version": user_version,
            "schema": schema,
            "tables": tables,
        }
        body = zlib.compress(json.dumps(manifest, ensure_ascii=False).encode("utf-8"), COMPRESS_LEVEL)
        encryption.write_private(target, encryption.seal(keys.manifest, body, b"manifest"))
    return target


def make_backup(db: Database, kind: str = "manual", now: dt.datetime | None = None) -> Path:
    if kind not in KIND_LABELS:
        raise ValueError(f"unknown backup kind {kind}")
    db.paths.backups.mkdir(parents=True, exist_ok=True, mode=0o700)
    return db.backup_to(_target(db.paths, kind, now or dt.datetime.now()))


# --- reading ----------------------------------------------------------------------------------------


def read_manifest(path: Path, key: bytes) -> dict[str, Any]:
    if not path.is_file():
        raise BackupError(f"备份文件 {path.name} 不存在")
    try:
        body = encryption.unseal(_keys(key).manifest, path.read_bytes(), b"manifest")
        manifest = json.loads(zlib.decompress(body))
    except encryption.SealError:
        raise BackupError(f"{path.name} 不能用本机的密钥打开（不是本机的备份，或文件已损坏）") from None
    except (OSError, ValueError, zlib.error):
        raise BackupError(f"备份文件 {path.name} 已损坏，无法恢复") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError(f"{path.name} 不是本程序能读的备份格式")
    return manifest


def _read_chunk(paths: DataPaths, keys: _Keys, cid: str) -> list[tuple[Any, ...]]:
    target = chunk_root(paths) / cid[:2] / cid
    try:
        plain = zlib.decompress(encryption.unseal(keys.chunk, target.read_bytes(), cid.encode()))
    except (OSError, encryption.SealError, zlib.error):
        raise BackupError("备份的数据块缺失或已损坏，无法用这个备份恢复") from None
    rows = marshal.loads(plain)
    if not isinstance(rows, list):
        raise BackupError("备份的数据块已损坏，无法用这个备份恢复")
    return rows


def _table_rows(paths: DataPaths, key: bytes, manifest: dict[str, Any], table: str) -> list[dict[str, Any]]:
    keys = _keys(key)
    for entry in manifest["tables"]:
        if entry["name"] == table:
            columns = list(entry["columns"])
            if entry["keyed"] == "rowid":
                columns = ["rowid", *columns]
            return [dict(zip(columns, row, strict=True)) for cid in entry["chunks"] for row in _read_chunk(paths, keys, cid)]
    return []


def backup_rows(db: Database, backup: Path, table: str) -> list[dict[str, Any]]:
    """The rows of one table of a backup, as column -> value, for checks."""
    return _table_rows(db.paths, db.key, read_manifest(backup, db.key), table)


def _is_plain_file(path: Path) -> bool:
    return path.suffix == LEGACY_SUFFIX or encryption.is_plain_sqlite(path)


def check_backup(path: Path, key: bytes | None = None, paths: DataPaths | None = None) -> None:
    """Raises BackupError unless `path` is a usable backup of this program (with `key`, the
    manifest is opened and every chunk it names must be there)."""
    if not path.is_file():
        raise BackupError(f"备份文件 {path.name} 不存在")
    if _is_plain_file(path):
        _check_plain(path)
        return
    raw = path.read_bytes()[:4]
    if raw != encryption.SEAL_MAGIC:
        raise BackupError(f"{path.name} 不是本程序的数据备份")
    if key is None:
        return
    manifest = read_manifest(path, key)
    names = {t["name"] for t in manifest["tables"]}
    if not {"alembic_version", "enterprise", "outbox"} <= names:
        raise BackupError(f"{path.name} 不是本程序的数据备份")
    root = chunk_root(paths or DataPaths(path.parent.parent))
    for entry in manifest["tables"]:
        for cid in entry["chunks"]:
            if not (root / cid[:2] / cid).is_file():
                raise BackupError(f"备份文件 {path.name} 的数据块缺失，无法恢复")


def _check_plain(path: Path) -> None:
    try:
        conn = sqlcipher.connect(f"file:{path}?mode=ro", uri=True)
        try:
            verdict = conn.execute("PRAGMA integrity_check").fetchone()
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        finally:
            conn.close()
    except sqlcipher.DatabaseError as exc:
        raise BackupError(f"{path.name} 不是可用的数据库文件（{exc}）") from None
    if not verdict or verdict[0] != "ok":
        raise BackupError(f"备份文件 {path.name} 已损坏，无法恢复")
    if not {"alembic_version", "enterprise", "outbox"} <= tables:
        raise BackupError(f"{path.name} 不是本程序的数据备份")


def _backup_versions(db: Database, backup: Path) -> set[str]:
    if _is_plain_file(backup):
        conn = sqlcipher.connect(f"file:{backup}?mode=ro", uri=True)
        try:
            return {r[0] for r in conn.execute("SELECT version_num FROM alembic_version")}
        finally:
            conn.close()
    manifest = read_manifest(backup, db.key)
    return {str(r["version_num"]) for r in _table_rows(db.paths, db.key, manifest, "alembic_version")}


def _check_schema_known(db: Database, backup: Path) -> None:
    """A backup made by a newer version of the program could not be migrated back down; refuse it
    before the current data is touched."""
    from alembic.script import ScriptDirectory

    from app.store import migrate

    versions = _backup_versions(db, backup)
    script = ScriptDirectory.from_config(migrate.alembic_config(db))
    known = {rev.revision for rev in script.walk_revisions()}
    unknown = versions - known
    if unknown:
        raise BackupError(f"备份文件 {backup.name} 来自更新版本的程序（数据库版本 {'、'.join(sorted(unknown))}），请先升级程序再恢复")


def _shadow_tables(schema: list[list[Any]]) -> set[str]:
    virtual = [name for kind, name, _t, sql in schema if kind == "table" and str(sql or "").upper().startswith("CREATE VIRTUAL TABLE")]
    return {f"{v}_{suffix}" for v in virtual for suffix in _FTS_SHADOWS}


def build_database(paths: DataPaths, key: bytes, manifest: dict[str, Any], target: Path) -> None:
    """Writes a new encrypted database at `target` holding the backup's data."""
    for leftover in (target, target.with_name(target.name + "-journal")):
        leftover.unlink(missing_ok=True)
    os.close(os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    keys = _keys(key)
    schema: list[list[Any]] = manifest["schema"]
    shadows = _shadow_tables(schema)
    conn = connect_raw(target, key)
    try:
        conn.isolation_level = None
        conn.execute("PRAGMA journal_mode=DELETE")
        conn.execute("BEGIN")
        for kind, name, _t, sql in schema:
            if kind == "table" and sql and not name.startswith("sqlite_") and name not in shadows:
                conn.execute(sql)
        for entry in manifest["tables"]:
            name = entry["name"]
            if name.startswith("sqlite_stat"):
                continue
            if name in shadows:
                conn.execute(f"DELETE FROM {_quote(name)}")
            columns = list(entry["columns"])
            if entry["keyed"] == "rowid":
                columns = ["rowid", *columns]
            sql = f"INSERT INTO {_quote(name)} ({', '.join(_quote(c) for c in columns)}) VALUES ({', '.join('?' for _ in columns)})"
            for cid in entry["chunks"]:
                conn.executemany(sql, _read_chunk(paths, keys, cid))
        for kind, _name, _t, sql in schema:
            if kind in ("index", "trigger", "view") and sql:
                conn.execute(sql)
        conn.execute(f"PRAGMA user_version = {int(manifest.get('user_version') or 0)}")
        conn.execute("COMMIT")
    except BaseException:
        conn.close()
        target.unlink(missing_ok=True)
        raise
    conn.close()
    with open(target, "rb+") as fh:
        os.fsync(fh.fileno())


def _build_from_plain(source: Path, key: bytes, target: Path) -> None:
    for leftover in (target, target.with_name(target.name + "-journal")):
        leftover.unlink(missing_ok=True)
    os.close(os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    conn = sqlcipher.connect(f"file:{source}?mode=ro", uri=True)
    try:
        conn.isolation_level = None
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        conn.execute(f"ATTACH DATABASE '{target}' AS enc KEY \"x'{key.hex()}'\"")
        conn.execute("SELECT sqlcipher_export('enc')")
        conn.execute(f"PRAGMA enc.user_version = {int(version)}")
        conn.execute("DETACH DATABASE enc")
    finally:
        conn.close()


def restore(db: Database, backup: Path, actor: str) -> Path:
    """Replaces the database's content with `backup`; returns the pre-restore copy of what was there.

    The new file is built completely beside the database, then the engines are disposed and the file
    renamed over the old one, so a failure half-way leaves the current data as it was; every holder
    of `db` reconnects on its next use. An older backup is migrated to the current schema."""
    from app.store import audit, migrate

    check_backup(backup, db.key, db.paths)
    _check_schema_known(db, backup)
    building = db.path.with_name(db.path.name + ".restoring")
    if _is_plain_file(backup):
        _build_from_plain(backup, db.key, building)
    else:
        build_database(db.paths, db.key, read_manifest(backup, db.key), building)
    pre = make_backup(db, "pre-restore")
    db.dispose()
    for suffix in ("-wal", "-shm"):
        db.path.with_name(db.path.name + suffix).unlink(missing_ok=True)
    os.replace(building, db.path)
    encryption.fsync_dir(db.path.parent)
    db.dispose()
    if migrate.pending_revisions(db):
        migrate.upgrade(db)
    with db.write() as session:
        audit.record(session, "restore", f"从备份 {backup.name} 恢复数据，原数据已另存为 {pre.name}", actor)
    return pre


# --- rotation ---------------------------------------------------------------------------------------


def plan_rotation(backups: list[BackupInfo]) -> list[BackupInfo]:
    """The backups to delete: of the automatic ones, keep the newest of each of the last 7 days that
    have one and the newest of each of the last 4 weeks; of each other kind, the newest 10."""
    doomed: list[BackupInfo] = []
    auto = sorted((b for b in backups if b.kind == "auto"), key=lambda b: b.created, reverse=True)
    keep: set[Path] = set()
    days: list[dt.date] = []
    weeks: list[tuple[int, int]] = []
    for b in auto:
        day = b.created.date()
        if day not in days and len(days) < KEEP_DAILY:
            days.append(day)
            keep.add(b.path)
        iso = b.created.isocalendar()
        week = (iso.year, iso.week)
        if week not in weeks and len(weeks) < KEEP_WEEKLY:
            weeks.append(week)
            keep.add(b.path)
    doomed.extend(b for b in auto if b.path not in keep)
    for kind in {b.kind for b in backups if b.kind != "auto"}:
        same = sorted((b for b in backups if b.kind == kind), key=lambda b: b.created, reverse=True)
        doomed.extend(same[KEEP_OTHER:])
    return doomed


def rotate(paths: DataPaths, key: bytes | None = None) -> list[Path]:
    """Deletes the backups rotation lets go; with the key, also the chunks no backup refers to."""
    removed: list[Path] = []
    with _LOCK:
        for b in plan_rotation(list_backups(paths)):
            try:
                b.path.unlink()
                removed.append(b.path)
            except OSError:
                continue
        if key is not None:
            collect_garbage(paths, key)
    return removed


def collect_garbage(paths: DataPaths, key: bytes) -> int:
    """Deletes chunks that no readable manifest names. A manifest this key cannot open keeps every
    chunk (it might belong to data under another key), so nothing is deleted then."""
    root = chunk_root(paths)
    if not root.exists():
        return 0
    with _LOCK:
        referenced: set[str] = set()
        for info in list_backups(paths):
            if info.path.suffix != SUFFIX:
                continue
            try:
                manifest = read_manifest(info.path, key)
            except BackupError:
                return 0
            for entry in manifest["tables"]:
                referenced.update(entry["chunks"])
        deleted = 0
        for chunk in root.glob("*/*"):
            if chunk.name not in referenced:
                chunk.unlink(missing_ok=True)
                deleted += 1
        return deleted


def folder_size(paths: DataPaths) -> int:
    total = 0
    for path in paths.backups.rglob("*"):
        if path.is_file():
            total += path.stat().st_size
    return total


def auto_backup_due(paths: DataPaths, now: dt.datetime | None = None, interval: dt.timedelta = AUTO_INTERVAL) -> bool:
    now = now or dt.datetime.now()
    latest = next((b for b in list_backups(paths) if b.kind == "auto"), None)
    return latest is None or now - latest.created >= interval or latest.created > now


def auto_backup(db: Database, now: dt.datetime | None = None) -> Path | None:
    """Backs up when the last automatic backup is older than the interval, then rotates."""
    if not db.path.exists() or not auto_backup_due(db.paths, now):
        return None
    target = make_backup(db, "auto", now)
    rotate(db.paths, db.key)
    return target


def encrypt_plain_backups(paths: DataPaths, key: bytes) -> int:
    """Turns plain ``.db`` backups of older versions into encrypted ones (same stamp and kind) and
    deletes the plain files; returns how many."""
    done = 0
    if not paths.backups.exists():
        return 0
    for path in sorted(paths.backups.glob("inspector-*")):
        if path.suffix in (".partial",):
            path.unlink(missing_ok=True)
            continue
        if path.suffix != LEGACY_SUFFIX or not encryption.is_plain_sqlite(path):
            continue
        conn = sqlcipher.connect(f"file:{path}?mode=ro", uri=True)
        try:
            write_backup(conn, paths, key, path.with_suffix(SUFFIX))
        except sqlcipher.DatabaseError:
            conn.close()
            continue
        conn.close()
        path.unlink()
        done += 1
    for stray in paths.backups.glob("*.partial"):
        stray.unlink(missing_ok=True)
    return done

"""Local backups of the database file: automatic ones (rotated: 7 daily, 4 weekly), manual ones, and
restore, which first backs up the current file so that a wrong choice can be undone.

Copies go through SQLite's backup API: copying the open file could tear it (sqlite.org/howtocorrupt).
"""

from __future__ import annotations

import datetime as dt
import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from app.paths import DataPaths
from app.store.db import Database

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

_NAME = re.compile(r"^inspector-(\d{8})-(\d{6})(?:-(\d+))?-([a-z-]+)\.db$")


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


def list_backups(paths: DataPaths) -> list[BackupInfo]:
    """Newest first."""
    if not paths.backups.exists():
        return []
    found: list[BackupInfo] = []
    for path in paths.backups.glob("inspector-*.db"):
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
    target = paths.backups / f"inspector-{stamp}-{kind}.db"
    n = 1
    while target.exists():
        target = paths.backups / f"inspector-{stamp}-{n}-{kind}.db"
        n += 1
    return target


def make_backup(db: Database, kind: str = "manual", now: dt.datetime | None = None) -> Path:
    if kind not in KIND_LABELS:
        raise ValueError(f"unknown backup kind {kind}")
    db.paths.backups.mkdir(parents=True, exist_ok=True)
    target = _target(db.paths, kind, now or dt.datetime.now())
    partial = target.with_suffix(".partial")
    partial.unlink(missing_ok=True)
    db.backup_to(partial)
    partial.replace(target)  # a half-written backup never carries a backup's name
    return target


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


def rotate(paths: DataPaths) -> list[Path]:
    removed: list[Path] = []
    for b in plan_rotation(list_backups(paths)):
        try:
            b.path.unlink()
            removed.append(b.path)
        except OSError:
            continue
    return removed


def auto_backup_due(paths: DataPaths, now: dt.datetime | None = None, interval: dt.timedelta = AUTO_INTERVAL) -> bool:
    now = now or dt.datetime.now()
    latest = next((b for b in list_backups(paths) if b.kind == "auto"), None)
    return latest is None or now - latest.created >= interval or latest.created > now


def auto_backup(db: Database, now: dt.datetime | None = None) -> Path | None:
    """Backs up when the last automatic backup is older than the interval, then rotates."""
    if not db.path.exists() or not auto_backup_due(db.paths, now):
        return None
    target = make_backup(db, "auto", now)
    rotate(db.paths)
    return target


def check_backup(path: Path) -> None:
    """Raises BackupError unless `path` is an intact database of this program."""
    if not path.is_file():
        raise BackupError(f"备份文件 {path.name} 不存在")
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            verdict = conn.execute("PRAGMA integrity_check").fetchone()
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise BackupError(f"{path.name} 不是可用的数据库文件（{exc}）") from None
    if not verdict or verdict[0] != "ok":
        raise BackupError(f"备份文件 {path.name} 已损坏，无法恢复")
    if not {"alembic_version", "enterprise", "outbox"} <= tables:
        raise BackupError(f"{path.name} 不是本程序的数据备份")


def _check_schema_known(db: Database, backup: Path) -> None:
    """A backup made by a newer version of the program could not be migrated back down; refuse it
    before the current data is touched."""
    from alembic.script import ScriptDirectory

    from app.store import migrate

    conn = sqlite3.connect(f"file:{backup}?mode=ro", uri=True)
    try:
        versions = {r[0] for r in conn.execute("SELECT version_num FROM alembic_version")}
    finally:
        conn.close()
    script = ScriptDirectory.from_config(migrate.alembic_config(db))
    known = {rev.revision for rev in script.walk_revisions()}
    unknown = versions - known
    if unknown:
        raise BackupError(f"备份文件 {backup.name} 来自更新版本的程序（数据库版本 {'、'.join(sorted(unknown))}），请先升级程序再恢复")


def restore(db: Database, backup: Path, actor: str) -> Path:
    """Replaces the database's content with `backup`; returns the pre-restore copy of what was there.

    The engines are disposed first and reconnect on their next use, so every holder of `db` keeps
    working on the restored data; an older backup is migrated to the current schema."""
    from app.store import audit, migrate

    check_backup(backup)
    _check_schema_known(db, backup)
    pre = make_backup(db, "pre-restore")
    db.dispose()
    src = sqlite3.connect(f"file:{backup}?mode=ro", uri=True)
    try:
        dst = sqlite3.connect(db.path)
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()
    db.dispose()
    if migrate.pending_revisions(db):
        migrate.upgrade(db)
    with db.write() as session:
        audit.record(session, "restore", f"从备份 {backup.name} 恢复数据，原数据已另存为 {pre.name}", actor)
    return pre

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlmodel import select

from app.paths import DataPaths
from app.store import backups, changes
from app.store.db import Database
from app.store.tables import Enterprise
from app.store.tables.audit import AuditLog


def _fake(paths: DataPaths, when: dt.datetime, kind: str = "auto") -> Path:
    path = paths.backups / f"inspector-{when:%Y%m%d-%H%M%S}-{kind}.uib"
    path.write_bytes(b"x")
    return path


def test_rotation_keeps_seven_daily_and_four_weekly(data_paths: DataPaths) -> None:
    start = dt.datetime(2026, 9, 1, 9, 0)
    for day in range(60):
        for hour in (9, 13, 17):
            _fake(data_paths, start + dt.timedelta(days=day, hours=hour - 9))
    for i in range(12):
        _fake(data_paths, start + dt.timedelta(days=i), "manual")
    backups.rotate(data_paths)
    left = backups.list_backups(data_paths)
    auto = [b for b in left if b.kind == "auto"]
    days = {b.created.date() for b in auto}
    newest_day = (start + dt.timedelta(days=59)).date()
    assert {newest_day - dt.timedelta(days=i) for i in range(7)} <= days
    weeks = {b.created.isocalendar()[:2] for b in auto}
    assert len(weeks) == 4
    assert len(auto) <= 7 + 4
    assert all(b.created.hour == 17 for b in auto)  # the newest of each day is the one kept
    assert len([b for b in left if b.kind == "manual"]) == backups.KEEP_OTHER


def test_auto_backup_runs_when_due_only(db: Database) -> None:
    now = dt.datetime(2026, 11, 25, 9, 0)
    first = backups.auto_backup(db, now)
    assert first is not None and first.exists()
    assert backups.auto_backup(db, now + dt.timedelta(hours=1)) is None
    assert backups.auto_backup(db, now + dt.timedelta(hours=5)) is not None


def test_restore_brings_back_the_backup_and_keeps_the_current_data(demo_db: Database) -> None:
    with demo_db.read() as s:
        before = sorted((e.id, e.name, e.headcount) for e in s.exec(select(Enterprise)).all())
    backup = backups.make_backup(demo_db, "manual")
    with demo_db.write() as s:
        firm = s.exec(select(Enterprise)).first()
        assert firm is not None
        changes.update(s, firm, {"name": "改过的名字"}, "u")
        changes.insert(s, Enterprise(name="新企业"), "u")
    pre = backups.restore(demo_db, backup, "office")
    with demo_db.read() as s:
        after = sorted((e.id, e.name, e.headcount) for e in s.exec(select(Enterprise)).all())
        last = s.exec(select(AuditLog).order_by(AuditLog.seq.desc())).first()  # type: ignore[union-attr]
    assert after == before
    assert last is not None and last.event == "restore"
    assert pre.name.endswith("-pre-restore.uib")
    # the pre-restore copy holds what was there before
    names = {r["name"] for r in backups.backup_rows(demo_db, pre, "enterprise")}
    assert {"改过的名字", "新企业"} <= names


def test_restore_refuses_a_file_that_is_not_a_backup(db: Database, tmp_path: Path) -> None:
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"hello")
    with pytest.raises(backups.BackupError, match=r"junk\.db"):
        backups.restore(db, junk, "office")
    assert backups.list_backups(db.paths) == []


def test_restore_refuses_a_backup_from_a_newer_program(db: Database) -> None:
    conn = db.connect_raw()
    try:
        # Merge revisions replace rows of alembic_version, so no rowid can be assumed: every head is set.
        heads = [row[0] for row in conn.execute("SELECT version_num FROM alembic_version")]
        assert heads
        conn.execute("UPDATE alembic_version SET version_num = '0099_future'")
        conn.commit()
        backup = backups.make_backup(db, "manual")
        conn.execute("DELETE FROM alembic_version")
        conn.executemany("INSERT INTO alembic_version (version_num) VALUES (?)", [(h,) for h in heads])
        conn.commit()
    finally:
        conn.close()
    with pytest.raises(backups.BackupError, match="更新版本"):
        backups.restore(db, backup, "office")
    assert [b.kind for b in backups.list_backups(db.paths)] == ["manual"]  # nothing touched, no pre-restore copy

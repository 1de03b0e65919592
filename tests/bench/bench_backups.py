"""Backups at city scale: 100,000 enterprises (with their trigram and bigram search indexes), a week and
more of automatic backups with edits between them, then rotation. Prints the whole backups folder
against the live database (target: under 3x), the time of one backup and of a restore, and the size
of one backup against a plain copy through SQLite's backup API (what the program did before)."""

from __future__ import annotations

import datetime as dt
import random
import time
from pathlib import Path

import pytest
from sqlmodel import select

from app.paths import DataPaths
from app.store import backups, changes
from app.store.db import open_database
from app.store.tables import Enterprise
from tests.bench.bench_encryption import _fill

ENTERPRISES = 100_000
DAYS = 9
EDITS_PER_DAY = 300


def _db_size(paths: DataPaths) -> int:
    return sum(p.stat().st_size for p in paths.root.glob("inspector.db*") if p.is_file())


@pytest.mark.timeout(3600)
def test_backups_folder_stays_small(tmp_path: Path) -> None:
    paths = DataPaths(tmp_path / "city").ensure()
    db = open_database(paths)
    _fill(db, ENTERPRISES)
    conn = db.connect_raw()
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    live = _db_size(paths)
    rng = random.Random(11)
    start = dt.datetime(2026, 11, 1, 9, 0)
    with db.read() as session:
        ids = list(session.exec(select(Enterprise.id)).all())
    t0 = time.perf_counter()
    first = backups.make_backup(db, "auto", start)
    one_backup_s = time.perf_counter() - t0
    first_size = backups.folder_size(paths)
    for day in range(1, DAYS):
        with db.write() as session:
            for eid in rng.sample(ids, EDITS_PER_DAY):
                row = session.get(Enterprise, eid)
                assert row is not None
                changes.update(session, row, {"headcount": (row.headcount or 0) + 1, "contact_name": f"联系人{day}"}, "bench")
        for hour in (9,):
            backups.auto_backup(db, start + dt.timedelta(days=day, hours=hour - 9))
    backups.make_backup(db, "manual")
    backups.rotate(paths, db.key)
    live = max(live, _db_size(paths))
    folder = backups.folder_size(paths)
    kept = backups.list_backups(paths)
    t0 = time.perf_counter()
    backups.restore(db, first, "bench")
    restore_s = time.perf_counter() - t0
    folder_after = backups.folder_size(paths)
    print(f"\nbackups at {ENTERPRISES} enterprises: live database {live / 1e6:.1f} MB")
    print(f"  one backup: {first_size / 1e6:.1f} MB ({first_size / live:.2f}x the database), {one_backup_s:.1f} s "
          f"(the old plain copy was 1.00x, unencrypted)")
    print(f"  after {DAYS} daily automatic backups ({EDITS_PER_DAY} edits a day) + 1 manual, rotated: "
          f"{len(kept)} backups kept, folder {folder / 1e6:.1f} MB = {folder / live:.2f}x the database (target < 3x)")
    print(f"  restore of the oldest: {restore_s:.1f} s; folder with the pre-restore copy {folder_after / live:.2f}x")
    db.dispose()
    assert folder < 3 * live

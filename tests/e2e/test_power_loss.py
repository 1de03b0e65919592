"""SYNC.md target 2: power loss at synchronous=FULL loses no acknowledged save. The data folder lives on
a FUSE file system that keeps every write not yet fsynced in memory (tests/support/lazy_fs.py, the idea
of LazyFS); the writer is killed, then the file system itself, which drops those writes as a power cut
would. What is left on the backing disk must open, pass the integrity check, and hold every visit the
writer acknowledged, each with its outbox row."""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from app.paths import DataPaths
from app.store import changes
from app.store.db import Database, open_database
from app.store.tables import Enterprise
from tests.e2e.test_crash_durability import complete_lines
from tests.support import file_keyring
from tests.support.memory_keyring import MemoryKeyring

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[2]
CYCLES = 6

try:
    import mfusepy  # noqa: F401

    HAVE_FUSE = os.path.exists("/dev/fuse") and shutil.which("fusermount3") is not None
except (ImportError, OSError):
    HAVE_FUSE = False


def _mount(backing: Path, mountpoint: Path) -> subprocess.Popen[bytes]:
    proc = subprocess.Popen(
        [sys.executable, "-m", "tests.support.lazy_fs", str(backing), str(mountpoint)],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    for _ in range(200):
        if os.path.ismount(mountpoint):
            return proc
        if proc.poll() is not None:
            pytest.skip(f"FUSE cannot mount here: {proc.stderr.read().decode(errors='replace')[-300:] if proc.stderr else ''}")
        time.sleep(0.05)
    proc.kill()
    pytest.skip("FUSE mount did not appear")


def _power_cut(fs: subprocess.Popen[bytes], mountpoint: Path) -> None:
    fs.send_signal(signal.SIGKILL)
    fs.wait()
    subprocess.run(["fusermount3", "-u", "-z", str(mountpoint)], check=False, capture_output=True)


@pytest.mark.skipif(not HAVE_FUSE, reason="no FUSE here (needs /dev/fuse, fusermount3 and mfusepy)")
def test_power_cut_loses_no_acknowledged_save(tmp_path: Path, isolated_keyring: MemoryKeyring) -> None:
    backing, mountpoint = tmp_path / "disk", tmp_path / "mnt"
    backing.mkdir()
    mountpoint.mkdir()
    fs = _mount(backing, mountpoint)
    try:
        db = open_database(DataPaths(mountpoint / "data").ensure())
        with db.write() as session:
            enterprise_id = changes.insert(session, Enterprise(name="断电测试企业"), "test").id
        db.dispose()
        keyring_file = file_keyring.share(isolated_keyring.items, tmp_path / "keyring.json")
        rng = random.Random(2026)
        acked: list[str] = []
        dropped_bytes = 0
        for _cycle in range(CYCLES):
            writer = subprocess.Popen(
                [sys.executable, "-m", "tests.e2e.crash_writer", str(mountpoint / "data"), enterprise_id, str(keyring_file)],
                cwd=ROOT, env=dict(os.environ, PYTHONPATH=str(ROOT), PYTHONUNBUFFERED="1"),
                stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
            )
            assert writer.stdout is not None
            want, got = rng.randint(5, 40), b""
            while got.count(b"\n") < want:
                chunk = os.read(writer.stdout.fileno(), 4096)
                if not chunk:
                    break
                got += chunk
            assert writer.poll() is None, "the writer stopped by itself"
            time.sleep(rng.uniform(0, 0.05))
            writer.send_signal(signal.SIGKILL)
            got += writer.stdout.read()
            writer.wait()
            acked.extend(complete_lines(got))
            wal = backing / "data" / "inspector.db-wal"
            before = wal.stat().st_size if wal.exists() else 0
            _power_cut(fs, mountpoint)
            dropped_bytes += max(0, before)
            # "reboot": the backing disk as the power cut left it
            check = Database(DataPaths(backing / "data"))
            con = check.connect_raw()
            try:
                assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
                stored = {r[0] for r in con.execute("SELECT id FROM visit")}
                missing = [v for v in acked if v not in stored]
                assert not missing, f"{len(missing)} acknowledged saves lost after a power cut"
                per_visit = dict(con.execute(
                    "SELECT entity_id, count(*) FROM outbox WHERE entity = 'visit' GROUP BY entity_id").fetchall())
                assert set(per_visit) == stored and set(per_visit.values()) == {1}
            finally:
                con.close()
                check.dispose()
            fs = _mount(backing, mountpoint)
        print(f"power-loss test: {CYCLES} cuts, {len(acked)} acknowledged saves, 0 lost")
        assert len(acked) >= CYCLES * 5
    finally:
        _power_cut(fs, mountpoint)


@pytest.mark.skipif(not HAVE_FUSE, reason="no FUSE here (needs /dev/fuse, fusermount3 and mfusepy)")
def test_the_file_system_really_drops_what_was_not_fsynced(tmp_path: Path) -> None:
    """The control: without it, a file system that kept everything would pass the test above."""
    backing, mountpoint = tmp_path / "disk", tmp_path / "mnt"
    backing.mkdir()
    mountpoint.mkdir()
    fs = _mount(backing, mountpoint)
    try:
        with open(mountpoint / "synced", "wb") as fh:
            fh.write(b"kept")
            fh.flush()
            os.fsync(fh.fileno())
        with open(mountpoint / "unsynced", "wb") as fh:
            fh.write(b"lost")
        assert (mountpoint / "unsynced").read_bytes() == b"lost"  # visible before the cut
    finally:
        _power_cut(fs, mountpoint)
    assert (backing / "synced").read_bytes() == b"kept"
    assert (backing / "unsynced").read_bytes() == b""

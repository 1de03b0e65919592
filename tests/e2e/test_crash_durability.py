"""kill -9 during a stream of visit saves loses no committed visit: every id the writer printed (it
prints only after commit) is in the database afterwards, the file passes SQLite's integrity check, and
each visit has exactly its one outbox row."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from app.paths import DataPaths
from app.store import changes
from app.store.db import Database
from app.store.tables import Enterprise
from tests.support import file_keyring
from tests.support.memory_keyring import MemoryKeyring

ROOT = Path(__file__).resolve().parents[2]
MIN_KILLS = 20
MIN_ACKED = 1000


def start_writer(paths: DataPaths, enterprise_id: str, keyring_file: Path) -> subprocess.Popen[bytes]:
    env = dict(os.environ, PYTHONPATH=str(ROOT), PYTHONUNBUFFERED="1")
    return subprocess.Popen(
        [sys.executable, "-m", "tests.e2e.crash_writer", str(paths.root), enterprise_id, str(keyring_file)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
    )


def complete_lines(data: bytes) -> list[str]:
    """Ids from whole lines only: a line cut by the kill was never fully acknowledged."""
    text = data.decode("ascii", errors="replace")
    lines = text.split("\n")
    return [line for line in lines[:-1] if line]


@pytest.mark.slow
def test_kill_9_during_visit_saves_loses_nothing_committed(
    db: Database, isolated_keyring: MemoryKeyring, tmp_path: Path
) -> None:
    rng = random.Random(20260525)
    with db.write() as session:
        enterprise = changes.insert(session, Enterprise(name="崩溃测试企业"), "test")
        enterprise_id = enterprise.id
    db.dispose()
    keyring_file = file_keyring.share(isolated_keyring.items, tmp_path / "keyring.json")

    acked: list[str] = []
    kills = 0
    while kills < MIN_KILLS or len(acked) < MIN_ACKED:
        proc = start_writer(db.paths, enterprise_id, keyring_file)
        assert proc.stdout is not None
        want = rng.randint(5, 110)
        got = b""
        # Read some acknowledgements, then kill at a moment that is random with respect to the loop.
        while got.count(b"\n") < want:
            chunk = os.read(proc.stdout.fileno(), 4096)
            if not chunk:
                break
            got += chunk
        assert proc.poll() is None, "the writer stopped by itself"
        time.sleep(rng.uniform(0, 0.02))
        os.kill(proc.pid, signal.SIGKILL)
        got += proc.stdout.read()
        proc.wait()
        assert proc.returncode == -signal.SIGKILL
        kills += 1
        acked.extend(complete_lines(got))

    con = db.connect_raw()
    try:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        stored = {row[0] for row in con.execute("SELECT id FROM visit")}
        missing = [v for v in acked if v not in stored]
        assert not missing, f"{len(missing)} acknowledged visits lost, e.g. {missing[:3]}"
        per_visit = dict(
            con.execute("SELECT entity_id, count(*) FROM outbox WHERE entity = 'visit' GROUP BY entity_id").fetchall()
        )
        assert set(per_visit) == stored
        assert set(per_visit.values()) == {1}
        ops = {row[0] for row in con.execute("SELECT DISTINCT op FROM outbox WHERE entity = 'visit'")}
        assert ops == {"insert"}
    finally:
        con.close()
    print(f"crash test: {kills} kills, {len(acked)} acknowledged saves, {len(stored)} visits stored")
    assert kills >= MIN_KILLS
    assert len(acked) >= MIN_ACKED
    assert len(set(acked)) == len(acked)
    # Unacknowledged commits may exist (killed between commit and print), never the other way round.
    assert len(stored) >= len(acked)

"""What the audit chain costs: single-row writes with and without the audit append (baseline measured
in the same run), and the time to verify the chain."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from app.paths import DataPaths
from app.store import audit, changes
from app.store.db import open_database
from app.store.tables import Enterprise

ROWS = 3000


def _insert(root: Path) -> float:
    db = open_database(DataPaths(root).ensure())
    try:
        start = time.perf_counter()
        for batch in range(ROWS // 100):
            with db.write() as session:
                for i in range(100):
                    changes.insert(session, Enterprise(name=f"企业{batch}-{i}", headcount=i), "bench")
        return time.perf_counter() - start
    finally:
        db.dispose()


def test_audit_overhead(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with_audit = _insert(tmp_path / "with")
    with monkeypatch.context() as m:
        m.setattr(audit, "record_change", lambda *a, **k: 0)
        baseline = _insert(tmp_path / "without")
    db = open_database(DataPaths(tmp_path / "with"))
    try:
        start = time.perf_counter()
        with db.read() as session:
            report = audit.verify(session)
        verify_s = time.perf_counter() - start
    finally:
        db.dispose()
    assert report.ok and report.checked == ROWS
    print(
        f"\n{ROWS} inserts in 100-row transactions: {with_audit:.2f} s with audit, {baseline:.2f} s without "
        f"(ratio {with_audit / baseline:.2f}); verifying {ROWS} audit rows: {verify_s * 1000:.0f} ms"
    )

"""`union-inspector check` at 300,000 enterprises (run on request:
pytest tests/bench/bench_check.py -o python_files='bench_*.py' -s, or python -m tests.bench.bench_check).

Target: the default check under 1 s in-process at 300,000 enterprises; the command line is printed too
(process start and the passphrase's key derivation included, reported apart). The baseline is what a
skilled engineer would write to look at the same store: open it once and run a bare `SELECT count(*)`
over the enterprise table, measured in the same run.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from app.paths import DataPaths

BIG = 300_000
CHUNK = 20_000
PASSPHRASE = "bench-check-passphrase"


def build(paths: DataPaths, n: int = BIG) -> float:
    """n enterprises (with their outbox and audit rows) through the store's batch insert."""
    from app.store import changes
    from app.store.db import open_database
    from app.store.tables import Enterprise

    start = time.perf_counter()
    db = open_database(paths)
    try:
        for base in range(0, n, CHUNK):
            rows = [
                {"name": f"企业{i:07d}有限公司", "credit_code": f"9133{i:014d}", "address": f"文一路{i % 900}号",
                 "headcount": 10 + i % 500, "longitude": 120.1 + (i % 1000) / 1e4 if i % 7 else None,
                 "latitude": 30.2 + (i % 1000) / 1e4 if i % 7 else None}
                for i in range(base, min(n, base + CHUNK))
            ]
            with db.write() as session:
                changes.insert_many(session, Enterprise, rows, actor="bench")
    finally:
        db.dispose()
    return time.perf_counter() - start


def baseline(paths: DataPaths) -> float:
    """One open, one bare count: the floor any check of this store stands on."""
    from app.store.cipher import connect_raw
    from app.store.encryption import resolve_key

    key = resolve_key(paths)  # outside the timing: the key derivation is reported apart
    start = time.perf_counter()
    conn = connect_raw(paths.database, key)
    conn.execute("SELECT count(*) FROM enterprise").fetchone()
    conn.close()
    return time.perf_counter() - start


# CPU seconds of the last measurement (on a shared machine the steadier figure): in_process and cli
CPU = [0.0]


def in_process(paths: DataPaths, deep: bool = False) -> tuple[float, list[str]]:
    from app.health import run_checks

    start, cpu = time.perf_counter(), time.process_time()
    results = list(run_checks(paths, deep=deep))
    CPU[0] = time.process_time() - cpu
    return time.perf_counter() - start, [f"{r.level} {r.name}：{r.message}" for r in results]


def cli(*args: str) -> tuple[float, str]:
    """Median wall time of five runs; the median CPU time (user + system) of the child in CPU[0]."""
    import resource
    import statistics

    env = {**os.environ, "UNION_INSPECTOR_PASSPHRASE": PASSPHRASE, "QT_QPA_PLATFORM": "offscreen"}
    exe = Path(sys.executable).parent / "union-inspector"
    command = [str(exe)] if exe.exists() else [sys.executable, "-m", "app.cli"]
    walls, cpus, out = [], [], ""
    for _ in range(5):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        done = subprocess.run([*command, *args], capture_output=True, text=True, env=env, check=False)
        walls.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
        out = done.stdout + done.stderr
    CPU[0] = statistics.median(cpus)
    return statistics.median(walls), out


_SPLIT = """
import sys, time
t0 = time.perf_counter()
from app.health import run_checks
from app.paths import DataPaths
paths = DataPaths(__import__("pathlib").Path(sys.argv[1]))
t1 = time.perf_counter()
list(run_checks(paths))
t2 = time.perf_counter()
list(run_checks(paths))
t3 = time.perf_counter()
print(f"{t1 - t0:.3f} {t2 - t1:.3f} {t3 - t2:.3f}")
"""


def cold_split(paths: DataPaths) -> tuple[float, float, float]:
    """In a fresh process: importing the check module, the first run (which imports what each check
    needs: SQLModel tables, Alembic, ReportLab, httpx) and a second run."""
    env = {**os.environ, "UNION_INSPECTOR_PASSPHRASE": PASSPHRASE, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-c", _SPLIT, str(paths.root)], capture_output=True, text=True,
                          env=env, check=True)
    first, second, third = (float(x) for x in done.stdout.split()[-3:])
    return first, second, third


def main() -> None:
    os.environ["UNION_INSPECTOR_PASSPHRASE"] = PASSPHRASE
    with tempfile.TemporaryDirectory() as tmp:
        # BENCH_CHECK_DIR keeps the built store between runs (building it takes a few minutes)
        paths = DataPaths(Path(os.environ.get("BENCH_CHECK_DIR") or Path(tmp) / "data"))
        if not paths.database.exists():
            print(f"built {BIG:,} enterprises in {build(paths):.1f} s")
        list(__import__("app.health", fromlist=["run_checks"]).run_checks(paths))  # warm the OS cache
        base = baseline(paths)
        from app.store.encryption import resolve_key

        started, cpu_started = time.perf_counter(), time.process_time()
        resolve_key(paths)
        derive, derive_cpu = time.perf_counter() - started, time.process_time() - cpu_started
        seconds, lines = in_process(paths)
        seconds_cpu = CPU[0]
        print("\n".join(lines))
        start_only, _ = cli("--help")
        start_cpu = CPU[0]
        cli_time, out = cli("check", "--data-dir", str(paths.root))
        cli_cpu = CPU[0]
        imported, cold, warm = cold_split(paths)
        deep_time = 0.0 if os.environ.get("BENCH_CHECK_SKIP_DEEP") else in_process(paths, deep=True)[0]
        print(f"bare SELECT count(*) baseline (open + count): {base * 1000:.0f} ms")
        print(f"check in-process at {BIG:,}: {seconds * 1000:.0f} ms wall, {seconds_cpu * 1000:.0f} ms CPU (target < 1000 ms;"
              f" {seconds / base:.1f}x baseline); of which the passphrase's key derivation (Argon2id, once per run)"
              f" {derive * 1000:.0f} ms wall, {derive_cpu * 1000:.0f} ms CPU")
        print(f"check from the command line (median of 5): {cli_time:.2f} s wall, {cli_cpu:.2f} s CPU end to end;"
              f" process start alone (--help) {start_only:.2f} s wall, {start_cpu:.2f} s CPU;"
              f" load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
        print(f"in a fresh process: import {imported * 1000:.0f} ms, first run {cold * 1000:.0f} ms (imports on first use"
              f" included), second run {warm * 1000:.0f} ms")
        print(f"check --deep in-process: {deep_time:.2f} s")
        if "✗" in out:
            print(out)


def test_check_at_300k() -> None:
    main()


if __name__ == "__main__":
    main()

"""Data pool benchmarks (run on request: pytest tests/bench -o python_files='bench_*.py' -s).

1. Importing 100,000 rows (CSV, through reading, normalising, merging, outbox, provenance and audit)
   against a raw sqlite3 executemany of the same rows into the same schema, in the same run.
   Target: at most 3 times the baseline.
2. Searching 100,000 enterprises through app.store.enterprises.page/count with typical queries.
   Target: median at most 50 ms per query kind.
"""

from __future__ import annotations

import random
import sqlite3
import statistics
import time
from pathlib import Path

from app.core.codes import make_credit_code, make_org_code
from app.core.ids import new_id, utc_now_iso
from app.paths import DataPaths
from app.planning.importer import run_import
from app.planning.mapping import Source
from app.store import enterprises
from app.store.db import open_database

ROWS = 100_000
_ROADS = ["文一路", "学院路", "湖墅南路", "环城北路", "天目山路", "莫干山路", "解放路", "秋涛路", "凤起路", "建国北路"]
_TRADES = ["电子科技", "服装", "餐饮管理", "物流", "建筑工程", "机械制造", "物业服务", "食品", "网络科技", "商贸"]
_WORDS = "华鑫恒瑞宏正金嘉明德锦万新天永盛泰安益博达源通信联创远邦利辉诚丰祥宇航润"


def make_rows(n: int, seed: int = 1) -> list[dict[str, object]]:
    rng = random.Random(seed)
    rows = []
    for i in range(n):
        name = f"示范区{rng.choice(_WORDS)}{rng.choice(_WORDS)}{rng.choice(_TRADES)}有限公司{i}"
        rows.append(
            {
                "name": name,
                "credit_code": make_credit_code("91330106" + make_org_code(f"{i:08d}")),
                "address": f"示范区{rng.choice(_ROADS)}{rng.randint(1, 999)}号",
                "headcount": int(rng.lognormvariate(3.3, 1.0)),
                "registered_date": f"20{rng.randint(0, 25):02d}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                "legal_rep": rng.choice("王李张刘陈杨黄赵吴周") + rng.choice("伟芳娜敏静丽强磊军洋"),
                "contact_phone": f"13{rng.randint(0, 9)}{rng.randint(10000000, 99999999)}",
                "longitude": round(rng.uniform(120.09, 120.22), 6),
                "latitude": round(rng.uniform(30.24, 30.31), 6),
            }
        )
    return rows


HEADER = ["企业名称", "统一社会信用代码", "住所", "从业人数", "成立日期", "法定代表人", "联系电话", "经度", "纬度"]
KEYS = ["name", "credit_code", "address", "headcount", "registered_date", "legal_rep", "contact_phone", "longitude", "latitude"]


def write_csv(path: Path, rows: list[dict[str, object]]) -> None:
    lines = ["示范区市场主体名录", ",".join(HEADER)]
    lines += [",".join(str(r[k]) for k in KEYS) for r in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def baseline(path: Path, rows: list[dict[str, object]]) -> float:
    """The same rows straight into the enterprise table of a migrated database: executemany, one
    transaction, same pragmas, no parsing, no outbox."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    now = utc_now_iso()
    params = [
        (
            new_id(), 0, now, "bench", 0, r["name"], r["credit_code"], "valid", r["address"], None, "",
            r["registered_date"], r["headcount"], "none", None, None, r["legal_rep"], "", r["contact_phone"],
            r["longitude"], r["latitude"], "",
        )
        for r in rows
    ]
    started = time.perf_counter()
    conn.execute("BEGIN IMMEDIATE")
    conn.executemany(
        "INSERT INTO enterprise (id, version, updated_at, updated_by, deleted, name, credit_code, credit_code_status, "
        "address, grid_id, industry, registered_date, headcount, union_status, union_established_date, member_count, "
        "legal_rep, contact_name, contact_phone, longitude, latitude, notes) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        params,
    )
    conn.execute("COMMIT")
    elapsed = time.perf_counter() - started
    conn.close()
    return elapsed


def test_import_100k_against_executemany(tmp_path: Path) -> None:
    rows = make_rows(ROWS)
    csv_path = tmp_path / "market.csv"
    write_csv(csv_path, rows)

    base_db = open_database(DataPaths(tmp_path / "base").ensure())
    base_db.dispose()
    base = baseline(base_db.path, rows)

    db = open_database(DataPaths(tmp_path / "import").ensure())
    try:
        started = time.perf_counter()
        result = run_import(db, csv_path, actor="bench", source=Source.MARKET)
        ours = time.perf_counter() - started
        assert result.inserted == ROWS and not result.rejected
        started = time.perf_counter()
        again = run_import(db, csv_path, actor="bench", source=Source.MARKET)
        reimport = time.perf_counter() - started
        assert again.unchanged == ROWS and not again.changed
    finally:
        db.dispose()
    print(
        f"\nimport {ROWS:,} rows: {ours:.2f} s; raw executemany baseline {base:.2f} s; ratio {ours / base:.2f}x (target <= 3x)"
        f"\nre-import of the same file (nothing changes): {reimport:.2f} s"
    )


QUERIES: dict[str, list[enterprises.EnterpriseFilter]] = {}


def test_search_100k(tmp_path: Path) -> None:
    rows = make_rows(ROWS, seed=2)
    db = open_database(DataPaths(tmp_path / "search").ensure())
    try:
        from app.demo import create_demo_district

        create_demo_district(db, enterprises=0)
        from app.store.grids import all_grids

        with db.read() as session:
            grids = [g.id for g in all_grids(session)]
        rng = random.Random(3)
        for r in rows:
            r["grid_id"] = rng.choice(grids)
            r["union_status"] = rng.choice(["none", "none", "preparing", "established"])
            r["registered_date"] = None
        from app.store import changes
        from app.store.tables import Enterprise

        with db.write() as session:
            changes.insert_many(session, Enterprise, rows, "bench")
        kinds: dict[str, list[enterprises.EnterpriseFilter]] = {
            "name, 3+ chars (FTS)": [enterprises.EnterpriseFilter(query=q) for q in ("电子科技", "餐饮管理", "物流有限", "鑫达网", "服装有限公司1")],
            "name, 2 chars (bigrams)": [enterprises.EnterpriseFilter(query=q) for q in ("华鑫", "物流", "瑞通", "食品", "安益")],
            "credit code prefix": [enterprises.EnterpriseFilter(query=str(rows[i]["credit_code"])[:12]) for i in (5, 500, 5000, 50000, 99999)],
            "address": [enterprises.EnterpriseFilter(query=q) for q in ("文一路12", "学院路", "凤起路9号")],
            "grid + targets": [enterprises.EnterpriseFilter(grid_id=g, targets_only=True) for g in grids[:5]],
            "grid + name": [enterprises.EnterpriseFilter(query="科技", grid_id=g) for g in grids[:5]],
            "all, first page": [enterprises.EnterpriseFilter()],
        }
        print(f"\nsearch over {ROWS:,} enterprises (page of 200 + count), target median <= 50 ms")
        worst = 0.0
        for kind, filters in kinds.items():
            times: list[float] = []
            for _ in range(5):
                for flt in filters:
                    with db.read() as session:
                        started = time.perf_counter()
                        enterprises.count(session, flt)
                        enterprises.page(session, flt, 0, 200)
                        times.append((time.perf_counter() - started) * 1000)
            times.sort()
            median = statistics.median(times)
            p95 = times[min(len(times) - 1, int(len(times) * 0.95))]
            worst = max(worst, median)
            print(f"  {kind:<24} median {median:7.1f} ms   p95 {p95:7.1f} ms")
        print(f"  worst median {worst:.1f} ms")
    finally:
        db.dispose()

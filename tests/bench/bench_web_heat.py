"""The heat map's aggregation at district scale (SQLite by default): `heat.heat` for the office (all
grids) and for one inspector, against the baseline a skilled engineer would write with the same tools,
one bare GROUP BY of the positioned enterprises into cells in SQL counting them and the targets, measured
in the same run; and the size of the page's payload.

    .venv/bin/python -m tests.bench.bench_web_heat --enterprises 100000"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import tempfile
import time
import uuid
from pathlib import Path

from sqlalchemy import text

from app.server.accounts import Principal
from app.server.db import ServerDB
from app.server.migrate import upgrade
from app.server.records import RecordWriter
from app.web import heat


def _seed(db: ServerDB, n: int, grids: list[str]) -> None:
    rng = random.Random(7)
    for start in range(0, n, 5000):
        with db.write(serialize=True) as session:
            writer = RecordWriter(session)
            for i in range(start, min(n, start + 5000)):
                g = i % len(grids)
                grid = grids[g]
                # grids are places: 20 of them in 5 columns and 4 rows over 0.3° × 0.2°
                lon = 114.2 + (g % 5 + rng.random()) * 0.06
                lat = 30.5 + (g // 5 + rng.random()) * 0.05
                data = {"name": f"企业{i}", "grid_id": grid, "headcount": rng.randint(1, 300),
                        "union_status": rng.choice(["none", "preparing", "established"]), "registration_status": "active",
                        "longitude": lon, "latitude": lat}
                writer.write(entity="enterprise", entity_id=str(uuid.uuid4()), existing=None, data=data, deleted=False,
                             grid_id=grid, fields=sorted(data), user="bench", device_id="", mutation_id="")
            writer.flush()


def _time(fn: object, repeat: int) -> float:
    assert callable(fn)
    runs = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - t)
    return statistics.median(runs)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--enterprises", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = ServerDB(f"sqlite:///{Path(tmp) / 'server.db'}")
        upgrade(db)
        grids = [f"g{i:02d}" for i in range(20)]
        with db.write() as session:
            for g in grids:
                session.execute(text("INSERT INTO grid (id, code, name, created_at) VALUES (:i, :i, :i, '')"), {"i": g})
        _seed(db, args.enterprises, grids)
        office = Principal("o", "olga", "", "office", "", frozenset())
        one = Principal("a", "ann", "", "inspector", "", frozenset({grids[0]}))
        size = 0.3 / heat.MAX_SIDE
        bare = text(
            "SELECT CAST((json_extract(data, '$.longitude') - 114.2) / :s AS INTEGER) AS ix,"
            " CAST((json_extract(data, '$.latitude') - 30.5) / :s AS INTEGER) AS iy, count(*),"
            " sum(json_extract(data, '$.headcount') >= 25 AND json_extract(data, '$.union_status') != 'established'"
            " AND json_extract(data, '$.registration_status') NOT IN ('deregistered', 'revoked', 'moved_out'))"
            " FROM record WHERE entity = 'enterprise' AND deleted = 0"
            " AND json_extract(data, '$.longitude') IS NOT NULL GROUP BY ix, iy"
        )

        def baseline() -> None:
            with db.read() as session:
                session.execute(bare, {"s": size}).all()

        t_base = _time(baseline, args.repeat)
        t_office = _time(lambda: heat.heat(db, office), args.repeat)
        t_one = _time(lambda: heat.heat(db, one), args.repeat)
        payload = len(json.dumps(heat.heat(db, office).payload()))
        print(f"enterprises: {args.enterprises}")
        print(f"bare GROUP BY into cells : {t_base * 1000:8.1f} ms")
        print(f"heat(), office (all)     : {t_office * 1000:8.1f} ms  ({t_office / t_base:.2f}x bare)")
        print(f"heat(), one grid of 20   : {t_one * 1000:8.1f} ms  ({t_one / t_base:.2f}x bare)")
        print(f"payload for the page     : {payload / 1024:8.1f} KiB")
        db.dispose()


if __name__ == "__main__":
    main()

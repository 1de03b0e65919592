"""The phone's server calls at a grid's real size: the week route of a grid with --enterprises
enterprises and --visits-per visits each (in process, the endpoint's function), against a baseline a
skilled engineer would write with the same tools: one bare SQL read of the same rows (enterprise fields
and each enterprise's last visit date by json_extract and GROUP BY) fed to the same planner. And tile
reads from the MBTiles file through the server's tile source against a bare sqlite3 SELECT.

    .venv/bin/python -m tests.bench.bench_phone_server --enterprises 2000 --visits-per 10
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sqlite3
import statistics
import tempfile
import time
import uuid
from pathlib import Path

from sqlalchemy import text

from app.planning.basemap import make_demo_basemap, tiles_covering
from app.planning.geo import BBox
from app.planning.weekplan import propose_week
from app.server.accounts import Principal
from app.server.db import ServerDB
from app.server.phone import TileSource, week_plan
from app.server.records import RecordWriter
from app.server.settings import ServerSettings
from app.store.datapool import PlanningRow
from tests.support.server_setup import seed


def _timed(fn: object, runs: int) -> list[float]:
    out = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()  # type: ignore[operator]
        out.append((time.perf_counter() - t) * 1000)
    return out


def _fill(db: ServerDB, grid: str, enterprises: int, visits_per: int) -> None:
    rng = random.Random(16)
    today = dt.date(2026, 11, 30)
    with db.write(serialize=True) as session:
        writer = RecordWriter(session)
        for i in range(enterprises):
            eid = str(uuid.uuid4())
            data = {"name": f"企业{i:05d}", "address": f"示范路{i}号", "grid_id": grid, "headcount": rng.randint(3, 300),
                    "union_status": rng.choice(["none", "established"]), "longitude": 120.1 + rng.random() * 0.1,
                    "latitude": 30.2 + rng.random() * 0.1}
            writer.write(entity="enterprise", entity_id=eid, existing=None, data=data, deleted=False, grid_id=grid,
                         fields=sorted(data), user="b", device_id="", mutation_id="")
            for _ in range(visits_per):
                day = today - dt.timedelta(days=rng.randint(1, 400))
                v = {"enterprise_id": eid, "grid_id": grid, "visit_date": day.isoformat(), "form_id": "f",
                     "answers": "{" + ",".join(f'"q{k}":"{"答" * 20}"' for k in range(20)) + "}"}
                writer.write(entity="visit", entity_id=str(uuid.uuid4()), existing=None, data=v, deleted=False,
                             grid_id=grid, fields=sorted(v), user="b", device_id="", mutation_id="")
        writer.flush()


def _baseline(db: ServerDB, grid: str) -> None:
    with db.read() as session:
        conn = session.connection()
        rows = conn.execute(text(
            "SELECT id, json_extract(data,'$.name'), json_extract(data,'$.address'), json_extract(data,'$.headcount'),"
            " json_extract(data,'$.union_status'), json_extract(data,'$.longitude'), json_extract(data,'$.latitude')"
            " FROM record WHERE grid_id = :g AND entity = 'enterprise' AND deleted = 0"), {"g": grid}).all()
        last = dict(conn.execute(text(
            "SELECT json_extract(data,'$.enterprise_id'), max(json_extract(data,'$.visit_date')) FROM record"
            " WHERE grid_id = :g AND entity = 'visit' AND deleted = 0 GROUP BY 1"), {"g": grid}).all())
    planning = [PlanningRow(r[0], r[1], "", r[2], grid, r[3], r[4], None, "", "", r[5], r[6],
                            dt.date.fromisoformat(last[r[0]]) if r[0] in last else None, 0) for r in rows]
    propose_week(planning, dt.date(2026, 12, 2), threshold=25)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--enterprises", type=int, default=2000)
    ap.add_argument("--visits-per", type=int, default=10)
    ap.add_argument("--runs", type=int, default=7)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        settings = ServerSettings(data_dir=Path(tmp))
        seeded = seed(settings)
        db = ServerDB(settings.db_url)
        _fill(db, seeded.grid_a, args.enterprises, args.visits_per)
        who = Principal("x", "ann", "", "inspector", "d", frozenset({seeded.grid_a}), ("A",))
        ours = _timed(lambda: week_plan(db, who, "2026-12-02"), args.runs)
        base = _timed(lambda: _baseline(db, seeded.grid_a), args.runs)
        m_ours, m_base = statistics.median(ours), statistics.median(base)
        print(f"week route, {args.enterprises} enterprises x {args.visits_per} visits: "
              f"endpoint {m_ours:.0f} ms (median of {args.runs}), bare SQL + planner {m_base:.0f} ms, ratio {m_ours / m_base:.2f}")
        box = BBox(120.10, 30.20, 120.20, 30.30)
        path = Path(tmp) / "map.mbtiles"
        make_demo_basemap(box, [13], path)
        coords = list(tiles_covering(box, 13))
        source = TileSource(path)
        conn = sqlite3.connect(path)
        n = 2000

        def ours_tiles() -> None:
            for i in range(n):
                x, y = coords[i % len(coords)]
                source.tile(13, x, y)

        def bare_tiles() -> None:
            for i in range(n):
                x, y = coords[i % len(coords)]
                conn.execute("SELECT tile_data FROM tiles WHERE zoom_level=? AND tile_column=? AND tile_row=?",
                             (13, x, 2**13 - 1 - y)).fetchone()

        t_ours = statistics.median(_timed(ours_tiles, 5)) / n * 1000
        t_bare = statistics.median(_timed(bare_tiles, 5)) / n * 1000
        print(f"tile read: tile source {t_ours:.1f} us, bare sqlite3 {t_bare:.1f} us, ratio {t_ours / t_bare:.2f}")
        source.close()
        conn.close()
        db.dispose()


if __name__ == "__main__":
    main()

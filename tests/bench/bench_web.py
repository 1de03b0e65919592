"""The web pages under load, against a real server process, on SQLite and PostgreSQL:

1. the dashboard (first request after the start, cached, and an uncached period computed from the figure
   tables; for the office and for an inspector's one grid) and
   the first page of each register at --enterprises enterprises and --visits-per visits each (100,000
   and 10 = 1,000,000 visits), against bare SQL in the same run: the visits per grid and month from the
   records' JSON (what the dashboard computed before the figure tables) and from fig_visit_month, and
   each register's page query;
2. --users web users browsing while --laptops laptops push (50 new visits a batch) and pull, for
   --seconds: p50/p99 of each and the count of non-2xx answers. Twice: the stress run (users think
   --think seconds between pages, 0.2-1 s: about 80 pages a second from 50 users), then the realistic
   office run (--office-think, 3-10 s, as long as --office-seconds). --workers N starts the server
   with N worker processes. Each client starts at a random point within its first think time or sync
   interval, as people and laptops do; --burst sends every first request at the same instant.

The district is bulk-loaded straight into the server's tables (BulkSink), then the figure tables are
rebuilt once. Sizes are flags; --keep and --reuse (with --reuse-db for PostgreSQL) measure a seeded
district again without seeding.

    .venv/bin/python -m tests.bench.bench_web --backend sqlite --enterprises 100000 --visits-per 10
    eval "$(bash scripts/postgres.sh start)"; .venv/bin/python -m tests.bench.bench_web --backend postgres

The load generator runs on the same 2 cores as the server, so the concurrent figures are pessimistic."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import re
import shutil
import statistics
import tempfile
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import create_engine, text

from app.server import figures
from app.server import search as search_index
from app.server.db import ServerDB
from app.server.records import dumps, max_seq
from app.server.settings import ServerSettings
from app.sync.protocol import SCHEMA_VERSION
from tests.support.live_server import LiveServer
from tests.support.server_setup import PASSWORD
from tests.support.web_seed import seed_district

GRIDS = 8
REGISTERS = ("enterprises", "visits", "matters", "letters", "orders")
KEEP: list[bool] = []
SKIP_SINGLE: list[bool] = []
THINK = [0.2, 1.0]  # seconds a web user looks at a page before the next (--think): the stress figure
OFFICE_THINK = [3.0, 10.0]  # what an office clerk reading pages does (--office-think): the realistic figure
OFFICE_SECONDS: list[float] = []
SERVE_ARGS: list[str] = []  # extra `serve` flags (--workers N)
BURST: list[bool] = []  # --burst: every client's first request at the same instant (the old start)
TRACE: list[str] = []  # --trace PREFIX: every request's timing to PREFIX-stress.jsonl / PREFIX-office.jsonl
ENTITY = {"enterprises": "enterprise", "visits": "visit", "matters": "matter", "letters": "letter", "orders": "work_order"}


def ms(values: list[float]) -> str:
    if not values:
        return "-"
    values = sorted(values)
    p99 = values[min(len(values) - 1, int(len(values) * 0.99))]
    return f"p50 {statistics.median(values) * 1000:7.1f} ms  p99 {p99 * 1000:7.1f} ms  n={len(values)}"


def timed(fn: Callable[[], Any], repeat: int = 5) -> tuple[float, float]:
    """(first call, median of the following calls) in seconds."""
    t0 = time.perf_counter()
    fn()
    first = time.perf_counter() - t0
    rest = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        rest.append(time.perf_counter() - t0)
    return first, statistics.median(rest)


def web_client(url: str, username: str) -> httpx.Client:
    # A browser drops an idle connection before the server does (uvicorn closes them after 5 s); reusing
    # one the server is closing ends in a reset that says nothing about the server's speed.
    client = httpx.Client(base_url=url, timeout=900, limits=httpx.Limits(keepalive_expiry=3.0))
    page = client.get("/web/login")
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
    assert token
    r = client.post("/web/login", data={"username": username, "password": PASSWORD, "csrf_token": token.group(1)})
    assert r.status_code in (200, 303), r.status_code
    return client


@contextmanager
def backend_url(backend: str, data_dir: Path) -> Iterator[str | None]:
    if backend == "sqlite":
        yield None
        return
    from tests.support.server_setup import fresh_pg_database, pg_url

    if any(KEEP):  # --keep: a database of its own that outlives the run, for --reuse-db
        import psycopg
        from sqlalchemy.engine import make_url

        base = make_url(pg_url() or "")
        name = f"bench_web_{uuid.uuid4().hex[:8]}"
        with psycopg.connect(host=base.host, port=base.port, user=base.username, dbname=base.database,
                             autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        url = base.set(database=name).render_as_string(hide_password=False)
        yield url
        print(f"kept database {url} (--reuse-db)")
        return
    with fresh_pg_database() as url:
        yield url


def reuse(root: Path, users: int, laptops: int, seconds: float, db_url: str | None = None) -> None:
    """Measures again on a district an earlier run seeded: a SQLite data folder (--reuse DIR), or a
    PostgreSQL database (--reuse DIR --reuse-db URL); seeding 1,000,000 visits takes minutes."""
    url = db_url or f"sqlite:///{root / 'server.db'}"
    live = LiveServer(root, db_url=db_url, serve_args=tuple(SERVE_ARGS))
    engine = create_engine(url)
    with engine.connect() as conn:
        ids = [r[0] for r in conn.execute(text("SELECT id FROM record WHERE entity = 'enterprise' ORDER BY seq"))]
        grid_ids = [r[0] for r in conn.execute(text("SELECT id FROM grid ORDER BY code"))]
        visits = conn.execute(text("SELECT count(*) FROM record WHERE entity = 'visit'")).scalar_one()
        known = {r[0] for r in conn.execute(text("SELECT username FROM account"))}
    engine.dispose()
    if "olga" not in known:
        live.create_account("olga", PASSWORD, "office")
    for i in range(laptops):
        if f"lap{i}" not in known:
            live.create_account(f"lap{i}", PASSWORD, "inspector", [f"G{i % GRIDS + 1}"])
    print(f"\n== {url.split(':')[0]} (reused): {len(ids):,} enterprises, {visits:,} visits")
    live.start(timeout=120)
    try:
        if not SKIP_SINGLE:
            single(live, url, ids[len(ids) // 2])
        if seconds > 0:
            load(live, ids, grid_ids, users, laptops, seconds)
    finally:
        live.stop()


class BulkSink:
    """Writes seeded rows straight into record and change_log with the driver's bulk path (executemany on
    SQLite with synchronous off, COPY on PostgreSQL): a million visits in a minute or two instead of
    the record writer's per-batch bookkeeping. The figure tables are rebuilt once at the end."""

    COLS = "entity, id, grid_id, prev_grid_id, version, seq, data, deleted, updated_at, updated_by"
    LOG = "seq, entity, entity_id, version, fields, grid_id, \"user\", device_id, mutation_id, at"

    def __init__(self, db: ServerDB) -> None:
        self.db = db
        self.raw = db.write_engine.raw_connection()
        with db.read() as session:
            self.seq = max_seq(session)
        self.rows = 0
        if db.is_sqlite:
            self.raw.execute("PRAGMA synchronous=OFF")

    def __call__(self, batch: list[tuple[str, str, dict[str, Any], str | None]]) -> None:
        now = "2026-11-30T00:00:00+00:00"
        records, log = [], []
        for entity, rid, data, grid in batch:
            self.seq += 1
            records.append((entity, rid, grid, None, 1, self.seq, dumps(data), False, now, "seed"))
            log.append((self.seq, entity, rid, 1, "[]", grid, "seed", "", "", now))
        self.rows += len(records)
        if self.db.is_sqlite:
            cur = self.raw.cursor()
            cur.execute("BEGIN IMMEDIATE")
            cur.executemany(f"INSERT INTO record ({self.COLS}) VALUES (?,?,?,?,?,?,?,?,?,?)", records)
            cur.executemany(f"INSERT INTO change_log ({self.LOG}) VALUES (?,?,?,?,?,?,?,?,?,?)", log)
            cur.execute("COMMIT")
            return
        conn = self.raw.driver_connection
        with conn.cursor() as cur:
            with cur.copy(f"COPY record ({self.COLS}) FROM STDIN") as copy:
                for r in records:
                    copy.write_row(r)
            with cur.copy(f"COPY change_log ({self.LOG}) FROM STDIN") as copy:
                for r in log:
                    copy.write_row(r)
        conn.commit()

    def close(self) -> None:
        self.raw.close()


def seed(db: ServerDB, grid_ids: list[str], enterprises: int, visits_per: float, blob_dir: Path) -> Any:
    sink = BulkSink(db)
    t0 = time.perf_counter()
    try:
        district = seed_district(db, {g: f"lap{i}" for i, g in enumerate(grid_ids)}, enterprises=enterprises,
                                 visits_per=visits_per, blob_dir=blob_dir, chunk=20_000, sink=sink)
    finally:
        sink.close()
    loaded = time.perf_counter() - t0
    t0 = time.perf_counter()
    with db.write(serialize=True) as session:
        figures.rebuild(session)
    rebuilt = time.perf_counter() - t0
    t0 = time.perf_counter()
    with db.write(serialize=True) as session:  # the web's search and reference indexes, like the figures
        search_index.rebuild(session)
    print(f"search index rebuilt in {time.perf_counter() - t0:.0f} s")
    if not db.is_sqlite:
        with db.write_engine.connect() as conn:
            conn.execution_options(isolation_level="AUTOCOMMIT").exec_driver_sql("VACUUM ANALYZE")
    print(f"seeded {sink.rows:,} records in {loaded:.0f} s (bulk load), figure tables rebuilt in {rebuilt:.0f} s")
    return district


def run(backend: str, enterprises: int, visits_per: float, users: int, laptops: int, seconds: float) -> None:
    root = Path(tempfile.mkdtemp(prefix=f"bench-web-{backend}-"))
    with backend_url(backend, root) as url:
        live = LiveServer(root, db_url=url, serve_args=tuple(SERVE_ARGS))
        grid_ids = [live.create_grid(f"G{i}", f"第{i}网格") for i in range(1, GRIDS + 1)]
        live.create_account("olga", PASSWORD, "office")
        for i in range(laptops):
            live.create_account(f"lap{i}", PASSWORD, "inspector", [f"G{i % GRIDS + 1}"])
        settings = ServerSettings(data_dir=root, database_url=url)
        db = ServerDB(settings.db_url)
        print(f"\n== {backend}: {enterprises:,} enterprises, ~{int(enterprises * visits_per):,} visits")
        district = seed(db, grid_ids, enterprises, visits_per, root / "blobs")
        db.dispose()
        live.start(timeout=120)
        try:
            single(live, settings.db_url, district.enterprises[len(district.enterprises) // 2])
            if seconds > 0:
                load(live, district.enterprises, grid_ids, users, laptops, seconds)
        finally:
            live.stop()
    if not any(KEEP):
        shutil.rmtree(root, ignore_errors=True)
    else:
        print(f"kept {root}")


def single(live: LiveServer, db_url: str, enterprise_id: str) -> None:
    web = web_client(live.url, "olga")
    engine = create_engine(db_url)

    def live_has(username: str) -> bool:
        with engine.connect() as conn:
            return conn.execute(text("SELECT 1 FROM account WHERE username = :u"), {"u": username}).first() is not None
    sqlite = db_url.startswith("sqlite")
    since = (dt.date.today().replace(day=1) - dt.timedelta(days=334)).replace(day=1).isoformat()
    j = (lambda f: f"json_extract(data, '$.{f}')") if sqlite else (lambda f: f"(data::jsonb ->> '{f}')")
    bare_dash = text(
        f"SELECT grid_id, substr({j('visit_date')}, 1, 7), count(*) FROM record WHERE entity = 'visit' "
        f"AND deleted = false AND {j('status')} = 'submitted' AND {j('visit_date')} >= :since GROUP BY 1, 2"
    )
    with engine.connect() as conn:
        def dash_sql() -> None:
            conn.execute(bare_dash, {"since": since}).all()

        first, warm = timed(lambda: web.get("/web/"), repeat=3)
        _, sql_warm = timed(dash_sql, repeat=3)
        # Each period is its own cache key, so every one of these is computed from the figure tables.
        spans = iter([(f"{y}-{m:02d}", "2026-11") for y in (2025, 2026) for m in range(1, 13)])
        _, uncached = timed(lambda: web.get("/web/", params=dict(zip(("start", "end"), next(spans), strict=True))), repeat=5)
        bare_fig = text("SELECT grid_id, month, sum(n) FROM fig_visit_month WHERE month >= :m GROUP BY 1, 2")
        _, fig_sql = timed(lambda: conn.execute(bare_fig, {"m": since[:7]}).all(), repeat=5)
        # "first" is the first dashboard after the server started; each worker compiled its templates and
        # read its summary of the fact tables as it started (no figures are cached before this request).
        print(f"dashboard           first {first * 1000:8.1f} ms  cached {warm * 1000:7.1f} ms  uncached period {uncached * 1000:7.1f} ms")
        print(f"  | bare SQL visits/grid/month from the records' JSON {sql_warm * 1000:8.1f} ms  (dashboard/bare "
              f"{uncached / max(sql_warm, 1e-9):5.2f});  from fig_visit_month {fig_sql * 1000:6.1f} ms  "
              f"(dashboard/bare {uncached / max(fig_sql, 1e-9):5.1f})")
        if live_has("lap0"):  # an inspector's dashboard: their grid only (the figures tables' scoped path)
            inspector = web_client(live.url, "lap0")
            spans_i = iter([(f"{y}-{m:02d}", "2026-11") for y in (2025, 2026) for m in range(1, 13)])
            i_first, i_warm = timed(lambda: inspector.get("/web/"), repeat=3)
            _, i_uncached = timed(lambda: inspector.get("/web/", params=dict(zip(("start", "end"), next(spans_i), strict=True))),
                                  repeat=5)
            print(f"dashboard inspector first {i_first * 1000:8.1f} ms  cached {i_warm * 1000:7.1f} ms  "
                  f"uncached period {i_uncached * 1000:7.1f} ms")
            # the same figures of lap0's grid straight from the records: visits and distinct enterprises a month
            grid = conn.execute(text("SELECT id FROM grid WHERE code = 'G1'")).scalar_one()
            bare_grid = text(
                f"SELECT substr({j('visit_date')}, 1, 7), count(*), count(DISTINCT {j('enterprise_id')}) FROM record "
                f"WHERE entity = 'visit' AND deleted = false AND grid_id = :g AND {j('status')} = 'submitted' "
                f"AND {j('visit_date')} >= :since GROUP BY 1"
            )
            _, grid_sql = timed(lambda: conn.execute(bare_grid, {"g": grid, "since": since}).all(), repeat=3)
            print(f"  | bare SQL visits and distinct enterprises a month of the grid from the records' JSON "
                  f"{grid_sql * 1000:8.1f} ms  (uncached dashboard/bare {i_uncached / max(grid_sql, 1e-9):5.2f})")
            inspector.close()
        for key in REGISTERS:
            # what a skilled hand writes for "newest 50" here: walk the seq index (SQLite needs the unary plus)
            plus = "+" if sqlite else ""
            stmt = text(f"SELECT id, grid_id, data, updated_at FROM record WHERE {plus}entity = :e AND deleted = false "
                        "ORDER BY seq DESC LIMIT 51")
            _, page = timed(lambda key=key: web.get(f"/web/r/{key}"))
            _, bare = timed(lambda key=key, stmt=stmt: conn.execute(stmt, {"e": ENTITY[key]}).all())
            print(f"register {key:<10} first page {page * 1000:7.1f} ms   | bare SQL {bare * 1000:7.1f} ms  "
                  f"ratio {page / max(bare, 1e-9):6.1f}")
        _, search = timed(lambda: web.get("/web/r/enterprises", params={"q": "有限公司000123"}))
        bare_search = text(f"SELECT id FROM record WHERE entity = 'enterprise' AND deleted = false AND "
                           f"{j('name')} LIKE '%有限公司000123%' ORDER BY seq DESC LIMIT 51")
        _, bare = timed(lambda: conn.execute(bare_search).all())
        print(f"enterprise search   {search * 1000:8.1f} ms   | bare SQL {bare * 1000:7.1f} ms  ratio {search / max(bare, 1e-9):6.1f}")
        _, dossier = timed(lambda: web.get(f"/web/r/enterprises/{enterprise_id}"))
        bare_dossier = text(f"SELECT id FROM record WHERE entity = 'visit' AND {j('enterprise_id')} = :e")
        _, bare = timed(lambda: conn.execute(bare_dossier, {"e": enterprise_id}).all())
        print(f"enterprise dossier  {dossier * 1000:8.1f} ms   | bare SQL (its visits) {bare * 1000:7.1f} ms  "
              f"ratio {dossier / max(bare, 1e-9):6.1f}")
        # Searches of every length (the trigram index needs three characters; shorter terms walk the
        # narrow search table), frequent and absent, against the bare query over the records' JSON.
        for key, field, q in (("enterprises", "name", "机械"), ("enterprises", "name", "不存"),
                              ("enterprises", "name", "物流有限"), ("enterprises", "name", "不存在的企业"),
                              ("visits", "summary", "走访"), ("visits", "summary", "不存在的事")):
            _, page = timed(lambda key=key, q=q: web.get(f"/web/r/{key}", params={"q": q}))
            plus = "+" if sqlite else ""
            stmt = text(f"SELECT id FROM record WHERE {plus}entity = :e AND deleted = false AND {j(field)} LIKE :q "
                        "ORDER BY seq DESC LIMIT 51")
            _, bare = timed(lambda key=key, q=q, stmt=stmt: conn.execute(stmt, {"e": ENTITY[key], "q": f"%{q}%"}).all())
            print(f"search {key:<10} {q:<8} {page * 1000:8.1f} ms   | bare SQL {bare * 1000:7.1f} ms  "
                  f"ratio {page / max(bare, 1e-9):6.1f}")
        # Filters read one field of every row walked (newest first) until the page is full: a frequent
        # value stops early, an absent one walks the whole entity. Against the plain JSON read.
        for key, field, value in (("visits", "status", "submitted"), ("enterprises", "union_status", "established"),
                                  ("visits", "status", "absent")):
            _, page = timed(lambda key=key, field=field, value=value: web.get(f"/web/r/{key}", params={field: value}),
                            repeat=3)
            plus = "+" if sqlite else ""
            stmt = text(f"SELECT id, grid_id, data, updated_at FROM record WHERE {plus}entity = :e AND deleted = false "
                        f"AND {j(field)} = :v ORDER BY seq DESC LIMIT 51")
            _, bare = timed(lambda key=key, value=value, stmt=stmt: conn.execute(stmt, {"e": ENTITY[key], "v": value}).all(),
                            repeat=3)
            print(f"filter {key:<10} {field}={value:<12} {page * 1000:8.1f} ms   | bare SQL {bare * 1000:7.1f} ms  "
                  f"ratio {page / max(bare, 1e-9):6.1f}")
    engine.dispose()
    web.close()


def load(live: LiveServer, enterprises: list[str], grid_ids: list[str], users: int, laptops: int, seconds: float) -> None:
    """The stress run (web users think --think seconds between pages), then the same users and laptops
    with an office clerk's think time (--office-think). The load generator's threads run on the same
    2 cores as the server, so both are pessimistic for the server."""
    workers = " ".join(SERVE_ARGS) or "default workers"
    print(f"-- stress: web users think {THINK[0]:g}-{THINK[1]:g} s between pages ({workers}; the load generator "
          "shares the machine's cores with the server)")
    concurrent(live, enterprises, grid_ids, users, laptops, seconds, THINK)
    office = OFFICE_SECONDS[0] if OFFICE_SECONDS else seconds
    if office > 0:
        print(f"-- office (realistic): web users think {OFFICE_THINK[0]:g}-{OFFICE_THINK[1]:g} s between pages ({workers})")
        concurrent(live, enterprises, grid_ids, users, laptops, office, OFFICE_THINK)


def concurrent(live: LiveServer, enterprises: list[str], grid_ids: list[str], users: int, laptops: int, seconds: float,
               think: list[float]) -> None:
    deadline: list[float] = []
    web_lat: list[float] = []
    push_lat: list[float] = []
    pull_lat: list[float] = []
    errors: list[str] = []
    trace: list[dict[str, Any]] = []  # every request: kind, start, wall, the server's Server-Timing parts
    lock = threading.Lock()
    by_grid: dict[str, list[str]] = {}
    for i, e in enumerate(enterprises):
        by_grid.setdefault(grid_ids[i % len(grid_ids)], []).append(e)
    # The clock starts when everybody has signed in (argon2 makes 70 sign-ins take a while).
    start = threading.Barrier(users + laptops, action=lambda: (deadline.append(time.monotonic() + seconds),
                                                                cpu_marks.append(server_cpu())))

    def running() -> bool:
        return time.monotonic() < deadline[0]

    def user(n: int) -> None:
        rng = random.Random(n)
        try:
            client = web_client(live.url, "olga")
        except Exception as exc:
            errors.append(f"web login: {exc}")
            start.wait()
            return
        start.wait()
        if not BURST:  # people do not all click at the same millisecond: each starts within one think time
            time.sleep(rng.uniform(0, think[1]))
        pages = ["/web/", *(f"/web/r/{k}" for k in REGISTERS), "/web/r/enterprises?q=有限公司0001"]
        pages += ["/web/r/enterprises?q=机械", "dossier"]  # a two-character search; an enterprise's 一企一档
        while running():
            url = kind = rng.choice(pages)
            if url == "dossier":
                url = f"/web/r/enterprises/{rng.choice(enterprises)}"
            t0 = time.perf_counter()
            parts: dict[str, float] = {}
            try:
                answer = client.get(url)
                status, parts = answer.status_code, server_timing(answer)
            except httpx.TransportError as exc:  # counted, and the user goes on (a browser would retry)
                status = type(exc).__name__
            dt_ = time.perf_counter() - t0
            with lock:
                web_lat.append(dt_)
                trace.append({"kind": kind, "t": t0 - deadline[0] + seconds, "wall": dt_, **parts})
                if status != 200:
                    errors.append(f"{url}: {status}")
            time.sleep(rng.uniform(*think))  # a person reads the page
        client.close()

    def laptop(n: int) -> None:
        rng = random.Random(1000 + n)
        client = httpx.Client(base_url=live.url, timeout=120, limits=httpx.Limits(keepalive_expiry=3.0))
        try:
            answer = client.post("/v1/auth/login", json={"username": f"lap{n}", "password": PASSWORD, "device_name": f"lap{n}"})
            tok = answer.json()
            headers = {"Authorization": f"Bearer {tok['access_token']}"}
        except Exception as exc:  # a refused sign-in is counted, and the others still start together
            errors.append(f"laptop login: {exc!r} {locals().get('answer') and answer.status_code}")
            start.wait()
            return
        mine = by_grid[grid_ids[n % len(grid_ids)]]
        cursor = 0
        start.wait()
        if not BURST:  # laptops sync every 1-3 s: each starts somewhere in its first interval
            time.sleep(rng.uniform(0, 3.0))
        while running():
            muts = []
            for _ in range(50):
                eid = rng.choice(mine)
                muts.append({"mutation_id": str(uuid.uuid4()), "entity": "visit", "entity_id": str(uuid.uuid4()),
                             "op": "insert", "base_version": 0, "base_values": {},
                             "patch": {"enterprise_id": eid, "grid_id": grid_ids[n % len(grid_ids)], "form_id": "visit",
                                       "status": "submitted", "visit_date": dt.date.today().isoformat(),
                                       "summary": "压测走访", "answers": json.dumps({"q": "x" * 200})}})
            t0 = time.perf_counter()
            r = client.post("/v1/sync/push", json={"schema_version": SCHEMA_VERSION, "device_id": tok["device_id"], "mutations": muts},
                            headers=headers)
            with lock:
                push_lat.append(time.perf_counter() - t0)
                trace.append({"kind": "push", "t": t0 - deadline[0] + seconds, "wall": push_lat[-1], **server_timing(r)})
                if r.status_code != 200:
                    errors.append(f"push {r.status_code}")
            t0 = time.perf_counter()
            r = client.get("/v1/sync/pull", params={"cursor": cursor, "limit": 500}, headers=headers)
            with lock:
                pull_lat.append(time.perf_counter() - t0)
                trace.append({"kind": "pull", "t": t0 - deadline[0] + seconds, "wall": pull_lat[-1], **server_timing(r)})
                if r.status_code != 200:
                    errors.append(f"pull {r.status_code}")
            if r.status_code == 200:
                body = r.json()
                cursor = body["next_cursor"]
            time.sleep(rng.uniform(1.0, 3.0))  # a laptop syncs every few seconds at most
        client.close()

    def server_cpu() -> float:
        """CPU seconds of the server process and its workers so far (Linux /proc; 0 elsewhere)."""
        total = 0.0
        pids = [live.proc.pid] if live.proc else []
        try:
            pids += [int(p) for p in Path(f"/proc/{pids[0]}/task/{pids[0]}/children").read_text().split()] if pids else []
            for pid in pids:
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
                total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
        except (OSError, ValueError, IndexError):
            return 0.0
        return total

    cpu_marks: list[float] = []
    threads = [threading.Thread(target=user, args=(i,)) for i in range(users)]
    threads += [threading.Thread(target=laptop, args=(i,)) for i in range(laptops)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    used = server_cpu() - cpu_marks[0] if cpu_marks else 0.0
    ran = time.monotonic() - deadline[0] + seconds if deadline else seconds
    print(f"{users} web users + {laptops} syncing laptops for {seconds:.0f} s (server CPU {used:.1f} s in {ran:.0f} s "
          f"of wall, {used / max(ran, 1e-9):.0%} of a core; load average {os.getloadavg()[0]:.1f}):")
    print(f"  web pages  {ms(web_lat)}")
    print(f"  push (50)  {ms(push_lat)}")
    print(f"  pull       {ms(pull_lat)}")
    total = len(web_lat) + len(push_lat) + len(pull_lat)
    print(f"  non-2xx answers: {len(errors)} of {total}" + (f" (first: {errors[:3]})" if errors else ""))
    breakdown(trace)
    if TRACE:
        path = Path(f"{TRACE[0]}-{'office' if think is OFFICE_THINK else 'stress'}.jsonl")
        path.write_text("".join(json.dumps(t, ensure_ascii=False) + "\n" for t in trace), encoding="utf-8")
        print(f"  every request's timing: {path}")


def server_timing(answer: httpx.Response) -> dict[str, float]:
    """The parts of the server's Server-Timing header (app/server/timing.py), in seconds."""
    parts = {}
    for item in answer.headers.get("server-timing", "").split(","):
        name, _, dur = item.strip().partition(";dur=")
        if name and dur:
            parts[name] = float(dur) / 1000
    return parts


def breakdown(trace: list[dict[str, Any]]) -> None:
    """Which kinds of request are slow, and where the slowest 1% spent their time on the server
    (admission, write lock wait and hold, reads; 'net' is the wall time outside the server's total:
    the load generator's own threads and the connection)."""
    kinds: dict[str, list[dict[str, Any]]] = {}
    for t in trace:
        kinds.setdefault(t["kind"], []).append(t)
    print("  by kind: p50 / p99 / max wall (ms), n; mean parts of its slowest 5% (ms)")
    for kind, rows in sorted(kinds.items()):
        rows.sort(key=lambda t: t["wall"])
        n = len(rows)
        p50, p99 = (rows[min(n - 1, int(n * q))]["wall"] * 1000 for q in (0.5, 0.99))
        tail = rows[int(n * 0.95):] or rows[-1:]
        names = sorted({k for t in tail for k in t if k not in ("kind", "t", "wall")})
        mean = {k: sum(t.get(k, 0.0) for t in tail) / len(tail) * 1000 for k in names}
        mean["net"] = sum(t["wall"] - t.get("total", t["wall"]) for t in tail) / len(tail) * 1000
        parts = " ".join(f"{k} {v:.0f}" for k, v in mean.items())
        print(f"    {kind[:34]:<34} {p50:7.0f} {p99:7.0f} {rows[-1]['wall'] * 1000:7.0f} n={n:<5} | {parts}")
    slow = sorted(trace, key=lambda t: t["wall"])[-max(1, len(trace) // 100):]
    print("  the slowest 1% of all requests at (s into the run): " +
          ", ".join(f"{t['t']:.0f}:{t['kind'][:12]}" for t in sorted(slow, key=lambda t: t["t"])[:40]))


def main() -> None:
    # The server answers with the parts of each request's time (app/server/timing.py).
    os.environ.setdefault("UNION_INSPECTOR_SERVER_TIMING", "1")
    ap = argparse.ArgumentParser()
    ap.add_argument("--backend", choices=["sqlite", "postgres", "both"], default="sqlite")
    ap.add_argument("--enterprises", type=int, default=100_000)
    ap.add_argument("--visits-per", type=float, default=10.0)
    ap.add_argument("--users", type=int, default=50)
    ap.add_argument("--laptops", type=int, default=20)
    ap.add_argument("--seconds", type=float, default=30.0)
    ap.add_argument("--reuse", help="a data folder seeded by an earlier run (with --keep)")
    ap.add_argument("--reuse-db", help="with --reuse: the PostgreSQL URL of that earlier run's database")
    ap.add_argument("--keep", action="store_true", help="keep the seeded data folder for --reuse")
    ap.add_argument("--load-only", action="store_true", help="with --reuse: only the concurrent part")
    ap.add_argument("--think", type=float, nargs=2, default=THINK, metavar=("MIN", "MAX"),
                    help="seconds a web user waits between pages (default 0.2 1.0)")
    ap.add_argument("--office-think", type=float, nargs=2, default=OFFICE_THINK, metavar=("MIN", "MAX"),
                    help="the realistic run's think time (default 3 10)")
    ap.add_argument("--office-seconds", type=float, default=None,
                    help="length of the realistic run (default --seconds; 0 skips it)")
    ap.add_argument("--workers", type=int, default=None, help="the server's worker processes (serve --workers)")
    ap.add_argument("--burst", action="store_true",
                    help="every user and laptop sends its first request at the same instant (default: each starts "
                         "at a random point within its first think time or sync interval)")
    ap.add_argument("--trace", help="write every request's timing to TRACE-stress.jsonl and TRACE-office.jsonl")
    args = ap.parse_args()
    if args.trace:
        TRACE.append(args.trace)
    if args.burst:
        BURST.append(True)
    THINK[:] = args.think
    OFFICE_THINK[:] = args.office_think
    if args.office_seconds is not None:
        OFFICE_SECONDS.append(args.office_seconds)
    if args.workers is not None:
        SERVE_ARGS.extend(["--workers", str(args.workers)])
    elif args.backend != "both":  # the server's own default (the test harness would start one worker)
        from app.server.cli import default_workers

        SERVE_ARGS.extend(["--workers", str(default_workers(args.backend == "sqlite" and not args.reuse_db))])
    if args.load_only:
        SKIP_SINGLE.append(True)
    if args.reuse:
        reuse(Path(args.reuse), args.users, args.laptops, args.seconds, args.reuse_db)
        return
    KEEP.append(args.keep)
    for backend in (["sqlite", "postgres"] if args.backend == "both" else [args.backend]):
        run(backend, args.enterprises, args.visits_per, args.users, args.laptops, args.seconds)



def test_bench_web() -> None:
    """The pytest entry (tests/bench is run with python_files='bench_*.py'); sizes from the environment."""
    import os

    run(
        os.environ.get("BENCH_WEB_BACKEND", "sqlite"),
        int(os.environ.get("BENCH_WEB_ENTERPRISES", "100000")),
        float(os.environ.get("BENCH_WEB_VISITS_PER", "10")),
        int(os.environ.get("BENCH_WEB_USERS", "50")),
        int(os.environ.get("BENCH_WEB_LAPTOPS", "20")),
        float(os.environ.get("BENCH_WEB_SECONDS", "30")),
    )


if __name__ == "__main__":
    main()

"""10,000 queued changes pushed and pulled back over loopback against a real server process, through
the whole client (outbox, batches, results, page apply with cursor), against a raw baseline measured in
the same run: the same mutations as pre-built JSON POSTed with plain httpx, and the same pages fetched
with plain httpx without applying them. Target: sync ≤ 10 s."""

from __future__ import annotations

import json
import time
from pathlib import Path

import httpx

from app.core.ids import new_id
from app.store import changes
from app.store.tables import Enterprise
from app.sync import protocol as p
from app.sync.push import to_mutation
from tests.support.live_server import LiveServer
from tests.support.sync_laptops import PASSWORD, Laptop

CHANGES = 10_000
TARGET_S = 10.0


def _raw_baseline(server: LiveServer, bodies: list[bytes]) -> tuple[float, float, int]:
    with httpx.Client(base_url=server.url, timeout=120) as http:
        token = http.post("/v1/auth/login", json={"username": "olga", "password": PASSWORD}).json()
        headers = {"Authorization": f"Bearer {token['access_token']}", "Content-Type": "application/json"}
        t0 = time.perf_counter()
        for body in bodies:
            response = http.post("/v1/sync/push", content=body, headers=headers)
            assert response.status_code == 200, response.text[:300]
        t1 = time.perf_counter()
        cursor, received = 0, 0
        while True:
            page = http.get("/v1/sync/pull", params={"cursor": cursor, "limit": p.MAX_PULL_LIMIT}, headers=headers)
            data = page.json()
            received += len(data["changes"])
            cursor = data["next_cursor"]
            if not data["has_more"]:
                break
        t2 = time.perf_counter()
    return t1 - t0, t2 - t1, received


def test_push_and_pull_ten_thousand_changes(tmp_path: Path) -> None:
    sync_server = LiveServer(tmp_path / "sync-server")
    raw_server = LiveServer(tmp_path / "raw-server")
    for live in (sync_server, raw_server):
        live.create_grid("A", "甲网格")
        live.create_account("olga", PASSWORD, role="office")
    with sync_server, raw_server:
        laptop = Laptop(tmp_path, "bench", batch_size=p.MAX_MUTATIONS_PER_PUSH, pull_limit=p.MAX_PULL_LIMIT)
        try:
            laptop.login(sync_server.url, "olga")
            laptop.sync()
            grid_id = laptop.grid_id("A")
            t0 = time.perf_counter()
            with laptop.db.write() as session:
                for i in range(CHANGES):
                    changes.insert(
                        session,
                        Enterprise(name=f"基准企业{i:05d}有限公司", grid_id=grid_id, headcount=i % 300,
                                   address=f"文一路{i}号", industry="制造业"),
                        "bench",
                    )
            queued_s = time.perf_counter() - t0

            # The same payload, pre-built, for the baseline (fresh ids so the raw server stores them too).
            with laptop.db.read() as session:
                from app.store import sync_queue

                entries = sync_queue.next_batch(session, CHANGES + 10)
            mutations = []
            for entry in entries:
                m = to_mutation(entry).model_dump()
                m["mutation_id"], m["entity_id"] = new_id(), new_id()
                m["patch"]["grid_id"] = None
                mutations.append(m)
            bodies = [
                json.dumps(
                    {"schema_version": p.SCHEMA_VERSION, "device_id": "bench", "mutations": mutations[i : i + 500]},
                    ensure_ascii=False,
                ).encode()
                for i in range(0, len(mutations), 500)
            ]

            t1 = time.perf_counter()
            report = laptop.sync()
            sync_s = time.perf_counter() - t1
            assert report.applied == CHANGES and report.pulled >= CHANGES
            assert laptop.counts().queued == 0

            raw_push_s, raw_pull_s, received = _raw_baseline(raw_server, bodies)
            assert received >= CHANGES
        finally:
            laptop.close()
    raw_s = raw_push_s + raw_pull_s
    print(f"\nqueue {CHANGES} changes locally (outbox + audit): {queued_s:.2f} s")
    print(f"sync_once, push {report.pushed} + pull {report.pulled}: {sync_s:.2f} s "
          f"({CHANGES / sync_s:.0f} changes/s each way)")
    print(f"raw httpx baseline: push {raw_push_s:.2f} s + pull {raw_pull_s:.2f} s = {raw_s:.2f} s")
    print(f"ratio sync / raw: {sync_s / raw_s:.2f}; target ≤ {TARGET_S:.0f} s: {'met' if sync_s <= TARGET_S else 'MISSED'}")

"""A real server process on a loopback port: the command line, crash (kill -9) in the middle of a push
and restart on the same data, concurrent devices over HTTP."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.support.live_server import LiveServer
from tests.support.server_setup import BACKENDS, database_url, mutation, push_body, visit_patch

PASSWORD = "live-test-password"


@pytest.fixture(params=BACKENDS)
def server(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[LiveServer]:
    with database_url(request.param, tmp_path / "srv") as url:
        (tmp_path / "srv").mkdir(exist_ok=True)
        live = LiveServer(tmp_path / "srv", db_url=None if request.param == "sqlite" else url)
        live.grid_a = live.create_grid("A", "甲网格")  # type: ignore[attr-defined]
        live.create_account("ann", PASSWORD, grids=["A"])
        live.create_account("root", PASSWORD, role="admin")
        live.start()
        try:
            yield live
        finally:
            live.stop()


def sign_in(server: LiveServer, username: str = "ann") -> dict[str, Any]:
    r = httpx.post(server.url + "/v1/auth/login", json={"username": username, "password": PASSWORD, "device_name": "t"})
    assert r.status_code == 200, r.text
    body: dict[str, Any] = r.json()
    body["headers"] = {"Authorization": "Bearer " + body["access_token"]}
    return body


def an_enterprise(server: LiveServer, session: dict[str, Any]) -> str:
    """Visits hang on an enterprise of the inspector's grid (the server checks the parent)."""
    eid = str(uuid.uuid4())
    patch = {"name": "甲公司", "grid_id": server.grid_a, "deleted": False}  # type: ignore[attr-defined]
    r = httpx.post(
        server.url + "/v1/sync/push",
        json=push_body(session["device_id"], [mutation("enterprise", eid, patch=patch)]),
        headers=session["headers"],
    )
    assert r.json()["results"][0]["status"] == "applied"
    return eid


def pull_all(server: LiveServer, session: dict[str, Any]) -> list[dict[str, Any]]:
    cursor, out = 0, []
    while True:
        page = httpx.get(f"{server.url}/v1/sync/pull?cursor={cursor}&limit=1000", headers=session["headers"]).json()
        out += page["changes"]
        cursor = page["next_cursor"]
        if not page["has_more"]:
            return out


def test_cli_errors_are_one_sentence(server: LiveServer) -> None:
    dup = server.run_cli("create-grid", "A", "again")
    assert dup.returncode == 1 and dup.stderr.strip() == "error: A grid with code 'A' already exists."
    bad = server.run_cli("create-account", "zed", "--grid", "Z", "--password-stdin", stdin="long-enough-pw\n")
    assert bad.returncode == 1 and "no grid with code 'Z'" in bad.stderr and "Traceback" not in bad.stderr
    short = server.run_cli("create-account", "zed", "--password-stdin", stdin="short\n")
    assert short.returncode == 1 and "at least 8 characters" in short.stderr
    missing = server.run_cli("revoke-device", "nope")
    assert missing.returncode == 1 and "no device" in missing.stderr
    assigned = server.run_cli("assign-grid", "root", "A")
    assert assigned.returncode == 0, assigned.stderr
    assert server.run_cli("assign-grid", "root", "Q").stderr.strip() == "error: There is no grid with code 'Q'."
    assert server.run_cli("migrate").stdout.strip() == "The server database is up to date."
    unreachable = subprocess.run(
        [sys.executable, "-m", "app.server.cli", "migrate", "--db", "postgresql://nobody@127.0.0.1:1/none"],
        capture_output=True, text=True, check=False,
    )
    assert unreachable.returncode == 1
    assert unreachable.stderr.startswith("error: the server database cannot be used")
    assert "Traceback" not in unreachable.stderr


def test_cli_lists_and_revokes_devices(server: LiveServer) -> None:
    ann = sign_in(server)
    listed = server.run_cli("list-devices")
    assert listed.returncode == 0 and ann["device_id"] in listed.stdout
    assert server.run_cli("revoke-device", ann["device_id"]).returncode == 0
    assert httpx.get(server.url + "/v1/auth/me", headers=ann["headers"]).status_code == 401


@pytest.mark.slow
def test_kill_9_mid_push_then_retry_applies_everything_exactly_once(server: LiveServer) -> None:
    ann = sign_in(server)
    grid = server.grid_a  # type: ignore[attr-defined]
    eid = an_enterprise(server, ann)
    batches = [
        [mutation("visit", str(uuid.uuid4()), patch=visit_patch(eid, grid, summary=f"{b}-{i}")) for i in range(500)]
        for b in range(8)
    ]
    sent: list[int] = []

    def pusher() -> None:
        for b, batch in enumerate(batches):
            try:
                httpx.post(
                    server.url + "/v1/sync/push",
                    json=push_body(ann["device_id"], batch),
                    headers=ann["headers"],
                    timeout=30,
                )
                sent.append(b)
            except httpx.HTTPError:
                return

    t = threading.Thread(target=pusher)
    t.start()
    deadline = time.monotonic() + 60
    while not sent and time.monotonic() < deadline:
        time.sleep(0.01)
    time.sleep(0.05)
    server.kill()  # while the next batch is on the wire or in its transaction
    t.join()
    assert 1 <= len(sent) < len(batches)
    server.start()
    # The device retries everything (it cannot know which answers were lost).
    for batch in batches:
        r = httpx.post(
            server.url + "/v1/sync/push", json=push_body(ann["device_id"], batch), headers=ann["headers"], timeout=60
        )
        assert r.status_code == 200
        assert {x["status"] for x in r.json()["results"]} == {"applied"}
    visits = [c for c in pull_all(server, ann) if c["entity"] == "visit"]
    assert len(visits) == 4000
    assert len({v["entity_id"] for v in visits}) == 4000
    assert {v["version"] for v in visits} == {1}


def test_concurrent_devices_push_the_same_batch_over_http(server: LiveServer) -> None:
    sessions = [sign_in(server) for _ in range(4)]
    grid = server.grid_a  # type: ignore[attr-defined]
    eid = an_enterprise(server, sessions[0])
    batch = [mutation("visit", str(uuid.uuid4()), patch=visit_patch(eid, grid, form_version=i)) for i in range(100)]
    answers: list[Any] = []

    def go(s: dict[str, Any]) -> None:
        r = httpx.post(server.url + "/v1/sync/push", json=push_body(s["device_id"], batch), headers=s["headers"], timeout=60)
        answers.append((r.status_code, r.json()["results"]))

    threads = [threading.Thread(target=go, args=(s,)) for s in sessions for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(answers) == 8 and all(a == answers[0] for a in answers) and answers[0][0] == 200
    visits = [c for c in pull_all(server, sessions[0]) if c["entity"] == "visit"]
    assert len(visits) == 100


def test_tokens_survive_a_restart(server: LiveServer) -> None:
    ann = sign_in(server)
    server.restart()
    assert httpx.get(server.url + "/v1/auth/me", headers=ann["headers"]).json()["username"] == "ann"
    r = httpx.post(server.url + "/v1/auth/token", json={"refresh_token": ann["refresh_token"]})
    assert r.status_code == 200

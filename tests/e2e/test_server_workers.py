"""`serve --workers N`: several server processes on one database (SQLite and PostgreSQL). A web user
signed in on one worker stays signed in on every other, laptops push from many threads at once and
every mutation lands exactly once in sequence order, and the failed-login limit holds across workers."""

from __future__ import annotations

import re
import subprocess
import threading
import uuid
from pathlib import Path

import httpx
import pytest

from app.server import cli
from app.server.cli import default_workers
from tests.support.live_server import LiveServer
from tests.support.server_setup import BACKENDS, PASSWORD, database_url, login, mutation, push_body


def _children(pid: int) -> list[int]:
    out = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True, check=False).stdout
    return [int(p) for p in out.split()]


def _fresh(url: str) -> httpx.Client:
    """A client that opens a new connection for every request, so requests spread over the workers."""
    return httpx.Client(base_url=url, timeout=30, headers={"Connection": "close"})


def _web_sign_in(client: httpx.Client, username: str, password: str = PASSWORD) -> httpx.Response:
    page = client.get("/web/login")
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
    assert token
    return client.post("/web/login", data={"username": username, "password": password, "csrf_token": token.group(1)})


def test_workers_accept_connections_with_nagle_off(monkeypatch: pytest.MonkeyPatch) -> None:
    """The workers' shared socket passes TCP_NODELAY on to every connection it accepts; with Nagle on,
    each answer after the first on a kept-alive connection waited for the client's delayed ACK."""
    import socket

    import uvicorn
    import uvicorn.supervisors

    handed: list[socket.socket] = []

    class Supervisor:
        def __init__(self, config: object, sockets: list[socket.socket], **_: object) -> None:
            handed.extend(sockets)

        def run(self) -> None:
            pass

    monkeypatch.setattr(uvicorn.supervisors, "Multiprocess", Supervisor)
    cli._run_workers(uvicorn.Config("app.server.cli:worker_app", factory=True, workers=2, host="127.0.0.1", port=0))
    [listener] = handed
    try:
        listener.listen()
        with socket.create_connection(listener.getsockname()[:2]):
            accepted, _ = listener.accept()
            with accepted:
                assert accepted.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY) != 0
    finally:
        listener.close()


def test_default_worker_count() -> None:
    assert default_workers(is_sqlite=True) >= 1
    assert default_workers(is_sqlite=False) >= 1


@pytest.mark.parametrize("backend", BACKENDS)
def test_two_workers_share_sessions_and_write_in_order(backend: str, tmp_path: Path) -> None:
    with database_url(backend, tmp_path) as url:
        live = LiveServer(tmp_path / "server", db_url=None if backend == "sqlite" else url,
                          serve_args=("--workers", "2"))
        grid = live.create_grid("A", "甲网格")
        live.create_account("olga", PASSWORD, "office")
        for i in range(4):
            live.create_account(f"lap{i}", PASSWORD, "inspector", ["A"])
        with live:
            assert len(_children(live.proc.pid if live.proc else 0)) >= 2
            web = _fresh(live.url)
            assert _web_sign_in(web, "olga").status_code in (200, 303)
            # Each request on a new connection: with sessions in one process's memory, about half of
            # these would land on the other worker and be sent to the sign-in page.
            for _ in range(16):
                assert web.get("/web/", follow_redirects=False).status_code == 200
            web.close()

            sent: list[str] = []
            errors: list[str] = []

            def laptop(n: int) -> None:
                with _fresh(live.url) as client:
                    tok = login(client, f"lap{n}")
                    for _ in range(3):
                        muts = [mutation("enterprise", str(uuid.uuid4()), patch={"name": f"企业{n}", "grid_id": grid})
                                for _ in range(10)]
                        r = client.post("/v1/sync/push", json=push_body(tok["device_id"], muts), headers=tok["headers"])
                        if r.status_code != 200 or any(x["status"] != "applied" for x in r.json()["results"]):
                            errors.append(r.text[:200])
                        sent.extend(m["entity_id"] for m in muts)

            threads = [threading.Thread(target=laptop, args=(i,)) for i in range(4)]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            assert errors == []
            with _fresh(live.url) as client:
                tok = login(client, "olga")
                cursor, seqs, ids = 0, [], []
                while True:
                    body = client.get("/v1/sync/pull", params={"cursor": cursor, "limit": 50}, headers=tok["headers"]).json()
                    seqs += [c["seq"] for c in body["changes"]]
                    ids += [c["entity_id"] for c in body["changes"] if c["entity"] == "enterprise"]
                    cursor = body["next_cursor"]
                    if not body["has_more"]:
                        break
            assert sorted(ids) == sorted(sent)  # every row once
            assert seqs == sorted(seqs) and len(set(seqs)) == len(seqs)

            # The failed-login limit is counted in the database, whichever worker answers.
            bad = _fresh(live.url)
            codes = [_web_sign_in(bad, "lap0", "wrong").status_code for _ in range(6)]
            assert codes[:5] == [401] * 5 and codes[5] == 429
            bad.close()

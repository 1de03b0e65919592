"""The district server attacked by someone holding a valid inspector account of grid B (bob), over real
HTTP against a real server process, on SQLite and (with a test cluster) PostgreSQL. Each test is one
finding of the security review: it must now be refused, per mutation where it is data, with a sentence
and never a 500 or a traceback."""

from __future__ import annotations

import contextlib
import hashlib
import os
import socket
import stat
import threading
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from app.sync.protocol import PullResponse
from tests.support.live_server import LiveServer
from tests.support.server_setup import BACKENDS, database_url, mutation, push_body, visit_patch

PASSWORD = "attack-test-password"


class Site:
    def __init__(self, live: LiveServer) -> None:
        self.live = live
        self.url = live.url + "/v1"
        self.grid_a = live.create_grid("A", "甲网格")
        self.grid_b = live.create_grid("B", "乙网格")
        for name, role, grids in (("ann", "inspector", ["A"]), ("bob", "inspector", ["B"]), ("olga", "office", []),
                                  ("root", "admin", [])):
            live.create_account(name, PASSWORD, role=role, grids=grids)
        self.http = httpx.Client(base_url=self.url, timeout=30)

    def login(self, username: str, **headers: str) -> dict[str, Any]:
        r = self.http.post("/auth/login", json={"username": username, "password": PASSWORD, "device_name": "t"},
                           headers=headers)
        assert r.status_code == 200, r.text
        body: dict[str, Any] = r.json()
        body["headers"] = {"Authorization": "Bearer " + body["access_token"]}
        return body

    def push(self, who: dict[str, Any], mutations: list[dict[str, Any]]) -> list[dict[str, Any]]:
        r = self.http.post("/sync/push", json=push_body(who["device_id"], mutations), headers=who["headers"])
        assert r.status_code == 200, r.text
        results: list[dict[str, Any]] = r.json()["results"]
        return results

    def pull_all(self, who: dict[str, Any]) -> list[dict[str, Any]]:
        cursor, out = 0, []
        while True:
            r = self.http.get("/sync/pull", params={"cursor": cursor, "limit": 1000}, headers=who["headers"])
            assert r.status_code == 200, r.text
            page = PullResponse.model_validate_json(r.content)  # what the laptop does with it
            out += [c.model_dump() for c in page.changes]
            cursor = page.next_cursor
            if not page.has_more:
                return out


def _start(tmp_path: Path, backend: str, serve_args: tuple[str, ...] = ()) -> Iterator[Site]:
    with database_url(backend, tmp_path / "srv") as url:
        (tmp_path / "srv").mkdir(exist_ok=True)
        live = LiveServer(tmp_path / "srv", db_url=None if backend == "sqlite" else url, serve_args=serve_args)
        site = Site(live)
        live.start()
        try:
            yield site
        finally:
            site.http.close()
            live.stop()


@pytest.fixture(params=BACKENDS)
def site(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Site]:
    yield from _start(tmp_path, request.param)


@pytest.fixture
def sqlite_site(tmp_path: Path) -> Iterator[Site]:
    yield from _start(tmp_path, "sqlite")


def new_id() -> str:
    return str(uuid.uuid4())


def enterprise(grid_id: Any, name: str = "乙公司", **extra: Any) -> dict[str, Any]:
    return {"name": name, "grid_id": grid_id, "address": "一路1号", "headcount": 10, "deleted": False, **extra}


def assert_sentence(r: httpx.Response, status: int | tuple[int, ...]) -> dict[str, Any]:
    statuses = (status,) if isinstance(status, int) else status
    assert r.status_code in statuses, (r.status_code, r.text[:300])
    body: dict[str, Any] = r.json()
    assert body["message"] and "Traceback" not in r.text and "File \"" not in r.text
    return body


# --- 1. one value must not halt sync for everyone --------------------------------------------------


def test_values_no_laptop_can_store_are_rejected_per_mutation(site: Site) -> None:
    bob, olga = site.login("bob"), site.login("olga")
    good = new_id()
    bad = [
        mutation("enterprise", new_id(), patch=enterprise(site.grid_b, headcount=10**23)),
        mutation("enterprise", new_id(), patch=enterprise(site.grid_b, headcount=-(2**63) - 1)),
        mutation("enterprise", new_id(), patch=enterprise(site.grid_b, headcount="12")),
        mutation("enterprise", new_id(), patch=enterprise(site.grid_b, headcount=True)),
        mutation("enterprise", new_id(), patch=enterprise(site.grid_b, longitude="东经")),
        mutation("enterprise", new_id(), patch=enterprise(site.grid_b, name="长" * 201)),
        mutation("enterprise", new_id(), patch=enterprise(site.grid_b, registered_date="2026-13-45")),
        mutation("enterprise", new_id(), patch=enterprise(site.grid_b, registered_date="20260101")),
        mutation("enterprise", new_id(), patch=enterprise(site.grid_b, evil_field="x")),
        mutation("enterprise", new_id(), patch={"grid_id": site.grid_b, "address": "no name"}),
        mutation("enterprise", new_id(), patch=enterprise(site.grid_b, name=None)),
        mutation("grid", new_id(), patch={"code": "Z", "name": "z", "boundary": "not json"}),
    ]
    results = site.push(bob, [*bad, mutation("enterprise", good, patch=enterprise(site.grid_b, headcount=2**63 - 1))])
    assert [r["status"] for r in results[:-1]] == ["rejected"] * 12
    assert "64-bit" in results[0]["message"] and "headcount" in results[0]["message"]
    assert all(r["message"] for r in results[:-1])
    assert results[-1]["status"] == "applied"  # the batch goes on
    office_rows = site.pull_all(olga)  # parses with the laptop's models: nothing in it can stop a pull
    assert [c["data"]["headcount"] for c in office_rows if c["entity_id"] == good] == [2**63 - 1]
    assert {c["entity_id"] for c in office_rows} & {m["entity_id"] for m in bad} == set()
    # The office gets the same reasons (the checks are not a matter of role).
    again = site.push(olga, [mutation("enterprise", new_id(), patch=enterprise(site.grid_b, headcount=10**23))])
    assert again[0]["status"] == "rejected"


# --- 2. grid scope --------------------------------------------------------------------------------


def test_rows_without_a_grid_and_unknown_entities_are_refused(site: Site) -> None:
    bob, ann, olga = site.login("bob"), site.login("ann"), site.login("olga")
    no_grid = [
        mutation("enterprise", new_id(), patch=enterprise(None)),
        mutation("enterprise", new_id(), patch=enterprise("")),
        mutation("enterprise", new_id(), patch={k: v for k, v in enterprise("x").items() if k != "grid_id"}),
        mutation("enterprise", new_id(), patch=enterprise("no-such-grid")),
        mutation("grid", new_id(), patch={"code": "Z", "name": "假网格"}),
        mutation("inspector", new_id(), patch={"name": "假人"}),
    ]
    results = site.push(bob, no_grid)
    assert [r["status"] for r in results] == ["forbidden"] * 6
    unknown = site.push(bob, [mutation("evil_kind", new_id(), patch={"grid_id": site.grid_b, "x": 1})])
    assert unknown[0]["status"] == "rejected" and "evil_kind" in unknown[0]["message"]
    refused = {m["entity_id"] for m in no_grid} | {"evil_kind"}
    for who in (ann, olga):
        assert not {c["entity_id"] for c in site.pull_all(who)} & refused
    # The office may keep reference rows without a grid; everybody reads them.
    ok = site.push(olga, [mutation("inspector", new_id(), patch={"name": "新同事"})])
    assert ok[0]["status"] == "applied"
    assert ok[0]["mutation_id"] and any(c["entity"] == "inspector" for c in site.pull_all(bob))


def test_a_child_row_takes_its_parents_grid_whatever_it_claims(site: Site) -> None:
    ann, bob = site.login("ann"), site.login("bob")
    a_ent, b_ent = new_id(), new_id()
    assert site.push(ann, [mutation("enterprise", a_ent, patch=enterprise(site.grid_a, "甲公司"))])[0]["status"] == "applied"
    assert site.push(bob, [mutation("enterprise", b_ent, patch=enterprise(site.grid_b))])[0]["status"] == "applied"
    attacks = [
        mutation("visit", new_id(), patch=visit_patch(a_ent, site.grid_b, summary="冒充")),
        mutation("visit", new_id(), patch=visit_patch(a_ent, summary="没写网格")),
        mutation("visit", new_id(), patch=visit_patch(a_ent, site.grid_a)),
        mutation("matter", new_id(), patch={"enterprise_id": a_ent, "grid_id": site.grid_b, "category": "wage",
                                            "opened_on": "2026-11-30"}),
        mutation("attachment", new_id(), patch={"owner_table": "enterprise", "owner_id": a_ent, "grid_id": site.grid_b,
                                                "sha256": "0" * 64}),
        mutation("enterprise", a_ent, "update", {"name": "改名"}, 1, {"name": "甲公司"}),
        mutation("enterprise", a_ent, "delete", {"deleted": True}, 1, {"deleted": False}),
    ]
    assert [r["status"] for r in site.push(bob, attacks)] == ["forbidden"] * 7
    # Moving his own visit onto ann's enterprise afterwards is refused too.
    vid = new_id()
    assert site.push(bob, [mutation("visit", vid, patch=visit_patch(b_ent, site.grid_b))])[0]["status"] == "applied"
    move = site.push(bob, [mutation("visit", vid, "update", {"enterprise_id": a_ent}, 1, {"enterprise_id": b_ent})])
    assert move[0]["status"] == "forbidden"
    # Attachments on owners that are no synced rows at all are nonsense.
    odd = site.push(bob, [mutation("attachment", new_id(), patch={"owner_table": "account", "owner_id": "x",
                                                                  "grid_id": site.grid_b, "sha256": "0" * 64})])
    assert odd[0]["status"] == "rejected"
    a_rows = {c["entity_id"]: c for c in site.pull_all(ann)}
    assert a_rows[a_ent]["data"]["name"] == "甲公司" and not a_rows[a_ent]["deleted"]
    assert not {m["entity_id"] for m in attacks[:5]} & set(a_rows)


def test_blobs_are_readable_only_through_rows_in_scope(site: Site) -> None:
    ann, bob, olga = site.login("ann"), site.login("bob"), site.login("olga")
    photo = "甲网格的照片".encode() * 500
    sha = hashlib.sha256(photo).hexdigest()
    ent = new_id()
    put = site.http.put(f"/blobs/{sha}", content=photo, headers={**ann["headers"], "Content-Type": "application/octet-stream"})
    assert put.status_code == 200
    site.push(ann, [
        mutation("enterprise", ent, patch=enterprise(site.grid_a, "甲公司")),
        mutation("attachment", new_id(), patch={"owner_table": "enterprise", "owner_id": ent, "sha256": sha,
                                                "size": len(photo)}),
    ])
    missing = "f" * 64
    for verb in ("HEAD", "GET"):
        assert site.http.request(verb, f"/blobs/{sha}", headers=bob["headers"]).status_code == 404
        assert site.http.request(verb, f"/blobs/{missing}", headers=bob["headers"]).status_code == 404
        assert site.http.request(verb, f"/blobs/{sha}").status_code == 401
    assert site.http.get(f"/blobs/{sha}", headers=ann["headers"]).content == photo
    assert site.http.get(f"/blobs/{sha}", headers=olga["headers"]).content == photo
    assert site.http.head(f"/blobs/{sha}", headers=ann["headers"]).status_code == 200
    # Bytes one uploads oneself can be read back (the laptop checks HEAD before its row is pushed).
    own = b"bob's own scan"
    own_sha = hashlib.sha256(own).hexdigest()
    site.http.put(f"/blobs/{own_sha}", content=own, headers={**bob["headers"], "Content-Type": "application/octet-stream"})
    assert site.http.head(f"/blobs/{own_sha}", headers=bob["headers"]).status_code == 200
    assert site.http.head(f"/blobs/{own_sha}", headers=ann["headers"]).status_code == 404


def test_a_grid_taken_away_stops_reaching_the_account(site: Site) -> None:
    ann = site.login("ann")
    ent = new_id()
    site.push(ann, [mutation("enterprise", ent, patch=enterprise(site.grid_a, "甲公司"))])
    assert ent in {c["entity_id"] for c in site.pull_all(ann)}
    done = site.live.run_cli("unassign-grid", "ann", "A")
    assert done.returncode == 0, done.stderr
    me = site.http.get("/auth/me", headers=ann["headers"]).json()
    assert me["grids"] == [] and me["grid_codes"] == []
    assert ent not in {c["entity_id"] for c in site.pull_all(ann)}
    late = site.push(ann, [mutation("enterprise", ent, "update", {"name": "还想改"}, 1, {"name": "甲公司"})])
    assert late[0]["status"] == "forbidden"


# --- 3. bodies --------------------------------------------------------------------------------------


def _rss(pid: int) -> tuple[int, int]:
    """(current, peak) resident memory of a process in KiB."""
    fields = dict(
        line.split(":", 1) for line in Path(f"/proc/{pid}/status").read_text().splitlines() if ":" in line
    )
    return int(fields["VmRSS"].split()[0]), int(fields["VmHWM"].split()[0])


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="needs /proc to read the server's memory")
def test_200_mib_chunked_login_body_leaves_memory_flat(sqlite_site: Site) -> None:
    proc = sqlite_site.live.proc
    assert proc is not None
    for _ in range(3):  # warm up the request path
        sqlite_site.http.post("/auth/login", json={"username": "nobody", "password": "x"})
    with contextlib.suppress(OSError):  # restart the peak (VmHWM), so it measures this request only
        Path(f"/proc/{proc.pid}/clear_refs").write_text("5")
    before, peak_before = _rss(proc.pid)
    total = 200 * 1024 * 1024
    chunk = b"a" * (1024 * 1024)
    frame = b"%x\r\n" % len(chunk) + chunk + b"\r\n"
    sent = 0
    answer = b""
    with socket.create_connection(("127.0.0.1", sqlite_site.live.port), timeout=30) as sock:
        sock.sendall(
            b"POST /v1/auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
            b"Transfer-Encoding: chunked\r\n\r\n"
        )
        try:
            while sent < total:
                sock.sendall(frame)
                sent += len(chunk)
            sock.sendall(b"0\r\n\r\n")
        except (BrokenPipeError, ConnectionResetError):
            pass  # the server hung up once the limit was passed: what we want
        try:
            while True:
                data = sock.recv(65536)
                if not data:
                    break
                answer += data
        except (ConnectionResetError, TimeoutError):
            pass
    after, peak = _rss(proc.pid)
    print(
        f"\n200 MiB chunked body to /v1/auth/login: server RSS {before / 1024:.1f} MiB before "
        f"(peak so far {peak_before / 1024:.1f} MiB), "
        f"{after / 1024:.1f} MiB after, peak {peak / 1024:.1f} MiB; client got {sent / 2**20:.0f} MiB out "
        f"before the server closed; answer {answer[:12]!r}"
    )
    assert after - before < 32 * 1024, "the server's memory grew with the body"
    assert peak - max(before, peak_before) < 32 * 1024, "the server's memory peaked with the body"
    assert sent < total or answer.startswith(b"HTTP/1.1 413")
    if answer:
        assert answer.startswith(b"HTTP/1.1 413") and b"Traceback" not in answer
    # And it still serves.
    assert sqlite_site.http.get("/health").status_code == 200


def test_oversized_bodies_are_refused_on_every_endpoint_and_encoding(sqlite_site: Site) -> None:
    s = sqlite_site
    bob = s.login("bob")

    def chunked(size: int) -> Iterator[bytes]:
        for _ in range(size // 65536 + 1):
            yield b" " * 65536

    for path, size, headers in (
        ("/auth/login", 1 << 20, {}),
        ("/auth/token", 1 << 20, {}),
        ("/sync/push", 40 << 20, bob["headers"]),
        ("/letter-numbers/reserve", 1 << 20, bob["headers"]),
        ("/devices/x/revoke", 1 << 20, bob["headers"]),
    ):
        declared = s.http.post(path, content=b" " * size, headers={**headers, "Content-Type": "application/json"})
        assert_sentence(declared, 413)
        try:
            streamed = s.http.post(path, content=chunked(size), headers={**headers, "Content-Type": "application/json"})
        except httpx.TransportError:
            continue  # hung up before the client finished sending: refused all the same
        assert_sentence(streamed, 413)


@pytest.mark.parametrize(
    ("body", "status"),
    [
        (b"\xff\xfe\x00not utf-8", 400),
        (b'{"username": "\xc3\x28", "password": "x"}', 400),
        (b'{"username": "\\ud800", "password": "x"}', 400),
        (b'{"username": "ann", "password": "\\udfff\\ud800"}', 400),
        (b'{"username": NaN, "password": "x"}', 400),
        (b'{"username": "ann", "password": ', 400),
        (b"[1, 2, 3]", 422),
        (b'"just a string"', 422),
        (b'{"username": 5, "password": {"a": []}}', 422),
        (b"", 422),
        (b"[" * 10000, 400),
        (b'{"username": "ann", "password": 1e999999}', 400),
    ],
)
def test_malformed_bodies_get_a_sentence_never_a_500(sqlite_site: Site, body: bytes, status: int) -> None:
    bob = sqlite_site.login("bob") if status != 400 or b"ann" in body else None
    for path, headers in (("/auth/login", {}), ("/sync/push", bob["headers"] if bob else {})):
        r = sqlite_site.http.post(path, content=body, headers={**headers, "Content-Type": "application/json"})
        if path == "/sync/push" and bob is None:
            assert r.status_code in (400, 401)
            continue
        assert_sentence(r, status)


def test_lone_surrogates_inside_a_push_are_refused(sqlite_site: Site) -> None:
    bob = sqlite_site.login("bob")
    body = push_body(bob["device_id"], [mutation("enterprise", new_id(), patch=enterprise(sqlite_site.grid_b))])
    raw = httpx.Request("POST", "http://x", json=body).content.replace("乙公司".encode(), b"\\ud800")
    r = sqlite_site.http.post("/sync/push", content=raw, headers={**bob["headers"], "Content-Type": "application/json"})
    assert_sentence(r, 400)
    assert "surrogate" in r.json()["message"]


# --- 4. login limits ----------------------------------------------------------------------------------


def test_forty_concurrent_guesses_check_at_most_five(site: Site) -> None:
    statuses: list[int] = []
    barrier = threading.Barrier(40)

    def guess(i: int) -> None:
        with httpx.Client(base_url=site.url, timeout=60) as c:
            barrier.wait()
            r = c.post("/auth/login", json={"username": "ann", "password": f"guess {i}", "device_name": "x"})
            statuses.append(r.status_code)

    threads = [threading.Thread(target=guess, args=(i,)) for i in range(40)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    print(f"\n40 concurrent wrong passwords for one account: {statuses.count(401)} checked (401), "
          f"{statuses.count(429)} refused (429)")
    assert len(statuses) == 40 and set(statuses) <= {401, 429}
    assert statuses.count(401) <= 5
    # Even the right password waits out the window now.
    right = site.http.post("/auth/login", json={"username": "ann", "password": PASSWORD})
    assert right.status_code == 429 and int(right.headers["Retry-After"]) > 0


def test_one_address_guessing_many_usernames_is_limited_and_forged_forwards_do_not_help(site: Site) -> None:
    statuses = []
    for i in range(25):
        r = site.http.post(
            "/auth/login",
            json={"username": f"user{i}", "password": "guess"},
            headers={"X-Forwarded-For": f"203.0.113.{i}", "X-Real-IP": f"198.51.100.{i}", "Forwarded": f"for=192.0.2.{i}"},
        )
        statuses.append(r.status_code)
    assert statuses[:20] == [401] * 20
    assert statuses[20:] == [429] * 5
    # ...and ann from the same address is held back too (the address, not the account, is limited).
    assert site.http.post("/auth/login", json={"username": "ann", "password": PASSWORD}).status_code == 429


def test_forwarded_for_is_believed_only_from_a_named_proxy(tmp_path: Path) -> None:
    for site in _start(tmp_path, "sqlite", ("--trusted-proxy", "127.0.0.1")):
        statuses = [
            site.http.post("/auth/login", json={"username": f"user{i}", "password": "guess"},
                           headers={"X-Forwarded-For": f"203.0.113.{i}"}).status_code
            for i in range(25)
        ]
        # Every guess came through the trusted proxy from another client: none is limited by address.
        assert statuses == [401] * 25
        # A client cannot hide behind an address it prepends itself: the proxy's own hop is what counts.
        spoof = [
            site.http.post("/auth/login", json={"username": f"x{i}", "password": "guess"},
                           headers={"X-Forwarded-For": f"10.9.9.{i}, 203.0.113.200"}).status_code
            for i in range(22)
        ]
        assert spoof[:20] == [401] * 20 and spoof[20:] == [429] * 2


# --- 5. letter numbers, mutation ids, files, admin audit ------------------------------------------


def test_letter_numbers_are_capped_per_call_and_per_device(site: Site) -> None:
    bob, ann = site.login("bob"), site.login("ann")
    huge = site.http.post("/letter-numbers/reserve", json={"series_key": "劳监提字", "year": 2026, "count": 1000},
                          headers=bob["headers"])
    assert_sentence(huge, 422)
    blocks = [
        site.http.post("/letter-numbers/reserve", json={"series_key": "劳监提字", "year": 2026, "count": 50},
                       headers=bob["headers"])
        for _ in range(13)
    ]
    assert [b.status_code for b in blocks] == [200] * 12 + [429]
    assert blocks[0].json()["end"] - blocks[0].json()["start"] == 49
    assert int(blocks[-1].headers["Retry-After"]) > 0
    mine = site.http.post("/letter-numbers/reserve",
                          json={"series_key": "劳监建字", "year": 2026, "count": 5, "request_id": "req-ann-1"},
                          headers=ann["headers"])
    assert mine.status_code == 200
    stolen = site.http.post("/letter-numbers/reserve",
                            json={"series_key": "劳监建字", "year": 2026, "count": 5, "request_id": "req-ann-1"},
                            headers=bob["headers"])
    assert_sentence(stolen, (409, 429))


def test_mutation_ids_belong_to_their_account(site: Site) -> None:
    ann, bob = site.login("ann"), site.login("bob")
    shared_id = new_id()
    a_ent = new_id()
    # bob uses the id first (guessed, or seen), with his own content...
    first = site.push(bob, [mutation("enterprise", new_id(), patch=enterprise(site.grid_b), mutation_id=shared_id)])
    assert first[0]["status"] == "applied"
    # ...which neither blocks ann's mutation with that id (no 409) nor hands her bob's result.
    mine = site.push(ann, [mutation("enterprise", a_ent, patch=enterprise(site.grid_a, "甲公司"), mutation_id=shared_id)])
    assert mine[0]["status"] == "applied" and mine[0]["version"] == 1
    assert a_ent in {c["entity_id"] for c in site.pull_all(ann)}
    # A replay by the same account (a new device after signing in again) still answers from the ledger.
    ann2 = site.login("ann")
    replay = site.push(ann2, [mutation("enterprise", a_ent, patch=enterprise(site.grid_a, "甲公司"), mutation_id=shared_id)])
    assert replay == mine
    changed = site.http.post("/sync/push", headers=ann2["headers"], json=push_body(ann2["device_id"], [
        mutation("enterprise", a_ent, patch=enterprise(site.grid_a, "别的内容"), mutation_id=shared_id)]))
    assert assert_sentence(changed, 409)["error"] == "mutation_id_reused"


def test_server_files_are_private(site: Site) -> None:
    bob = site.login("bob")
    body = b"private bytes"
    sha = hashlib.sha256(body).hexdigest()
    site.http.put(f"/blobs/{sha}", content=body, headers={**bob["headers"], "Content-Type": "application/octet-stream"})
    data_dir = site.live.data_dir
    assert stat.S_IMODE(data_dir.stat().st_mode) == 0o700
    blob_dir = data_dir / "blobs"
    assert stat.S_IMODE(blob_dir.stat().st_mode) == 0o700
    assert stat.S_IMODE((blob_dir / sha[:2]).stat().st_mode) == 0o700
    assert stat.S_IMODE((blob_dir / sha[:2] / sha).stat().st_mode) == 0o600
    if site.live.db_url is None:
        for name in ("server.db", "server.db-wal", "server.db-shm"):
            path = data_dir / name
            if path.exists():
                assert stat.S_IMODE(path.stat().st_mode) == 0o600, name
        assert (data_dir / "server.db").exists()


def test_admin_actions_are_audited_from_cli_and_api(site: Site) -> None:
    cli = site.live.run_cli
    assert cli("create-account", "carl", "--grid", "B", "--password-stdin", stdin="carl-password\n").returncode == 0
    assert cli("assign-grid", "carl", "A").returncode == 0
    assert cli("unassign-grid", "carl", "B").returncode == 0
    assert cli("set-role", "carl", "office").returncode == 0
    assert cli("create-grid", "C", "丙网格").returncode == 0
    bob, root = site.login("bob"), site.login("root")
    revoked = site.http.post(f"/devices/{bob['device_id']}/revoke", headers=root["headers"])
    assert revoked.status_code == 200
    listed = site.http.get("/admin/audit", headers=root["headers"])
    assert listed.status_code == 200
    actions = [(a["action"], a["target"]) for a in listed.json()]
    for expected in (("create_account", "carl"), ("assign_grid", "carl"), ("unassign_grid", "carl"),
                     ("set_role", "carl"), ("create_grid", "C"), ("revoke_device", bob["device_id"])):
        assert expected in actions
    api_revoke = next(a for a in listed.json() if a["action"] == "revoke_device")
    assert api_revoke["actor"].startswith("root")
    assert listed.json()[0]["action"] == "revoke_device"  # newest first
    assert site.http.get("/admin/audit", headers=site.login("ann")["headers"]).status_code == 403
    printed = cli("admin-audit")
    assert printed.returncode == 0 and "set_role\tcarl" in printed.stdout and "revoke_device" in printed.stdout


def test_the_server_log_and_answers_carry_no_tracebacks(sqlite_site: Site) -> None:
    """After a burst of hostile requests the server is alive and its answers held no stack frames."""
    s = sqlite_site
    bob = s.login("bob")
    for body in (b"\xff" * 100, b'{"a": "\\ud800"}', b"{" * 5000, b"null", b"1e999999"):
        for path in ("/auth/login", "/auth/token", "/auth/revoke", "/sync/push", "/letter-numbers/reserve"):
            r = s.http.post(path, content=body, headers={**bob["headers"], "Content-Type": "application/json"})
            assert r.status_code < 500, (path, body[:20], r.text[:200])
            assert "Traceback" not in r.text
    time.sleep(0.1)
    assert s.http.get("/health").status_code == 200
    assert os.path.exists(s.live.log_path)

"""The district server through its HTTP API (in process), on SQLite and, when a test cluster is given,
PostgreSQL: idempotent push, merge and conflicts, scope, auth, letter numbers, schema window, paging."""

from __future__ import annotations

import threading
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import func
from sqlmodel import select

from app.server import letters, sync_service
from app.server.accounts import principal_for
from app.server.api import ServerState, create_app
from app.server.settings import ServerSettings
from app.server.tables import Account, ChangeLog, MutationLedger, Record
from app.sync.protocol import (
    MIN_SCHEMA_VERSION,
    SCHEMA_VERSION,
    LetterNumberReserveRequest,
    PushRequest,
)
from tests.support.server_setup import (
    BACKENDS,
    PASSWORD,
    Seeded,
    database_url,
    login,
    mutation,
    push_body,
    seed,
    visit_patch,
)


@dataclass
class Env:
    client: TestClient
    app: FastAPI
    settings: ServerSettings
    seeded: Seeded

    @property
    def state(self) -> ServerState:
        state: ServerState = self.app.state.server
        return state

    def login(self, username: str, device: str = "laptop") -> dict[str, Any]:
        return login(self.client, username, device=device)

    def push(self, session: dict[str, Any], mutations: list[dict[str, Any]], **kw: Any) -> Any:
        return self.client.post(
            "/v1/sync/push", json=push_body(session["device_id"], mutations, **kw), headers=session["headers"]
        )

    def pull_all(self, session: dict[str, Any], limit: int = 500) -> list[dict[str, Any]]:
        cursor, out = 0, []
        while True:
            r = self.client.get(f"/v1/sync/pull?cursor={cursor}&limit={limit}", headers=session["headers"])
            assert r.status_code == 200, r.text
            page = r.json()
            out += page["changes"]
            cursor = page["next_cursor"]
            if not page["has_more"]:
                return out

    def count(self, model: Any, *where: Any) -> int:
        with self.state.db.read() as s:
            return int(s.exec(select(func.count()).select_from(model).where(*where)).one())


@pytest.fixture(params=BACKENDS)
def env(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Env]:
    with database_url(request.param, tmp_path) as url:
        settings = ServerSettings(data_dir=tmp_path / "srv", database_url=url, jwt_secret="t" * 40)
        seeded = seed(settings)
        app = create_app(settings)
        with TestClient(app) as client:
            yield Env(client, app, settings, seeded)
        app.state.server.db.dispose()


def enterprise(grid_id: str, name: str = "甲公司", **extra: Any) -> dict[str, Any]:
    return {"name": name, "grid_id": grid_id, "address": "一路1号", "headcount": 10, "deleted": False, **extra}


def new_id() -> str:
    return str(uuid.uuid4())


# --- push idempotency ----------------------------------------------------------------------------


def test_push_then_pull_round_trip(env: Env) -> None:
    ann = env.login("ann")
    eid = new_id()
    r = env.push(ann, [mutation("enterprise", eid, patch=enterprise(env.seeded.grid_a))])
    assert r.status_code == 200
    [res] = r.json()["results"]
    assert res["status"] == "applied" and res["version"] == 1
    rows = [c for c in env.pull_all(ann) if c["entity"] == "enterprise"]
    assert [(c["entity_id"], c["data"]["name"], c["version"], c["deleted"]) for c in rows] == [(eid, "甲公司", 1, False)]


@pytest.mark.parametrize("times", [2, 10])
def test_same_batch_pushed_again_creates_nothing_twice(env: Env, times: int) -> None:
    ann = env.login("ann")
    batch = [mutation("enterprise", new_id(), patch=enterprise(env.seeded.grid_a, f"企业{i}")) for i in range(20)]
    eid = batch[0]["entity_id"]
    batch.append(mutation("enterprise", eid, "update", {"headcount": 50}, 1, {"headcount": 10}))
    answers = [env.push(ann, batch).json()["results"] for _ in range(times)]
    assert all(a == answers[0] for a in answers)
    assert env.count(Record, Record.entity == "enterprise") == 20
    assert env.count(MutationLedger) == 21
    assert env.count(ChangeLog, ChangeLog.entity == "enterprise") == 21
    with env.state.db.read() as s:
        assert s.get(Record, ("enterprise", eid)).version == 2  # type: ignore[union-attr]


def test_concurrent_duplicate_pushes_apply_once(env: Env) -> None:
    """Eight devices' worth of threads push the same batch at once through the real transaction code."""
    ann = env.login("ann")
    eid = new_id()
    env.push(ann, [mutation("enterprise", eid, patch=enterprise(env.seeded.grid_a))])
    batch = PushRequest.model_validate(
        push_body(
            ann["device_id"],
            [mutation("visit", new_id(), patch=visit_patch(eid, env.seeded.grid_a, summary=f"走访{i}")) for i in range(50)],
        )
    )
    with env.state.db.read() as s:
        account = s.exec(select(Account).where(Account.username == "ann")).one()
        principal = principal_for(s, account, ann["device_id"])
    errors: list[BaseException] = []
    results: list[Any] = []

    def run() -> None:
        try:
            results.append(sync_service.push(env.state.db, principal, batch))
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=run) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert len({r.model_dump_json() for r in results}) == 1
    assert env.count(Record, Record.entity == "visit") == 50
    assert env.count(MutationLedger) == 51
    assert env.count(ChangeLog, ChangeLog.entity == "visit") == 50


def test_same_mutation_id_with_other_payload_is_409_and_applies_nothing(env: Env) -> None:
    ann = env.login("ann")
    m = mutation("enterprise", new_id(), patch=enterprise(env.seeded.grid_a))
    assert env.push(ann, [m]).json()["results"][0]["status"] == "applied"
    other = dict(m, patch=enterprise(env.seeded.grid_a, "改过的"))
    fresh = mutation("enterprise", new_id(), patch=enterprise(env.seeded.grid_a, "新"))
    r = env.push(ann, [fresh, other])
    assert r.status_code == 409
    assert r.json()["error"] == "mutation_id_reused"
    assert env.count(Record, Record.entity == "enterprise") == 1
    assert env.count(MutationLedger) == 1


def test_one_invalid_mutation_among_100_does_not_block_the_others(env: Env) -> None:
    ann = env.login("ann")
    eid = new_id()
    env.push(ann, [mutation("enterprise", eid, patch=enterprise(env.seeded.grid_a))])
    batch = [mutation("visit", new_id(), patch=visit_patch(eid, env.seeded.grid_a, summary=str(i))) for i in range(99)]
    batch.insert(50, mutation("enterprise", new_id(), "update", {"name": "x"}, 3, {"name": "y"}))
    statuses = [r["status"] for r in env.push(ann, batch).json()["results"]]
    assert statuses.count("applied") == 99 and statuses[50] == "rejected"


# --- merge and conflicts -------------------------------------------------------------------------


def test_stale_edits_to_different_fields_merge_and_same_field_conflicts(env: Env) -> None:
    ann, olga = env.login("ann"), env.login("olga")
    eid = new_id()
    env.push(ann, [mutation("enterprise", eid, patch=enterprise(env.seeded.grid_a))])
    # Both edit from version 1 while offline.
    r1 = env.push(olga, [mutation("enterprise", eid, "update", {"address": "二路2号"}, 1, {"address": "一路1号"})])
    assert r1.json()["results"][0]["status"] == "applied"
    r2 = env.push(ann, [mutation("enterprise", eid, "update", {"headcount": 30}, 1, {"headcount": 10})])
    assert r2.json()["results"][0] == {
        "mutation_id": r2.json()["results"][0]["mutation_id"],
        "status": "applied",
        "version": 3,
        "server_values": None,
        "conflict_fields": [],
        "message": "",
    }
    r3 = env.push(olga, [mutation("enterprise", eid, "update", {"name": "丙公司"}, 3, {"name": "甲公司"})])
    assert r3.json()["results"][0]["status"] == "applied"
    r4 = env.push(ann, [mutation("enterprise", eid, "update", {"name": "丁公司", "notes": "n"}, 3, {"name": "甲公司", "notes": ""})])
    res = r4.json()["results"][0]
    assert res["status"] == "conflict"
    assert res["conflict_fields"] == ["name"] and res["server_values"] == {"name": "丙公司"}
    [row] = [c for c in env.pull_all(ann) if c["entity_id"] == eid]
    assert row["data"]["name"] == "丙公司"  # no silent overwrite
    assert row["data"]["address"] == "二路2号" and row["data"]["headcount"] == 30 and row["data"]["notes"] == "n"


def test_edit_against_delete_is_a_conflict(env: Env) -> None:
    ann, olga = env.login("ann"), env.login("olga")
    eid = new_id()
    env.push(ann, [mutation("enterprise", eid, patch=enterprise(env.seeded.grid_a))])
    assert env.push(olga, [mutation("enterprise", eid, "delete", {"deleted": True}, 1, {"deleted": False})]).json()[
        "results"
    ][0]["status"] == "applied"
    res = env.push(ann, [mutation("enterprise", eid, "update", {"name": "新名"}, 1, {"name": "甲公司"})]).json()["results"][0]
    assert res["status"] == "conflict" and res["server_values"] == {"deleted": True, "name": "甲公司"}
    [row] = [c for c in env.pull_all(ann) if c["entity_id"] == eid]
    assert row["deleted"] is True and row["data"]["name"] == "甲公司"


def test_insert_of_existing_row_same_content_is_duplicate(env: Env) -> None:
    ann = env.login("ann")
    eid = new_id()
    patch = enterprise(env.seeded.grid_a)
    env.push(ann, [mutation("enterprise", eid, patch=patch)])
    res = env.push(ann, [mutation("enterprise", eid, patch=patch)]).json()["results"][0]
    assert res["status"] == "duplicate" and res["version"] == 1


# --- scope ---------------------------------------------------------------------------------------


def test_inspector_sees_and_writes_only_own_grids(env: Env) -> None:
    ann, bob, olga = env.login("ann"), env.login("bob"), env.login("olga")
    a_ids = [new_id() for _ in range(5)]
    b_ids = [new_id() for _ in range(7)]
    env.push(ann, [mutation("enterprise", i, patch=enterprise(env.seeded.grid_a)) for i in a_ids])
    env.push(bob, [mutation("enterprise", i, patch=enterprise(env.seeded.grid_b)) for i in b_ids])
    # A visit carries no grid of its own here: it inherits its enterprise's.
    vid = new_id()
    env.push(bob, [mutation("visit", vid, patch=visit_patch(b_ids[0], summary="走访"))])

    ann_rows = env.pull_all(ann, limit=3)
    seen = {c["entity_id"] for c in ann_rows}
    assert seen.isdisjoint(b_ids) and vid not in seen
    assert set(a_ids) <= seen
    assert {env.seeded.grid_a, env.seeded.grid_b} <= seen  # grid rows are district-wide reference data
    assert set(a_ids + b_ids + [vid]) <= {c["entity_id"] for c in env.pull_all(olga)}

    into_b = env.push(ann, [mutation("enterprise", new_id(), patch=enterprise(env.seeded.grid_b))]).json()["results"]
    assert into_b[0]["status"] == "forbidden"
    edit_b = env.push(ann, [mutation("enterprise", b_ids[1], "update", {"name": "x"}, 1, {"name": "甲公司"})])
    assert edit_b.json()["results"][0]["status"] == "forbidden"
    move = env.push(ann, [mutation("enterprise", a_ids[0], "update", {"grid_id": env.seeded.grid_b}, 1, {"grid_id": env.seeded.grid_a})])
    assert move.json()["results"][0]["status"] == "forbidden"
    grid_edit = env.push(ann, [mutation("grid", env.seeded.grid_a, "update", {"name": "x"}, 1, {})])
    assert grid_edit.json()["results"][0]["status"] == "forbidden"
    visit_b = env.push(ann, [mutation("visit", new_id(), patch=visit_patch(b_ids[0], summary="?"))])
    assert visit_b.json()["results"][0]["status"] == "forbidden"
    assert env.count(Record, Record.grid_id == env.seeded.grid_b) == 8


def test_row_moved_out_of_a_grid_is_removed_from_its_inspectors(env: Env) -> None:
    ann, bob, olga = env.login("ann"), env.login("bob"), env.login("olga")
    eid = new_id()
    env.push(ann, [mutation("enterprise", eid, patch=enterprise(env.seeded.grid_a, "机密公司"))])
    cursor = env.client.get("/v1/sync/pull?limit=1000", headers=ann["headers"]).json()["next_cursor"]
    move = mutation("enterprise", eid, "update", {"grid_id": env.seeded.grid_b}, 1, {"grid_id": env.seeded.grid_a})
    assert env.push(olga, [move]).json()["results"][0]["status"] == "applied"
    after = env.client.get(f"/v1/sync/pull?cursor={cursor}", headers=ann["headers"]).json()["changes"]
    assert [(c["entity_id"], c["removed"], c["deleted"], c["data"]) for c in after] == [(eid, True, True, {})]
    [for_bob] = [c for c in env.pull_all(bob) if c["entity_id"] == eid]
    assert for_bob["removed"] is False and for_bob["data"]["name"] == "机密公司"


# --- auth ----------------------------------------------------------------------------------------


def test_wrong_password_is_401_and_rate_limited_after_five(env: Env) -> None:
    bad = {"username": "ann", "password": "wrong password", "device_name": "x"}
    assert [env.client.post("/v1/auth/login", json=bad).status_code for _ in range(5)] == [401] * 5
    limited = env.client.post("/v1/auth/login", json={**bad, "password": PASSWORD})
    assert limited.status_code == 429
    assert int(limited.headers["Retry-After"]) > 0 and limited.json()["error"] == "rate_limited"
    # Another account from the same client is not locked out by ann's failures.
    assert env.client.post("/v1/auth/login", json={**bad, "username": "bob", "password": PASSWORD}).status_code == 200
    unknown = env.client.post("/v1/auth/login", json={**bad, "username": "nobody"})
    assert unknown.status_code == 401 and unknown.json()["error"] == "unauthorized"


def test_refresh_rotates_and_reuse_revokes_the_family(env: Env) -> None:
    ann = env.login("ann")
    first = ann["refresh_token"]
    r = env.client.post("/v1/auth/token", json={"refresh_token": first})
    assert r.status_code == 200
    second = r.json()["refresh_token"]
    assert second != first and r.json()["device_id"] == ann["device_id"]
    third = env.client.post("/v1/auth/token", json={"refresh_token": second}).json()["refresh_token"]
    access = {"Authorization": "Bearer " + env.client.post("/v1/auth/token", json={"refresh_token": third}).json()["access_token"]}
    assert env.client.get("/v1/auth/me", headers=access).status_code == 200
    # The first token shows up again: someone has a copy. Every token of the device dies.
    reuse = env.client.post("/v1/auth/token", json={"refresh_token": first})
    assert reuse.status_code == 401
    assert env.client.get("/v1/auth/me", headers=access).status_code == 401
    assert env.client.get("/v1/sync/pull", headers=ann["headers"]).status_code == 401


def test_retry_of_a_lost_refresh_answer_is_not_treated_as_theft(env: Env) -> None:
    ann = env.login("ann")
    lost = env.client.post("/v1/auth/token", json={"refresh_token": ann["refresh_token"]})
    assert lost.status_code == 200
    retry = env.client.post("/v1/auth/token", json={"refresh_token": ann["refresh_token"]})
    assert retry.status_code == 200
    assert env.client.post("/v1/auth/token", json={"refresh_token": lost.json()["refresh_token"]}).status_code == 401
    assert env.client.post("/v1/auth/token", json={"refresh_token": retry.json()["refresh_token"]}).status_code == 200


def test_concurrent_refreshes_leave_exactly_one_live_token(env: Env) -> None:
    from app.server.tables import RefreshToken

    ann = env.login("ann")
    outcomes: list[str] = []

    def go() -> None:
        try:
            env.state.auth.refresh(ann["refresh_token"])
            outcomes.append("ok")
        except Exception as exc:  # 401 ApiError when it lost the race
            outcomes.append(type(exc).__name__)

    threads = [threading.Thread(target=go) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert "ok" in outcomes and set(outcomes) <= {"ok", "ApiError"}
    live = env.count(
        RefreshToken,
        RefreshToken.device_id == ann["device_id"],
        RefreshToken.revoked_at.is_(None),  # type: ignore[union-attr]
        RefreshToken.rotated_at.is_(None),  # type: ignore[union-attr]
    )
    assert live == 1


def test_revoked_device_gets_401(env: Env) -> None:
    ann, root = env.login("ann"), env.login("root")
    assert env.client.get("/v1/devices", headers=ann["headers"]).status_code == 403
    devices = env.client.get("/v1/devices", headers=root["headers"]).json()
    assert ann["device_id"] in {d["device_id"] for d in devices}
    r = env.client.post(f"/v1/devices/{ann['device_id']}/revoke", headers=root["headers"])
    assert r.status_code == 200 and r.json()["revoked_at"]
    assert env.client.get("/v1/sync/pull", headers=ann["headers"]).status_code == 401
    assert env.client.post("/v1/auth/token", json={"refresh_token": ann["refresh_token"]}).status_code == 401
    assert env.client.post("/v1/devices/nope/revoke", headers=root["headers"]).status_code == 404


def test_logout_revokes_the_device(env: Env) -> None:
    ann = env.login("ann")
    assert env.client.post("/v1/auth/revoke", json={"refresh_token": ann["refresh_token"]}).json() == {"revoked": True}
    assert env.client.get("/v1/auth/me", headers=ann["headers"]).status_code == 401
    assert env.client.post("/v1/auth/revoke", json={"refresh_token": "unknown"}).json() == {"revoked": False}


def test_requests_without_valid_token_are_401(env: Env) -> None:
    assert env.client.get("/v1/sync/pull").status_code == 401
    assert env.client.get("/v1/sync/pull", headers={"Authorization": "Bearer nonsense"}).status_code == 401
    assert env.client.get("/v1/health").json()["schema_version"] == SCHEMA_VERSION


def test_oversized_json_body_is_refused_before_it_is_read(env: Env) -> None:
    from app.server.limits import MAX_PUSH_BYTES

    ann = env.login("ann")
    r = env.client.post(
        "/v1/sync/push",
        content=b"x" * (MAX_PUSH_BYTES + 1),
        headers={**ann["headers"], "Content-Type": "application/json"},
    )
    assert r.status_code == 413 and r.json()["error"] == "too_large"


def test_openapi_docs_describe_every_operation(env: Env) -> None:
    assert env.client.get("/docs").status_code == 200
    paths = env.client.get("/openapi.json").json()["paths"]
    for path in ("/v1/sync/push", "/v1/sync/pull", "/v1/auth/login", "/v1/auth/token", "/v1/auth/revoke",
                 "/v1/blobs/{sha256}", "/v1/letter-numbers/reserve", "/v1/devices", "/v1/health"):
        assert path in paths


# --- letter numbers ------------------------------------------------------------------------------


def test_letter_number_blocks_never_overlap(env: Env) -> None:
    ann, bob = env.login("ann"), env.login("bob")
    blocks = []
    for who, count in [(ann, 10), (bob, 5), (ann, 1), (bob, 20)]:
        r = env.client.post(
            "/v1/letter-numbers/reserve", json={"series_key": "劳监提字", "year": 2026, "count": count}, headers=who["headers"]
        )
        assert r.status_code == 200
        blocks.append((r.json()["start"], r.json()["end"]))
    assert blocks == [(1, 10), (11, 15), (16, 16), (17, 36)]
    other = env.client.post("/v1/letter-numbers/reserve", json={"series_key": "劳监提字", "year": 2027, "count": 3}, headers=ann["headers"])
    assert (other.json()["start"], other.json()["end"]) == (1, 3)
    req = {"series_key": "劳监建字", "year": 2026, "count": 4, "request_id": "r-1"}
    again = [env.client.post("/v1/letter-numbers/reserve", json=req, headers=ann["headers"]).json() for _ in range(3)]
    assert all(a == again[0] for a in again)


def test_concurrent_letter_reservations_never_overlap(env: Env) -> None:
    ann = env.login("ann")
    with env.state.db.read() as s:
        account = s.exec(select(Account).where(Account.username == "ann")).one()
        principal = principal_for(s, account, ann["device_id"])
    got: list[tuple[int, int]] = []
    errors: list[BaseException] = []

    def run(count: int) -> None:
        try:
            for _ in range(5):
                req = LetterNumberReserveRequest(series_key="S", year=2026, count=count)
                b = letters.reserve(env.state.db, principal, req, per_hour=100)
                got.append((b.start, b.end))
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(n,)) for n in (1, 2, 3, 5, 7, 11)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    numbers = [n for start, end in got for n in range(start, end + 1)]
    assert len(numbers) == len(set(numbers)) == 5 * (1 + 2 + 3 + 5 + 7 + 11)
    assert sorted(numbers) == list(range(1, len(numbers) + 1))


# --- schema window, paging -----------------------------------------------------------------------


def test_schema_n_and_n_minus_1_accepted_older_gets_426(env: Env) -> None:
    ann = env.login("ann")
    eid = new_id()
    env.push(ann, [mutation("enterprise", eid, patch=enterprise(env.seeded.grid_a))])
    for version in (SCHEMA_VERSION, MIN_SCHEMA_VERSION):
        r = env.push(ann, [mutation("visit", new_id(), patch=visit_patch(eid))], schema_version=version)
        assert r.status_code == 200 and r.json()["results"][0]["status"] == "applied"
    old = env.push(ann, [mutation("visit", new_id(), patch=visit_patch(eid))], schema_version=MIN_SCHEMA_VERSION - 1)
    assert old.status_code == 426 and old.json()["error"] == "schema_too_old"
    pulled = env.client.get(f"/v1/sync/pull?schema_version={MIN_SCHEMA_VERSION - 1}", headers=ann["headers"])
    assert pulled.status_code == 426
    assert env.count(Record, Record.entity == "visit") == 2


def test_pull_pages_with_a_cursor(env: Env) -> None:
    olga = env.login("olga")
    ids = [new_id() for _ in range(25)]
    env.push(olga, [mutation("visit", i, patch=visit_patch(new_id(), env.seeded.grid_a, form_version=k)) for k, i in enumerate(ids)])
    pages, cursor = [], 0
    while True:
        page = env.client.get(f"/v1/sync/pull?cursor={cursor}&limit=10", headers=olga["headers"]).json()
        pages.append(page)
        cursor = page["next_cursor"]
        if not page["has_more"]:
            break
    got = [c["entity_id"] for p in pages for c in p["changes"] if c["entity"] == "visit"]
    assert got == ids
    assert [p["has_more"] for p in pages] == [True, True, False]
    seqs = [c["seq"] for p in pages for c in p["changes"]]
    assert seqs == sorted(seqs) and len(set(seqs)) == len(seqs)
    empty = env.client.get(f"/v1/sync/pull?cursor={cursor}", headers=olga["headers"]).json()
    assert empty == {"changes": [], "next_cursor": cursor, "has_more": False}
    # An edit of an old row brings it back after the cursor, once, with its newest state.
    env.push(olga, [mutation("visit", ids[0], "update", {"form_version": 99}, 1, {"form_version": 0})])
    later = env.client.get(f"/v1/sync/pull?cursor={cursor}", headers=olga["headers"]).json()["changes"]
    assert [(c["entity_id"], c["version"], c["data"]["form_version"]) for c in later] == [(ids[0], 2, 99)]


# --- blobs ---------------------------------------------------------------------------------------


def test_blob_upload_is_checked_and_idempotent(env: Env) -> None:
    import hashlib

    ann = env.login("ann")
    body = "照片".encode() * 1000
    sha = hashlib.sha256(body).hexdigest()
    h = ann["headers"]
    assert env.client.head(f"/v1/blobs/{sha}", headers=h).status_code == 404
    put = env.client.put(f"/v1/blobs/{sha}", content=body, headers={**h, "Content-Type": "application/octet-stream"})
    assert put.status_code == 200 and put.json() == {"sha256": sha, "size": len(body), "created": True}
    again = env.client.put(f"/v1/blobs/{sha}", content=body, headers=h)
    assert again.json()["created"] is False
    head = env.client.head(f"/v1/blobs/{sha}", headers=h)
    assert head.status_code == 200 and head.headers["content-length"] == str(len(body))
    assert env.client.get(f"/v1/blobs/{sha}", headers=h).content == body
    wrong = env.client.put(f"/v1/blobs/{'0' * 64}", content=body, headers=h)
    assert wrong.status_code == 400 and wrong.json()["error"] == "hash_mismatch"
    assert env.client.head(f"/v1/blobs/{'0' * 64}", headers=h).status_code == 404
    assert list((env.settings.blob_dir).rglob(".upload-*")) == []

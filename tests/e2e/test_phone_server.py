"""The server side of the phone app against a real server process: patrol tracks pushed (valid and
invalid) and kept to their grid, visit positions and the enterprise positions they fill, the week route
planned by the laptop's planner, and base-map tiles."""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest

from app.planning.basemap import MBTiles, make_demo_basemap, tile_xy
from app.planning.geo import BBox
from app.planning.weekplan import propose_week
from app.server.settings import ServerSettings
from app.store.datapool import PlanningRow
from tests.support.live_server import LiveServer
from tests.support.server_setup import BACKENDS, PASSWORD, database_url, mutation, push_body, seed

T0 = 1_764_480_000
BOX = BBox(106.50, 29.50, 106.53, 29.53)
TILE_ZOOM = 14


@dataclass
class Phone:
    headers: dict[str, str]
    device_id: str


@dataclass
class World:
    server: LiveServer
    grid_a: str
    grid_b: str

    def sign_in(self, username: str, device: str = "手机 · 测试") -> Phone:
        r = httpx.post(self.server.url + "/v1/auth/login",
                       json={"username": username, "password": PASSWORD, "device_name": device})
        assert r.status_code == 200, r.text
        body = r.json()
        return Phone({"Authorization": "Bearer " + body["access_token"]}, body["device_id"])

    def push(self, phone: Phone, *mutations: dict[str, Any]) -> list[dict[str, Any]]:
        r = httpx.post(self.server.url + "/v1/sync/push", json=push_body(phone.device_id, list(mutations)),
                       headers=phone.headers)
        assert r.status_code == 200, r.text
        results: list[dict[str, Any]] = r.json()["results"]
        return results

    def get(self, phone: Phone | None, path: str, **params: Any) -> httpx.Response:
        return httpx.get(self.server.url + path, params=params, headers=phone.headers if phone else {})


@pytest.fixture(scope="module", params=BACKENDS)
def world(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    data = tmp_path_factory.mktemp("phone-server")
    with database_url(request.param, data) as url:
        db_url = None if request.param == "sqlite" else url
        seeded = seed(ServerSettings(data_dir=data, database_url=db_url))
        make_demo_basemap(BOX, [TILE_ZOOM], data / "basemap.mbtiles")
        server = LiveServer(data, db_url=db_url)
        server.start()
        try:
            yield World(server, seeded.grid_a, seeded.grid_b)
        finally:
            server.stop()


def _track(grid_id: str, n: int = 5, **over: Any) -> dict[str, Any]:
    points = [[T0 + 60 * i, 106.51 + 0.0004 * i, 29.51 + 0.0003 * i, 8.0] for i in range(n)]
    patch = {
        "grid_id": grid_id, "route_day": "2025-11-30", "started_at": "2025-11-30T01:00:00Z",
        "ended_at": "2025-11-30T01:04:00Z", "point_count": n, "points": json.dumps(points), "device_name": "手机",
    }
    patch.update(over)
    return patch


def test_tracks_push_valid_refuse_invalid_and_stay_in_their_grid(world: World) -> None:
    ann, bob = world.sign_in("ann"), world.sign_in("bob")
    good = str(uuid.uuid4())
    results = world.push(
        ann,
        mutation("patrol_track", good, patch=_track(world.grid_a)),
        mutation("patrol_track", str(uuid.uuid4()), patch=_track(world.grid_a, points="[[1, 2, 3]]", point_count=1)),
        mutation("patrol_track", str(uuid.uuid4()), patch=_track(world.grid_a, point_count=7)),
        mutation("patrol_track", str(uuid.uuid4()), patch=_track(world.grid_a, points=f"[[{T0}, 106.5, 95, 5]]",
                                                                 point_count=1)),
        mutation("patrol_track", str(uuid.uuid4()), patch=_track(world.grid_b)),
        mutation("patrol_track", good, op="update", base_version=1, patch={"point_count": 1}),
    )
    statuses = [r["status"] for r in results]
    assert statuses == ["applied", "rejected", "rejected", "rejected", "forbidden", "rejected"], results
    assert "point 1" in results[1]["message"]
    assert "point_count" in results[2]["message"]
    assert "latitude" in results[3]["message"]
    assert "never edited" in results[5]["message"]
    # The same insert sent again (a lost answer) is a duplicate, never a second track.
    assert world.push(ann, mutation("patrol_track", good, patch=_track(world.grid_a)))[0]["status"] == "duplicate"

    def tracks(phone: Phone) -> set[str]:
        r = world.get(phone, "/v1/sync/pull", cursor=0, limit=1000)
        return {c["entity_id"] for c in r.json()["changes"] if c["entity"] == "patrol_track" and not c["removed"]}

    assert good in tracks(ann)
    assert good not in tracks(bob)
    olga = world.sign_in("olga", "笔记本")
    assert good in tracks(olga)


def test_a_visit_records_where_it_was_filled_and_fills_the_enterprise_position(world: World) -> None:
    ann = world.sign_in("ann")
    eid, vid = str(uuid.uuid4()), str(uuid.uuid4())
    assert world.push(ann, mutation("enterprise", eid, patch={"name": "无坐标公司", "grid_id": world.grid_a}))[0][
        "status"] == "applied"
    visit = {"enterprise_id": eid, "grid_id": world.grid_a, "visit_date": "2025-11-28", "form_id": "sancha_sanji",
             "filled_longitude": 106.512, "filled_latitude": 29.513, "filled_accuracy_m": 9.5}
    position = {"longitude": 106.512, "latitude": 29.513, "position_source": "visit"}
    results = world.push(
        ann,
        mutation("visit", vid, patch=visit),
        mutation("enterprise", eid, op="update", base_version=1, patch=position,
                 base_values={"longitude": None, "latitude": None, "position_source": ""}),
        mutation("visit", str(uuid.uuid4()), patch=dict(visit, filled_latitude="north")),
    )
    assert [r["status"] for r in results] == ["applied", "applied", "rejected"], results
    changes = world.get(ann, "/v1/sync/pull", cursor=0, limit=1000).json()["changes"]
    rows = {c["entity_id"]: c["data"] for c in changes}
    assert rows[vid]["filled_accuracy_m"] == 9.5
    assert rows[eid]["position_source"] == "visit" and rows[eid]["longitude"] == 106.512


def _enterprises(world: World, phone: Phone, grid_id: str, n: int) -> list[dict[str, Any]]:
    made = []
    for i in range(n):
        eid = str(uuid.uuid4())
        patch = {
            "name": f"路线企业{i:02d}", "address": f"示范路{i}号", "grid_id": grid_id, "headcount": 20 + 5 * i,
            "union_status": "none", "longitude": 106.501 + 0.0021 * (i % 7), "latitude": 29.501 + 0.0023 * (i // 7),
        }
        made.append({"id": eid, **patch})
    results = world.push(phone, *[mutation("enterprise", m["id"], patch={k: v for k, v in m.items() if k != "id"})
                                  for m in made])
    assert {r["status"] for r in results} == {"applied"}
    return made


def test_the_week_route_is_the_laptop_planners_plan_of_the_callers_grid(world: World) -> None:
    ann, bob = world.sign_in("ann"), world.sign_in("bob")
    _enterprises(world, bob, world.grid_b, 3)
    _enterprises(world, ann, world.grid_a, 12)
    r = world.get(ann, "/v1/phone/week", start="2025-12-03")
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["week_start"] == "2025-12-01" and body["grid"]["code"] == "A"
    assert [d["day"] for d in body["days"]] == [f"2025-12-0{i}" for i in range(1, 6)]
    # What the laptop's planner proposes for the same rows (every enterprise of grid A the server holds).
    changes = world.get(ann, "/v1/sync/pull", cursor=0, limit=1000).json()["changes"]
    rows = [
        PlanningRow(
            id=c["entity_id"], name=c["data"].get("name", ""), credit_code="", address=c["data"].get("address", ""),
            grid_id=world.grid_a, headcount=c["data"].get("headcount"), union_status=c["data"].get("union_status", "none"),
            member_count=None, contact_name="", contact_phone="", longitude=c["data"].get("longitude"),
            latitude=c["data"].get("latitude"), last_visit=dt.date(2025, 11, 28) if c["data"].get("name") == "无坐标公司" else None,
            open_matters=0,
        )
        for c in changes
        if c["entity"] == "enterprise" and c["data"].get("grid_id") == world.grid_a
    ]
    expected = propose_week(rows, dt.date(2025, 12, 3), threshold=25, overdue_days=30)
    got = [[s["enterprise_id"] for s in d["stops"]] for d in body["days"]]
    assert got == [[s.row.id for s in d.stops] for d in expected.days]
    assert sum(map(len, got)) == expected.quota == 3
    assert [d["length_m"] for d in body["days"]] == [round(d.length_m, 1) for d in expected.days]
    bob_ids = {c["entity_id"] for c in world.get(bob, "/v1/sync/pull", cursor=0, limit=1000).json()["changes"]
               if c["entity"] == "enterprise" and c["data"].get("grid_id") == world.grid_b}
    assert not bob_ids & {s["enterprise_id"] for d in body["days"] for s in d["stops"]}


def test_the_week_route_with_many_enterprises_orders_stops_and_measures_days(world: World) -> None:
    bob = world.sign_in("bob")
    _enterprises(world, bob, world.grid_b, 30)
    body = world.get(bob, "/v1/phone/week", start="2025-12-01").json()
    stops = [s for d in body["days"] for s in d["stops"]]
    assert len(stops) == body["quota"] >= 3
    assert all(s["reason"] for s in stops) and all(s["longitude"] for s in stops)
    assert any(d["length_m"] > 0 for d in body["days"])
    assert len({s["enterprise_id"] for s in stops}) == len(stops)  # nobody visited twice


@pytest.mark.parametrize(
    ("user", "params", "status"),
    [
        ("ann", {}, 422),
        ("ann", {"start": "2025-13-01"}, 422),
        ("ann", {"start": "2025-02-30"}, 422),
        ("ann", {"start": "20251201"}, 422),
        ("ann", {"start": "1900-01-01"}, 422),
        ("ann", {"start": "2025-12-01'; DROP TABLE record;--"}, 422),
        ("ann", {"start": "2025-12-01", "grid": "B"}, 403),
        ("ann", {"start": "2025-12-01", "grid": "x" * 65}, 422),
        ("olga", {"start": "2025-12-01"}, 422),
        ("olga", {"start": "2025-12-01", "grid": "A"}, 200),
        (None, {"start": "2025-12-01"}, 401),
    ],
)
def test_the_week_route_refuses_hostile_parameters_with_a_sentence(
    world: World, user: str | None, params: dict[str, str], status: int
) -> None:
    r = world.get(world.sign_in(user) if user else None, "/v1/phone/week", **params)
    assert r.status_code == status, r.text
    if status != 200:
        message = r.json()["message"]
        assert message.endswith(".") and "Traceback" not in message


def test_tiles_come_from_the_mbtiles_file_in_xyz_numbering(world: World) -> None:
    ann = world.sign_in("ann")
    x, y = tile_xy(106.515, 29.515, TILE_ZOOM)
    r = world.get(ann, f"/v1/tiles/{TILE_ZOOM}/{x}/{y}")
    assert r.status_code == 200
    assert r.headers["content-type"] == "image/png" and "max-age" in r.headers["cache-control"]
    with MBTiles(world.server.data_dir / "basemap.mbtiles") as tiles:
        assert r.content == tiles.tile(x, y, TILE_ZOOM)
        tms_row = 2**TILE_ZOOM - 1 - y
        stored = tiles._conn.execute(
            "SELECT tile_data FROM tiles WHERE zoom_level=? AND tile_column=? AND tile_row=?", (TILE_ZOOM, x, tms_row)
        ).fetchone()[0]
    assert r.content == stored  # the file's rows are TMS (flipped); the URL's are XYZ
    assert world.get(ann, f"/v1/tiles/{TILE_ZOOM}/0/0").status_code == 404  # outside the district
    assert world.get(ann, f"/v1/tiles/{TILE_ZOOM - 1}/{x // 2}/{y // 2}").status_code == 404  # zoom not stored
    for bad in ("23/0/0", "3/8/0", "3/0/8", "-1/0/0", "3/a/0", f"{TILE_ZOOM}/{x}/{2**40}"):
        r = world.get(ann, f"/v1/tiles/{bad}")
        assert r.status_code == 422, (bad, r.text)
    assert world.get(None, f"/v1/tiles/{TILE_ZOOM}/{x}/{y}").status_code == 401
    info = world.get(ann, "/v1/tiles/info").json()
    assert info["min_zoom"] == info["max_zoom"] == TILE_ZOOM and info["bounds"] == [106.50, 29.50, 106.53, 29.53]


def test_tiles_answer_404_when_the_office_has_no_base_map(tmp_path: Path) -> None:
    data = tmp_path / "bare"
    seed(ServerSettings(data_dir=data))
    with LiveServer(data) as server:
        bare = World(server, "", "")
        r = bare.get(bare.sign_in("ann"), "/v1/tiles/14/13230/6770")
        assert r.status_code == 404 and r.json()["error"] == "not_found"
        assert bare.get(bare.sign_in("ann"), "/v1/tiles/info").status_code == 404


def test_a_phone_is_a_device_like_any_other_listed_as_a_phone_and_revocable(world: World) -> None:
    r = httpx.post(world.server.url + "/v1/auth/login", json={"username": "ann", "password": PASSWORD,
                                                              "device_name": "手机 · Chrome", "device_kind": "phone"})
    assert r.status_code == 200, r.text
    phone_id = r.json()["device_id"]
    phone = Phone({"Authorization": "Bearer " + r.json()["access_token"]}, phone_id)
    laptop = world.sign_in("ann", "笔记本 · ann-pc")  # an older program that does not say its kind
    odd = httpx.post(world.server.url + "/v1/auth/login", json={"username": "ann", "password": PASSWORD,
                                                                "device_kind": "toaster"})
    assert odd.status_code == 422
    root = world.sign_in("root")
    listed = {d["device_id"]: d for d in world.get(root, "/v1/devices").json()}
    assert listed[phone_id]["device_kind"] == "phone" and listed[laptop.device_id]["device_kind"] == ""
    cli = world.server.run_cli("list-devices")
    line = next(ln for ln in cli.stdout.splitlines() if ln.startswith(phone_id))
    assert "\tphone\t" in line
    assert world.get(phone, "/v1/phone/week", start="2025-12-01").status_code == 200
    assert world.server.run_cli("revoke-device", phone_id).returncode == 0
    assert world.get(phone, "/v1/sync/pull", cursor=0).status_code == 401
    assert world.get(phone, "/v1/phone/week", start="2025-12-01").status_code == 401
    assert world.get(phone, f"/v1/tiles/{TILE_ZOOM}/0/0").status_code == 401
    assert world.get(laptop, "/v1/auth/me").status_code == 200  # the laptop stays signed in

"""巡查轨迹 in the office's web pages: listed by grid, worker and day within the caller's grids, drawn on
the base map whose tiles come under the web session; in a real browser too (Chromium + Playwright)."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from app.planning.basemap import make_demo_basemap, tile_xy
from app.planning.geo import BBox
from app.server.api import create_app
from app.server.db import ServerDB
from app.server.records import RecordWriter
from app.server.settings import ServerSettings
from app.web import audit
from tests.support.live_server import LiveServer
from tests.support.server_setup import PASSWORD, seed
from tests.web.conftest import sign_in

BOX = BBox(120.14, 30.26, 120.17, 30.29)
ZOOM = 15
T0 = int(dt.datetime(2026, 11, 23, 1, 0, tzinfo=dt.UTC).timestamp())


def _walk(n: int = 60) -> list[list[float]]:
    return [[T0 + 60 * i, round(120.145 + 0.0003 * i, 6), round(30.265 + 0.0002 * i + 0.0004 * (i % 5 == 0), 6), 10.0]
            for i in range(n)]


def add_track(db: ServerDB, grid_id: str, day: str, inspector_id: str = "", points: Any = None) -> str:
    pts = _walk() if points is None else points
    tid = str(uuid.uuid4())
    data = {
        "grid_id": grid_id, "inspector_id": inspector_id or None, "route_day": day,
        "started_at": f"{day}T01:00:00Z", "ended_at": f"{day}T01:59:00Z",
        "point_count": len(pts) if isinstance(pts, list) else 0,
        "points": pts if isinstance(pts, str) else json.dumps(pts), "device_name": "手机 · 测试",
    }
    with db.write(serialize=True) as session:
        writer = RecordWriter(session)
        writer.write(entity="patrol_track", entity_id=tid, existing=None, data=data, deleted=False, grid_id=grid_id,
                     fields=sorted(data), user="ann", device_id="", mutation_id="")
        writer.flush()
    return tid


@pytest.fixture
def env(tmp_path: Path) -> Iterator[tuple[TestClient, dict[str, str], ServerSettings]]:
    settings = ServerSettings(data_dir=tmp_path / "server", jwt_secret="web-test-secret-of-at-least-32-bytes!")
    settings.data_dir.mkdir(parents=True)
    seeded = seed(settings)
    make_demo_basemap(BOX, [ZOOM], settings.data_dir / "basemap.mbtiles")
    db = ServerDB(settings.db_url)
    try:
        ids = {
            "a1": add_track(db, seeded.grid_a, "2026-11-23"),
            "a2": add_track(db, seeded.grid_a, "2026-11-24"),
            "bad": add_track(db, seeded.grid_a, "2026-11-20", points="[[1,2"),
            "b1": add_track(db, seeded.grid_b, "2026-11-23"),
        }
    finally:
        db.dispose()
    app = create_app(settings)
    with TestClient(app, base_url="http://testserver") as client:
        yield client, ids, settings
    app.state.server.db.dispose()


def test_an_inspector_sees_the_tracks_of_their_grid_only(env: tuple[TestClient, dict[str, str], ServerSettings]) -> None:
    client, ids, settings = env
    sign_in(client, "ann")
    page = client.get("/web/tracks")
    assert page.status_code == 200
    assert ids["a1"] in page.text and ids["a2"] in page.text and ids["b1"] not in page.text
    assert 'id="track-map"' in page.text and "&#34;line&#34;" in page.text
    assert page.headers["cache-control"] == "no-store"
    other = client.get("/web/tracks", params={"id": ids["b1"]})  # another grid's track by its id: not shown
    assert other.status_code == 200 and ids["b1"] not in other.text
    day = client.get("/web/tracks", params={"day": "2026-11-24"})
    assert ids["a2"] in day.text and ids["a1"] not in day.text
    damaged = client.get("/web/tracks", params={"id": ids["bad"]})
    assert "坐标数据已损坏" in damaged.text
    assert any(e["action"] == "track_view" and e["target"] == ids["a2"] for e in audit.read(ServerDB(settings.db_url)))


def test_the_office_sees_every_grid_and_filters_by_grid(env: tuple[TestClient, dict[str, str], ServerSettings]) -> None:
    client, ids, _ = env
    sign_in(client, "olga")
    page = client.get("/web/tracks")
    assert all(i in page.text for i in ids.values())
    only_b = client.get("/web/tracks", params={"grid": _grid_id(page.text, "乙网格")})
    assert ids["b1"] in only_b.text and ids["a1"] not in only_b.text


def _grid_id(html: str, name: str) -> str:
    found = re.search(r'<option value="([^"]+)"[^>]*>' + name, html)
    assert found
    return found.group(1)


def test_tiles_for_the_web_pages_need_the_session(env: tuple[TestClient, dict[str, str], ServerSettings]) -> None:
    client, _, _ = env
    x, y = tile_xy(120.155, 30.275, ZOOM)
    assert client.get(f"/web/tiles/{ZOOM}/{x}/{y}").status_code == 401
    sign_in(client, "ann")
    r = client.get(f"/web/tiles/{ZOOM}/{x}/{y}")
    assert r.status_code == 200 and r.content.startswith(b"\x89PNG")
    assert "max-age" in r.headers["cache-control"]
    assert client.get(f"/web/tiles/{ZOOM}/0/0").status_code == 404
    assert client.get("/web/tiles/30/0/0").status_code == 422


CHROMIUM = os.environ.get("UNION_INSPECTOR_CHROMIUM", "/usr/bin/chromium")


@pytest.mark.slow
@pytest.mark.skipif(not Path(CHROMIUM).exists(), reason=f"Chromium is not installed at {CHROMIUM}")
def test_the_track_is_drawn_on_the_base_map_in_a_browser(tmp_path: Path) -> None:
    from playwright.sync_api import expect, sync_playwright

    root = tmp_path / "srv"
    seeded = seed(ServerSettings(data_dir=root))
    make_demo_basemap(BOX, [14, ZOOM, 16], root / "basemap.mbtiles")
    db = ServerDB(ServerSettings(data_dir=root).db_url)
    try:
        add_track(db, seeded.grid_a, "2026-11-23")
    finally:
        db.dispose()
    keep = os.environ.get("UNION_INSPECTOR_SCREENSHOTS")
    shots = Path(keep) if keep else Path(tempfile.mkdtemp(prefix="track-shots-"))
    with LiveServer(root) as live, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True,
                                    args=["--no-sandbox", "--disable-gpu", "--no-first-run"])
        try:
            page = browser.new_page(viewport={"width": 1366, "height": 768}, locale="zh-CN")
            errors: list[str] = []
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.goto(live.url + "/web/tracks")
            page.fill("input[name=username]", "ann")
            page.fill("input[name=password]", PASSWORD)
            page.click("button[type=submit].primary")
            page.wait_for_url(re.compile(r".*/web/tracks$"))
            page.wait_for_selector("#track-map[data-drawn='60']")
            expect(page.locator("#track-map path.leaflet-interactive").first).to_be_visible()
            page.wait_for_function("document.querySelectorAll('#track-map img.leaflet-tile-loaded').length >= 4")
            page.screenshot(path=str(shots / "tracks-1366.png"), full_page=True)
            assert "巡查轨迹" in page.inner_text("h1")
            assert errors == []
        finally:
            browser.close()
    if not keep:
        shutil.rmtree(shots, ignore_errors=True)


def test_the_devices_page_tells_phones_from_laptops(env: tuple[TestClient, dict[str, str], ServerSettings]) -> None:
    client, _, _ = env
    r = client.post("/v1/auth/login", json={"username": "ann", "password": PASSWORD, "device_name": "手机 · Chrome",
                                            "device_kind": "phone"})
    assert r.status_code == 200
    sign_in(client, "olga")
    page = client.get("/web/office/devices").text
    row = next(chunk for chunk in page.split("<tr>") if "手机 · Chrome" in chunk)
    assert "<td>手机</td>" in row and r.json()["device_id"] in row  # the revoke form names the device

"""Addresses to positions and the base map: gazetteer import and matching, the online geocoder against a
local stand-in of its API (cached, given up when unreachable), grid rules by address, positions written
through the outbox, and MBTiles files read, written, downloaded and refused."""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar
from urllib.parse import parse_qs, urlparse

import httpx
import pytest
from sqlalchemy import text
from sqlmodel import select

from app.planning import basemap, geocode
from app.planning.geo import BBox
from app.store import changes
from app.store import geocoding as store
from app.store.db import Database
from app.store.tables import Enterprise, Grid, Outbox

GAZ = "标准地址,经度,纬度,街道,社区\n浙江省杭州市文一路88号,120.1301,30.2801,东湖街道,文一社区\n文三路5号,120.1402,30.2702,西桥街道,\n坏行,abc,30\n倒置路1号,30.1,120.2\n"


def test_normalize_and_parts() -> None:
    assert geocode.normalize_address("浙江省 杭州市 文一路８８号") == "文一路88号"
    assert geocode.address_parts("杭州市文一路88号3幢201") == ("文一路", "88")
    assert geocode.address_parts("某某园区内") == ("某某园区内", "")


@pytest.fixture
def firms(db: Database) -> dict[str, str]:
    with db.write() as s:
        grid = Grid(code="A", name="甲网格")
        s.add(grid)
        s.flush()
        out = {"grid": grid.id}
        for key, name, address in (("exact", "甲公司", "文一路88号"), ("house", "乙公司", "杭州市文一路88号3幢201室"),
                                   ("online", "丙公司", "莫干山路100号"), ("none", "丁公司", "东湖街道某处")):
            out[key] = changes.insert(s, Enterprise(name=name, address=address), "t").id
    return out


def test_gazetteer_import_and_matching(db: Database, firms: dict[str, str], tmp_path: Path) -> None:
    path = tmp_path / "门牌.csv"
    path.write_text(GAZ, encoding="gbk")
    with db.write() as s:
        result = geocode.import_gazetteer(s, path)
        assert result.rows == 2
        assert any("第 4 行" in m and "不是数字" in m for m in result.skipped)
        assert any("第 5 行" in m and "写反" in m for m in result.skipped)
        report = geocode.geocode_missing(s, [geocode.GazetteerGeocoder(s)], "t")
    assert (report.tried, report.located, report.unplaced) == (4, 2, 2)
    with db.read() as s:
        exact = s.get(Enterprise, firms["exact"])
        house = s.get(Enterprise, firms["house"])
        assert exact is not None and (exact.longitude, exact.latitude, exact.position_source) == (120.1301, 30.2801, "gazetteer")
        assert house is not None and house.longitude == 120.1301
        patches = [json.loads(o.patch) for o in s.exec(select(Outbox).where(Outbox.entity_id == firms["exact"]))]
        assert {"longitude": 120.1301, "latitude": 30.2801, "position_source": "gazetteer"} in patches


def test_a_bad_gazetteer_changes_nothing(db: Database, tmp_path: Path) -> None:
    good = tmp_path / "good.csv"
    good.write_text(GAZ, encoding="utf-8")
    bad = tmp_path / "bad.csv"
    bad.write_text("名称,备注\n甲,乙\n", encoding="utf-8")
    with db.write() as s:
        geocode.import_gazetteer(s, good)
    with pytest.raises(ValueError, match="找不到同时有“地址”“经度”“纬度”"), db.write() as s:
        geocode.import_gazetteer(s, bad)
    with db.read() as s:
        assert store.gazetteer_count(s) == 2


class _FakeTianditu(BaseHTTPRequestHandler):
    calls: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        query = parse_qs(urlparse(self.path).query)
        _FakeTianditu.calls.append(query["ds"][0])
        if query.get("tk") != ["good-key"]:
            self.send_response(403)
            self.end_headers()
            return
        word = json.loads(query["ds"][0])["keyWord"]
        body = ({"status": "0", "location": {"lon": 120.11, "lat": 30.29, "score": 90, "keyWord": word}}
                if "莫干山路" in word else {"status": "101", "msg": "结果为空"})
        data = json.dumps(body, ensure_ascii=False).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *_args: object) -> None:
        pass


@pytest.fixture
def fake_api() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _FakeTianditu)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    _FakeTianditu.calls = []
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/geocoder"
    finally:
        server.shutdown()


def test_online_geocoder_is_cached_and_given_up_when_refused(db: Database, firms: dict[str, str],
                                                             fake_api: str) -> None:
    with db.write() as s:
        online = geocode.TiandituGeocoder(s, "good-key", url=fake_api, http=httpx.Client(timeout=5))
        report = geocode.geocode_missing(s, [online], "t")
    assert report.located == 1 and report.by_source == {"online": 1}
    asked = len(_FakeTianditu.calls)
    assert asked == 4
    with db.read() as s:
        placed = s.get(Enterprise, firms["online"])
        assert placed is not None and placed.position_source == "online"
    with db.write() as s:  # the misses are cached: nothing is asked twice
        geocode.geocode_missing(s, [geocode.TiandituGeocoder(s, "good-key", url=fake_api)], "t")
    assert len(_FakeTianditu.calls) == asked
    with db.write() as s:
        for row in s.exec(select(Enterprise)):
            changes.update(s, row, {"longitude": None, "latitude": None}, "t")
        s.connection().execute(text("DELETE FROM geocode_cache"))
        refused = geocode.geocode_missing(s, [geocode.TiandituGeocoder(s, "bad-key", url=fake_api)], "t")
    assert refused.located == 0 and "密钥" in refused.stopped
    assert len(_FakeTianditu.calls) == asked + 1  # refused once, then not asked again
    with db.write() as s:
        offline = geocode.TiandituGeocoder(s, "good-key", url="http://127.0.0.1:9/none")
        gone = geocode.geocode_missing(s, [offline], "t")
    assert "无法连接" in gone.stopped and gone.located == 0


def test_grid_rules_by_address(db: Database, firms: dict[str, str]) -> None:
    with db.write() as s:
        grid_b = Grid(code="B", name="乙网格")
        s.add(grid_b)
        s.flush()
        store.add_rule(s, "东湖街道", firms["grid"], "t")
        store.add_rule(s, "文一路", grid_b.id, "t")
        with pytest.raises(ValueError, match="已有"):
            store.add_rule(s, "东湖街道", grid_b.id, "t")
        assert store.assign_grids_by_rules(s, "t") == 3
    with db.read() as s:
        assert s.get(Enterprise, firms["none"]).grid_id == firms["grid"]  # type: ignore[union-attr]
        assert s.get(Enterprise, firms["exact"]).grid_id == grid_b.id  # type: ignore[union-attr]
        assert s.get(Enterprise, firms["online"]).grid_id is None  # type: ignore[union-attr]
    assert store.grid_for_address("东湖街道文一社区", [("东湖街道", "a"), ("东湖街道文一社区", "b")]) == "b"


def test_pin_by_hand(db: Database, firms: dict[str, str]) -> None:
    with db.write() as s:
        store.place_by_hand(s, firms["none"], 120.2, 30.3, "t")
        with pytest.raises(ValueError, match="超出"):
            store.place_by_hand(s, firms["none"], 200, 30.3, "t")
    with db.read() as s:
        row = s.get(Enterprise, firms["none"])
        assert row is not None and row.position_source == "pin"
        assert store.count_unplaced(s) == 3


BOX = BBox(120.14, 30.26, 120.17, 30.29)


def test_tile_math_round_trips() -> None:
    x, y = basemap.tile_xy(120.155, 30.274, 14)
    west, south, east, north = basemap.tile_bounds(x, y, 14)
    assert west <= 120.155 <= east and south <= 30.274 <= north


def test_demo_basemap_is_a_real_mbtiles(tmp_path: Path) -> None:
    target = tmp_path / "demo.mbtiles"
    info = basemap.make_demo_basemap(BOX, [12, 13], target)
    assert info.tiles == sum(1 for z in (12, 13) for _ in basemap.tiles_covering(BOX, z)) and info.max_zoom == 13
    with basemap.MBTiles(target) as tiles:
        found = tiles.tiles_for(BOX, 13)
        assert found and found[0].data.startswith(b"\x89PNG")
        assert tiles.best_zoom(BOX, 800) == 13
    broken = tmp_path / "broken.mbtiles"
    broken.write_bytes(b"not sqlite at all" * 100)
    with pytest.raises(basemap.BaseMapError, match="不是可用的底图文件"):
        basemap.MBTiles(broken)
    assert basemap.open_basemap(broken) is None


def test_download_writes_a_complete_file_or_nothing(tmp_path: Path) -> None:
    served: list[str] = []
    png = basemap._demo_tile(0, 0, 1)

    def handler(request: httpx.Request) -> httpx.Response:
        served.append(str(request.url))
        if "fail" in str(request.url) and len(served) > 2:
            return httpx.Response(500)
        return httpx.Response(200, content=png)

    client = httpx.Client(transport=httpx.MockTransport(handler))
    target = tmp_path / "basemap.mbtiles"
    info = basemap.download("https://tiles.example/{z}/{x}/{y}.png?tk=k", BOX, [13], target, http=client)
    assert info.tiles == len(served) and target.is_file()
    before = target.read_bytes()
    with pytest.raises(basemap.BaseMapError, match="HTTP 500"):
        basemap.download("https://tiles.example/fail/{z}/{x}/{y}.png", BOX, [13, 14], target, http=client)
    assert target.read_bytes() == before and not (tmp_path / "basemap.mbtiles.partial").exists()
    with pytest.raises(basemap.BaseMapError, match="占位符"):
        basemap.download("https://tiles.example/x.png", BOX, [13], target, http=client)
    with pytest.raises(basemap.BaseMapError, match="超过"):
        basemap.download("https://t/{z}/{x}/{y}", BBox(100, 20, 125, 45), [15], target, http=client)
    assert sqlite3.connect(target).execute("SELECT count(*) FROM tiles").fetchone()[0] == info.tiles


def test_check_reports_the_base_map_and_positions(demo_db: Database) -> None:
    from app.health import check_map

    results = {r.name: r for r in check_map(demo_db.paths)}
    assert results["底图"].level == "ok" and "198 张瓦片" in results["底图"].message
    assert results["企业位置"].level == "warn" and "12 家企业没有位置" in results["企业位置"].message
    (demo_db.paths.root / basemap.BASEMAP_FILE).unlink()
    assert {r.name: r for r in check_map(demo_db.paths)}["底图"].level == "warn"

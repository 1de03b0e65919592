"""The heat map page: counts per cell aggregated by the database, in the caller's grid scope, and a
page that says plainly when no base map is configured."""

from __future__ import annotations

import html
import json
import re

import pytest

from app.server.accounts import Principal
from app.server.db import ServerDB
from app.web import heat
from tests.support.web_seed_more import place_enterprises
from tests.web.conftest import WebEnv, sign_in


def _payload(page: str) -> dict[str, object]:
    found = re.search(r'data-heat="([^"]*)"', page)
    assert found
    data = json.loads(html.unescape(found.group(1)))
    assert isinstance(data, dict)
    return data


def test_heat_cells_are_aggregated_and_scoped(web: WebEnv) -> None:
    db = ServerDB(web.settings.db_url)
    try:
        place_enterprises(db, web.district)
        office = Principal("u", "olga", "", "office", "", frozenset())
        everything = heat.heat(db, office)
        ann = Principal("u", "ann", "", "inspector", "", frozenset({web.seeded.grid_a}))
        own = heat.heat(db, ann)
    finally:
        db.dispose()
    assert sum(c.enterprises for c in everything.cells) == len(web.district.enterprises)
    assert len(everything.cells) <= heat.MAX_SIDE * heat.MAX_SIDE
    in_a = sum(1 for e in web.district.enterprises if web.district.grid_of[e] == web.seeded.grid_a)
    assert sum(c.enterprises for c in own.cells) == in_a
    assert [g.grid_id for g in own.grids] == [web.seeded.grid_a]
    assert own.bounds is not None and own.bounds[2] < 114.33  # grid B's eastern enterprises are not in it
    # targets: 25+ staff and no union (seeded: every third enterprise has one)
    assert 0 < sum(c.targets for c in everything.cells) < len(web.district.enterprises)


def test_map_page_says_when_there_is_no_base_map(web: WebEnv) -> None:
    db = ServerDB(web.settings.db_url)
    try:
        place_enterprises(db, web.district)
    finally:
        db.dispose()
    sign_in(web.client, "ann")
    page = web.client.get("/web/map")
    assert page.status_code == 200
    assert "未配置底图" in page.text and 'data-tiles=""' in page.text
    data = _payload(page.text)
    cells = data["cells"]
    assert isinstance(cells, list) and cells and len(page.text) < 60_000
    assert page.text.count("<tr><td>") == 1  # the per-grid table lists only ann's grid


def test_map_page_with_a_tile_source(web: WebEnv, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(heat, "TILE_URL", "/web/tiles/{z}/{x}/{y}")
    sign_in(web.client, "olga")
    page = web.client.get("/web/map").text
    assert "未配置底图" not in page and 'data-tiles="/web/tiles/{z}/{x}/{y}"' in page


def test_heat_cache_recomputes_only_after_changes(web: WebEnv) -> None:
    db = ServerDB(web.settings.db_url)
    try:
        office = Principal("u", "olga", "", "office", "", frozenset())
        cache = heat.HeatCache(ttl=0.0)
        first = cache.get(db, office)
        assert cache.get(db, office) is first  # nothing changed
        assert first.cells == []  # nobody placed yet
        place_enterprises(db, web.district)
        moved = cache.get(db, office)
        assert moved is not first and sum(c.enterprises for c in moved.cells) == len(web.district.enterprises)
    finally:
        db.dispose()


def test_map_page_uses_the_servers_base_map_when_it_has_one(web: WebEnv, monkeypatch: pytest.MonkeyPatch) -> None:
    class Tiles:
        def __init__(self, here: bool) -> None:
            self.here = here

        def available(self) -> bool:
            return self.here

    state = web.client.app.state.server  # type: ignore[attr-defined]
    sign_in(web.client, "olga")
    monkeypatch.setattr(state, "tiles", Tiles(False), raising=False)
    assert "未配置底图" in web.client.get("/web/map").text
    monkeypatch.setattr(state, "tiles", Tiles(True), raising=False)
    page = web.client.get("/web/map").text
    assert "未配置底图" not in page and 'data-tiles="/web/tiles/{z}/{x}/{y}"' in page

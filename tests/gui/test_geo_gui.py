"""地址与底图 as the office uses it, on the demo district: the demo's base map under the heat map (and a
plain sentence when there is none), the enterprises without a position listed, found from the
gazetteer off the GUI thread, one placed by hand on the map, and grid rules by address."""

from __future__ import annotations

from pytestqt.qtbot import QtBot
from sqlmodel import select

from app.planning.basemap import BASEMAP_FILE
from app.store import geocoding as store
from app.store.tables import Enterprise
from app.ui.datapool.heatmap import HeatMapPage
from app.ui.geo.page import GeoPage, PinDialog
from app.ui.shell.context import AppContext


def test_heat_map_draws_the_base_map_or_says_it_has_none(qtbot: QtBot, ctx: AppContext) -> None:
    assert (ctx.paths.root / BASEMAP_FILE).is_file()  # the demo ships one
    page = HeatMapPage(ctx)
    qtbot.addWidget(page)
    assert page.view.has_basemap
    tiles = [i for i in page.view.scene().items() if i.zValue() == -10]
    assert len(tiles) >= 4
    (ctx.paths.root / BASEMAP_FILE).unlink()
    page.reload()
    assert not page.view.has_basemap
    assert not [i for i in page.view.scene().items() if i.zValue() == -10]


def test_unplaced_found_pinned_and_assigned(qtbot: QtBot, ctx: AppContext, monkeypatch: object) -> None:
    page = GeoPage(ctx)
    qtbot.addWidget(page)
    assert page.model.total == 12
    assert "未定位 12 家" in page.status.text()
    assert page.gazetteer_button.isEnabled() and not page.online_button.isEnabled()  # no key set
    page.run_geocoding(online=False)
    qtbot.waitUntil(lambda: not page._busy, timeout=20_000)
    assert page.model.total == 3
    assert "地名地址库 9" in page.status.text() and "未定位 3 家" in page.status.text()
    page.view.selectRow(0)
    enterprise_id = page.selected_id()
    assert enterprise_id is not None
    dialog = PinDialog(ctx, enterprise_id)
    qtbot.addWidget(dialog)
    assert dialog.map.has_basemap
    dialog.map.place(120.16, 30.28)
    monkeypatch.setattr(PinDialog, "exec", lambda self: (self.map.place(120.16, 30.28), 1)[1])  # type: ignore[attr-defined]
    page.pin_selected()
    with ctx.db.read() as s:
        row = s.get(Enterprise, enterprise_id)
        assert row is not None and (row.longitude, row.latitude, row.position_source) == (120.16, 30.28, "pin")
    assert page.model.total == 2
    assert page.rules.count() >= 1
    with ctx.db.write() as s:
        firm = s.exec(select(Enterprise).where(Enterprise.grid_id.is_not(None))).first()  # type: ignore[union-attr]
        assert firm is not None
        firm.grid_id = None
        s.add(firm)
    page.apply_rules()
    with ctx.db.read() as s:
        patterns = [(r.pattern, r.grid_id) for r in store.rules(s)]
        again = s.get(Enterprise, firm.id)
        assert again is not None
        assert again.grid_id == store.grid_for_address(again.address, patterns)

"""The newer web pages in a real browser (Debian's Chromium driven by Playwright) against a real server
process: the office confirms an unverified citation, the heat map draws (and says there is no base
map), the union, case and legislative registers answer a search, and an inspector is refused the
office's page. Screenshots at 1366×768 and 360×800 go to a temp folder (UNION_INSPECTOR_SCREENSHOTS
to keep them)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from app.server.db import ServerDB
from tests.support.browser_district import live_district
from tests.support.live_server import LiveServer
from tests.support.web_seed import District
from tests.support.web_seed_more import Newer, place_enterprises, seed_newer
from tests.web.test_web_browser import CHROMIUM, _context, _sign_in, browser, shots

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason=f"Chromium is not installed at {CHROMIUM} (apt-get install chromium)"),
]
__all__ = ["browser", "shots"]  # module fixtures shared with the first browser tests


def _seed_more(db: ServerDB, grids: dict[str, str], district: District) -> Newer:
    place_enterprises(db, district)
    return seed_newer(db, grids, district)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[LiveServer, District, Newer]]:
    with live_district(tmp_path_factory.mktemp("webserver-more"), 120, _seed_more) as (live, district, more):
        yield live, district, more


def _errors(page: Any) -> list[str]:
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    return errors


def test_office_confirms_a_citation(server: tuple[LiveServer, District, Newer], browser: Any, shots: Path) -> None:
    live, _, _ = server
    ctx = _context(browser, viewport={"width": 1366, "height": 768})
    page = ctx.new_page()
    errors = _errors(page)
    _sign_in(page, live.url, "olga")
    page.click("nav.nav a[href='/web/office/grids']")
    page.click("nav.subnav a[href='/web/office/citations']")
    page.wait_for_url(re.compile(r".*/web/office/citations$"))
    row = page.locator("tr", has_text="《保障农民工工资支付条例》第十五条")
    assert "待确认" in row.inner_text()
    page.screenshot(path=str(shots / "citations-before-1366.png"), full_page=True)
    row.locator("input[name=note]").fill("已与国家法律法规数据库核对")
    row.locator("button[type=submit]").click()
    page.wait_for_selector("tr:has-text('第十五条'):has-text('已确认')")
    assert "olga" in page.locator("tr", has_text="《保障农民工工资支付条例》第十五条").inner_text()
    page.screenshot(path=str(shots / "citations-after-1366.png"), full_page=True)
    page.click("nav.subnav a[href='/web/office/audit']")
    assert "confirm_citation" in page.inner_text("main")
    assert not errors, errors
    ctx.close()


@pytest.mark.parametrize(("width", "height"), [(1366, 768), (360, 800)])
def test_heat_map_draws_without_a_base_map(server: tuple[LiveServer, District, Newer], browser: Any, shots: Path,
                                           width: int, height: int) -> None:
    live, _, _ = server
    ctx = _context(browser, viewport={"width": width, "height": height}, is_mobile=width < 500)
    page = ctx.new_page()
    errors = _errors(page)
    _sign_in(page, live.url, "olga")
    page.goto(live.url + "/web/map")
    page.wait_for_selector("#heatmap[data-ready='1'] canvas.heat-canvas")
    assert page.locator("#no-basemap").is_visible()
    assert "未配置底图" in page.inner_text("#no-basemap")
    page.screenshot(path=str(shots / f"map-targets-{width}.png"), full_page=True)
    page.check("input[value=enterprises]")
    page.screenshot(path=str(shots / f"map-enterprises-{width}.png"), full_page=True)
    assert page.locator("table tbody tr").count() == 2
    assert not errors, errors
    ctx.close()


def test_new_registers_search(server: tuple[LiveServer, District, Newer], browser: Any, shots: Path) -> None:
    from playwright.sync_api import expect

    live, _, newer = server
    ctx = _context(browser, viewport={"width": 1366, "height": 768})
    page = ctx.new_page()
    errors = _errors(page)
    _sign_in(page, live.url, "olga")
    for group, key, term, expected, rows in (
        ("unions", "unions", "甲区快递", "甲区快递行业联合工会", 1),
        ("cases", "cases", "调〔", "调解中", 2),
        ("consultations", "suggestions", "新就业形态", "第十二条", 1),
    ):
        page.click(f"nav.nav a[href='/web/r/{group}']")
        page.wait_for_url(re.compile(f".*/web/r/{group}$"))
        if key != group:
            page.click(f"nav.subnav a[href='/web/r/{key}']")
            page.wait_for_url(re.compile(f".*/web/r/{key}$"))
        page.fill("input[name=q]", term)
        expect(page.locator("table.register tbody tr")).to_have_count(rows)
        assert expected in page.inner_text("#results")
        page.screenshot(path=str(shots / f"register-{key}-1366.png"))
    page.goto(f"{live.url}/web/r/members")
    assert "钱**" in page.inner_text("#results") and "110101199003071234" not in page.content()
    page.goto(f"{live.url}/web/r/cases/{newer.cases[0]}")
    page.wait_for_selector("text=当事人")
    page.screenshot(path=str(shots / "case-detail-1366.png"), full_page=True)
    assert not errors, errors
    ctx.close()


def test_phone_registers_and_forbidden_office_page(server: tuple[LiveServer, District, Newer], browser: Any,
                                                  shots: Path) -> None:
    live, _, _ = server
    ctx = _context(browser, viewport={"width": 360, "height": 800}, is_mobile=True, has_touch=True)
    page = ctx.new_page()
    _sign_in(page, live.url, "ann")
    page.goto(live.url + "/web/r/unions")
    text = page.inner_text("#results")
    assert "甲区快递行业联合工会" in text and "乙区快递行业联合工会" not in text
    page.screenshot(path=str(shots / "unions-360.png"), full_page=True)
    page.goto(live.url + "/web/r/cases")
    assert page.locator("table.register tbody tr").count() == 2  # own grid's, and the one ann mediates
    response = page.goto(live.url + "/web/office/citations")
    assert response is not None and response.status == 403
    assert "无权访问" in page.inner_text("h1")
    page.screenshot(path=str(shots / "citations-forbidden-360.png"))
    ctx.close()

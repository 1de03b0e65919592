"""The web pages in a real browser (Debian's Chromium driven by Playwright) against a real server
process: sign-in, dashboard with its charts, each register, a search, an office action, a report
download, a forbidden page, and a refused forged form. Screenshots go to a temp folder
(UNION_INSPECTOR_SCREENSHOTS to keep them)."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.support.browser_district import live_district, screenshot_folder
from tests.support.live_server import LiveServer
from tests.support.server_setup import PASSWORD
from tests.support.web_seed import District

CHROMIUM = os.environ.get("UNION_INSPECTOR_CHROMIUM", "/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason=f"Chromium is not installed at {CHROMIUM} (apt-get install chromium)"),
]


@pytest.fixture(scope="module")
def shots() -> Iterator[Path]:
    with screenshot_folder("web-shots-") as folder:
        yield folder


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[LiveServer, District]]:
    with live_district(tmp_path_factory.mktemp("webserver"), 120) as (live, district, _):
        yield live, district


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        try:
            yield b
        finally:
            b.close()


def _sign_in(page: Any, base: str, username: str) -> None:
    page.goto(base + "/web/")
    assert "/web/login" in page.url
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit].primary")
    page.wait_for_url(re.compile(r".*/web/$"))


def _context(browser: Any, **kw: Any) -> Any:
    ctx = browser.new_context(accept_downloads=True, locale="zh-CN", **kw)
    ctx.set_default_timeout(20_000)
    return ctx


def test_office_clerk_walks_through_the_pages(server: tuple[LiveServer, District], browser: Any, shots: Path) -> None:
    from playwright.sync_api import expect

    live, district = server
    ctx = _context(browser, viewport={"width": 1366, "height": 768})
    page = ctx.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    _sign_in(page, live.url, "olga")
    # the charts are drawn (ECharts puts a canvas into each chart box)
    page.wait_for_selector("#chart-visits canvas")
    page.wait_for_selector("#chart-letters canvas")
    page.screenshot(path=str(shots / "dashboard-1366.png"), full_page=True)
    assert "全区概况" in page.inner_text("h1")
    for key, title in (("enterprises", "企业"), ("visits", "走访"), ("matters", "监督事项"), ("letters", "一函两书"),
                       ("orders", "12351工单")):
        page.click(f"nav.nav a[href='/web/r/{key}']")
        page.wait_for_url(re.compile(f".*/web/r/{key}$"))
        assert page.inner_text("h1") == title
        assert page.locator("table.register tbody tr").count() > 0
        page.screenshot(path=str(shots / f"register-{key}-1366.png"))
    # live search through htmx: typing filters without a submit
    page.click("nav.nav a[href='/web/r/enterprises']")
    name = district.names[district.enterprises[7]]
    page.fill("input[name=q]", name[-10:])
    expect(page.locator("table.register tbody tr")).to_have_count(1)  # (CSP forbids wait_for_function's eval)
    assert name in page.inner_text("#results")
    assert "q=" in page.url  # pushed into the address bar
    page.click(f"text={name}")
    page.wait_for_selector("text=一企一档")
    page.screenshot(path=str(shots / "dossier-1366.png"), full_page=True)
    # an office action: approve an escalation
    page.goto(f"{live.url}/web/r/matters/{district.matters[3]}")
    page.fill("textarea[name=note]", "拒不整改，移送劳动保障监察")
    page.click("button[value=escalate]")
    page.wait_for_selector("text=拒不整改，移送劳动保障监察")
    assert "已移送" in page.inner_text("section.card")
    # a report download
    page.goto(live.url + "/web/reports")
    with page.expect_download() as info:
        page.click("form:has(input[value=monthly]) button[value=xlsx]")
    download = info.value
    target = shots / "monthly.xlsx"
    download.save_as(str(target))
    assert target.read_bytes()[:2] == b"PK"
    assert not errors, errors
    ctx.close()


def test_phone_inspector_and_forbidden_page(server: tuple[LiveServer, District], browser: Any, shots: Path) -> None:
    live, _ = server
    ctx = _context(browser, viewport={"width": 360, "height": 800}, is_mobile=True, has_touch=True)
    page = ctx.new_page()
    _sign_in(page, live.url, "ann")
    page.wait_for_selector("#chart-visits canvas")
    page.screenshot(path=str(shots / "dashboard-360.png"), full_page=True)
    page.goto(live.url + "/web/r/visits")
    page.screenshot(path=str(shots / "visits-360.png"))
    text = page.inner_text("#results")
    assert "乙网格" not in text
    response = page.goto(live.url + "/web/office/devices")
    assert response is not None and response.status == 403
    assert "无权访问" in page.inner_text("h1")
    page.screenshot(path=str(shots / "forbidden-360.png"))
    ctx.close()


def test_forged_form_is_refused(server: tuple[LiveServer, District], browser: Any) -> None:
    live, _ = server
    ctx = _context(browser)
    page = ctx.new_page()
    _sign_in(page, live.url, "olga")
    page.goto(live.url + "/web/office/grids")
    page.eval_on_selector("form:has(button[value=add]) input[name=csrf_token]", "el => el.value = 'forged'")
    page.click("button[value=add]")
    page.wait_for_selector("text=请求已拒绝")
    ctx.close()


def test_english_switch(server: tuple[LiveServer, District], browser: Any, shots: Path) -> None:
    live, _ = server
    ctx = _context(browser, viewport={"width": 1366, "height": 768})
    page = ctx.new_page()
    _sign_in(page, live.url, "olga")
    page.click("a.lang")
    page.wait_for_selector("text=District overview")
    page.goto(live.url + "/web/r/matters")
    assert page.inner_text("h1") == "Matters"
    page.screenshot(path=str(shots / "matters-en-1366.png"))
    ctx.close()

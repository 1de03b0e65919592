"""The phone app in Chromium with the CPU slowed 4× (a cheap phone), against a real server process:

- the app shell loading from the service-worker cache with the network cut (navigation start to the
  route screen drawn from IndexedDB), against a bare static HTML page loaded under the same throttling;
- the visit form opening on a phone that holds a grid of 2,000 enterprises (enterprise row, draft,
  definition and inspector read from IndexedDB, the form built), against building the same form from a
  definition already in memory (the renderer alone: what no app could undercut).

Run: .venv/bin/python -m pytest tests/bench/bench_phone.py -s -q"""

from __future__ import annotations

import os
import statistics
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from app.server.db import ServerDB
from app.server.settings import ServerSettings
from tests.support.live_server import LiveServer
from tests.support.server_setup import PASSWORD
from tests.support.web_seed import seed_district

CHROMIUM = os.environ.get("UNION_INSPECTOR_CHROMIUM", "/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]
ENTERPRISES = 2000
RUNS = 7
BARE = "<!doctype html><html><head><meta charset=utf-8><title>bare</title></head><body><p>hello</p></body></html>"

pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Chromium is not installed")


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    root = tmp_path_factory.mktemp("benchphone")
    live = LiveServer(root)
    grid_a = live.create_grid("A", "甲网格")
    grid_b = live.create_grid("B", "乙网格")
    live.create_account("ann", PASSWORD, "inspector", ["A"])
    live.create_account("bob", PASSWORD, "inspector", ["B"])
    db = ServerDB(ServerSettings(data_dir=root).db_url)
    try:
        seed_district(db, {grid_a: "ann", grid_b: "bob"}, enterprises=2 * ENTERPRISES, visits_per=1.0)
    finally:
        db.dispose()
    with live:
        yield live


def _ms(page: Any, attribute: str) -> float:
    return float(page.get_attribute("body", attribute) or "nan")


def _navigation_ms(page: Any) -> float:
    return float(page.evaluate("performance.getEntriesByType('navigation')[0].loadEventEnd"))


def test_phone_shell_and_form(server: LiveServer) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        ctx = browser.new_context(viewport={"width": 360, "height": 800}, is_mobile=True, has_touch=True,
                                  locale="zh-CN", geolocation={"longitude": 104.06, "latitude": 30.66},
                                  permissions=["geolocation"])
        ctx.set_default_timeout(120_000)
        page = ctx.new_page()
        page.route("**/bare.html", lambda route: route.fulfill(status=200, content_type="text/html", body=BARE))
        page.goto(server.url + "/m/")
        page.fill("#username", "ann")
        page.fill("#password", PASSWORD)
        page.click("#login button[type=submit]")
        page.wait_for_selector("ol.stops")
        page.wait_for_selector("body[data-offline=ready]", state="attached")
        stored = page.evaluate(
            "new Promise((ok) => { const r = indexedDB.open('union-inspector-phone'); r.onsuccess = () => {"
            " const q = r.result.transaction('rows').objectStore('rows').index('entity').count('enterprise');"
            " q.onsuccess = () => ok(q.result); }; })"
        )
        assert stored == ENTERPRISES, stored
        cdp = ctx.new_cdp_session(page)
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": 4})
        ctx.set_offline(True)

        shell, shell_load, bare = [], [], []
        for _ in range(RUNS):
            page.goto(server.url + "/bare.html")
            page.wait_for_load_state("load")
            bare.append(_navigation_ms(page))
            page.goto(server.url + "/m/#/today")
            page.wait_for_selector("body[data-ready='1']", state="attached")
            page.wait_for_load_state("load")
            shell.append(_ms(page, "data-ready-ms"))
            shell_load.append(_navigation_ms(page))

        # the form, opened on an enterprise of the 2,000
        page.goto(server.url + "/m/#/list")
        page.wait_for_selector("#ents a.ent")
        page.locator("#ents a.ent").nth(70).click()
        page.wait_for_selector("#visit")
        page.click("#visit")
        page.wait_for_selector("[data-field=visitors] input")
        draft_url = page.url
        opening = []
        for _ in range(RUNS):
            page.goto(server.url + "/m/#/today")
            page.wait_for_selector("ol.stops")
            page.evaluate("delete document.body.dataset.screenMs")
            page.goto(draft_url)  # the tap on 继续填写: a route change inside the running app
            page.wait_for_selector("body[data-screen-ms]", state="attached")
            page.wait_for_selector("[data-field=visitors] input")
            opening.append(_ms(page, "data-screen-ms"))
        renderer = page.evaluate(
            """async (runs) => {
              const {renderForm} = await import('/m/static/js/form.js');
              const definition = await new Promise((ok) => { const r = indexedDB.open('union-inspector-phone');
                r.onsuccess = () => { const q = r.result.transaction('meta').objectStore('meta').get('form:sanchasanji');
                q.onsuccess = () => ok(q.result); }; });
              const times = [];
              for (let i = 0; i < runs; i += 1) {
                const box = document.createElement('div');
                document.body.append(box);
                const t = performance.now();
                renderForm(box, definition, {values: {}, context: {today: '2026-11-30', user: '网格员1号'}});
                void box.offsetHeight;
                times.push(performance.now() - t);
                box.remove();
              }
              return times;
            }""",
            RUNS,
        )
        ctx.close()
        browser.close()

    med = statistics.median
    print()
    print("phone app, Chromium, CPU throttled 4x, network cut (service-worker cache)")
    print(f"  app shell to today's route drawn:   median {med(shell):7.1f} ms  (max {max(shell):.1f}; load event {med(shell_load):.1f} ms)")
    print(f"  bare static HTML page (baseline):    median {med(bare):7.1f} ms  -> ratio {med(shell) / med(bare):.1f}x")
    print(f"  visit form opening, {ENTERPRISES} enterprises on the phone: median {med(opening):6.1f} ms  (max {max(opening):.1f})")
    print(f"  form renderer alone, definition in memory (baseline): median {med(renderer):6.1f} ms"
          f"  -> ratio {med(opening) / med(renderer):.1f}x")
    print("  targets: shell < 1000 ms, form < 300 ms")
    assert med(shell) < 1000
    assert med(opening) < 300

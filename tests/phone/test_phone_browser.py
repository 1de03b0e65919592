"""The grid worker's phone app in a real browser (Debian's Chromium driven by Playwright, a 360×800 phone
viewport) against a real server process: a whole visit filled with the network cut, the page reloaded
offline (the draft is still there), submitted offline, synced when the network is back, then seen by a
laptop and in the office's web pages; a conflict with a laptop edit; a revoked phone. Screenshots go to
a temp folder (UNION_INSPECTOR_SCREENSHOTS to keep them)."""

from __future__ import annotations

import io
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from app.server import accounts
from app.server.db import ServerDB
from app.server.settings import ServerSettings
from tests.phone.conftest import CHROMIUM
from tests.support.browser_district import live_district, screenshot_folder
from tests.support.live_server import LiveServer
from tests.support.server_setup import PASSWORD
from tests.support.sync_laptops import Laptop
from tests.support.web_seed import District

PHONE = {"width": 360, "height": 800}
HERE_LON, HERE_LAT = 104.0657, 30.6594

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason=f"Chromium is not installed at {CHROMIUM} (apt-get install chromium)"),
]


@pytest.fixture(scope="module")
def shots() -> Iterator[Path]:
    with screenshot_folder("phone-shots-") as folder:
        yield folder


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[LiveServer, District]]:
    with live_district(tmp_path_factory.mktemp("phoneserver"), 40) as (live, district, _):
        yield live, district


@pytest.fixture(scope="module")
def browser(phone_browser: Any) -> Any:
    return phone_browser


@pytest.fixture
def laptop(tmp_path: Path, server: tuple[LiveServer, District]) -> Iterator[Laptop]:
    machine = Laptop(tmp_path, "ann-laptop")
    machine.login(server[0].url, "ann")
    try:
        yield machine
    finally:
        machine.close()


def phone_context(browser: Any) -> Any:
    ctx = browser.new_context(
        viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True, locale="zh-CN",
        geolocation={"longitude": HERE_LON, "latitude": HERE_LAT, "accuracy": 12}, permissions=["geolocation"],
    )
    ctx.set_default_timeout(20_000)
    return ctx


def sign_in(page: Any, base: str, username: str = "ann") -> None:
    page.goto(base + "/m/")
    page.wait_for_selector("#login")
    page.fill("#username", username)
    page.fill("#password", PASSWORD)
    page.click("#login button[type=submit]")
    page.wait_for_selector("ol.stops")
    # the service worker has the shell once it controls the page (after one reload at most)
    page.wait_for_selector("body[data-offline=ready]", state="attached")


def jpeg_bytes() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (640, 480), (30, 120, 200)).save(out, "JPEG")
    return out.getvalue()


def fill_visit(page: Any, *, problems: bool = False) -> None:
    """Fills the required answers of the 三查三记 form the way a person taps them."""
    page.fill("[data-field=visitors] input", "网格员1号、李明")
    page.fill("[data-field=met_person] input", "王芳 人事主管")
    page.fill("[data-field=met_phone] input", "13812345678")
    page.check("[data-field=operating_status] label:has-text('正常经营') input")
    page.fill("[data-field=headcount] input", "58")
    page.check("[data-field=contracts_signed] label:has-text('是') input")
    page.check("[data-field=has_union] label:has-text('否') input")
    page.check("[data-field=site_condition] label:has-text('良好') input")
    page.fill("[data-field=enterprise_concerns] textarea", "希望了解稳岗补贴政策")
    page.fill("[data-field=worker_needs] textarea", "职工希望增加技能培训")
    page.check("[data-field=services_given] label:has-text('政策宣讲') input")
    page.check(f"[data-field=problems_found] label:has-text('{'是' if problems else '否'}') input")


def sign(page: Any) -> None:
    canvas = page.locator("[data-field=signature] canvas")
    canvas.scroll_into_view_if_needed()
    box = canvas.bounding_box()
    page.mouse.move(box["x"] + 20, box["y"] + 40)
    page.mouse.down()
    for i in range(1, 12):
        page.mouse.move(box["x"] + 20 + i * 20, box["y"] + 40 + (i % 3) * 25)
    page.mouse.up()
    page.click("[data-field=signature] button:has-text('确认签名')")
    page.wait_for_selector("[data-field=signature] .uf-count:has-text('已签名')")


def open_stop(page: Any, index: int = 0) -> str:
    link = page.locator("ol.stops li a").nth(index)
    href = link.get_attribute("href")
    link.click()
    page.wait_for_selector("#visit")
    return str(href).rsplit("/", 1)[-1]


def open_listed(page: Any, index: int) -> str:
    page.click("#tabs a[data-tab=list]")
    link = page.locator("#ents a.ent").nth(index)
    href = link.get_attribute("href")
    link.click()
    page.wait_for_selector("#visit")
    return str(href).rsplit("/", 1)[-1]


def test_a_whole_visit_offline_then_synced_and_seen_by_laptop_and_office(
    server: tuple[LiveServer, District], browser: Any, laptop: Laptop, shots: Path
) -> None:
    live, district = server
    ctx = phone_context(browser)
    page = ctx.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    sign_in(page, live.url)
    assert page.locator("ol.stops li.next").count() == 1
    page.screenshot(path=str(shots / "today-360.png"))
    enterprise_id = open_stop(page)
    assert district.grid_of[enterprise_id] in json.dumps(district.grid_of)
    page.screenshot(path=str(shots / "enterprise-360.png"))
    page.click("#visit")
    page.wait_for_selector("[data-field=visitors] input")
    draft_url = page.url

    ctx.set_offline(True)
    fill_visit(page)
    page.set_input_files("[data-field=site_photos] input[type=file]",
                         files=[{"name": "site.jpg", "mimeType": "image/jpeg", "buffer": jpeg_bytes()}])
    page.wait_for_selector("[data-field=site_photos] img.uf-thumb")
    sign(page)
    page.wait_for_selector("#draft-state[data-pending='0']")
    page.screenshot(path=str(shots / "visit-form-end-360.png"))
    page.locator("[data-field=visitors]").scroll_into_view_if_needed()
    page.screenshot(path=str(shots / "visit-form-360.png"))

    page.reload()  # offline: the shell comes from the service worker, the draft from IndexedDB
    page.wait_for_selector("[data-field=visitors] input")
    assert page.url == draft_url
    assert page.input_value("[data-field=met_person] input") == "王芳 人事主管"
    assert page.input_value("[data-field=headcount] input") == "58"
    assert page.is_checked("[data-field=services_given] label:has-text('政策宣讲') input")
    assert page.locator("[data-field=site_photos] img.uf-thumb").count() == 1
    assert "已签名" in page.inner_text("[data-field=signature]")

    page.click("#submit")
    page.wait_for_selector("ol.stops")
    page.wait_for_selector("#sync-badge:has-text('待同步')")
    page.screenshot(path=str(shots / "today-offline-pending-360.png"))

    ctx.set_offline(False)
    page.evaluate("window.dispatchEvent(new Event('online'))")
    page.wait_for_selector("#sync-badge:has-text('已同步')")
    page.click("#sync-badge")
    page.wait_for_selector("#pending:has-text('待上传 0 条')")
    page.screenshot(path=str(shots / "sync-360.png"))
    kept = page.evaluate(
        "new Promise((ok) => { const r = indexedDB.open('union-inspector-phone'); r.onsuccess = () => {"
        " const q = r.result.transaction('blobs').objectStore('blobs').count(); q.onsuccess = () => ok(q.result); }; })"
    )
    assert kept == 0  # the photo and signature left the phone once the server had them
    assert not errors, errors

    # a laptop of the same grid pulls the visit, its photo and signature, and the position it filled in
    laptop.sync()
    from sqlmodel import select

    from app.store.tables import Attachment, Enterprise, Visit

    with laptop.db.read() as session:
        visits = session.exec(select(Visit).where(Visit.enterprise_id == enterprise_id, Visit.form_id == "sanchasanji")).all()
        assert len(visits) == 1
        visit = visits[0]
        answers = json.loads(visit.answers)
        assert visit.status == "submitted" and answers["met_person"] == "王芳 人事主管" and answers["headcount"] == 58
        assert answers["services_given"] == ["政策宣讲"]
        kinds = sorted(a.kind for a in session.exec(select(Attachment).where(Attachment.owner_id == visit.id)).all())
        assert kinds == ["photo", "signature"]
        enterprise = session.get(Enterprise, enterprise_id)
        assert enterprise is not None
        assert enterprise.position_source == "visit"
        assert enterprise.longitude == pytest.approx(HERE_LON) and enterprise.latitude == pytest.approx(HERE_LAT)
        summary = visit.summary
        assert visit.filled_longitude == pytest.approx(HERE_LON) and visit.filled_accuracy_m == 12
    assert "在册58人" in summary

    # the office sees it in the web pages
    office = browser.new_context(viewport={"width": 1366, "height": 768}, locale="zh-CN")
    web = office.new_page()
    web.goto(live.url + "/web/")
    web.fill("input[name=username]", "olga")
    web.fill("input[name=password]", PASSWORD)
    web.click("button[type=submit].primary")
    web.wait_for_url(re.compile(r".*/web/$"))
    web.goto(f"{live.url}/web/r/enterprises/{enterprise_id}")
    web.wait_for_selector("text=一企一档")
    assert "在册58人" in web.inner_text("body")
    office.close()
    ctx.close()


def test_a_conflict_with_a_laptop_edit_is_shown_simply_and_nothing_is_lost(
    server: tuple[LiveServer, District], browser: Any, laptop: Laptop, shots: Path
) -> None:
    live, district = server
    ctx = phone_context(browser)
    page = ctx.new_page()
    sign_in(page, live.url)
    enterprise_id = open_listed(page, 5)
    laptop.sync()
    assert laptop.enterprise(enterprise_id).longitude is None
    ctx.set_offline(True)
    page.click("#visit")
    page.wait_for_selector("[data-field=visitors] input")
    fill_visit(page, problems=True)
    page.fill("[data-field=problem_summary] textarea", "加班费计算基数偏低")
    page.wait_for_selector("#draft-state[data-pending='0']")
    page.click("#submit")
    page.wait_for_selector("#sync-badge:has-text('待同步')")
    # meanwhile the office pins the enterprise on a laptop
    laptop.edit(enterprise_id, longitude=104.1, latitude=30.7, position_source="pin")
    laptop.sync()
    ctx.set_offline(False)
    page.click("#sync-badge")
    page.click("#sync")
    page.wait_for_selector("#conflicts")
    text = page.inner_text("#conflicts")
    assert district.names[enterprise_id] in text and "位置" in text and "办公室" in text
    page.screenshot(path=str(shots / "conflict-360.png"))
    laptop.sync()
    assert laptop.enterprise(enterprise_id).longitude == pytest.approx(104.1)  # the office's value stands
    from sqlmodel import select

    from app.store.tables import Visit

    with laptop.db.read() as session:
        visit = session.exec(select(Visit).where(Visit.enterprise_id == enterprise_id, Visit.form_id == "sanchasanji")).one()
        assert json.loads(visit.answers)["problem_summary"] == "加班费计算基数偏低"  # the visit itself went through
    ctx.close()


def test_a_revoked_phone_clears_its_data_and_says_so(server: tuple[LiveServer, District], browser: Any, shots: Path) -> None:
    live, _ = server
    ctx = phone_context(browser)
    page = ctx.new_page()
    sign_in(page, live.url)
    assert page.locator("ol.stops li").count() > 0
    db = ServerDB(ServerSettings(data_dir=live.data_dir).db_url)
    try:
        for device in accounts.list_devices(db):
            if device.username == "ann" and device.device_name.startswith("手机") and not device.revoked_at:
                accounts.revoke_device(db, device.device_id, actor="admin")
    finally:
        db.dispose()
    page.click("#sync-badge")
    page.click("#sync")
    page.wait_for_selector("#notice")
    assert "撤销" in page.inner_text("#notice") and "清除" in page.inner_text("#notice")
    page.screenshot(path=str(shots / "revoked-360.png"))
    assert page.locator("#tabs").is_hidden() and page.locator("#sync-badge").is_hidden()
    names = page.evaluate("indexedDB.databases().then((all) => all.map((d) => d.name))")
    stored = page.evaluate(
        "new Promise((ok) => { const r = indexedDB.open('union-inspector-phone'); "
        "r.onsuccess = () => { const db = r.result; const names = [...db.objectStoreNames]; "
        "if (!names.includes('rows')) { db.close(); ok(0); return; } "
        "const q = db.transaction('rows').objectStore('rows').count(); q.onsuccess = () => { db.close(); ok(q.result); }; }; })"
    )
    assert stored == 0, names
    ctx.close()


def test_the_patrol_track_is_kept_only_with_consent_and_reaches_the_laptop(
    server: tuple[LiveServer, District], browser: Any, laptop: Laptop, shots: Path
) -> None:
    live, _ = server
    ctx = phone_context(browser)
    page = ctx.new_page()
    sign_in(page, live.url)
    assert not page.is_checked("#consent") and page.locator("#patrol").is_hidden()  # off by default
    page.check("#consent")
    page.click("#patrol:has-text('开始巡查')")
    page.wait_for_selector("#patrol:has-text('结束巡查')")
    ctx.set_offline(True)
    page.wait_for_selector("body[data-track-points='1']", state="attached")  # where the patrol started
    for step in range(1, 4):
        ctx.set_geolocation({"longitude": HERE_LON + step * 0.001, "latitude": HERE_LAT + step * 0.001, "accuracy": 8})
        page.wait_for_selector(f"body[data-track-points='{step + 1}']", state="attached")
    page.click("#patrol")
    page.wait_for_selector("#patrol:has-text('开始巡查')")
    page.wait_for_selector("#sync-badge:has-text('待同步')")
    page.wait_for_selector("#map path.leaflet-interactive")  # the track on the route map
    page.screenshot(path=str(shots / "patrol-360.png"))
    ctx.set_offline(False)
    page.click("#sync-badge")
    page.click("#sync")
    page.wait_for_selector("#pending:has-text('待上传 0 条')")
    laptop.sync()
    from sqlmodel import select

    from app.store.tables.patrol import PatrolTrack

    with laptop.db.read() as session:
        tracks = session.exec(select(PatrolTrack)).all()
    assert tracks, "no patrol track reached the laptop"
    points = [p for t in tracks for p in json.loads(t.points)]
    assert sum(t.point_count for t in tracks) == len(points) == 4
    assert all(t.device_name.startswith("手机") for t in tracks)
    assert any(p[1] == pytest.approx(HERE_LON + 0.003) for p in points)
    ctx.close()


def test_sign_out_erases_the_phone_and_english_is_one_switch_away(
    server: tuple[LiveServer, District], browser: Any, shots: Path
) -> None:
    live, _ = server
    ctx = phone_context(browser)
    page = ctx.new_page()
    sign_in(page, live.url)
    page.click("#sync-badge")
    page.click("#lang")
    page.wait_for_selector("text=Sync status")
    assert "Sign out and erase the data on this phone" in page.inner_text("#view")
    assert page.inner_text("#tabs a[data-tab=today]") == "Today"
    page.screenshot(path=str(shots / "sync-english-360.png"))
    page.once("dialog", lambda dialog: dialog.accept())
    page.click("#logout")
    page.wait_for_selector("#login")
    assert "Grid worker sign-in" in page.inner_text("#view")
    stored = page.evaluate(
        "new Promise((ok) => { const r = indexedDB.open('union-inspector-phone'); "
        "r.onsuccess = () => { const db = r.result; "
        "const q = db.transaction('meta').objectStore('meta').count(); q.onsuccess = () => { db.close(); ok(q.result); }; }; })"
    )
    assert stored == 0  # no token, no cursor, no rows
    ctx.close()

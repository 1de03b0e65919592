"""The web pages through the real app (in-process client): sign-in, sessions, CSRF, headers, grid scope,
registers, office actions as synced changes, and report downloads."""

from __future__ import annotations

import io
import json
import re

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from sqlmodel import select

from app.server.db import ServerDB
from app.server.records import loads_data
from app.server.tables import ChangeLog, Record
from app.web import audit
from app.web.i18n import english, shown_strings
from app.web.sessions import COOKIE
from tests.support.server_setup import PASSWORD, login
from tests.web.conftest import WebEnv, csrf_of, sign_in

PAGES = ["/web/", "/web/r/enterprises", "/web/r/visits", "/web/r/matters", "/web/r/letters", "/web/r/orders",
         "/web/reports"]


def _record(web: WebEnv, entity: str, rid: str) -> Record:
    db = ServerDB(web.settings.db_url)
    try:
        with db.read() as session:
            row = session.get(Record, (entity, rid))
            assert row is not None
            return row
    finally:
        db.dispose()


def _audit(web: WebEnv) -> list[dict[str, object]]:
    db = ServerDB(web.settings.db_url)
    try:
        return audit.read(db)
    finally:
        db.dispose()


def test_anonymous_is_sent_to_sign_in(web: WebEnv) -> None:
    r = web.client.get("/web/r/visits?q=x", follow_redirects=False)
    assert r.status_code == 303
    assert r.headers["location"].startswith("/web/login?next=%2Fweb%2Fr%2Fvisits")


def test_sign_in_sets_a_strict_http_only_cookie_and_rotates_the_session(web: WebEnv) -> None:
    page = web.client.get("/web/login")
    before = web.client.cookies.get(COOKIE)
    r = web.client.post("/web/login", data={"username": "olga", "password": PASSWORD, "csrf_token": csrf_of(page.text)},
                        follow_redirects=False)
    assert r.status_code == 303
    cookie = r.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie.replace("Strict", "strict")
    assert "Secure" not in cookie  # plain http in tests; https sets it (see next test)
    assert web.client.cookies.get(COOKIE) != before
    assert web.client.get("/web/").status_code == 200


def test_cookie_is_secure_under_https(web: WebEnv) -> None:
    r = web.client.get("https://testserver/web/login")
    assert "Secure" in r.headers["set-cookie"]


def test_wrong_password_then_rate_limit(web: WebEnv) -> None:
    for _ in range(web.settings.login_max_failures):
        page = web.client.get("/web/login")
        r = web.client.post("/web/login", data={"username": "ann", "password": "wrong", "csrf_token": csrf_of(page.text)})
        assert r.status_code == 401
        assert "用户名或密码错误" in r.text
    page = web.client.get("/web/login")
    r = web.client.post("/web/login", data={"username": "ann", "password": PASSWORD, "csrf_token": csrf_of(page.text)})
    assert r.status_code == 429
    assert int(r.headers["retry-after"]) > 0


def test_posts_without_the_session_csrf_token_are_refused(web: WebEnv) -> None:
    page = web.client.get("/web/login")
    r = web.client.post("/web/login", data={"username": "olga", "password": PASSWORD})
    assert r.status_code == 403
    r = web.client.post("/web/login", data={"username": "olga", "password": PASSWORD, "csrf_token": "forged"})
    assert r.status_code == 403
    assert csrf_of(page.text)
    sign_in(web.client, "olga")
    r = web.client.post("/web/office/grids", data={"username": "bob", "grid_id": web.seeded.grid_a, "csrf_token": "x"})
    assert r.status_code == 403
    assert "请求已拒绝" in r.text


def test_security_headers_and_no_inline_script(web: WebEnv) -> None:
    sign_in(web.client, "olga")
    for url in [*PAGES, f"/web/r/enterprises/{web.district.enterprises[0]}", f"/web/r/matters/{web.district.matters[0]}",
                "/web/office/grids", "/web/office/devices", "/web/office/audit"]:
        r = web.client.get(url)
        assert r.status_code == 200, url
        csp = r.headers["content-security-policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "frame-ancestors 'none'" in csp
        assert r.headers["x-frame-options"] == "DENY"
        assert not re.search(r"<script(?![^>]*\ssrc=)[^>]*>", r.text), url
        assert not re.search(r"\son[a-z]+=", r.text), url  # no inline event handlers either
        assert " style=" not in r.text, url
        for form in re.findall(r"<form[^>]*method=\"post\"[^>]*>.*?</form>", r.text, re.S):
            assert 'name="csrf_token"' in form, url


def test_static_assets_are_served_locally(web: WebEnv) -> None:
    for name in ("css/app.css", "css/print.css", "js/dashboard.js"):
        assert web.client.get(f"/web/static/{name}").status_code == 200
    page = web.client.get("/web/login").text
    assert "http://" not in page and "https://" not in page


def test_inspector_sees_only_their_grid(web: WebEnv) -> None:
    sign_in(web.client, "ann")
    listing = web.client.get("/web/r/enterprises").text
    mine = [e for e in web.district.enterprises if web.district.grid_of[e] == web.seeded.grid_a]
    theirs = [e for e in web.district.enterprises if web.district.grid_of[e] == web.seeded.grid_b]
    assert all(e not in listing for e in theirs)
    assert any(e in listing for e in mine)
    assert web.client.get(f"/web/r/enterprises/{theirs[0]}").status_code == 404
    assert web.client.get(f"/web/r/enterprises/{mine[0]}").status_code == 200
    other_letter = next(lid for lid in web.district.letters if lid not in web.client.get("/web/r/letters").text)
    assert web.client.get(f"/web/letters/{other_letter}/pdf").status_code == 404
    for office_page in ("/web/office/grids", "/web/office/devices", "/web/office/audit"):
        r = web.client.get(office_page)
        assert r.status_code == 403
        assert "无权访问" in r.text
    assert "/web/office/" not in web.client.get("/web/").text


def test_dashboard_figures_follow_scope(web: WebEnv) -> None:
    sign_in(web.client, "olga")
    all_tiles = web.client.get("/web/").text
    assert "全区概况" in all_tiles and 'data-chart="' in all_tiles
    web.client.cookies.clear()
    sign_in(web.client, "ann")
    mine = web.client.get("/web/").text
    assert "我的网格概况" in mine and "乙网格" not in mine.split("</section>")[1]


def test_search_filters_and_paging(web: WebEnv) -> None:
    sign_in(web.client, "olga")
    name = web.district.names[web.district.enterprises[5]]
    r = web.client.get("/web/r/enterprises", params={"q": name[-6:]})
    assert name in r.text and r.text.count("/web/r/enterprises/") == 1
    r = web.client.get("/web/r/enterprises", params={"q": "100%_"})
    assert "没有符合条件的记录" in r.text
    r = web.client.get("/web/r/enterprises", params={"union_status": "established"})
    rows = re.findall(r'href="/web/r/enterprises/([0-9a-f-]{36})"', r.text)
    assert rows and all(loads_data(_record(web, "enterprise", e).data)["union_status"] == "established" for e in rows)
    first = web.client.get("/web/r/visits").text
    assert 'rel="next"' in first
    second = web.client.get("/web/r/visits?page=2").text
    assert 'rel="prev"' in second


def test_dossier_matter_steps_and_letter_pdf(web: WebEnv) -> None:
    sign_in(web.client, "olga")
    eid = web.district.enterprises[0]
    dossier = web.client.get(f"/web/r/enterprises/{eid}").text
    assert "一企一档" in dossier and "拖欠工资线索0" in dossier and "工监提" in dossier
    matter = web.client.get(f"/web/r/matters/{web.district.matters[0]}").text
    assert "办理过程" in matter and "立项" in matter
    pdf = web.client.get(f"/web/letters/{web.district.letters[0]}/pdf")
    assert pdf.status_code == 200 and pdf.headers["content-type"] == "application/pdf" and pdf.content.startswith(b"%PDF")


def test_office_assigns_a_grid_as_a_synced_change(web: WebEnv) -> None:
    sign_in(web.client, "olga")
    page = web.client.get("/web/office/grids")
    before = _record(web, "grid", web.seeded.grid_b)
    r = web.client.post("/web/office/grids", data={"username": "ann", "grid_id": web.seeded.grid_b, "op": "add",
                                                  "csrf_token": csrf_of(page.text)}, follow_redirects=False)
    assert r.status_code == 303
    after = _record(web, "grid", web.seeded.grid_b)
    assert after.version == before.version + 1 and after.seq > before.seq
    inspector = loads_data(after.data)["inspector_id"]
    assert loads_data(_record(web, "inspector", inspector).data)["account"] == "ann"
    db = ServerDB(web.settings.db_url)
    try:
        with db.read() as session:
            log = session.exec(select(ChangeLog).where(ChangeLog.seq == after.seq)).one()
    finally:
        db.dispose()
    assert log.entity == "grid" and log.user == "olga" and json.loads(log.fields) == ["inspector_id"]
    # ann's laptop now pulls grid B's rows
    tokens = login(web.client, "ann")
    cursor, grids = 0, set()
    while True:
        pulled = web.client.get(f"/v1/sync/pull?cursor={cursor}&limit=1000", headers=tokens["headers"]).json()
        grids |= {c["data"].get("grid_id") for c in pulled["changes"]}
        cursor = pulled["next_cursor"]
        if not pulled["has_more"]:
            break
    assert web.seeded.grid_b in grids
    entries = _audit(web)
    assert entries[0]["action"] == "assign_grid" and entries[0]["actor"] == "olga"
    assert json.loads(entries[0]["detail"])["via"] == "web"


def test_office_approves_an_escalation(web: WebEnv) -> None:
    mid = web.district.matters[1]
    sign_in(web.client, "ann")
    page = web.client.get(f"/web/r/matters/{mid}")
    assert "办公室办理" not in page.text
    r = web.client.post(f"/web/r/matters/{mid}/step", data={"action": "escalate", "note": "x", "csrf_token": csrf_of(page.text)})
    assert r.status_code == 403
    web.client.cookies.clear()
    sign_in(web.client, "olga")
    page = web.client.get(f"/web/r/matters/{mid}")
    r = web.client.post(f"/web/r/matters/{mid}/step", data={"action": "escalate", "note": "", "csrf_token": csrf_of(page.text)})
    assert r.status_code == 400 and 'role="alert"' in r.text  # a note is required
    r = web.client.post(f"/web/r/matters/{mid}/step", data={"action": "escalate", "note": "拒不整改，移送劳动监察",
                                                          "csrf_token": csrf_of(page.text)}, follow_redirects=False)
    assert r.status_code == 303
    assert loads_data(_record(web, "matter", mid).data)["status"] == "escalated"
    assert "拒不整改，移送劳动监察" in web.client.get(f"/web/r/matters/{mid}").text
    assert _audit(web)[0]["action"] == "matter_escalate"


def test_office_revokes_a_device(web: WebEnv) -> None:
    tokens = login(web.client, "bob", device="bob-laptop")
    sign_in(web.client, "olga")
    page = web.client.get("/web/office/devices")
    assert "bob-laptop" in page.text
    r = web.client.post(f"/web/office/devices/{tokens['device_id']}/revoke", data={"csrf_token": csrf_of(page.text)},
                        follow_redirects=False)
    assert r.status_code == 303
    assert web.client.post("/v1/auth/token", json={"refresh_token": tokens["refresh_token"]}).status_code == 401
    assert web.client.get("/v1/auth/me", headers=tokens["headers"]).status_code == 401
    # one line, by the clerk, in the server's own audit that the API and `admin-audit` list
    root = login(web.client, "root", device="root-laptop")
    listed = web.client.get("/v1/admin/audit", headers=root["headers"]).json()
    revoked = [a for a in listed if a["action"] == "revoke_device"]
    assert len(revoked) == 1 and revoked[0]["actor"] == "olga" and revoked[0]["target"] == tokens["device_id"]
    shown = web.client.get("/web/office/audit").text
    assert "revoke_device" in shown and "早期网页操作记录" not in shown


def test_audit_page_shows_one_log_and_the_old_file(web: WebEnv) -> None:
    """Web actions, API actions and lines of the audit file older servers wrote, on one page."""
    old = {"at": "2026-01-02T03:04:05Z", "actor": "olga", "action": "assign_grid", "target": "grid:old",
           "detail": {}, "prev": ""}
    (web.settings.data_dir / audit.FILE_NAME).write_text(json.dumps(old, sort_keys=True) + "\n", encoding="utf-8")
    sign_in(web.client, "olga")
    page = web.client.get("/web/office/grids")
    web.client.post("/web/office/grids", data={"username": "ann", "grid_id": web.seeded.grid_b,
                                               "csrf_token": csrf_of(page.text)})
    root = login(web.client, "root", device="root-laptop")
    api = web.client.get("/v1/admin/audit", headers=root["headers"]).json()
    assert api[0]["action"] == "assign_grid" and api[0]["actor"] == "olga"
    shown = web.client.get("/web/office/audit").text
    assert f"grid:{web.seeded.grid_b}" in shown and "grid:old" in shown and "记录链完整" in shown
    assert not (web.settings.data_dir / audit.FILE_NAME).read_text(encoding="utf-8").count("\n") > 1


def test_sign_out_ends_the_session(web: WebEnv) -> None:
    sign_in(web.client, "olga")
    page = web.client.get("/web/")
    r = web.client.post("/web/logout", data={"csrf_token": csrf_of(page.text)}, follow_redirects=False)
    assert r.status_code == 303
    assert web.client.get("/web/", follow_redirects=False).status_code == 303


@pytest.mark.parametrize("fmt", ["xlsx", "pdf"])
def test_report_downloads(web: WebEnv, fmt: str) -> None:
    sign_in(web.client, "olga")
    r = web.client.get("/web/reports/download", params={"kind": "yearly", "format": fmt})
    assert r.status_code == 200
    if fmt == "xlsx":
        ws = load_workbook(io.BytesIO(r.content)).active
        assert ws is not None
        cells = [c.value for row in ws.iter_rows() for c in row]
        assert "走访次数与走访企业数（按人员）" in cells and "网格员1号" in cells
    else:
        text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(r.content)).pages)
        assert "工会走访监督工作年报" in text and "12351" in text


def test_english_pages_and_catalog_complete(web: WebEnv) -> None:
    missing = sorted(shown_strings() - set(english()))
    assert not missing, f"English missing for: {missing}"
    sign_in(web.client, "olga")
    web.client.get("/web/lang/en?next=/web/")
    page = web.client.get("/web/").text
    assert "District overview" in page and "Sign out" in page
    for url in PAGES:
        text = web.client.get(url).text
        body = re.sub(r"<[^>]+>", " ", text.split("<main>")[1])
        leftover = {w for w in re.findall(r"[\u4e00-\u9fff]+", body)}
        # record contents (names, summaries) stay Chinese; labels must not
        assert not leftover & {"走访", "企业", "状态", "网格", "合计", "搜索", "查询"}, (url, leftover)


def test_office_settles_a_data_pool_conflict(web: WebEnv) -> None:
    cid = web.district.conflicts[0]
    conflict = loads_data(_record(web, "field_conflict", cid).data)
    sign_in(web.client, "olga")
    page = web.client.get(f"/web/r/conflicts/{cid}")
    assert "税务登记地址" in page.text and "采用此值" in page.text
    r = web.client.post(f"/web/r/conflicts/{cid}/settle", data={"choice": "1", "csrf_token": csrf_of(page.text)},
                        follow_redirects=False)
    assert r.status_code == 303
    settled = loads_data(_record(web, "field_conflict", cid).data)
    assert settled["status"] == "resolved" and settled["resolved_by"] == "olga"
    enterprise = loads_data(_record(web, "enterprise", conflict["enterprise_id"]).data)
    assert enterprise["address"] == json.loads(conflict["candidates"])[1]["value"]
    again = web.client.post(f"/web/r/conflicts/{cid}/settle", data={"choice": "0", "csrf_token": csrf_of(page.text)})
    assert again.status_code == 400 and "该冲突已处理" in again.text
    assert _audit(web)[0]["action"] == "settle_conflict"


def test_a_damaged_row_is_shown_as_damaged_not_a_failed_page(web: WebEnv) -> None:
    """Text that is not a JSON object in a record (a damaged disk, a hand edit) must not take the whole
    register page, or the row's own page, down with it."""
    db = ServerDB(web.settings.db_url)
    try:
        with db.write() as session:
            newest = session.exec(select(Record).where(Record.entity == "visit").order_by(Record.seq.desc())).first()  # type: ignore[attr-defined]
            assert newest is not None
            broken_visit = newest.id
            newest.data = '{"summary": "cut off'
            session.add(newest)
            letter = session.get(Record, ("letter", web.district.letters[0]))
            assert letter is not None
            letter.data = "[1, 2]"
            session.add(letter)
    finally:
        db.dispose()
    sign_in(web.client, "olga")
    for register, rid in (("visits", broken_visit), ("letters", web.district.letters[0])):
        page = web.client.get(f"/web/r/{register}")
        assert page.status_code == 200
        assert "这条记录的数据已损坏，无法显示。" in page.text and f"/web/r/{register}/{rid}" in page.text
        assert 'rel="next"' in page.text or page.text.count("<tr") > 2  # the other rows are still there
        own = web.client.get(f"/web/r/{register}/{rid}")
        assert own.status_code == 200 and "这条记录的数据已损坏，无法显示。" in own.text
    for url in ("/web/r/visits?status=submitted", "/web/r/visits?q=走访", "/web/r/letters?kind=tips", "/web/"):
        assert web.client.get(url).status_code == 200, url

"""An unverified citation confirmed once by the office in the web pages reaches the laptops with sync:
a letter citing it is issued on a laptop where nobody confirmed it locally."""

from __future__ import annotations

import re
from pathlib import Path

import httpx
import pytest
from sqlmodel import select

from app.core.violations import confirmation_id
from app.documents import letter_flow as flow
from app.store import changes, citations
from app.store import matters as repo
from app.store.tables import Enterprise
from app.store.tables.citations import CitationConfirmation
from tests.support.live_server import LiveServer
from tests.support.sync_laptops import PASSWORD, Laptop

HEADING = "《保障农民工工资支付条例》第十五条"  # marked unverified in the catalog
BASIS = f"{HEADING}：用人单位应当按照与农民工书面约定或者依法制定的规章制度规定的工资支付周期和具体支付日期足额支付工资。〔条文待核实〕"


def _csrf(html: str) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert found
    return found.group(1)


def _web_confirm(url: str, username: str) -> httpx.Response:
    with httpx.Client(base_url=url, follow_redirects=False, timeout=30) as web:
        page = web.get("/web/login")
        r = web.post("/web/login", data={"username": username, "password": PASSWORD, "csrf_token": _csrf(page.text)})
        assert r.status_code == 303
        page = web.get("/web/office/citations")
        if page.status_code != 200:
            return page
        assert HEADING in page.text and "待确认" in page.text
        return web.post("/web/office/citations/confirm",
                        data={"heading": HEADING, "note": "已与国家法律法规数据库核对", "csrf_token": _csrf(page.text)})


def test_web_confirmation_lets_a_laptop_issue_the_letter(tmp_path: Path) -> None:
    live = LiveServer(tmp_path / "server")
    live.create_grid("A", "甲网格")
    live.create_account("ann", PASSWORD, grids=["A"])
    live.create_account("olga", PASSWORD, role="office")
    laptop = Laptop(tmp_path, "ann-laptop")
    try:
        with live:
            laptop.login(live.url, "ann")
            laptop.sync()
            with laptop.db.write() as session:
                enterprise = changes.insert(session, Enterprise(name="示范区恒通精密制造有限公司", grid_id=laptop.grid_id("A")), "ann")
                matter = repo.create_matter(session, enterprise_id=enterprise.id, source="informant", source_ref="",
                                            category="wage_arrears", facts="职工工资拖欠两个月。", actor="ann",
                                            legal_basis=BASIS)
                letter = flow.draft_from_matter(session, matter.id, "tips", actor="ann")
            with laptop.db.write() as session, pytest.raises(citations.UnconfirmedCitations):
                flow.issue_letter(session, letter.id, actor="ann", role="inspector", blobs_root=laptop.paths.blobs)

            assert _web_confirm(live.url, "ann").status_code == 403  # an inspector may not confirm
            assert _web_confirm(live.url, "olga").status_code == 303
            laptop.sync()

            with laptop.db.read() as session:
                row = session.exec(select(CitationConfirmation)).one()
                assert row.id == confirmation_id(HEADING) and row.confirmed_by == "olga"
                found = citations.confirmation(session, HEADING)
                assert found is not None and found.by == "olga"
            with laptop.db.write() as session:
                issued = flow.issue_letter(session, letter.id, actor="ann", role="inspector", blobs_root=laptop.paths.blobs)
                assert issued.status == "issued"
            again = _web_confirm(live.url, "olga")
            assert again.status_code == 303 and "error=" in again.headers["location"]  # once per citation
    finally:
        laptop.close()

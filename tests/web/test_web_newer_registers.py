"""Registers of the union-building, legal-supervision and legislative-contact-point records: search,
filters, detail pages with their related rows, personal data masked, and grid scope as sync gives it
(a mediator sees the case they mediate in another grid, and nothing else of that grid)."""

from __future__ import annotations

import pytest

from app.server.db import ServerDB
from tests.support.web_seed_more import ID_NUMBER, PHONE, Newer, seed_newer
from tests.web.conftest import WebEnv, sign_in


@pytest.fixture
def newer(web: WebEnv) -> Newer:
    db = ServerDB(web.settings.db_url)
    try:
        return seed_newer(db, {web.seeded.grid_a: "ann", web.seeded.grid_b: "bob"}, web.district)
    finally:
        db.dispose()


NEW_REGISTERS = ("unions", "union_steps", "members", "cases", "case_parties", "case_steps", "receptions", "referrals",
                 "consultations", "lf_tasks", "lf_meetings", "suggestions")


def test_every_new_register_lists_its_rows_without_raw_personal_data(web: WebEnv, newer: Newer) -> None:
    sign_in(web.client, "olga")
    for key in NEW_REGISTERS:
        page = web.client.get(f"/web/r/{key}")
        assert page.status_code == 200, key
        assert "没有符合条件的记录" not in page.text, key
        assert ID_NUMBER not in page.text and PHONE not in page.text, key
    members = web.client.get("/web/r/members").text
    assert "钱**" in members and "钱多多甲" not in members and "110*************34" in members
    assert "138****5678" in web.client.get("/web/r/receptions").text


def test_search_and_filter_in_the_new_registers(web: WebEnv, newer: Newer) -> None:
    sign_in(web.client, "olga")
    found = web.client.get("/web/r/unions", params={"q": "甲区快递"}).text
    assert "甲区快递行业联合工会" in found and "乙区快递行业联合工会" not in found
    assert "没有符合条件的记录" in web.client.get("/web/r/unions", params={"form": "single"}).text
    cases = web.client.get("/web/r/cases", params={"q": "调〔", "status": "mediating"}).text
    assert cases.count("/web/r/cases/") == 2
    suggestions = web.client.get("/web/r/suggestions", params={"q": "新就业形态"}).text
    assert "第十二条" in suggestions and "某市职工权益保障条例（草案）" in suggestions
    assert "没有符合条件的记录" in web.client.get("/web/r/consultations", params={"q": "不存在的草案"}).text


def test_detail_pages_show_related_rows_masked(web: WebEnv, newer: Newer) -> None:
    sign_in(web.client, "olga")
    union = web.client.get(f"/web/r/unions/{newer.unions[0]}").text
    assert "建会步骤" in union and "上级批复" in union and "孙**" in union and "138****5678" in union
    case = web.client.get(f"/web/r/cases/{newer.cases[0]}").text
    assert "当事人" in case and "周***" in case and ID_NUMBER not in case and "甲区欠薪案移送监察" in case
    assert "区人社局劳动保障监察大队" in web.client.get("/web/r/referrals").text
    consultation = web.client.get(f"/web/r/consultations/{newer.consultation}").text
    assert "意见征询会" in consultation and "新就业形态" in consultation and "征询任务" in consultation


def test_grid_scope_and_the_mediator_exception(web: WebEnv, newer: Newer) -> None:
    sign_in(web.client, "ann")  # grid A; mediates a case of grid B
    unions = web.client.get("/web/r/unions").text
    assert "甲区快递行业联合工会" in unions and "乙区快递行业联合工会" not in unions
    assert web.client.get(f"/web/r/unions/{newer.unions[1]}").status_code == 404
    cases = web.client.get("/web/r/cases").text
    assert cases.count("/web/r/cases/") == 2  # its own, and the mediated one in grid B
    mediated = web.client.get(f"/web/r/cases/{newer.mediated_case}").text
    assert "周***" in mediated and "乙区欠薪案移送监察" in mediated
    assert "吴**" in web.client.get("/web/r/receptions").text
    assert web.client.get("/web/r/receptions").text.count("/web/r/receptions/") == 1  # grid B's stays hidden
    web.client.cookies.clear()
    sign_in(web.client, "bob")  # grid B; mediates nothing
    cases = web.client.get("/web/r/cases").text
    assert cases.count("/web/r/cases/") == 1
    assert web.client.get(f"/web/r/cases/{newer.cases[0]}").status_code == 404


def test_new_registers_in_english(web: WebEnv, newer: Newer) -> None:
    import re

    sign_in(web.client, "olga")
    web.client.get("/web/lang/en?next=/web/")
    for key in NEW_REGISTERS:
        body = re.sub(r"<[^>]+>", " ", web.client.get(f"/web/r/{key}").text.split("<main>")[1])
        leftover = set(re.findall(r"[\u4e00-\u9fff]+", body))
        assert not leftover & {"状态", "网格", "日期", "工会组建", "案件", "搜索", "查询"}, (key, leftover)
    assert "Union building" in web.client.get("/web/r/unions").text

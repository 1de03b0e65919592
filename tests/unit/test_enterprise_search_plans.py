"""The enterprise search picks its plan by what a term matches (a whole code by its index, a rare term
by gathering its hits, a broad one by walking the pinyin name index): every plan must give exactly the
rows a brute-force substring test gives, in pinyin order, page after page, and the list's count is
capped honestly."""

from __future__ import annotations

import random
from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import text

from app.core.codes import make_credit_code, make_org_code
from app.core.pinyin import pinyin_key, sort_text
from app.store import changes, enterprises
from app.store.db import Database
from app.store.tables import Enterprise, Grid

_WORDS = "华鑫恒瑞宏正金嘉明德锦万新天永盛泰安益博达源通信联创远邦利辉诚丰祥宇航润重长行"
_TRADES = ["电子科技", "服装", "餐饮管理", "物流", "商贸", "Abc科技"]
_ROADS = ["文一路", "学院路", "湖墅南路", "解放路"]


def code_of(i: int) -> str:
    return make_credit_code("91330106" + make_org_code(f"{i:08d}"))


@pytest.fixture
def town(db: Database) -> Iterator[Database]:
    """240 enterprises, some deleted, in two grids; names repeat now and then (ties by row)."""
    rng = random.Random(7)
    with db.write() as session:
        grids = [changes.insert(session, Grid(code=f"G{g}", name=f"网格{g}"), "t") for g in range(2)]
        rows: list[dict[str, Any]] = []
        for i in range(240):
            name = f"示范区{rng.choice(_WORDS)}{rng.choice(_WORDS)}{rng.choice(_TRADES)}有限公司"
            if i % 17 == 0:
                name = "示范区华鑫物流有限公司"  # the same name several times
            rows.append({"name": name, "credit_code": code_of(i), "address": f"示范区{rng.choice(_ROADS)}{i % 50}号",
                         "grid_id": grids[i % 2].id, "headcount": i % 60, "union_status": "none"})
        changes.insert_many(session, Enterprise, rows, actor="t")
        for gone in session.exec(text("SELECT id FROM enterprise WHERE rowid % 23 = 0")).all():  # type: ignore[call-overload]
            row = session.get(Enterprise, gone[0])
            assert row is not None
            changes.delete(session, row, "t")
    yield db


def brute(session: Any, term: str, **filters: Any) -> list[tuple[str, int]]:
    """(name, rowid) of every live match by plain substring tests, in pinyin order."""
    rows = session.exec(text(
        "SELECT rowid, name, address, credit_code, grid_id, headcount FROM enterprise WHERE deleted = 0"
    )).all()
    words = term.split()
    out = []
    for rowid, name, address, code, grid_id, headcount in rows:
        ok = True
        for word in words:
            w = word.lower()
            if len(word) == 18 and word.upper()[0].isdigit() and word.isalnum():
                hit = code == word.upper()
            elif len(word) >= 3 or not word.isalnum():
                hit = w in name.lower() or w in address.lower() or w in code.lower()
            else:
                hit = w in name.lower() or w in address.lower()
            ok = ok and hit
        if filters.get("grid_id") and grid_id != filters["grid_id"]:
            ok = False
        if filters.get("min_headcount") is not None and (headcount or 0) < filters["min_headcount"]:
            ok = False
        if ok:
            out.append((name, rowid))
    out.sort(key=lambda r: (pinyin_key(r[0]), r[1]))
    return out


def listed(session: Any, flt: enterprises.EnterpriseFilter, page_size: int, descending: bool = False) -> list[tuple[str, int]]:
    """Every row the list shows, page after page, continuing from the last row's key."""
    out: list[tuple[str, int]] = []
    after = None
    while True:
        rows = enterprises.page(session, flt, len(out), page_size, "name", descending, after=after)
        out.extend((r["name"], r["_rid"]) for r in rows)
        if len(rows) < page_size:
            return out
        after = (rows[-1]["_key"], rows[-1]["_rid"])


TERMS = [
    "",  # no term: the whole list
    "华", "鑫", "A", "a", "囧",  # one character: common, rare, Latin (either case), none
    "华鑫", "物流", "ab", "号",  # two characters
    "有限公司", "湖墅南路", "abc科技", "示范区华鑫物流",  # three and more
    code_of(5), code_of(5).lower(), code_of(23),  # whole codes (23: deleted)
    code_of(7)[:10], code_of(130)[8:16], code_of(9)[-6:],  # code fragments
    "华 物流", "有限 湖墅",  # two terms
    "（", "%", "_",  # punctuation: no index
    "不存在的企业", "91330106ZZZZ",  # no hit
]


@pytest.mark.parametrize(
    ("limits", "member"),
    [(None, True), (3, True), (3, False)],
    ids=["default limits", "tiny limits: broad Chinese terms walk the key index against their hits",
         "tiny limits, no hit sets: every broad term walks the rows"],
)
def test_every_plan_lists_what_a_substring_test_finds(
    town: Database, limits: int | None, member: bool, monkeypatch: Any
) -> None:
    if limits is not None:
        monkeypatch.setattr(enterprises, "GATHER_LIMIT", limits)
        monkeypatch.setattr(enterprises, "COUNT_CAP", limits)
    if not member:
        monkeypatch.setattr(enterprises, "MEMBER_LIMIT", 0)
    with town.read() as session:
        for term in TERMS:
            expected = brute(session, term)
            flt = enterprises.EnterpriseFilter(query=term)
            assert listed(session, flt, 7) == expected, term
            assert listed(session, flt, 50, descending=True) == expected[::-1], term
            assert enterprises.count(session, flt) == len(expected), term
            offset_page = enterprises.page(session, flt, 5, 4)  # plain offsets still work
            assert [(r["name"], r["_rid"]) for r in offset_page] == expected[5:9], term


@pytest.mark.parametrize("limits", [None, 3])
def test_filters_combine_with_every_plan(town: Database, limits: int | None, monkeypatch: Any) -> None:
    if limits is not None:
        monkeypatch.setattr(enterprises, "GATHER_LIMIT", limits)
    with town.read() as session:
        grid_id = session.exec(text("SELECT id FROM grid WHERE code = 'G1'")).one()[0]  # type: ignore[call-overload]
        for term in ("", "华", "有限公司", "物流", code_of(7)[:10]):
            for filters in ({"grid_id": grid_id}, {"min_headcount": 30}, {"grid_id": grid_id, "min_headcount": 30}):
                flt = enterprises.EnterpriseFilter(query=term, **filters)
                expected = brute(session, term, **filters)
                assert listed(session, flt, 9) == expected, (term, filters)
                assert enterprises.count(session, flt) == len(expected), (term, filters)


def test_the_count_is_capped_for_broad_terms_and_exact_for_narrow_ones(town: Database, monkeypatch: Any) -> None:
    monkeypatch.setattr(enterprises, "GATHER_LIMIT", 20)
    monkeypatch.setattr(enterprises, "COUNT_CAP", 20)
    with town.read() as session:
        broad = enterprises.EnterpriseFilter(query="有限公司")
        assert enterprises.count_upto(session, broad, 20) == 21  # "more than 20"
        assert enterprises.count(session, broad) == len(brute(session, "有限公司")) > 21
        prefix = enterprises.EnterpriseFilter(query=code_of(1)[:8])  # a prefix every code shares
        assert enterprises.count_upto(session, prefix, 20) == 21
        everything = enterprises.EnterpriseFilter()
        assert enterprises.count_upto(session, everything, 20) == 21
        narrow = enterprises.EnterpriseFilter(query="示范区华鑫物流")
        assert enterprises.count_upto(session, narrow, 20) == len(brute(session, "示范区华鑫物流")) <= 20


def test_the_sort_key_follows_names_through_insert_rename_and_delete(db: Database) -> None:
    with db.write() as session:
        a = changes.insert(session, Enterprise(name="中和食品"), "t")
        changes.insert(session, Enterprise(name="安居物业"), "t")
    with db.write() as session:
        row = session.get(Enterprise, a.id)
        assert row is not None
        enterprises.update(session, row, {"name": "阿里超市"}, "t")
    with db.read() as session:
        keys = dict(session.exec(text(  # type: ignore[call-overload]
            "SELECT e.name, s.k FROM enterprise e JOIN enterprise_fts_sort s ON s.rid = e.rowid")).all())
        assert keys == {"阿里超市": sort_text("阿里超市"), "安居物业": sort_text("安居物业")}
        assert [r["name"] for r in enterprises.page(session, enterprises.EnterpriseFilter(), 0, 10)] == ["阿里超市", "安居物业"]
    with db.write() as session:
        session.exec(text("DELETE FROM enterprise WHERE name = '安居物业'"))  # type: ignore[call-overload]
        assert session.exec(text("SELECT count(*) FROM enterprise_fts_sort")).one()[0] == 1  # type: ignore[call-overload]


def test_the_bulk_path_fills_the_sort_key_like_the_trigger(db: Database) -> None:
    with db.write() as session:
        conn = session.connection()
        first = int(conn.exec_driver_sql("SELECT coalesce(max(rowid), 0) + 1 FROM enterprise").scalar_one())
        with enterprises.search_triggers_suspended(session):
            changes.insert_many(session, Enterprise, [{"name": n} for n in ("万家超市", "华联商厦")], actor="t")
            last = int(conn.exec_driver_sql("SELECT max(rowid) FROM enterprise").scalar_one())
            enterprises.index_range(session, first, last)
    with db.read() as session:
        assert [r["name"] for r in enterprises.page(session, enterprises.EnterpriseFilter(query="华"), 0, 10)] == ["华联商厦"]
        assert [r["name"] for r in enterprises.page(session, enterprises.EnterpriseFilter(), 0, 10)] == ["华联商厦", "万家超市"]


def test_the_pinyin_sort_text_orders_like_the_pinyin_key() -> None:
    rng = random.Random(3)
    alphabet = _WORDS + "阿啊aAbZ19 （）-"
    names = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 7))) for _ in range(3000)]
    assert sorted(names, key=sort_text) == sorted(names, key=pinyin_key)


def test_a_broad_chinese_character_walks_the_key_index_against_its_hits(town: Database, monkeypatch: Any) -> None:
    """Between the gathered few and the very many, one or two Chinese characters take the plan that
    reads no enterprise row but the page's own (its rows and count still those of the substring test)."""
    monkeypatch.setattr(enterprises, "GATHER_LIMIT", 3)
    monkeypatch.setattr(enterprises, "COUNT_CAP", 3)
    with town.read() as session:
        for term in ("华", "物流"):
            flt = enterprises.EnterpriseFilter(query=term)
            plan = enterprises._plan(session, flt)
            assert plan.member is not None and plan.driver is None, term
            expected = brute(session, term)
            assert enterprises.count(session, flt) == len(expected)
            assert enterprises.count_upto(session, flt, 3) == 4
            assert listed(session, flt, 11) == expected
        latin = enterprises._plan(session, enterprises.EnterpriseFilter(query="A"))
        assert latin.member is None  # case folding: the row test decides
        monkeypatch.setattr(enterprises, "MEMBER_LIMIT", 5)
        assert enterprises._plan(session, enterprises.EnterpriseFilter(query="有限")).member is None  # too many hits


def test_the_search_warm_up_reads_and_leaves_the_results_alone(town: Database) -> None:
    from app.ui.shell.warmup import start_search_warmup

    with town.read() as session:
        before = listed(session, enterprises.EnterpriseFilter(query="华"), 50)
    start_search_warmup(town).join(timeout=30)
    with town.read() as session:
        assert listed(session, enterprises.EnterpriseFilter(query="华"), 50) == before == brute(session, "华")

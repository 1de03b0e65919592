"""Importing real messy department lists: encodings, title rows, merged cells, bad codes, duplicates
across sources with conflicting headcounts, and imports that fail or change nothing."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path

import openpyxl
import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import text
from sqlmodel import SQLModel, select

from app.core.codes import make_credit_code, make_org_code, uscc_check_char
from app.planning import importer, normalize
from app.planning.importer import ImportCancelled, inspect_file, run_import
from app.planning.mapping import Source, detect_header
from app.planning.readers import FileProblem, read_table
from app.store import datapool as store
from app.store.db import Database
from app.store.tables import Enterprise, Outbox
from app.store.tables.datapool import FieldConflict, ImportBatch, SourceRecord, UnionEvent

AS_OF = dt.date(2026, 10, 31)
MY_TABLES = {"source_record", "field_conflict", "import_batch", "union_event", "import_mapping"}


def code(n: int) -> str:
    return make_credit_code("91330106" + make_org_code(f"{n:08d}"))


def bad_check(c: str) -> str:
    return c[:17] + next(ch for ch in "0123456789" if ch != uscc_check_char(c[:17]))


def fullwidth(s: str) -> str:
    return "".join(chr(ord(ch) + 0xFEE0) if "!" <= ch <= "~" else ch for ch in s)


def snapshot(db: Database) -> dict[str, int]:
    with db.read() as session:
        conn = session.connection()
        return {
            t: int(conn.execute(text(f"SELECT count(*) FROM {t}")).scalar_one())
            for t in ("enterprise", "source_record", "field_conflict", "import_batch", "union_event", "outbox", "audit_log")
        }


def _enterprises(db: Database) -> list[Enterprise]:
    with db.read() as session:
        return list(session.exec(select(Enterprise)).all())


def write_csv(path: Path, lines: list[str], encoding: str, bom: bool = False) -> Path:
    data = "\n".join(lines).encode(encoding)
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + data + b"\n")
    return path


MARKET_LINES = [
    "示范区市场主体名录（2026年10月）",
    "导出单位：区市场监管局,,,,,",
    "序号,企业名称,统一社会信用代码,住所,从业人数,成立日期,法定代表人",
    f"1,示范区甲电子科技有限公司,{code(1)},文一路1号,120人,2020/1/5,张伟",
    f"2,示范区乙服装有限公司,{bad_check(code(2))},学院路2号,30,20200105,李娜",
    "3,示范区丙餐饮管理有限公司,91330106ABCDEFGH,解放路3号,40,2020年1月5日,王芳",
    f"4,示范区丁物流有限公司,{fullwidth(code(4)[:6])} {fullwidth(code(4)[6:])},凤起路4号,５６,2019-03-08,赵磊",
    f"5,示范区戊商贸有限公司,{code(1)},建国北路5号,12,2018-02-02,陈静",
    "合计：5家,,,,,,",
]


def test_migration_matches_the_tables(db: Database) -> None:
    with db.write_engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), SQLModel.metadata)

    def table_of(entry: object) -> str | None:
        if isinstance(entry, list):
            return str(entry[0][2])
        item = entry[1]  # type: ignore[index]
        table = getattr(item, "table", item)
        return getattr(table, "name", None)

    assert [d for d in diff if table_of(d) in MY_TABLES] == []


def test_gbk_csv_with_title_rows_imports_and_reports_every_rejected_row(db: Database, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "市场监管名录.csv", MARKET_LINES, "gbk")
    preview = inspect_file(path)
    assert preview.table.encoding == "GBK"
    assert preview.header_row == 3
    assert preview.source is Source.MARKET
    assert preview.mapping["统一社会信用代码"] == "credit_code"
    assert preview.mapping["从业人数"] == "headcount"

    result = run_import(db, path, actor="clerk", as_of=AS_OF)
    assert (result.rows_read, result.inserted, result.updated, result.unchanged) == (5, 3, 0, 0)
    assert [(r.row, r.column) for r in result.rejected] == [(6, "统一社会信用代码"), (8, "统一社会信用代码")]
    assert "应为18位" in result.rejected[0].reason or "不允许的字符" in result.rejected[0].reason
    assert "与第4行重复" in result.rejected[1].reason
    assert result.rejected[0].sentence().startswith("市场监管名录.csv 第6行“统一社会信用代码”列：")
    assert [(w.row, w.column) for w in result.warnings] == [(5, "统一社会信用代码")]
    assert "校验位" in result.warnings[0].reason

    with db.read() as session:
        rows = {e.name: e for e in session.exec(select(Enterprise)).all()}
    assert rows["示范区甲电子科技有限公司"].headcount == 120
    assert rows["示范区甲电子科技有限公司"].registered_date == dt.date(2020, 1, 5)
    assert rows["示范区乙服装有限公司"].credit_code_status == "bad_check"
    assert rows["示范区乙服装有限公司"].registered_date == dt.date(2020, 1, 5)
    assert rows["示范区丁物流有限公司"].credit_code == code(4)  # full-width and a space folded away
    assert rows["示范区丁物流有限公司"].headcount == 56


def test_gb18030_and_utf8_bom_files_are_detected(tmp_path: Path) -> None:
    # 䶮 is outside GBK: only GB18030 can carry it
    lines = ["企业名称,统一社会信用代码", f"示范区刘䶮科技有限公司,{code(9)}"]
    gb = read_table(write_csv(tmp_path / "a.csv", lines, "gb18030"))
    assert gb.encoding == "GB18030"
    assert gb.rows[1][0] == "示范区刘䶮科技有限公司"
    bom = read_table(write_csv(tmp_path / "b.csv", lines, "utf-8", bom=True))
    assert bom.encoding.startswith("UTF-8（带BOM")
    assert bom.rows[0][0] == "企业名称"  # the BOM is not glued to the first header


def test_xlsx_with_merged_title_cells_and_a_merged_column(db: Database, tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "参保单位"
    ws["A1"] = "示范区参保单位名单"
    ws.merge_cells("A1:F1")
    ws["A2"] = "统计时间：2026年10月"
    ws.merge_cells("A2:F2")
    ws.append(["参保单位名称", "统一社会信用代码", "参保人数", "所属行业", "成立日期", "联系电话"])
    ws.append(["示范区甲电子科技有限公司", code(1), 95, "制造业", dt.datetime(2020, 1, 5), "0571-88886666"])
    ws.append(["示范区己印刷有限公司", code(6), "40人", None, 43831, "13905710001"])
    ws.merge_cells("D4:D5")  # the industry cell spans both enterprises
    path = tmp_path / "人社参保.xlsx"
    wb.save(path)

    table = read_table(path)
    assert table.sheet == "参保单位"
    guess = detect_header(table.rows)
    assert guess is not None and guess.row_index == 2
    assert table.rows[4][3] == "制造业"  # merged cell filled from its top-left

    result = run_import(db, path, actor="clerk", as_of=AS_OF)
    assert result.source is Source.HR
    assert (result.inserted, len(result.rejected)) == (2, 0)
    with db.read() as session:
        printing = session.exec(select(Enterprise).where(Enterprise.credit_code == code(6))).one()
    assert printing.registered_date == dt.date(2020, 1, 1)  # Excel serial 43831
    assert printing.industry == "制造业"
    assert printing.contact_phone == "13905710001"


def test_duplicates_across_two_sources_with_conflicting_headcounts(db: Database, tmp_path: Path) -> None:
    run_import(db, write_csv(tmp_path / "market.csv", MARKET_LINES, "gbk"), actor="clerk", source=Source.MARKET, as_of=AS_OF)
    tax = write_csv(
        tmp_path / "税务登记.csv",
        ["纳税人名称,纳税人识别号,职工人数,注册地址", f"示范区甲电子科技有限公司,{code(1)},95,文一路1号", f"示范区辛物业服务有限公司,{code(7)},30,秋涛路7号"],
        "utf-8",
        bom=True,
    )
    result = run_import(db, tax, actor="clerk", as_of=dt.date(2026, 11, 2))
    assert result.source is Source.TAX
    assert (result.inserted, result.updated, result.unchanged) == (1, 0, 1)
    assert len(result.conflicts) == 1
    conflict = result.conflicts[0]
    assert conflict.field == "headcount"
    assert {(c["source"], c["value"]) for c in conflict.candidates} == {("market", 120), ("tax", 95)}

    with db.read() as session:
        enterprise = session.exec(select(Enterprise).where(Enterprise.credit_code == code(1))).one()
        assert enterprise.headcount == 120  # kept until a person chooses
        provenance = store.records_of(session, enterprise.id)
        views = store.list_open_conflicts(session)
    assert provenance["market"]["headcount"] == [120, "2026-10-31"]
    assert provenance["tax"]["headcount"] == [95, "2026-11-02"]
    assert [v.field for v in views] == ["headcount"]

    with db.write() as session:
        store.resolve_conflict(session, views[0].id, 95, "clerk")
    with db.read() as session:
        enterprise = session.exec(select(Enterprise).where(Enterprise.credit_code == code(1))).one()
        assert enterprise.headcount == 95
        assert store.count_open_conflicts(session) == 0
        assert session.exec(select(FieldConflict)).one().status == "resolved"

    # the same lists again: nothing new, and the resolved conflict does not come back
    before = snapshot(db)
    again = run_import(db, tax, actor="clerk", as_of=dt.date(2026, 11, 2))
    assert again.conflicts == [] and not again.changed
    assert snapshot(db) == before


def test_reimporting_the_same_file_changes_nothing(db: Database, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "market.csv", MARKET_LINES, "gbk")
    first = run_import(db, path, actor="clerk")
    assert first.changed
    before = snapshot(db)
    second = run_import(db, path, actor="clerk")
    assert (second.inserted, second.updated, second.unchanged) == (0, 0, 3)
    assert not second.changed
    assert snapshot(db) == before


def test_a_source_updating_its_own_figure_is_taken_without_a_conflict(db: Database, tmp_path: Path) -> None:
    lines = ["企业名称,统一社会信用代码,从业人数", f"示范区甲电子科技有限公司,{code(1)},120"]
    run_import(db, write_csv(tmp_path / "m1.csv", lines, "utf-8"), actor="c", source=Source.MARKET, as_of=AS_OF)
    lines[1] = lines[1].replace(",120", ",130")
    result = run_import(db, write_csv(tmp_path / "m2.csv", lines, "utf-8"), actor="c", source=Source.MARKET, as_of=AS_OF)
    assert (result.updated, len(result.conflicts)) == (1, 0)
    with db.read() as session:
        assert session.exec(select(Enterprise)).one().headcount == 130
        outbox = session.exec(select(Outbox).where(Outbox.entity == "enterprise", Outbox.op == "update")).one()
    assert json.loads(outbox.patch) == {"headcount": 130}
    assert json.loads(outbox.base_values) == {"headcount": 120}


def test_a_file_that_fails_halfway_changes_nothing(db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    run_import(db, write_csv(tmp_path / "market.csv", MARKET_LINES, "gbk"), actor="clerk", as_of=AS_OF)
    before = snapshot(db)
    original = store.changes.insert_imported
    calls = {"n": 0}

    def failing(*args: object, **kwargs: object) -> list[str]:
        calls["n"] += 1
        if calls["n"] == 2:  # after the enterprises went in, before their provenance
            raise OSError("disk full")
        return original(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(store.changes, "insert_imported", failing)
    tax = write_csv(tmp_path / "tax.csv", ["纳税人名称,纳税人识别号,职工人数", f"新企业有限公司,{code(11)},30", f"示范区甲电子科技有限公司,{code(1)},95"], "utf-8")
    with pytest.raises(OSError):
        run_import(db, tax, actor="clerk", source=Source.TAX)
    assert snapshot(db) == before


@pytest.mark.parametrize("phase", [importer.READ, importer.MATCH, importer.WRITE])
def test_cancel_rolls_back_in_every_phase(db: Database, tmp_path: Path, phase: str) -> None:
    before = snapshot(db)
    seen: list[str] = []

    def progress(name: str, done: int, total: int) -> None:
        seen.append(name)

    with pytest.raises(ImportCancelled):
        run_import(
            db, write_csv(tmp_path / "market.csv", MARKET_LINES, "gbk"), actor="c",
            progress=progress, cancelled=lambda: phase in seen and seen.count(phase) > (1 if phase == importer.WRITE else 0),
        )
    assert snapshot(db) == before


def test_ctrl_c_in_the_write_phase_rolls_back(db: Database, tmp_path: Path) -> None:
    before = snapshot(db)

    def progress(name: str, done: int, total: int) -> None:
        if name == importer.WRITE and done:
            raise KeyboardInterrupt

    with pytest.raises(ImportCancelled):
        run_import(db, write_csv(tmp_path / "market.csv", MARKET_LINES, "gbk"), actor="c", progress=progress)
    assert snapshot(db) == before


@pytest.mark.parametrize(
    ("name", "content", "fragment"),
    [
        ("broken.xlsx", b"PK\x03\x04 not really a zip", "已损坏"),
        ("empty.csv", b"", "是空的"),
        ("nohead.csv", "甲,乙,丙\n1,2,3\n".encode("gbk"), "找不到表头"),
        ("old.xls", b"\xd0\xcf\x11\xe0", ".xls"),
    ],
)
def test_a_bad_file_is_one_sentence_and_changes_nothing(
    db: Database, tmp_path: Path, name: str, content: bytes, fragment: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    before = snapshot(db)
    with pytest.raises(FileProblem) as caught:
        run_import(db, path, actor="c")
    assert fragment in str(caught.value)
    assert "\n" not in str(caught.value)
    assert snapshot(db) == before


def test_dry_run_writes_nothing(db: Database, tmp_path: Path) -> None:
    before = snapshot(db)
    result = run_import(db, write_csv(tmp_path / "market.csv", MARKET_LINES, "gbk"), actor="c", dry_run=True)
    assert result.inserted == 3 and result.dry_run
    assert snapshot(db) == before


def test_member_registry_sets_union_status_with_an_event(db: Database, tmp_path: Path) -> None:
    run_import(db, write_csv(tmp_path / "market.csv", MARKET_LINES, "gbk"), actor="c", as_of=AS_OF)
    members = write_csv(
        tmp_path / "基层工会会员库.csv",
        [
            "单位名称,统一社会信用代码,工会名称,建会日期,会员人数",
            f"示范区甲电子科技有限公司,{code(1)},示范区甲电子科技有限公司工会委员会,2026-09-01,88人",
            "示范区丁物流有限公司,,示范区丁物流有限公司工会,2026年10月8日,40",
            "不存在的公司,,某工会,2026-01-01,10",
        ],
        "utf-8",
    )
    result = run_import(db, members, actor="c", as_of=AS_OF)
    assert result.source is Source.MEMBERS
    assert result.updated == 2
    assert [(r.row, r.column) for r in result.rejected] == [(4, "单位名称")]
    with db.read() as session:
        first = session.exec(select(Enterprise).where(Enterprise.credit_code == code(1))).one()
        events = session.exec(select(UnionEvent)).all()
    assert (first.union_status, first.member_count, first.union_established_date) == ("established", 88, dt.date(2026, 9, 1))
    assert sorted((e.from_status, e.to_status, e.event_date) for e in events) == [
        ("none", "established", dt.date(2026, 9, 1)),
        ("none", "established", dt.date(2026, 10, 8)),
    ]


def test_saved_mapping_is_used_next_time(db: Database, tmp_path: Path) -> None:
    lines = ["单位,代码,人数", f"示范区甲电子科技有限公司,{code(1)},120"]
    path = write_csv(tmp_path / "odd.csv", lines, "utf-8")
    with pytest.raises(FileProblem):
        run_import(db, path, actor="c", source=Source.MARKET)  # no known header at all
    mapping = {"单位": "name", "代码": "credit_code", "人数": "headcount"}
    # a header the detector cannot know: the caller (wizard) passes the mapping explicitly
    table = read_table(path)
    parsed = importer.parse_rows(table.rows, 0, table.rows[0], mapping, Source.MARKET, path.name)
    assert parsed.rows[0].values["headcount"] == 120
    with db.write() as session:
        store.save_mapping(session, "市场监管-旧版", "market", mapping)
    with db.read() as session:
        assert store.load_mapping(session, "市场监管-旧版") == mapping
        assert store.mapping_names(session) == ["市场监管-旧版"]


def test_import_batch_and_outbox_rows_are_written_together(db: Database, tmp_path: Path) -> None:
    result = run_import(db, write_csv(tmp_path / "market.csv", MARKET_LINES, "gbk"), actor="clerk", as_of=AS_OF)
    with db.read() as session:
        batch = session.exec(select(ImportBatch)).one()
        records = session.exec(select(SourceRecord)).all()
        outbox = session.exec(select(Outbox)).all()
    assert batch.id == result.batch_id and batch.inserted == 3 and batch.rejected == 2
    assert len(records) == 3
    entities = sorted({o.entity for o in outbox})
    assert entities == ["enterprise", "import_batch", "source_record"]
    # one compact bulk entry per table, naming the rows; no audit row per imported row
    bulk = [o for o in outbox if o.entity == "enterprise"]
    assert len(bulk) == 1 and bulk[0].op == "bulk" and len(bulk[0].patch) < 120
    assert batch.sha256 == hashlib.sha256((tmp_path / "market.csv").read_bytes()).hexdigest() and batch.actor == "clerk"
    with db.read() as session:
        rows = session.connection().execute(text("SELECT event, entity FROM audit_log")).all()
        assert sorted(rows) == [("change", "import_batch"), ("import", "")]
        expanded = store.changes.bulk_rows(session, "enterprise", json.loads(bulk[0].patch))
    assert sorted(r["name"] for r in expanded) == sorted(e.name for e in _enterprises(db))


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2020/1/5", dt.date(2020, 1, 5)),
        ("2020-01-05", dt.date(2020, 1, 5)),
        ("20200105", dt.date(2020, 1, 5)),
        ("2020年1月5日", dt.date(2020, 1, 5)),
        ("2020.1.5", dt.date(2020, 1, 5)),
        ("2020-01-05 00:00:00", dt.date(2020, 1, 5)),
        (43835, dt.date(2020, 1, 5)),
        ("43835", dt.date(2020, 1, 5)),
        ("２０２０年１月５日", dt.date(2020, 1, 5)),
        (dt.datetime(2020, 1, 5, 8, 0), dt.date(2020, 1, 5)),
    ],
)
def test_dates_in_many_formats(raw: object, expected: dt.date) -> None:
    assert normalize.date(raw) == expected


@pytest.mark.parametrize(("raw", "expected"), [("120人", 120), ("1,200", 1200), ("１２０", 120), (95.0, 95), ("约 80 人", 80)])
def test_counts(raw: object, expected: int) -> None:
    assert normalize.count(raw) == expected


@pytest.mark.parametrize("raw", ["20-30人", "很多", "-5", "12.5"])
def test_counts_that_are_not_counts(raw: str) -> None:
    with pytest.raises(ValueError):
        normalize.count(raw)


def test_search_by_two_characters_code_fragments_and_after_renames(db: Database, tmp_path: Path) -> None:
    from app.store import enterprises
    from app.store.enterprises import EnterpriseFilter

    run_import(db, write_csv(tmp_path / "market.csv", MARKET_LINES, "gbk"), actor="c", as_of=AS_OF)

    def names(query: str) -> list[str]:
        with db.read() as session:
            flt = EnterpriseFilter(query=query)
            found = [r["name"] for r in enterprises.page(session, flt, 0, 50)]
            assert enterprises.count(session, flt) == len(found)
        return found

    assert names("物流") == ["示范区丁物流有限公司"]
    assert names("学院") == ["示范区乙服装有限公司"]  # address
    assert names("电子科技") == ["示范区甲电子科技有限公司"]
    assert names(code(4)[8:17]) == ["示范区丁物流有限公司"]  # a fragment of the code
    assert names("甲 电子") == ["示范区甲电子科技有限公司"]
    assert names("物流 学院") == []
    assert len(names("")) == 3
    with db.write() as session:
        firm = session.exec(select(Enterprise).where(Enterprise.credit_code == code(4))).one()
        enterprises.update(session, firm, {"name": "示范区丁仓储有限公司"}, "c")
    assert names("物流") == []
    assert names("仓储") == ["示范区丁仓储有限公司"]
    with db.read() as session:
        by_headcount = [r["name"] for r in enterprises.page(session, EnterpriseFilter(), 0, 10, sort="headcount", descending=True)]
        by_grid = enterprises.page(session, EnterpriseFilter(), 0, 10, sort="grid_name")
        by_visit = enterprises.page(session, EnterpriseFilter(), 1, 10, sort="last_visit")
    assert by_headcount[0] == "示范区甲电子科技有限公司"
    assert len(by_grid) == 3 and len(by_visit) == 2


@pytest.mark.parametrize("cell", ["120.5", " 120.5 ", "120.5°", "１２０.５", "1e2", "-0.0", "nan", "inf", "-inf", "200", "181",
                                  "abc", "", "1_20", 120, 120.5, 500.0, True])
def test_the_quick_coordinate_reader_says_what_the_careful_one_says(cell: object) -> None:
    """The column parser reads plain decimals without the text clean-up: for every cell it must give the
    same number, or the same sentence, as `normalize.coordinate`."""
    quick = normalize.coordinate_parser(-180, 180, "经度")

    def outcome(parse: object) -> object:
        try:
            return ("value", parse(cell))  # type: ignore[operator]
        except ValueError as exc:
            return ("error", str(exc))

    assert outcome(quick) == outcome(lambda raw: normalize.coordinate(raw, -180, 180, "经度"))

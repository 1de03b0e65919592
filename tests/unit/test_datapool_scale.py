"""The data pool at city scale, in small: broken files made here (cut sheet XML, damaged compressed
data, empty, wrong type, undecodable) give one sentence and change nothing; Ctrl-C rolls back; 登记状态
keeps deregistered enterprises off the target list; near-duplicate codes are proposed; codes Excel
turned into numbers are read or flagged; the bulk-loaded search index equals the trigger's."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import text

from app.cli import main
from app.core.codes import make_credit_code, make_org_code, uscc_check_char
from app.paths import DataPaths
from app.planning import importer
from app.planning.importer import ImportCancelled, run_import
from app.planning.mapping import Source
from app.planning.readers import FileProblem
from app.store import enterprises
from app.store.db import Database, open_database

AS_OF = dt.date(2026, 11, 1)


def code(n: int) -> str:
    return make_credit_code("91330106" + make_org_code(f"{n:08d}"))


def counts(db: Database) -> dict[str, int]:
    with db.read() as session:
        conn = session.connection()
        return {
            t: int(conn.execute(text(f"SELECT count(*) FROM {t}")).scalar_one())
            for t in ("enterprise", "source_record", "import_batch", "outbox", "audit_log")
        }


def good_xlsx(path: Path, rows: int = 400) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["企业名称", "统一社会信用代码", "住所", "从业人数"])
    for i in range(rows):
        sheet.append([f"示范区{i}号有限公司", code(i), f"文一路{i}号", 30 + i % 50])
    book.save(path)
    return path


def _rewrite(src: Path, dst: Path, change: dict[str, bytes], *, raw_damage: str | None = None) -> Path:
    """A copy of the workbook with some members replaced (stored as they are)."""
    with zipfile.ZipFile(src) as old, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as new:
        for item in old.infolist():
            new.writestr(item, change.get(item.filename, old.read(item.filename)))
    if raw_damage:
        data = bytearray(dst.read_bytes())
        with zipfile.ZipFile(io.BytesIO(bytes(data))) as probe:
            info = probe.getinfo(raw_damage)
        start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
        for i in range(start + 40, start + min(info.compress_size - 10, 400), 7):
            data[i] ^= 0x5A
        dst.write_bytes(bytes(data))
    return dst


def broken_files(tmp_path: Path) -> dict[str, Path]:
    good = good_xlsx(tmp_path / "good.xlsx")
    sheet_xml = zipfile.ZipFile(good).read("xl/worksheets/sheet1.xml")
    files = {
        "cut sheet XML": _rewrite(good, tmp_path / "cut.xlsx", {"xl/worksheets/sheet1.xml": sheet_xml[: len(sheet_xml) // 2]}),
        "damaged zip data": _rewrite(good, tmp_path / "damaged.xlsx", {}, raw_damage="xl/worksheets/sheet1.xml"),
        "zip cut short": tmp_path / "short.xlsx",
        "empty xlsx": tmp_path / "empty.xlsx",
        "empty csv": tmp_path / "empty.csv",
        "blank csv": tmp_path / "blank.csv",
        "picture named xlsx": tmp_path / "photo.xlsx",
        "pdf named csv": tmp_path / "report.csv",
        "zip without a workbook": tmp_path / "other.xlsx",
        "undecodable csv": tmp_path / "garbled.csv",
        "unknown type": tmp_path / "list.docx",
        "old xls": tmp_path / "old.xls",
    }
    files["zip cut short"].write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    files["empty xlsx"].write_bytes(b"")
    files["empty csv"].write_bytes(b"")
    files["blank csv"].write_bytes(b"\n\n  \n")
    files["picture named xlsx"].write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    files["pdf named csv"].write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\x00\x00\x01<< >>\nendobj\n" * 20)
    with zipfile.ZipFile(files["zip without a workbook"], "w") as other:
        other.writestr("readme.txt", "not a workbook")
    files["undecodable csv"].write_bytes(b"\x80\x81\xfe,\xff\x80\n" * 50)
    files["unknown type"].write_bytes(b"PK\x03\x04whatever")
    files["old xls"].write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 500)
    return files


BROKEN = [
    "cut sheet XML", "damaged zip data", "zip cut short", "empty xlsx", "empty csv", "blank csv", "picture named xlsx",
    "pdf named csv", "zip without a workbook", "undecodable csv", "unknown type", "old xls",
]


@pytest.mark.parametrize("kind", BROKEN)
def test_every_broken_file_is_one_sentence_and_changes_nothing(db: Database, tmp_path: Path, kind: str) -> None:
    path = broken_files(tmp_path)[kind]
    before = counts(db)
    with pytest.raises(FileProblem) as raised:
        run_import(db, path, actor="clerk", source=Source.MARKET, as_of=AS_OF)
    message = str(raised.value)
    assert path.name in message and "\n" not in message and "Error" not in message and "Traceback" not in message
    assert any("\u4e00" <= ch <= "\u9fff" for ch in message)
    assert counts(db) == before


@pytest.mark.parametrize("kind", ["cut sheet XML", "damaged zip data", "pdf named csv", "undecodable csv"])
def test_the_command_line_says_one_sentence_for_a_broken_file(tmp_path: Path, kind: str, capsys: pytest.CaptureFixture[str]) -> None:
    path = broken_files(tmp_path)[kind]
    code_ = main(["--data-dir", str(tmp_path / "data"), "import", str(path), "--source", "market"])
    out = capsys.readouterr()
    assert code_ == 2
    lines = [line for line in out.err.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("错误：") and path.name in lines[0]
    assert "Traceback" not in out.out + out.err


def test_ctrl_c_on_the_command_line_rolls_back_with_one_sentence(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = good_xlsx(tmp_path / "market.xlsx", 50)
    original = importer._write

    def interrupted(*args: object, **kwargs: object) -> None:
        original(*args, **kwargs)  # type: ignore[arg-type]
        raise KeyboardInterrupt  # Ctrl-C after rows went in, before the commit

    monkeypatch.setattr(importer, "_write", interrupted)
    data = DataPaths(tmp_path / "data").ensure()
    assert main(["--data-dir", str(data.root), "import", str(path), "--source", "market"]) == 2
    err = capsys.readouterr().err
    assert err.strip() == "错误：导入已中断，所有改动均已撤销，数据与导入前相同"
    db = open_database(data)
    try:
        assert counts(db)["enterprise"] == 0 and counts(db)["import_batch"] == 0
    finally:
        db.dispose()


def _csv(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_registration_status_takes_gone_enterprises_off_the_target_list(db: Database, tmp_path: Path) -> None:
    lines = ["企业名称,统一社会信用代码,从业人数,登记状态,经营异常"]
    statuses = ["存续（在营、开业、在册）", "注销", "吊销，未注销", "迁出", "存续（在营、开业、在册）"]
    abnormal = ["否", "否", "否", "否", "是"]
    for i, (status, flag) in enumerate(zip(statuses, abnormal, strict=True)):
        lines.append(f"示范区{i}号有限公司,{code(i)},80,{status},{flag}")
    run_import(db, _csv(tmp_path / "market.csv", lines), actor="clerk", source=Source.MARKET, as_of=AS_OF)
    from app.planning.targets import load_targets

    ranked, _threshold = load_targets(db)
    assert sorted(t.name for t in ranked) == ["示范区0号有限公司", "示范区4号有限公司"]
    with db.read() as session:
        rows = dict(session.connection().execute(text("SELECT name, registration_status FROM enterprise")).all())
        flags = dict(session.connection().execute(text("SELECT name, business_abnormal FROM enterprise")).all())
        listed = enterprises.count(session, enterprises.EnterpriseFilter(targets_only=True))
    assert rows["示范区1号有限公司"] == "deregistered" and rows["示范区2号有限公司"] == "revoked"
    assert rows["示范区3号有限公司"] == "moved_out" and rows["示范区0号有限公司"] == "active"
    assert flags["示范区4号有限公司"] == 1 and flags["示范区0号有限公司"] == 0
    assert listed == 2


def _bad_check(c: str) -> str:
    return c[:17] + next(ch for ch in "0123456789" if ch != uscc_check_char(c[:17]))


def _typo(c: str) -> str:
    """One body character changed so that the check digit no longer fits."""
    body = c[:17]
    for ch in "0123456789":
        changed = body[:10] + ch + body[11:]
        if changed != body and uscc_check_char(changed) != c[17]:
            return changed + c[17]
    raise AssertionError


@pytest.mark.parametrize("near", ["hold", "merge", "new"])
def test_a_code_one_character_off_is_proposed_as_the_same_enterprise(db: Database, tmp_path: Path, near: str) -> None:
    run_import(db, _csv(tmp_path / "market.csv", ["企业名称,统一社会信用代码,从业人数", f"甲公司,{code(1)},30", f"乙公司,{code(2)},40"]),
               actor="clerk", source=Source.MARKET, as_of=AS_OF)
    tax = _csv(tmp_path / "tax.csv", ["纳税人名称,纳税人识别号,职工人数", f"甲公司,{_bad_check(code(1))},31", f"乙公司,{_typo(code(2))},41", f"丙公司,{code(3)},5"])
    result = run_import(db, tax, actor="clerk", source=Source.TAX, as_of=AS_OF, near=near)
    assert sorted(m.existing_code for m in result.near_matches) == [code(1), code(2)]
    with db.read() as session:
        count = int(session.connection().execute(text("SELECT count(*) FROM enterprise")).scalar_one())
        codes = {r[0] for r in session.connection().execute(text("SELECT credit_code FROM enterprise"))}
    if near == "hold":
        assert count == 3 and len([i for i in result.rejected if "只差一位" in i.reason]) == 2
    elif near == "merge":
        assert count == 3 and codes == {code(1), code(2), code(3)}  # the valid codes on file are kept
    else:
        assert count == 5


def test_the_wizard_choice_decides_per_code(db: Database, tmp_path: Path) -> None:
    run_import(db, _csv(tmp_path / "market.csv", ["企业名称,统一社会信用代码", f"甲公司,{code(1)}", f"乙公司,{code(2)}"]),
               actor="clerk", source=Source.MARKET, as_of=AS_OF)
    first, second = _bad_check(code(1)), _bad_check(code(2))
    tax = _csv(tmp_path / "tax.csv", ["纳税人名称,纳税人识别号,职工人数", f"甲公司,{first},31", f"乙公司,{second},41"])
    dry = run_import(db, tax, actor="clerk", source=Source.TAX, as_of=AS_OF, dry_run=True)
    assert {m.code for m in dry.near_matches} == {first, second}
    run_import(db, tax, actor="clerk", source=Source.TAX, as_of=AS_OF, near_choices={first: "merge", second: "new"})
    with db.read() as session:
        rows = session.connection().execute(text("SELECT credit_code, headcount FROM enterprise ORDER BY credit_code")).all()
    assert sorted(r[0] for r in rows) == sorted([code(1), code(2), second])
    assert dict(rows)[code(1)] == 31


def test_codes_excel_stored_as_numbers(db: Database, tmp_path: Path) -> None:
    numeric = next(make_credit_code(f"1133010600{n:07d}") for n in range(10_000) if make_credit_code(f"1133010600{n:07d}")[-1].isdigit())
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["企业名称", "统一社会信用代码", "从业人数"])
    sheet.append(["整数代码公司", 1, 30])  # replaced below by an integer cell with every digit
    sheet.append(["浮点代码公司", float(numeric), 30])  # a float has lost the last digits
    sheet.append(["科学计数公司", "1.13301E+17", 30])  # what a CSV saved by Excel holds
    path = tmp_path / "numbers.xlsx"
    book.save(path)
    # Excel keeps 15 digits of a number; tools that write XLSX themselves may keep all 18 as an integer.
    xml = zipfile.ZipFile(path).read("xl/worksheets/sheet1.xml").replace(b"<v>1</v>", f"<v>{numeric}</v>".encode(), 1)
    _rewrite(path, tmp_path / "numbers2.xlsx", {"xl/worksheets/sheet1.xml": xml})
    path = tmp_path / "numbers2.xlsx"
    result = run_import(db, path, actor="clerk", source=Source.MARKET, as_of=AS_OF)
    assert result.inserted == 1
    lost = [i for i in result.rejected if "后几位已丢失" in i.reason]
    assert [i.row for i in lost] == [3, 4]
    with db.read() as session:
        assert session.connection().execute(text("SELECT credit_code FROM enterprise")).scalar_one() == numeric


def test_bulk_loaded_search_index_matches_what_the_triggers_write(db: Database, tmp_path: Path) -> None:
    names = ["华鑫电子科技有限公司", "示范区物流有限公司（分公司）", "Ａ＆Ｂ商贸有限公司"]
    lines = ["企业名称,统一社会信用代码,住所"] + [f"{n},{code(i)},文一路{i}号华" for i, n in enumerate(names)]
    run_import(db, _csv(tmp_path / "m.csv", lines), actor="clerk", source=Source.MARKET, as_of=AS_OF)
    with db.read() as session:
        conn = session.connection()
        for name, address in conn.execute(text("SELECT name, address FROM enterprise")).all():
            sql_grams = conn.execute(
                text(
                    "SELECT (SELECT group_concat(substr(t, n, 2), ' ') FROM enterprise_fts_seq WHERE n < length(t)) "
                    "|| ' ' || substr(t, -1) FROM (SELECT :name || ' ' || :address AS t)"
                ),
                {"name": name, "address": address},
            ).scalar_one()
            assert enterprises.bigrams(name, address) == sql_grams
            for term in (name[:2], name[2:6], address[-2:]):
                flt = enterprises.EnterpriseFilter(query=term)
                assert any(r["id"] for r in enterprises.page(session, flt, 0, 50)), term
        assert enterprises.count(session, enterprises.EnterpriseFilter(query="华")) == 3  # the last character of every address
        assert enterprises.count(session, enterprises.EnterpriseFilter(query="鑫")) == 1
        assert enterprises.count(session, enterprises.EnterpriseFilter(query=code(1).lower())) == 1  # a whole code
        assert enterprises.count(session, enterprises.EnterpriseFilter(query=code(2)[12:])) == 1  # a fragment


def test_cancel_in_the_write_phase_keeps_nothing(db: Database, tmp_path: Path) -> None:
    path = good_xlsx(tmp_path / "big.xlsx", 12_000)  # three chunks
    before = counts(db)
    writes: list[int] = []

    def progress(phase: str, done: int, total: int) -> None:
        if phase == importer.WRITE:
            writes.append(done)

    with pytest.raises(ImportCancelled):
        run_import(db, path, actor="c", source=Source.MARKET, progress=progress, cancelled=lambda: len(writes) >= 3)
    assert counts(db) == before


def _hr_conflicts(db: Database, tmp_path: Path, n: int = 30) -> None:
    market = ["企业名称,统一社会信用代码,从业人数,住所"] + [f"企业{i},{code(i)},{100 + i},路{i}号" for i in range(n)]
    run_import(db, _csv(tmp_path / "market.csv", market), actor="clerk", source=Source.MARKET, as_of=AS_OF)
    hr = ["用人单位名称,统一社会信用代码,参保人数,单位地址"]
    hr += [f"企业{i},{code(i)},{100 + i + (3 if i % 3 else 40)},新路{i}号" for i in range(n)]
    run_import(db, _csv(tmp_path / "hr.csv", hr), actor="clerk", source=Source.HR, as_of=AS_OF + dt.timedelta(days=30))


def _headcounts(db: Database) -> dict[str, int]:
    with db.read() as session:
        return dict(session.connection().execute(text("SELECT name, headcount FROM enterprise")).all())


def test_a_tolerance_rule_settles_most_headcount_conflicts_and_records_how(db: Database, tmp_path: Path) -> None:
    from app.store import datapool as store
    from app.store.tables.datapool import ConflictRule

    with db.write() as session:
        store.add_rule(session, ConflictRule(field="headcount", kind="tolerance", tolerance_pct=10, source="hr"), "office")
    _hr_conflicts(db, tmp_path)
    with db.read() as session:
        rows = session.connection().execute(text("SELECT field, status, resolved_by FROM field_conflict")).all()
    auto = [r for r in rows if r[0] == "headcount" and r[1] == "auto"]
    still = [r for r in rows if r[0] == "headcount" and r[1] == "open"]
    assert len(auto) == 20 and len(still) == 10  # 3 people off settle; 40 off is for a person
    assert all("10%" in r[2] and "人社" in r[2] for r in auto)
    assert _headcounts(db)["企业1"] == 104 and _headcounts(db)["企业0"] == 100


def test_bulk_settle_by_source_and_field_with_undo(db: Database, tmp_path: Path) -> None:
    from app.planning import settle

    _hr_conflicts(db, tmp_path)
    with db.read() as session:
        before_open = store_open(session)
    assert before_open == {"headcount": 30, "address": 30}
    with db.write() as session:
        first = settle.settle_by_source(session, "hr", "office", field_name="headcount")
    assert first.settled == 30 and _headcounts(db)["企业0"] == 140
    with db.write() as session:
        second = settle.settle_by_source(session, "current", "office")  # every remaining conflict: keep the file
    assert second.settled == 30
    with db.read() as session:
        assert store_open(session) == {}
    with db.write() as session:
        assert settle.undo(session, first.settle_id, "office") == 30
    assert _headcounts(db)["企业0"] == 100
    with db.read() as session:
        assert store_open(session) == {"headcount": 30}


def store_open(session: object) -> dict[str, int]:
    rows = session.connection().execute(text("SELECT field, count(*) FROM field_conflict WHERE status = 'open' GROUP BY field")).all()  # type: ignore[attr-defined]
    return dict(rows)


def test_rules_applied_to_conflicts_already_open(db: Database, tmp_path: Path) -> None:
    from app.planning import settle
    from app.planning.rules import PRIORITY, Rule

    _hr_conflicts(db, tmp_path, 10)
    with db.write() as session:
        result = settle.apply_rules(session, [Rule("address", PRIORITY, priority=("market", "hr"))], "office")
    assert result.settled == 10
    with db.read() as session:
        assert store_open(session) == {"headcount": 10}
        statuses = dict(session.connection().execute(text("SELECT status, count(*) FROM field_conflict GROUP BY status")).all())
    assert statuses["auto"] == 10

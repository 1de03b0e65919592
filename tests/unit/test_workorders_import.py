from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlmodel import select

from app.store import workorder_import
from app.store.db import Database
from app.store.tables import Enterprise
from app.store.tables.workorders import WorkOrder

HEADER = ["工单编号", "受理时间", "来电人", "联系电话", "涉及单位", "统一社会信用代码", "诉求类别", "诉求主题", "诉求内容", "办理级别"]


def _sheet(path: Path, rows: list[list[object]], title: bool = True) -> Path:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    if title:
        ws.append(["12351职工服务热线工单导出"])
        ws.append([])
    ws.append(HEADER)
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


def test_good_file_imports_every_row_and_links_enterprises(tmp_path: Path, demo_db: Database) -> None:
    with demo_db.read() as s:
        firm = s.exec(select(Enterprise).where(Enterprise.credit_code_status == "valid")).first()
        assert firm is not None
    path = _sheet(
        tmp_path / "orders.xlsx",
        [
            ["W-1", dt.datetime(2026, 11, 23, 9, 5), "王五", 13812345678, "某公司", firm.credit_code, "求决类", "欠薪", "拖欠工资", "一般"],
            ["W-2", "2026/11/24 14:30", "", "", firm.name, "", "咨询", "年休假", "咨询年休假", "疑难"],
            ["W-3", "2026年11月25日", "赵六", "0571-87654321", "", "", "意见建议类", "", "建议增设驿站", ""],
        ],
    )
    with demo_db.write() as s:
        result = workorder_import.import_workorders(s, path, "clerk")
    assert (result.imported, result.linked) == (3, 2)
    with demo_db.read() as s:
        orders = {o.number: o for o in s.exec(select(WorkOrder)).all() if o.number.startswith("W-")}
    assert orders["W-1"].enterprise_id == firm.id and orders["W-1"].caller_phone == "13812345678"
    assert orders["W-2"].category == "咨询类" and orders["W-2"].level == "difficult"
    assert orders["W-2"].received_at == dt.datetime(2026, 11, 24, 14, 30)
    assert orders["W-3"].level == "ordinary" and orders["W-3"].enterprise_id is None


def test_bad_file_reports_row_and_column_and_imports_nothing(tmp_path: Path, db: Database) -> None:
    path = _sheet(
        tmp_path / "bad.xlsx",
        [
            ["B-1", "2026-11-23 09:00", "王五", "13812345678", "", "", "求决类", "", "拖欠工资", ""],
            ["B-2", "昨天下午", "", "", "", "", "投诉类", "", "内容", ""],
            ["B-1", "2026-11-23", "", "12", "", "", "求决类", "", "", "很难"],
        ],
    )
    with pytest.raises(workorder_import.ImportFailed) as info, db.write() as s:
        workorder_import.import_workorders(s, path, "clerk")
    found = {(p.row, p.column) for p in info.value.problems}
    assert (5, "受理时间") in found
    assert (5, "诉求类别") in found
    assert (6, "工单编号") in found
    assert (6, "诉求内容") in found
    assert (6, "办理级别") in found
    assert (6, "联系电话") in found
    assert all(p.file == "bad.xlsx" for p in info.value.problems)
    assert "bad.xlsx 第5行“受理时间”列" in str(info.value)
    with db.read() as s:
        assert s.exec(select(WorkOrder)).all() == []


def test_second_import_of_the_same_file_is_refused_whole(tmp_path: Path, db: Database) -> None:
    path = _sheet(tmp_path / "again.xlsx", [["R-1", "2026-11-23", "", "", "", "", "求决类", "", "欠薪", ""]], title=False)
    with db.write() as s:
        workorder_import.import_workorders(s, path, "clerk")
    with pytest.raises(workorder_import.ImportFailed, match="已导入过"), db.write() as s:
        workorder_import.import_workorders(s, path, "clerk")
    with db.read() as s:
        assert len(s.exec(select(WorkOrder)).all()) == 1


def test_not_a_workbook_and_missing_columns(tmp_path: Path, db: Database) -> None:
    junk = tmp_path / "junk.xlsx"
    junk.write_bytes(b"not a zip")
    with pytest.raises(workorder_import.ImportFailed, match=r"junk\.xlsx"):
        workorder_import.read_rows(junk)
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["工单编号", "诉求内容"])
    ws.append(["X", "内容"])
    wb.save(tmp_path / "cols.xlsx")
    with pytest.raises(workorder_import.ImportFailed, match="缺少必需的列：受理时间、诉求类别"):
        workorder_import.read_rows(tmp_path / "cols.xlsx")


def test_the_template_imports_as_it_is(tmp_path: Path, db: Database) -> None:
    template = workorder_import.write_template(tmp_path / "template.xlsx")
    rows = workorder_import.read_rows(template)
    assert len(rows) == 1 and rows[0].values["category"] == "求决类"

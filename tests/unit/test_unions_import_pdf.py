"""Member registry import (all or nothing, problems named by file, row and column), the partner list
PDF of a grid, the union sheets of the monthly XLSX, and the `check` lines."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from sqlalchemy import text

from app.documents.partner_list import partner_list_for_grid
from app.documents.report_xlsx import export_report
from app.paths import DataPaths
from app.planning.member_import import import_members
from app.store import changes, stats
from app.store.db import Database
from app.store.tables import Grid
from app.store.unions import members, orgs, partners

ACTOR = "tester"


def _setup(db: Database) -> str:
    with db.write() as session:
        grid = changes.insert(session, Grid(code="A", name="甲网格"), ACTOR)
        orgs.create_union(session, {"name": "东湖快递联合工会", "form": "joint", "grid_id": grid.id}, ACTOR)
    return grid.id


def _member_count(db: Database) -> int:
    with db.read() as session:
        return members.count(session, members.MemberFilter())


def test_a_file_with_a_bad_id_number_changes_nothing(db: Database, tmp_path: Path) -> None:
    _setup(db)
    path = tmp_path / "会员库.csv"
    path.write_text(
        "某区总工会会员库导出\n姓名,身份证号,所属工会,重点群体,入会日期\n"
        "张三,11010519491231002X,东湖快递联合工会,外卖骑手,2026-01-05\n"
        "李四,110105194912310021,东湖快递联合工会,快递员,2026-01-06\n"
        "王五,440524188001010014,不存在的工会,快递员,2026-01-07\n",
        encoding="gbk",
    )
    result = import_members(db, path, ACTOR)
    assert not result.ok and result.inserted == 0
    assert [p.sentence() for p in result.problems] == [
        "会员库.csv 第4行“身份证号”列：身份证号码校验位不符（应为 X）",
        "会员库.csv 第5行“所属工会”列：没有名为“不存在的工会”的工会组织，请先登记该工会",
    ]
    assert "未导入任何会员" in result.message()
    assert _member_count(db) == 0


def test_a_good_xlsx_imports_with_ids_masked_in_the_list(db: Database, tmp_path: Path) -> None:
    _setup(db)
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["姓名", "身份证号码", "工会名称", "群体", "入会时间", "入会方式"])
    ws.append(["张三", "11010519491231002x", "东湖快递联合工会", "外卖骑手", dt.datetime(2026, 1, 5), "新入会"])
    ws.append(["李四", "440524188001010014", "东湖快递联合工会", "其他职工", dt.datetime(2026, 1, 6), "转入"])
    path = tmp_path / "members.xlsx"
    wb.save(path)
    result = import_members(db, path, ACTOR)
    assert result.ok and (result.rows_read, result.inserted) == (2, 2)
    again = import_members(db, path, ACTOR)
    assert (again.inserted, again.unchanged) == (0, 2)
    with db.read() as session:
        rows = members.page(session, members.MemberFilter(), 0, 10)
        stored = session.connection().execute(text("SELECT id_number, new_member FROM union_member ORDER BY member_name")).all()
        audit_text = " ".join(str(r[0]) for r in session.connection().execute(text("SELECT fields || detail FROM audit_log")))
    assert [r["id_number"] for r in rows] == ["4405**********0014", "1101**********002X"] or [r["id_number"] for r in rows] == ["1101**********002X", "4405**********0014"]
    assert {tuple(r) for r in stored} == {("11010519491231002X", 1), ("440524188001010014", 0)}
    assert "11010519491231002X" not in audit_text


def test_partner_list_is_one_page_with_the_grid_partners(db: Database, tmp_path: Path) -> None:
    grid_id = _setup(db)
    with db.write() as session:
        for i in range(25):
            partners.create_partner(
                session,
                {"name": f"友好面馆{i:02d}", "kind": "canteen" if i % 2 else "shop", "grid_id": grid_id, "address": f"文一路{i}号",
                 "offer": "8折", "hours": "10:00-21:00", "contact_phone": "0571-88886666"},
                ACTOR,
            )
    target = partner_list_for_grid(db, grid_id, tmp_path / "partners.pdf", issuer="示范区总工会")
    from pypdf import PdfReader

    reader = PdfReader(str(target))
    assert len(reader.pages) == 1
    content = reader.pages[0].extract_text()
    assert "甲网格 友好商户服务清单" in content.replace("\n", " ") or "友好商户服务清单" in content
    assert "友好面馆24" in content
    if shutil.which("pdftoppm"):
        subprocess.run(["pdftoppm", "-png", "-r", "40", str(target), str(tmp_path / "page")], check=True)
        assert list(tmp_path.glob("page*.png"))


def test_xlsx_has_the_union_sheets_and_check_reports(db: Database, data_paths: DataPaths, tmp_path: Path) -> None:
    from app.demo import create_demo_district
    from app.health import check_unions

    create_demo_district(db, enterprises=60, seed=3)
    today = dt.date.today()
    with db.read() as session:
        report = stats.build_report(session, stats.Period.months(today.replace(day=1) - dt.timedelta(days=330), today))
    fig = report.union_building
    assert fig is not None and sum(fig.founded_by_form.values()) > 0 and fig.services_requested > 0
    wb = load_workbook(export_report(report, tmp_path / "月报.xlsx"))
    summary = {r[0]: r[1] for r in wb["工会建设"].iter_rows(min_row=3, values_only=True) if r[0]}
    assert summary["新建工会组织"] == sum(fig.founded_by_form.values())
    assert summary["服务请求"] == fig.services_requested
    names = {r.name: r.level for r in check_unions(data_paths)}
    assert names["年度体检清单"] == "ok" and names["工会覆盖单位"] == "ok"
    assert "建会状态" not in names  # every covered unit carries its derived status


@pytest.mark.parametrize("bad", ["", "12345"])
def test_id_problems_are_sentences(bad: str) -> None:
    from app.core.unions import member_id_problem

    assert member_id_problem(bad)

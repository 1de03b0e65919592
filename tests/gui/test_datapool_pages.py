"""The data-pool pages as a user meets them: the import wizard end to end on a small GBK file with
title rows, conflicts resolved from the list, the ranked targets with the threshold setting, the
heat map with a click on a hotspot, and the week plan exported as a route sheet."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from pytestqt.qtbot import QtBot
from sqlmodel import select

from app.core.codes import make_credit_code, make_org_code, uscc_check_char
from app.store import local_state
from app.store.tables import Enterprise
from app.ui.datapool.conflicts import ConflictsWidget
from app.ui.datapool.heatmap import HeatMapPage
from app.ui.datapool.import_wizard import ImportWizard, MappingDialog
from app.ui.datapool.page import DataPoolPage
from app.ui.datapool.targets import TargetsPage
from app.ui.shell.context import AppContext
from app.ui.visits.plan import VisitPlanPage


def code(n: int) -> str:
    return make_credit_code("91330106" + make_org_code(f"{n:08d}"))


def small_file(tmp_path: Path) -> Path:
    bad = code(2)[:17] + next(c for c in "0123456789" if c != uscc_check_char(code(2)[:17]))
    lines = [
        "示范区企业名录（市场监管）",
        "序号,企业名称,统一社会信用代码,住所,从业人数,成立日期",
        f"1,示范区向导测试甲有限公司,{code(1)},文一路1号,120人,2020/1/5",
        f"2,示范区向导测试乙有限公司,{bad},学院路2号,30,20200105",
        "3,示范区向导测试丙有限公司,91330106XYZ,解放路3号,40,2020年1月5日",
    ]
    path = tmp_path / "市场监管名录.csv"
    path.write_bytes(("\n".join(lines) + "\n").encode("gbk"))
    return path


def run_wizard(qtbot: QtBot, ctx: AppContext, path: Path) -> ImportWizard:
    wizard = ImportWizard(ctx)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.choose_page.path_edit.setText(str(path))
    wizard.next()
    assert wizard.currentPage() is wizard.preview_page
    wizard.next()  # 开始导入
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.summary_page, timeout=30_000)
    return wizard


def test_import_wizard_end_to_end(qtbot: QtBot, ctx: AppContext, tmp_path: Path) -> None:
    path = small_file(tmp_path)
    wizard = ImportWizard(ctx)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.choose_page.path_edit.setText(str(path))
    wizard.next()
    info = wizard.preview_page.info.text()
    assert "GBK" in info and "第 2 行" in info
    assert "统一社会信用代码 → 统一社会信用代码" in wizard.preview_page.mapping_label.text()
    preview_model = wizard.preview_page.table.model()
    assert preview_model.rowCount() == 3
    assert preview_model.index(0, 1).data() == "示范区向导测试甲有限公司"
    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.summary_page, timeout=30_000)
    summary = wizard.summary_page.summary.text()
    assert "新增 2" in summary and "拒绝 1" in summary
    issues = wizard.summary_page.issue_model()
    assert issues.rowCount() == 2  # one rejected, one warning
    assert [issues.index(r, 1).data() for r in range(2)] == ["5", "4"]  # rejected first, then warnings
    out = tmp_path / "rejected.csv"
    wizard.summary_page.export(out)
    with out.open(encoding="utf-8-sig") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == ["文件", "行", "列", "原因", "处理"]
    assert rows[1][:3] == ["市场监管名录.csv", "5", "统一社会信用代码"] and rows[1][4] == "拒绝"
    assert rows[2][1] == "4" and rows[2][4] == "警告"
    with ctx.db.read() as session:
        names = {e.name for e in session.exec(select(Enterprise).where(Enterprise.name.startswith("示范区向导测试"))).all()}  # type: ignore[attr-defined]
    assert names == {"示范区向导测试甲有限公司", "示范区向导测试乙有限公司"}


def test_the_wizard_imports_a_list_through_the_parse_worker(qtbot: QtBot, ctx: AppContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A long list is parsed by a child process, started from the wizard's import thread: the same
    summary as parsed in-process (the GBK file's encoding handed over to it)."""
    from app.planning import parse_worker

    monkeypatch.setattr(parse_worker, "MIN_CSV_ROWS", 1)
    workers: list[parse_worker.WorkerParse] = []
    real = parse_worker.WorkerParse.__init__

    def init(worker: parse_worker.WorkerParse, *args: Any, **kwargs: Any) -> None:
        real(worker, *args, **kwargs)
        workers.append(worker)

    monkeypatch.setattr(parse_worker.WorkerParse, "__init__", init)
    wizard = run_wizard(qtbot, ctx, small_file(tmp_path))
    summary = wizard.summary_page.summary.text()
    assert "新增 2" in summary and "拒绝 1" in summary
    assert workers and all(w.process.returncode == 0 for w in workers)
    issues = wizard.summary_page.issue_model()
    assert [issues.index(r, 1).data() for r in range(issues.rowCount())] == ["5", "4"]


def test_wizard_reports_a_bad_file_on_the_first_page(qtbot: QtBot, ctx: AppContext, tmp_path: Path) -> None:
    path = tmp_path / "broken.xlsx"
    path.write_bytes(b"not a workbook")
    wizard = ImportWizard(ctx)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.choose_page.path_edit.setText(str(path))
    wizard.next()
    assert wizard.currentPage() is wizard.choose_page
    assert "broken.xlsx 不是 .xlsx 格式" in wizard.choose_page.error_label.text()  # not a zip at all


def test_mapping_dialog_edits_and_checks(qtbot: QtBot, ctx: AppContext, tmp_path: Path) -> None:
    from app.planning.importer import inspect_file

    preview = inspect_file(small_file(tmp_path))
    dialog = MappingDialog(preview, dict(preview.mapping), "market")
    qtbot.addWidget(dialog)
    dialog.set_field("统一社会信用代码", "")
    dialog.accept()
    assert dialog.result() == 0 and "统一社会信用代码" in dialog.error_label.text()
    dialog.set_field("统一社会信用代码", "credit_code")
    dialog.set_field("序号", "")
    assert dialog.mapping()["从业人数"] == "headcount"
    dialog.accept()
    assert dialog.result() == 1


def test_conflicts_are_resolved_from_the_list(qtbot: QtBot, ctx: AppContext, tmp_path: Path) -> None:
    run_wizard(qtbot, ctx, small_file(tmp_path))
    tax = tmp_path / "税务.csv"
    tax.write_text(f"纳税人名称,纳税人识别号,职工人数\n示范区向导测试甲有限公司,{code(1)},95\n", encoding="utf-8")
    run_wizard(qtbot, ctx, tax)
    widget = ConflictsWidget(ctx)
    qtbot.addWidget(widget)
    before = widget.model.rowCount()  # the demo district comes with a few
    row = next(r for r in range(before) if widget.model.index(r, 1).data() == code(1))
    assert widget.model.index(row, 2).data() == "职工人数"
    assert "税务：95" in widget.model.index(row, 3).data() and "市场监管：120" in widget.model.index(row, 3).data()
    widget.view.selectRow(row)
    choice = next(r for r in widget.radios if r.text().startswith("税务"))
    choice.setChecked(True)
    widget.apply_button.click()
    assert widget.model.rowCount() == before - 1
    with ctx.db.read() as session:
        firm = session.exec(select(Enterprise).where(Enterprise.credit_code == code(1))).one()
    assert firm.headcount == 95


def test_datapool_page_lists_batches(qtbot: QtBot, ctx: AppContext, tmp_path: Path) -> None:
    page = DataPoolPage(ctx)
    qtbot.addWidget(page)
    assert page.batches.rowCount() == 0
    run_wizard(qtbot, ctx, small_file(tmp_path))
    assert page.batches.rowCount() == 1
    assert page.batches.index(0, 1).data() == "市场监管名录.csv"


def test_targets_page_ranks_and_saves_the_threshold(qtbot: QtBot, ctx: AppContext) -> None:
    page = TargetsPage(ctx)
    qtbot.addWidget(page)
    total = page.model.total
    assert total > 0
    headcounts = [int(page.model.index(r, 3).data()) for r in range(page.model.rowCount())]
    assert min(headcounts) >= 25
    assert page.figures.rowCount() >= 6
    page.threshold.setValue(100)
    page.save_threshold()
    assert page.model.total < total
    with ctx.db.read() as session:
        assert local_state.get(session, local_state.TARGET_HEADCOUNT) == "100"
    page.grid_combo.setCurrentIndex(1)
    assert all(page.model.index(r, 2).data() == page.grid_combo.currentText().split(" ", 1)[1] for r in range(page.model.rowCount()))


def test_targets_page_moves_an_enterprise_along_the_pipeline(qtbot: QtBot, ctx: AppContext) -> None:
    page = TargetsPage(ctx)
    qtbot.addWidget(page)
    page.view.selectRow(0)
    first = page.model.target_at(0)
    page.mark_preparing()
    with ctx.db.read() as session:
        firm = session.get(Enterprise, first.id)
        assert firm is not None and firm.union_status == "preparing"


def test_heat_map_draws_offline_and_lists_a_hotspot(qtbot: QtBot, ctx: AppContext) -> None:
    page = HeatMapPage(ctx)
    qtbot.addWidget(page)
    page.resize(1000, 700)
    page.show()
    assert page.points and page.surface is not None
    texts = {item.text() for item in page.view.scene().items() if hasattr(item, "text") and callable(item.text)}
    assert "东湖网格" in texts
    assert page.view.grab().width() > 0
    strongest = max(page.points, key=lambda p: p.weight)
    page.show_nearby(strongest.lon, strongest.lat, 300)
    assert page.nearby.rowCount() >= 1
    assert page.rows_by_id[strongest.id].name in page.nearby.names()


def test_week_plan_and_route_sheet(qtbot: QtBot, ctx: AppContext, tmp_path: Path) -> None:
    page = VisitPlanPage(ctx)
    qtbot.addWidget(page)
    page.week_edit.setDate(dt.date.today())
    assert page.plan is not None
    assert len(page.plan.stops) >= 3
    page.view.selectRow(0)
    out = page.export_sheet(tmp_path / "route.pdf")
    assert out is not None
    text = "".join(p.extract_text() or "" for p in PdfReader(str(out)).pages).replace("\n", "")
    assert "走访路线单" in text
    assert page.sketch.day is not None and page.sketch.day.stops[0].row.name in text

"""The data pool's city-scale screens as a user meets them: broken files stopped on the wizard's first
page with one sentence, near-duplicate codes confirmed after an import, conflicts settled in bulk and
taken back, and a tolerance rule added in the rules dialog."""

from __future__ import annotations

import zipfile
from pathlib import Path

import openpyxl
import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import text

from app.core.codes import make_credit_code, make_org_code, uscc_check_char
from app.ui.datapool.conflict_rules import RulesDialog
from app.ui.datapool.conflicts import ConflictsWidget
from app.ui.datapool.import_wizard import ImportWizard
from app.ui.shell.context import AppContext
from tests.gui.test_datapool_pages import run_wizard


def code(n: int) -> str:
    return make_credit_code("91330106" + make_org_code(f"{n:08d}"))


def _cut_xlsx(path: Path) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["企业名称", "统一社会信用代码"])
    for i in range(300):
        sheet.append([f"公司{i}", code(i)])
    good = path.with_name("good.xlsx")
    book.save(good)
    with zipfile.ZipFile(good) as old, zipfile.ZipFile(path, "w") as new:
        for item in old.infolist():
            data = old.read(item.filename)
            new.writestr(item, data[: len(data) // 2] if item.filename == "xl/worksheets/sheet1.xml" else data)
    return path


@pytest.mark.parametrize("kind", ["cut", "empty", "pdf"])
def test_a_broken_file_stops_on_the_first_page_with_one_sentence(qtbot: QtBot, ctx: AppContext, tmp_path: Path, kind: str) -> None:
    if kind == "cut":
        path = _cut_xlsx(tmp_path / "cut.xlsx")
    elif kind == "empty":
        path = tmp_path / "empty.csv"
        path.write_bytes(b"")
    else:
        path = tmp_path / "report.csv"
        path.write_bytes(b"%PDF-1.4\x00\x00\x01" * 50)
    wizard = ImportWizard(ctx)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.choose_page.path_edit.setText(str(path))
    wizard.next()
    assert wizard.currentPage() is wizard.choose_page
    message = wizard.choose_page.error_label.text()
    assert path.name in message and "\n" not in message and "Error" not in message


def test_near_duplicate_codes_are_confirmed_in_the_wizard(qtbot: QtBot, ctx: AppContext, tmp_path: Path) -> None:
    market = tmp_path / "市场监管.csv"
    market.write_text(f"企业名称,统一社会信用代码,从业人数\n近码甲有限公司,{code(901)},30\n近码乙有限公司,{code(902)},40\n", encoding="utf-8")
    run_wizard(qtbot, ctx, market)
    first = code(901)[:17] + next(c for c in "0123456789" if c != uscc_check_char(code(901)[:17]))
    second = code(902)[:17] + next(c for c in "0123456789" if c != uscc_check_char(code(902)[:17]))
    tax = tmp_path / "税务.csv"
    tax.write_text(f"纳税人名称,纳税人识别号,职工人数\n近码甲有限公司,{first},31\n近码乙有限公司,{second},41\n", encoding="utf-8")
    wizard = run_wizard(qtbot, ctx, tax)
    panel = wizard.summary_page.near
    assert not panel.isHidden() and panel.table.rowCount() == 2
    assert "第18位" in (panel.table.item(0, 3).text() if panel.table.item(0, 3) else "")
    row_of_second = next(i for i in range(2) if second in panel.table.item(i, 1).text())  # type: ignore[union-attr]
    panel.table.item(row_of_second, 0).setCheckState(panel.table.item(row_of_second, 0).checkState().Unchecked)  # type: ignore[union-attr]
    panel.apply_button.click()
    qtbot.waitUntil(lambda: panel.isHidden(), timeout=30_000)
    with ctx.db.read() as session:
        rows = dict(session.connection().execute(text("SELECT credit_code, headcount FROM enterprise WHERE name LIKE '近码%'")).all())
    assert rows == {code(901): 30, code(902): 40, second: 41}  # merged (its 31 is a conflict), and one new


def test_conflicts_settled_in_bulk_and_taken_back(qtbot: QtBot, ctx: AppContext, tmp_path: Path) -> None:
    market = tmp_path / "市场监管.csv"
    market.write_text("企业名称,统一社会信用代码,从业人数\n" + "".join(f"批量{i}有限公司,{code(700 + i)},{100 + i}\n" for i in range(5)), encoding="utf-8")
    run_wizard(qtbot, ctx, market)
    hr = tmp_path / "人社.csv"
    hr.write_text("用人单位名称,统一社会信用代码,参保人数\n" + "".join(f"批量{i}有限公司,{code(700 + i)},{150 + i}\n" for i in range(5)), encoding="utf-8")
    run_wizard(qtbot, ctx, hr)
    widget = ConflictsWidget(ctx)
    qtbot.addWidget(widget)
    before = widget.model.total
    bar = widget.bulk
    bar.field_box.setCurrentIndex(bar.field_box.findData("headcount"))
    bar.source_box.setCurrentIndex(bar.source_box.findData("hr"))
    bar.apply_button.click()
    assert widget.model.total == before - 5 and "已处理 5 条" in bar.status.text()

    def headcounts() -> list[int]:
        with ctx.db.read() as session:
            return [r[0] for r in session.connection().execute(text("SELECT headcount FROM enterprise WHERE name LIKE '批量%' ORDER BY name")).all()]

    assert headcounts() == [150, 151, 152, 153, 154]
    bar.undo_button.click()
    assert widget.model.total == before and headcounts() == [100, 101, 102, 103, 104]


def test_rules_dialog_adds_a_tolerance_rule(qtbot: QtBot, ctx: AppContext, monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtWidgets import QMessageBox

    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: QMessageBox.StandardButton.Ok)
    dialog = RulesDialog(ctx)
    qtbot.addWidget(dialog)
    rows = dialog.table.rowCount()
    dialog.field_box.setCurrentIndex(dialog.field_box.findData("headcount"))
    dialog.tolerance.setValue(10)
    dialog.add_button.click()
    assert dialog.table.rowCount() == rows + 1
    assert "职工人数：相差不超过 10%" in dialog.table.item(rows, 0).text()  # type: ignore[union-attr]
    dialog.apply_button.click()
    dialog.table.selectRow(rows)
    dialog.remove_button.click()
    assert dialog.table.rowCount() == rows


def test_the_enterprise_list_shows_a_deregistered_enterprise_greyed_with_its_status(qtbot: QtBot, ctx: AppContext, tmp_path: Path) -> None:
    from app.store import enterprises
    from app.ui.enterprises.model import EnterpriseTableModel

    market = tmp_path / "市场监管.csv"
    market.write_text(f"企业名称,统一社会信用代码,从业人数,登记状态\n注销测试有限公司,{code(950)},300,注销\n", encoding="utf-8")
    run_wizard(qtbot, ctx, market)
    model = EnterpriseTableModel(ctx.db)
    model.set_filter(enterprises.EnterpriseFilter(query="注销测试"))
    column = EnterpriseTableModel.COLUMN_KEYS.index("union_status")
    assert model.rowCount() == 1
    assert model.index(0, column).data() == "未建会（已注销）"

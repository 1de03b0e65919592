from __future__ import annotations

from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from sqlalchemy import text

from app.store import stats
from app.ui.reports import pages as reports
from app.ui.shell.context import AppContext


def test_page_shows_the_figures_and_exports_off_the_gui_thread(ctx: AppContext, qtbot: Any, tmp_path: Path) -> None:
    page = reports.ReportsPage(ctx)
    qtbot.addWidget(page)
    page.set_months(-6, 0)
    assert page.report is not None
    with ctx.db.read() as s:
        expected = stats.build_report(s, page.report.period)
    assert [label.text() for label in page.summary_labels] == [str(v) for _k, v in expected.summary]
    visits_chart = page.views["visits"].chart()
    assert visits_chart is not None and len(visits_chart.series()) == 1
    assert page.views["workorders"].chart().series()[0].count() > 0  # type: ignore[attr-defined]
    assert page.views["legislation"].chart().series()[0].count() == 1  # type: ignore[attr-defined]

    seen: list[int] = []
    page.progress.valueChanged.connect(seen.append)
    page.export_to(tmp_path / "report")
    qtbot.waitUntil(lambda: page.last_export is not None)
    assert page.last_export == tmp_path / "report.xlsx"
    assert seen and seen[-1] == 9
    assert "已导出" in page.message.text()
    wb = load_workbook(tmp_path / "report.xlsx")
    assert len(wb.sheetnames) == 16 and {"立法联系点", "工会建设", "案件"} <= set(wb.sheetnames)
    with ctx.db.read() as s:
        events = s.connection().execute(text("SELECT count(*) FROM audit_log WHERE event = 'export'")).scalar_one()
    assert events == 1


def test_reversed_period_is_refused_with_a_message(ctx: AppContext, qtbot: Any) -> None:
    page = reports.ReportsPage(ctx)
    qtbot.addWidget(page)
    page.start.setDate(page.end.date().addMonths(2))
    page.refresh()
    assert "早于" in page.message.text()

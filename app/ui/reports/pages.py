"""Statistics: the office's figures for a period of months as charts, and the monthly report as an
XLSX workbook (written off the GUI thread, with a progress bar)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QPieSeries,
    QStackedBarSeries,
    QValueAxis,
)
from PySide6.QtCore import QCoreApplication, QDate, Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import (
    QDateEdit,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.documents.report_xlsx import export_report
from app.store import audit, stats
from app.ui.cases.figures import CaseFiguresView
from app.ui.shell import background
from app.ui.shell.context import AppContext
from app.ui.shell.registry import PageSpec, add_page


def _month(edit: QDateEdit) -> dt.date:
    value = edit.date().toPython()
    assert isinstance(value, dt.date)
    return value


def _chart(title: str) -> QChart:
    chart = QChart()
    chart.setTitle(title)
    chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
    return chart


def _axes(chart: QChart, series: Any, categories: list[str], horizontal: bool = False) -> None:
    cat_axis = QBarCategoryAxis()
    cat_axis.append(categories)
    value_axis = QValueAxis()
    value_axis.setLabelFormat("%d")
    value_axis.setMin(0)
    if horizontal:
        chart.addAxis(cat_axis, Qt.AlignmentFlag.AlignLeft)
        chart.addAxis(value_axis, Qt.AlignmentFlag.AlignBottom)
    else:
        chart.addAxis(cat_axis, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(value_axis, Qt.AlignmentFlag.AlignLeft)
    series.attachAxis(cat_axis)
    series.attachAxis(value_axis)
    value_axis.setRange(0, max(1.0, value_axis.max()))  # an all-zero period would give a NaN scale
    value_axis.applyNiceNumbers()


class ReportsPage(QWidget):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.report: stats.Report | None = None
        self.last_export: Path | None = None
        today = QDate.currentDate()
        self.start = QDateEdit(QDate(today.year(), today.month(), 1).addMonths(-5))
        self.end = QDateEdit(QDate(today.year(), today.month(), 1))
        for edit in (self.start, self.end):
            edit.setDisplayFormat("yyyy-MM")
            edit.setCalendarPopup(True)
        self.this_month = QPushButton(self.tr("本月"))
        self.last_month = QPushButton(self.tr("上月"))
        self.this_year = QPushButton(self.tr("今年"))
        self.refresh_button = QPushButton(self.tr("刷新"))
        self.export_button = QPushButton(self.tr("导出月报XLSX…"))
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(200)
        self.progress.hide()
        self.message = QLabel()
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("统计期间")))
        top.addWidget(self.start)
        top.addWidget(QLabel("—"))
        top.addWidget(self.end)
        for button in (self.this_month, self.last_month, self.this_year, self.refresh_button):
            top.addWidget(button)
        top.addStretch(1)
        top.addWidget(self.message)
        top.addWidget(self.progress)
        top.addWidget(self.export_button)

        self.summary_labels: list[QLabel] = []
        summary = QGridLayout()
        titles = [
            self.tr("走访次数"),
            self.tr("新建工会"),
            self.tr("发展会员"),
            self.tr("新增监督事项"),
            self.tr("办结监督事项"),
            self.tr("超期监督事项"),
            self.tr("发出一函两书"),
            self.tr("受理12351工单"),
            self.tr("超期工单"),
        ]
        for i, title in enumerate(titles):
            value = QLabel("—")
            value.setStyleSheet("font-size: 20px; font-weight: bold;")
            value.setAlignment(Qt.AlignmentFlag.AlignCenter)
            caption = QLabel(title)
            caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
            summary.addWidget(value, 0, i)
            summary.addWidget(caption, 1, i)
            self.summary_labels.append(value)

        self.tabs = QTabWidget()
        self.views: dict[str, QChartView] = {}
        for key, title in [
            ("visits", self.tr("走访")),
            ("unions", self.tr("建会与会员")),
            ("matters", self.tr("监督事项")),
            ("letters", self.tr("一函两书")),
            ("workorders", self.tr("12351工单")),
            ("legislation", self.tr("立法联系点")),
        ]:
            view = QChartView()
            view.setRenderHint(QPainter.RenderHint.Antialiasing)
            self.views[key] = view
            self.tabs.addTab(view, title)
        self.cases_view = CaseFiguresView()
        self.tabs.addTab(self.cases_view, self.tr("法律监督"))

        from app.ui.unions import UnionFiguresView

        self.union_figures = UnionFiguresView()
        self.tabs.addTab(self.union_figures, self.tr("工会建设"))

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(summary)
        layout.addWidget(self.tabs, 1)

        self.this_month.clicked.connect(lambda: self.set_months(0, 0))
        self.last_month.clicked.connect(lambda: self.set_months(-1, -1))
        self.this_year.clicked.connect(self.set_year)
        self.refresh_button.clicked.connect(self.refresh)
        self.export_button.clicked.connect(self.choose_export)
        ctx.data_changed.connect(self._changed)
        self.refresh()

    def _changed(self, table: str) -> None:
        if table in {"*", "visit", "enterprise", "matter", "letter", "work_order", "union_org", "union_member",
                     "service_request", "legal_case", "referral", "work_log", "public_notice"} or table.startswith("lf_"):
            self.refresh()

    def set_months(self, start_offset: int, end_offset: int) -> None:
        today = QDate.currentDate()
        first = QDate(today.year(), today.month(), 1)
        self.start.setDate(first.addMonths(start_offset))
        self.end.setDate(first.addMonths(end_offset))
        self.refresh()

    def set_year(self) -> None:
        today = QDate.currentDate()
        self.start.setDate(QDate(today.year(), 1, 1))
        self.end.setDate(QDate(today.year(), today.month(), 1))
        self.refresh()

    def period(self) -> stats.Period | None:
        try:
            return stats.Period.months(_month(self.start), _month(self.end))
        except ValueError:
            return None

    def refresh(self) -> None:
        period = self.period()
        if period is None:
            self.message.setText(self.tr("结束月份早于开始月份"))
            return
        self.message.setText("")
        with self.ctx.db.read() as session:
            self.report = stats.build_report(session, period)
        self.show_report(self.report)

    def show_report(self, report: stats.Report) -> None:
        for label, (_name, value) in zip(self.summary_labels, report.summary, strict=True):
            label.setText(str(value))
        self.views["visits"].setChart(self._visits_chart(report))
        self.views["unions"].setChart(self._unions_chart(report))
        self.views["matters"].setChart(self._matters_chart(report))
        self.views["letters"].setChart(self._letters_chart(report))
        self.views["workorders"].setChart(self._workorders_chart(report))
        self.views["legislation"].setChart(self._legislation_chart(report))
        self.union_figures.show_figures(report.union_building)
        self.cases_view.show_figures(report.cases)

    def _visits_chart(self, report: stats.Report) -> QChart:
        chart = _chart(self.tr("各网格每月走访次数"))
        series = QStackedBarSeries()
        for grid in report.visits.grids:
            bar = QBarSet(grid)
            bar.append([float(v) for v in report.visits.row(grid)])
            series.append(bar)
        chart.addSeries(series)
        _axes(chart, series, report.visits.months)
        return chart

    def _unions_chart(self, report: stats.Report) -> QChart:
        chart = _chart(self.tr("各网格新建工会与发展会员"))
        series = QBarSeries()
        unions = QBarSet(self.tr("新建工会（家）"))
        unions.append([float(report.unions.grid_total(g)) for g in report.unions.grids])
        members = QBarSet(self.tr("发展会员（人）"))
        members.append([float(report.members.grid_total(g)) for g in report.unions.grids])
        series.append(unions)
        series.append(members)
        chart.addSeries(series)
        _axes(chart, series, report.unions.grids)
        return chart

    def _matters_chart(self, report: stats.Report) -> QChart:
        chart = _chart(self.tr("监督事项：新增、办结与超期"))
        series = QHorizontalBarSeries()
        for title, attr in [(self.tr("新增"), "opened"), (self.tr("办结"), "resolved"), (self.tr("超期未结"), "overdue")]:
            bar = QBarSet(title)
            bar.append([float(getattr(m, attr)) for m in report.matters])
            series.append(bar)
        chart.addSeries(series)
        _axes(chart, series, [m.label for m in report.matters], horizontal=True)
        return chart

    def _letters_chart(self, report: stats.Report) -> QChart:
        chart = _chart(self.tr("每月发出的一函两书"))
        series = QBarSeries()
        letters = report.letters
        for kind in letters.kinds:
            bar = QBarSet(letters.labels[kind])
            bar.append([float(letters.counts.get((kind, m), 0)) for m in letters.months])
            series.append(bar)
        chart.addSeries(series)
        _axes(chart, series, letters.months)
        return chart

    def _workorders_chart(self, report: stats.Report) -> QChart:
        orders = report.workorders
        chart = _chart(self.tr("12351工单办理状态（超期 {n} 张）").format(n=orders.overdue))
        series = QPieSeries()
        for status, count in orders.by_status.items():
            if count:
                piece = series.append(f"{orders.labels[status]} {count}", float(count))
                piece.setLabelVisible(True)
        chart.addSeries(series)
        return chart

    def _legislation_chart(self, report: stats.Report) -> QChart:
        chart = _chart(self.tr("基层立法联系点：意见建议的收集、报送和采纳"))
        f = report.legislation
        if f is None:
            return chart
        figures = [
            (self.tr("收集"), f.suggestions),
            (self.tr("归纳"), f.summaries),
            (self.tr("报送"), f.sent),
            (self.tr("采纳"), f.adopted),
            (self.tr("部分采纳"), f.partly_adopted),
            (self.tr("未采纳"), f.not_adopted),
            (self.tr("有效问卷"), f.questionnaires_valid),
        ]
        bars = QBarSet(self.tr("条数"))
        for _label, value in figures:
            bars.append(value)
        series = QBarSeries()
        series.append(bars)
        series.setLabelsVisible(True)
        chart.addSeries(series)
        _axes(chart, series, [label for label, _v in figures])
        return chart

    def choose_export(self) -> None:
        period = self.period()
        if period is None:
            return
        default = self.ctx.paths.exports / f"工会监督统计_{period.start:%Y%m}-{period.end:%Y%m}.xlsx"
        path, _ = QFileDialog.getSaveFileName(self, self.tr("导出月报"), str(default), self.tr("Excel 工作簿 (*.xlsx)"))
        if path:
            self.export_to(Path(path))

    def export_to(self, target: Path) -> None:
        period = self.period()
        if period is None:
            return
        if target.suffix.lower() != ".xlsx":
            target = target.with_suffix(".xlsx")
        self.export_button.setEnabled(False)
        self.progress.setRange(0, 7)
        self.progress.setValue(0)
        self.progress.show()
        self.message.setText(self.tr("正在导出…"))
        db, actor = self.ctx.db, self.ctx.user.actor

        def work(progress: background.Progress) -> Path:
            with db.read() as session:
                report = stats.build_report(session, period)
            written = export_report(report, target, progress)
            with db.write() as session:
                audit.record(session, "export", f"导出统计月报 {period.label}（{written.name}）", actor)
            return written

        def done(written: Path) -> None:
            self.export_button.setEnabled(True)
            self.progress.hide()
            self.last_export = written
            self.message.setText(self.tr("已导出到 {path}").format(path=written))

        def failed(exc: Exception) -> None:
            self.export_button.setEnabled(True)
            self.progress.hide()
            reason = self.tr("文件被占用或没有写入权限") if isinstance(exc, OSError) else type(exc).__name__
            self.message.setText(self.tr("导出失败：{reason}").format(reason=reason))

        self.last_export = None
        background.start(self.ctx.pool, work, done, failed, lambda done_, total: self._progress(done_, total))

    def _progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, total)
        self.progress.setValue(done)


def _factory(ctx: AppContext) -> QWidget:
    return ReportsPage(ctx)


add_page(PageSpec("reports", QCoreApplication.translate("Reports", "统计报表"), 80, _factory, "Ctrl+8"))

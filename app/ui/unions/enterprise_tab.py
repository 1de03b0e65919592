"""The 工会与服务 tab of the enterprise file: the unions covering the enterprise (form, status, steps),
the services requested there with their outcome, and a small before/after chart of founding."""

from __future__ import annotations

from PySide6.QtCharts import QBarCategoryAxis, QBarSeries, QBarSet, QChart, QChartView, QValueAxis
from PySide6.QtCore import Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QAbstractItemView, QLabel, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget

from app.store.unions import figures, orgs, services
from app.ui.shell.context import AppContext
from app.ui.unions import labels


class EnterpriseUnionTab(QWidget):
    def __init__(self, ctx: AppContext, enterprise_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.enterprise_id = enterprise_id
        self.unions_label = QLabel()
        self.unions_label.setObjectName("enterprise-unions")
        self.unions_label.setWordWrap(True)
        self.unions_label.setTextFormat(Qt.TextFormat.RichText)
        self.services = QTableWidget(0, 5)
        self.services.setHorizontalHeaderLabels([self.tr("请求日期"), self.tr("服务类型"), self.tr("状态"), self.tr("办理时限"), self.tr("办理结果")])
        self.services.horizontalHeader().setStretchLastSection(True)
        self.services.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.chart_view = QChartView()
        self.chart_view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.chart_view.setMinimumHeight(180)
        self.chart_note = QLabel()
        layout = QVBoxLayout(self)
        layout.addWidget(self.unions_label)
        layout.addWidget(QLabel(self.tr("服务请求及办理结果")))
        layout.addWidget(self.services, 1)
        layout.addWidget(self.chart_view, 1)
        layout.addWidget(self.chart_note)
        ctx.data_changed.connect(self.on_data_changed)
        self.reload()

    def on_data_changed(self, table: str) -> None:
        if table in {"*", "union_org", "union_unit", "union_step", "service_request", "enterprise"}:
            self.reload()

    def reload(self) -> None:
        with self.ctx.db.read() as session:
            covering = orgs.unions_of_enterprise(session, self.enterprise_id)
            steps = {u.id: orgs.steps(session, u.id) for u, _c in covering}
            requests = services.for_enterprise(session, self.enterprise_id)
            kind_names = services.kind_labels(session)
            ba = figures.before_after(session, self.enterprise_id)
        forms, statuses, step_names = labels.form_labels(), labels.status_labels(), labels.step_labels()
        if covering:
            lines = []
            for union, _cover in covering:
                last = steps[union.id][-1] if steps[union.id] else None
                step_text = f"{step_names.get(last.step, last.step)} {last.done_on:%Y-%m-%d}" if last else self.tr("尚未申请")
                lines.append(
                    f"<b>{union.name}</b>（{forms.get(union.form, union.form)}）：{statuses.get(union.status, union.status)}；"
                    + self.tr("最近步骤：{s}；会员 {m} 人").format(s=step_text, m=union.members)
                )
            self.unions_label.setText("<br>".join(lines))
        else:
            self.unions_label.setText(self.tr("尚未纳入任何工会组织"))
        service_status = labels.service_status_labels()
        self.services.setRowCount(len(requests))
        for i, r in enumerate(requests):
            values = [
                f"{r.requested_on:%Y-%m-%d}",
                labels.service_kind_label(r.kind, kind_names.get(r.kind, "")),
                service_status.get(r.status, r.status),
                f"{r.due_date:%Y-%m-%d}" if r.due_date else "",
                r.outcome,
            ]
            for j, value in enumerate(values):
                self.services.setItem(i, j, QTableWidgetItem(value))
        self.chart_view.setChart(self._chart(ba))

    def _chart(self, ba: figures.rules.BeforeAfter | None) -> QChart:
        chart = QChart()
        chart.setTitle(self.tr("建会前后一年对比"))
        if ba is None:
            self.chart_note.setText(self.tr("该企业尚未建会，暂无前后对比"))
            return chart
        before, after = QBarSet(self.tr("建会前一年")), QBarSet(self.tr("建会后一年"))
        before.append([float(ba.orders_before), float(ba.matters_before)])
        after.append([float(ba.orders_after), float(ba.matters_after)])
        series = QBarSeries()
        series.append(before)
        series.append(after)
        chart.addSeries(series)
        axis_x = QBarCategoryAxis()
        axis_x.append([self.tr("12351工单"), self.tr("监督事项")])
        axis_y = QValueAxis()
        top = max(1, ba.orders_before, ba.orders_after, ba.matters_before, ba.matters_after)
        axis_y.setRange(0, float(top))
        axis_y.setTickCount(min(top, 5) + 1 if top <= 5 else 5)
        axis_y.setLabelFormat("%d")
        chart.addAxis(axis_x, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(axis_y, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(axis_x)
        series.attachAxis(axis_y)

        def rate(value: float | None) -> str:
            return "—" if value is None else f"{value:.0%}"

        self.chart_note.setText(
            self.tr("建会日期 {d}；人数波动率 建会前 {a}，建会后 {b}").format(d=f"{ba.founded:%Y-%m-%d}", a=rate(ba.turnover_before), b=rate(ba.turnover_after))
        )
        return chart

"""工会建设: union organisations and their founding, the yearly check and the unions that slip,
members and enrolment drives, service requests followed to their outcome, friendly partners, and the
before/after table. Every action has a method the dialogs call, returning one sentence when refused."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, QModelIndex
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.core import unions as rules
from app.core.problems import ValidationError
from app.planning.readers import FileProblem
from app.store import enterprises, grids
from app.store.tables.unions import FriendlyPartner, ServiceRequest, UnionOrg
from app.store.unions import checks, members, orgs, partners, services
from app.store.unions.health import refresh_all
from app.ui.shell import background
from app.ui.shell.context import AppContext
from app.ui.unions import labels
from app.ui.unions.dialogs import FormDialog, date_edit
from app.ui.unions.models import MemberTableModel, PartnerTableModel, ServiceTableModel, UnionTableModel
from app.ui.widgets.paged_model import PagedTableModel

WATCHED = {"*", "union_org", "union_unit", "union_step", "union_check", "union_member", "service_request", "friendly_partner", "visit"}


def _html(value: object) -> str:
    return str(value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\n", "<br>")


def _day(edit: Any) -> dt.date:
    q = edit.date()
    return dt.date(q.year(), q.month(), q.day())


def _table(model: PagedTableModel) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    view.horizontalHeader().setStretchLastSection(True)
    view.verticalHeader().hide()
    return view


def _combo(items: dict[str, str], first: str | None = None) -> QComboBox:
    combo = QComboBox()
    if first is not None:
        combo.addItem(first, None)
    for code, label in items.items():
        combo.addItem(label, code)
    return combo


def _selected_id(view: QTableView, model: PagedTableModel) -> str | None:
    rows = view.selectionModel().selectedRows()
    if not rows:
        return None
    return str(model.row_at(rows[0].row())["id"])


class UnionsPage(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.message = QLabel()
        self.message.setObjectName("unions-message")
        self.message.setWordWrap(True)
        self.tabs = QTabWidget()
        self.tabs.addTab(self._unions_tab(), self.tr("工会组织"))
        self.tabs.addTab(self._members_tab(), self.tr("会员"))
        self.tabs.addTab(self._services_tab(), self.tr("服务跟踪"))
        self.tabs.addTab(self._partners_tab(), self.tr("友好商户"))
        self.tabs.addTab(self._slipping_tab(), self.tr("运行体检"))
        self.tabs.addTab(self._before_after_tab(), self.tr("建会前后对比"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.message)
        ctx.data_changed.connect(self.on_data_changed)
        self.reload()

    # --- building the tabs -------------------------------------------------------------------

    def _unions_tab(self) -> QWidget:
        self.union_search = QLineEdit()
        self.union_search.setPlaceholderText(self.tr("搜索工会名称或地址"))
        self.union_search.setClearButtonEnabled(True)
        self.form_filter = _combo(labels.form_labels(), self.tr("全部组织形式"))
        self.slipping_only = QCheckBox(self.tr("仅看体检未达标"))
        self.union_count = QLabel()
        self.union_model = UnionTableModel(self.ctx.db, self)
        self.union_view = _table(self.union_model)
        self.union_view.setColumnWidth(0, 240)
        self.union_detail = QTextBrowser()
        buttons = QHBoxLayout()
        for text, slot in (
            (self.tr("新建工会…"), self.new_union_dialog),
            (self.tr("添加覆盖单位…"), self.add_unit_dialog),
            (self.tr("记录建会步骤…"), self.step_dialog),
            (self.tr("年度体检…"), self.check_dialog),
            (self.tr("记录会员人数…"), self.member_count_dialog),
            (self.tr("重新计算建会状态"), self.refresh_statuses),
        ):
            button = QPushButton(text)
            button.clicked.connect(slot)
            buttons.addWidget(button)
        buttons.addStretch(1)
        filters = QHBoxLayout()
        filters.addWidget(self.union_search, 3)
        filters.addWidget(self.form_filter, 1)
        filters.addWidget(self.slipping_only)
        filters.addWidget(self.union_count)
        split = QSplitter()
        split.addWidget(self.union_view)
        split.addWidget(self.union_detail)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.addLayout(filters)
        layout.addWidget(split, 1)
        layout.addLayout(buttons)
        self.union_search.textChanged.connect(self.reload_unions)
        self.form_filter.currentIndexChanged.connect(self.reload_unions)
        self.slipping_only.toggled.connect(self.reload_unions)
        self.union_view.selectionModel().currentRowChanged.connect(self._union_selected)
        return tab

    def _members_tab(self) -> QWidget:
        self.member_search = QLineEdit()
        self.member_search.setPlaceholderText(self.tr("按姓名或完整身份证号查找"))
        self.member_search.setClearButtonEnabled(True)
        self.group_filter = _combo(labels.group_labels(), self.tr("全部群体"))
        self.new_forms_only = QCheckBox(self.tr("仅新就业形态"))
        self.member_count = QLabel()
        self.member_count.setObjectName("member-count")
        self.member_model = MemberTableModel(self.ctx.db, self)
        self.member_view = _table(self.member_model)
        import_button = QPushButton(self.tr("导入会员库…"))
        import_button.clicked.connect(self.choose_member_file)
        drive_button = QPushButton(self.tr("登记集中入会…"))
        drive_button.clicked.connect(self.drive_dialog)
        filters = QHBoxLayout()
        filters.addWidget(self.member_search, 3)
        filters.addWidget(self.group_filter, 1)
        filters.addWidget(self.new_forms_only)
        filters.addWidget(self.member_count)
        buttons = QHBoxLayout()
        buttons.addWidget(import_button)
        buttons.addWidget(drive_button)
        buttons.addStretch(1)
        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.addLayout(filters)
        layout.addWidget(self.member_view, 1)
        layout.addLayout(buttons)
        self.member_search.textChanged.connect(self.reload_members)
        self.group_filter.currentIndexChanged.connect(self.reload_members)
        self.new_forms_only.toggled.connect(self.reload_members)
        return tab

    def _services_tab(self) -> QWidget:
        self.service_status = _combo(labels.service_status_labels(), self.tr("全部状态"))
        self.overdue_only = QCheckBox(self.tr("仅看超期"))
        self.service_count = QLabel()
        self.service_model = ServiceTableModel(self.ctx.db, self)
        self.service_view = _table(self.service_model)
        self.service_view.setColumnWidth(1, 220)
        catch_up = QPushButton(self.tr("从走访记录生成"))
        catch_up.clicked.connect(self.services_from_visits)
        update = QPushButton(self.tr("更新办理情况…"))
        update.clicked.connect(self.service_dialog)
        kinds_button = QPushButton(self.tr("服务类型…"))
        kinds_button.clicked.connect(self.kind_dialog)
        filters = QHBoxLayout()
        filters.addWidget(self.service_status)
        filters.addWidget(self.overdue_only)
        filters.addStretch(1)
        filters.addWidget(self.service_count)
        buttons = QHBoxLayout()
        buttons.addWidget(catch_up)
        buttons.addWidget(update)
        buttons.addWidget(kinds_button)
        buttons.addStretch(1)
        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.addLayout(filters)
        layout.addWidget(self.service_view, 1)
        layout.addLayout(buttons)
        self.service_status.currentIndexChanged.connect(self.reload_services)
        self.overdue_only.toggled.connect(self.reload_services)
        return tab

    def _partners_tab(self) -> QWidget:
        self.partner_grid = QComboBox()
        self.partner_kind = _combo(labels.partner_kind_labels(), self.tr("全部类型"))
        self.partner_count = QLabel()
        self.partner_model = PartnerTableModel(self.ctx.db, self)
        self.partner_view = _table(self.partner_model)
        new = QPushButton(self.tr("新增友好商户…"))
        new.clicked.connect(self.partner_dialog)
        uses = QPushButton(self.tr("登记使用人次…"))
        uses.clicked.connect(self.uses_dialog)
        pdf = QPushButton(self.tr("打印本网格清单…"))
        pdf.clicked.connect(self.choose_partner_pdf)
        filters = QHBoxLayout()
        filters.addWidget(self.partner_grid)
        filters.addWidget(self.partner_kind)
        filters.addStretch(1)
        filters.addWidget(self.partner_count)
        buttons = QHBoxLayout()
        for b in (new, uses, pdf):
            buttons.addWidget(b)
        buttons.addStretch(1)
        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.addLayout(filters)
        layout.addWidget(self.partner_view, 1)
        layout.addLayout(buttons)
        self.partner_grid.currentIndexChanged.connect(self.reload_partners)
        self.partner_kind.currentIndexChanged.connect(self.reload_partners)
        return tab

    def _slipping_tab(self) -> QWidget:
        self.slipping_table = QTableWidget(0, 5)
        self.slipping_table.setHorizontalHeaderLabels(
            [self.tr("工会名称"), self.tr("组织形式"), self.tr("体检年度"), self.tr("得分"), self.tr("失分原因")]
        )
        self.slipping_table.horizontalHeader().setStretchLastSection(True)
        self.slipping_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        edit = QPushButton(self.tr("编辑体检清单…"))
        edit.clicked.connect(self.open_checklist)
        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.addWidget(QLabel(self.tr("最近一次年度体检得分低于{n}%的工会（转起来、强起来）").format(n=rules.SLIPPING_PERCENT)))
        layout.addWidget(self.slipping_table, 1)
        layout.addWidget(edit)
        return tab

    def _before_after_tab(self) -> QWidget:
        self.before_after = QTableWidget(0, 7)
        self.before_after.setHorizontalHeaderLabels(
            [
                self.tr("企业"),
                self.tr("建会日期"),
                self.tr("12351工单（前/后）"),
                self.tr("监督事项（前/后）"),
                self.tr("人数波动率（前/后）"),
                self.tr("工单变化"),
                self.tr("事项变化"),
            ]
        )
        self.before_after.horizontalHeader().setStretchLastSection(True)
        self.before_after.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.addWidget(QLabel(self.tr("建会前后各一年：12351工单、监督事项和人数波动（来自数据池和走访的职工人数）")))
        layout.addWidget(self.before_after, 1)
        return tab

    # --- loading -----------------------------------------------------------------------------

    def on_data_changed(self, table: str) -> None:
        if table in WATCHED:
            self.reload()

    def reload(self) -> None:
        with self.ctx.db.read() as session:
            grid_list = grids.all_grids(session)
        current = self.partner_grid.currentData()
        self.partner_grid.blockSignals(True)
        self.partner_grid.clear()
        self.partner_grid.addItem(self.tr("全部网格"), None)
        for grid in grid_list:
            self.partner_grid.addItem(f"{grid.code} {grid.name}", grid.id)
        self.partner_grid.setCurrentIndex(max(self.partner_grid.findData(current), 0))
        self.partner_grid.blockSignals(False)
        self.reload_unions()
        self.reload_members()
        self.reload_services()
        self.reload_partners()
        self.reload_slipping()
        self.reload_before_after()

    def reload_unions(self) -> None:
        self.union_model.set_filter(
            orgs.UnionFilter(query=self.union_search.text(), form=self.form_filter.currentData(), slipping_only=self.slipping_only.isChecked())
        )
        self.union_count.setText(self.tr("共 {n} 个").format(n=self.union_model.total))
        self._show_union(self.selected_union_id())

    def reload_members(self) -> None:
        self.member_model.set_filter(
            members.MemberFilter(query=self.member_search.text(), key_group=self.group_filter.currentData(), new_forms_only=self.new_forms_only.isChecked())
        )
        with self.ctx.db.read() as session:
            new_forms = members.count(session, members.MemberFilter(new_forms_only=True))
        self.member_count.setText(self.tr("共 {n} 人；新就业形态会员 {m} 人").format(n=self.member_model.total, m=new_forms))

    def reload_services(self) -> None:
        self.service_model.set_filter(services.ServiceFilter(status=self.service_status.currentData(), overdue_only=self.overdue_only.isChecked()))
        with self.ctx.db.read() as session:
            overdue = services.count(session, services.ServiceFilter(overdue_only=True))
        self.service_count.setText(self.tr("共 {n} 条；超期 {m} 条").format(n=self.service_model.total, m=overdue))

    def reload_partners(self) -> None:
        self.partner_model.set_filter(partners.PartnerFilter(grid_id=self.partner_grid.currentData(), kind=self.partner_kind.currentData()))
        self.partner_count.setText(self.tr("共 {n} 家").format(n=self.partner_model.total))

    def reload_slipping(self) -> None:
        with self.ctx.db.read() as session:
            rows = [(u, c, checks.reasons_of(c)) for u, c in checks.slipping(session)]
        forms = labels.form_labels()
        self.slipping_table.setRowCount(len(rows))
        for i, (union, check, reasons) in enumerate(rows):
            values = [union.name, forms.get(union.form, union.form), str(check.year), f"{check.percent}%", "；".join(reasons)]
            for j, value in enumerate(values):
                self.slipping_table.setItem(i, j, QTableWidgetItem(value))

    def reload_before_after(self) -> None:
        from app.store.unions import figures

        with self.ctx.db.read() as session:
            rows = figures.district_before_after(session, limit=300)

        def rate(value: float | None) -> str:
            return "—" if value is None else f"{value:.0%}"

        self.before_after.setRowCount(len(rows))
        for i, (_eid, name, ba) in enumerate(rows):
            values = [
                name,
                f"{ba.founded:%Y-%m-%d}",
                f"{ba.orders_before} / {ba.orders_after}",
                f"{ba.matters_before} / {ba.matters_after}",
                f"{rate(ba.turnover_before)} / {rate(ba.turnover_after)}",
                f"{ba.orders_after - ba.orders_before:+d}",
                f"{ba.matters_after - ba.matters_before:+d}",
            ]
            for j, value in enumerate(values):
                self.before_after.setItem(i, j, QTableWidgetItem(value))

    # --- unions ------------------------------------------------------------------------------

    def selected_union_id(self) -> str | None:
        return _selected_id(self.union_view, self.union_model)

    def select_union(self, union_id: str) -> None:
        row = self.union_model.find_row(union_id)
        if row >= 0:
            self.union_view.selectRow(row)
            self._show_union(union_id)

    def _union_selected(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self._show_union(str(self.union_model.row_at(current.row())["id"]))

    def _show_union(self, union_id: str | None) -> None:
        if not union_id:
            self.union_detail.setHtml("")
            return
        from app.store.tables import Enterprise

        with self.ctx.db.read() as session:
            union = session.get(UnionOrg, union_id)
            if union is None:
                self.union_detail.setHtml("")
                return
            units = [(u, session.get(Enterprise, u.enterprise_id)) for u in orgs.units(session, union_id)]
            steps = orgs.steps(session, union_id)
            union_checks = checks.checks_of(session, union_id)
            counts = orgs.member_counts(session, union_id)
        forms, kinds, step_names, statuses = labels.form_labels(), labels.unit_kind_labels(), labels.step_labels(), labels.status_labels()
        parts = [
            f"<h3>{_html(union.name)}</h3>",
            f"<p>{_html(forms.get(union.form, union.form))} · {_html(statuses.get(union.status, union.status))}</p>",
            "<p>" + _html(self.tr("主席：{c}（委员 {n} 人）").format(c=rules.mask_name(union.chair_name), n=len([x for x in union.committee_names.split("、") if x]))) + "</p>",
            f"<h4>{_html(self.tr('覆盖单位'))}</h4><ul>",
            *[f"<li>{_html(e.name if e else u.enterprise_id)}（{_html(kinds.get(u.unit_kind, u.unit_kind))}）</li>" for u, e in units],
            f"</ul><h4>{_html(self.tr('建会步骤'))}</h4><ul>",
            *[f"<li>{s.done_on:%Y-%m-%d} {_html(step_names.get(s.step, s.step))}</li>" for s in steps],
            f"</ul><h4>{_html(self.tr('年度体检'))}</h4><ul>",
            *[f"<li>{c.year}：{c.percent}%　{_html('；'.join(checks.reasons_of(c)))}</li>" for c in union_checks],
            f"</ul><h4>{_html(self.tr('会员人数'))}</h4><ul>",
            *[f"<li>{c.as_of:%Y-%m-%d}：{c.members}（{_html(self.tr('新就业形态'))} {c.new_form_members}）</li>" for c in counts if c.enterprise_id is None],
            "</ul>",
        ]
        self.union_detail.setHtml("".join(parts))

    def _write(self, action: Any, done: str, tables: tuple[str, ...]) -> str | None:
        """Runs a write; one sentence back when it is refused, and the lists refresh when it is not."""
        try:
            with self.ctx.db.write() as session:
                action(session)
        except ValidationError as exc:
            return str(exc)
        except (rules.UnionRuleError, LookupError) as exc:
            return str(exc)
        self.message.setText(done)
        for table in tables:
            self.ctx.notify(table)
        return None

    def create_union(self, values: dict[str, Any]) -> str | None:
        created: list[str] = []

        def action(session: Any) -> None:
            created.append(orgs.create_union(session, values, self.ctx.user.actor).id)

        problem = self._write(action, self.tr("已登记工会“{n}”").format(n=values.get("name", "")), ("union_org",))
        if created:
            self.select_union(created[0])
        return problem

    def _need_union(self) -> str | None:
        union_id = self.selected_union_id()
        if union_id is None:
            self.message.setText(self.tr("请先在列表中选择一个工会"))
        return union_id

    def add_unit(self, union_id: str, enterprise_text: str, unit_kind: str) -> str | None:
        term = enterprise_text.strip()
        if not term:
            return self.tr("请输入要覆盖的单位名称")
        with self.ctx.db.read() as session:
            found = enterprises.page(session, enterprises.EnterpriseFilter(query=term), 0, 20)
        exact = [r for r in found if r["name"] == term]
        picked = exact or found
        if not picked:
            return self.tr("没有找到名称含“{t}”的企业").format(t=term)
        if len(picked) > 1:
            return self.tr("找到多家名称含“{t}”的企业，请输入完整名称").format(t=term)

        def action(session: Any) -> None:
            union = session.get(UnionOrg, union_id)
            orgs.add_unit(session, union, str(picked[0]["id"]), self.ctx.user.actor, unit_kind=unit_kind, joined_on=dt.date.today())

        problem = self._write(action, self.tr("已添加覆盖单位“{n}”").format(n=picked[0]["name"]), ("union_unit", "enterprise"))
        self._show_union(union_id)
        return problem

    def record_step(self, union_id: str, step: str, on: dt.date) -> str | None:
        def action(session: Any) -> None:
            orgs.record_step(session, session.get(UnionOrg, union_id), step, on, self.ctx.user.actor)

        problem = self._write(action, self.tr("已记录建会步骤"), ("union_step", "union_org", "enterprise"))
        self._show_union(union_id)
        return problem

    def record_check(self, union_id: str, year: int, answers: dict[str, Any]) -> str | None:
        try:
            items = checks.load_items(self.ctx.paths.root)
        except rules.UnionRuleError as exc:
            return str(exc)

        def action(session: Any) -> None:
            checks.record_check(session, session.get(UnionOrg, union_id), year, answers, items, dt.date.today(), self.ctx.user.actor)

        problem = self._write(action, self.tr("已保存年度体检"), ("union_check", "union_org"))
        self._show_union(union_id)
        return problem

    def record_members(self, union_id: str, on: dt.date, count: int, new_form: int) -> str | None:
        def action(session: Any) -> None:
            orgs.record_member_count(session, session.get(UnionOrg, union_id), on, count, self.ctx.user.actor, new_form_members=new_form)

        return self._write(action, self.tr("已记录会员人数"), ("union_org",))

    def refresh_statuses(self) -> None:
        changed: list[int] = []
        self._write(lambda session: changed.append(refresh_all(session, self.ctx.user.actor)), "", ("enterprise",))
        self.message.setText(self.tr("已重新计算建会状态：{n} 家企业有变化").format(n=changed[0] if changed else 0))

    def new_union_dialog(self) -> None:
        name, address, chair, committee = QLineEdit(), QLineEdit(), QLineEdit(), QLineEdit()
        form = _combo(labels.form_labels())
        grid = QComboBox()
        with self.ctx.db.read() as session:
            for g in grids.all_grids(session):
                grid.addItem(f"{g.code} {g.name}", g.id)
        committee.setPlaceholderText(self.tr("多人以“、”分隔"))

        def save() -> str | None:
            return self.create_union(
                {"name": name.text(), "form": form.currentData(), "grid_id": grid.currentData(), "address": address.text().strip(),
                 "chair_name": chair.text().strip(), "committee_names": committee.text().strip()}
            )

        rows = [(self.tr("工会名称"), name), (self.tr("组织形式"), form), (self.tr("网格"), grid), (self.tr("地址"), address),
                (self.tr("主席"), chair), (self.tr("委员"), committee)]
        FormDialog(self.tr("新建工会"), rows, save, self).exec()

    def add_unit_dialog(self) -> None:
        union_id = self._need_union()
        if union_id is None:
            return
        name = QLineEdit()
        name.setPlaceholderText(self.tr("企业、商户或快递站点的名称"))
        kind = _combo(labels.unit_kind_labels())
        FormDialog(self.tr("添加覆盖单位"), [(self.tr("单位"), name), (self.tr("单位类型"), kind)],
                   lambda: self.add_unit(union_id, name.text(), str(kind.currentData())), self).exec()

    def step_dialog(self) -> None:
        union_id = self._need_union()
        if union_id is None:
            return
        step = _combo(labels.step_labels())
        with self.ctx.db.read() as session:
            done = orgs.done_steps(session, union_id)
        nxt = next((code for code, _label in rules.FOUNDING_STEPS if code not in done), None)
        if nxt:
            step.setCurrentIndex(step.findData(nxt))
        day = date_edit()
        FormDialog(self.tr("记录建会步骤"), [(self.tr("步骤"), step), (self.tr("日期"), day)],
                   lambda: self.record_step(union_id, str(step.currentData()), _day(day)), self).exec()

    def check_dialog(self) -> None:
        union_id = self._need_union()
        if union_id is None:
            return
        try:
            items = checks.load_items(self.ctx.paths.root)
        except rules.UnionRuleError as exc:
            self.message.setText(str(exc))
            return
        year = QSpinBox()
        year.setRange(2000, 2100)
        year.setValue(dt.date.today().year)
        widgets: dict[str, QWidget] = {}
        rows: list[tuple[str, QWidget]] = [(self.tr("年度"), year)]
        for item in items:
            if item.kind == "count":
                spin = QSpinBox()
                spin.setRange(0, 999)
                widgets[item.code] = spin
            else:
                widgets[item.code] = QCheckBox()
            rows.append((item.label, widgets[item.code]))

        def save() -> str | None:
            answers: dict[str, Any] = {
                code: w.value() if isinstance(w, QSpinBox) else w.isChecked()  # type: ignore[attr-defined]
                for code, w in widgets.items()
            }
            return self.record_check(union_id, year.value(), answers)

        FormDialog(self.tr("年度体检"), rows, save, self).exec()

    def member_count_dialog(self) -> None:
        union_id = self._need_union()
        if union_id is None:
            return
        day, count, new_form = date_edit(), QSpinBox(), QSpinBox()
        count.setRange(0, 1_000_000)
        new_form.setRange(0, 1_000_000)
        FormDialog(self.tr("记录会员人数"), [(self.tr("日期"), day), (self.tr("会员人数"), count), (self.tr("其中新就业形态"), new_form)],
                   lambda: self.record_members(union_id, _day(day), count.value(), new_form.value()), self).exec()

    def open_checklist(self) -> None:
        path = checks.office_copy(self.ctx.paths.root)
        self.message.setText(self.tr("体检清单可在此文件中编辑（JSON）：{p}").format(p=path))
        from PySide6.QtCore import QUrl
        from PySide6.QtGui import QDesktopServices

        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

    # --- members -----------------------------------------------------------------------------

    def choose_member_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("选择会员库文件"), "", self.tr("表格文件 (*.xlsx *.csv)"))
        if path:
            self.import_member_file(Path(path))

    def import_member_file(self, path: Path) -> None:
        from app.planning.member_import import import_members

        self.message.setText(self.tr("正在导入 {f}…").format(f=path.name))
        self.last_import_message = ""
        actor = self.ctx.user.actor

        def work(_progress: background.Progress) -> Any:
            return import_members(self.ctx.db, path, actor)

        def done(result: Any) -> None:
            self.last_import_message = result.message()
            self.message.setText(self.last_import_message)
            self.ctx.notify("union_member")

        def failed(exc: Exception) -> None:
            text = str(exc) if isinstance(exc, FileProblem | ValueError) else self.tr("导入失败，请检查文件")
            self.last_import_message = text
            self.message.setText(text)

        background.start(self.ctx.pool, work, done, failed)

    def record_drive(self, union_id: str | None, held_on: dt.date, place: str, group: str, enrolled: int, new: int) -> str | None:
        def action(session: Any) -> None:
            union = session.get(UnionOrg, union_id) if union_id else None
            members.record_drive(session, union=union, grid_id=None, held_on=held_on, place=place, key_group=group,
                                 enrolled=enrolled, new_members=new, actor=self.ctx.user.actor)

        return self._write(action, self.tr("已登记集中入会"), ("enrolment_drive",))

    def drive_dialog(self) -> None:
        union = QComboBox()
        union.addItem(self.tr("（不指定工会）"), None)
        with self.ctx.db.read() as session:
            for row in orgs.page(session, orgs.UnionFilter(), 0, 2000):
                union.addItem(str(row["name"]), row["id"])
        day, place, group = date_edit(), QLineEdit(), _combo(labels.group_labels())
        enrolled, new = QSpinBox(), QSpinBox()
        enrolled.setRange(0, 100_000)
        new.setRange(0, 100_000)
        rows = [(self.tr("工会"), union), (self.tr("日期"), day), (self.tr("地点"), place), (self.tr("重点群体"), group),
                (self.tr("入会人数"), enrolled), (self.tr("其中首次入会"), new)]
        FormDialog(self.tr("登记集中入会"), rows,
                   lambda: self.record_drive(union.currentData(), _day(day), place.text(), str(group.currentData()), enrolled.value(), new.value()),
                   self).exec()

    # --- services ----------------------------------------------------------------------------

    def services_from_visits(self) -> None:
        made: list[int] = []

        def action(session: Any) -> None:
            made.append(services.from_all_visits(session, self.ctx.user.actor))

        self._write(action, "", ("service_request",))
        self.message.setText(self.tr("从走访记录新生成 {n} 条服务请求").format(n=made[0] if made else 0))

    def selected_service_id(self) -> str | None:
        return _selected_id(self.service_view, self.service_model)

    def update_service(self, request_id: str, status: str, outcome: str, provider: str, provider_detail: str) -> str | None:
        def action(session: Any) -> None:
            request = session.get(ServiceRequest, request_id)
            services.set_status(session, request, status, outcome.strip(), self.ctx.user.actor, provider=provider, provider_detail=provider_detail.strip())

        return self._write(action, self.tr("已更新服务请求"), ("service_request",))

    def service_dialog(self) -> None:
        request_id = self.selected_service_id()
        if request_id is None:
            self.message.setText(self.tr("请先在列表中选择一条服务请求"))
            return
        with self.ctx.db.read() as session:
            request = session.get(ServiceRequest, request_id)
        if request is None:
            return
        status, provider = _combo(labels.service_status_labels()), _combo(labels.provider_labels())
        status.setCurrentIndex(max(status.findData(request.status), 0))
        provider.setCurrentIndex(max(provider.findData(request.provider), 0))
        detail, outcome = QLineEdit(request.provider_detail), QPlainTextEdit(request.outcome)
        rows = [(self.tr("状态"), status), (self.tr("提供方"), provider), (self.tr("具体提供者"), detail), (self.tr("办理结果"), outcome)]
        FormDialog(self.tr("更新办理情况"), rows,
                   lambda: self.update_service(request_id, str(status.currentData()), outcome.toPlainText(), str(provider.currentData()), detail.text()),
                   self).exec()

    def save_kind(self, code: str, label: str, due_days: int, active: bool) -> str | None:
        def action(session: Any) -> None:
            services.save_kind(session, code, label, due_days, active, self.ctx.user.actor)

        return self._write(action, self.tr("已保存服务类型“{n}”").format(n=label.strip()), ("service_kind", "service_request"))

    def kind_dialog(self) -> None:
        """Adds a kind, or edits the one whose code is typed (codes of the shipped kinds are listed)."""
        with self.ctx.db.read() as session:
            existing = {k.code: k for k in services.kinds(session, active_only=False)}
        code = QComboBox()
        code.setEditable(True)
        for k in existing.values():
            code.addItem(k.code)
        label, days, active = QLineEdit(), QSpinBox(), QCheckBox(self.tr("启用"))
        days.setRange(1, 365)
        days.setValue(15)
        active.setChecked(True)

        def fill(text: str) -> None:
            kind = existing.get(text)
            if kind is not None:
                label.setText(kind.label)
                days.setValue(kind.due_days)
                active.setChecked(kind.active)

        code.currentTextChanged.connect(fill)
        fill(code.currentText())
        rows = [(self.tr("代码"), code), (self.tr("名称"), label), (self.tr("办理时限（天）"), days), ("", active)]
        FormDialog(self.tr("服务类型"), rows, lambda: self.save_kind(code.currentText(), label.text(), days.value(), active.isChecked()), self).exec()

    # --- partners ----------------------------------------------------------------------------

    def create_partner(self, values: dict[str, Any]) -> str | None:
        return self._write(lambda s: partners.create_partner(s, values, self.ctx.user.actor), self.tr("已登记友好商户"), ("friendly_partner",))

    def selected_partner_id(self) -> str | None:
        return _selected_id(self.partner_view, self.partner_model)

    def report_uses(self, partner_id: str, uses: int, on: dt.date) -> str | None:
        def action(session: Any) -> None:
            partners.report_uses(session, session.get(FriendlyPartner, partner_id), uses, on, self.ctx.user.actor)

        return self._write(action, self.tr("已登记使用人次"), ("friendly_partner",))

    def partner_dialog(self) -> None:
        name, address, offer, hours, contact, phone = (QLineEdit() for _ in range(6))
        lon, lat = QLineEdit(), QLineEdit()
        kind = _combo(labels.partner_kind_labels())
        grid = QComboBox()
        with self.ctx.db.read() as session:
            for g in grids.all_grids(session):
                grid.addItem(f"{g.code} {g.name}", g.id)
        valid_from, valid_to = date_edit(), date_edit(QDate.currentDate().addYears(1))

        def number(edit: QLineEdit) -> float | None:
            text = edit.text().strip()
            return float(text) if text else None

        def save() -> str | None:
            try:
                lon_v, lat_v = number(lon), number(lat)
            except ValueError:
                return self.tr("经纬度应为数字，例如 120.155 和 30.274")
            return self.create_partner(
                {"name": name.text(), "kind": kind.currentData(), "grid_id": grid.currentData(), "address": address.text().strip(),
                 "longitude": lon_v, "latitude": lat_v, "offer": offer.text().strip(), "hours": hours.text().strip(),
                 "valid_from": _day(valid_from), "valid_to": _day(valid_to), "contact_name": contact.text().strip(), "contact_phone": phone.text().strip()}
            )

        rows = [(self.tr("名称"), name), (self.tr("类型"), kind), (self.tr("网格"), grid), (self.tr("地址"), address),
                (self.tr("经度"), lon), (self.tr("纬度"), lat), (self.tr("优惠或服务"), offer), (self.tr("营业时间"), hours),
                (self.tr("有效期自"), valid_from), (self.tr("有效期至"), valid_to), (self.tr("联系人"), contact), (self.tr("联系电话"), phone)]
        FormDialog(self.tr("新增友好商户"), rows, save, self).exec()

    def uses_dialog(self) -> None:
        partner_id = self.selected_partner_id()
        if partner_id is None:
            self.message.setText(self.tr("请先在列表中选择一家友好商户"))
            return
        uses, day = QSpinBox(), date_edit()
        uses.setRange(0, 100_000)
        FormDialog(self.tr("登记使用人次"), [(self.tr("使用人次"), uses), (self.tr("报告日期"), day)],
                   lambda: self.report_uses(partner_id, uses.value(), _day(day)), self).exec()

    def choose_partner_pdf(self) -> None:
        grid_id = self.partner_grid.currentData()
        if grid_id is None:
            self.message.setText(self.tr("请先选择一个网格"))
            return
        path, _ = QFileDialog.getSaveFileName(self, self.tr("保存友好商户清单"), self.tr("友好商户清单.pdf"), "PDF (*.pdf)")
        if path:
            self.print_partner_list(grid_id, Path(path))

    def print_partner_list(self, grid_id: str, target: Path) -> Path | None:
        from app.documents.partner_list import partner_list_for_grid

        try:
            written = partner_list_for_grid(self.ctx.db, grid_id, target)
        except (OSError, LookupError) as exc:
            self.message.setText(self.tr("无法保存清单：{e}").format(e=exc))
            return None
        self.message.setText(self.tr("已保存 {p}").format(p=written))
        return written


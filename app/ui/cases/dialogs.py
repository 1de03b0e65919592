"""Dialogs of the network's screens. Each keeps itself open with one Chinese sentence when the input is
wrong, fits a 1366×768 screen (a scroll area holds the form, the buttons stay visible), and writes
through the store in one transaction."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QDate, QDateTime, QStringListModel, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QDateEdit,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)
from sqlmodel import Session, col, select

from app.catalog import load_catalog
from app.core.cases import rules
from app.core.problems import ValidationError
from app.store import campaigns, grids, referrals, worklogs
from app.store.tables import Enterprise
from app.ui.cases import labels
from app.ui.shell.context import AppContext


def enterprise_names(session: Session) -> list[str]:
    return list(session.exec(select(Enterprise.name).where(Enterprise.deleted == False).order_by(col(Enterprise.name))).all())  # noqa: E712


def find_enterprise(session: Session, name: str) -> Enterprise | None:
    name = name.strip()
    if not name:
        return None
    return session.exec(select(Enterprise).where(Enterprise.name == name, Enterprise.deleted == False)).first()  # noqa: E712


def date_edit(day: dt.date | None = None) -> QDateEdit:
    edit = QDateEdit(QDate(day or dt.date.today()))
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    return edit


def to_date(edit: QDateEdit) -> dt.date:
    value = edit.date().toPython()
    assert isinstance(value, dt.date)
    return value


class FormDialog(QDialog):
    """A form in a scroll area, an error line and OK/Cancel; `save` returns True when done."""

    def __init__(self, ctx: AppContext, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(title)
        self.form = QFormLayout()
        holder = QWidget()
        holder.setLayout(self.form)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(holder)
        self.error = QLabel()
        self.error.setStyleSheet("color: #b91c1c;")
        self.error.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._ok)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        screen = self.screen().availableGeometry() if self.screen() is not None else None
        height = min(620, int(screen.height() * 0.85)) if screen is not None else 560
        self.resize(560, height)

    def completer_for(self, edit: QLineEdit, names: list[str]) -> None:
        completer = QCompleter(QStringListModel(names, self), self)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        edit.setCompleter(completer)

    def grid_combo(self, session: Session, chosen: str | None = None) -> QComboBox:
        combo = QComboBox()
        for grid in grids.all_grids(session):
            combo.addItem(grid.name, grid.id)
        if chosen:
            combo.setCurrentIndex(max(0, combo.findData(chosen)))
        return combo

    def category_combo(self, empty: bool = True) -> QComboBox:
        combo = QComboBox()
        if empty:
            combo.addItem(self.tr("（未分类）"), "")
        catalog = load_catalog()
        for code in catalog.codes():
            combo.addItem(catalog.label(code), code)
        return combo

    def _ok(self) -> None:
        try:
            done = self.save()
        except (ValidationError, rules.TransitionError, ValueError) as exc:
            self.error.setText(str(exc))
            return
        if done:
            self.accept()

    def save(self) -> bool:
        raise NotImplementedError


class CaseDialog(FormDialog):
    """A new case: the employer from the file (type to find it) or as free text."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, enterprise_id: str | None = None) -> None:
        super().__init__(ctx, self.tr("新建案件"), parent)
        self.case_id: str | None = None
        with ctx.db.read() as session:
            names = enterprise_names(session)
            firm = session.get(Enterprise, enterprise_id) if enterprise_id else None
            self.grid = self.grid_combo(session, firm.grid_id if firm else None)
            people = worklogs.mediators(session) or grids.all_inspectors(session)
        self.kind = QComboBox()
        for kind in rules.CaseKind:
            self.kind.addItem(labels.kind_label(kind.value), kind.value)
        self.employer = QLineEdit(firm.name if firm else "")
        self.employer.setPlaceholderText(self.tr("输入单位名称；档案中没有的单位照实填写"))
        self.completer_for(self.employer, names)
        self.category = self.category_combo()
        self.claim = QPlainTextEdit()
        self.claim.setPlaceholderText(self.tr("职工的请求事项"))
        self.amount = QDoubleSpinBox()
        self.amount.setRange(0, 1e9)
        self.amount.setDecimals(2)
        self.amount.setSuffix(self.tr(" 元"))
        self.workers = QSpinBox()
        self.workers.setRange(1, 100000)
        self.mediator = QComboBox()
        self.mediator.addItem(self.tr("（暂不指定）"), None)
        for person in people:
            self.mediator.addItem(person.name, person.id)
        self.lawyer = QLineEdit()
        self.received = date_edit()
        self.party_name = QLineEdit()
        self.party_id = QLineEdit()
        self.party_phone = QLineEdit()
        for label, widget in (
            (self.tr("案件类型"), self.kind), (self.tr("用人单位"), self.employer), (self.tr("所属网格"), self.grid),
            (self.tr("争议类别"), self.category), (self.tr("请求事项"), self.claim), (self.tr("请求金额"), self.amount),
            (self.tr("涉及职工人数"), self.workers), (self.tr("调解员"), self.mediator), (self.tr("援助律师"), self.lawyer),
            (self.tr("受理日期"), self.received), (self.tr("申请人姓名"), self.party_name),
            (self.tr("身份证号码"), self.party_id), (self.tr("联系电话"), self.party_phone),
        ):
            self.form.addRow(label, widget)

    def save(self) -> bool:
        from app.store import cases as case_repo

        with self.ctx.db.write() as session:
            firm = find_enterprise(session, self.employer.text())
            values: dict[str, Any] = {
                "kind": self.kind.currentData(),
                "enterprise_id": firm.id if firm else None,
                "employer_name": self.employer.text(),
                "grid_id": (firm.grid_id if firm and firm.grid_id else None) or self.grid.currentData(),
                "category": self.category.currentData(),
                "claim_note": self.claim.toPlainText(),
                "amount_claimed": self.amount.value() or None,
                "workers_involved": self.workers.value(),
                "mediator_id": self.mediator.currentData(),
                "lawyer": self.lawyer.text(),
                "received_on": to_date(self.received),
            }
            parties = [case_repo.PartyInput(self.party_name.text(), self.party_id.text(), self.party_phone.text())] if self.party_name.text().strip() else []
            self.case_id = case_repo.create_case(session, values, self.ctx.user.actor, parties).id
        self.ctx.notify("legal_case")
        return True


class StepDialog(FormDialog):
    def __init__(self, ctx: AppContext, case_id: str, status: str, parent: QWidget | None = None) -> None:
        super().__init__(ctx, self.tr("案件步骤"), parent)
        self.case_id = case_id
        self.action = QComboBox()
        for action in rules.allowed_case_actions(status):
            self.action.addItem(labels.action_label(action.value), action.value)
        self.on = date_edit()
        self.recovered = QDoubleSpinBox()
        self.recovered.setRange(0, 1e9)
        self.recovered.setDecimals(2)
        self.recovered.setSuffix(self.tr(" 元"))
        self.note = QPlainTextEdit()
        self.form.addRow(self.tr("步骤"), self.action)
        self.form.addRow(self.tr("日期"), self.on)
        self.form.addRow(self.tr("追回金额（结案时填写）"), self.recovered)
        self.form.addRow(self.tr("说明"), self.note)
        self.resize(480, 360)

    def save(self) -> bool:
        from app.store import cases as case_repo

        if self.action.currentData() is None:
            raise ValueError(self.tr("该案件已结案，没有可执行的步骤"))
        with self.ctx.db.write() as session:
            case_repo.apply_step(
                session, self.case_id, str(self.action.currentData()), self.ctx.user.actor, on=to_date(self.on),
                note=self.note.toPlainText(), amount_recovered=self.recovered.value() or None,
            )
        self.ctx.notify("legal_case")
        return True


class ReceptionDialog(FormDialog):
    """A walk-in worker: nothing about an enterprise is required."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, self.tr("来访接待登记"), parent)
        self.reception_id: str | None = None
        with ctx.db.read() as session:
            self.grid = self.grid_combo(session)
            names = enterprise_names(session)
        self.received = QDateTimeEdit(QDateTime.currentDateTime())
        self.received.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.place = QComboBox()
        for place in rules.RECEPTION_PLACES:
            self.place.addItem(place, place)
        self.person = QLineEdit()
        self.phone = QLineEdit()
        self.id_number = QLineEdit()
        self.employer = QLineEdit()
        self.employer.setPlaceholderText(self.tr("职工所说的单位名称（可不填）"))
        self.completer_for(self.employer, names)
        self.category = self.category_combo()
        self.content = QPlainTextEdit()
        self.workers = QSpinBox()
        self.workers.setRange(1, 100000)
        for label, widget in (
            (self.tr("接待时间"), self.received), (self.tr("接待地点"), self.place), (self.tr("接待网格"), self.grid),
            (self.tr("来访职工"), self.person), (self.tr("联系电话"), self.phone), (self.tr("身份证号码"), self.id_number),
            (self.tr("反映的单位"), self.employer), (self.tr("问题类别"), self.category), (self.tr("反映的问题"), self.content),
            (self.tr("涉及职工人数"), self.workers),
        ):
            self.form.addRow(label, widget)

    def save(self) -> bool:
        from app.store import cases as case_repo

        when = self.received.dateTime().toPython()
        assert isinstance(when, dt.datetime)
        with self.ctx.db.write() as session:
            firm = find_enterprise(session, self.employer.text())
            row = case_repo.receive(
                session,
                {
                    "grid_id": self.grid.currentData(), "received_at": when.replace(second=0, microsecond=0),
                    "place": self.place.currentData(), "person_name": self.person.text(), "phone": self.phone.text(),
                    "id_number": self.id_number.text(), "employer_name": self.employer.text(),
                    "enterprise_id": firm.id if firm else None, "category": self.category.currentData(),
                    "content": self.content.toPlainText(), "workers_involved": self.workers.value(),
                    "received_by": self.ctx.user.inspector_id,
                },
                self.ctx.user.actor,
            )
            self.reception_id = row.id
        self.ctx.notify("reception")
        return True


class ToMatterDialog(FormDialog):
    def __init__(self, ctx: AppContext, reception_id: str, parent: QWidget | None = None) -> None:
        super().__init__(ctx, self.tr("转为监督事项"), parent)
        self.reception_id = reception_id
        with ctx.db.read() as session:
            names = enterprise_names(session)
        self.employer = QLineEdit()
        self.employer.setPlaceholderText(self.tr("监督事项须关联企业档案：输入并选择企业"))
        self.completer_for(self.employer, names)
        self.category = self.category_combo(empty=False)
        self.form.addRow(self.tr("企业"), self.employer)
        self.form.addRow(self.tr("类别"), self.category)
        self.resize(480, 240)

    def save(self) -> bool:
        from app.store import cases as case_repo

        with self.ctx.db.write() as session:
            firm = find_enterprise(session, self.employer.text())
            if firm is None:
                raise ValueError(self.tr("请从企业档案中选择企业"))
            case_repo.reception_to_matter(session, self.reception_id, firm.id, str(self.category.currentData()), self.ctx.user.actor)
        self.ctx.notify("matter")
        self.ctx.notify("reception")
        return True


class ReferDialog(FormDialog):
    """Refers a case, matter, order or 建议书 to a department."""

    def __init__(self, ctx: AppContext, source_table: str, source_id: str, parent: QWidget | None = None) -> None:
        super().__init__(ctx, self.tr("移送部门"), parent)
        self.source_table, self.source_id = source_table, source_id
        if ctx.user.role in ("office", "admin"):
            with ctx.db.write() as session:
                referrals.ensure_default_departments(session, ctx.user.actor)
        with ctx.db.read() as session:
            depts = referrals.departments(session)
        if not depts:
            self.error.setText(self.tr("部门名单为空：请办公室在“移送联动”中新增部门，或同步后再试"))
        self.department = QComboBox()
        for dept in depts:
            self.department.addItem(dept.name, dept.id)
        self.sent = date_edit()
        self.due = date_edit(dt.date.today() + dt.timedelta(days=referrals.DEFAULT_DUE_DAYS))
        self.detail = QPlainTextEdit()
        self.form.addRow(self.tr("接收部门"), self.department)
        self.form.addRow(self.tr("移送日期"), self.sent)
        self.form.addRow(self.tr("办理期限"), self.due)
        self.form.addRow(self.tr("移送说明"), self.detail)
        self.resize(500, 360)

    def save(self) -> bool:
        with self.ctx.db.write() as session:
            if self.source_table == "work_order":
                referrals.dispatch_order_to_department(session, self.source_id, str(self.department.currentData()), self.ctx.user.actor,
                                                       due_on=to_date(self.due), note=self.detail.toPlainText())
            else:
                referrals.refer(session, source_table=self.source_table, source_id=self.source_id,
                                department_id=str(self.department.currentData()), sent_on=to_date(self.sent), due_on=to_date(self.due),
                                detail_note=self.detail.toPlainText(), actor=self.ctx.user.actor)
        self.ctx.notify("referral")
        self.ctx.notify("work_order")
        return True


RESULTS = ("已立案查处", "已责令整改", "已调解处理", "不予受理", "其他")


class AnswerDialog(FormDialog):
    def __init__(self, ctx: AppContext, referral_id: str, parent: QWidget | None = None) -> None:
        super().__init__(ctx, self.tr("登记部门答复"), parent)
        self.referral_id = referral_id
        self.on = date_edit()
        self.result_combo = QComboBox()
        for result in RESULTS:
            self.result_combo.addItem(result, result)
        self.answer = QPlainTextEdit()
        self.form.addRow(self.tr("答复日期"), self.on)
        self.form.addRow(self.tr("处理结果"), self.result_combo)
        self.form.addRow(self.tr("答复内容"), self.answer)
        self.resize(480, 340)

    def save(self) -> bool:
        with self.ctx.db.write() as session:
            referrals.record_answer(session, self.referral_id, answered_on=to_date(self.on), answer_note=self.answer.toPlainText(),
                                    result=str(self.result_combo.currentData()), actor=self.ctx.user.actor)
        self.ctx.notify("referral")
        return True


class DepartmentDialog(FormDialog):
    """Adds a department to the list everybody refers to."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, self.tr("新增部门"), parent)
        self.name = QLineEdit()
        self.code = QLineEdit()
        self.code.setPlaceholderText(self.tr("字母简称，如 RS"))
        self.form.addRow(self.tr("部门名称"), self.name)
        self.form.addRow(self.tr("简称代码"), self.code)
        self.resize(420, 200)

    def save(self) -> bool:
        with self.ctx.db.write() as session:
            referrals.save_department(session, self.ctx.user.actor, name=self.name.text(), code=self.code.text())
        self.ctx.notify("department")
        return True


class CampaignDialog(FormDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, self.tr("新建专项行动"), parent)
        self.name = QLineEdit()
        self.theme = QLineEdit()
        self.theme.setPlaceholderText(self.tr("如：新就业形态、一法一条例"))
        self.group = QLineEdit()
        self.start = date_edit()
        self.end = date_edit(dt.date.today() + dt.timedelta(days=60))
        for label, widget in ((self.tr("行动名称"), self.name), (self.tr("主题"), self.theme), (self.tr("对象群体"), self.group),
                              (self.tr("开始日期"), self.start), (self.tr("结束日期"), self.end)):
            self.form.addRow(label, widget)
        self.resize(480, 320)

    def save(self) -> bool:
        with self.ctx.db.write() as session:
            campaigns.create_campaign(session, name=self.name.text(), theme=self.theme.text(), target_group=self.group.text(),
                                      start_on=to_date(self.start), end_on=to_date(self.end), actor=self.ctx.user.actor)
        self.ctx.notify("campaign")
        return True


class SelectionWidget(QWidget):
    """The list a notice or a campaign goes to: a grid, an industry or a campaign's list."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.by = QComboBox()
        self.by.addItem(self.tr("按网格"), "grid")
        self.by.addItem(self.tr("按行业"), "industry")
        self.by.addItem(self.tr("专项行动名单"), "campaign")
        self.value = QComboBox()
        with ctx.db.read() as session:
            self._options = {
                "grid": [(g.name, g.id) for g in grids.all_grids(session)],
                "industry": [(i, i) for i in campaigns.industries(session)],
                "campaign": [(c.name, c.id) for c in campaigns.campaigns(session)],
            }
        layout = QFormLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addRow(self.tr("选择方式"), self.by)
        layout.addRow(self.tr("名单"), self.value)
        self.by.currentIndexChanged.connect(self._fill)
        self._fill()

    def _fill(self) -> None:
        self.value.clear()
        for label, data in self._options[str(self.by.currentData())]:
            self.value.addItem(label, data)

    def selection(self) -> campaigns.Selection:
        chosen = self.value.currentData()
        if chosen is None:
            raise ValueError(self.tr("请选择名单"))
        return campaigns.Selection(**{f"{self.by.currentData()}_id" if self.by.currentData() != "industry" else "industry": chosen})


class AddToCampaignDialog(FormDialog):
    def __init__(self, ctx: AppContext, campaign_id: str, parent: QWidget | None = None) -> None:
        super().__init__(ctx, self.tr("添加行动企业"), parent)
        self.campaign_id = campaign_id
        self.selection = SelectionWidget(ctx, self)
        self.selection.by.removeItem(2)
        self.form.addRow(self.selection)
        self.resize(460, 220)

    def save(self) -> bool:
        with self.ctx.db.write() as session:
            ids = campaigns.select_enterprises(session, self.selection.selection())
            campaigns.add_enterprises(session, self.campaign_id, ids, self.ctx.user.actor)
        self.ctx.notify("campaign")
        return True


class NoticeDialog(FormDialog):
    """The notice's text and its list; issuing runs after the dialog closes, off the GUI thread."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, self.tr("发出公开提示"), parent)
        from app.documents.cases_docs import load_case_template

        template = load_case_template("public_notice", ctx.paths.root)
        self.notice_id: str | None = None
        self.enterprise_ids: list[str] = []
        self.title_edit = QLineEdit(str(template.get("title", "")))
        self.theme = QLineEdit()
        self.body = QPlainTextEdit(str(template.get("body", "")))
        self.body.setMinimumHeight(220)
        self.selection = SelectionWidget(ctx, self)
        self.form.addRow(self.tr("标题"), self.title_edit)
        self.form.addRow(self.tr("主题"), self.theme)
        self.form.addRow(self.tr("正文"), self.body)
        self.form.addRow(self.selection)

    def save(self) -> bool:
        with self.ctx.db.write() as session:
            selection = self.selection.selection()
            ids = campaigns.select_enterprises(session, selection)
            if not ids:
                raise ValueError(self.tr("所选名单中没有企业"))
            notice = campaigns.create_notice(session, title=self.title_edit.text(), body_text=self.body.toPlainText(),
                                             selection=selection, actor=self.ctx.user.actor, theme=self.theme.text())
            self.notice_id, self.enterprise_ids = notice.id, ids
        return True


class RolesDialog(FormDialog):
    def __init__(self, ctx: AppContext, inspector_id: str, name: str, parent: QWidget | None = None) -> None:
        super().__init__(ctx, self.tr("{name} 的角色").format(name=name), parent)
        self.inspector_id = inspector_id
        with ctx.db.read() as session:
            have = set(worklogs.roles_of(session, inspector_id))
        self.boxes: dict[str, QCheckBox] = {}
        for role in rules.PersonRole:
            box = QCheckBox(labels.role_label(role.value))
            box.setChecked(role.value in have)
            self.boxes[role.value] = box
            self.form.addRow(box)
        self.resize(380, 300)

    def save(self) -> bool:
        with self.ctx.db.write() as session:
            worklogs.set_roles(session, self.inspector_id, [r for r, b in self.boxes.items() if b.isChecked()], self.ctx.user.actor)
        self.ctx.notify("person_role")
        return True


class WorkLogDialog(FormDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, self.tr("记工作日志"), parent)
        with ctx.db.read() as session:
            people = grids.all_inspectors(session)
            self.grid = self.grid_combo(session)
            names = enterprise_names(session)
        self.person = QComboBox()
        for p in people:
            self.person.addItem(p.name, p.id)
        if ctx.user.inspector_id:
            self.person.setCurrentIndex(max(0, self.person.findData(ctx.user.inspector_id)))
        self.role = QComboBox()
        self.role.addItem(self.tr("（按本人角色）"), "")
        for role in rules.PersonRole:
            self.role.addItem(labels.role_label(role.value), role.value)
        self.kind = QComboBox()
        for kind in rules.WorkKind:
            self.kind.addItem(labels.work_kind_label(kind.value), kind.value)
        self.day = date_edit()
        self.enterprise = QLineEdit()
        self.completer_for(self.enterprise, names)
        self.topic = QLineEdit()
        self.topic.setPlaceholderText(self.tr("巡查内容、宣讲所用案例等"))
        self.hours = QDoubleSpinBox()
        self.hours.setRange(0, 24)
        self.raised = QSpinBox()
        self.raised.setRange(0, 999)
        self.resolved = QSpinBox()
        self.resolved.setRange(0, 999)
        for label, widget in (
            (self.tr("记录人"), self.person), (self.tr("角色"), self.role), (self.tr("工作类型"), self.kind), (self.tr("日期"), self.day),
            (self.tr("网格"), self.grid), (self.tr("企业"), self.enterprise), (self.tr("内容"), self.topic), (self.tr("时长（小时）"), self.hours),
            (self.tr("发现问题数"), self.raised), (self.tr("推动解决数"), self.resolved),
        ):
            self.form.addRow(label, widget)

    def save(self) -> bool:
        with self.ctx.db.write() as session:
            firm = find_enterprise(session, self.enterprise.text())
            if self.enterprise.text().strip() and firm is None:
                raise ValueError(self.tr("企业“{name}”不在企业档案中").format(name=self.enterprise.text().strip()))
            worklogs.add_log(session, {
                "inspector_id": self.person.currentData(), "role": self.role.currentData(), "kind": self.kind.currentData(),
                "work_date": to_date(self.day), "grid_id": (firm.grid_id if firm else None) or self.grid.currentData(),
                "enterprise_id": firm.id if firm else None, "topic": self.topic.text(), "hours": self.hours.value(),
                "problems_raised": self.raised.value(), "problems_resolved": self.resolved.value(),
            }, self.ctx.user.actor)
        self.ctx.notify("work_log")
        return True


class WeightsDialog(FormDialog):
    """The early-warning weights the office tunes; saved as its own copy in the data folder."""

    def __init__(self, ctx: AppContext, on_saved: Callable[[], None] | None = None, parent: QWidget | None = None) -> None:
        super().__init__(ctx, self.tr("预警规则权重"), parent)
        from app.core.cases.risk import RULES
        from app.planning import risk

        self._on_saved = on_saved
        settings = risk.load_settings(ctx.paths.root)
        self.window_days = settings.window_days
        self.spins: dict[str, QDoubleSpinBox] = {}
        note = QLabel(self.tr("每条规则的分值 = 权重 × 信号值；企业得分为各项之和。保存后本机使用修改后的权重。"))
        note.setWordWrap(True)
        self.form.addRow(note)
        for rule in RULES:
            spin = QDoubleSpinBox()
            spin.setRange(0, 1000)
            spin.setValue(settings.weights.weights[rule])
            self.spins[rule] = spin
            self.form.addRow(labels.rule_label(rule), spin)
        self.high = QDoubleSpinBox()
        self.high.setRange(1, 10000)
        self.high.setValue(settings.weights.levels["high"])
        self.medium = QDoubleSpinBox()
        self.medium.setRange(1, 10000)
        self.medium.setValue(settings.weights.levels["medium"])
        self.form.addRow(self.tr("高风险分数线"), self.high)
        self.form.addRow(self.tr("中风险分数线"), self.medium)
        self._caps = settings.weights.caps
        self._threshold = settings.weights.headcount_drop_threshold

    def save(self) -> bool:
        from app.core.cases.risk import Weights
        from app.planning import risk

        if self.medium.value() >= self.high.value():
            raise ValueError(self.tr("中风险分数线应低于高风险分数线"))
        weights = Weights(weights={k: s.value() for k, s in self.spins.items()}, caps=dict(self._caps),
                          levels={"high": self.high.value(), "medium": self.medium.value()}, headcount_drop_threshold=self._threshold)
        risk.save_office_copy(self.ctx.paths.root, weights, self.window_days)
        if self._on_saved is not None:
            self._on_saved()
        return True


class CampaignResultDialog(FormDialog):
    """What a campaign's check of one enterprise found, and what was put right."""

    def __init__(self, ctx: AppContext, campaign_id: str, parent: QWidget | None = None) -> None:
        super().__init__(ctx, self.tr("登记检查结果"), parent)
        self.campaign_id = campaign_id
        with ctx.db.read() as session:
            ids = campaigns.campaign_enterprise_ids(session, campaign_id)
            firms = session.exec(select(Enterprise).where(col(Enterprise.id).in_(ids)).order_by(col(Enterprise.name))).all()
        self.enterprise = QComboBox()
        for firm in firms:
            self.enterprise.addItem(firm.name, firm.id)
        self.checked = date_edit()
        self.found = QSpinBox()
        self.found.setRange(0, 999)
        self.resolved = QSpinBox()
        self.resolved.setRange(0, 999)
        self.note = QPlainTextEdit()
        for label, widget in ((self.tr("企业"), self.enterprise), (self.tr("检查日期"), self.checked), (self.tr("发现问题数"), self.found),
                              (self.tr("已整改数"), self.resolved), (self.tr("检查情况"), self.note)):
            self.form.addRow(label, widget)
        self.resize(480, 380)

    def save(self) -> bool:
        if self.enterprise.currentData() is None:
            raise ValueError(self.tr("该行动名单中还没有企业"))
        with self.ctx.db.write() as session:
            campaigns.record_result(session, self.campaign_id, str(self.enterprise.currentData()), checked_on=to_date(self.checked),
                                    problems_found=self.found.value(), problems_resolved=self.resolved.value(),
                                    result_note=self.note.toPlainText(), actor=self.ctx.user.actor)
        self.ctx.notify("campaign_enterprise")
        return True


class LinkDialog(FormDialog):
    """Links a case to the matter or 12351 order it came with."""

    def __init__(self, ctx: AppContext, case_id: str, parent: QWidget | None = None) -> None:
        super().__init__(ctx, self.tr("关联事项或工单"), parent)
        self.case_id = case_id
        self.kind = QComboBox()
        self.kind.addItem(self.tr("监督事项标题"), "matter")
        self.kind.addItem(self.tr("12351工单编号"), "work_order")
        self.wanted = QLineEdit()
        self.form.addRow(self.tr("关联对象"), self.kind)
        self.form.addRow(self.tr("编号或标题"), self.wanted)
        self.resize(460, 220)

    def save(self) -> bool:
        from app.store import cases as case_repo

        kind = str(self.kind.currentData())
        found = referrals.find_source(self.ctx.db, kind, self.wanted.text().strip()) if self.wanted.text().strip() else None
        if found is None:
            raise ValueError(self.tr("找不到“{n}”，请核对编号或标题").format(n=self.wanted.text().strip()))
        with self.ctx.db.write() as session:
            if kind == "matter":
                case_repo.link(session, self.case_id, matter_id=found, actor=self.ctx.user.actor)
            else:
                case_repo.link(session, self.case_id, work_order_id=found, actor=self.ctx.user.actor)
        self.ctx.notify("legal_case")
        return True

"""The 法律监督 page: one tab per part of the network, and the cases tab of the enterprise file."""

from __future__ import annotations

import datetime as dt
import threading
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QDate, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressDialog,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import text

from app.catalog import load_catalog
from app.core.cases import rules
from app.core.problems import ValidationError
from app.documents import cases_docs
from app.documents.merged_pdf import RenderCancelled
from app.planning import case_import, risk
from app.planning.geo import GridShape, bbox_of, parse_polygon
from app.planning.heatmap import HeatPoint, density
from app.store import attachments, blobs, campaigns, grids, referrals, worklogs
from app.store import cases as case_repo
from app.store.tables.cases import LegalCase, PublicNotice
from app.ui.cases import dialogs, labels
from app.ui.cases.hooks import HANDOVERS
from app.ui.cases.models import CaseTableModel, ListModel, ReceptionTableModel, ReferralTableModel
from app.ui.datapool.heatmap import HeatMapView
from app.ui.shell import background
from app.ui.shell.context import AppContext
from app.ui.shell.registry import EnterpriseTabSpec, PageSpec, add_enterprise_tab, add_page

TABLES = {"legal_case", "case_party", "case_step", "reception", "referral", "department", "campaign", "campaign_enterprise",
          "public_notice", "person_role", "work_log", "matter", "work_order", "letter", "*"}


def table_view(model: Any) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.verticalHeader().setVisible(False)
    view.horizontalHeader().setStretchLastSection(True)
    return view


def selected_id(view: QTableView) -> str | None:
    rows = view.selectionModel().selectedRows() if view.selectionModel() else []
    if not rows:
        return None
    value = view.model().data(rows[0], CaseTableModel.ID_ROLE)
    return str(value) if value else None


def save_pdf(ctx: AppContext, data: bytes, name: str) -> Path:
    """Keeps the PDF in the exports folder and opens it with the system's viewer."""
    ctx.paths.exports.mkdir(parents=True, exist_ok=True)
    safe = "".join(c if c not in '\\/:*?"<>|' else "_" for c in name)
    target = ctx.paths.exports / f"{safe}.pdf"
    target.write_bytes(data)
    ctx.status_message.emit(QCoreApplication.translate("Cases", "已保存到 {path}").format(path=str(target)))
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(target)))
    return target


class Tab(QWidget):
    """A tab with a message line; actions report their one-sentence errors there."""

    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.message = QLabel()
        self.message.setWordWrap(True)
        ctx.data_changed.connect(self._changed)

    def _changed(self, table: str) -> None:
        if table in TABLES:
            self.reload()

    def reload(self) -> None:
        raise NotImplementedError

    def say(self, text: str, error: bool = False) -> None:
        self.message.setStyleSheet("color: #b91c1c;" if error else "")
        self.message.setText(text)

    def bar(self, *widgets: QWidget) -> QHBoxLayout:
        row = QHBoxLayout()
        for w in widgets:
            row.addWidget(w)
        row.addStretch(1)
        return row

    def button(self, text: str, slot: Any) -> QPushButton:
        b = QPushButton(text)
        b.clicked.connect(slot)
        return b


class CasesTab(Tab):
    def __init__(self, ctx: AppContext, enterprise_id: str | None = None) -> None:
        super().__init__(ctx)
        self.enterprise_id = enterprise_id
        self.model = CaseTableModel(ctx.db, case_repo.CaseFilter(enterprise_id=enterprise_id), self)
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("案件编号或单位名称"))
        self.kind = QComboBox()
        self.kind.addItem(self.tr("全部类型"), None)
        for kind in rules.CaseKind:
            self.kind.addItem(labels.kind_label(kind.value), kind.value)
        self.status = QComboBox()
        self.status.addItem(self.tr("全部状态"), None)
        for status in rules.CaseStatus:
            self.status.addItem(labels.status_label(status.value), status.value)
        self.mine = QCheckBox(self.tr("只看我调解的"))
        self.view = table_view(self.model)
        self.detail = QTextBrowser()
        self.summary = QLabel()
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.view)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(self.bar(self.search, self.kind, self.status, self.mine, self.summary))
        layout.addLayout(self.bar(
            self.button(self.tr("新建案件"), self.new_case), self.button(self.tr("下一步"), self.step),
            self.button(self.tr("受理通知书"), lambda: self.document("acceptance")),
            self.button(self.tr("调解协议书"), lambda: self.document("agreement")),
            self.button(self.tr("添加材料"), self.add_document), self.button(self.tr("关联事项或工单"), self.link),
            self.button(self.tr("移送部门"), self.refer),
            self.button(self.tr("导入案件台账"), self.import_cases),
        ))
        layout.addWidget(splitter, 1)
        layout.addWidget(self.message)
        self.search.textChanged.connect(self.reload)
        self.kind.currentIndexChanged.connect(self.reload)
        self.status.currentIndexChanged.connect(self.reload)
        self.mine.toggled.connect(self.reload)
        self.view.selectionModel().currentRowChanged.connect(self.show_detail)
        self.reload()

    def reload(self) -> None:
        self.model.set_filter(case_repo.CaseFilter(query=self.search.text(), kind=self.kind.currentData(),
                                                   status=self.status.currentData(), enterprise_id=self.enterprise_id,
                                                   mediator_id=self.ctx.user.inspector_id if self.mine.isChecked() else None))
        self.summary.setText(self.tr("共 {n} 件").format(n=self.model.total))
        self.show_detail()

    def current(self) -> str | None:
        return selected_id(self.view)

    def show_detail(self, *_args: Any) -> None:
        case_id = self.current()
        if case_id is None:
            self.detail.setHtml(self.tr("选择一件案件查看当事人、步骤和材料"))
            return
        catalog = load_catalog()
        with self.ctx.db.read() as session:
            case = session.get(LegalCase, case_id)
            if case is None:
                return
            parties = case_repo.masked_parties(session, case_id)
            steps = case_repo.steps(session, case_id)
            docs = attachments.of_owner(session, "legal_case", case_id)
            refs = referrals.for_source(session, "legal_case", case_id)
            depts = {d.id: d.name for d in referrals.departments(session, active_only=False)}
        lines = [f"<h3>{case.number}</h3>", f"<p>{labels.kind_label(case.kind)} · {labels.status_label(case.status)}</p>",
                 f"<p>{self.tr('用人单位')}：{case.employer_name}</p>",
                 f"<p>{self.tr('类别')}：{catalog.label(case.category) if case.category else ''}</p>",
                 f"<p>{self.tr('请求金额')}：{labels.yuan(case.amount_claimed)} · {self.tr('追回金额')}：{labels.yuan(case.amount_recovered)}</p>",
                 f"<h4>{self.tr('当事人')}</h4>"]
        lines += [f"<p>{p['role']} {p['name']} {p['id_number']} {p['phone']}</p>" for p in parties]
        lines.append(f"<h4>{self.tr('步骤')}</h4>")
        lines += [f"<p>{s.step_date.isoformat()} {labels.action_label(s.action)}</p>" for s in steps]
        if case.matter_id or case.work_order_id:
            lines.append(f"<p>{self.tr('已关联监督事项或12351工单')}</p>")
        lines.append(f"<h4>{self.tr('材料')}</h4>")
        lines += [f"<p>{d.filename}</p>" for d in docs]
        if refs:
            lines.append(f"<h4>{self.tr('移送')}</h4>")
            lines += [f"<p>{r.sent_on.isoformat()} {depts.get(r.department_id, '')} {labels.referral_status_label(r.status)} {r.result}</p>" for r in refs]
        self.detail.setHtml("".join(lines))

    def new_case(self) -> None:
        dialog = dialogs.CaseDialog(self.ctx, self, enterprise_id=self.enterprise_id)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.say(self.tr("案件已登记"))

    def step(self) -> None:
        case_id = self.current()
        if case_id is None:
            self.say(self.tr("请先在列表中选择一件案件"), error=True)
            return
        with self.ctx.db.read() as session:
            case = session.get(LegalCase, case_id)
            status = case.status if case else "closed"
        if not rules.allowed_case_actions(status):
            self.say(self.tr("该案件已结案，没有可执行的步骤"), error=True)
            return
        dialogs.StepDialog(self.ctx, case_id, status, self).exec()

    def document(self, which: str) -> None:
        case_id = self.current()
        if case_id is None:
            self.say(self.tr("请先在列表中选择一件案件"), error=True)
            return
        try:
            with self.ctx.db.write() as session:
                rendered, attachment = cases_docs.render_case_document(
                    session, case_id, which, actor=self.ctx.user.actor, blobs_root=self.ctx.paths.blobs, data_dir=self.ctx.paths.root
                )
                name = attachment.filename.removesuffix(".pdf")
        except (ValidationError, cases_docs.CaseTemplateError) as exc:
            self.say(str(exc), error=True)
            return
        save_pdf(self.ctx, rendered.pdf, name)
        self.ctx.notify("legal_case")

    def add_document(self) -> None:
        case_id = self.current()
        if case_id is None:
            self.say(self.tr("请先在列表中选择一件案件"), error=True)
            return
        path, _ = QFileDialog.getOpenFileName(self, self.tr("选择扫描件或照片"), "", self.tr("材料 (*.pdf *.jpg *.jpeg *.png)"))
        if path:
            self.attach(case_id, Path(path))

    def attach(self, case_id: str, path: Path) -> None:
        mime = {".pdf": "application/pdf", ".png": "image/png"}.get(path.suffix.lower(), "image/jpeg")
        try:
            data = path.read_bytes()
        except OSError:
            self.say(self.tr("无法读取文件 {name}").format(name=path.name), error=True)
            return
        with self.ctx.db.write() as session:
            case = session.get(LegalCase, case_id)
            assert case is not None
            attachments.add(session, self.ctx.paths.blobs, owner_table="legal_case", owner_id=case_id, data=data, mime=mime,
                            filename=path.name[:255], kind="scan", field_id="", grid_id=case.grid_id, actor=self.ctx.user.actor)
        self.ctx.notify("legal_case")

    def link(self) -> None:
        case_id = self.current()
        if case_id is None:
            self.say(self.tr("请先在列表中选择一件案件"), error=True)
            return
        dialogs.LinkDialog(self.ctx, case_id, self).exec()

    def refer(self) -> None:
        case_id = self.current()
        if case_id is None:
            self.say(self.tr("请先在列表中选择一件案件"), error=True)
            return
        dialogs.ReferDialog(self.ctx, "legal_case", case_id, self).exec()

    def import_cases(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("选择案件台账"), "", self.tr("表格 (*.xlsx *.csv)"))
        if path:
            self.import_file(Path(path))

    def import_file(self, path: Path) -> int:
        default_grid = None
        with self.ctx.db.read() as session:
            first = grids.all_grids(session)
            default_grid = first[0].id if first else None
        try:
            with self.ctx.db.write() as session:
                plan = case_import.plan_import(session, path, default_grid_id=default_grid)
                if plan.problems:
                    shown = "\n".join(p.text() for p in plan.problems[:8])
                    more = self.tr("（另有 {n} 处）").format(n=len(plan.problems) - 8) if len(plan.problems) > 8 else ""
                    self.say(self.tr("未导入任何案件，请修改以下问题后重试：") + "\n" + shown + more, error=True)
                    return 0
                made = case_import.apply_import(session, plan, self.ctx.user.actor)
        except (ValidationError, ValueError) as exc:
            self.say(str(exc), error=True)
            return 0
        self.say(self.tr("已导入 {n} 件案件").format(n=made))
        self.ctx.notify("legal_case")
        return made


class ReceptionTab(Tab):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__(ctx)
        self.model = ReceptionTableModel(ctx.db, False, self)
        self.pending = QCheckBox(self.tr("只看待处理"))
        self.view = table_view(self.model)
        self.kind = QComboBox()
        for kind in rules.CaseKind:
            self.kind.addItem(labels.kind_label(kind.value), kind.value)
        buttons = [self.button(self.tr("登记来访"), self.receive), self.kind, self.button(self.tr("立案"), self.to_case),
                   self.button(self.tr("转监督事项"), self.to_matter), self.button(self.tr("当场解答"), self.answered)]
        buttons += [self.button(spec.label, lambda _c=False, s=spec: self.hand_over(s)) for spec in HANDOVERS]
        layout = QVBoxLayout(self)
        layout.addLayout(self.bar(self.pending, *buttons))
        layout.addWidget(self.view, 1)
        layout.addWidget(self.message)
        self.pending.toggled.connect(self.reload)
        self.reload()

    def reload(self) -> None:
        self.model.set_filter(self.pending.isChecked())

    def receive(self) -> None:
        if dialogs.ReceptionDialog(self.ctx, self).exec() == QDialog.DialogCode.Accepted:
            self.say(self.tr("来访已登记"))

    def _chosen(self) -> str | None:
        rec = selected_id(self.view)
        if rec is None:
            self.say(self.tr("请先在列表中选择一条接待记录"), error=True)
        return rec

    def to_case(self) -> None:
        rec = self._chosen()
        if rec is None:
            return
        try:
            with self.ctx.db.write() as session:
                case = case_repo.reception_to_case(session, rec, str(self.kind.currentData()), self.ctx.user.actor)
                number = case.number
        except ValidationError as exc:
            self.say(str(exc), error=True)
            return
        self.say(self.tr("已立案：{n}").format(n=number))
        self.ctx.notify("legal_case")

    def to_matter(self) -> None:
        rec = self._chosen()
        if rec is not None:
            dialogs.ToMatterDialog(self.ctx, rec, self).exec()

    def answered(self) -> None:
        rec = self._chosen()
        if rec is None:
            return
        try:
            with self.ctx.db.write() as session:
                case_repo.answer_on_the_spot(session, rec, self.ctx.user.actor)
        except ValidationError as exc:
            self.say(str(exc), error=True)
            return
        self.ctx.notify("reception")

    def hand_over(self, spec: Any) -> None:
        rec = self._chosen()
        if rec is not None:
            spec.handler(self.ctx, rec, self)


class ReferralsTab(Tab):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__(ctx)
        self.model = ReferralTableModel(ctx.db, None, self)
        self.overdue = QCheckBox(self.tr("只看逾期未答复"))
        self.view = table_view(self.model)
        self.source_kind = QComboBox()
        for source, label in (("work_order", self.tr("12351工单编号")), ("matter", self.tr("监督事项标题")), ("letter", self.tr("建议书文号"))):
            self.source_kind.addItem(label, source)
        self.order = QLineEdit()
        self.order.setPlaceholderText(self.tr("输入编号或标题"))
        layout = QVBoxLayout(self)
        layout.addLayout(self.bar(self.overdue, self.button(self.tr("登记答复"), self.answer), self.button(self.tr("办结"), self.close_one),
                                  self.button(self.tr("撤回"), self.withdraw), self.button(self.tr("新增部门"), self.add_department),
                                  self.source_kind, self.order, self.button(self.tr("移送/派往部门"), self.dispatch_order)))
        layout.addWidget(self.view, 1)
        layout.addWidget(self.message)
        self.overdue.toggled.connect(self.reload)
        self.reload()

    def reload(self) -> None:
        self.model.set_filter(referrals.ReferralFilter(overdue_only=self.overdue.isChecked()))

    def _chosen(self) -> str | None:
        ref = selected_id(self.view)
        if ref is None:
            self.say(self.tr("请先在列表中选择一条移送记录"), error=True)
        return ref

    def answer(self) -> None:
        ref = self._chosen()
        if ref is not None:
            dialogs.AnswerDialog(self.ctx, ref, self).exec()

    def _act(self, action: str) -> None:
        ref = self._chosen()
        if ref is None:
            return
        try:
            with self.ctx.db.write() as session:
                if action == "close":
                    referrals.close(session, ref, self.ctx.user.actor)
                else:
                    referrals.withdraw(session, ref, self.ctx.user.actor)
        except (ValidationError, rules.TransitionError) as exc:
            self.say(str(exc), error=True)
            return
        self.ctx.notify("referral")

    def close_one(self) -> None:
        self._act("close")

    def withdraw(self) -> None:
        self._act("withdraw")

    def add_department(self) -> None:
        dialogs.DepartmentDialog(self.ctx, self).exec()

    def dispatch_order(self) -> None:
        """A 12351 order (by number), a matter (by title) or a 建议书 (by number) to a department."""
        kind = str(self.source_kind.currentData())
        wanted = self.order.text().strip()
        found = referrals.find_source(self.ctx.db, kind, wanted) if wanted else None
        if found is None:
            self.say(self.tr("找不到“{n}”，请核对编号或标题").format(n=wanted), error=True)
            return
        dialogs.ReferDialog(self.ctx, kind, found, self).exec()


class CampaignsTab(Tab):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__(ctx)
        self.campaigns = ListModel(ctx.db, [
            ("name", self.tr("行动名称")), ("theme", self.tr("主题")), ("target_group", self.tr("对象群体")), ("period", self.tr("期间")),
            ("status", self.tr("状态")), ("enterprises", self.tr("企业数")), ("checked", self.tr("已检查")),
            ("problems_found", self.tr("发现问题")), ("problems_resolved", self.tr("已整改")),
        ], lambda s: campaigns.campaign_rows(s), self)
        self.notices = ListModel(ctx.db, [
            ("title", self.tr("公开提示")), ("selection", self.tr("名单")), ("issued_on", self.tr("发出日期")), ("letter_count", self.tr("函件数")),
        ], self._notice_rows, self)
        self.campaign_view = table_view(self.campaigns)
        self.notice_view = table_view(self.notices)
        self.progress: QProgressDialog | None = None
        layout = QVBoxLayout(self)
        layout.addLayout(self.bar(self.button(self.tr("新建专项行动"), self.new_campaign), self.button(self.tr("添加行动企业"), self.add_firms),
                                  self.button(self.tr("登记检查结果"), self.add_result)))
        layout.addWidget(self.campaign_view, 1)
        layout.addLayout(self.bar(self.button(self.tr("发出公开提示"), self.new_notice), self.button(self.tr("打开合并PDF"), self.open_pdf)))
        layout.addWidget(self.notice_view, 1)
        layout.addWidget(self.message)
        self.reload()

    @staticmethod
    def _notice_rows(session: Any) -> list[dict[str, Any]]:
        return [{"id": n.id, "title": n.title, "selection": n.selection, "issued_on": n.issued_on or "", "letter_count": n.letter_count}
                for n in campaigns.notices(session) if n.status == "issued"]

    def reload(self) -> None:
        self.campaigns.reload()
        self.notices.reload()

    def new_campaign(self) -> None:
        dialogs.CampaignDialog(self.ctx, self).exec()

    def add_firms(self) -> None:
        chosen = selected_id(self.campaign_view)
        if chosen is None:
            self.say(self.tr("请先选择一项专项行动"), error=True)
            return
        dialogs.AddToCampaignDialog(self.ctx, chosen, self).exec()

    def add_result(self) -> None:
        chosen = selected_id(self.campaign_view)
        if chosen is None:
            self.say(self.tr("请先选择一项专项行动"), error=True)
            return
        dialogs.CampaignResultDialog(self.ctx, chosen, self).exec()

    def new_notice(self) -> None:
        dialog = dialogs.NoticeDialog(self.ctx, self)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.notice_id:
            self.issue(dialog.notice_id, dialog.enterprise_ids)

    def issue(self, notice_id: str, enterprise_ids: list[str]) -> None:
        """Numbers, renders and registers off the GUI thread; cancel stops it and keeps nothing but
        the draft notice."""
        stop = threading.Event()
        self.progress = QProgressDialog(self.tr("正在生成公开提示…"), self.tr("取消"), 0, len(enterprise_ids), self)
        self.progress.setWindowModality(Qt.WindowModality.WindowModal)
        self.progress.canceled.connect(stop.set)
        self.progress.show()
        ctx = self.ctx

        def work(progress: background.Progress) -> int:
            with ctx.db.write() as session:
                notice = cases_docs.issue_public_notice(session, notice_id, enterprise_ids, actor=ctx.user.actor,
                                                        blobs_root=ctx.paths.blobs, progress=progress, cancelled=stop.is_set)
                return notice.letter_count

        self.task = background.start(ctx.pool, work, self._issued, self._failed, self._progress)

    def _progress(self, done: int, total: int) -> None:
        if self.progress is not None:
            self.progress.setMaximum(total)
            self.progress.setValue(done)

    def _issued(self, count: int) -> None:
        if self.progress is not None:
            self.progress.reset()
        self.say(self.tr("公开提示已发出：{n} 份提示函已编号登记").format(n=count))
        self.ctx.notify("public_notice")
        self.ctx.notify("letter")

    def _failed(self, exc: Exception) -> None:
        if self.progress is not None:
            self.progress.reset()
        if isinstance(exc, RenderCancelled):
            self.say(self.tr("已取消，未发出任何函件"), error=True)
        elif isinstance(exc, ValidationError | ValueError):
            self.say(str(exc), error=True)
        else:
            self.say(self.tr("生成公开提示失败，请重试"), error=True)

    def open_pdf(self) -> None:
        chosen = selected_id(self.notice_view)
        if chosen is None:
            self.say(self.tr("请先选择一份公开提示"), error=True)
            return
        with self.ctx.db.read() as session:
            notice = session.get(PublicNotice, chosen)
            from app.store.tables import Attachment

            attachment = session.get(Attachment, notice.pdf_attachment_id) if notice and notice.pdf_attachment_id else None
        if attachment is None:
            self.say(self.tr("这份公开提示没有PDF"), error=True)
            return
        save_pdf(self.ctx, blobs.read_bytes(self.ctx.paths.blobs, attachment.sha256), attachment.filename.removesuffix(".pdf"))


class PeopleTab(Tab):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__(ctx)
        self.people = ListModel(ctx.db, [("name", self.tr("姓名")), ("title", self.tr("职务")), ("roles", self.tr("角色"))],
                                lambda s: worklogs.people_with_roles(s), self)
        figure_columns = [("label", self.tr("人员/角色")), ("entries", self.tr("日志条数")), ("visits", self.tr("巡查次数")),
                          ("enterprises", self.tr("涉及企业")), ("problems_raised", self.tr("发现问题")), ("problems_resolved", self.tr("推动解决"))]
        self.since = dialogs.date_edit(dt.date.today().replace(month=1, day=1))
        self.per_person = ListModel(ctx.db, figure_columns, lambda s: [vars(f) | {"id": f.key} for f in worklogs.figures_per_person(s, self._since())], self)
        self.per_role = ListModel(ctx.db, figure_columns, lambda s: [vars(f) | {"id": f.key, "label": labels.role_label(f.key)} for f in worklogs.figures_per_role(s, self._since())], self)
        self.people_view = table_view(self.people)
        layout = QVBoxLayout(self)
        layout.addLayout(self.bar(self.button(self.tr("设置角色"), self.set_roles), self.button(self.tr("记工作日志"), self.add_log),
                                  QLabel(self.tr("统计起始日期")), self.since))
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.people_view)
        splitter.addWidget(table_view(self.per_person))
        splitter.addWidget(table_view(self.per_role))
        layout.addWidget(splitter, 1)
        layout.addWidget(self.message)
        self.since.dateChanged.connect(self.reload)
        self.reload()

    def _since(self) -> dt.date:
        return dialogs.to_date(self.since)

    def reload(self) -> None:
        self.people.reload()
        self.per_person.reload()
        self.per_role.reload()

    def set_roles(self) -> None:
        chosen = selected_id(self.people_view)
        if chosen is None:
            self.say(self.tr("请先选择一位人员"), error=True)
            return
        row = next(r for r in range(self.people.rowCount()) if self.people.row_at(r)["id"] == chosen)
        dialogs.RolesDialog(self.ctx, chosen, str(self.people.row_at(row)["name"]), self).exec()

    def add_log(self) -> None:
        dialogs.WorkLogDialog(self.ctx, self).exec()


class WarningTab(Tab):
    """预警: the scores with their reasons, industries and grids, the arrears note, the map layer."""

    def __init__(self, ctx: AppContext) -> None:
        super().__init__(ctx)
        self.scores: list[risk.Score] = []
        self.names: dict[str, tuple[str, str, float | None, float | None]] = {}
        self.enterprises = ListModel(ctx.db, [("name", self.tr("企业")), ("industry", self.tr("行业")), ("score", self.tr("风险分")),
                                              ("level", self.tr("等级")), ("reasons", self.tr("原因"))], self._enterprise_rows, self, self._format)
        self.industries = ListModel(ctx.db, [("group", self.tr("行业")), ("mean_score", self.tr("平均分")), ("flagged", self.tr("预警企业")),
                                             ("high", self.tr("高风险"))], lambda s: self._groups(s, "industry"), self)
        self.grid_rows = ListModel(ctx.db, [("group", self.tr("网格")), ("mean_score", self.tr("平均分")), ("flagged", self.tr("预警企业")),
                                            ("high", self.tr("高风险"))], lambda s: self._groups(s, "grid"), self)
        self.month = QDateEdit()
        self.month.setDisplayFormat("yyyy-MM")
        self.month.setDate(QDate(dt.date.today()))
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.map = HeatMapView()
        tabs = QTabWidget()
        tabs.addTab(table_view(self.enterprises), self.tr("预警企业"))
        tabs.addTab(table_view(self.industries), self.tr("按行业"))
        tabs.addTab(table_view(self.grid_rows), self.tr("按网格"))
        tabs.addTab(self.map, self.tr("违法线索热力图"))
        layout = QVBoxLayout(self)
        layout.addLayout(self.bar(self.button(self.tr("重新计算"), self.reload), self.button(self.tr("调整权重"), self.edit_weights),
                                  QLabel(self.tr("欠薪月报")), self.month))
        layout.addWidget(self.note)
        layout.addWidget(tabs, 1)
        layout.addWidget(self.message)
        self.month.dateChanged.connect(self._note)
        self.reload()

    def _changed(self, table: str) -> None:
        return  # scores are recomputed on request: a sync pulling thousands of rows must not trigger it each time

    def _format(self, key: str, value: Any) -> str:
        if key == "level":
            return labels.level_label(str(value))
        return "" if value is None else str(value)

    def _enterprise_rows(self, session: Any) -> list[dict[str, Any]]:
        return [{"id": s.key, "name": self.names.get(s.key, ("", ""))[0], "industry": self.names.get(s.key, ("", ""))[1],
                 "score": s.score, "level": s.level, "reasons": s.reason_text()} for s in self.scores]

    def _groups(self, session: Any, by: str) -> list[dict[str, Any]]:
        return [vars(g) | {"id": g.group} for g in risk.group_risk(session, self.scores, by)]

    def reload(self) -> None:
        try:
            settings = risk.load_settings(self.ctx.paths.root)
        except risk.WeightsError as exc:
            self.say(str(exc), error=True)
            return
        with self.ctx.db.read() as session:
            self.scores = risk.enterprise_scores(session, settings.weights, window_days=settings.window_days)
            rows = session.connection().execute(
                text("SELECT id, name, industry, longitude, latitude FROM enterprise WHERE deleted = 0")
            ).all() if self.scores else []
            self.names = {str(r[0]): (str(r[1]), str(r[2]), r[3], r[4]) for r in rows}
            shapes = [GridShape(g.id, g.code, g.name, parse_polygon(g.boundary)) for g in grids.all_grids(session)]
        self.enterprises.reload()
        self.industries.reload()
        self.grid_rows.reload()
        self._note()
        points = [HeatPoint(s.key, lon, lat, s.score, s.level == "high", False)
                  for s in self.scores if (info := self.names.get(s.key)) and (lon := info[2]) is not None and (lat := info[3]) is not None]
        every = [p for g in shapes for p in g.polygon] + [(p.lon, p.lat) for p in points]
        box = bbox_of(every)
        surface = density(points, box.padded(0.05) if box else None) if points else None
        self.map.draw(shapes, points, surface, self.tr("违法线索（按风险分加权）"))
        high = sum(1 for s in self.scores if s.level == "high")
        self.say(self.tr("预警企业 {n} 家，其中高风险 {h} 家（规则见 {file}）").format(n=len(self.scores), h=high, file=settings.path.name))

    def _note(self) -> None:
        month = dialogs.to_date(self.month)
        with self.ctx.db.read() as session:
            self.note.setText(risk.arrears_note(session, month))

    def edit_weights(self) -> None:
        dialogs.WeightsDialog(self.ctx, self.reload, self).exec()


class LegalSupervisionPage(QWidget):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.tabs = QTabWidget()
        self.cases = CasesTab(ctx)
        self.receptions = ReceptionTab(ctx)
        self.referrals = ReferralsTab(ctx)
        self.campaigns = CampaignsTab(ctx)
        self.people = PeopleTab(ctx)
        self.warning = WarningTab(ctx)
        for tab, title in ((self.cases, self.tr("案件登记")), (self.receptions, self.tr("来访接待")), (self.referrals, self.tr("移送联动")),
                           (self.campaigns, self.tr("专项行动与公开提示")), (self.people, self.tr("三员与工作日志")), (self.warning, self.tr("预警"))):
            self.tabs.addTab(tab, title)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)


add_page(PageSpec("legal_supervision", QCoreApplication.translate("Cases", "法律监督"), 58, lambda ctx: LegalSupervisionPage(ctx)))
add_enterprise_tab(EnterpriseTabSpec("cases", QCoreApplication.translate("Cases", "案件"), 58, lambda ctx, eid: CasesTab(ctx, eid)))

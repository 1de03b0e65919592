"""立法联系点: the legislative contact point's page. Consultations with their tasks and meetings and the
意见汇总 PDF; suggestions along their path (归纳 → 报送 → 采纳), one click from a suggestion to a
supervision matter; the network of units, collection points and informants; questionnaires filled from
their definition, counted per question and exported.

The office keeps this register; grid workers see what their grid returned."""

from __future__ import annotations

import datetime as dt
import mimetypes
from pathlib import Path

from PySide6.QtCharts import QBarCategoryAxis, QBarSet, QChart, QChartView, QHorizontalBarSeries, QValueAxis
from PySide6.QtCore import QCoreApplication, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QKeySequence, QPainter, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)
from sqlmodel import col, select

from app import formkit
from app.catalog import load_catalog
from app.core.legislation import MEETING_KINDS
from app.core.problems import ValidationError
from app.documents import legislation as docs
from app.documents.letter_flow import issuer_name
from app.formkit import questionnaires
from app.store import blobs
from app.store import enterprises as enterprise_repo
from app.store import legislation as repo
from app.store.tables import Grid
from app.store.tables.legislation import Consultation, Informant, Suggestion
from app.ui.legislation import dialogs
from app.ui.legislation.models import (
    ConsultationModel,
    InformantModel,
    SuggestionModel,
    meeting_kind_label,
    suggestion_status_label,
    target_kind_label,
)
from app.ui.shell.context import AppContext
from app.ui.shell.registry import PageSpec, add_page
from app.ui.widgets.dates import error_text, pydate
from app.ui.widgets.paged_model import PagedTableModel


def _table(model: PagedTableModel, multi: bool = False) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection if multi
                          else QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.verticalHeader().setVisible(False)
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setStretchLastSection(True)
    header.setMinimumSectionSize(60)
    return view


def _selected_ids(view: QTableView, model: PagedTableModel) -> list[str]:
    rows = sorted({i.row() for i in view.selectionModel().selectedRows()}) if view.selectionModel() else []
    return [str(model.row_at(r)["id"]) for r in rows]


class _Tab(QWidget):
    def __init__(self, ctx: AppContext, page: LegislationPage) -> None:
        super().__init__()
        self.ctx = ctx
        self.page = page

    def warn(self, exc: Exception | str) -> None:
        QMessageBox.warning(self, self.tr("无法完成"), exc if isinstance(exc, str) else error_text(exc))

    def reload(self) -> None:
        raise NotImplementedError


class ConsultationsTab(_Tab):
    def __init__(self, ctx: AppContext, page: LegislationPage) -> None:
        super().__init__(ctx, page)
        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("搜索草案名称或征询机关"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.apply_filter)
        bar.addWidget(self.search, 1)
        self.new_button = QPushButton(self.tr("新建征询"))
        self.tasks_button = QPushButton(self.tr("发送任务"))
        self.return_button = QPushButton(self.tr("登记反馈"))
        self.meeting_button = QPushButton(self.tr("登记会议"))
        self.summary_button = QPushButton(self.tr("意见汇总PDF"))
        self.text_button = QPushButton(self.tr("草案文本…"))
        for button, slot in ((self.new_button, self.new_consultation), (self.text_button, self.draft_text),
                             (self.tasks_button, self.send_tasks),
                             (self.return_button, self.record_return), (self.meeting_button, self.add_meeting),
                             (self.summary_button, self.export_summary)):
            button.clicked.connect(slot)
            bar.addWidget(button)
        layout.addLayout(bar)
        split = QSplitter(Qt.Orientation.Vertical)
        self.model = ConsultationModel(ctx.db, self)
        self.view = _table(self.model)
        self.view.selectionModel().selectionChanged.connect(self.show_detail)
        split.addWidget(self.view)
        self.detail = QTextBrowser()
        split.addWidget(self.detail)
        split.setSizes([300, 200])
        layout.addWidget(split, 1)
        self.reload()

    def reload(self) -> None:
        self.model.reload()
        self.view.resizeColumnToContents(0)
        self.view.setColumnWidth(0, min(max(self.view.columnWidth(0), 260), 420))
        self.show_detail()

    def apply_filter(self) -> None:
        self.model.set_filter(repo.ConsultationFilter(query=self.search.text()))

    def current(self) -> str | None:
        ids = _selected_ids(self.view, self.model)
        return ids[0] if ids else None

    def _need_current(self) -> str | None:
        cid = self.current()
        if cid is None:
            self.warn(self.tr("请先在列表中选择一项征询"))
        return cid

    def show_detail(self, *_args: object) -> None:
        cid = self.current()
        if cid is None:
            self.detail.setHtml(self.tr("选择一项征询，这里显示它的任务、会议和建议。"))
            return
        with self.ctx.db.read() as s:
            c = s.get(Consultation, cid)
            if c is None:
                return
            tasks = [(target_kind_label(t.target_kind), repo.target_name(s, t.target_kind, t.target_id), t)
                     for t in repo.tasks(s, cid)]
            meetings = repo.meetings(s, cid)
            figures = repo.consultation_figures(s, cid)
        text = self.tr("草案文本：{0}").format(c.text_name) if c.text_sha256 else self.tr("尚未附草案文本")
        parts = [f"<h3>{c.title}</h3>", f"<p>{text}</p>",
                 self.tr("<p>征询机关：{0}　反馈截止：{1}　建议 {2} 条</p>").format(
                     c.issuing_body or "—", c.deadline or "—", figures.suggestions)]
        parts.append(self.tr("<p><b>征询任务</b>（收回 {0} / 发出 {1}）</p>").format(figures.returned, figures.tasks))
        parts.append("<ul>" + "".join(
            f"<li>{kind}：{name}　{self.tr('已反馈') + ' ' + str(t.returned_on) if t.returned_on else self.tr('未反馈')}</li>"
            for kind, name, t in tasks) + "</ul>")
        parts.append(self.tr("<p><b>征询会议</b>（{0} 场，参会 {1} 人次）</p>").format(figures.meetings,
                                                                                figures.attendance))
        parts.append("<ul>" + "".join(
            f"<li>{m.held_on}　{meeting_kind_label(m.kind)}　{m.place}　{m.attendance}{self.tr('人')}</li>"
            for m in meetings) + "</ul>")
        self.detail.setHtml("".join(parts))

    def new_consultation(self) -> None:
        dialog = dialogs.ConsultationDialog(self)
        if dialog.exec() != dialogs.QDialog.DialogCode.Accepted:
            return
        try:
            with self.ctx.db.write() as s:
                repo.create_consultation(s, actor=self.ctx.user.actor, **dialog.values())
        except ValidationError as exc:
            self.warn(exc)
            return
        self.page.changed()

    def draft_text(self) -> None:
        """Opens the draft's text when it has one; otherwise asks for the file to attach."""
        cid = self._need_current()
        if cid is None:
            return
        with self.ctx.db.read() as s:
            c = s.get(Consultation, cid)
        if c is None:
            return
        if c.text_sha256:
            try:
                data = blobs.read_bytes(self.ctx.paths.blobs, c.text_sha256)
            except OSError:
                self.warn(self.tr("草案文本还没有从服务器取回，请同步后再打开"))
                return
            target = self.ctx.paths.exports / (c.text_name or f"{c.title}.pdf")
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(target)))
            return
        name, _ = QFileDialog.getOpenFileName(self, self.tr("选择草案文本"), "",
                                              self.tr("草案文本 (*.pdf *.doc *.docx *.txt *.wps *.ofd)"))
        if not name:
            return
        path = Path(name)
        mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        try:
            with self.ctx.db.write() as s:
                repo.attach_text(s, self.ctx.paths.blobs, cid, data=path.read_bytes(), filename=path.name, mime=mime,
                                 actor=self.ctx.user.actor)
        except (ValidationError, OSError) as exc:
            self.warn(exc if isinstance(exc, ValidationError) else self.tr("无法读取文件“{0}”").format(path.name))
            return
        self.page.changed()

    def send_tasks(self) -> None:
        cid = self._need_current()
        if cid is None:
            return
        with self.ctx.db.read() as s:
            targets = [("informant", i.id, f"{self.tr('立法信息员')}：{i.name}（{i.field_of_work}）")
                       for i in s.exec(select(Informant).where(col(Informant.deleted).is_(False), col(Informant.active))
                                       .order_by(col(Informant.name)))]
            targets += [("unit", u.id, f"{self.tr('联系单位')}：{u.name}") for u in repo.units(s)]
            targets += [("point", p.id, f"{self.tr('采集点')}：{p.name}（{p.town}）") for p in repo.points(s)]
        dialog = dialogs.TargetsDialog(targets, self)
        if dialog.exec() != dialogs.QDialog.DialogCode.Accepted or not dialog.chosen():
            return
        try:
            with self.ctx.db.write() as s:
                made = repo.send_tasks(s, cid, dialog.chosen(), actor=self.ctx.user.actor,
                                       sent_on=pydate(dialog.sent_on), due_on=pydate(dialog.due_on))
        except ValidationError as exc:
            self.warn(exc)
            return
        self.ctx.status_message.emit(self.tr("已发送 {0} 件征询任务").format(len(made)))
        self.page.changed()

    def record_return(self) -> None:
        cid = self._need_current()
        if cid is None:
            return
        with self.ctx.db.read() as s:
            open_tasks = [(t.id, f"{target_kind_label(t.target_kind)}：{repo.target_name(s, t.target_kind, t.target_id)}")
                          for t in repo.tasks(s, cid) if t.returned_on is None]
        if not open_tasks:
            self.warn(self.tr("这项征询没有待反馈的任务"))
            return
        dialog = dialogs.ReturnDialog(open_tasks, self)
        if dialog.exec() != dialogs.QDialog.DialogCode.Accepted:
            return
        try:
            with self.ctx.db.write() as s:
                repo.record_return(s, str(dialog.task.currentData()), returned_on=pydate(dialog.returned_on),
                                   note=dialog.note.text(), suggestions=dialog.suggestions(), actor=self.ctx.user.actor)
        except ValidationError as exc:
            self.warn(exc)
            return
        self.page.changed()

    def add_meeting(self) -> None:
        cid = self._need_current()
        if cid is None:
            return
        dialog = dialogs.MeetingDialog([(k, meeting_kind_label(k)) for k in MEETING_KINDS], self)
        if dialog.exec() != dialogs.QDialog.DialogCode.Accepted:
            return
        try:
            with self.ctx.db.write() as s:
                repo.add_meeting(s, cid, kind=str(dialog.kind.currentData()), held_on=pydate(dialog.held_on),
                                 place=dialog.place.text(), attendance=dialog.attendance.value(),
                                 note=dialog.note.toPlainText(), actor=self.ctx.user.actor)
        except ValidationError as exc:
            self.warn(exc)
            return
        self.page.changed()

    def export_summary(self) -> None:
        cid = self._need_current()
        if cid is None:
            return
        issuer = self._issuer()
        with self.ctx.db.read() as s:
            c = s.get(Consultation, cid)
            number = c.summary_number if c is not None else ""
        dialog = dialogs.SendDialog(0, self)
        dialog.setWindowTitle(self.tr("意见汇总"))
        dialog.form.removeRow(0)
        dialog.number.setText(number)
        if dialog.exec() != dialogs.QDialog.DialogCode.Accepted:
            return
        if not dialog.number.text().strip():
            self.warn(self.tr("请填写意见汇总的文号"))
            return
        info = docs.SummaryInput(issuer=issuer, signature=issuer, number=dialog.number.text().strip(),
                                 date=pydate(dialog.sent_on))
        try:
            with self.ctx.db.read() as s:
                rendered = docs.render_summary(s, cid, info)
        except ValueError as exc:
            self.warn(str(exc))
            return
        default = str(self.ctx.paths.exports / self.tr("意见汇总.pdf"))
        target, _ = QFileDialog.getSaveFileName(self, self.tr("保存意见汇总"), default, self.tr("PDF 文件 (*.pdf)"))
        if not target:
            return
        Path(target).write_bytes(rendered.pdf)
        with self.ctx.db.write() as s:
            repo.set_consultation_status(s, cid, "summarised", self.ctx.user.actor, number=info.number)
        self.ctx.status_message.emit(self.tr("意见汇总已保存：{0}").format(target))
        self.page.changed()

    def _issuer(self) -> str:
        """The same issuer the letters print (the setting, else the district's union)."""
        with self.ctx.db.read() as s:
            return issuer_name(s)


class SuggestionsTab(_Tab):
    def __init__(self, ctx: AppContext, page: LegislationPage) -> None:
        super().__init__(ctx, page)
        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.consultation = QComboBox()
        self.consultation.setMinimumWidth(220)
        self.status = QComboBox()
        self.status.addItem(self.tr("全部状态"), None)
        self.status.addItem(self.tr("待办（已收集、已报送）"), "open")
        for key in ("collected", "summarised", "sent", "adopted", "partly_adopted", "not_adopted"):
            self.status.addItem(suggestion_status_label(key), key)
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("搜索建议内容或条款"))
        self.search.setClearButtonEnabled(True)
        for w in (self.consultation, self.status):
            w.currentIndexChanged.connect(self.apply_filter)
        self.search.textChanged.connect(self.apply_filter)
        bar.addWidget(self.consultation)
        bar.addWidget(self.status)
        bar.addWidget(self.search, 1)
        layout.addLayout(bar)
        actions = QHBoxLayout()
        self.count_label = QLabel()
        actions.addWidget(self.count_label, 1)
        self.buttons: dict[str, QPushButton] = {}
        for key, label, slot in (
            ("new", self.tr("新增建议"), self.new_suggestion),
            ("merge", self.tr("归纳所选"), self.merge),
            ("send", self.tr("报送所选"), self.send),
            ("decide", self.tr("记录采纳结果"), self.decide),
            ("matter", self.tr("转为监督事项"), self.to_matter),
        ):
            button = QPushButton(label)
            button.clicked.connect(slot)
            actions.addWidget(button)
            self.buttons[key] = button
        layout.addLayout(actions)
        self.model = SuggestionModel(ctx.db, self)
        self.view = _table(self.model, multi=True)
        self.view.doubleClicked.connect(lambda _i: self.show_sources())
        layout.addWidget(self.view, 1)
        self.reload()

    def reload(self) -> None:
        current = self.consultation.currentData()
        self.consultation.blockSignals(True)
        self.consultation.clear()
        self.consultation.addItem(self.tr("全部草案"), None)
        with self.ctx.db.read() as s:
            for c in repo.consultations(s):
                self.consultation.addItem(c.title, c.id)
        index = self.consultation.findData(current)
        self.consultation.setCurrentIndex(max(index, 0))
        self.consultation.blockSignals(False)
        self.apply_filter()

    def apply_filter(self) -> None:
        self.model.set_filter(repo.SuggestionFilter(consultation_id=self.consultation.currentData(),
                                                    status=self.status.currentData(), query=self.search.text()))
        self.count_label.setText(self.tr("共 {0} 条").format(self.model.total))
        self.view.setColumnWidth(3, 360)

    def selected(self) -> list[str]:
        return _selected_ids(self.view, self.model)

    def _lists(self) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
        with self.ctx.db.read() as s:
            consultations = [(c.id, c.title) for c in repo.consultations(s)]
            informants = [(i.id, i.name) for i in s.exec(select(Informant).where(col(Informant.deleted).is_(False))
                                                          .order_by(col(Informant.name)))]
        return consultations, informants

    def new_suggestion(self) -> None:
        consultations, informants = self._lists()
        if not consultations:
            self.warn(self.tr("请先新建一项征询，再登记对它的建议"))
            return
        dialog = dialogs.SuggestionDialog(consultations, informants, parent=self)
        index = dialog.consultation.findData(self.consultation.currentData())
        if index >= 0:
            dialog.consultation.setCurrentIndex(index)
        if dialog.exec() != dialogs.QDialog.DialogCode.Accepted:
            return
        try:
            with self.ctx.db.write() as s:
                informant_id = dialog.informant.currentData()
                informant = s.get(Informant, informant_id) if informant_id else None
                repo.add_suggestion(s, content=dialog.content.toPlainText(), article=dialog.article.text(),
                                    consultation_id=dialog.consultation.currentData(),
                                    source_kind=str(dialog.source.currentData()), informant_id=informant_id,
                                    unit_id=informant.unit_id if informant else None,
                                    collected_on=pydate(dialog.collected_on),
                                    grid_id=informant.grid_id if informant else None, actor=self.ctx.user.actor)
        except ValidationError as exc:
            self.warn(exc)
            return
        self.page.changed()

    def merge(self) -> None:
        ids = self.selected()
        if len(ids) < 2:
            self.warn(self.tr("归纳至少需要选择两条建议（按住 Ctrl 多选）"))
            return
        with self.ctx.db.read() as s:
            texts = [row.content for i in ids if (row := s.get(Suggestion, i)) is not None]
        dialog = dialogs.MergeDialog(texts, self)
        if dialog.exec() != dialogs.QDialog.DialogCode.Accepted:
            return
        if not dialog.content.toPlainText().strip():
            self.warn(self.tr("请写出归纳后的建议"))
            return
        try:
            with self.ctx.db.write() as s:
                repo.merge(s, ids, content=dialog.content.toPlainText(), article=dialog.article.text(),
                           actor=self.ctx.user.actor)
        except ValidationError as exc:
            self.warn(exc)
            return
        self.page.changed()

    def send(self) -> None:
        ids = self.selected()
        if not ids:
            self.warn(self.tr("请先选择要报送的建议"))
            return
        dialog = dialogs.SendDialog(len(ids), self)
        if dialog.exec() != dialogs.QDialog.DialogCode.Accepted:
            return
        try:
            with self.ctx.db.write() as s:
                repo.send(s, ids, number=dialog.number.text(), sent_on=pydate(dialog.sent_on),
                          actor=self.ctx.user.actor)
        except ValidationError as exc:
            self.warn(exc)
            return
        self.page.changed()

    def decide(self) -> None:
        ids = self.selected()
        if len(ids) != 1:
            self.warn(self.tr("请选择一条已报送的建议"))
            return
        dialog = dialogs.DecisionDialog(self)
        if dialog.exec() != dialogs.QDialog.DialogCode.Accepted:
            return
        try:
            with self.ctx.db.write() as s:
                repo.decide(s, ids[0], outcome=str(dialog.outcome.currentData()), law=dialog.law.text(),
                            article=dialog.article.text(), decided_on=pydate(dialog.decided_on),
                            actor=self.ctx.user.actor)
        except ValidationError as exc:
            self.warn(exc)
            return
        self.page.changed()

    def to_matter(self) -> None:
        ids = self.selected()
        if len(ids) != 1:
            self.warn(self.tr("请选择一条反映违法问题的建议"))
            return
        with self.ctx.db.read() as s:
            row = s.get(Suggestion, ids[0])
            hits = enterprise_repo.page(s, enterprise_repo.EnterpriseFilter(), 0, 500)
        if row is None:
            return
        if row.matter_id:
            self.warn(self.tr("这条建议已经转为监督事项"))
            return
        catalog = load_catalog()
        dialog = dialogs.ToMatterDialog([(str(h["id"]), str(h["name"])) for h in hits],
                                        [(c.code, c.label) for c in catalog.categories], self)
        if dialog.exec() != dialogs.QDialog.DialogCode.Accepted:
            return
        enterprise_id = dialog.enterprise.currentData()
        typed = dialog.enterprise.currentText().strip()
        if typed and dialog.enterprise.itemText(dialog.enterprise.currentIndex()) != typed:
            with self.ctx.db.read() as s:
                found = enterprise_repo.page(s, enterprise_repo.EnterpriseFilter(query=typed), 0, 2)
            enterprise_id = found[0]["id"] if len(found) == 1 else None
        if not enterprise_id:
            self.warn(self.tr("找不到这家企业，请从列表中选择，或输入完整的企业名称"))
            return
        try:
            with self.ctx.db.write() as s:
                matter = repo.to_matter(s, ids[0], enterprise_id=str(enterprise_id),
                                        category=str(dialog.category.currentData()), actor=self.ctx.user.actor)
        except ValidationError as exc:
            self.warn(exc)
            return
        self.ctx.status_message.emit(self.tr("已登记监督事项：{0}").format(matter.title))
        self.ctx.data_changed.emit("matter")
        self.page.changed()

    def show_sources(self) -> None:
        ids = self.selected()
        if len(ids) != 1:
            return
        with self.ctx.db.read() as s:
            row = s.get(Suggestion, ids[0])
            sources = repo.sources(s, ids[0]) if row is not None and row.is_summary else []
        if row is None:
            return
        text = row.content
        if sources:
            text += "\n\n" + self.tr("归纳自：") + "\n" + "\n".join(f"· {x.content}" for x in sources)
        QMessageBox.information(self, self.tr("建议"), text)


class NetworkTab(_Tab):
    def __init__(self, ctx: AppContext, page: LegislationPage) -> None:
        super().__init__(ctx, page)
        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("搜索信息员、领域、单位或采集点"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.apply_filter)
        bar.addWidget(self.search, 1)
        self.summary = QLabel()
        bar.addWidget(self.summary)
        for kind, label in (("unit", self.tr("新增联系单位")), ("point", self.tr("新增采集点")),
                            ("informant", self.tr("新增信息员"))):
            button = QPushButton(label)
            button.clicked.connect(lambda _c=False, k=kind: self.add(k))
            bar.addWidget(button)
        layout.addLayout(bar)
        self.model = InformantModel(ctx.db, self)
        self.view = _table(self.model)
        layout.addWidget(self.view, 1)
        self.reload()

    def reload(self) -> None:
        self.apply_filter()
        with self.ctx.db.read() as s:
            units, points = len(repo.units(s)), len(repo.points(s))
            informants = repo.count_informants(s, repo.InformantFilter())
        self.summary.setText(self.tr("联系单位 {0} 个 · 采集点 {1} 个 · 信息员 {2} 名").format(units, points, informants))

    def apply_filter(self) -> None:
        self.model.set_filter(repo.InformantFilter(query=self.search.text()))

    def add(self, kind: str) -> None:
        with self.ctx.db.read() as s:
            units = [(u.id, u.name) for u in repo.units(s)]
            points = [(p.id, f"{p.name}（{p.town}）") for p in repo.points(s)]
            grids = [(g.id, g.name) for g in s.exec(select(Grid).where(col(Grid.deleted).is_(False))
                                                    .order_by(col(Grid.code)))]
        dialog = dialogs.NetworkDialog(kind, units, points, grids, self)
        if dialog.exec() != dialogs.QDialog.DialogCode.Accepted:
            return
        actor = self.ctx.user.actor
        grid_id = dialog.grid.currentData()
        try:
            with self.ctx.db.write() as s:
                if kind == "unit":
                    repo.add_unit(s, name=dialog.name.text(), kind=dialog.extra.text(),
                                  contact_phone=dialog.phone.text(), grid_id=grid_id, actor=actor)
                elif kind == "point":
                    repo.add_point(s, name=dialog.name.text(), town=dialog.extra.text(),
                                   unit_id=dialog.unit.currentData(), grid_id=grid_id, actor=actor)
                else:
                    repo.add_informant(s, name=dialog.name.text(), field_of_work=dialog.extra.text(),
                                       unit_id=dialog.unit.currentData(), point_id=dialog.point.currentData(),
                                       phone=dialog.phone.text(), grid_id=grid_id, actor=actor)
        except ValidationError as exc:
            self.warn(exc)
            return
        self.page.changed()


class QuestionnairesTab(_Tab):
    def __init__(self, ctx: AppContext, page: LegislationPage) -> None:
        super().__init__(ctx, page)
        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.form = QComboBox()
        for form_id, version, title in questionnaires.questionnaire_ids():
            self.form.addItem(title, (form_id, version))
        self.consultation = QComboBox()
        self.consultation.setMinimumWidth(200)
        self.counts = QLabel()
        self.fill_button = QPushButton(self.tr("填写问卷"))
        self.fill_button.clicked.connect(self.fill)
        self.export_button = QPushButton(self.tr("导出XLSX"))
        self.export_button.clicked.connect(self.export)
        bar.addWidget(self.form, 1)
        bar.addWidget(self.consultation)
        bar.addWidget(self.counts)
        bar.addWidget(self.fill_button)
        bar.addWidget(self.export_button)
        layout.addLayout(bar)
        split = QSplitter(Qt.Orientation.Horizontal)
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels([self.tr("题目"), self.tr("选项或指标"), self.tr("人数"),
                                              self.tr("占有效问卷")])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        self.table.setColumnWidth(0, 220)
        self.table.setColumnWidth(1, 200)
        self.table.itemSelectionChanged.connect(self.show_chart)
        split.addWidget(self.table)
        self.chart_view = QChartView()
        self.chart_view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.chart_view.setMinimumWidth(280)
        split.addWidget(self.chart_view)
        split.setSizes([600, 360])
        layout.addWidget(split, 1)
        self.form.currentIndexChanged.connect(self.reload_tally)
        self.consultation.currentIndexChanged.connect(self.reload_tally)
        self._tallies: list[questionnaires.QuestionTally] = []
        self._rows: list[tuple[str, str, int, str, str]] = []
        self.reload()

    def reload(self) -> None:
        current = self.consultation.currentData()
        self.consultation.blockSignals(True)
        self.consultation.clear()
        self.consultation.addItem(self.tr("全部征询"), None)
        with self.ctx.db.read() as s:
            for c in repo.consultations(s):
                self.consultation.addItem(c.title, c.id)
        self.consultation.setCurrentIndex(max(self.consultation.findData(current), 0))
        self.consultation.blockSignals(False)
        self.reload_tally()

    def _definition(self) -> formkit.FormDefinition | None:
        data = self.form.currentData()
        return formkit.load(data[0], data[1]) if data else None

    def reload_tally(self) -> None:
        definition = self._definition()
        self.table.setRowCount(0)
        if definition is None:
            self.counts.setText(self.tr("没有问卷定义"))
            return
        with self.ctx.db.read() as s:
            valid, invalid = repo.return_counts(s, definition.id, self.consultation.currentData())
            rows = repo.returns(s, definition.id, self.consultation.currentData())
        self.counts.setText(self.tr("有效问卷 {0} 份，无效 {1} 份").format(valid, invalid))
        self._tallies = questionnaires.tally(definition, rows)
        self._rows = []
        for t in self._tallies:
            if t.options:
                for label, n in t.options:
                    share = f"{n * 100 / valid:.1f}%" if valid else "—"
                    self._rows.append((t.label, label, n, share, t.field_id))
            elif t.mean is not None:
                self._rows.append((t.label, self.tr("平均 {0:.1f}（最小 {1:g}，最大 {2:g}）").format(
                    t.mean, t.minimum or 0, t.maximum or 0), t.answered, "", t.field_id))
            else:
                self._rows.append((t.label, self.tr("文字回答"), len(t.texts), "", t.field_id))
        self.table.setRowCount(len(self._rows))
        for r, (question, option, n, share, _fid) in enumerate(self._rows):
            first = r == 0 or self._rows[r - 1][4] != _fid
            for c, value in enumerate((question if first else "", option, str(n), share)):
                item = QTableWidgetItem(value)
                if c >= 2:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(r, c, item)
        if self._rows:
            self.table.selectRow(0)
        self.show_chart()

    def show_chart(self) -> None:
        chart = QChart()
        chart.legend().setVisible(False)
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        tally = None
        if rows and rows[0].row() < len(self._rows):
            field_id = self._rows[rows[0].row()][4]
            tally = next((t for t in self._tallies if t.field_id == field_id), None)
        if tally is not None and tally.options:
            chart.setTitle(tally.label)
            bars = QBarSet(self.tr("人数"))
            options = list(reversed(tally.options))  # the first option on top
            for _label, n in options:
                bars.append(n)
            series = QHorizontalBarSeries()
            series.append(bars)
            series.setLabelsVisible(True)
            chart.addSeries(series)
            axis_y = QBarCategoryAxis()
            axis_y.append([label for label, _n in options])
            chart.addAxis(axis_y, Qt.AlignmentFlag.AlignLeft)
            series.attachAxis(axis_y)
            axis_x = QValueAxis()
            axis_x.setRange(0, max([n for _l, n in options] + [1]))
            axis_x.setLabelFormat("%d")
            axis_x.applyNiceNumbers()
            chart.addAxis(axis_x, Qt.AlignmentFlag.AlignBottom)
            series.attachAxis(axis_x)
        self.chart_view.setChart(chart)

    def fill(self) -> None:
        definition = self._definition()
        if definition is None:
            return
        dialog = dialogs.QuestionnaireDialog(definition, self)
        while dialog.exec() == dialogs.QDialog.DialogCode.Accepted:
            try:
                with self.ctx.db.write() as s:
                    saved = questionnaires.record(s, definition, dialog.answers(), actor=self.ctx.user.actor,
                                                  consultation_id=self.consultation.currentData())
            except ValidationError as exc:
                problem = exc.problems[0]
                dialog.show_problem(problem.field, problem.message)
                continue
            if not saved.valid:
                self.ctx.status_message.emit(self.tr("问卷已保存，计为无效问卷：{0}").format(saved.invalid_reason))
            self.page.changed()
            break

    def export(self) -> None:
        definition = self._definition()
        if definition is None:
            return
        with self.ctx.db.read() as s:
            rows = repo.returns(s, definition.id, self.consultation.currentData(), valid_only=False)
        header, table = questionnaires.answer_table(definition, rows)
        default = str(self.ctx.paths.exports / f"{definition.title}.xlsx")
        target, _ = QFileDialog.getSaveFileName(self, self.tr("导出问卷"), default, self.tr("Excel 工作簿 (*.xlsx)"))
        if not target:
            return
        docs.export_questionnaire(definition.title, [r[:4] for r in self._rows], header, table, Path(target))
        self.ctx.status_message.emit(self.tr("问卷已导出：{0}").format(target))


class LegislationPage(QWidget):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        layout = QVBoxLayout(self)
        self.figures = QLabel()
        self.figures.setWordWrap(True)
        layout.addWidget(self.figures)
        self.tabs = QTabWidget()
        self.consultations = ConsultationsTab(ctx, self)
        self.suggestions = SuggestionsTab(ctx, self)
        self.network = NetworkTab(ctx, self)
        self.questionnaires = QuestionnairesTab(ctx, self)
        self.tabs.addTab(self.consultations, self.tr("征询"))
        self.tabs.addTab(self.suggestions, self.tr("建议"))
        self.tabs.addTab(self.network, self.tr("信息员网络"))
        self.tabs.addTab(self.questionnaires, self.tr("问卷"))
        layout.addWidget(self.tabs, 1)
        QShortcut(QKeySequence.StandardKey.New, self, self._new)
        ctx.data_changed.connect(self._on_data_changed)
        self._show_figures()

    def _new(self) -> None:
        current = self.tabs.currentWidget()
        if current is self.consultations:
            self.consultations.new_consultation()
        elif current is self.suggestions:
            self.suggestions.new_suggestion()
        elif current is self.network:
            self.network.add("informant")
        else:
            self.questionnaires.fill()

    def changed(self) -> None:
        self.ctx.data_changed.emit("lf_suggestion")

    def _on_data_changed(self, table: str) -> None:
        if table == "*" or table.startswith("lf_"):
            for tab in (self.consultations, self.suggestions, self.network, self.questionnaires):
                tab.reload()
            self._show_figures()

    def _show_figures(self) -> None:
        year = dt.date.today().year
        with self.ctx.db.read() as s:
            f = repo.year_figures(s, year)
        self.figures.setText(self.tr(
            "{0}年：参与征询 {1} 项，召开会议 {2} 场，收集建议 {3} 条，报送 {4} 条，"
            "采纳 {5} 条（其中部分采纳 {6} 条），涉及法律法规 {7} 部，有效问卷 {8} 份").format(
            year, f.consultations, f.meetings, f.suggestions, f.sent, f.adopted + f.partly_adopted, f.partly_adopted,
            f.laws_adopting, f.questionnaires_valid))


def _factory(ctx: AppContext) -> QWidget:
    return LegislationPage(ctx)


add_page(PageSpec("legislation", QCoreApplication.translate("Legislation", "立法联系点"), 70, _factory))


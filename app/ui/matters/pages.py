"""监督事项: the list of supervision matters (filters, overdue in red, counts), the matter dialog with
its facts, legal basis from the catalog, deadline, the steps of the closed loop and the history, and
the 监督事项 tab of the enterprise file."""

from __future__ import annotations

import datetime as dt
import html
import json
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)
from sqlmodel import col, select

from app.catalog import load_catalog
from app.core.matters import MatterAction, MatterStatus, available_actions
from app.core.problems import ValidationError
from app.core.violations import basis_text
from app.store import letters as letter_repo
from app.store import matters as repo
from app.store.tables import Enterprise, Grid, Inspector, Visit
from app.store.tables.matters import Matter
from app.ui.letters import LetterTableModel, letter_kind_label
from app.ui.matters.models import (
    MatterTableModel,
    matter_action_label,
    matter_source_label,
    matter_status_label,
)
from app.ui.shell.context import AppContext
from app.ui.shell.registry import EnterpriseTabSpec, PageSpec, add_enterprise_tab, add_page
from app.ui.widgets.dates import date_edit, error_text, pydate, qdate
from app.ui.widgets.paged_model import selected_id


def _category_combo(selected: str | None = None) -> QComboBox:
    combo = QComboBox()
    for category in load_catalog().categories:
        combo.addItem(category.label, category.code)
    if selected:
        combo.setCurrentIndex(max(0, combo.findData(selected)))
    return combo


class NewMatterDialog(QDialog):
    """登记监督事项: from a visit of the enterprise (its problem summary becomes the facts), a 12351
    work order, or an informant."""

    def __init__(self, ctx: AppContext, enterprise_id: str | None = None, parent: QWidget | None = None,
                 visit_id: str | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.matter_id: str | None = None
        self.setWindowTitle(self.tr("登记监督事项"))
        self.resize(640, 520)
        form = QFormLayout()
        self.enterprise = QComboBox()
        self.enterprise.setEditable(False)
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("输入企业名称查找"))
        self.search.textChanged.connect(self._find_enterprises)
        if enterprise_id is None:
            form.addRow(self.tr("查找企业"), self.search)
        form.addRow(self.tr("企业"), self.enterprise)
        self.source = QComboBox()
        for value in ("visit", "hotline", "informant"):
            self.source.addItem(matter_source_label(value), value)
        form.addRow(self.tr("来源"), self.source)
        self.visit = QComboBox()
        form.addRow(self.tr("走访记录"), self.visit)
        self.reference = QLineEdit()
        self.reference.setPlaceholderText(self.tr("12351工单编号"))
        form.addRow(self.tr("工单"), self.reference)
        self.informant = QLineEdit()
        self.informant.setPlaceholderText(self.tr("反映人（可匿名）"))
        form.addRow(self.tr("反映人"), self.informant)
        self.category = _category_combo()
        form.addRow(self.tr("违法类别"), self.category)
        self.facts = QPlainTextEdit()
        self.facts.setPlaceholderText(self.tr("发现的事实：时间、地点、涉及人数、金额……"))
        form.addRow(self.tr("事实"), self.facts)
        self.error = QLabel()
        self.error.setStyleSheet("color: #b91c1c")
        self.error.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.enterprise.currentIndexChanged.connect(self._load_visits)
        self.source.currentIndexChanged.connect(self._source_changed)
        self.visit.currentIndexChanged.connect(self._visit_changed)
        if enterprise_id is not None:
            with ctx.db.read() as session:
                ent = session.get(Enterprise, enterprise_id)
            self.enterprise.addItem(ent.name if ent else enterprise_id, enterprise_id)
            self._load_visits()
        if visit_id is not None:
            self.visit.setCurrentIndex(max(0, self.visit.findData(visit_id)))
        self._source_changed()

    def _find_enterprises(self, text: str) -> None:
        from app.store import enterprises

        self.enterprise.clear()
        if len(text.strip()) < 2:
            return
        with self.ctx.db.read() as session:
            rows = enterprises.page(session, enterprises.EnterpriseFilter(query=text), 0, 50, "name", False)
        for row in rows:
            self.enterprise.addItem(row["name"], row["id"])

    def _load_visits(self) -> None:
        self.visit.clear()
        enterprise_id = self.enterprise.currentData()
        if not enterprise_id:
            return
        with self.ctx.db.read() as session:
            visits = session.exec(
                select(Visit)
                .where(Visit.enterprise_id == enterprise_id, Visit.deleted == False)  # noqa: E712
                .order_by(col(Visit.visit_date).desc())
            ).all()
            for v in visits:
                summary = repo.visit_problem_summary(v)
                mark = self.tr("（发现问题）") if summary else ""
                self.visit.addItem(f"{v.visit_date.isoformat()} {mark}", v.id)
                self.visit.setItemData(self.visit.count() - 1, summary, Qt.ItemDataRole.ToolTipRole)
        # visits with problems first
        first_with_problem = next(
            (i for i in range(self.visit.count()) if self.visit.itemData(i, Qt.ItemDataRole.ToolTipRole)), -1
        )
        if first_with_problem >= 0:
            self.visit.setCurrentIndex(first_with_problem)

    def _source_changed(self) -> None:
        source = self.source.currentData()
        self.visit.setEnabled(source == "visit")
        self.reference.setEnabled(source == "hotline")
        self.informant.setEnabled(source == "informant")
        self._visit_changed()

    def _visit_changed(self) -> None:
        if self.source.currentData() != "visit":
            return
        summary = self.visit.currentData(Qt.ItemDataRole.ToolTipRole)
        if summary and not self.facts.toPlainText().strip():
            self.facts.setPlainText(str(summary))

    def _save(self) -> None:
        enterprise_id = self.enterprise.currentData()
        source = str(self.source.currentData())
        try:
            with self.ctx.db.write() as session:
                if source == "visit" and self.visit.currentData():
                    visit = session.get(Visit, self.visit.currentData())
                    assert visit is not None
                    matter = repo.create_from_visit(
                        session, visit.id, category=str(self.category.currentData()), actor=self.ctx.user.actor,
                        facts=self.facts.toPlainText(),
                    )
                else:
                    matter = repo.create_matter(
                        session,
                        enterprise_id=str(enterprise_id or ""),
                        source=source,
                        source_ref=self.reference.text().strip() if source == "hotline" else "",
                        category=str(self.category.currentData()),
                        facts=self.facts.toPlainText(),
                        actor=self.ctx.user.actor,
                        informant=self.informant.text().strip() if source == "informant" else "",
                        inspector_id=self.ctx.user.inspector_id,
                    )
        except ValidationError as exc:
            self.error.setText(error_text(exc))
            return
        self.matter_id = matter.id
        self.ctx.notify("matter")
        self.accept()


class TransitionDialog(QDialog):
    """Asks for what a step needs (note, deadline, verification date) and confirms it."""

    def __init__(self, ctx: AppContext, matter: Matter, action: MatterAction, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from app.core.matters import transition_for

        self.ctx = ctx
        self.matter = matter
        self.action = action
        t = transition_for(action)
        self.setWindowTitle(matter_action_label(action.value))
        layout = QVBoxLayout(self)
        question = QLabel(self._confirm_text(action))
        question.setWordWrap(True)
        layout.addWidget(question)
        form = QFormLayout()
        self.note = QPlainTextEdit()
        self.note.setMaximumHeight(120)
        self.deadline = date_edit()
        self.verified_on = date_edit(dt.date.today())
        with ctx.db.read() as session:
            rules = repo.deadline_rules(session)
        self.deadline.setDate(qdate(rules.add(dt.date.today(), rules.rectify)))
        if "note" in t.requires or action in (MatterAction.START_RECTIFYING, MatterAction.CLOSE):
            label = self.tr("核实情况") if action is MatterAction.VERIFY else self.tr("说明")
            form.addRow(label, self.note)
        if "deadline" in t.requires:
            form.addRow(self.tr("整改期限"), self.deadline)
        if "verified_on" in t.requires:
            form.addRow(self.tr("核实日期"), self.verified_on)
        layout.addLayout(form)
        self.error = QLabel()
        self.error.setStyleSheet("color: #b91c1c")
        self.error.setWordWrap(True)
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._apply)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _confirm_text(self, action: MatterAction) -> str:
        texts = {
            MatterAction.START_RECTIFYING: self.tr("确认单位已承诺整改，并设定整改期限？"),
            MatterAction.VERIFY: self.tr("确认已到现场或通过材料核实整改到位？请写明核实情况。"),
            MatterAction.ESCALATE: self.tr("确认单位拒不整改，将事项移送有关部门（建议书）？"),
            MatterAction.CLOSE: self.tr("确认办结此事项？办结后不能再修改。"),
            MatterAction.DISMISS: self.tr("确认经核查不属实或不属于监督范围，办结此事项？请说明理由。"),
            MatterAction.REOPEN: self.tr("确认复查发现问题未整改到位，重新进入整改？"),
        }
        return texts.get(action, matter_action_label(action.value))

    def _apply(self) -> None:
        from app.core.matters import transition_for

        t = transition_for(self.action)
        try:
            with self.ctx.db.write() as session:
                repo.transition(
                    session,
                    self.matter.id,
                    self.action,
                    actor=self.ctx.user.actor,
                    role=self.ctx.user.role,
                    note=self.note.toPlainText(),
                    deadline=pydate(self.deadline) if "deadline" in t.requires or self.action is MatterAction.START_RECTIFYING else None,
                    verified_on=pydate(self.verified_on) if "verified_on" in t.requires else None,
                )
        except ValidationError as exc:
            self.error.setText(error_text(exc))
            return
        self.ctx.notify("matter")
        self.accept()


class MatterDialog(QDialog):
    """One matter: what was found, on what legal basis, by when; the next steps of the closed loop;
    its letters; its history."""

    def __init__(self, ctx: AppContext, matter_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.matter_id = matter_id
        self.setWindowTitle(self.tr("监督事项"))
        self.resize(900, 720)
        self.header = QLabel()
        self.header.setWordWrap(True)
        self.header.setTextFormat(Qt.TextFormat.RichText)

        details = QWidget()
        form = QFormLayout(details)
        self.title = QLineEdit()
        self.category = _category_combo()
        self.facts = QPlainTextEdit()
        self.basis = QPlainTextEdit()
        self.basis_hint = QLabel(self.tr("每行一条；标有“〔条文待核实〕”的条文须对照官方文本核实后再引用。"))
        self.basis_hint.setWordWrap(True)
        self.basis_hint.setStyleSheet("color: #555")
        refill = QPushButton(self.tr("按类别重新填入法律依据"))
        refill.clicked.connect(self._refill_basis)
        self.demand = QPlainTextEdit()
        self.demand.setMaximumHeight(70)
        self.deadline = date_edit()
        form.addRow(self.tr("事项"), self.title)
        form.addRow(self.tr("违法类别"), self.category)
        form.addRow(self.tr("事实"), self.facts)
        form.addRow(self.tr("法律依据"), self.basis)
        form.addRow("", self.basis_hint)
        form.addRow("", refill)
        form.addRow(self.tr("整改要求"), self.demand)
        form.addRow(self.tr("期限"), self.deadline)
        self.save_button = QPushButton(self.tr("保存修改"))
        self.save_button.clicked.connect(self._save)
        form.addRow("", self.save_button)

        letters = QWidget()
        lv = QVBoxLayout(letters)
        self.letter_model = LetterTableModel(ctx.db, None, self)
        self.letter_view = QTableView()
        self.letter_view.setModel(self.letter_model)
        self.letter_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.letter_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.letter_view.doubleClicked.connect(self._open_letter)
        lv.addWidget(self.letter_view)
        row = QHBoxLayout()
        self.draft_buttons: dict[str, QPushButton] = {}
        for kind in ("tips", "opinion", "advice"):
            button = QPushButton(self.tr("起草") + letter_kind_label(kind))
            button.clicked.connect(lambda _=False, k=kind: self.draft_letter(k))
            self.draft_buttons[kind] = button
            row.addWidget(button)
        open_button = QPushButton(self.tr("打开函件"))
        open_button.clicked.connect(self._open_letter)
        row.addStretch(1)
        row.addWidget(open_button)
        lv.addLayout(row)

        self.history = QTextBrowser()
        tabs = QTabWidget()
        tabs.addTab(details, self.tr("事实与依据"))
        tabs.addTab(letters, self.tr("函件"))
        tabs.addTab(self.history, self.tr("办理记录"))
        self.tabs = tabs

        self.actions_row = QHBoxLayout()
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.header)
        layout.addWidget(tabs)
        actions_box = QGroupBox(self.tr("下一步"))
        actions_box.setLayout(self.actions_row)
        layout.addWidget(actions_box)
        layout.addWidget(close)
        self.action_buttons: dict[str, QPushButton] = {}
        self.details_dirty = False
        self._filling = False
        self.load()
        for signal in (self.title.textEdited, self.category.activated, self.facts.textChanged, self.basis.textChanged,
                       self.demand.textChanged, self.deadline.dateChanged):
            signal.connect(self._touched)
        ctx.data_changed.connect(self._on_changed)

    def _touched(self, *_args: Any) -> None:
        if not self._filling:
            self.details_dirty = True

    def _on_changed(self, table: str) -> None:
        if table in ("matter", "letter", "*"):
            self.load()

    def load(self) -> None:
        with self.ctx.db.read() as session:
            matter = repo.get(session, self.matter_id)
            enterprise = session.get(Enterprise, matter.enterprise_id)
            grid = session.get(Grid, matter.grid_id) if matter.grid_id else None
            events = repo.history(session, matter.id)
            actor_ids = {e.actor for e in events}
            names = {
                i.id: i.name
                for i in session.exec(select(Inspector).where(col(Inspector.id).in_(actor_ids))).all()
            }
            issued_kinds = [
                le.kind for le in letter_repo.for_matter(session, matter.id)
                if le.status not in ("draft", "void")
            ]
            visit = session.get(Visit, matter.source_ref) if matter.source == "visit" and matter.source_ref else None
            today = dt.date.today()
        self.matter = matter
        overdue = repo.is_overdue_row(matter, today)
        status = matter_status_label(matter.status)
        if overdue:
            status = f"<span style='color:#b91c1c'>{html.escape(status)}{html.escape(self.tr('（已逾期）'))}</span>"
        else:
            status = html.escape(status)
        source = matter_source_label(matter.source)
        if matter.source == "visit" and visit is not None:
            source += " " + visit.visit_date.isoformat()
        elif matter.source_ref:
            source += " " + matter.source_ref
        parts = [
            f"<b>{html.escape(enterprise.name if enterprise else '')}</b>",
            html.escape(source),
            html.escape(self.tr("登记于")) + " " + matter.opened_on.isoformat(),
            html.escape(self.tr("状态")) + "：" + status,
        ]
        if grid:
            parts.append(html.escape(grid.name))
        self.header.setText("　".join(parts))
        if not self.details_dirty:  # a refresh from elsewhere must not wipe what is being typed
            self._filling = True
            self.title.setText(matter.title)
            self.category.setCurrentIndex(max(0, self.category.findData(matter.category)))
            self.facts.setPlainText(matter.facts)
            self.basis.setPlainText(matter.legal_basis)
            self.demand.setPlainText(matter.demand)
            self.deadline.setDate(qdate(matter.deadline))
            self._filling = False
        editable = matter.status != MatterStatus.CLOSED.value
        for widget in (self.title, self.category, self.facts, self.basis, self.demand, self.deadline, self.save_button):
            widget.setEnabled(editable)
        self.letter_model.set_filter(self.letter_model.filter.__class__(matter_id=matter.id))
        self.letter_view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        for button in self.draft_buttons.values():
            button.setEnabled(editable)
        self._history(events, names)
        self._suggest(issued_kinds)
        self._actions()

    def _suggest(self, issued_kinds: list[str]) -> None:
        """提示函 first; one that was ignored is followed by an 意见书, then a 建议书."""
        order = ["tips", "opinion", "advice"]
        done = [order.index(k) for k in issued_kinds if k in order]
        suggested = order[min(max(done) + 1, 2)] if done else "tips"
        for kind, button in self.draft_buttons.items():
            font = button.font()
            font.setBold(kind == suggested)
            button.setFont(font)
            button.setToolTip(self.tr("建议的下一步") if kind == suggested else "")
        self.suggested_kind = suggested

    def _history(self, events: list[Any], names: dict[str, str]) -> None:
        rows = []
        for e in events:
            when = e.at[:16].replace("T", " ")
            change = ""
            if e.from_status != e.to_status and e.to_status:
                change = f"{matter_status_label(e.from_status) if e.from_status else ''} → {matter_status_label(e.to_status)}"
            data = json.loads(e.data or "{}")
            extra = f"（{self.tr('期限')} {data['deadline']}）" if isinstance(data, dict) and data.get("deadline") else ""
            rows.append(
                f"<tr><td>{html.escape(when)}</td><td>{html.escape(matter_action_label(e.action))}</td>"
                f"<td>{html.escape(change)}</td><td>{html.escape(e.note)}{html.escape(extra)}</td>"
                f"<td>{html.escape(names.get(e.actor, e.actor))}</td></tr>"
            )
        self.history.setHtml("<table cellspacing=6>" + "".join(rows) + "</table>")

    def _actions(self) -> None:
        while self.actions_row.count():
            item = self.actions_row.takeAt(0)
            if item is not None and item.widget() is not None:
                item.widget().deleteLater()  # type: ignore[union-attr]
        self.action_buttons = {}
        for t in available_actions(self.matter.status, self.ctx.user.role):
            if t.action is MatterAction.LETTER_ISSUED:
                continue  # happens when a letter is issued
            button = QPushButton(matter_action_label(t.action.value))
            button.clicked.connect(lambda _=False, a=t.action: self.run_action(a))
            self.action_buttons[t.action.value] = button
            self.actions_row.addWidget(button)
        self.actions_row.addStretch(1)

    def run_action(self, action: MatterAction) -> bool:
        if self.details_dirty and not self._save():
            return False
        dialog = TransitionDialog(self.ctx, self.matter, action, self)
        done = dialog.exec() == QDialog.DialogCode.Accepted
        self.load()
        return done

    def _refill_basis(self) -> None:
        category = load_catalog().get(str(self.category.currentData()))
        if category is None:
            return
        current = self.basis.toPlainText().strip()
        if current and QMessageBox.question(
            self, self.tr("法律依据"), self.tr("用目录中的条文替换当前的法律依据？")
        ) != QMessageBox.StandardButton.Yes:
            return
        self.basis.setPlainText(basis_text(category.basis))
        if not self.demand.toPlainText().strip():
            self.demand.setPlainText(category.remedy)

    def _save(self) -> bool:
        fields = {
            "title": self.title.text().strip(),
            "category": str(self.category.currentData()),
            "facts": self.facts.toPlainText(),
            "legal_basis": self.basis.toPlainText(),
            "demand": self.demand.toPlainText(),
            "deadline": pydate(self.deadline),
        }
        try:
            with self.ctx.db.write() as session:
                repo.update_details(session, self.matter_id, fields, self.ctx.user.actor)
        except ValidationError as exc:
            QMessageBox.warning(self, self.tr("监督事项"), error_text(exc))
            return False
        self.details_dirty = False
        self.ctx.notify("matter")
        return True

    def draft_letter(self, kind: str) -> str | None:
        """Saves the edited facts first, so the letter is filled from what is on screen."""
        from app.documents import letter_flow
        from app.ui.letters import LetterEditorDialog

        if self.save_button.isEnabled() and self.details_dirty and not self._save():
            return None
        try:
            with self.ctx.db.write() as session:
                letter = letter_flow.draft_from_matter(
                    session, self.matter_id, kind, actor=self.ctx.user.actor, user_id=self.ctx.user.inspector_id,
                    data_dir=self.ctx.paths.root,
                )
        except Exception as exc:  # a template the office broke must not crash the dialog
            QMessageBox.warning(self, self.tr("起草函件"), error_text(exc))
            return None
        self.ctx.notify("letter")
        self.last_editor = LetterEditorDialog(self.ctx, letter.id, self)
        self.last_editor.show()
        return letter.id

    def _open_letter(self) -> None:
        from app.ui.letters import LetterEditorDialog

        letter_id = selected_id(self.letter_view, self.letter_model)
        if letter_id:
            self.last_editor = LetterEditorDialog(self.ctx, letter_id, self)
            self.last_editor.show()


class MatterList(QWidget):
    """The table with its filters; the page and the enterprise tab both use it."""

    def __init__(self, ctx: AppContext, enterprise_id: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.enterprise_id = enterprise_id
        self.model = MatterTableModel(ctx.db, repo.MatterFilter(enterprise_id=enterprise_id), self)
        bar = QHBoxLayout()
        self.status = QComboBox()
        self.status.addItem(self.tr("全部状态"), None)
        self.status.addItem(self.tr("进行中"), "active")
        for s in MatterStatus:
            self.status.addItem(matter_status_label(s.value), s.value)
        self.category = QComboBox()
        self.category.addItem(self.tr("全部类别"), None)
        for c in load_catalog().categories:
            self.category.addItem(c.label, c.code)
        self.grid = QComboBox()
        self.grid.addItem(self.tr("全部网格"), None)
        with ctx.db.read() as session:
            for g in session.exec(select(Grid).where(Grid.deleted == False).order_by(col(Grid.code))).all():  # noqa: E712
                self.grid.addItem(g.name, g.id)
        self.overdue = QCheckBox(self.tr("只看逾期"))
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("搜索企业、事项"))
        for widget in (self.status, self.category, self.grid):
            widget.currentIndexChanged.connect(self.refresh)
        self.overdue.toggled.connect(self.refresh)
        self.search.returnPressed.connect(self.refresh)
        bar.addWidget(self.status)
        bar.addWidget(self.category)
        if enterprise_id is None:
            bar.addWidget(self.grid)
        else:
            self.grid.hide()
        bar.addWidget(self.overdue)
        bar.addWidget(self.search, 1)
        self.new_button = QPushButton(self.tr("登记事项"))
        self.new_button.clicked.connect(self.new_matter)
        bar.addWidget(self.new_button)
        if enterprise_id is None:
            settings = QPushButton(self.tr("函件与期限设置"))
            settings.clicked.connect(self.open_settings)
            bar.addWidget(settings)
        self.counts = QLabel()
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.verticalHeader().hide()
        self.view.doubleClicked.connect(lambda index: self.open_matter(str(self.model.row_at(index.row())["id"])))
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.counts)
        layout.addWidget(self.view, 1)
        self.bar, self.main_layout = bar, layout
        self.refresh()
        ctx.data_changed.connect(self._on_changed)

    def _on_changed(self, table: str) -> None:
        if table in ("matter", "letter", "enterprise", "visit", "*"):
            self.refresh()

    def current_filter(self) -> repo.MatterFilter:
        return repo.MatterFilter(
            status=self.status.currentData(),
            category=self.category.currentData(),
            grid_id=self.grid.currentData() if self.enterprise_id is None else None,
            enterprise_id=self.enterprise_id,
            overdue_only=self.overdue.isChecked(),
            query=self.search.text(),
        )

    def refresh(self) -> None:
        flt = self.current_filter()
        self.model.set_filter(flt)
        with self.ctx.db.read() as session:
            c = repo.counts(session, flt)
        active = sum(c[s.value] for s in MatterStatus if s.value in ("open", "letter_issued", "rectifying", "escalated"))
        self.counts.setText(
            self.tr("共 %1 项：进行中 %2，已整改 %3，已办结 %4，").replace("%1", str(c["total"]))
            .replace("%2", str(active)).replace("%3", str(c["rectified"])).replace("%4", str(c["closed"]))
            + (f"<span style='color:#b91c1c'>{html.escape(self.tr('逾期'))} {c['overdue']}</span>")
        )
        self.view.resizeColumnsToContents()

    def open_settings(self) -> None:
        from app.ui.letters import LetterSettingsDialog

        LetterSettingsDialog(self.ctx, self).exec()

    def new_matter(self) -> str | None:
        dialog = NewMatterDialog(self.ctx, self.enterprise_id, self)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.matter_id:
            self.open_matter(dialog.matter_id)
            return dialog.matter_id
        return None

    def open_matter(self, matter_id: str) -> MatterDialog:
        self.dialog = MatterDialog(self.ctx, matter_id, self)
        self.dialog.show()
        return self.dialog


class MattersPage(MatterList):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, None, parent)


class EnterpriseMattersTab(MatterList):
    """监督事项 of one enterprise, and the 一企一档 dossier button."""

    def __init__(self, ctx: AppContext, enterprise_id: str, parent: QWidget | None = None) -> None:
        super().__init__(ctx, enterprise_id, parent)
        dossier = QPushButton(self.tr("生成一企一档"))
        dossier.clicked.connect(lambda: save_dossier(self.ctx, enterprise_id, self))
        self.bar.addWidget(dossier)
        self.pending = QPushButton()
        self.pending.setStyleSheet("color: #b91c1c; text-align: left")
        self.pending.setFlat(True)
        self.pending.clicked.connect(self.register_pending)
        self.main_layout.insertWidget(1, self.pending)
        self._pending_visits: list[str] = []
        self.refresh()

    def refresh(self) -> None:
        super().refresh()
        if not hasattr(self, "pending"):
            return
        with self.ctx.db.read() as session:
            visits = repo.unregistered_problem_visits(session, str(self.enterprise_id))
        self._pending_visits = [v.id for v in visits]
        self.pending.setText(
            self.tr("%1 次走访发现的问题尚未登记为监督事项，点击登记").replace("%1", str(len(visits)))
        )
        self.pending.setVisible(bool(visits))

    def register_pending(self) -> str | None:
        if not self._pending_visits:
            return None
        dialog = NewMatterDialog(self.ctx, self.enterprise_id, self, visit_id=self._pending_visits[0])
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.matter_id:
            self.open_matter(dialog.matter_id)
            return dialog.matter_id
        return None


def save_dossier(ctx: AppContext, enterprise_id: str, parent: QWidget) -> None:
    """The enterprise's file as one PDF: rendered off the GUI thread, then saved where the user says."""
    from PySide6.QtWidgets import QFileDialog, QProgressDialog

    from app.ui.shell import background

    with ctx.db.read() as session:
        ent = session.get(Enterprise, enterprise_id)
    name = ent.name if ent else enterprise_id
    target, _ = QFileDialog.getSaveFileName(
        parent, QCoreApplication.translate("Matters", "保存一企一档"), str(ctx.paths.exports / f"{name}-一企一档.pdf"),
        "PDF (*.pdf)",
    )
    if not target:
        return
    progress = QProgressDialog(QCoreApplication.translate("Matters", "正在生成一企一档……"), "", 0, 0, parent)
    progress.setCancelButton(None)
    progress.setWindowModality(Qt.WindowModality.WindowModal)
    progress.show()

    def work(_progress: Any) -> int:
        from app.documents.dossier_data import gather_dossier
        from app.documents.dossier_pdf import render_dossier

        with ctx.db.read() as session:
            dossier = gather_dossier(session, enterprise_id)
        rendered = render_dossier(dossier)
        with open(target, "wb") as fh:
            fh.write(rendered.pdf)
        return rendered.pages

    def done(pages: Any) -> None:
        progress.close()
        ctx.status_message.emit(QCoreApplication.translate("Matters", "一企一档已保存：") + f"{target}（{pages}）")

    def failed(exc: Exception) -> None:
        progress.close()
        QMessageBox.warning(parent, QCoreApplication.translate("Matters", "一企一档"), error_text(exc))

    background.start(ctx.pool, work, done, failed)


def _letters_of_enterprise(ctx: AppContext, enterprise_id: str) -> QWidget:
    from app.ui.letters import LetterList

    return LetterList(ctx, enterprise_id)


add_page(PageSpec("matters", QCoreApplication.translate("Matters", "监督事项"), 50, lambda ctx: MattersPage(ctx), "Ctrl+4"))
add_enterprise_tab(EnterpriseTabSpec("matters", QCoreApplication.translate("Matters", "监督事项"), 50,
                                     lambda ctx, eid: EnterpriseMattersTab(ctx, eid)))
add_enterprise_tab(EnterpriseTabSpec("letters", QCoreApplication.translate("Matters", "函件"), 55,
                                     _letters_of_enterprise))

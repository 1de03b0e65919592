"""The enterprise file's 办理链条 tab: what became of each visit at a glance — visit → the matters it
raised → their letters → the employer's replies — as a small tree. Matters from a hotline order or an
informant stand at the top level. Double-click opens the visit's enterprise file tab, the matter or
the letter."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QHeaderView, QLabel, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget
from sqlmodel import col, select

from app.catalog import load_catalog
from app.store.tables import Visit
from app.store.tables.matters import Letter, Matter
from app.ui.letters import letter_kind_label, letter_number_text, letter_status_label
from app.ui.matters.models import matter_source_label, matter_status_label
from app.ui.shell.context import AppContext
from app.ui.shell.registry import EnterpriseTabSpec, add_enterprise_tab

KIND_ROLE = int(Qt.ItemDataRole.UserRole) + 1
ID_ROLE = int(Qt.ItemDataRole.UserRole) + 2


class ChainTab(QWidget):
    def __init__(self, ctx: AppContext, enterprise_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.enterprise_id = enterprise_id
        self.tree = QTreeWidget()
        self.tree.setObjectName("enterprise-chain")
        self.tree.setHeaderLabels([self.tr("环节"), self.tr("日期"), self.tr("状态")])
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.tree.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.header().setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.header().setStretchLastSection(False)
        self.tree.itemActivated.connect(self._open)
        self.empty = QLabel(self.tr("尚无走访、监督事项或函件。"))
        layout = QVBoxLayout(self)
        hint = QLabel(self.tr("走访 → 监督事项 → 函件 → 企业回复；双击打开事项或函件。"))
        hint.setStyleSheet("color: #555")
        layout.addWidget(hint)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.empty)
        ctx.data_changed.connect(self._on_changed)
        self.reload()

    def _on_changed(self, table: str) -> None:
        if table in {"visit", "matter", "letter", "*"}:
            self.reload()

    def reload(self) -> None:
        catalog = load_catalog()
        with self.ctx.db.read() as session:
            visits = list(session.exec(
                select(Visit).where(Visit.enterprise_id == self.enterprise_id, col(Visit.deleted).is_(False))
                .order_by(col(Visit.visit_date).desc())
            ).all())
            matters = list(session.exec(
                select(Matter).where(Matter.enterprise_id == self.enterprise_id, col(Matter.deleted).is_(False))
                .order_by(col(Matter.opened_on))
            ).all())
            letters = list(session.exec(
                select(Letter).where(Letter.enterprise_id == self.enterprise_id, col(Letter.deleted).is_(False))
                .order_by(col(Letter.issued_on), col(Letter.updated_at))
            ).all())
        self.tree.clear()
        letters_of: dict[str, list[Letter]] = {}
        for letter in letters:
            if letter.matter_id:
                letters_of.setdefault(letter.matter_id, []).append(letter)
        matters_of: dict[str, list[Matter]] = {}
        loose: list[Matter] = []
        visit_ids = {v.id for v in visits}
        for matter in matters:
            if matter.source == "visit" and matter.source_ref in visit_ids:
                matters_of.setdefault(matter.source_ref, []).append(matter)
            else:
                loose.append(matter)

        def add_matter(parent: QTreeWidgetItem | QTreeWidget, matter: Matter) -> None:
            title = self.tr("监督事项：{category} — {title}").format(
                category=catalog.label(matter.category), title=matter.title
            )
            if matter.source != "visit":
                title += f"（{matter_source_label(matter.source)}）"
            item = QTreeWidgetItem([title, matter.opened_on.isoformat(), matter_status_label(matter.status)])
            item.setData(0, KIND_ROLE, "matter")
            item.setData(0, ID_ROLE, matter.id)
            if isinstance(parent, QTreeWidget):
                parent.addTopLevelItem(item)
            else:
                parent.addChild(item)
            for letter in letters_of.get(matter.id, []):
                number = letter_number_text(letter.number, letter.number_provisional)
                day = letter.issued_on.isoformat() if letter.issued_on else ""
                child = QTreeWidgetItem([f"{letter_kind_label(letter.kind)} {number}".strip(), day,
                                         letter_status_label(letter.status)])
                child.setData(0, KIND_ROLE, "letter")
                child.setData(0, ID_ROLE, letter.id)
                item.addChild(child)
                if letter.replied_on:
                    note = letter.reply_note or self.tr("已回复")
                    reply = QTreeWidgetItem([self.tr("企业回复：{note}").format(note=note),
                                             letter.replied_on.isoformat(), ""])
                    child.addChild(reply)

        for visit in visits:
            status = self.tr("已提交") if visit.status == "submitted" else self.tr("草稿")
            found = matters_of.get(visit.id, [])
            label = self.tr("走访：发现问题 {n} 类").format(n=len(found)) if found else self.tr("走访")
            item = QTreeWidgetItem([label, visit.visit_date.isoformat(), status])
            item.setData(0, KIND_ROLE, "visit")
            item.setData(0, ID_ROLE, visit.id)
            self.tree.addTopLevelItem(item)
            for matter in found:
                add_matter(item, matter)
        for matter in loose:
            add_matter(self.tree, matter)
        self.tree.expandAll()
        self.empty.setVisible(self.tree.topLevelItemCount() == 0)

    def _open(self, item: QTreeWidgetItem, _column: int) -> None:
        kind, item_id = item.data(0, KIND_ROLE), item.data(0, ID_ROLE)
        if kind == "matter":
            from app.ui.matters.pages import MatterDialog

            dialog = MatterDialog(self.ctx, str(item_id), self)
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
            dialog.open()
        elif kind == "letter":
            from app.ui.letters import LetterEditorDialog

            editor = LetterEditorDialog(self.ctx, str(item_id), self)
            editor.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
            editor.open()


add_enterprise_tab(EnterpriseTabSpec("chain", QCoreApplication.translate("Chain", "办理链条"), 5,
                                     lambda ctx, eid: ChainTab(ctx, eid)))

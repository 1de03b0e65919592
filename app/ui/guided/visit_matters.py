"""登记监督事项 after a visit: one proposed matter per problem category the visit found, each ticked (or
not), its facts editable, and the 提示函 of each drafted on request. Nothing is registered unless the
user presses the button; a category the visit already has a matter for is shown but cannot be ticked."""

from __future__ import annotations

import dataclasses
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.catalog import load_catalog
from app.core.problems import ValidationError
from app.core.visit_problems import ProposedMatter
from app.store import matters as matter_repo
from app.ui.shell import navigation
from app.ui.shell.context import AppContext
from app.ui.widgets.screen_fit import fit_to_screen


class VisitMattersDialog(QDialog):
    def __init__(self, ctx: AppContext, visit_id: str, proposals: list[ProposedMatter],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.visit_id = visit_id
        self.proposals = proposals
        self.registered: list[tuple[Any, Any]] = []
        self.setWindowTitle(self.tr("登记监督事项"))
        intro = QLabel(self.tr("本次走访发现以下问题，每类问题登记一项监督事项；可修改事实后再登记。"))
        intro.setWordWrap(True)
        self.rows: list[tuple[QCheckBox, QComboBox | None, QPlainTextEdit]] = []
        box = QWidget()
        column = QVBoxLayout(box)
        catalog = load_catalog()
        for proposal in proposals:
            group = QGroupBox()
            inner = QVBoxLayout(group)
            label = proposal.label or self.tr("未识别类别")
            tick = QCheckBox(label + (self.tr("（已登记）") if proposal.registered else ""))
            tick.setChecked(not proposal.registered)
            tick.setEnabled(not proposal.registered)
            inner.addWidget(tick)
            chooser: QComboBox | None = None
            if not proposal.category:
                chooser = QComboBox()
                chooser.addItem(self.tr("请选择违法类别"), "")
                for cat in catalog.categories:
                    chooser.addItem(cat.label, cat.code)
                inner.addWidget(chooser)
            facts = QPlainTextEdit(proposal.facts)
            facts.setMaximumHeight(90)
            facts.setReadOnly(proposal.registered)
            inner.addWidget(facts)
            column.addWidget(group)
            self.rows.append((tick, chooser, facts))
        column.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(box)
        self.draft_letters = QCheckBox(self.tr("同时起草各事项的提示函（草稿，发出前可修改）"))
        self.draft_letters.setChecked(True)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b91c1c")
        buttons = QDialogButtonBox()
        self.register_button = buttons.addButton(self.tr("登记所选"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.tr("暂不登记"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.register)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.draft_letters)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        fit_to_screen(self, 720, 640)

    def chosen(self) -> list[ProposedMatter]:
        out: list[ProposedMatter] = []
        for proposal, (tick, chooser, facts) in zip(self.proposals, self.rows, strict=True):
            if not tick.isChecked() or proposal.registered:
                continue
            category = proposal.category or (str(chooser.currentData() or "") if chooser is not None else "")
            changed = dataclasses.replace(proposal, category=category, facts=facts.toPlainText().strip())
            if category and not proposal.category:
                cat = load_catalog().get(category)
                if cat is not None:
                    changed.label = cat.label
                    changed.legal_basis = ""  # the catalog's basis, filled in by the store
                    changed.demand = cat.remedy
            out.append(changed)
        return out

    def register(self) -> bool:
        from app.documents import letter_flow

        chosen = self.chosen()
        if not chosen:
            self.message.setText(self.tr("没有勾选要登记的问题；不登记请点“暂不登记”。"))
            return False
        try:
            with self.ctx.db.write() as session:
                self.registered = letter_flow.register_visit_matters(
                    session, self.visit_id, chosen, actor=self.ctx.user.actor,
                    user_id=self.ctx.user.inspector_id, draft_letters=self.draft_letters.isChecked(),
                    data_dir=self.ctx.paths.root,
                )
        except ValidationError as exc:
            self.message.setText("\n".join(p.message for p in exc.problems))
            return False
        except Exception as exc:  # a template the office broke must not lose the choice silently
            QMessageBox.warning(self, self.windowTitle(), str(exc))
            return False
        self.ctx.notify("matter")
        self.ctx.notify("letter")
        letters = sum(1 for _m, letter in self.registered if letter is not None)
        self.ctx.status_message.emit(
            self.tr("已登记 %1 项监督事项，起草 %2 份提示函").replace("%1", str(len(self.registered)))
            .replace("%2", str(letters))
        )
        self.accept()
        return True


def offer_matters(ctx: AppContext, visit_id: str, parent: QWidget | None = None) -> VisitMattersDialog | None:
    """Opens the dialog (not modal to the caller's flow) when the submitted visit found problems that
    have no matter yet; returns it, or None when there is nothing to register."""
    try:
        with ctx.db.read() as session:
            proposals = matter_repo.propose_from_visit(session, visit_id)
    except ValidationError:
        return None
    if not proposals or all(p.registered for p in proposals):
        return None
    dialog = VisitMattersDialog(ctx, visit_id, proposals, parent)
    _open.add(dialog)  # kept alive until closed, also when the visit dialog that offered it is gone
    dialog.finished.connect(lambda _r: _open.discard(dialog))
    dialog.open()
    return dialog


_open: set[VisitMattersDialog] = set()


navigation.set_opener("visit_followup", offer_matters)

"""Visit → matters → letters as one guided step. When a submitted visit found problems, the inspector
is offered, right there, one supervision matter per problem category (facts and legal basis filled
from the visit), ticks those to register, and then drafts each matter's 提示函 with one click.
Nothing is registered until the user presses the button; cancelling leaves the visit as it was.

`propose_matters` splits the visit's problem text into categories by the catalog's words. The
letters' half of this issue brings a store API for the same proposal; when it lands, `propose_matters`
should call it and keep only the dialog here."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)
from sqlmodel import Session

from app.catalog import load_catalog
from app.core.letters import LetterKind
from app.core.matters import MatterSource
from app.core.violations import basis_text
from app.store import matters as matter_repo
from app.store.tables import Visit
from app.ui.shell import navigation
from app.ui.shell.context import AppContext
from app.ui.widgets.dates import error_text
from app.ui.widgets.screen_fit import fit_to_screen, scrolling

# Words in the visit's answers that point to a category of the violation catalog.
CATEGORY_WORDS: dict[str, tuple[str, ...]] = {
    "wage_arrears": ("欠薪", "拖欠", "克扣", "欠发", "未发工资", "工资支付", "工资台账", "工资待遇"),
    "overtime_pay": ("加班费", "加班工资", "延时工资"),
    "hours_leave": ("工时", "休息日", "休假", "年休假", "加班休息", "超时", "连续工作"),
    "labour_contract": ("劳动合同", "未签合同", "未签订合同", "试用期"),
    "social_insurance": ("社保", "社会保险", "五险", "工伤保险", "养老保险", "医疗保险"),
    "high_temperature": ("高温", "防暑", "降温"),
    "women_equality": ("女职工", "孕期", "哺乳", "产假", "歧视"),
    "safety_health": ("防护", "职业病", "职业健康", "安全生产", "粉尘", "噪声", "口罩", "消防", "体检", "职业安全"),
}
# Answers of the visit form's choice fields, as categories.
CHOICE_CATEGORIES: dict[str, str] = {
    "高温作业无防护": "high_temperature",
    "防护用品不足": "safety_health",
    "粉尘噪声超标": "safety_health",
    "消防通道堵塞": "safety_health",
    "工资待遇": "wage_arrears",
    "加班休息": "hours_leave",
    "社会保险": "social_insurance",
    "劳动合同": "labour_contract",
    "职业安全": "safety_health",
}
_SENTENCE = re.compile(r"[^。；;！!\n]+[。；;！!]?")


@dataclass
class ProposedMatter:
    category: str
    label: str
    facts: str
    legal_basis: str


def _sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE.findall(text or "") if s.strip()]


def propose_matters(session: Session, visit_id: str) -> list[ProposedMatter]:
    """One proposal per problem category the visit shows, each with only its own facts: a visit with
    unpaid wages and missing protective equipment gives two matters, not one 欠薪 matter about both."""
    visit = session.get(Visit, visit_id)
    if visit is None:
        return []
    try:
        answers: dict[str, Any] = json.loads(visit.answers or "{}")
    except json.JSONDecodeError:
        return []
    if not isinstance(answers, dict) or not answers.get("problems_found"):
        return []
    catalog = load_catalog()
    found: dict[str, list[str]] = {}
    texts = [str(answers.get("problem_summary") or ""), str(answers.get("hazard_detail") or "")]
    for sentence in [s for t in texts for s in _sentences(t)]:
        for code, words in CATEGORY_WORDS.items():
            if any(w in sentence for w in words) and sentence not in found.setdefault(code, []):
                found[code].append(sentence)
    for field_id in ("hazards", "worker_need_types"):
        chosen = answers.get(field_id) or []
        for choice in chosen if isinstance(chosen, list) else []:
            chosen_code = CHOICE_CATEGORIES.get(str(choice))
            if chosen_code and chosen_code not in found:
                found[chosen_code] = []
    found = {code: facts for code, facts in found.items() if catalog.get(code) is not None}
    summary = str(answers.get("problem_summary") or "").strip()
    if not found and summary:
        # Nothing recognisable: one proposal the user re-categorises in the matter dialog.
        found = {catalog.codes()[0]: [summary]}
    when = visit.visit_date
    prefix = f"{when.year}年{when.month}月{when.day}日走访发现：" if when else ""
    proposals = []
    for code in [c for c in catalog.codes() if c in found]:
        category = catalog.get(code)
        assert category is not None
        facts = "".join(found[code]) or category.description
        proposals.append(ProposedMatter(code, category.label, prefix + facts, basis_text(category.basis)))
    return proposals


def register_matters(ctx: AppContext, visit_id: str, chosen: list[ProposedMatter]) -> list[str]:
    """All chosen matters in one transaction (all or none)."""
    ids: list[str] = []
    with ctx.db.write() as session:
        visit = session.get(Visit, visit_id)
        if visit is None:
            return []
        for proposal in chosen:
            matter = matter_repo.create_matter(
                session,
                enterprise_id=visit.enterprise_id,
                source=MatterSource.VISIT.value,
                source_ref=visit.id,
                category=proposal.category,
                facts=proposal.facts,
                legal_basis=proposal.legal_basis,
                actor=ctx.user.actor,
                inspector_id=visit.inspector_id,
                opened_on=visit.visit_date,
            )
            ids.append(matter.id)
    ctx.notify("matter")
    return ids


class VisitFollowUpDialog(QDialog):
    """Step 1: tick the matters to register. Step 2: draft each one's 提示函 (one click each)."""

    def __init__(self, ctx: AppContext, visit_id: str, proposals: list[ProposedMatter],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.visit_id = visit_id
        self.proposals = proposals
        self.matter_ids: list[str] = []
        self.letter_ids: dict[str, str] = {}
        self.editors: list[QWidget] = []
        self.setWindowTitle(self.tr("走访发现问题：登记监督事项"))

        # step 1
        choose = QWidget()
        layout = QVBoxLayout(choose)
        intro = QLabel(self.tr("本次走访发现了以下类别的问题。勾选要登记的监督事项（每类一项，事实和法律依据已按走访记录填好，登记后仍可修改）："))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        listing = QWidget()
        rows = QVBoxLayout(listing)
        self.checks: list[QCheckBox] = []
        for proposal in proposals:
            check = QCheckBox(proposal.label)
            check.setChecked(True)
            check.setStyleSheet("font-weight: bold")
            facts = QLabel(proposal.facts)
            facts.setWordWrap(True)
            facts.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            facts.setContentsMargins(24, 0, 0, 8)
            rows.addWidget(check)
            rows.addWidget(facts)
            self.checks.append(check)
        rows.addStretch(1)
        layout.addWidget(scrolling(listing), 1)
        self.choose_buttons = QDialogButtonBox()
        self.register_button = self.choose_buttons.addButton(self.tr("登记所选事项"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.skip_button = self.choose_buttons.addButton(self.tr("暂不登记"), QDialogButtonBox.ButtonRole.RejectRole)
        self.register_button.setDefault(True)
        self.register_button.clicked.connect(self.register)
        self.skip_button.clicked.connect(self.reject)
        for check in self.checks:
            check.toggled.connect(self._update_register)
        layout.addWidget(self.choose_buttons)

        # step 2
        self.letters_page = QWidget()
        letters_layout = QVBoxLayout(self.letters_page)
        done_text = QLabel(self.tr("已登记。可为每项事项起草提示函（起草后在编辑器中核对、发出）："))
        done_text.setWordWrap(True)
        letters_layout.addWidget(done_text)
        self.letter_grid = QGridLayout()
        letters_layout.addLayout(self.letter_grid)
        letters_layout.addStretch(1)
        self.draft_buttons: dict[str, QPushButton] = {}
        finish = QDialogButtonBox()
        self.finish_button = finish.addButton(self.tr("完成"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.finish_button.clicked.connect(self.accept)
        letters_layout.addWidget(finish)

        self.steps = QStackedWidget()
        self.steps.addWidget(choose)
        self.steps.addWidget(self.letters_page)
        outer = QVBoxLayout(self)
        outer.addWidget(self.steps)
        fit_to_screen(self, 640, 480)

    def _update_register(self) -> None:
        self.register_button.setEnabled(any(c.isChecked() for c in self.checks))

    def chosen(self) -> list[ProposedMatter]:
        return [p for p, c in zip(self.proposals, self.checks, strict=True) if c.isChecked()]

    def register(self) -> list[str]:
        chosen = self.chosen()
        if not chosen:
            return []
        try:
            self.matter_ids = register_matters(self.ctx, self.visit_id, chosen)
        except Exception as exc:  # a broken catalog or database: one sentence, nothing half-registered
            QMessageBox.warning(self, self.tr("登记监督事项"), error_text(exc))
            return []
        for row, (proposal, matter_id) in enumerate(zip(chosen, self.matter_ids, strict=True)):
            self.letter_grid.addWidget(QLabel(self.tr("{label}问题").format(label=proposal.label)), row, 0)
            button = QPushButton(self.tr("起草提示函"))
            button.clicked.connect(lambda _c=False, mid=matter_id: self.draft_tips(mid))
            self.letter_grid.addWidget(button, row, 1)
            self.draft_buttons[matter_id] = button
        self.steps.setCurrentWidget(self.letters_page)
        self.finish_button.setDefault(True)
        self.ctx.status_message.emit(self.tr("已登记 {n} 项监督事项").format(n=len(self.matter_ids)))
        return self.matter_ids

    def draft_tips(self, matter_id: str) -> str | None:
        """One draft per matter: a second click opens the draft already made."""
        from app.documents import letter_flow
        from app.ui.letters import LetterEditorDialog

        letter_id = self.letter_ids.get(matter_id)
        if letter_id is None:
            try:
                with self.ctx.db.write() as session:
                    letter = letter_flow.draft_from_matter(
                        session, matter_id, LetterKind.TIPS, actor=self.ctx.user.actor,
                        user_id=self.ctx.user.inspector_id, data_dir=self.ctx.paths.root,
                    )
                    letter_id = letter.id
            except Exception as exc:
                QMessageBox.warning(self, self.tr("起草提示函"), error_text(exc))
                return None
            self.letter_ids[matter_id] = letter_id
            self.ctx.notify("letter")
            self.draft_buttons[matter_id].setText(self.tr("打开提示函草稿"))
        # The editor outlives this dialog (which is deleted when closed): parent it to the window below.
        editor = LetterEditorDialog(self.ctx, letter_id, self.parentWidget())
        self.editors.append(editor)
        editor.show()
        return letter_id


def follow_up_visit(ctx: AppContext, visit_id: str, parent: QWidget | None = None) -> QWidget | None:
    """Offers the matters when the visit found problems; None (nothing shown) when it found none."""
    with ctx.db.read() as session:
        proposals = propose_matters(session, visit_id)
    if not proposals:
        return None
    dialog = VisitFollowUpDialog(ctx, visit_id, proposals, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
    dialog.open()
    return dialog


navigation.set_opener("visit_followup", follow_up_visit)

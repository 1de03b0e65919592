"""The 立法联系点 page as the office uses it: the demo's consultations and figures, a new consultation
and its tasks, suggestions merged and sent from the list, a questionnaire filled from its definition
(an out-of-range answer refused in the form, a missing one counted invalid), the tally, and a
suggestion turned into a supervision matter."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QDialog, QMessageBox
from pytestqt.qtbot import QtBot
from sqlmodel import select

from app.store import legislation as repo
from app.store.tables.legislation import Consultation, QuestionnaireReturn, Suggestion
from app.store.tables.matters import Matter
from app.ui.legislation import dialogs
from app.ui.legislation.page import LegislationPage
from app.ui.shell.context import AppContext


def _accept_with(monkeypatch: pytest.MonkeyPatch, cls: type[QDialog], fill: Any) -> None:
    """Makes `cls.exec` fill the dialog and accept, as a user would, without a nested event loop."""

    def exec_(self: QDialog) -> int:
        fill(self)
        return int(QDialog.DialogCode.Accepted)

    monkeypatch.setattr(cls, "exec", exec_)


def _select_rows(view: Any, rows: list[int]) -> None:
    view.clearSelection()
    flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    for r in rows:
        view.selectionModel().select(view.model().index(r, 0), flags)


def test_demo_page_shows_consultations_and_figures(qtbot: QtBot, ctx: AppContext) -> None:
    page = LegislationPage(ctx)
    qtbot.addWidget(page)
    assert page.consultations.model.total == 2
    assert "收集建议" in page.figures.text()
    assert page.network.model.total == 18
    phone = page.network.model.index(0, 5).data()
    assert "****" in phone  # informants' phones are masked on screen
    page.consultations.view.selectRow(0)
    assert "征询任务" in page.consultations.detail.toPlainText()
    assert page.questionnaires.counts.text().startswith("有效问卷 21 份")


def test_consultation_tasks_merge_send_and_matter(qtbot: QtBot, ctx: AppContext,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    page = LegislationPage(ctx)
    qtbot.addWidget(page)

    def fill_consultation(d: dialogs.ConsultationDialog) -> None:
        d.title.setText("某市安全生产条例（修订草案）")
        d.issuing_body.setText("市人大常委会法工委")

    _accept_with(monkeypatch, dialogs.ConsultationDialog, fill_consultation)
    page.consultations.new_consultation()
    assert page.consultations.model.total == 3
    with ctx.db.read() as s:
        new = s.exec(select(Consultation).where(Consultation.title == "某市安全生产条例（修订草案）")).one()
    page.consultations.view.selectRow(page.consultations.model.find_row(new.id))
    _accept_with(monkeypatch, dialogs.TargetsDialog, lambda d: d.set_all(True))
    page.consultations.send_tasks()
    with ctx.db.read() as s:
        assert len(repo.tasks(s, new.id)) == 18 + 4 + 4

    with ctx.db.write() as s:
        a = repo.add_suggestion(s, content="建议增加职工安全培训学时", article="第九条", consultation_id=new.id, actor="t")
        b = repo.add_suggestion(s, content="安全培训应计入工作时间", article="第九条", consultation_id=new.id, actor="t")
    tab = page.suggestions
    page.changed()
    tab.consultation.setCurrentIndex(tab.consultation.findData(new.id))
    assert tab.model.total == 2
    _select_rows(tab.view, [0, 1])

    def fill_merge(d: dialogs.MergeDialog) -> None:
        d.content.setPlainText("明确安全培训学时并计入工作时间")
        d.article.setText("第九条")

    _accept_with(monkeypatch, dialogs.MergeDialog, fill_merge)
    tab.merge()
    with ctx.db.read() as s:
        summary = s.exec(select(Suggestion).where(Suggestion.is_summary, Suggestion.consultation_id == new.id)).one()
        assert {x.id for x in repo.sources(s, summary.id)} == {a.id, b.id}
    tab.status.setCurrentIndex(tab.status.findData("collected"))
    assert tab.model.total == 1 and tab.model.index(0, 3).data().startswith("【归纳2条】")

    # sending without a number is refused with one sentence, nothing changes
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda _p, _t, text: warnings.append(text)))
    _select_rows(tab.view, [0])
    _accept_with(monkeypatch, dialogs.SendDialog, lambda d: d.number.setText(""))
    tab.send()
    assert warnings and "文号" in warnings[-1]
    _accept_with(monkeypatch, dialogs.SendDialog, lambda d: d.number.setText("示工〔2026〕30号"))
    tab.send()
    with ctx.db.read() as s:
        got = s.get(Suggestion, summary.id)
        assert got is not None and got.status == "sent" and got.sent_number == "示工〔2026〕30号"

    # a suggestion that reveals a violation becomes a matter
    with ctx.db.write() as s:
        report = repo.add_suggestion(s, content="某厂未给夜班职工发放加班费", consultation_id=new.id, actor="t")
    tab.status.setCurrentIndex(0)
    _select_rows(tab.view, [tab.model.find_row(report.id)])

    def fill_matter(d: dialogs.ToMatterDialog) -> None:
        d.enterprise.setCurrentIndex(1)
        d.category.setCurrentIndex(d.category.findData("overtime_pay"))

    _accept_with(monkeypatch, dialogs.ToMatterDialog, fill_matter)
    tab.to_matter()
    with ctx.db.read() as s:
        linked = s.get(Suggestion, report.id)
        assert linked is not None and linked.matter_id
        matter = s.get(Matter, linked.matter_id)
        assert matter is not None and matter.category == "overtime_pay" and matter.source_ref == report.id


def test_questionnaire_filled_from_its_definition(qtbot: QtBot, ctx: AppContext,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    page = LegislationPage(ctx)
    qtbot.addWidget(page)
    tab = page.questionnaires
    definition = tab._definition()
    assert definition is not None and definition.id == "xinjiuye_survey"
    dialog = dialogs.QuestionnaireDialog(definition)
    qtbot.addWidget(dialog)
    assert not dialog.fields["occupation_other"].isVisibleTo(dialog)
    dialog.fields["occupation"].set_value("其他")
    dialog._refresh()
    assert dialog.fields["occupation_other"].isVisibleTo(dialog)  # conditions from the definition

    before = len(tab._rows)
    attempts: list[dict[str, Any]] = [
        {"occupation": "快递员", "years": 3, "daily_hours": 30, "agreement": "劳动合同", "insurance": ["工伤保险"],
         "concerns": ["社会保险"], "joined_union": True},
        {"daily_hours": 9},
    ]
    shown: list[str] = []

    class Scripted(dialogs.QuestionnaireDialog):
        def exec(self) -> int:  # type: ignore[override]
            if not attempts:
                return int(QDialog.DialogCode.Rejected)
            for key, value in attempts.pop(0).items():
                self.fields[key].set_value(value)
            return int(QDialog.DialogCode.Accepted)

        def show_problem(self, field_id: str, message: str) -> None:
            shown.append(message)
            super().show_problem(field_id, message)

    monkeypatch.setattr(dialogs, "QuestionnaireDialog", Scripted)
    tab.fill()
    assert shown and "每天平均工作时长" in shown[0]  # 30 hours refused in the form; corrected, then saved
    with ctx.db.read() as s:
        saved = s.exec(select(QuestionnaireReturn).where(QuestionnaireReturn.form_id == "xinjiuye_survey")
                       .order_by(QuestionnaireReturn.updated_at.desc())).first()  # type: ignore[attr-defined]
        assert saved is not None and saved.valid and saved.filled_on == dt.date.today()
    assert tab.counts.text().startswith("有效问卷 22 份")
    assert len(tab._rows) == before
    row = next(i for i, r in enumerate(tab._rows) if r[0] == "您从事的职业" and r[1] == "快递员")
    tab.table.selectRow(row)
    assert tab.chart_view.chart().title() == "您从事的职业"
    assert Qt.AlignmentFlag.AlignRight & tab.table.item(row, 2).textAlignment()


def test_draft_text_is_attached_to_the_consultation(qtbot: QtBot, ctx: AppContext, tmp_path: Any,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtWidgets import QFileDialog

    from app.store import attachments

    draft = tmp_path / "征求意见稿.txt"
    draft.write_text("第一条 为了保障职工合法权益……", encoding="utf-8")
    page = LegislationPage(ctx)
    qtbot.addWidget(page)
    page.consultations.view.selectRow(0)
    cid = page.consultations.current()
    assert cid is not None
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *_a, **_k: (str(draft), "")))
    page.consultations.draft_text()
    with ctx.db.read() as s:
        c = s.get(Consultation, cid)
        assert c is not None and c.text_name == "征求意见稿.txt" and c.text_sha256
        (att,) = attachments.of_owner(s, "lf_consultation", cid)
        assert att.sha256 == c.text_sha256
    page.consultations.view.selectRow(page.consultations.model.find_row(cid))
    assert "征求意见稿.txt" in page.consultations.detail.toPlainText()

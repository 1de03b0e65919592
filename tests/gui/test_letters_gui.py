"""The matter and letter GUI end to end: a matter from a visit, an 意见书 drafted, its text edited with
the preview following, issued with a number and a PDF attachment, served; the register, overdue
matters in red, provisional numbers marked, printing to a PDF printer."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

import pypdf
import pytest
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox
from sqlmodel import select

from app.store import changes
from app.store import letters as letter_repo
from app.store.tables import Attachment, Enterprise, Visit
from app.store.tables.matters import Letter, Matter
from app.ui.shell.context import AppContext

TODAY = dt.date.today()
EDITED = "请你单位务必于本月底前将拖欠的工资一次性足额发放到每一名职工手中。"


def _pdf_text(data: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(data))
    return "".join(p.extract_text() or "" for p in reader.pages).replace(" ", "").replace("\n", "")


@pytest.fixture
def visit(ctx: AppContext) -> Visit:
    answers = {"problems_found": True, "problem_summary": "车间职工反映10月、11月工资至今未发放，涉及37人。"}
    with ctx.db.write() as session:
        enterprise = session.exec(select(Enterprise).order_by(Enterprise.name)).first()
        assert enterprise is not None
        return changes.insert(
            session,
            Visit(enterprise_id=enterprise.id, grid_id=enterprise.grid_id, visit_date=TODAY, form_id="sanchasanji",
                  answers=json.dumps(answers, ensure_ascii=False), status="submitted"),
            "t",
        )


def test_matter_from_visit_to_served_letter(qtbot, ctx: AppContext, visit: Visit) -> None:  # type: ignore[no-untyped-def]
    from app.ui.matters.pages import MatterDialog, NewMatterDialog

    new = NewMatterDialog(ctx, visit.enterprise_id, visit_id=visit.id)
    qtbot.addWidget(new)
    assert new.source.currentData() == "visit"
    assert "工资至今未发放" in new.facts.toPlainText()  # prefilled from the visit's problem summary
    new.category.setCurrentIndex(new.category.findData("wage_arrears"))
    qtbot.mouseClick(new.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    assert new.matter_id is not None
    with ctx.db.read() as session:
        matter = session.get(Matter, new.matter_id)
        assert matter is not None and matter.source_ref == visit.id and matter.status == "open"

    dialog = MatterDialog(ctx, new.matter_id)
    qtbot.addWidget(dialog)
    assert "《保障农民工工资支付条例》第三条" in dialog.basis.toPlainText()
    assert dialog.suggested_kind == "tips"
    letter_id = dialog.draft_letter("opinion")
    assert letter_id is not None
    editor = dialog.last_editor
    qtbot.addWidget(editor)
    qtbot.waitUntil(lambda: bool(editor.pdf_bytes), timeout=20000)
    assert "工会劳动法律监督意见书" in _pdf_text(editor.pdf_bytes)
    assert "所用字体" in editor.fonts_label.text()

    with qtbot.waitSignal(editor.preview_ready, timeout=20000):
        editor.body.appendPlainText(EDITED)
    assert EDITED in _pdf_text(editor.pdf_bytes)  # the preview follows the edit

    editor.reject()  # closing the editor saves the draft
    with ctx.db.read() as session:
        saved = letter_repo.get(session, letter_id)
    assert EDITED in json.dumps(letter_repo.body_of(saved), ensure_ascii=False)
    assert editor.issue(TODAY)
    with ctx.db.read() as session:
        letter = session.get(Letter, letter_id)
        assert letter is not None and letter.status == "issued" and not letter.number_provisional
        assert letter.number.startswith("工监意〔") and letter.number.endswith("号")
        attachment = session.get(Attachment, letter.pdf_attachment_id)
        assert attachment is not None and attachment.kind == "letter_pdf"
        stored = (ctx.paths.blobs / attachment.sha256[:2] / attachment.sha256).read_bytes()
        matter = session.get(Matter, new.matter_id)
        assert matter is not None and matter.status == "letter_issued"
    assert letter.number in editor.header.text()
    text = _pdf_text(stored)
    assert EDITED in text and letter.number in text
    assert editor.body.isReadOnly() and editor.issue_button.isHidden() and not editor.serve_button.isHidden()

    assert editor.serve(TODAY)
    with ctx.db.read() as session:
        served = session.get(Letter, letter_id)
        assert served is not None and served.status == "served" and served.served_on == TODAY
    assert "已送达" in editor.header.text()
    dialog.load()
    assert dialog.letter_model.rowCount() == 1
    assert dialog.suggested_kind == "advice"  # the 意见书 was issued: next comes the 建议书
    history = dialog.history.toPlainText()
    assert "发函" in history and "函件送达" in history and ctx.user.name in history


def test_issue_without_block_offers_provisional_number(qtbot, ctx: AppContext, visit: Visit, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from app.documents import letter_flow
    from app.store import letter_numbers
    from app.ui.letters.pages import LetterEditorDialog

    with ctx.db.write() as session:
        from app.store import matters as repo

        matter = repo.create_from_visit(session, visit.id, category="wage_arrears", actor="t")
        letter = letter_flow.draft_from_matter(session, matter.id, "tips", actor="t")
        letter_numbers.set_letter_code(session, "tips", "示工监提")  # a series this laptop has no block for
        changes.update(session, letter, {"series_key": "示工监提"}, "t")
    asked: list[str] = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: asked.append(a[2]) or QMessageBox.StandardButton.Yes)
    editor = LetterEditorDialog(ctx, letter.id)
    qtbot.addWidget(editor)
    assert editor.issue(TODAY)
    assert asked and "临时编号" in asked[0]
    with ctx.db.read() as session:
        issued = letter_repo.get(session, letter.id)
    assert issued.number_provisional and "临字" in issued.number
    assert "临时编号" in editor.header.text()

    # sync brings a block: the letter gets a real number, and the register offers to redo its PDF
    from app.ui.letters.pages import LettersPage

    with ctx.db.write() as session:
        letter_numbers.add_block(session, "示工监提", TODAY.year, 1, 20)
    page = LettersPage(ctx)
    qtbot.addWidget(page)
    assert not page.stale_button.isHidden() and page.stale_button.text().startswith("1 份")
    page.refresh_stale()
    qtbot.waitUntil(lambda: page.stale_button.isHidden(), timeout=20000)
    with ctx.db.read() as session:
        renumbered = letter_repo.get(session, letter.id)
        pdf = letter_flow.letter_pdf(session, renumbered, ctx.paths.blobs)
    assert renumbered.number == f"示工监提〔{TODAY.year}〕1号" and renumbered.provisional_number == issued.number
    assert renumbered.number in _pdf_text(pdf)


def test_pages_show_overdue_in_red_and_provisional_numbers(qtbot, ctx: AppContext) -> None:  # type: ignore[no-untyped-def]
    from app.ui.letters.pages import LettersPage
    from app.ui.matters.models import RED
    from app.ui.matters.pages import MattersPage

    page = MattersPage(ctx)
    qtbot.addWidget(page)
    assert page.model.rowCount() >= 9
    page.overdue.setChecked(True)
    assert page.model.rowCount() >= 1
    assert all(page.model.row_at(r)["overdue"] for r in range(page.model.rowCount()))
    index = page.model.index(0, 0)
    assert page.model.data(index, Qt.ItemDataRole.ForegroundRole).color() == RED
    assert "逾期" in page.counts.text()

    letters = LettersPage(ctx)
    qtbot.addWidget(letters)
    letters.provisional.setChecked(True)
    assert letters.model.rowCount() >= 1
    shown = letters.model.data(letters.model.index(0, 0), Qt.ItemDataRole.DisplayRole)
    assert "临字" in shown and "临时编号" in shown


def test_print_renders_every_page(qtbot, ctx: AppContext, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from app.ui.letters.pages import LetterEditorDialog, print_pdf

    with ctx.db.read() as session:
        issued = session.exec(select(Letter).where(Letter.status == "served")).first()
        assert issued is not None
    editor = LetterEditorDialog(ctx, issued.id)
    qtbot.addWidget(editor)
    assert editor.body.isReadOnly() and editor.save_button.isHidden()
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    out = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(out))
    pages = print_pdf(editor.document, printer)
    assert pages == editor.document.pageCount() >= 2
    assert len(pypdf.PdfReader(str(out)).pages) == pages
    editor.export(tmp_path / "copy.pdf")
    assert (tmp_path / "copy.pdf").read_bytes() == editor.pdf_bytes


def test_enterprise_file_tabs_flag_unregistered_visit_problems(qtbot, ctx: AppContext, visit: Visit, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from app.ui.enterprises.window import EnterpriseWindow
    from app.ui.matters.pages import EnterpriseMattersTab, MatterDialog, NewMatterDialog

    window = EnterpriseWindow(ctx, visit.enterprise_id)
    qtbot.addWidget(window)
    titles = [window.tabs.tabText(i) for i in range(window.tabs.count())]
    assert "监督事项" in titles and "函件" in titles
    tab = next(w for w in window.findChildren(EnterpriseMattersTab))
    assert not tab.pending.isHidden() and tab.pending.text().startswith("1 次走访")

    def accept(dialog: NewMatterDialog) -> int:
        dialog._save()
        return int(dialog.result())

    monkeypatch.setattr(NewMatterDialog, "exec", accept)
    monkeypatch.setattr(MatterDialog, "show", lambda self: None)
    matter_id = tab.register_pending()
    assert matter_id is not None
    assert tab.pending.isHidden()  # the visit's problem is now a matter
    assert tab.model.rowCount() == 1 and tab.model.row_at(0)["id"] == matter_id


def test_settings_change_deadlines_and_codes(qtbot, ctx: AppContext, visit: Visit) -> None:  # type: ignore[no-untyped-def]
    from app.documents import letter_flow
    from app.store import matters as repo
    from app.ui.letters.settings import LetterSettingsDialog

    dialog = LetterSettingsDialog(ctx)
    qtbot.addWidget(dialog)
    days, unit = dialog.periods["reply_opinion"]
    days.setValue(60)
    unit.setCurrentIndex(0)  # calendar days, as in 南昌
    dialog.codes[next(iter(dialog.codes))].setText("示工监提")
    dialog.issuer.setText("示范区总工会（测试）")
    dialog.holidays.setPlainText("2026-10-01\n国庆")
    assert not dialog.save()
    assert "法定节假日第2行“国庆”不是日期" in dialog.error.text()
    dialog.holidays.setPlainText("2026-10-01")
    assert dialog.save()
    with ctx.db.write() as session:
        rules = repo.deadline_rules(session)
        assert rules.reply_opinion.days == 60 and not rules.reply_opinion.working
        assert rules.holidays == frozenset({dt.date(2026, 10, 1)})
        matter = repo.create_from_visit(session, visit.id, category="overtime_pay", actor="t")
        opinion = letter_flow.draft_from_matter(session, matter.id, "opinion", actor="t")
        tips = letter_flow.draft_from_matter(session, matter.id, "tips", actor="t")
    assert tips.series_key == "示工监提" and opinion.series_key == "工监意"
    content = letter_flow.content_of(opinion)
    assert content.issuer == "示范区总工会（测试）"
    assert "60日内" in letter_flow.body_text(content)


def test_matter_dialog_keeps_typing_across_refreshes(qtbot, ctx: AppContext, visit: Visit) -> None:  # type: ignore[no-untyped-def]
    from app.store import matters as repo
    from app.ui.matters.pages import MatterDialog

    with ctx.db.write() as session:
        matter = repo.create_from_visit(session, visit.id, category="wage_arrears", actor="t")
    dialog = MatterDialog(ctx, matter.id)
    qtbot.addWidget(dialog)
    dialog.facts.setPlainText("补充：另有3名职工被扣押身份证。")
    ctx.notify("matter")  # another window or a sync wrote something
    assert dialog.facts.toPlainText() == "补充：另有3名职工被扣押身份证。"
    assert dialog._save()
    with ctx.db.read() as session:
        assert repo.get(session, matter.id).facts == "补充：另有3名职工被扣押身份证。"
        assert [e.action for e in repo.history(session, matter.id)][-1] == "edit"


def test_dossier_button_writes_the_enterprise_file(qtbot, ctx: AppContext, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QFileDialog

    from app.store import matters as repo
    from app.ui.matters.pages import EnterpriseMattersTab

    with ctx.db.read() as session:
        row = repo.page(session, repo.MatterFilter(status="escalated"), 0, 1)[0]
    target = tmp_path / "dossier.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), "PDF (*.pdf)"))
    tab = EnterpriseMattersTab(ctx, row["enterprise_id"])
    qtbot.addWidget(tab)
    button = next(b for b in tab.findChildren(type(tab.new_button)) if b.text() == "生成一企一档")
    with qtbot.waitSignal(ctx.status_message, timeout=30000):
        button.click()
    text = "".join(p.extract_text() or "" for p in pypdf.PdfReader(str(target)).pages).replace(" ", "").replace("\n", "")
    assert row["enterprise_name"] in text

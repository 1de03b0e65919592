"""The visit form as an inspector uses it: fill it through the widgets, watch conditional fields appear,
fail a submit and see where, fix it, submit, and find everything again in the database and in the
reopened form; drafts autosave; undo and redo span the whole form; photos and a signature are kept."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QColor, QImage, QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from pytestqt.qtbot import QtBot
from sqlmodel import select

from app import formkit, resources
from app.store import attachments, blobs, visits
from app.store.tables import Attachment, Enterprise, Outbox, Visit
from app.ui.shell.context import AppContext
from app.ui.visits.form import VisitDialog, VisitEditor
from app.ui.widgets.form_fields import ChoiceField, LongTextField, NumberField, TextField, YesNoField


@pytest.fixture
def enterprise(ctx: AppContext) -> Enterprise:
    with ctx.db.read() as session:
        row = session.exec(
            select(Enterprise).where(Enterprise.headcount != None).order_by(Enterprise.name)  # noqa: E711
        ).first()
    assert row is not None
    return row


@pytest.fixture
def answer_yes(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    asked: list[str] = []

    def question(parent: QWidget, title: str, text: str, *args: Any) -> QMessageBox.StandardButton:
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", question)
    return asked


def open_dialog(qtbot: QtBot, ctx: AppContext, enterprise_id: str, visit_id: str | None = None) -> VisitDialog:
    dialog = VisitDialog(ctx, enterprise_id, visit_id)
    qtbot.addWidget(dialog)
    dialog.show()
    with qtbot.waitActive(dialog):
        dialog.activateWindow()
    return dialog


def text(editor: VisitEditor, field_id: str) -> TextField:
    widget = editor.fields[field_id]
    assert isinstance(widget, TextField)
    return widget


def type_text(target: QWidget, value: str) -> None:
    """Key presses carrying text, one per character (QTest.keyClicks handles Latin-1 only, and an
    inspector types Chinese through an input method that delivers text like this)."""
    for char in value:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(target, QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, char))


def type_into(qtbot: QtBot, editor: VisitEditor, field_id: str, value: str) -> None:
    widget = editor.fields[field_id]
    assert isinstance(widget, TextField | LongTextField | NumberField)
    type_text(widget.edit, value)


def choose(editor: VisitEditor, field_id: str, option: str) -> None:
    widget = editor.fields[field_id]
    assert isinstance(widget, ChoiceField)
    index = widget.combo.findText(option)
    assert index > 0, option
    widget.combo.setCurrentIndex(index)


def yes_no(qtbot: QtBot, editor: VisitEditor, field_id: str, yes: bool) -> None:
    widget = editor.fields[field_id]
    assert isinstance(widget, YesNoField)
    qtbot.mouseClick(widget.yes if yes else widget.no, Qt.MouseButton.LeftButton)


def stored(ctx: AppContext, visit_id: str) -> Visit:
    with ctx.db.read() as session:
        visit = visits.get(session, visit_id)
    assert visit is not None
    return visit


def fill_required(qtbot: QtBot, editor: VisitEditor) -> None:
    type_into(qtbot, editor, "visitors", "、李强")
    type_into(qtbot, editor, "met_person", "人事经理")
    choose(editor, "operating_status", "正常经营")
    type_into(qtbot, editor, "headcount", "40")
    yes_no(qtbot, editor, "contracts_signed", True)
    yes_no(qtbot, editor, "has_union", False)
    choose(editor, "site_condition", "良好")
    type_into(qtbot, editor, "enterprise_concerns", "无")
    type_into(qtbot, editor, "worker_needs", "通勤班车")
    yes_no(qtbot, editor, "problems_found", False)


def test_fill_submit_and_reopen_a_visit(qtbot: QtBot, ctx: AppContext, enterprise: Enterprise, answer_yes: list[str]) -> None:
    dialog = open_dialog(qtbot, ctx, enterprise.id)
    editor = dialog.editor
    assert enterprise.name in dialog.windowTitle()
    assert text(editor, "visitors").edit.text() == ctx.user.name  # prefilled
    assert editor.answers["visit_date"]  # today

    fill_required(qtbot, editor)
    type_into(qtbot, editor, "present_count", "38")

    # A conditional field appears when its condition holds, and goes again when it stops holding.
    assert not editor.fields["difficulty_detail"].isVisible()
    choose(editor, "operating_status", "经营困难")
    assert editor.fields["difficulty_detail"].isVisible()
    assert editor.fields["union_willingness"].isVisible()  # has_union = 否
    assert not editor.fields["union_members"].isVisible()

    # Submit with the now-required detail missing: inline error, first problem focused, banner.
    qtbot.keyClick(text(editor, "met_person").edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert stored(ctx, editor.visit_id).status == "draft"  # the failed submit still kept the draft
    detail = editor.fields["difficulty_detail"]
    assert detail.error == "请填写“困难或停产情况说明”"
    assert editor.banner.isVisible()
    assert "困难或停产情况说明" in editor.banner.text()
    assert QApplication.focusWidget() is detail.focus_target()
    assert editor.fields["visitors"].error == ""

    type_into(qtbot, editor, "difficulty_detail", "订单减少，部分职工轮休")
    assert detail.error == ""  # errors follow the answers live once shown

    choose(editor, "union_willingness", "愿意但需指导")
    qtbot.mouseClick(editor.submit_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == VisitDialog.DialogCode.Accepted

    visit = stored(ctx, editor.visit_id)
    assert visit.status == "submitted"
    assert (visit.form_id, visit.form_version) == ("sanchasanji", 1)
    answers = visits.answers_of(visit)
    assert answers["visitors"] == f"{ctx.user.name}、李强"
    assert answers["operating_status"] == "经营困难"
    assert answers["difficulty_detail"] == "订单减少，部分职工轮休"
    assert answers["headcount"] == 40 and answers["present_count"] == 38
    assert answers["contracts_signed"] is True and answers["has_union"] is False
    assert "union_members" not in answers
    assert visit.visit_date.isoformat() == answers["visit_date"]
    assert visit.summary.startswith("经营困难；在册40人；在岗38人")
    assert visit.inspector_id == ctx.user.inspector_id

    # The headcount differed from the file: the user was asked and said yes.
    assert len(answer_yes) == 1 and "在册职工人数" in answer_yes[0]
    with ctx.db.read() as session:
        refreshed = session.get(Enterprise, enterprise.id)
        assert refreshed is not None and refreshed.headcount == 40
        queued = session.exec(select(Outbox).where(Outbox.entity_id == editor.visit_id)).all()
        assert queued and all(o.entity == "visit" for o in queued)

    again = open_dialog(qtbot, ctx, enterprise.id, editor.visit_id)
    reopened = again.editor
    assert reopened.read_only
    assert reopened.edit_button.isVisible() and not reopened.submit_button.isVisible()
    assert text(reopened, "met_person").edit.text() == "人事经理"
    assert text(reopened, "met_person").edit.isReadOnly()
    assert reopened.fields["difficulty_detail"].isVisible()
    assert reopened.fields["operating_status"].value() == "经营困难"
    qtbot.mouseClick(reopened.edit_button, Qt.MouseButton.LeftButton)
    assert not reopened.read_only and not text(reopened, "met_person").edit.isReadOnly()


def test_declining_keeps_the_enterprise_headcount(
    qtbot: QtBot, ctx: AppContext, enterprise: Enterprise, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.No)
    editor = open_dialog(qtbot, ctx, enterprise.id).editor
    fill_required(qtbot, editor)
    assert editor.submit()
    with ctx.db.read() as session:
        refreshed = session.get(Enterprise, enterprise.id)
    assert refreshed is not None and refreshed.headcount == enterprise.headcount


def test_draft_autosaves_after_a_pause_and_on_close(qtbot: QtBot, ctx: AppContext, enterprise: Enterprise) -> None:
    dialog = open_dialog(qtbot, ctx, enterprise.id)
    editor = dialog.editor
    with ctx.db.read() as session:
        assert visits.get(session, editor.visit_id) is None  # opening alone writes nothing

    type_into(qtbot, editor, "met_person", "行政主管")
    assert editor.autosave_timer.isActive()
    with qtbot.waitSignal(editor.saved, timeout=10_000):
        pass  # the debounce fires by itself
    draft = stored(ctx, editor.visit_id)
    assert draft.status == "draft"
    assert visits.answers_of(draft)["met_person"] == "行政主管"

    type_into(qtbot, editor, "worker_needs", "子女托管")
    dialog.close()
    assert visits.answers_of(stored(ctx, editor.visit_id))["worker_needs"] == "子女托管"

    # Reopening a draft: editable, with its answers.
    again = open_dialog(qtbot, ctx, enterprise.id, editor.visit_id).editor
    assert not again.read_only
    assert text(again, "met_person").edit.text() == "行政主管"


def test_flush_hook_saves_unsaved_input(qtbot: QtBot, ctx: AppContext, enterprise: Enterprise) -> None:
    editor = open_dialog(qtbot, ctx, enterprise.id).editor
    type_into(qtbot, editor, "main_business", "五金加工")
    assert ctx.flush_all() == []
    assert visits.answers_of(stored(ctx, editor.visit_id))["main_business"] == "五金加工"


def test_undo_and_redo_span_the_whole_form(qtbot: QtBot, ctx: AppContext, enterprise: Enterprise) -> None:
    editor = open_dialog(qtbot, ctx, enterprise.id).editor
    met = text(editor, "met_person").edit
    type_into(qtbot, editor, "met_person", "总经理")
    choose(editor, "operating_status", "停产半停产")
    type_into(qtbot, editor, "difficulty_detail", "设备检修")
    assert editor.fields["difficulty_detail"].isVisible()

    # Ctrl+Z pressed while the cursor is in a text box still undoes the whole form, newest first.
    met.setFocus()
    qtbot.keyClick(met, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert "difficulty_detail" not in editor.answers
    qtbot.keyClick(QApplication.focusWidget() or met, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert editor.fields["operating_status"].value() is None
    assert not editor.fields["difficulty_detail"].isVisible()
    assert met.text() == "总经理"  # typing folded into one step, still there
    editor.undo_stack.undo()
    assert met.text() == ""

    redo = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(met, Qt.Key.Key_Z, redo)
    assert met.text() == "总经理"
    qtbot.keyClick(met, Qt.Key.Key_Z, redo)
    assert editor.fields["operating_status"].value() == "停产半停产"
    assert editor.fields["difficulty_detail"].isVisible()

    editor.flush()
    assert visits.answers_of(stored(ctx, editor.visit_id))["operating_status"] == "停产半停产"


def make_png(path: Path, color: str) -> Path:
    image = QImage(320, 240, QImage.Format.Format_RGB32)
    image.fill(QColor(color))
    assert image.save(str(path))
    return path


def draw(pad: QWidget, points: list[tuple[int, int]]) -> None:
    def send(kind: QEvent.Type, x: int, y: int, buttons: Qt.MouseButton) -> None:
        pos = QPointF(x, y)
        event = QMouseEvent(kind, pos, pad.mapToGlobal(QPoint(x, y)).toPointF(), Qt.MouseButton.LeftButton, buttons, Qt.KeyboardModifier.NoModifier)
        QApplication.sendEvent(pad, event)

    left = Qt.MouseButton.LeftButton
    send(QEvent.Type.MouseButtonPress, *points[0], left)
    for x, y in points[1:]:
        send(QEvent.Type.MouseMove, x, y, left)
    send(QEvent.Type.MouseButtonRelease, *points[-1], Qt.MouseButton.NoButton)


def test_photos_and_signature_are_stored_as_attachments(
    qtbot: QtBot, ctx: AppContext, enterprise: Enterprise, tmp_path: Path
) -> None:
    editor = open_dialog(qtbot, ctx, enterprise.id).editor
    photos = editor.fields["site_photos"]
    not_image = tmp_path / "notes.txt"
    not_image.write_text("not a photo", encoding="utf-8")
    photos.add_files([make_png(tmp_path / "gate.png", "red"), not_image, make_png(tmp_path / "hall.png", "blue")])  # type: ignore[attr-defined]
    assert "notes.txt" in photos.error
    assert photos.list.count() == 2  # type: ignore[attr-defined]
    assert not photos.list.item(0).icon().isNull()  # type: ignore[attr-defined]

    signature = editor.fields["signature"]
    draw(signature.pad, [(20, 70), (80, 40), (140, 90), (220, 50)])  # type: ignore[attr-defined]
    assert signature.pad.has_pending_strokes  # type: ignore[attr-defined]
    qtbot.mouseClick(signature.confirm_button, Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]
    assert editor.answers["signature"]["sha256"]

    editor.flush()
    with ctx.db.read() as session:
        rows = attachments.of_owner(session, "visit", editor.visit_id)
    assert sorted((r.field_id, r.kind, r.filename) for r in rows) == [
        ("signature", "signature", "signature.png"),
        ("site_photos", "photo", "gate.png"),
        ("site_photos", "photo", "hall.png"),
    ]
    assert all(r.grid_id == enterprise.grid_id for r in rows)
    sig = next(r for r in rows if r.kind == "signature")
    png = blobs.read_bytes(ctx.paths.blobs, sig.sha256)
    assert png.startswith(b"\x89PNG")
    drawn = QImage.fromData(png)
    assert any(drawn.pixelColor(x, y).lightness() < 100 for x in range(360) for y in range(30, 100, 2))

    # Undoing the photos leaves their rows as tombstones, so the file does not claim them.
    editor.undo_stack.undo()  # signature
    editor.undo_stack.undo()  # photos
    assert photos.list.count() == 0  # type: ignore[attr-defined]
    editor.flush()
    with ctx.db.read() as session:
        live = attachments.of_owner(session, "visit", editor.visit_id)
        every = session.exec(select(Attachment).where(Attachment.owner_id == editor.visit_id)).all()
    assert live == []
    assert len(every) == 3 and all(r.deleted for r in every)

    editor.undo_stack.redo()
    editor.flush()
    with ctx.db.read() as session:
        assert len(attachments.of_owner(session, "visit", editor.visit_id)) == 2

    # Reopened, the thumbnails come back from the blob store.
    again = open_dialog(qtbot, ctx, enterprise.id, editor.visit_id).editor
    assert again.fields["site_photos"].list.count() == 2  # type: ignore[attr-defined]


def test_old_visit_reopens_with_its_own_form_version(
    qtbot: QtBot, ctx: AppContext, enterprise: Enterprise, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    forms = tmp_path / "forms"
    forms.mkdir()
    shutil.copy(resources.forms_dir() / "sanchasanji.v1.json", forms)
    v2 = json.loads((forms / "sanchasanji.v1.json").read_text(encoding="utf-8"))
    v2["version"] = 2
    v2["sections"][0]["fields"].append({"id": "weather", "label": "天气情况", "type": "text"})
    (forms / "sanchasanji.v2.json").write_text(json.dumps(v2, ensure_ascii=False), encoding="utf-8")
    monkeypatch.setattr(resources, "forms_dir", lambda: forms)
    formkit.loader.clear_cache()
    try:
        old = open_dialog(qtbot, ctx, enterprise.id).editor
        assert old.definition is not None and old.definition.version == 2
        with ctx.db.read() as session:
            v1_visit = session.exec(
                select(Visit).where(Visit.enterprise_id != None, Visit.form_version == 1)  # noqa: E711
            ).first()
        assert v1_visit is not None
        reopened = open_dialog(qtbot, ctx, v1_visit.enterprise_id, v1_visit.id).editor
        assert reopened.definition is not None and reopened.definition.version == 1
        assert "weather" not in reopened.fields
        assert reopened.fields["operating_status"].value() == visits.answers_of(v1_visit)["operating_status"]
    finally:
        formkit.loader.clear_cache()


def test_missing_enterprise_is_one_sentence_not_a_crash(qtbot: QtBot, ctx: AppContext) -> None:
    editor = open_dialog(qtbot, ctx, "no-such-enterprise").editor
    assert editor.definition is None
    assert editor.banner.text() == "找不到该企业档案，无法填写走访记录。"
    assert not editor.submit()


def test_discarding_a_draft_leaves_a_tombstone(
    qtbot: QtBot, ctx: AppContext, enterprise: Enterprise, answer_yes: list[str], tmp_path: Path
) -> None:
    dialog = open_dialog(qtbot, ctx, enterprise.id)
    editor = dialog.editor
    assert not editor.discard_button.isVisible()  # nothing to discard yet
    type_into(qtbot, editor, "met_person", "门卫")
    editor.fields["site_photos"].add_files([make_png(tmp_path / "door.png", "green")])  # type: ignore[attr-defined]
    editor.flush()
    assert editor.discard_button.isVisible()
    qtbot.mouseClick(editor.discard_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == VisitDialog.DialogCode.Rejected
    visit = stored(ctx, editor.visit_id)
    assert visit.deleted
    with ctx.db.read() as session:
        assert editor.visit_id not in {v.id for v in visits.timeline(session, enterprise.id)}
        assert attachments.of_owner(session, "visit", editor.visit_id) == []
        ops = [o.op for o in session.exec(select(Outbox).where(Outbox.entity_id == editor.visit_id)).all()]
    assert ops[-1] == "delete"

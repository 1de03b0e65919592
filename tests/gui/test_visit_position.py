"""A visit filled on a phone shows, read-only, where its form was filled; one filled on a laptop does not."""

from __future__ import annotations

from pytestqt.qtbot import QtBot
from sqlmodel import col, select

from app.store.tables import Visit
from app.ui.shell.context import AppContext
from app.ui.visits.form import VisitEditor


def test_the_place_a_visit_was_filled_is_shown_read_only(qtbot: QtBot, ctx: AppContext) -> None:
    with ctx.db.read() as session:
        placed = session.exec(select(Visit).where(col(Visit.filled_longitude).is_not(None))).first()
        plain = session.exec(select(Visit).where(col(Visit.filled_longitude).is_(None))).first()
    assert placed is not None and plain is not None  # the demo has both
    editor = VisitEditor(ctx, placed.enterprise_id, placed.id)
    qtbot.addWidget(editor)
    text = editor.position_label.text()
    assert not editor.position_label.isHidden() and "填写位置" in text
    assert f"{placed.filled_longitude:.5f}" in text and "米" in text
    other = VisitEditor(ctx, plain.enterprise_id, plain.id)
    qtbot.addWidget(other)
    assert other.position_label.isHidden()

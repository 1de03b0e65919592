"""After a visit that found problems: the dialog lists one matter per category, registers only the ticked
ones, drafts their 提示函, and offers nothing for a visit whose problems are all registered."""

from __future__ import annotations

import datetime as dt
import json

from sqlmodel import select

from app.store import changes
from app.store.tables import Enterprise, Visit
from app.store.tables.matters import Letter, Matter
from app.ui.shell.context import AppContext

SUMMARY = "车间职工10月、11月工资至今未发放；喷漆车间职工未配发防毒口罩。"


def _visit(ctx: AppContext) -> str:
    with ctx.db.write() as session:
        busy = select(Matter.enterprise_id)
        enterprise = session.exec(
            select(Enterprise).where(Enterprise.id.notin_(busy)).order_by(Enterprise.name)  # type: ignore[union-attr]
        ).first()
        assert enterprise is not None
        answers = {"problems_found": True, "problem_summary": SUMMARY, "visitors": "王晓燕、李建国"}
        return changes.insert(
            session,
            Visit(enterprise_id=enterprise.id, grid_id=enterprise.grid_id, visit_date=dt.date.today(),
                  form_id="sanchasanji", answers=json.dumps(answers, ensure_ascii=False), status="submitted"),
            "t",
        ).id


def test_dialog_registers_only_the_ticked_matters_and_drafts_their_letters(qtbot, ctx: AppContext) -> None:  # type: ignore[no-untyped-def]
    from app.ui.guided.visit_matters import offer_matters

    visit_id = _visit(ctx)
    dialog = offer_matters(ctx, visit_id)
    assert dialog is not None
    qtbot.addWidget(dialog)
    labels = [tick.text() for tick, _c, _f in dialog.rows]
    assert labels == ["欠薪", "安全与职业病"]  # two categories, two matters
    with ctx.db.read() as session:
        assert session.exec(select(Matter).where(Matter.source_ref == visit_id)).all() == []  # nothing yet
    dialog.rows[1][0].setChecked(False)
    dialog.rows[0][2].setPlainText(dialog.rows[0][2].toPlainText() + "涉及12人。")
    assert dialog.register()
    with ctx.db.read() as session:
        matters = session.exec(select(Matter).where(Matter.source_ref == visit_id)).all()
        assert [m.category for m in matters] == ["wage_arrears"] and matters[0].facts.endswith("涉及12人。")
        letters = session.exec(select(Letter).where(Letter.matter_id == matters[0].id)).all()
        assert [(le.kind, le.status) for le in letters] == [("tips", "draft")]
    again = offer_matters(ctx, visit_id)
    assert again is not None  # the 安全与职业病 problem is still waiting
    qtbot.addWidget(again)
    assert [t.isEnabled() for t, _c, _f in again.rows] == [False, True]
    again.reject()


def test_nothing_offered_when_the_visit_found_no_problem(qtbot, ctx: AppContext) -> None:  # type: ignore[no-untyped-def]
    from app.ui.guided.visit_matters import offer_matters

    with ctx.db.write() as session:
        enterprise = session.exec(select(Enterprise)).first()
        assert enterprise is not None
        visit = changes.insert(
            session,
            Visit(enterprise_id=enterprise.id, grid_id=enterprise.grid_id, visit_date=dt.date.today(),
                  form_id="sanchasanji", answers=json.dumps({"problems_found": False}), status="submitted"),
            "t",
        )
    assert offer_matters(ctx, visit.id) is None

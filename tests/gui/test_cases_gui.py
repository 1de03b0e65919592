"""The 法律监督 page: the case list shows parties masked, a walk-in becomes a case, a step moves a case,
a bad case list is refused with file/row/column on screen, a public notice renders off the GUI thread
with progress (and cancel keeps nothing), roles and logs feed the figures, the warning tab explains
its scores, and the enterprise file has a cases tab."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QDesktopServices
from sqlalchemy import text
from sqlmodel import select

from app.store.tables import Grid
from app.store.tables.cases import LegalCase, Reception
from app.ui.shell.context import AppContext


@pytest.fixture(autouse=True)
def no_viewer(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    opened: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(lambda url: opened.append(url.toLocalFile()) or True))
    return opened


def _select(view: Any, row: int) -> None:
    index = view.model().index(row, 0)
    view.selectionModel().setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)


def _select_id(view: Any, wanted: str) -> None:
    model = view.model()
    for row in range(model.rowCount()):
        if model.data(model.index(row, 0), model.ID_ROLE) == wanted:
            _select(view, row)
            return
    raise AssertionError(f"{wanted} not listed")


def test_case_list_masks_parties_and_makes_documents(ctx: AppContext, qtbot: Any, no_viewer: list[str]) -> None:
    from app.ui.cases.page import LegalSupervisionPage

    page = LegalSupervisionPage(ctx)
    qtbot.addWidget(page)
    tab = page.cases
    assert tab.model.total > 0
    headers = [tab.model.headerData(i, Qt.Orientation.Horizontal) for i in range(tab.model.columnCount())]
    column = headers.index("当事人")
    shown = [tab.model.data(tab.model.index(r, column)) for r in range(tab.model.rowCount())]
    assert shown and all("*" in s for s in shown if s)
    _select(tab.view, 0)
    assert "当事人" in tab.detail.toPlainText()
    tab.document("acceptance")
    assert no_viewer and Path(no_viewer[-1]).read_bytes().startswith(b"%PDF")
    assert "受理通知书" in Path(no_viewer[-1]).name


def test_walk_in_reception_to_case_and_a_step(ctx: AppContext, qtbot: Any) -> None:
    from app.ui.cases import dialogs
    from app.ui.cases.page import LegalSupervisionPage

    page = LegalSupervisionPage(ctx)
    qtbot.addWidget(page)
    dialog = dialogs.ReceptionDialog(ctx)
    qtbot.addWidget(dialog)
    dialog._ok()
    assert "来访职工姓名" in dialog.error.text()
    dialog.person.setText("周八")
    dialog.phone.setText("13700009999")
    dialog.content.setPlainText("被拖欠两个月工资")
    dialog._ok()
    assert dialog.reception_id is not None
    tab = page.receptions
    tab.reload()
    _select_id(tab.view, dialog.reception_id)
    assert "周*" in [tab.model.data(tab.model.index(r, 2)) for r in range(tab.model.rowCount())]
    tab.to_case()
    with ctx.db.read() as s:
        rec = s.get(Reception, dialog.reception_id)
        assert rec is not None and rec.outcome == "case"
        case = s.get(LegalCase, rec.outcome_id)
        assert case is not None and case.status == "received"
    step = dialogs.StepDialog(ctx, case.id, case.status)
    qtbot.addWidget(step)
    step._ok()
    with ctx.db.read() as s:
        assert s.get(LegalCase, case.id).status == "mediating"  # type: ignore[union-attr]


def test_bad_case_list_is_refused_with_row_and_column(ctx: AppContext, qtbot: Any, tmp_path: Path) -> None:
    from app.ui.cases.page import CasesTab

    tab = CasesTab(ctx)
    qtbot.addWidget(tab)
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["案件编号", "受理日期", "用人单位", "申请人", "请求金额"])
    sheet.append(["X-1", "2026-02-30", "甲公司", "张三", "100"])
    path = tmp_path / "cases.xlsx"
    book.save(path)
    before = tab.model.total
    assert tab.import_file(path) == 0
    assert "cases.xlsx 第2行“受理日期”列" in tab.message.text()
    tab.reload()
    assert tab.model.total == before


def test_public_notice_runs_in_the_background_with_progress(ctx: AppContext, qtbot: Any) -> None:
    from app.store import campaigns
    from app.ui.cases.page import CampaignsTab

    tab = CampaignsTab(ctx)
    qtbot.addWidget(tab)
    with ctx.db.write() as s:
        grid = s.exec(select(Grid).order_by(Grid.code)).all()[-1]
        ids = campaigns.select_enterprises(s, campaigns.Selection(grid_id=grid.id))
        notice = campaigns.create_notice(s, title="关于高温津贴的提示函", body_text="请按规定发放高温津贴。",
                                         selection=campaigns.Selection(grid_id=grid.id), actor="t")
    tab.issue(notice.id, ids)
    qtbot.waitUntil(lambda: "已编号登记" in tab.message.text(), timeout=30000)
    with ctx.db.read() as s:
        count = s.connection().execute(text("SELECT letter_count FROM public_notice WHERE id = :i"), {"i": notice.id}).scalar_one()
    assert count == len(ids)


def test_cancelled_notice_keeps_no_letter(ctx: AppContext, qtbot: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    from app.store import campaigns
    from app.ui.cases.page import CampaignsTab

    tab = CampaignsTab(ctx)
    qtbot.addWidget(tab)
    with ctx.db.write() as s:
        ids = campaigns.select_enterprises(s, campaigns.Selection())
        notice = campaigns.create_notice(s, title="取消测试", body_text="正文", selection=campaigns.Selection(), actor="t")
        before = s.connection().execute(text("SELECT count(*) FROM letter")).scalar_one()
    tab.issue(notice.id, ids)
    assert tab.progress is not None
    tab.progress.canceled.emit()  # what the dialog's cancel button sends
    qtbot.waitUntil(lambda: bool(tab.message.text()), timeout=30000)
    assert "已取消" in tab.message.text()
    with ctx.db.read() as s:
        assert s.connection().execute(text("SELECT count(*) FROM letter")).scalar_one() == before


def test_roles_logs_figures_and_warning(ctx: AppContext, qtbot: Any) -> None:
    from app.ui.cases.page import PeopleTab, WarningTab

    people = PeopleTab(ctx)
    qtbot.addWidget(people)
    people.since.setDate(dt.date.today().replace(year=dt.date.today().year - 1))
    assert people.people.total > 0 and people.per_role.total > 0
    roles = [people.per_role.row_at(r)["label"] for r in range(people.per_role.rowCount())]
    assert "劳动法律监督员" in roles
    warning = WarningTab(ctx)
    qtbot.addWidget(warning)
    assert warning.enterprises.total > 0
    first = warning.enterprises.row_at(0)
    assert "（+" in first["reasons"] and first["name"]
    assert "欠薪线索" in warning.note.text()


def test_enterprise_file_has_a_cases_tab(ctx: AppContext, qtbot: Any) -> None:
    from app.ui.shell import registry

    spec = next(t for t in registry.ENTERPRISE_TABS if t.key == "cases")
    with ctx.db.read() as s:
        firm_id = s.connection().execute(text("SELECT enterprise_id FROM legal_case WHERE enterprise_id IS NOT NULL LIMIT 1")).scalar_one()
    widget = spec.factory(ctx, firm_id)
    qtbot.addWidget(widget)
    assert widget.model.total >= 1  # type: ignore[attr-defined]


def test_referral_from_a_matter_then_the_departments_answer(ctx: AppContext, qtbot: Any) -> None:
    from app.store import referrals
    from app.ui.cases import dialogs
    from app.ui.cases.page import ReferralsTab

    tab = ReferralsTab(ctx)
    qtbot.addWidget(tab)
    with ctx.db.read() as s:
        title = s.connection().execute(text("SELECT title FROM matter LIMIT 1")).scalar_one()
    tab.source_kind.setCurrentIndex(tab.source_kind.findData("matter"))
    tab.order.setText("不存在的事项标题")
    tab.dispatch_order()
    assert "找不到" in tab.message.text()
    matter_id = referrals.find_source(ctx.db, "matter", title)
    assert matter_id is not None
    refer = dialogs.ReferDialog(ctx, "matter", matter_id)
    qtbot.addWidget(refer)
    refer.detail.setPlainText("请依法查处")
    refer._ok()
    with ctx.db.read() as s:
        made = referrals.for_source(s, "matter", matter_id)[-1]
    answer = dialogs.AnswerDialog(ctx, made.id)
    qtbot.addWidget(answer)
    answer._ok()
    assert "答复的内容" in answer.error.text()
    answer.answer.setPlainText("已立案查处，责令补发工资")
    answer._ok()
    with ctx.db.read() as s:
        done = referrals.get(s, made.id)
    assert (done.status, done.result, done.answer_note) == ("answered", "已立案查处", "已立案查处，责令补发工资")
    tab.reload()
    assert tab.model.total >= 1


def test_campaign_result_and_case_link(ctx: AppContext, qtbot: Any) -> None:
    from app.store import campaigns
    from app.ui.cases import dialogs

    with ctx.db.read() as s:
        campaign = campaigns.campaigns(s)[0]
        before = campaigns.campaign_figures(s, campaign.id)
        case_id, title = s.connection().execute(
            text("SELECT (SELECT id FROM legal_case LIMIT 1), (SELECT title FROM matter LIMIT 1)")).one()
    result = dialogs.CampaignResultDialog(ctx, campaign.id)
    qtbot.addWidget(result)
    result.found.setValue(1)
    result.resolved.setValue(2)
    result._ok()
    assert "整改问题数" in result.error.text()
    result.found.setValue(3)
    result._ok()
    with ctx.db.read() as s:
        after = campaigns.campaign_figures(s, campaign.id)
    assert after.problems_found >= 3 and after.problems_resolved >= 2 and after.enterprises == before.enterprises
    link = dialogs.LinkDialog(ctx, case_id)
    qtbot.addWidget(link)
    link.wanted.setText(title)
    link._ok()
    with ctx.db.read() as s:
        assert s.get(LegalCase, case_id).matter_id is not None  # type: ignore[union-attr]

"""The 工会建设 page and the enterprise file's 工会与服务 tab, as a user sees them: lists over the demo
district, a refused second union of the same form shown as one sentence, masked ID numbers, a
service followed to its outcome and visible in the enterprise file, the partner list PDF."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt

from app.store import changes
from app.store.tables import Enterprise
from app.store.unions import orgs
from app.ui.shell.context import AppContext
from app.ui.unions.enterprise_tab import EnterpriseUnionTab
from app.ui.unions.page import UnionsPage


def _cell(view: Any, row: int, column: int) -> str:
    return str(view.model().index(row, column).data(Qt.ItemDataRole.DisplayRole))


def test_unions_page_lists_and_refuses_a_second_union_of_the_same_form(ctx: AppContext, qtbot: Any) -> None:
    page = UnionsPage(ctx)
    qtbot.addWidget(page)
    assert page.union_model.total > 0 and page.member_model.total > 0
    assert page.service_model.total > 0 and page.partner_model.total > 0
    assert page.slipping_table.rowCount() >= 1
    # ID numbers are masked in the member list
    id_column = [k for k, _h in page.member_model.columns].index("id_number")
    shown = _cell(page.member_view, 0, id_column)
    assert len(shown) == 18 and "**********" in shown

    with ctx.db.write() as session:
        firm = changes.insert(session, Enterprise(name="示范区新达快递驿站", headcount=8), "t")
    assert page.create_union({"name": "测试甲联合工会", "form": "joint"}) is None
    first = page.selected_union_id()
    assert first is not None
    assert page.add_unit(first, "示范区新达快递驿站", "express_station") is None
    assert page.create_union({"name": "测试乙联合工会", "form": "joint"}) is None
    second = page.selected_union_id()
    assert second is not None and second != first
    problem = page.add_unit(second, "示范区新达快递驿站", "express_station")
    assert problem == "“示范区新达快递驿站”已由“测试甲联合工会”（联合工会）覆盖，同一单位不能同时加入两个同类工会，其职工只计一次"
    assert page.record_step(first, "prep_group", dt.date.today()) == "“筹备组”之前须先完成“申请”"
    assert page.record_step(first, "apply", dt.date.today()) is None
    with ctx.db.read() as session:
        assert session.get(Enterprise, firm.id).union_status == "preparing"  # type: ignore[union-attr]
        assert len(orgs.unions_of_enterprise(session, firm.id)) == 1
    page.select_union(first)
    assert "示范区新达快递驿站" in page.union_detail.toPlainText()


def test_service_outcome_reaches_the_enterprise_file(ctx: AppContext, qtbot: Any, tmp_path: Path) -> None:
    page = UnionsPage(ctx)
    qtbot.addWidget(page)
    page.service_status.setCurrentIndex(page.service_status.findData("open"))
    row = page.service_model.row_at(0)
    page.service_view.selectRow(0)
    assert page.selected_service_id() == row["id"]
    assert page.update_service(row["id"], "delivered", "", "lawyer", "") == "办结或无法办理时须填写办理结果"
    assert page.update_service(row["id"], "delivered", "王律师当场解答", "lawyer", "王律师") is None
    from app.store.tables.unions import ServiceRequest

    with ctx.db.read() as session:
        enterprise_id = session.get(ServiceRequest, row["id"]).enterprise_id  # type: ignore[union-attr]
    tab = EnterpriseUnionTab(ctx, enterprise_id)
    qtbot.addWidget(tab)
    outcomes = [tab.services.item(i, 4).text() for i in range(tab.services.rowCount())]
    assert "王律师当场解答" in outcomes

    grid_id = page.partner_grid.itemData(1)
    written = page.print_partner_list(grid_id, tmp_path / "清单.pdf")
    assert written is not None and written.stat().st_size > 1000


def test_member_import_with_a_bad_id_says_where(ctx: AppContext, qtbot: Any, tmp_path: Path) -> None:
    page = UnionsPage(ctx)
    qtbot.addWidget(page)
    before = page.member_model.total
    path = tmp_path / "会员.csv"
    path.write_text("姓名,身份证号\n张三,110105194912310021\n", encoding="utf-8")
    page.import_member_file(path)
    qtbot.waitUntil(lambda: bool(page.last_import_message), timeout=10_000)
    assert "会员.csv 第2行“身份证号”列：身份证号码校验位不符（应为 X）" in page.message.text()
    assert page.member_model.total == before


def test_established_enterprise_tab_shows_union_and_chart(ctx: AppContext, qtbot: Any) -> None:
    from sqlalchemy import text

    with ctx.db.read() as session:
        enterprise_id = session.connection().execute(
            text("SELECT c.enterprise_id FROM union_unit c JOIN union_org u ON u.id = c.union_id WHERE u.status = 'established' LIMIT 1")
        ).scalar_one()
    tab = EnterpriseUnionTab(ctx, str(enterprise_id))
    qtbot.addWidget(tab)
    assert "已建会" in tab.unions_label.text()
    chart = tab.chart_view.chart()
    assert chart is not None and len(chart.series()) == 1


def test_enterprise_form_locks_the_derived_status(ctx: AppContext, qtbot: Any) -> None:
    from sqlalchemy import text

    from app.ui.enterprises.window import EnterpriseWindow

    with ctx.db.read() as session:
        covered = session.connection().execute(text("SELECT enterprise_id FROM union_unit LIMIT 1")).scalar_one()
        free = session.connection().execute(
            text("SELECT id FROM enterprise WHERE id NOT IN (SELECT enterprise_id FROM union_unit) LIMIT 1")
        ).scalar_one()
    locked = EnterpriseWindow(ctx, str(covered))
    qtbot.addWidget(locked)
    assert not locked.form.union_status.isEnabled() and "工会建设" in locked.form.union_status.toolTip()
    open_one = EnterpriseWindow(ctx, str(free))
    qtbot.addWidget(open_one)
    assert open_one.form.union_status.isEnabled()


def test_heat_map_shows_partners_and_slipping_unions(ctx: AppContext, qtbot: Any) -> None:
    from app.ui.datapool.heatmap import HeatMapPage

    page = HeatMapPage(ctx)
    qtbot.addWidget(page)
    items_before = len(page.view.scene().items())
    page.union_layer.setChecked(True)
    partners_drawn, slipping_drawn = page.union_markers
    assert partners_drawn > 0 and slipping_drawn > 0
    assert len(page.view.scene().items()) == items_before + partners_drawn + slipping_drawn

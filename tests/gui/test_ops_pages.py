from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook
from PySide6.QtWidgets import QDialog, QMessageBox
from sqlalchemy import text
from sqlmodel import select

from app.store import backups
from app.store.tables import Enterprise
from app.store.tables.workorders import WorkOrder
from app.ui.admin import audit as audit_page
from app.ui.admin import maintenance
from app.ui.shell.context import AppContext, CurrentUser
from app.ui.workorders import pages as workorders


@pytest.fixture
def quiet_boxes(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    said: list[str] = []
    for name in ("information", "warning", "critical"):
        monkeypatch.setattr(QMessageBox, name, lambda *a, **k: said.append(str(a[2]) if len(a) > 2 else ""))
    return said


def test_list_masks_callers_and_flags_overdue(ctx: AppContext, qtbot: Any) -> None:
    page = workorders.WorkOrdersPage(ctx)
    qtbot.addWidget(page)
    model = page.model
    assert model.total == 24
    cols = [c[0] for c in model.columns]
    phones = {model.data(model.index(r, cols.index("caller_phone"))) for r in range(model.rowCount())}
    assert all("****" in p for p in phones)
    with ctx.db.read() as s:
        raw = {o.caller_phone for o in s.exec(select(WorkOrder)).all()}
    assert not phones & raw
    page.overdue.setChecked(True)
    assert 0 < model.total < 24
    status = model.data(model.index(0, cols.index("status")))
    assert "超期" in status


def test_intake_dialog_saves_and_keeps_errors_in_the_dialog(ctx: AppContext, qtbot: Any) -> None:
    with ctx.db.read() as s:
        firm = s.exec(select(Enterprise)).first()
        assert firm is not None
    dialog = workorders.IntakeDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.content.setPlainText("")
    dialog.save()
    assert "诉求内容不能为空" in dialog.error.text() and dialog.result() != QDialog.DialogCode.Accepted
    dialog.content.setPlainText("拖欠工资")
    dialog.enterprise.setText(firm.name)
    dialog.caller_phone.setText("13812345678")
    dialog.save()
    assert dialog.result() == QDialog.DialogCode.Accepted
    with ctx.db.read() as s:
        order = s.get(WorkOrder, dialog.order_id)
    assert order is not None and order.enterprise_id == firm.id and order.status == "received"


def test_actions_follow_the_state_machine(ctx: AppContext, qtbot: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    page = workorders.WorkOrdersPage(ctx)
    qtbot.addWidget(page)
    page.status.setCurrentIndex(page.status.findData("received"))
    page.table.selectRow(0)
    order_id = page.selected_id()
    assert order_id is not None
    assert page.action_buttons["dispatch"].isEnabled() and not page.action_buttons["close"].isEnabled()

    def fake_exec(self: workorders.ActionDialog) -> int:
        self.grid.setCurrentIndex(1)
        return int(QDialog.DialogCode.Accepted)

    monkeypatch.setattr(workorders.ActionDialog, "exec", fake_exec)
    page.run_action("dispatch")
    with ctx.db.read() as s:
        order = s.get(WorkOrder, order_id)
    assert order is not None and order.status == "dispatched" and order.grid_id is not None


def test_xlsx_import_reports_rows_and_imports_nothing_on_error(
    ctx: AppContext, qtbot: Any, tmp_path: Path, quiet_boxes: list[str]
) -> None:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["工单编号", "受理时间", "诉求类别", "诉求内容"])
    ws.append(["X-1", "2026-11-23 09:00", "求决类", "欠薪"])
    ws.append(["X-2", "不是时间", "求决类", "欠薪"])
    bad = tmp_path / "bad.xlsx"
    wb.save(bad)
    page = workorders.WorkOrdersPage(ctx)
    qtbot.addWidget(page)
    page.import_path(bad)
    qtbot.waitUntil(lambda: bool(page.last_import_message))
    assert "bad.xlsx 第3行“受理时间”列" in page.last_import_message
    assert page.model.total == 24
    ws.delete_rows(3)
    good = tmp_path / "good.xlsx"
    wb.save(good)
    page.import_path(good)
    qtbot.waitUntil(lambda: page.model.total == 25)
    assert "1" in page.last_import_message


def test_audit_page_is_for_the_office_and_verifies_the_chain(ctx: AppContext, qtbot: Any) -> None:
    inspector_page = audit_page.AuditPage(ctx)
    qtbot.addWidget(inspector_page)
    assert inspector_page.model is None
    ctx.user = CurrentUser(None, "办公室", "office")
    page = audit_page.AuditPage(ctx)
    qtbot.addWidget(page)
    assert page.model is not None and page.model.total > 100
    page.event_combo.setCurrentIndex(page.event_combo.findData("change"))
    page.entity.setCurrentIndex(page.entity.findData("work_order"))
    assert 0 < page.model.total < 200
    page.verify()
    qtbot.waitUntil(lambda: "链条完整" in page.result.text())
    with ctx.db.write() as s:
        s.connection().execute(text("UPDATE audit_log SET detail = 'x' WHERE seq = 3"))
    page.verify()
    qtbot.waitUntil(lambda: "链条已断开" in page.result.text())


def test_backup_now_and_restore_from_the_page(ctx: AppContext, qtbot: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    page = maintenance.MaintenancePage(ctx)
    qtbot.addWidget(page)
    page.make_backup()
    qtbot.waitUntil(lambda: page.backup_model.rowCount() == 1)
    with ctx.db.write() as s:
        s.connection().execute(text("UPDATE enterprise SET name = '改名' WHERE rowid = 1"))
    flushed: list[bool] = []
    ctx.register_flush(lambda: flushed.append(True))
    monkeypatch.setattr(maintenance.MaintenancePage, "confirm_restore", lambda self, item: True)
    page.backup_table.selectRow(0)
    page.restore_selected()
    qtbot.waitUntil(lambda: "已恢复" in page.backup_message.text())
    assert flushed == [True]
    with ctx.db.read() as s:
        assert s.connection().execute(text("SELECT count(*) FROM enterprise WHERE name = '改名'")).scalar_one() == 0
    kinds = {b.kind for b in backups.list_backups(ctx.paths)}
    assert kinds == {"manual", "pre-restore"}


def test_deadline_settings_are_saved(ctx: AppContext, qtbot: Any) -> None:
    from app.store import workorders as store

    page = maintenance.MaintenancePage(ctx)
    qtbot.addWidget(page)
    page.deadline_spins["ordinary"].setValue(7)
    page.save_deadlines()
    with ctx.db.read() as s:
        assert store.deadlines(s)["ordinary"] == 7
    assert dt.date.today()  # the page shows when it saved
    assert page.deadline_message.text()


def test_link_enterprise_change_level_and_the_enterprise_tab(ctx: AppContext, qtbot: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtWidgets import QInputDialog

    with ctx.db.write() as s:
        from app.store import workorders as store

        order = store.create(
            s,
            {"number": "L-1", "received_at": dt.datetime(2026, 11, 23, 9), "category": "求决类", "content": "欠薪"},
            "clerk",
        )
        firm = s.exec(select(Enterprise).where(Enterprise.deleted == False)).first()  # noqa: E712
        assert firm is not None
        order_id, firm_id, firm_name = order.id, firm.id, firm.name
    page = workorders.WorkOrdersPage(ctx)
    qtbot.addWidget(page)
    page.search.setText("L-1")
    page.table.selectRow(0)
    assert page.selected_id() == order_id and page.link_button.isEnabled() and not page.matter_button.isEnabled()

    def pick(self: workorders.EnterprisePicker) -> int:
        self.name.setText(firm_name)
        return int(QDialog.DialogCode.Accepted)

    monkeypatch.setattr(workorders.EnterprisePicker, "exec", pick)
    page.link_enterprise()
    monkeypatch.setattr(QInputDialog, "getItem", lambda *a, **k: ("特别复杂", True))
    page.change_level()
    with ctx.db.read() as s:
        stored = s.get(WorkOrder, order_id)
    assert stored is not None and stored.enterprise_id == firm_id and stored.level == "complex"
    assert stored.due_date == dt.date(2026, 12, 14)
    page.table.selectRow(0)
    assert page.matter_button.isEnabled()
    tab = workorders.EnterpriseWorkOrders(ctx, firm_id)
    qtbot.addWidget(tab)
    assert order_id in {tab.model.row_at(r)["id"] for r in range(tab.model.rowCount())}

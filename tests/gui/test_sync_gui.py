"""What a person sees of sync: the status-bar indicator and "立即同步", the conflict dialog with both
values side by side, and the list of refused changes."""

from __future__ import annotations

import json
from typing import Any

from pytestqt.qtbot import QtBot
from sqlmodel import select

from app.store import changes, sync_conflicts, sync_queue, sync_state
from app.store.tables import Enterprise, Outbox
from app.sync.credentials import secret_name
from app.sync.engine import SyncReport
from app.ui.shell.context import AppContext
from app.ui.sync.dialogs import AttentionDialog, ConflictsDialog
from app.ui.sync.status import SyncStatusWidget
from app.ui.sync.worker import SyncController


class FakeEngine:
    def __init__(self) -> None:
        self.calls = 0

    def sync_once(self) -> SyncReport:
        self.calls += 1
        return SyncReport(pushed=3, pulled=2, tables=["enterprise"], finished_at="2026-11-25T08:30:00.000Z")


def _log_in(ctx: AppContext) -> None:
    from app import secrets

    with ctx.db.write() as session:
        sync_state.save_login(session, "http://127.0.0.1:1", "ann", "dev-1")
        sync_state.record_attempt(session, "2026-11-25T08:00:00.000Z", "", {}, success=True)
    secrets.store_secret(secret_name("dev-1"), "opaque-refresh")


def _conflict(ctx: AppContext) -> tuple[str, int]:
    with ctx.db.write() as session:
        row = session.exec(select(Enterprise).where(Enterprise.deleted == False)).first()  # noqa: E712
        assert row is not None
        for entry in session.exec(select(Outbox)).all():
            sync_queue.mark_applied(session, entry, 1)
        changes.update(session, row, {"headcount": 77}, "tester")
        entry = session.exec(select(Outbox).order_by(Outbox.seq.desc())).first()  # type: ignore[union-attr]
        assert entry is not None and entry.entity_id == row.id
        (conflict,) = sync_conflicts.record(session, entry, [sync_conflicts.FieldConflict("headcount", 88)], 5)
        return row.id, conflict.id or 0


def test_status_shows_login_needed_and_queued_changes(qtbot: QtBot, ctx: AppContext) -> None:
    controller = SyncController(ctx, background=False, engine=FakeEngine())  # type: ignore[arg-type]
    widget = SyncStatusWidget(ctx, controller)
    qtbot.addWidget(widget)
    with ctx.db.read() as session:
        queued = sync_queue.counts(session).queued
    assert queued > 0
    assert widget.state_label.text() == "未登录服务器"
    assert widget.queued_label.text() == f"待同步 {queued}"
    assert widget.sync_button.text() == "登录…"
    assert not widget.conflicts_button.isVisibleTo(widget)


def test_sync_now_runs_off_the_gui_thread_and_refreshes(qtbot: QtBot, ctx: AppContext) -> None:
    _log_in(ctx)
    engine = FakeEngine()
    controller = SyncController(ctx, background=False, engine=engine)  # type: ignore[arg-type]
    widget = SyncStatusWidget(ctx, controller)
    qtbot.addWidget(widget)
    assert widget.state_label.text() == "上次同步 11-25 08:00"
    changed: list[str] = []
    ctx.data_changed.connect(changed.append)
    with qtbot.waitSignal(controller.finished, timeout=10_000):
        widget.sync_button.click()
    assert engine.calls == 1
    assert "enterprise" in changed
    assert widget.sync_button.isEnabled()
    assert widget.busy.isHidden()


def test_conflict_dialog_shows_both_values_and_keep_mine_queues_a_change(qtbot: QtBot, ctx: AppContext) -> None:
    enterprise_id, _conflict_id = _conflict(ctx)
    controller = SyncController(ctx, background=False, engine=FakeEngine())  # type: ignore[arg-type]
    widget = SyncStatusWidget(ctx, controller)
    qtbot.addWidget(widget)
    assert widget.conflicts_button.isVisibleTo(widget)
    assert widget.conflicts_button.text() == "冲突 1"

    dialog = ConflictsDialog(ctx)
    qtbot.addWidget(dialog)
    assert dialog.model.rowCount() == 1
    assert dialog.model.index(0, 1).data() == "职工人数"
    assert (dialog.model.index(0, 2).data(), dialog.model.index(0, 3).data()) == ("77", "88")
    assert (dialog.mine.toPlainText(), dialog.theirs.toPlainText()) == ("77", "88")
    dialog.keep_mine.click()

    assert dialog.model.rowCount() == 0
    assert dialog.empty.isVisibleTo(dialog)
    with ctx.db.read() as session:
        row = session.get(Enterprise, enterprise_id)
        assert row is not None and row.headcount == 77
        last = session.exec(select(Outbox).order_by(Outbox.seq.desc())).first()  # type: ignore[union-attr]
        assert last is not None and last.state == "pending"
        assert json.loads(last.patch) == {"headcount": 77}
        assert json.loads(last.base_values) == {"headcount": 88}
    widget.refresh()
    assert not widget.conflicts_button.isVisibleTo(widget)


def test_conflict_dialog_edit_refuses_a_value_of_the_wrong_kind(qtbot: QtBot, ctx: AppContext,
                                                                monkeypatch: Any) -> None:
    from PySide6.QtWidgets import QMessageBox

    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args, **_: warnings.append(args[2]))
    enterprise_id, _ = _conflict(ctx)
    dialog = ConflictsDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.edited.setText("很多")
    dialog.use_edited.click()
    assert warnings and dialog.model.rowCount() == 1
    dialog.edited.setText("90")
    dialog.use_edited.click()
    assert dialog.model.rowCount() == 0
    with ctx.db.read() as session:
        row = session.get(Enterprise, enterprise_id)
        assert row is not None and row.headcount == 90


def test_attention_dialog_lists_refused_changes_and_retries(qtbot: QtBot, ctx: AppContext) -> None:
    with ctx.db.write() as session:
        entry = session.exec(select(Outbox).order_by(Outbox.seq)).first()
        assert entry is not None
        sync_queue.mark_rejected(session, entry, "this row belongs to a grid that is not assigned to you")
        seq = entry.seq
    dialog = AttentionDialog(ctx)
    qtbot.addWidget(dialog)
    assert dialog.model.rowCount() == 1
    assert "not assigned" in dialog.model.index(0, 2).data()
    dialog.view.selectRow(0)
    dialog.retry.click()
    assert dialog.model.rowCount() == 0
    with ctx.db.read() as session:
        again = session.get(Outbox, seq)
        assert again is not None and again.state == "pending"


def test_login_dialog_says_plainly_when_there_is_no_secure_keyring(qtbot: QtBot, ctx: AppContext) -> None:
    import keyring
    from keyring.backends import fail

    from app.ui.sync.dialogs import LoginDialog

    keyring.set_keyring(fail.Keyring())
    dialog = LoginDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.server.setText("http://127.0.0.1:1")
    dialog.user.setText("ann")
    dialog.password.setText("secret")
    dialog.buttons.accepted.emit()
    qtbot.waitUntil(lambda: bool(dialog.error.text()), timeout=10_000)
    assert "没有安全的系统密钥库" in dialog.error.text()
    assert dialog.password.text() == ""
    with ctx.db.read() as session:
        assert not sync_state.load(session).configured

"""The enterprise list and file as a user meets them: search, filters, creating a file, editing it,
undoing the edit."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox
from sqlmodel import select

from app.core.codes import make_credit_code
from app.store.db import Database
from app.store.tables import Enterprise, Outbox
from app.ui.enterprises.pages import EnterprisesPage
from app.ui.enterprises.window import EnterpriseWindow, NewEnterpriseDialog
from app.ui.shell.context import AppContext
from app.ui.shell.main_window import MainWindow
from tests.support.qt_input import type_text


def visible_names(page: EnterprisesPage) -> list[str]:
    model = page.model
    return [model.data(model.index(r, 0)) for r in range(model.rowCount())]


def test_main_window_opens_on_the_enterprise_list(qtbot: Any, ctx: AppContext) -> None:
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    page = window.page("enterprises")
    assert isinstance(page, EnterprisesPage)
    assert page.count_label.text() == "共 120 家企业"
    assert page.model.rowCount() == 120
    assert page.model.headerData(0, Qt.Orientation.Horizontal) == "企业名称"


def test_search_and_filters_narrow_the_list(qtbot: Any, ctx: AppContext) -> None:
    page = EnterprisesPage(ctx)
    qtbot.addWidget(page)
    first = visible_names(page)[5]
    type_text(page.search, first)
    qtbot.waitUntil(lambda: visible_names(page) == [first], timeout=3000)
    page.search.clear()
    page.targets_only.setChecked(True)
    rows = [page.model.row_at(r) for r in range(page.model.rowCount())]
    assert rows and all(r["headcount"] >= 25 and r["union_status"] != "established" for r in rows)


def test_lazy_fetching_with_many_rows(qtbot: Any, ctx: AppContext, monkeypatch: Any) -> None:
    from app.ui.enterprises.model import EnterpriseTableModel

    monkeypatch.setattr(EnterpriseTableModel, "page_size", 50)
    page = EnterprisesPage(ctx)
    qtbot.addWidget(page)
    assert page.model.rowCount() == 50
    assert page.model.canFetchMore()
    page.model.fetchMore()
    page.model.fetchMore()
    assert page.model.rowCount() == 120
    assert not page.model.canFetchMore()


def test_create_an_enterprise_then_find_it(qtbot: Any, ctx: AppContext, demo_db: Database) -> None:
    dialog = NewEnterpriseDialog(ctx)
    qtbot.addWidget(dialog)
    save = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    assert dialog.message.text() == "企业名称不能为空"
    type_text(dialog.form.name, "示范区新桥精密模具有限公司")
    type_text(dialog.form.credit_code, "91330106ABC")
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    assert "18位" in dialog.message.text()
    dialog.form.credit_code.clear()
    code = make_credit_code("91330106MA2H0QQ0C")
    type_text(dialog.form.credit_code, code)
    assert "校验位正确" in dialog.form.code_hint.text()
    dialog.form.headcount.setValue(48)
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    assert dialog.created_id is not None

    with demo_db.read() as session:
        row = session.get(Enterprise, dialog.created_id)
        queued = session.exec(select(Outbox).where(Outbox.entity_id == dialog.created_id)).all()
    assert row is not None and row.credit_code == code and row.headcount == 48
    assert [q.op for q in queued] == ["insert"]

    page = EnterprisesPage(ctx)
    qtbot.addWidget(page)
    type_text(page.search, "新桥精密")
    qtbot.waitUntil(lambda: visible_names(page) == ["示范区新桥精密模具有限公司"], timeout=3000)


def test_edit_the_file_and_undo_the_save(qtbot: Any, ctx: AppContext, demo_db: Database) -> None:
    with demo_db.read() as session:
        target = session.exec(select(Enterprise).where(Enterprise.headcount != None)).first()  # noqa: E711
    assert target is not None
    window = EnterpriseWindow(ctx, target.id)
    qtbot.addWidget(window)
    assert target.name in window.header.text()
    assert window.timeline.rowCount() >= 0
    original = target.headcount
    window.form.headcount.setValue(999)
    assert window.save_button.isEnabled()
    qtbot.mouseClick(window.save_button, Qt.MouseButton.LeftButton)
    assert window.message.text() == "已保存"
    with demo_db.read() as session:
        assert session.get(Enterprise, target.id).headcount == 999  # type: ignore[union-attr]
    window.undo_action.trigger()
    with demo_db.read() as session:
        assert session.get(Enterprise, target.id).headcount == original  # type: ignore[union-attr]
        # (the demo district's own edits, such as a union's derived status, are not the user's)
        ops = [q.op for q in session.exec(select(Outbox).where(Outbox.entity_id == target.id, Outbox.created_by != "demo")).all()]
    assert ops.count("update") == 2  # the undo is itself a change that syncs
    window.redo_action.trigger()
    with demo_db.read() as session:
        assert session.get(Enterprise, target.id).headcount == 999  # type: ignore[union-attr]


def test_invalid_edit_is_not_saved_and_says_why(qtbot: Any, ctx: AppContext, demo_db: Database) -> None:
    with demo_db.read() as session:
        target = session.exec(select(Enterprise)).first()
    assert target is not None
    window = EnterpriseWindow(ctx, target.id)
    qtbot.addWidget(window)
    window.form.name.clear()
    window.form.name.textEdited.emit("")
    qtbot.mouseClick(window.save_button, Qt.MouseButton.LeftButton)
    assert window.message.text() == "未保存：企业名称不能为空"
    with demo_db.read() as session:
        assert session.get(Enterprise, target.id).name == target.name  # type: ignore[union-attr]
    qtbot.mouseClick(window.revert_button, Qt.MouseButton.LeftButton)
    assert window.form.name.text() == target.name
    assert not window.save_button.isEnabled()


def test_closing_with_unsaved_edits_asks_and_can_save(
    qtbot: Any, ctx: AppContext, demo_db: Database, monkeypatch: Any
) -> None:
    from PySide6.QtWidgets import QMessageBox

    with demo_db.read() as session:
        target = session.exec(select(Enterprise)).first()
    assert target is not None
    window = EnterpriseWindow(ctx, target.id)
    qtbot.addWidget(window)
    window.show()
    window.form.industry.setText("新行业")
    window.form.industry.textEdited.emit("新行业")
    asked: list[str] = []

    def answer(_parent: object, title: str, _text: str, *_args: object) -> QMessageBox.StandardButton:
        asked.append(title)
        return QMessageBox.StandardButton.Save

    monkeypatch.setattr(QMessageBox, "question", staticmethod(answer))
    window.close()
    assert asked == ["未保存的修改"]
    with demo_db.read() as session:
        assert session.get(Enterprise, target.id).industry == "新行业"  # type: ignore[union-attr]


def test_a_broad_list_says_more_than_the_cap_and_counts_exactly_on_request(qtbot: Any, ctx: AppContext, monkeypatch: Any) -> None:
    from app.store import enterprises
    from app.ui.enterprises.model import EnterpriseTableModel

    monkeypatch.setattr(enterprises, "COUNT_CAP", 30)
    monkeypatch.setattr(enterprises, "GATHER_LIMIT", 30)
    monkeypatch.setattr(EnterpriseTableModel, "count_cap", 30)
    monkeypatch.setattr(EnterpriseTableModel, "page_size", 50)
    page = EnterprisesPage(ctx)
    qtbot.addWidget(page)
    page.show()
    assert page.count_label.text().startswith("超过 30 家企业")
    assert page.exact_button.isVisible()
    qtbot.mouseClick(page.exact_button, Qt.MouseButton.LeftButton)
    assert page.count_label.text() == "共 120 家企业"
    assert not page.exact_button.isVisible()

    # scrolling on past the cap reaches every row once, in pinyin order, and settles the count
    page.apply_filter()
    assert not page.model.total_exact
    while page.model.canFetchMore():
        page.model.fetchMore()
    names = visible_names(page)
    ids = [page.model.row_at(r)["id"] for r in range(page.model.rowCount())]
    assert len(ids) == len(set(ids)) == 120
    from app.core.pinyin import pinyin_key

    assert names == sorted(names, key=pinyin_key)
    assert page.count_label.text() == "共 120 家企业"

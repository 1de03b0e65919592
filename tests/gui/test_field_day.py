"""The inspector's day end to end: lists that lead to the enterprise file and the visit form, names in
pinyin order, the demo marked and clearable, switching the user, and visit → matters → letters."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from sqlalchemy import text
from sqlmodel import select

from app.core.pinyin import pinyin_key
from app.store import changes, demo_state, enterprises
from app.store.db import Database
from app.store.tables import Enterprise, Grid, Visit
from app.store.tables.matters import Letter, Matter
from app.ui.enterprises.window import EnterpriseWindow
from app.ui.shell.context import AppContext
from app.ui.shell.main_window import MainWindow, page_shortcuts

ROOT = Path(__file__).resolve().parents[2]


def _open_enterprise_windows() -> list[EnterpriseWindow]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, EnterpriseWindow) and w.isVisible()]


def _close_all() -> None:
    for w in QApplication.topLevelWidgets():
        if w.isVisible():
            w.close()


# --- pinyin ---------------------------------------------------------------------------------------


def test_pinyin_key_orders_hua_before_wan() -> None:
    names = ["万达物业有限公司", "华为技术有限公司", "阿里巴巴", "张记餐饮", "北京路超市"]
    assert sorted(names, key=pinyin_key) == ["阿里巴巴", "北京路超市", "华为技术有限公司", "万达物业有限公司", "张记餐饮"]
    assert sorted(names) != sorted(names, key=pinyin_key)  # code-point order puts 万 before 华


def test_enterprise_list_sorts_names_in_pinyin_in_sql(db: Database) -> None:
    with db.write() as session:
        grid = changes.insert(session, Grid(code="T1", name="测试网格"), "t")
        for name in ("万家超市", "华联商厦", "安居物业", "中和食品"):
            changes.insert(session, Enterprise(name=name, grid_id=grid.id), "t")
    with db.read() as session:
        rows = enterprises.page(session, enterprises.EnterpriseFilter(), 0, 50, "name")
        backwards = enterprises.page(session, enterprises.EnterpriseFilter(), 0, 50, "name", descending=True)
    assert [r["name"] for r in rows] == ["安居物业", "华联商厦", "万家超市", "中和食品"]
    assert [r["name"] for r in backwards] == ["中和食品", "万家超市", "华联商厦", "安居物业"]


# --- no dead ends -----------------------------------------------------------------------------------


def test_shortcuts_follow_the_navigation_order(qtbot: Any, ctx: AppContext) -> None:
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    actions = window.view_menu.actions()
    assert [a.shortcut().toString() for a in actions][:3] == ["Ctrl+1", "Ctrl+2", "Ctrl+3"]
    for row, action in enumerate(actions[:9]):
        assert action.text() == window.nav.item(row).text()
        assert action.shortcut().toString() == f"Ctrl+{row + 1}"
    assert page_shortcuts(11)[9:] == ["Ctrl+0", None]


def test_targets_and_plan_open_the_file_and_start_a_visit(qtbot: Any, ctx: AppContext) -> None:
    from app.ui.visits import VisitDialog

    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    targets: Any = window.page("targets")
    view = targets.view
    index = targets.model.index(0, 1)
    expected = targets.model.target_at(0).id
    view.setCurrentIndex(index)
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Return)
    opened = _open_enterprise_windows()
    assert [w.enterprise_id for w in opened] == [expected]
    _close_all()
    window.show()
    targets.view.selectRow(0)
    targets.visit_button.click()
    dialogs = [w for w in QApplication.topLevelWidgets() if isinstance(w, VisitDialog) and w.isVisible()]
    assert len(dialogs) == 1 and dialogs[0].editor.enterprise_id == expected
    dialogs[0].reject()

    plan: Any = window.page("visit_plan")
    if plan.model.rowCount():
        plan.view.setCurrentIndex(plan.model.index(0, 2))
        plan.view.doubleClicked.emit(plan.model.index(0, 2))
        assert [w.enterprise_id for w in _open_enterprise_windows()] == [plan.model.enterprise_at(0)]
        _close_all()


def test_matters_letters_and_audit_link_to_the_enterprise(qtbot: Any, ctx: AppContext) -> None:
    from app.store.tables import Inspector

    with ctx.db.read() as session:
        office = session.exec(select(Inspector).where(Inspector.role == "office")).first()
    assert office is not None
    ctx.set_user(office.id)
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    for key in ("matters", "letters"):
        page: Any = window.page(key)
        column = page.model.column_of("enterprise_name")
        assert page.model.rowCount() > 0, key
        page.view.doubleClicked.emit(page.model.index(0, column))
        assert [w.enterprise_id for w in _open_enterprise_windows()] == [page.model.row_at(0)["enterprise_id"]], key
        _close_all()
    audit: Any = window.page("audit")
    assert audit.model is not None  # the office sees the audit log
    from app.store import links

    rows = [audit.model.row_at(r) for r in range(audit.model.rowCount())]
    with ctx.db.read() as session:
        owners = [links.enterprise_of(session, str(r["entity"]), str(r["entity_id"])) for r in rows]
    row = next(i for i, owner in enumerate(owners) if owner)
    audit.table.doubleClicked.emit(audit.model.index(row, 1))
    assert [w.enterprise_id for w in _open_enterprise_windows()] == [owners[row]]
    _close_all()


# --- the demo ---------------------------------------------------------------------------------------


def test_demo_is_marked_and_cleared_from_the_gui(qtbot: Any, ctx: AppContext, monkeypatch: Any) -> None:
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    assert "示例辖区" in window.windowTitle()
    assert window.demo_banner.isVisible()
    monkeypatch.setattr(QMessageBox, "question", staticmethod(lambda *a, **k: QMessageBox.StandardButton.No))
    assert window.clear_demo() is False
    monkeypatch.setattr(QMessageBox, "question", staticmethod(lambda *a, **k: QMessageBox.StandardButton.Yes))
    assert window.clear_demo() is True
    assert "示例辖区" not in window.windowTitle() and not window.demo_banner.isVisible()
    with ctx.db.read() as session:
        assert not demo_state.is_demo(session)
        assert session.connection().execute(text("SELECT count(*) FROM enterprise")).scalar_one() == 0
        assert session.connection().execute(text("SELECT count(*) FROM outbox")).scalar_one() == 0
        assert demo_state.was_cleared(session)  # the next start does not bring the demo back


def test_sync_refuses_demo_data(demo_db: Database) -> None:
    from app.sync.engine import SyncEngine

    def no_client(*_a: Any) -> Any:
        raise AssertionError("a demo must never contact the server")

    report = SyncEngine(demo_db, client_factory=no_client).sync_once()
    assert any("示例辖区" in e for e in report.errors)


def test_sign_in_with_demo_data_asks_to_clear_it(qtbot: Any, ctx: AppContext, monkeypatch: Any) -> None:
    from app.ui.sync.dialogs import LoginDialog

    dialog = LoginDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.server.setText("https://gh.example.cn")
    dialog.user.setText("ann")
    dialog.password.setText("secret")
    started: list[Any] = []
    monkeypatch.setattr(ctx.pool, "start", lambda task: started.append(task))
    monkeypatch.setattr(QMessageBox, "question", staticmethod(lambda *a, **k: QMessageBox.StandardButton.No))
    dialog._submit()
    assert not started and "清除示例数据" in dialog.error.text()
    monkeypatch.setattr(QMessageBox, "question", staticmethod(lambda *a, **k: QMessageBox.StandardButton.Yes))
    dialog._submit()
    assert started
    with ctx.db.read() as session:
        assert not demo_state.is_demo(session)


def test_demo_clear_command(tmp_path: Path) -> None:
    data = tmp_path / "d"
    run = [sys.executable, "-m", "app.cli", "--data-dir", str(data), "demo"]
    env = dict(os.environ, UNION_INSPECTOR_PASSPHRASE="a test passphrase for the demo")
    assert subprocess.run([*run, "--enterprises", "20"], cwd=ROOT, capture_output=True, env=env).returncode == 0
    done = subprocess.run([*run, "--clear"], cwd=ROOT, capture_output=True, text=True, env=env)
    assert done.returncode == 0, done.stderr
    assert "已清除" in done.stdout
    again = subprocess.run([*run, "--clear"], cwd=ROOT, capture_output=True, text=True, env=env)
    assert again.returncode == 1 and "不是示例辖区" in again.stdout


# --- switching the user -----------------------------------------------------------------------------


def test_switching_user_rebuilds_what_they_may_see(qtbot: Any, ctx: AppContext) -> None:
    from app.store import grids

    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    with ctx.db.read() as session:
        people = grids.all_inspectors(session)
    inspector = next(p for p in people if p.role == "inspector")
    office = next(p for p in people if p.role == "office")
    window.switch_user(inspector.id)
    assert window.page("audit").model is None  # type: ignore[attr-defined]
    window._fill_user_menu()
    names = [a.text() for a in window.user_menu.actions()]
    assert any(office.name in n for n in names) and any(inspector.name in n for n in names)
    action = next(a for a in window.user_menu.actions() if office.name in a.text())
    action.trigger()
    assert ctx.user.inspector_id == office.id
    assert office.name in window.user_button.text()
    assert window.page("audit").model is not None  # type: ignore[attr-defined]


# --- visit → matters → letters ---------------------------------------------------------------------


def _visit_with_problems(db: Database, enterprise_id: str, summary: str) -> str:
    answers = {"visit_date": dt.date.today().isoformat(), "problems_found": True, "problem_summary": summary}
    with db.write() as session:
        ent = session.get(Enterprise, enterprise_id)
        assert ent is not None
        visit = changes.insert(session, Visit(
            enterprise_id=enterprise_id, grid_id=ent.grid_id, visit_date=dt.date.today(), form_id="sanchasanji",
            form_version=1, answers=json.dumps(answers, ensure_ascii=False), status="submitted",
        ), "t")
        return visit.id


def _an_enterprise(db: Database) -> str:
    with db.read() as session:
        return str(session.connection().execute(text("SELECT id FROM enterprise ORDER BY rowid LIMIT 1")).scalar_one())


def test_two_problem_categories_give_two_matters_and_their_letters(qtbot: Any, ctx: AppContext) -> None:
    from app.ui.guided import VisitMattersDialog
    from app.ui.shell import navigation

    enterprise_id = _an_enterprise(ctx.db)
    visit_id = _visit_with_problems(ctx.db, enterprise_id, "拖欠职工工资两个月。喷漆车间职工未配发防护口罩。")
    with ctx.db.read() as session:
        before = session.connection().execute(text("SELECT count(*) FROM matter")).scalar_one()
    dialog = navigation.follow_up_visit(ctx, visit_id, None)
    assert isinstance(dialog, VisitMattersDialog)
    qtbot.addWidget(dialog)
    assert sorted(p.category for p in dialog.proposals) == ["safety_health", "wage_arrears"]
    wages = next(p for p in dialog.proposals if p.category == "wage_arrears")
    safety = next(p for p in dialog.proposals if p.category == "safety_health")
    assert "工资" in wages.facts and "口罩" not in wages.facts
    assert "口罩" in safety.facts and "工资" not in safety.facts
    with ctx.db.read() as session:  # nothing registered behind the user's back
        assert session.connection().execute(text("SELECT count(*) FROM matter")).scalar_one() == before
    assert dialog.draft_letters.isChecked()
    dialog.register_button.click()
    with ctx.db.read() as session:
        made = list(session.exec(select(Matter).where(Matter.source_ref == visit_id)).all())
        letters = list(session.exec(select(Letter).where(Letter.enterprise_id == enterprise_id, Letter.kind == "tips",
                                                         Letter.status == "draft")).all())
    assert sorted(m.category for m in made) == ["safety_health", "wage_arrears"]
    assert all(m.legal_basis and m.facts for m in made)
    assert sorted(lt.matter_id or "" for lt in letters if lt.matter_id in {m.id for m in made}) == sorted(m.id for m in made)
    assert navigation.follow_up_visit(ctx, visit_id, None) is None  # registered once, never offered again

    from app.ui.matters.chain import ChainTab

    chain = ChainTab(ctx, enterprise_id)
    qtbot.addWidget(chain)
    top = [chain.tree.topLevelItem(i) for i in range(chain.tree.topLevelItemCount())]
    visit_item = next(item for item in top if item is not None and item.data(0, Qt.ItemDataRole.UserRole + 2) == visit_id)
    assert visit_item.childCount() == 2
    assert all(visit_item.child(i).childCount() >= 1 for i in range(2))  # each matter shows its letter


def test_cancelling_the_follow_up_registers_nothing(qtbot: Any, ctx: AppContext) -> None:
    from app.ui.shell import navigation

    visit_id = _visit_with_problems(ctx.db, _an_enterprise(ctx.db), "未与职工签订书面劳动合同。")
    dialog: Any = navigation.follow_up_visit(ctx, visit_id, None)
    qtbot.addWidget(dialog)
    assert [p.category for p in dialog.proposals] == ["labour_contract"]
    dialog.reject()
    with ctx.db.read() as session:
        assert not list(session.exec(select(Matter).where(Matter.source_ref == visit_id)).all())


def test_a_visit_without_problems_offers_nothing(ctx: AppContext) -> None:
    from app.ui.shell import navigation

    with ctx.db.write() as session:
        ent = session.get(Enterprise, _an_enterprise(ctx.db))
        assert ent is not None
        visit = changes.insert(session, Visit(enterprise_id=ent.id, grid_id=ent.grid_id, visit_date=dt.date.today(),
                                              form_id="sanchasanji", answers=json.dumps({"problems_found": False})), "t")
    assert navigation.follow_up_visit(ctx, visit.id, None) is None


# --- columns and the heat map ---------------------------------------------------------------------


def test_names_and_empty_headers_are_not_cut(qtbot: Any, ctx: AppContext, db: Database) -> None:
    from app.ui.datapool.targets import TargetsPage

    page = TargetsPage(ctx)
    qtbot.addWidget(page)
    page.resize(1000, 600)
    page.show()
    header = page.view.horizontalHeader()
    metrics = page.view.fontMetrics()
    longest = max(page.model.target_at(r).name for r in range(page.model.rowCount()))
    assert header.sectionSize(1) >= metrics.horizontalAdvance(longest)
    empty = TargetsPage(AppContext(db.paths, db))  # an empty database: headers still readable
    qtbot.addWidget(empty)
    empty.show()
    eh = empty.view.horizontalHeader()
    for column in range(empty.model.columnCount()):
        title = str(empty.model.headerData(column, Qt.Orientation.Horizontal))
        assert eh.sectionSize(column) >= empty.view.fontMetrics().horizontalAdvance(title)


def test_heat_map_fills_its_panel_and_names_every_colour(qtbot: Any, ctx: AppContext) -> None:
    from app.ui.datapool.heatmap import DOT_COLOURS, HeatMapPage

    page = HeatMapPage(ctx)
    qtbot.addWidget(page)
    page.resize(1200, 700)
    page.show()
    qtbot.waitExposed(page)
    view = page.view
    shown = view.mapFromScene(view.scene().sceneRect()).boundingRect()
    viewport = view.viewport().rect()
    # Fitted on first open: the map spans the panel's width or height, not a corner of it.
    assert shown.width() >= viewport.width() * 0.9 or shown.height() >= viewport.height() * 0.9
    image = view.viewport().grab().toImage()
    colours = {image.pixelColor(x, y).name() for x in range(viewport.width() - 330, viewport.width())
               for y in range(0, 160)}
    assert set(DOT_COLOURS.values()) <= colours  # the legend shows a dot of every colour on the map

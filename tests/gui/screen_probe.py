"""Opens every window of the program on a demo district and reports, per top-level window, whether
its frame lies inside the screen's available geometry and whether its action buttons can be seen.
Run in a child process by test_screen_fit.py, because the screen size of Qt's offscreen platform is
fixed when the application starts (`QT_QPA_PLATFORM=offscreen:configfile=...`). With a folder as
second argument it also saves a PNG of each window, to look at."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from PySide6.QtCore import QRect
from PySide6.QtWidgets import QAbstractButton, QApplication, QDialogButtonBox, QWidget


def _visible(widget: QWidget) -> bool:
    """Shown and not clipped away by a parent (nor below the window's edge)."""
    if not widget.isVisible():
        return False
    region = widget.visibleRegion()
    return not region.isEmpty() and region.boundingRect().height() >= min(10, widget.height())


def _describe(name: str, window: QWidget, actions: list[QWidget]) -> dict[str, Any]:
    QApplication.processEvents()
    screen = window.screen() or QApplication.primaryScreen()
    area: QRect = screen.availableGeometry()
    frame = window.frameGeometry()
    buttons: list[QWidget] = list(actions)
    for box in window.findChildren(QDialogButtonBox):
        if box.window() is window and box.isVisible():
            buttons.extend(b for b in box.buttons() if b.isVisible())
    for button in window.findChildren(QAbstractButton):
        if button.window() is window and getattr(button, "isDefault", lambda: False)():
            buttons.append(button)
    hidden = [
        (b.text() if isinstance(b, QAbstractButton) else b.objectName() or type(b).__name__)
        for b in buttons
        if not _visible(b)
    ]
    return {
        "name": name,
        "frame": [frame.x(), frame.y(), frame.width(), frame.height()],
        "available": [area.x(), area.y(), area.width(), area.height()],
        "inside": area.contains(frame),
        "hidden_actions": hidden,
        "checked_actions": len(buttons),
    }


def probe(shots: Path | None) -> list[dict[str, Any]]:
    import tempfile

    from sqlalchemy import text

    from app.demo import create_demo_district
    from app.paths import DataPaths
    from app.store.db import open_database
    from app.ui.shell import navigation, registry
    from app.ui.shell.app import create_application
    from app.ui.shell.context import AppContext
    from app.ui.shell.main_window import MainWindow

    create_application()
    folder = Path(tempfile.mkdtemp(prefix="screen-probe-"))
    paths = DataPaths(folder / "data").ensure()
    db = open_database(paths)
    create_demo_district(db, enterprises=60, seed=3)
    ctx = AppContext(paths, db)
    results: list[dict[str, Any]] = []

    def record(name: str, window: QWidget, actions: list[QWidget] | None = None) -> None:
        window.show()
        QApplication.processEvents()
        QApplication.processEvents()
        results.append(_describe(name, window, actions or []))
        if shots is not None:
            window.grab().save(str(shots / f"{name}.png"))

    main = MainWindow(ctx)
    main.show()
    for spec in sorted(registry.PAGES, key=lambda p: p.order):
        main.page(spec.key)
        record(f"page-{spec.key}", main, [main.statusBar()])

    with db.read() as session:
        conn = session.connection()
        enterprise_id = str(conn.execute(text("SELECT id FROM enterprise ORDER BY rowid LIMIT 1")).scalar_one())
        matter_id = conn.execute(text("SELECT id FROM matter WHERE deleted = 0 LIMIT 1")).scalar()
        letter_id = conn.execute(text("SELECT id FROM letter WHERE deleted = 0 AND status = 'draft' LIMIT 1")).scalar()
        if letter_id is None:
            letter_id = conn.execute(text("SELECT id FROM letter WHERE deleted = 0 LIMIT 1")).scalar()

    enterprise = navigation.open_enterprise(ctx, enterprise_id, main)
    assert enterprise is not None
    record("enterprise-file", enterprise, [enterprise.save_button])
    visit = navigation.start_visit(ctx, enterprise_id, main)
    assert visit is not None
    record("visit-form", visit, [visit.close_button])
    visit.close()

    from app.ui.matters.pages import MatterDialog, NewMatterDialog

    new_matter = NewMatterDialog(ctx, enterprise_id, main)
    record("new-matter", new_matter)
    new_matter.reject()
    if matter_id:
        matter = MatterDialog(ctx, str(matter_id), main)
        record("matter", matter)
        matter.reject()

    from app.ui.letters import LetterEditorDialog

    if letter_id:
        editor = LetterEditorDialog(ctx, str(letter_id), main)
        shown = [b for b in (editor.save_button, editor.issue_button, editor.print_button, editor.export_button)
                 if not b.isHidden()]
        record("letter-editor", editor, shown)
        editor.reject()

    from app.ui.sync.dialogs import LoginDialog

    login = LoginDialog(ctx, main)
    login.error.setText("无法连接服务器 https://gh.example.cn：连接超时，请检查网络后重试（已重试3次）。")
    record("login", login, [login.error])
    login.reject()

    from app.ui.datapool.import_wizard import ImportWizard

    wizard = ImportWizard(ctx, main)
    from PySide6.QtWidgets import QWizard

    record("import", wizard, [wizard.button(QWizard.WizardButton.NextButton), wizard.button(QWizard.WizardButton.CancelButton)])
    wizard.reject()
    main.close()
    db.dispose()
    return results


def main() -> int:
    out = Path(sys.argv[1])
    shots = Path(sys.argv[2]) if len(sys.argv) > 2 else None
    if shots is not None:
        shots.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(probe(shots), ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

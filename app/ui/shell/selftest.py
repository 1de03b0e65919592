"""A GUI self-test for installers: opens the main window over a sample district, shows every page
and the enterprise file, and reports what failed. The bundle smoke test in CI runs it headless, so a
Qt plugin or data file left out of a bundle shows up before a user finds it."""

from __future__ import annotations

import logging
import os

from PySide6.QtWidgets import QApplication

from app.paths import DataPaths

log = logging.getLogger(__name__)


def run_selftest(paths: DataPaths, language: str | None = None) -> list[str]:
    """Returns the problems found (empty when all is well)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from app.demo import create_demo_district
    from app.store.db import open_database
    from app.ui.shell import i18n, registry
    from app.ui.shell.app import create_application

    problems: list[str] = []
    app = create_application()
    used = i18n.install_translators(app, language)
    if language and used != language:
        problems.append(f"language {language} not available")
    db = open_database(paths)
    try:
        create_demo_district(db, enterprises=40, seed=1)
        from app.ui.shell.context import AppContext
        from app.ui.shell.main_window import MainWindow

        ctx = AppContext(paths, db)
        window = MainWindow(ctx)
        window.show()
        for spec in sorted(registry.PAGES, key=lambda p: p.order):
            try:
                window.page(spec.key)
                QApplication.processEvents()
            except Exception as exc:
                log.exception("page %s failed", spec.key)
                problems.append(f"page {spec.key}: {type(exc).__name__}: {exc}")
        from sqlalchemy import text

        with db.read() as session:
            enterprise_id = session.connection().execute(text("SELECT id FROM enterprise LIMIT 1")).scalar_one()
        for tab in sorted(registry.ENTERPRISE_TABS, key=lambda t: t.order):
            try:
                widget = tab.factory(ctx, str(enterprise_id))
                widget.deleteLater()
            except Exception as exc:
                log.exception("enterprise tab %s failed", tab.key)
                problems.append(f"enterprise tab {tab.key}: {type(exc).__name__}: {exc}")
        from PySide6.QtCharts import QChart
        from PySide6.QtPdf import QPdfDocument

        QChart()
        QPdfDocument()
        window.close()
        QApplication.processEvents()
    finally:
        db.dispose()
    return problems

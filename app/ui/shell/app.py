"""Starting the GUI: the QApplication, the database (migrated, with a backup first), the demo district
when asked for and the database is empty, and the main window."""

from __future__ import annotations

import logging
import sys

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QMessageBox

from app.paths import DataPaths
from app.store.db import Database, open_database
from app.ui.shell.crash import install_crash_handler
from app.ui.shell.i18n import install_translators

log = logging.getLogger(__name__)


def _is_empty(db: Database) -> bool:
    from sqlalchemy import text

    with db.read() as session:
        return session.exec(text("SELECT 1 FROM enterprise LIMIT 1")).first() is None  # type: ignore[call-overload]


def create_application(argv: list[str] | None = None) -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    QCoreApplication.setOrganizationName("UnionInspector")
    QCoreApplication.setApplicationName("UnionInspector")
    app = QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationDisplayName(QCoreApplication.translate("App", "工会走访监督助手"))
    font = app.font()
    font.setFamilies([font.family(), "Noto Sans CJK SC", "Microsoft YaHei", "PingFang SC", "WenQuanYi Zen Hei"])
    font.setStyleStrategy(QFont.StyleStrategy.PreferAntialias)
    app.setFont(font)
    app.setAttribute(Qt.ApplicationAttribute.AA_DontShowIconsInMenus, False)
    return app


def run(paths: DataPaths, *, demo_if_empty: bool = False) -> int:
    app = create_application()
    install_translators(app, None)

    try:
        db = open_database(paths)
    except Exception as exc:
        log.exception("cannot open database")
        QMessageBox.critical(
            None,
            QCoreApplication.translate("App", "无法打开数据"),
            QCoreApplication.translate("App", "无法打开数据文件 {path}：{error}").format(path=paths.database, error=exc),
        )
        return 1
    demo_loaded = False
    if demo_if_empty and _is_empty(db):
        from app.demo import create_demo_district

        create_demo_district(db)
        demo_loaded = True

    from app.ui.shell.context import AppContext
    from app.ui.shell.main_window import MainWindow

    ctx = AppContext(paths, db)
    window = MainWindow(ctx)
    install_crash_handler(ctx, window)
    window.show()
    if demo_loaded:
        window.statusBar().showMessage(QCoreApplication.translate("App", "尚无数据，已载入示例辖区供体验"), 15000)
    code = app.exec()
    ctx.flush_all()
    db.dispose()
    return int(code)

"""The main window: a navigation list of the areas' pages, the current page, menus with shortcuts, and
a status bar where areas put their indicators (sync state, ...)."""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QWidget,
)

import app.ui.features  # noqa: F401  (registers the pages)
from app import __version__
from app.ui.shell import registry
from app.ui.shell.context import AppContext


class MainWindow(QMainWindow):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.setWindowTitle(self.tr("工会走访监督助手"))
        self.resize(1280, 800)
        self._pages: dict[str, QWidget] = {}
        self._specs = sorted(registry.PAGES, key=lambda p: p.order)

        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        self.nav.setFixedWidth(140)
        self.nav.setSpacing(3)
        self.nav.setStyleSheet("QListWidget#navigation { font-size: 14px; padding: 4px; }")
        self.stack = QStackedWidget()
        for spec in self._specs:
            item = QListWidgetItem(spec.title)
            item.setData(Qt.ItemDataRole.UserRole, spec.key)
            if spec.shortcut:
                item.setToolTip(f"{spec.title}（{spec.shortcut}）")
            self.nav.addItem(item)
            # Pages are built when first shown, so the window opens fast.
            placeholder = QWidget()
            placeholder.setObjectName(f"lazy-{spec.key}")
            self.stack.addWidget(placeholder)
        self.nav.currentRowChanged.connect(self._show_page)

        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(4, 4, 4, 0)
        layout.addWidget(self.nav)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        self._build_menus()
        self._build_status_bar()
        ctx.status_message.connect(self._show_status_message)
        self._restore_geometry()
        if self._specs:
            self.nav.setCurrentRow(0)

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("文件(&F)"))
        quit_action = QAction(self.tr("退出(&X)"), self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        self.file_menu = file_menu
        file_menu.addAction(quit_action)

        view_menu = self.menuBar().addMenu(self.tr("视图(&V)"))
        for index, spec in enumerate(self._specs):
            action = QAction(spec.title, self)
            if spec.shortcut:
                action.setShortcut(QKeySequence(spec.shortcut))
            action.triggered.connect(lambda _checked=False, i=index: self.nav.setCurrentRow(i))
            view_menu.addAction(action)
        self.view_menu = view_menu

        help_menu = self.menuBar().addMenu(self.tr("帮助(&H)"))
        about = QAction(self.tr("关于(&A)"), self)
        about.triggered.connect(self._about)
        help_menu.addAction(about)
        self.help_menu = help_menu

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        self.user_label = QLabel(self.tr("当前用户：{name}").format(name=self.ctx.user.name))
        bar.addPermanentWidget(self.user_label)
        for spec in sorted(registry.STATUS_WIDGETS, key=lambda s: s.order):
            bar.addPermanentWidget(spec.factory(self.ctx))

    def _show_status_message(self, text: str) -> None:
        self.statusBar().showMessage(text, 8000)

    def _show_page(self, row: int) -> None:
        if row < 0 or row >= len(self._specs):
            return
        spec = self._specs[row]
        page = self._pages.get(spec.key)
        if page is None:
            page = spec.factory(self.ctx)
            page.setObjectName(f"page-{spec.key}")
            old = self.stack.widget(row)
            self.stack.insertWidget(row, page)
            if old is not None:
                self.stack.removeWidget(old)
                old.deleteLater()
            self._pages[spec.key] = page
        self.stack.setCurrentIndex(row)

    def page(self, key: str) -> QWidget:
        """The page with this key, building it if needed (tests and other pages navigate with this)."""
        for row, spec in enumerate(self._specs):
            if spec.key == key:
                self.nav.setCurrentRow(row)
                return self._pages[key]
        raise KeyError(key)

    def _about(self) -> None:
        QMessageBox.about(
            self,
            self.tr("关于"),
            self.tr("工会走访监督助手 {version}\n数据文件夹：{folder}").format(version=__version__, folder=self.ctx.paths.root),
        )

    def _restore_geometry(self) -> None:
        settings = QSettings()
        geometry = settings.value("main/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)

    def closeEvent(self, event: QCloseEvent) -> None:
        errors = self.ctx.flush_all()
        if errors:
            answer = QMessageBox.warning(
                self,
                self.tr("有内容未能保存"),
                self.tr("以下内容保存失败：{errors}\n仍要退出吗？").format(errors="；".join(str(e) for e in errors)),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            )
            if answer != QMessageBox.StandardButton.Yes:
                event.ignore()
                return
        QSettings().setValue("main/geometry", self.saveGeometry())
        super().closeEvent(event)

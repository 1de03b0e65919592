"""The main window: a navigation list of the areas' pages, the current page, menus with shortcuts, and
a status bar where areas put their indicators (sync state, ...)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QSettings, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

import app.ui.features  # noqa: F401  (registers the pages)
from app import __version__
from app.store import demo_state, grids
from app.ui.shell import registry, warmup
from app.ui.shell.context import AppContext
from app.ui.widgets.screen_fit import fit_to_screen, install_screen_fit

FONT_WARMUP_DELAY_MS = 1500
ROLE_LABELS = {
    "inspector": QCoreApplication.translate("MainWindow", "网格员"),
    "office": QCoreApplication.translate("MainWindow", "区总工会办公室"),
    "admin": QCoreApplication.translate("MainWindow", "管理员"),
}


def page_shortcuts(count: int) -> list[str | None]:
    """Ctrl+1 … Ctrl+9, then Ctrl+0, in the order of the navigation list; pages after that have none."""
    keys = [f"Ctrl+{n}" for n in range(1, 10)] + ["Ctrl+0"]
    return [keys[i] if i < len(keys) else None for i in range(count)]


class MainWindow(QMainWindow):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        app = QApplication.instance()
        if isinstance(app, QApplication):
            install_screen_fit(app)
        self.setWindowTitle(self.tr("工会走访监督助手"))
        fit_to_screen(self, 1280, 800, maximise_on_small=True)
        self._pages: dict[str, QWidget] = {}
        self._specs = sorted(registry.PAGES, key=lambda p: p.order)

        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        self.nav.setFixedWidth(140)
        self.nav.setSpacing(3)
        self.nav.setStyleSheet("QListWidget#navigation { font-size: 14px; padding: 4px; }")
        self.stack = QStackedWidget()
        self.shortcuts = page_shortcuts(len(self._specs))
        for spec, shortcut in zip(self._specs, self.shortcuts, strict=True):
            item = QListWidgetItem(spec.title)
            item.setData(Qt.ItemDataRole.UserRole, spec.key)
            if shortcut:
                item.setToolTip(f"{spec.title}（{shortcut}）")
            self.nav.addItem(item)
            # Pages are built when first shown, so the window opens fast.
            placeholder = QWidget()
            placeholder.setObjectName(f"lazy-{spec.key}")
            self.stack.addWidget(placeholder)
        self.nav.currentRowChanged.connect(self._show_page)

        self.demo_banner = QWidget()
        self.demo_banner.setObjectName("demo-banner")
        self.demo_banner.setStyleSheet("QWidget#demo-banner { background: #fef3c7; border-bottom: 1px solid #f59e0b; }")
        banner = QHBoxLayout(self.demo_banner)
        banner.setContentsMargins(10, 4, 10, 4)
        self.demo_text = QLabel(self.tr("示例辖区：这里是演示数据（虚构的企业和人员），不会同步到区服务器。"))
        self.demo_text.setWordWrap(True)
        banner.addWidget(self.demo_text, 1)
        self.clear_demo_button = QPushButton(self.tr("清除示例数据…"))
        self.clear_demo_button.clicked.connect(self.clear_demo)
        banner.addWidget(self.clear_demo_button)

        body = QWidget()
        layout = QHBoxLayout(body)
        layout.setContentsMargins(4, 4, 4, 0)
        layout.addWidget(self.nav)
        layout.addWidget(self.stack, 1)
        central = QWidget()
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.demo_banner)
        column.addWidget(body, 1)
        self.setCentralWidget(central)

        self._build_menus()
        self._build_status_bar()
        ctx.status_message.connect(self._show_status_message)
        self.update_demo_mark()
        self._restore_geometry()
        # Fonts for the first PDF are read while the user looks at the first page.
        QTimer.singleShot(FONT_WARMUP_DELAY_MS, warmup.start_font_warmup)
        # The search indexes' first pages are decrypted once the window is up (the first search then
        # costs what later ones do).
        QTimer.singleShot(0, lambda: warmup.start_search_warmup(ctx.db))
        if self._specs:
            self.nav.setCurrentRow(0)

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("文件(&F)"))
        quit_action = QAction(self.tr("退出(&X)"), self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        self.file_menu = file_menu
        self.switch_user_action = QAction(self.tr("切换用户(&U)…"), self)
        self.switch_user_action.setShortcut(QKeySequence(self.tr("Ctrl+Shift+U")))
        self.switch_user_action.triggered.connect(self._show_user_menu)
        file_menu.addAction(self.switch_user_action)
        self.clear_demo_action = QAction(self.tr("清除示例数据(&D)…"), self)
        self.clear_demo_action.triggered.connect(self.clear_demo)
        file_menu.addAction(self.clear_demo_action)
        file_menu.addSeparator()
        file_menu.addAction(quit_action)

        view_menu = self.menuBar().addMenu(self.tr("视图(&V)"))
        for index, spec in enumerate(self._specs):
            action = QAction(spec.title, self)
            shortcut = self.shortcuts[index]
            if shortcut:
                action.setShortcut(QKeySequence(shortcut))
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
        # Who is working, and a menu to switch to another person of the district.
        self.user_button = QToolButton()
        self.user_button.setObjectName("current-user")
        self.user_button.setAutoRaise(True)
        self.user_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.user_menu = QMenu(self.user_button)
        self.user_menu.aboutToShow.connect(self._fill_user_menu)
        self.user_button.setMenu(self.user_menu)
        self.user_label = self.user_button
        self._show_user()
        bar.addPermanentWidget(self.user_button)
        for spec in sorted(registry.STATUS_WIDGETS, key=lambda s: s.order):
            bar.addPermanentWidget(spec.factory(self.ctx))

    # the current user ------------------------------------------------------------------------------

    def _show_user(self) -> None:
        role = ROLE_LABELS.get(self.ctx.user.role, "")
        self.user_button.setText(self.tr("当前用户：{name}").format(name=self.ctx.user.name) + (f"（{role}）" if role else ""))
        self.user_button.setToolTip(self.tr("点击切换用户（Ctrl+Shift+U）"))

    def _fill_user_menu(self) -> None:
        self.user_menu.clear()
        with self.ctx.db.read() as session:
            people = grids.all_inspectors(session)
        if not people:
            empty = self.user_menu.addAction(self.tr("尚无人员"))
            empty.setEnabled(False)
        for person in people:
            role = ROLE_LABELS.get(person.role, "")
            action = self.user_menu.addAction(f"{person.name}（{role}）" if role else person.name)
            action.setCheckable(True)
            action.setChecked(person.id == self.ctx.user.inspector_id)
            action.triggered.connect(lambda _checked=False, pid=person.id: self.switch_user(pid))

    def _show_user_menu(self) -> None:
        self._fill_user_menu()
        self.user_menu.popup(self.user_button.mapToGlobal(self.user_button.rect().topLeft()))

    def switch_user(self, inspector_id: str) -> None:
        """Pages built for the previous person (what they may see, e.g. the audit log) are rebuilt."""
        if inspector_id == self.ctx.user.inspector_id:
            return
        self.ctx.set_user(inspector_id)
        self._show_user()
        self._rebuild_pages()
        self.ctx.status_message.emit(self.tr("已切换为 {name}").format(name=self.ctx.user.name))

    def _rebuild_pages(self) -> None:
        row = self.nav.currentRow()
        for index, spec in enumerate(self._specs):
            page = self._pages.pop(spec.key, None)
            if page is None:
                continue
            placeholder = QWidget()
            placeholder.setObjectName(f"lazy-{spec.key}")
            self.stack.insertWidget(index, placeholder)
            self.stack.removeWidget(page)
            page.deleteLater()
        self._show_page(row)

    # the demo district --------------------------------------------------------------------------------

    def update_demo_mark(self) -> None:
        with self.ctx.db.read() as session:
            demo = demo_state.is_demo(session)
        self.is_demo = demo
        title = self.tr("工会走访监督助手")
        self.setWindowTitle(title + self.tr(" — 示例辖区（演示数据）") if demo else title)
        self.demo_banner.setVisible(demo)
        self.clear_demo_action.setEnabled(demo)

    def clear_demo(self) -> bool:
        """Asks first; clearing removes every row of the demo district from this laptop."""
        if not self.is_demo:
            return False
        answer = QMessageBox.question(
            self,
            self.tr("清除示例数据"),
            self.tr("将删除本机的全部示例数据（示例企业、走访、事项、函件和人员），之后可导入名录或登录区服务器开始正式使用。确定清除吗？"),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return False
        removed = demo_state.clear(self.ctx.db)
        self.ctx.user = self.ctx.load_user()
        self._show_user()
        self.update_demo_mark()
        self._rebuild_pages()
        self.ctx.notify("*")
        self.ctx.status_message.emit(self.tr("示例数据已清除（{n} 行）").format(n=removed))
        return True

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

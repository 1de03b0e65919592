"""企业档案: the searchable list of every enterprise, the first page of the program."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.core.enterprise import DEFAULT_TARGET_HEADCOUNT, UnionStatus
from app.store import enterprises, grids, local_state
from app.ui.enterprises.model import EnterpriseTableModel, union_status_label
from app.ui.enterprises.window import EnterpriseWindow, NewEnterpriseDialog
from app.ui.shell import navigation, registry
from app.ui.shell.context import AppContext

SEARCH_DELAY_MS = 250


class EnterprisesPage(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        with ctx.db.read() as session:
            self.threshold = local_state.get_int(session, local_state.TARGET_HEADCOUNT, DEFAULT_TARGET_HEADCOUNT)

        self.search = QLineEdit()
        self.search.setObjectName("enterprise-search")
        self.search.setPlaceholderText(self.tr("搜索企业名称、地址或信用代码（Ctrl+F）"))
        self.search.setClearButtonEnabled(True)
        self.grid_filter = QComboBox()
        self.grid_filter.addItem(self.tr("全部网格"), None)
        with ctx.db.read() as session:
            for grid in grids.all_grids(session):
                self.grid_filter.addItem(f"{grid.code} {grid.name}", grid.id)
        self.status_filter = QComboBox()
        self.status_filter.addItem(self.tr("全部建会状态"), None)
        for status in UnionStatus:
            self.status_filter.addItem(union_status_label(status.value), status.value)
        self.targets_only = QCheckBox(self.tr("仅看建会目标（≥{n}人且未建会）").format(n=self.threshold))
        self.count_label = QLabel()
        self.count_label.setObjectName("enterprise-count")
        # A broad search at city scale shows "more than 5,000" at once; the exact figure on request.
        self.exact_button = QPushButton(self.tr("统计确切数目"))
        self.exact_button.setObjectName("enterprise-count-exact")
        self.exact_button.setFlat(True)
        self.exact_button.clicked.connect(self.count_exactly)
        self.new_button = QPushButton(self.tr("新建企业 (Ctrl+N)"))
        self.new_button.clicked.connect(self.new_enterprise)

        filters = QHBoxLayout()
        filters.addWidget(self.search, 3)
        filters.addWidget(self.grid_filter, 1)
        filters.addWidget(self.status_filter, 1)
        filters.addWidget(self.targets_only)
        filters.addWidget(self.new_button)

        self.model = EnterpriseTableModel(ctx.db, self)
        self.view = QTableView()
        self.view.setObjectName("enterprise-table")
        self.view.setModel(self.model)
        self.model.rowsInserted.connect(self._show_count)  # scrolling past the capped count settles it
        self.view.setSortingEnabled(True)
        self.view.horizontalHeader().setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setDefaultSectionSize(26)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in enumerate((280, 170, 100, 70, 70, 70, 90)):
            self.view.setColumnWidth(column, width)
        self.view.doubleClicked.connect(self._open_index)
        self.view.activated.connect(self._open_index)

        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.view, 1)
        counts = QHBoxLayout()
        counts.addWidget(self.count_label)
        counts.addWidget(self.exact_button)
        counts.addStretch(1)
        layout.addLayout(counts)

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(SEARCH_DELAY_MS)
        self._debounce.timeout.connect(self.apply_filter)
        self.search.textChanged.connect(self._debounce.start)
        self.grid_filter.currentIndexChanged.connect(self.apply_filter)
        self.status_filter.currentIndexChanged.connect(self.apply_filter)
        self.targets_only.toggled.connect(self.apply_filter)

        focus_search = QAction(self)
        focus_search.setShortcut(QKeySequence.StandardKey.Find)
        focus_search.triggered.connect(self._focus_search)
        self.addAction(focus_search)
        new_action = QAction(self)
        new_action.setShortcut(QKeySequence.StandardKey.New)
        new_action.triggered.connect(self.new_enterprise)
        self.addAction(new_action)

        ctx.data_changed.connect(self._on_data_changed)
        self.apply_filter()

    def _focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def current_filter(self) -> enterprises.EnterpriseFilter:
        return enterprises.EnterpriseFilter(
            query=self.search.text(),
            grid_id=self.grid_filter.currentData(),
            union_status=self.status_filter.currentData(),
            targets_only=self.targets_only.isChecked(),
            target_threshold=self.threshold,
        )

    def apply_filter(self) -> None:
        self._debounce.stop()
        self.model.set_filter(self.current_filter())
        self._show_count()

    def _show_count(self) -> None:
        if self.model.total_exact:
            self.count_label.setText(self.tr("共 {n} 家企业").format(n=self.model.total))
        else:
            self.count_label.setText(self.tr("超过 {n} 家企业（已列出前面的，向下滚动继续）").format(n=f"{self.model.count_cap:,}"))
        self.exact_button.setVisible(not self.model.total_exact)

    def count_exactly(self) -> None:
        self.model.count_exactly()
        self._show_count()

    def _on_data_changed(self, table: str) -> None:
        if table in {"enterprise", "visit", "grid", "*"}:
            self.model.reload()
            self._show_count()

    def _open_index(self, index: QModelIndex) -> None:
        if index.isValid():
            self.open_enterprise(self.model.data(index, EnterpriseTableModel.ID_ROLE))

    def open_enterprise(self, enterprise_id: str) -> EnterpriseWindow:
        return open_enterprise_window(self.ctx, enterprise_id, self)

    def new_enterprise(self) -> None:
        dialog = NewEnterpriseDialog(self.ctx, self)
        if dialog.exec() and dialog.created_id:
            self.open_enterprise(dialog.created_id)


# One file window per enterprise, whichever list opened it.
_WINDOWS: dict[str, EnterpriseWindow] = {}


def open_enterprise_window(ctx: AppContext, enterprise_id: str, parent: QWidget | None = None) -> EnterpriseWindow:
    window = _WINDOWS.get(enterprise_id)
    if window is None:
        window = EnterpriseWindow(ctx, enterprise_id, parent)
        window.closed.connect(lambda eid: _WINDOWS.pop(eid, None))
        _WINDOWS[enterprise_id] = window
    window.show()
    window.raise_()
    window.activateWindow()
    return window


navigation.set_opener("enterprise", open_enterprise_window)

registry.add_page(
    registry.PageSpec(
        key="enterprises",
        title=QCoreApplication.translate("Pages", "企业档案"),
        order=10,
        factory=EnterprisesPage,
        shortcut="Ctrl+1",
    )
)

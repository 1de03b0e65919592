"""12351 work orders: the list (callers masked), intake by hand or from XLSX, and the actions that take
an order from dispatch to closure, or turn it into a supervision matter."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QDateTime,
    QObject,
    QStringListModel,
    Qt,
)
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QCompleter,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QProgressDialog,
    QPushButton,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)
from sqlmodel import col, select

from app.core import workorders as rules
from app.core.problems import ValidationError
from app.store import grids, workorder_import
from app.store import workorders as store
from app.store.db import Database
from app.store.tables import Enterprise
from app.ui.shell import background
from app.ui.shell.context import AppContext
from app.ui.shell.registry import EnterpriseTabSpec, PageSpec, add_enterprise_tab, add_page
from app.ui.widgets.paged_model import RED, Index, PagedTableModel

PAGE_SIZE = 200


def status_label(status: str) -> str:
    labels = {
        "received": QCoreApplication.translate("WorkOrders", "已受理"),
        "dispatched": QCoreApplication.translate("WorkOrders", "已派单"),
        "handling": QCoreApplication.translate("WorkOrders", "办理中"),
        "replied": QCoreApplication.translate("WorkOrders", "已答复"),
        "called_back": QCoreApplication.translate("WorkOrders", "已回访"),
        "closed": QCoreApplication.translate("WorkOrders", "已办结"),
    }
    return labels.get(status, status)


def level_label(level: str) -> str:
    return {"ordinary": QCoreApplication.translate("WorkOrders", "一般"), "difficult": QCoreApplication.translate("WorkOrders", "疑难"), "complex": QCoreApplication.translate("WorkOrders", "特别复杂")}.get(level, level)


def action_label(action: str) -> str:
    labels = {
        "intake": QCoreApplication.translate("WorkOrders", "受理"),
        "dispatch": QCoreApplication.translate("WorkOrders", "派单"),
        "accept": QCoreApplication.translate("WorkOrders", "签收办理"),
        "reply": QCoreApplication.translate("WorkOrders", "答复"),
        "call_back": QCoreApplication.translate("WorkOrders", "回访"),
        "close": QCoreApplication.translate("WorkOrders", "办结"),
        "reopen": QCoreApplication.translate("WorkOrders", "退回重办"),
        "to_matter": QCoreApplication.translate("WorkOrders", "转为监督事项"),
    }
    return labels.get(action, action)


def category_label(category: str) -> str:
    return {"咨询类": QCoreApplication.translate("WorkOrders", "咨询类"), "求决类": QCoreApplication.translate("WorkOrders", "求决类"), "意见建议类": QCoreApplication.translate("WorkOrders", "意见建议类")}.get(category, category)


def satisfaction_label(value: str) -> str:
    labels = {
        "满意": QCoreApplication.translate("WorkOrders", "满意"),
        "基本满意": QCoreApplication.translate("WorkOrders", "基本满意"),
        "不满意": QCoreApplication.translate("WorkOrders", "不满意"),
    }
    return labels.get(value, value)


def _short_time(value: Any) -> str:
    return str(value or "")[:16]


class WorkOrderTableModel(PagedTableModel):
    page_size = PAGE_SIZE

    def __init__(self, db: Database, parent: QObject | None = None) -> None:
        super().__init__(db, store.WorkOrderFilter(), parent)
        self.columns: list[tuple[str, str]] = [
            ("number", QCoreApplication.translate("WorkOrders", "工单编号")),
            ("received_at", QCoreApplication.translate("WorkOrders", "受理时间")),
            ("caller_name", QCoreApplication.translate("WorkOrders", "来电人")),
            ("caller_phone", QCoreApplication.translate("WorkOrders", "联系电话")),
            ("enterprise_name", QCoreApplication.translate("WorkOrders", "涉及单位")),
            ("category", QCoreApplication.translate("WorkOrders", "类别")),
            ("topic", QCoreApplication.translate("WorkOrders", "主题")),
            ("level", QCoreApplication.translate("WorkOrders", "级别")),
            ("due_date", QCoreApplication.translate("WorkOrders", "办理时限")),
            ("grid_name", QCoreApplication.translate("WorkOrders", "网格")),
            ("status", QCoreApplication.translate("WorkOrders", "状态")),
            ("satisfaction", QCoreApplication.translate("WorkOrders", "满意度")),
        ]

    def _count(self, session: Any, flt: store.WorkOrderFilter) -> int:
        return store.count(session, flt)

    def _page(self, session: Any, flt: store.WorkOrderFilter, offset: int, limit: int) -> list[dict[str, Any]]:
        return store.page(session, flt, offset, limit)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        record = self._rows[index.row()]
        key = self.columns[index.column()][0]
        value = record.get(key)
        if role == Qt.ItemDataRole.DisplayRole:
            if key == "caller_name":
                return rules.mask_name(value or "")
            if key == "caller_phone":
                return rules.mask_phone(value or "")
            if key == "status":
                text = status_label(str(value))
                return text + QCoreApplication.translate("WorkOrders", "（超期）") if record.get("overdue") else text
            if key == "level":
                return level_label(str(value))
            if key == "category":
                return category_label(str(value))
            if key == "received_at":
                return _short_time(value)
            if key == "satisfaction":
                return satisfaction_label(str(value or ""))
            return "" if value is None else str(value)
        if role == self.ID_ROLE:
            return record["id"]
        if role == Qt.ItemDataRole.ForegroundRole and record.get("overdue") and key in {"status", "due_date", "number"}:
            return QBrush(RED)
        return None


class IntakeDialog(QDialog):
    """A call taken down by hand. Errors are shown in the dialog, which stays open until they are
    fixed or the clerk cancels."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.order_id: str | None = None
        self.setWindowTitle(self.tr("新建12351工单"))
        self.resize(520, 520)
        form = QFormLayout()
        with ctx.db.read() as session:
            suggested = store.next_local_number(session)
            names = list(
                session.exec(
                    select(Enterprise.name).where(Enterprise.deleted == False).order_by(col(Enterprise.name))  # noqa: E712
                ).all()
            )
        self.number = QLineEdit(suggested)
        self.received = QDateTimeEdit(QDateTime.currentDateTime())
        self.received.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.received.setCalendarPopup(True)
        self.caller_name = QLineEdit()
        self.caller_phone = QLineEdit()
        self.enterprise = QLineEdit()
        completer = QCompleter(QStringListModel(names, self), self)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.enterprise.setCompleter(completer)
        self.enterprise.setPlaceholderText(self.tr("输入企业名称，可从档案中选择"))
        self.category = QComboBox()
        for category in rules.Category:
            self.category.addItem(category_label(category.value), category.value)
        self.category.setCurrentIndex(1)
        self.topic = QLineEdit()
        self.content = QPlainTextEdit()
        self.level = QComboBox()
        for level in rules.Level:
            self.level.addItem(level_label(level.value), level.value)
        form.addRow(self.tr("工单编号"), self.number)
        form.addRow(self.tr("受理时间"), self.received)
        form.addRow(self.tr("来电人"), self.caller_name)
        form.addRow(self.tr("联系电话"), self.caller_phone)
        form.addRow(self.tr("涉及单位"), self.enterprise)
        form.addRow(self.tr("诉求类别"), self.category)
        form.addRow(self.tr("诉求主题"), self.topic)
        form.addRow(self.tr("诉求内容"), self.content)
        form.addRow(self.tr("办理级别"), self.level)
        self.error = QLabel()
        self.error.setStyleSheet("color: #b91c1c;")
        self.error.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def values(self) -> dict[str, Any]:
        return {
            "number": self.number.text(),
            "received_at": _to_datetime(self.received.dateTime().toPython()),
            "caller_name": self.caller_name.text(),
            "caller_phone": self.caller_phone.text(),
            "enterprise_name": self.enterprise.text(),
            "category": self.category.currentData(),
            "topic": self.topic.text(),
            "content": self.content.toPlainText(),
            "level": self.level.currentData(),
        }

    def save(self) -> None:
        values = self.values()
        try:
            with self.ctx.db.write() as session:
                name = str(values["enterprise_name"]).strip()
                if name:
                    firm = session.exec(
                        select(Enterprise).where(Enterprise.name == name, Enterprise.deleted == False)  # noqa: E712
                    ).first()
                    if firm is not None:
                        values["enterprise_id"] = firm.id
                order = store.create(session, values, self.ctx.user.actor)
                self.order_id = order.id
        except ValidationError as exc:
            self.error.setText(str(exc))
            return
        self.ctx.notify("work_order")
        self.accept()


class ActionDialog(QDialog):
    """The input one action needs: a grid to dispatch to, a reply, or the call-back's result."""

    def __init__(self, ctx: AppContext, action: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.action = action
        self.setWindowTitle(action_label(action))
        form = QFormLayout()
        self.grid = QComboBox()
        self.text = QPlainTextEdit()
        self.satisfaction = QComboBox()
        self.note = QLineEdit()
        if action == "dispatch":
            with ctx.db.read() as session:
                for grid in grids.all_grids(session):
                    self.grid.addItem(f"{grid.code} {grid.name}", grid.id)
            form.addRow(self.tr("派往网格"), self.grid)
        elif action == "reply":
            form.addRow(self.tr("答复内容"), self.text)
        elif action == "call_back":
            form.addRow(self.tr("回访情况"), self.text)
            for value in rules.Satisfaction:
                self.satisfaction.addItem(satisfaction_label(value.value), value.value)
            form.addRow(self.tr("满意度"), self.satisfaction)
        form.addRow(self.tr("备注"), self.note)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def kwargs(self) -> dict[str, Any]:
        result: dict[str, Any] = {"note": self.note.text()}
        if self.action == "dispatch":
            result["grid_id"] = self.grid.currentData()
        elif self.action == "reply":
            result["reply"] = self.text.toPlainText()
        elif self.action == "call_back":
            result["callback_result"] = self.text.toPlainText()
            result["satisfaction"] = self.satisfaction.currentData()
        return result


class MatterDialog(QDialog):
    def __init__(self, categories: list[tuple[str, str]], facts: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("转为监督事项"))
        self.resize(480, 320)
        form = QFormLayout()
        self.category = QComboBox()
        for code, label in categories:
            self.category.addItem(label, code)
        self.facts = QPlainTextEdit(facts)
        form.addRow(self.tr("问题类别"), self.category)
        form.addRow(self.tr("事实经过"), self.facts)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)


def matter_categories() -> list[tuple[str, str]]:
    """(code, label) of the violation catalog that matters are filed under."""
    from app.catalog import load_catalog

    return [(c.code, c.label) for c in load_catalog().categories]


class EnterprisePicker(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("关联企业档案"))
        self.resize(420, 100)
        with ctx.db.read() as session:
            names = list(
                session.exec(
                    select(Enterprise.name).where(Enterprise.deleted == False).order_by(col(Enterprise.name))  # noqa: E712
                ).all()
            )
        self.name = QLineEdit()
        self.name.setPlaceholderText(self.tr("输入企业名称，可从档案中选择"))
        completer = QCompleter(QStringListModel(names, self), self)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.name.setCompleter(completer)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.name)
        layout.addWidget(buttons)


class EnterpriseWorkOrders(QWidget):
    """The enterprise file's tab: the 12351 orders about this enterprise."""

    def __init__(self, ctx: AppContext, enterprise_id: str) -> None:
        super().__init__()
        self.ctx = ctx
        self.model = WorkOrderTableModel(ctx.db, self)
        self.model.set_filter(store.WorkOrderFilter(enterprise_id=enterprise_id))
        table = QTableView()
        table.setModel(self.model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.verticalHeader().setVisible(False)
        table.horizontalHeader().setStretchLastSection(True)
        self.summary = QLabel()
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(table, 1)
        ctx.data_changed.connect(self._changed)
        self._update()

    def _changed(self, table: str) -> None:
        if table in {"work_order", "*"}:
            self.model.reload()
            self._update()

    def _update(self) -> None:
        self.summary.setText(self.tr("涉及本企业的12351工单 {n} 张").format(n=self.model.total))


class WorkOrdersPage(QWidget):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.model = WorkOrderTableModel(ctx.db, self)

        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("搜索工单编号、单位或主题"))
        self.search.setClearButtonEnabled(True)
        self.status = QComboBox()
        self.status.addItem(self.tr("全部状态"), None)
        for status in rules.Status:
            self.status.addItem(status_label(status.value), status.value)
        self.grid = QComboBox()
        self.grid.addItem(self.tr("全部网格"), None)
        with ctx.db.read() as session:
            for grid in grids.all_grids(session):
                self.grid.addItem(f"{grid.code} {grid.name}", grid.id)
        self.overdue = QCheckBox(self.tr("只看超期"))
        self.new_button = QPushButton(self.tr("新建工单…"))
        self.import_button = QPushButton(self.tr("导入XLSX…"))
        self.template_button = QPushButton(self.tr("导入模板…"))
        self.count_label = QLabel()
        top = QHBoxLayout()
        for widget in (self.search, self.status, self.grid, self.overdue, self.count_label):
            top.addWidget(widget)
        top.addStretch(1)
        top.addWidget(self.new_button)
        top.addWidget(self.import_button)
        top.addWidget(self.template_button)

        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        for key, width in {"number": 170, "received_at": 130, "enterprise_name": 240, "caller_phone": 110}.items():
            self.table.setColumnWidth([c[0] for c in self.model.columns].index(key), width)
        self.search.setMinimumWidth(220)

        self.detail = QTextBrowser()
        self.action_buttons: dict[str, QPushButton] = {}
        actions = QHBoxLayout()
        for action in rules.Action:
            button = QPushButton(action_label(action.value))
            button.clicked.connect(lambda _c=False, a=action.value: self.run_action(a))
            self.action_buttons[action.value] = button
            actions.addWidget(button)
        self.matter_button = QPushButton(self.tr("转为监督事项…"))
        self.matter_button.clicked.connect(self.to_matter)
        actions.addWidget(self.matter_button)
        self.link_button = QPushButton(self.tr("关联企业…"))
        self.link_button.clicked.connect(self.link_enterprise)
        actions.addWidget(self.link_button)
        self.level_button = QPushButton(self.tr("调整级别…"))
        self.level_button.clicked.connect(self.change_level)
        actions.addWidget(self.level_button)
        actions.addStretch(1)
        detail_box = QWidget()
        detail_layout = QVBoxLayout(detail_box)
        detail_layout.setContentsMargins(0, 0, 0, 0)
        detail_layout.addLayout(actions)
        detail_layout.addWidget(self.detail)

        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(detail_box)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)

        self.search.textChanged.connect(self.apply_filter)
        self.status.currentIndexChanged.connect(self.apply_filter)
        self.grid.currentIndexChanged.connect(self.apply_filter)
        self.overdue.toggled.connect(self.apply_filter)
        self.new_button.clicked.connect(self.new_order)
        self.import_button.clicked.connect(self.import_file)
        self.template_button.clicked.connect(self.save_template)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self.show_detail())
        ctx.data_changed.connect(self._on_data_changed)
        self.apply_filter()

    def _on_data_changed(self, table: str) -> None:
        if table in {"work_order", "*", "enterprise", "matter"}:
            current = self.selected_id()
            self.model.reload()
            self._update_count()
            self.select_id(current)

    def apply_filter(self) -> None:
        self.model.set_filter(
            store.WorkOrderFilter(
                query=self.search.text(),
                status=self.status.currentData(),
                grid_id=self.grid.currentData(),
                overdue_only=self.overdue.isChecked(),
            )
        )
        self._update_count()
        self.show_detail()

    def _update_count(self) -> None:
        self.count_label.setText(self.tr("共 {n} 张").format(n=self.model.total))

    def selected_id(self) -> str | None:
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        return str(self.model.row_at(index.row())["id"])

    def select_id(self, order_id: str | None) -> None:
        if order_id is None:
            return
        for row in range(self.model.rowCount()):
            if self.model.row_at(row)["id"] == order_id:
                self.table.selectRow(row)
                return

    def show_detail(self) -> None:
        order_id = self.selected_id()
        for button in (*self.action_buttons.values(), self.matter_button, self.link_button, self.level_button):
            button.setEnabled(False)
        if order_id is None:
            hint = self.tr("选择一张工单查看详情。")
            self.detail.setHtml(f"<p>{hint}</p>")
            return
        with self.ctx.db.read() as session:
            order = store.get(session, order_id)
            history = store.events(session, order_id)
            firm = session.get(Enterprise, order.enterprise_id) if order and order.enterprise_id else None
        if order is None:
            return
        for action in rules.allowed_actions(order.status):
            self.action_buttons[action.value].setEnabled(True)
        still_open = order.status != rules.Status.CLOSED.value
        self.link_button.setEnabled(still_open and not order.matter_id)
        self.level_button.setEnabled(rules.Status(order.status) in rules.OPEN_STATUSES)
        self.matter_button.setEnabled(not order.matter_id and order.enterprise_id is not None)
        self.matter_button.setToolTip(
            self.tr("工单须关联企业档案后才能转为监督事项") if order.enterprise_id is None else ""
        )
        overdue = rules.is_overdue(order.status, order.due_date, dt.date.today(), order.replied_at.date() if order.replied_at else None)
        esc = _html
        rows = [
            (self.tr("工单编号"), order.number),
            (self.tr("受理时间"), _short_time(order.received_at)),
            (self.tr("来电人"), order.caller_name),
            (self.tr("联系电话"), order.caller_phone),
            (self.tr("涉及单位"), firm.name if firm else order.enterprise_name),
            (self.tr("诉求类别"), category_label(order.category) + (f" · {order.topic}" if order.topic else "")),
            (self.tr("办理级别"), level_label(order.level)),
            (self.tr("办理时限"), f"{order.due_date or ''}" + (self.tr("（已超期）") if overdue else "")),
            (self.tr("状态"), status_label(order.status)),
            (self.tr("诉求内容"), order.content),
            (self.tr("答复"), order.reply),
            (self.tr("回访"), f"{order.callback_result} {satisfaction_label(order.satisfaction)}".strip()),
        ]
        if order.matter_id:
            rows.append((self.tr("监督事项"), order.matter_id))
        table = "".join(f"<tr><th align='right' valign='top'>{esc(k)}</th><td>{esc(v)}</td></tr>" for k, v in rows if v)
        events = "".join(
            f"<li>{esc(_short_time(e.at))} {esc(action_label(e.action))} → {esc(status_label(e.to_status))}"
            + (f"：{esc(e.note)}" if e.note else "")
            + "</li>"
            for e in history
        )
        history_title = self.tr("办理过程")
        self.detail.setHtml(f"<table cellspacing='4'>{table}</table><h4>{esc(history_title)}</h4><ul>{events}</ul>")

    def new_order(self) -> None:
        dialog = IntakeDialog(self.ctx, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.select_id(dialog.order_id)

    def run_action(self, action: str) -> None:
        order_id = self.selected_id()
        if order_id is None:
            return
        kwargs: dict[str, Any] = {}
        if action in {"dispatch", "reply", "call_back"}:
            dialog = ActionDialog(self.ctx, action, self)
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return
            kwargs = dialog.kwargs()
        try:
            with self.ctx.db.write() as session:
                order = store.get(session, order_id)
                if order is None:
                    return
                store.apply_action(session, order, action, self.ctx.user.actor, **kwargs)
        except (ValidationError, rules.TransitionError) as exc:
            QMessageBox.warning(self, self.tr("无法办理"), str(exc))
            return
        self.ctx.notify("work_order")

    def to_matter(self) -> None:
        order_id = self.selected_id()
        if order_id is None:
            return
        with self.ctx.db.read() as session:
            order = store.get(session, order_id)
        if order is None:
            return
        categories = matter_categories()
        if not categories:
            QMessageBox.warning(self, self.tr("无法转为监督事项"), self.tr("没有找到问题类别目录。"))
            return
        dialog = MatterDialog(categories, order.content, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        try:
            with self.ctx.db.write() as session:
                fresh = store.get(session, order_id)
                assert fresh is not None
                store.convert_to_matter(session, fresh, dialog.category.currentData(), dialog.facts.toPlainText(), self.ctx.user.actor)
        except ValidationError as exc:
            QMessageBox.warning(self, self.tr("无法转为监督事项"), str(exc))
            return
        self.ctx.notify("work_order")
        self.ctx.notify("matter")

    def link_enterprise(self) -> None:
        order_id = self.selected_id()
        if order_id is None:
            return
        dialog = EnterprisePicker(self.ctx, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        name = dialog.name.text().strip()
        with self.ctx.db.write() as session:
            firm = session.exec(
                select(Enterprise).where(Enterprise.name == name, Enterprise.deleted == False)  # noqa: E712
            ).first()
            order = store.get(session, order_id)
            if firm is None or order is None:
                QMessageBox.warning(self, self.tr("关联企业"), self.tr("没有名为“{name}”的企业档案。").format(name=name))
                return
            store.link_enterprise(session, order, firm.id, self.ctx.user.actor)
        self.ctx.notify("work_order")

    def change_level(self) -> None:
        order_id = self.selected_id()
        if order_id is None:
            return
        labels = [level_label(level.value) for level in rules.Level]
        label, ok = QInputDialog.getItem(self, self.tr("调整级别"), self.tr("办理级别（时限随之重新计算）"), labels, 0, False)
        if not ok:
            return
        level = list(rules.Level)[labels.index(label)]
        with self.ctx.db.write() as session:
            order = store.get(session, order_id)
            if order is None:
                return
            store.set_level(session, order, level.value, self.ctx.user.actor)
        self.ctx.notify("work_order")

    def save_template(self) -> None:
        default = str(self.ctx.paths.exports / "12351工单导入模板.xlsx")
        path, _ = QFileDialog.getSaveFileName(self, self.tr("保存导入模板"), default, self.tr("Excel 工作簿 (*.xlsx)"))
        if not path:
            return
        try:
            workorder_import.write_template(Path(path))
        except OSError:
            QMessageBox.warning(self, self.tr("保存导入模板"), self.tr("无法写入 {path}").format(path=path))
            return
        self.ctx.status_message.emit(self.tr("导入模板已保存：{path}").format(path=path))

    def import_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("导入12351工单"), "", self.tr("Excel 工作簿 (*.xlsx)"))
        if path:
            self.import_path(Path(path))

    def import_path(self, path: Path) -> None:
        progress = QProgressDialog(self.tr("正在导入 {name}…").format(name=path.name), "", 0, 0, self)
        progress.setCancelButton(None)
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(300)
        actor = self.ctx.user.actor
        db = self.ctx.db

        def work(_progress: background.Progress) -> workorder_import.ImportResult:
            with db.write() as session:
                return workorder_import.import_workorders(session, path, actor)

        def done(result: workorder_import.ImportResult) -> None:
            progress.close()
            self.ctx.notify("work_order")
            self.last_import_message = self.tr("已导入 {n} 张工单，其中 {m} 张已关联企业档案。").format(n=result.imported, m=result.linked)
            self.ctx.status_message.emit(self.last_import_message)
            QMessageBox.information(self, self.tr("导入完成"), self.last_import_message)

        def failed(exc: Exception) -> None:
            progress.close()
            if isinstance(exc, workorder_import.ImportFailed):
                message = self.tr("未导入任何工单，请修改表格后重新导入：") + "\n" + "\n".join(str(p) for p in exc.problems[:20])
                if len(exc.problems) > 20:
                    message += "\n" + self.tr("另有 {n} 处问题。").format(n=len(exc.problems) - 20)
            else:
                message = self.tr("导入失败：{error}").format(error=type(exc).__name__)
            self.last_import_message = message
            QMessageBox.warning(self, self.tr("导入失败"), message)

        self.last_import_message = ""
        background.start(self.ctx.pool, work, done, failed)


def _html(value: object) -> str:
    return str(value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\n", "<br>")


def _factory(ctx: AppContext) -> QWidget:
    return WorkOrdersPage(ctx)


add_page(PageSpec("workorders", QCoreApplication.translate("WorkOrders", "12351工单"), 45, _factory, "Ctrl+6"))
add_enterprise_tab(
    EnterpriseTabSpec("workorders", QCoreApplication.translate("WorkOrders", "12351工单"), 60, lambda ctx, eid: EnterpriseWorkOrders(ctx, eid))
)


def _to_datetime(value: object) -> dt.datetime:
    assert isinstance(value, dt.datetime)
    return value.replace(second=0, microsecond=0)

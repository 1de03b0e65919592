"""Conflicts a person can handle at city scale: the office's rules (source priority, newest list,
tolerance) that settle disagreements during imports, and settling the rest in bulk, all of a source
or all of a field, with one button to take the last settlement back."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.planning import settle
from app.planning.importer import rule_of
from app.planning.mapping import FIELD_LABELS, SOURCE_LABELS, Source
from app.planning.merge import ENTERPRISE_FIELDS
from app.planning.rules import ANY_FIELD, CURRENT, NEWEST, PRIORITY, TOLERANCE
from app.store import datapool as store
from app.store.tables.datapool import ConflictRule
from app.ui.shell.context import AppContext


def _fields() -> list[tuple[str, str]]:
    return [(f, FIELD_LABELS.get(f, f)) for f in ENTERPRISE_FIELDS if f in FIELD_LABELS]


class ConflictBulkBar(QWidget):
    """One row under the conflict list: take one source's values (or keep the file's) for all open
    conflicts, or for one field; undo the last such step."""

    settled = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.last_settle_id = ""
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(QLabel(self.tr("批量处理：")))
        self.field_box = QComboBox()
        self.field_box.addItem(self.tr("所有字段"), "")
        for name, label in _fields():
            self.field_box.addItem(label, name)
        row.addWidget(self.field_box)
        row.addWidget(QLabel(self.tr("一律采用")))
        self.source_box = QComboBox()
        self.source_box.addItem(self.tr("档案现值"), CURRENT)
        for source in Source:
            self.source_box.addItem(SOURCE_LABELS[source], source.value)
        row.addWidget(self.source_box)
        self.apply_button = QPushButton(self.tr("批量处理"))
        self.apply_button.clicked.connect(self.apply)
        row.addWidget(self.apply_button)
        self.undo_button = QPushButton(self.tr("撤销上次批量处理"))
        self.undo_button.setEnabled(False)
        self.undo_button.clicked.connect(self.undo)
        row.addWidget(self.undo_button)
        self.rules_button = QPushButton(self.tr("冲突规则…"))
        self.rules_button.clicked.connect(self.open_rules)
        row.addWidget(self.rules_button)
        row.addStretch(1)
        self.status = QLabel()
        row.addWidget(self.status)

    def apply(self) -> None:
        field = str(self.field_box.currentData() or "") or None
        source = str(self.source_box.currentData())
        with self.ctx.db.write() as session:
            result = settle.settle_by_source(session, source, self.ctx.user.actor, field_name=field)
        if result.settle_id:
            self.last_settle_id = result.settle_id
        self.undo_button.setEnabled(bool(self.last_settle_id))
        self.status.setText(
            self.tr("已处理 {n} 条，{m} 条没有该来源的值，仍待确认").format(n=result.settled, m=result.skipped)
        )
        self._changed()

    def undo(self) -> None:
        if not self.last_settle_id:
            return
        with self.ctx.db.write() as session:
            reopened = settle.undo(session, self.last_settle_id, self.ctx.user.actor)
        self.last_settle_id = ""
        self.undo_button.setEnabled(False)
        self.status.setText(self.tr("已撤销，{n} 条冲突重新待确认").format(n=reopened))
        self._changed()

    def open_rules(self) -> QDialog:
        dialog = RulesDialog(self.ctx, self)
        dialog.applied.connect(self._remember)
        dialog.show()
        return dialog

    def _remember(self, settle_id: str) -> None:
        self.last_settle_id = settle_id
        self.undo_button.setEnabled(bool(settle_id))
        self._changed()

    def _changed(self) -> None:
        self.ctx.notify("field_conflict")
        self.ctx.notify("enterprise")
        self.settled.emit()


class RulesDialog(QDialog):
    """The office's rules, read by every import; applying them to conflicts already open is one step
    that the bar's undo takes back."""

    applied = Signal(str)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("冲突规则"))
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("导入时按以下规则自动处理来源之间的冲突，处理方式记入冲突记录；规则未覆盖的冲突仍由人工确认。")))
        self.table = QTableWidget(0, 1)
        self.table.setHorizontalHeaderLabels([self.tr("规则")])
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        layout.addWidget(self.table, 1)
        form = QFormLayout()
        self.field_box = QComboBox()
        self.field_box.addItem(self.tr("所有字段"), ANY_FIELD)
        for name, label in _fields():
            self.field_box.addItem(label, name)
        form.addRow(self.tr("字段"), self.field_box)
        self.kind_box = QComboBox()
        self.kind_box.addItem(self.tr("容差（相差不超过百分比时不算冲突）"), TOLERANCE)
        self.kind_box.addItem(self.tr("来源优先"), PRIORITY)
        self.kind_box.addItem(self.tr("最新名录优先"), NEWEST)
        form.addRow(self.tr("方式"), self.kind_box)
        self.tolerance = QDoubleSpinBox()
        self.tolerance.setRange(0, 100)
        self.tolerance.setValue(10)
        self.tolerance.setSuffix(" %")
        form.addRow(self.tr("容差"), self.tolerance)
        self.source_box = QComboBox()
        self.source_box.addItem(self.tr("任一来源"), "")
        for source in Source:
            self.source_box.addItem(SOURCE_LABELS[source], source.value)
        form.addRow(self.tr("容差内采用其新数值的来源"), self.source_box)
        self.priority = QLineEdit("market,tax,hr,civil,members")
        self.priority.setToolTip(self.tr("来源代码按优先顺序，以逗号分隔：market 市场监管、tax 税务、hr 人社、civil 民政、members 工会会员库、current 档案现值"))
        form.addRow(self.tr("来源顺序"), self.priority)
        layout.addLayout(form)
        buttons = QHBoxLayout()
        self.add_button = QPushButton(self.tr("添加规则"))
        self.add_button.clicked.connect(self.add_rule)
        self.remove_button = QPushButton(self.tr("删除所选规则"))
        self.remove_button.clicked.connect(self.remove_rule)
        self.apply_button = QPushButton(self.tr("按规则处理现有冲突"))
        self.apply_button.clicked.connect(self.apply_rules)
        for button in (self.add_button, self.remove_button, self.apply_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout.addWidget(close)
        screen = self.screen().availableGeometry() if self.screen() else None
        if screen is not None:
            self.resize(min(760, screen.width() - 40), min(560, screen.height() - 80))
        self.rule_ids: list[str] = []
        self.reload()

    def reload(self) -> None:
        with self.ctx.db.read() as session:
            rows = store.rules(session)
        self.rule_ids = [r.id for r in rows]
        self.table.setRowCount(len(rows))
        for i, row in enumerate(rows):
            text = rule_of(row).describe() + ("" if row.enabled else self.tr("（已停用）"))
            item = QTableWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, row.id)
            self.table.setItem(i, 0, item)

    def add_rule(self) -> None:
        kind = str(self.kind_box.currentData())
        priority = ",".join(p.strip() for p in self.priority.text().split(",") if p.strip())
        known = {s.value for s in Source} | {CURRENT}
        if kind == PRIORITY and (not priority or any(p not in known for p in priority.split(","))):
            QMessageBox.warning(
                self, self.tr("来源顺序有误"),
                self.tr("来源顺序只能由 market、tax、hr、civil、members、current 组成，以逗号分隔"),
            )
            return
        rule = ConflictRule(
            field=str(self.field_box.currentData()),
            kind=kind,
            source=str(self.source_box.currentData() or "") if kind == TOLERANCE else "",
            priority=priority if kind == PRIORITY else "",
            tolerance_pct=float(self.tolerance.value()) if kind == TOLERANCE else 0.0,
        )
        with self.ctx.db.write() as session:
            store.add_rule(session, rule, self.ctx.user.actor)
        self.reload()

    def remove_rule(self) -> None:
        row = self.table.currentRow()
        if row < 0 or row >= len(self.rule_ids):
            return
        with self.ctx.db.write() as session:
            store.remove_rule(session, self.rule_ids[row], self.ctx.user.actor)
        self.reload()

    def apply_rules(self) -> None:
        with self.ctx.db.write() as session:
            rules = [rule_of(r) for r in store.conflict_rules(session)]
            result = settle.apply_rules(session, rules, self.ctx.user.actor)
        QMessageBox.information(
            self, self.tr("冲突规则"), self.tr("按规则处理了 {n} 条冲突（可在冲突列表下方撤销）").format(n=result.settled)
        )
        self.applied.emit(result.settle_id)

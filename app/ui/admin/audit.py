"""The audit log for the office: who changed what and when, filtered, and a check that nobody has
edited the log itself."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QDate,
    QObject,
    Qt,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.store import audit
from app.store.db import Database
from app.ui.shell import background
from app.ui.shell.context import AppContext
from app.ui.shell.registry import PageSpec, add_page
from app.ui.widgets.paged_model import Index, PagedTableModel

PAGE_SIZE = 300
OFFICE_ROLES = frozenset({"office", "admin"})


def event_label(event: str) -> str:
    labels = {
        "change": QCoreApplication.translate("Audit", "数据修改"),
        "login": QCoreApplication.translate("Audit", "登录"),
        "sync": QCoreApplication.translate("Audit", "同步"),
        "export": QCoreApplication.translate("Audit", "导出"),
        "backup": QCoreApplication.translate("Audit", "备份"),
        "restore": QCoreApplication.translate("Audit", "恢复"),
        "import": QCoreApplication.translate("Audit", "导入"),
    }
    return labels.get(event, event)


def op_label(op: str) -> str:
    labels = {
        "insert": QCoreApplication.translate("Audit", "新增"),
        "update": QCoreApplication.translate("Audit", "修改"),
        "delete": QCoreApplication.translate("Audit", "删除"),
    }
    return labels.get(op, op)


def entity_label(entity: str) -> str:
    labels = {
        "enterprise": QCoreApplication.translate("Audit", "企业档案"),
        "visit": QCoreApplication.translate("Audit", "走访记录"),
        "attachment": QCoreApplication.translate("Audit", "附件"),
        "grid": QCoreApplication.translate("Audit", "网格"),
        "inspector": QCoreApplication.translate("Audit", "人员"),
        "matter": QCoreApplication.translate("Audit", "监督事项"),
        "matter_event": QCoreApplication.translate("Audit", "事项办理记录"),
        "letter": QCoreApplication.translate("Audit", "函件"),
        "work_order": QCoreApplication.translate("Audit", "12351工单"),
        "work_order_event": QCoreApplication.translate("Audit", "工单办理记录"),
        "source_record": QCoreApplication.translate("Audit", "名录来源"),
        "field_conflict": QCoreApplication.translate("Audit", "名录冲突"),
        "import_batch": QCoreApplication.translate("Audit", "名录导入"),
        "union_event": QCoreApplication.translate("Audit", "建会记录"),
    }
    return labels.get(entity, entity)


class AuditTableModel(PagedTableModel):
    page_size = PAGE_SIZE

    def __init__(self, db: Database, parent: QObject | None = None) -> None:
        super().__init__(db, audit.AuditFilter(), parent)
        self._names: dict[str, str] = {}
        self.columns = [
            ("seq", QCoreApplication.translate("Audit", "序号")),
            ("at", QCoreApplication.translate("Audit", "时间（UTC）")),
            ("actor", QCoreApplication.translate("Audit", "操作人")),
            ("event", QCoreApplication.translate("Audit", "事件")),
            ("entity", QCoreApplication.translate("Audit", "数据表")),
            ("entity_id", QCoreApplication.translate("Audit", "对象")),
            ("op", QCoreApplication.translate("Audit", "操作")),
            ("fields", QCoreApplication.translate("Audit", "改动字段")),
            ("detail", QCoreApplication.translate("Audit", "说明")),
        ]

    def _count(self, session: Any, flt: audit.AuditFilter) -> int:
        return audit.count(session, flt)

    def _page(self, session: Any, flt: audit.AuditFilter, offset: int, limit: int) -> list[dict[str, Any]]:
        return audit.page(session, flt, offset, limit)

    def _prepare(self, session: Any) -> None:
        from sqlalchemy import text

        people = session.connection().execute(text("SELECT id, name FROM inspector")).all()
        self._names = {str(r[0]): str(r[1]) for r in people}

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role not in {Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole}:
            return None
        record = self._rows[index.row()]
        key = self.columns[index.column()][0]
        value = record.get(key)
        if key == "actor":
            name = self._names.get(str(value))
            return f"{name}（{value}）" if name and role == Qt.ItemDataRole.ToolTipRole else (name or str(value))
        if key == "event":
            return event_label(str(value))
        if key == "op":
            return op_label(str(value))
        if key == "entity":
            return entity_label(str(value))
        if key == "fields":
            return audit.describe_fields(str(value))
        if key == "at":
            return str(value).replace("T", " ")[:19]
        return "" if value is None else str(value)


class AuditPage(QWidget):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        layout = QVBoxLayout(self)
        if ctx.user.role not in OFFICE_ROLES:
            notice = QLabel(self.tr("审计日志仅供区总工会办公室和管理员查看。"))
            notice.setAlignment(Qt.AlignmentFlag.AlignCenter)
            layout.addWidget(notice)
            self.model: AuditTableModel | None = None
            return
        self.model = AuditTableModel(ctx.db, self)
        self.actor = QComboBox()
        self.event_combo = QComboBox()
        self.entity = QComboBox()
        self.entity_id = QLineEdit()
        self.entity_id.setPlaceholderText(self.tr("对象编号"))
        self.use_dates = QCheckBox(self.tr("日期"))
        self.since = QDateEdit(QDate.currentDate().addMonths(-1))
        self.until = QDateEdit(QDate.currentDate())
        for edit in (self.since, self.until):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        self.verify_button = QPushButton(self.tr("校验链条"))
        self.result = QLabel()
        self.count_label = QLabel()
        filters = QHBoxLayout()
        filters.addWidget(QLabel(self.tr("操作人")))
        filters.addWidget(self.actor)
        filters.addWidget(QLabel(self.tr("事件")))
        filters.addWidget(self.event_combo)
        filters.addWidget(QLabel(self.tr("数据表")))
        filters.addWidget(self.entity)
        filters.addWidget(self.entity_id)
        filters.addWidget(self.use_dates)
        filters.addWidget(self.since)
        filters.addWidget(QLabel("—"))
        filters.addWidget(self.until)
        filters.addStretch(1)
        filters.addWidget(self.count_label)
        filters.addWidget(self.verify_button)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        for column, width in enumerate([60, 150, 110, 80, 110, 130, 60, 420]):
            self.table.setColumnWidth(column, width)
        layout.addLayout(filters)
        layout.addWidget(self.result)
        layout.addWidget(self.table, 1)
        note = QLabel(self.tr("电话、证件号码、人员姓名和自由文本等敏感字段只记录字段名，不记录内容。"))
        note.setStyleSheet("color: #555;")
        layout.addWidget(note)
        self._fill_choices()
        for combo in (self.actor, self.event_combo, self.entity):
            combo.currentIndexChanged.connect(self.apply_filter)
        self.entity_id.editingFinished.connect(self.apply_filter)
        self.use_dates.toggled.connect(self.apply_filter)
        self.since.dateChanged.connect(self.apply_filter)
        self.until.dateChanged.connect(self.apply_filter)
        self.verify_button.clicked.connect(self.verify)
        ctx.data_changed.connect(self._on_data_changed)
        self.apply_filter()

    def _on_data_changed(self, _table: str) -> None:
        if self.model:
            self.model.reload()
            self.count_label.setText(self.tr("共 {n} 条").format(n=self.model.total))

    def _fill_choices(self) -> None:
        with self.ctx.db.read() as session:
            actors = audit.actors(session)
            entities = audit.entities(session)
        self.actor.addItem(self.tr("全部"), "")
        for actor in actors:
            self.actor.addItem(actor, actor)
        self.event_combo.addItem(self.tr("全部"), "")
        for event in audit.EVENT_LABELS:
            self.event_combo.addItem(event_label(event), event)
        self.entity.addItem(self.tr("全部"), "")
        for entity in entities:
            self.entity.addItem(entity_label(entity), entity)

    def current_filter(self) -> audit.AuditFilter:
        flt = audit.AuditFilter(
            actor=self.actor.currentData() or "",
            event=self.event_combo.currentData() or "",
            entity=self.entity.currentData() or "",
            entity_id=self.entity_id.text().strip(),
        )
        if self.use_dates.isChecked():
            flt.since = self.since.date().toString("yyyy-MM-dd")
            flt.until = self.until.date().toString("yyyy-MM-dd")
        return flt

    def apply_filter(self) -> None:
        if self.model is None:
            return
        self.model.set_filter(self.current_filter())
        self.count_label.setText(self.tr("共 {n} 条").format(n=self.model.total))

    def verify(self) -> None:
        self.verify_button.setEnabled(False)
        self.result.setText(self.tr("正在校验…"))
        db = self.ctx.db

        def work(_progress: background.Progress) -> audit.ChainReport:
            with db.read() as session:
                return audit.verify(session)

        def done(report: audit.ChainReport) -> None:
            self.verify_button.setEnabled(True)
            if report.ok:
                self.result.setStyleSheet("color: #15803d;")
                self.result.setText(self.tr("链条完整：已校验 {n} 条记录。").format(n=report.checked))
            else:
                self.result.setStyleSheet("color: #b91c1c; font-weight: bold;")
                self.result.setText(
                    self.tr("链条已断开：{message}。审计日志可能被改动，请报告管理员。").format(message=report.message)
                )

        def failed(exc: Exception) -> None:
            self.verify_button.setEnabled(True)
            self.result.setText(self.tr("校验失败：{error}").format(error=type(exc).__name__))

        background.start(self.ctx.pool, work, done, failed)


def _factory(ctx: AppContext) -> QWidget:
    return AuditPage(ctx)


add_page(PageSpec("audit", QCoreApplication.translate("Audit", "审计日志"), 90, _factory))

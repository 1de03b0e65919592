"""The data-pool import wizard: choose a file, see what was detected (encoding, sheet, header row, a
preview), check the column mapping, run the import off the GUI thread with progress and cancel, and
read the summary with the rejected rows (exportable to CSV) and the conflicts to resolve."""

from __future__ import annotations

import csv
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRunnable,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from app.planning.importer import (
    FilePreview,
    ImportCancelled,
    ImportResult,
    check_mapping,
    inspect_file,
    run_import,
)
from app.planning.mapping import FIELD_LABELS, SOURCE_LABELS, Source
from app.planning.readers import FileProblem
from app.planning.rows import RowIssue
from app.store import datapool as store
from app.ui.shell.context import AppContext

Index = QModelIndex | QPersistentModelIndex


class PreviewModel(QAbstractTableModel):
    """The first rows under the detected header, as the file has them."""

    def __init__(self, headers: list[str], rows: list[list[str]], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._headers = headers
        self._rows = rows

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self._headers[section] if section < len(self._headers) else ""
        return str(section + 1)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        row = self._rows[index.row()]
        return row[index.column()] if index.column() < len(row) else ""


class IssueModel(QAbstractTableModel):
    """Rejected rows or warnings: file, row, column, reason."""

    def __init__(self, issues: list[RowIssue], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._issues = issues
        self._headers = [self.tr("文件"), self.tr("行"), self.tr("列"), self.tr("原因")]

    @property
    def issues(self) -> list[RowIssue]:
        return self._issues

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._issues)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else 4

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self._headers[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        issue = self._issues[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return (issue.file, str(issue.row), issue.column, issue.reason)[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole:
            return issue.sentence()
        return None


def export_issues_csv(issues: list[RowIssue], path: Path) -> None:
    """UTF-8 with BOM, so that Excel on a Chinese Windows opens it right."""
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["文件", "行", "列", "原因", "处理"])
        for issue in issues:
            writer.writerow([issue.file, issue.row, issue.column, issue.reason, "拒绝" if issue.rejected else "警告"])


class MappingDialog(QDialog):
    """Source column → enterprise field, one line per column of the file, with a sample value; the
    mapping is saved under a name (by default the source) and proposed again next time."""

    def __init__(self, preview: FilePreview, mapping: dict[str, str], name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("列映射"))
        self.preview = preview
        self.combos: dict[str, QComboBox] = {}
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("请确认每一列对应的企业档案字段；不需要的列选“不导入”。")))
        form_host = QWidget()
        form = QFormLayout(form_host)
        sample = preview.sample[0] if preview.sample else []
        for i, header in enumerate(preview.headers):
            if not header:
                continue
            combo = QComboBox()
            combo.addItem(self.tr("（不导入）"), "")
            for field, label in FIELD_LABELS.items():
                combo.addItem(label, field)
            chosen = mapping.get(header, "")
            combo.setCurrentIndex(max(0, combo.findData(chosen)))
            example = sample[i] if i < len(sample) else ""
            form.addRow(f"{header}（{example[:20]}）" if example else header, combo)
            self.combos[header] = combo
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(form_host)
        layout.addWidget(scroll)
        name_row = QHBoxLayout()
        name_row.addWidget(QLabel(self.tr("保存为：")))
        self.name_edit = QLineEdit(name)
        name_row.addWidget(self.name_edit)
        layout.addLayout(name_row)
        self.error_label = QLabel()
        self.error_label.setStyleSheet("color: #b91c1c")
        layout.addWidget(self.error_label)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def mapping(self) -> dict[str, str]:
        return {h: str(c.currentData()) for h, c in self.combos.items() if c.currentData()}

    def set_field(self, header: str, field: str) -> None:
        combo = self.combos[header]
        combo.setCurrentIndex(max(0, combo.findData(field)))

    def accept(self) -> None:
        try:
            check_mapping(self.mapping(), self.preview.source, self.preview.table.file_name)
        except FileProblem as exc:
            self.error_label.setText(str(exc))
            return
        super().accept()


class ImportSignals(QObject):
    progress = Signal(str, int, int)
    finished = Signal(object)
    failed = Signal(object)


class ImportTask(QRunnable):
    """The import in the thread pool; cancel() is honoured between rows and rolls everything back."""

    def __init__(self, ctx: AppContext, path: Path, **options: Any) -> None:
        super().__init__()
        self.setAutoDelete(False)
        self.ctx = ctx
        self.path = path
        self.options = options
        self.signals = ImportSignals()
        self._cancel = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    def run(self) -> None:
        try:
            result = run_import(
                self.ctx.db,
                self.path,
                actor=self.ctx.user.actor,
                progress=lambda phase, done, total: self.signals.progress.emit(phase, done, total),
                cancelled=self._cancel.is_set,
                **self.options,
            )
        except Exception as exc:  # delivered to the GUI thread as one sentence
            self.signals.failed.emit(exc)
            return
        self.signals.finished.emit(result)


@dataclass
class WizardState:
    path: Path | None = None
    preview: FilePreview | None = None
    mapping: dict[str, str] | None = None
    mapping_name: str = ""
    result: ImportResult | None = None
    error: str = ""


class ChooseFilePage(QWizardPage):
    def __init__(self, ctx: AppContext, state: WizardState) -> None:
        super().__init__()
        self.ctx = ctx
        self.state = state
        self.setTitle(self.tr("选择名录文件"))
        self.setSubTitle(self.tr("市场监管、税务、人社、民政导出的企业名录，或工会会员库；CSV（UTF-8/GBK/GB18030）或 XLSX。"))
        layout = QFormLayout(self)
        row = QHBoxLayout()
        self.path_edit = QLineEdit()
        self.path_edit.textChanged.connect(self.completeChanged)
        browse = QPushButton(self.tr("浏览…"))
        browse.clicked.connect(self.browse)
        row.addWidget(self.path_edit)
        row.addWidget(browse)
        layout.addRow(self.tr("文件"), row)
        self.source_combo = QComboBox()
        self.source_combo.addItem(self.tr("自动判断"), "")
        for source, label in SOURCE_LABELS.items():
            self.source_combo.addItem(label, source.value)
        layout.addRow(self.tr("数据来源"), self.source_combo)
        self.sheet_edit = QLineEdit()
        self.sheet_edit.setPlaceholderText(self.tr("XLSX 的工作表（默认第一个）"))
        layout.addRow(self.tr("工作表"), self.sheet_edit)
        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #b91c1c")
        layout.addRow(self.error_label)

    def browse(self) -> None:
        chosen, _ = QFileDialog.getOpenFileName(
            self, self.tr("选择名录文件"), "", self.tr("名录文件 (*.csv *.xlsx *.txt);;所有文件 (*)")
        )
        if chosen:
            self.path_edit.setText(chosen)

    def isComplete(self) -> bool:
        return bool(self.path_edit.text().strip())

    def validatePage(self) -> bool:
        path = Path(self.path_edit.text().strip())
        source = Source(self.source_combo.currentData()) if self.source_combo.currentData() else None
        try:
            first = inspect_file(path, sheet=self.sheet_edit.text().strip() or None, source=source)
            name = first.source.value
            with self.ctx.db.read() as session:
                saved = store.load_mapping(session, name)
            preview = inspect_file(path, sheet=self.sheet_edit.text().strip() or None, source=first.source, saved=saved) if saved else first
        except FileProblem as exc:
            self.error_label.setText(str(exc))
            return False
        self.error_label.clear()
        self.state.path = path
        self.state.preview = preview
        self.state.mapping = dict(preview.mapping)
        self.state.mapping_name = name
        return True


class PreviewPage(QWizardPage):
    def __init__(self, state: WizardState) -> None:
        super().__init__()
        self.state = state
        self.setTitle(self.tr("检查识别结果"))
        layout = QVBoxLayout(self)
        self.info = QLabel()
        self.info.setWordWrap(True)
        layout.addWidget(self.info)
        self.table = QTableView()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        layout.addWidget(self.table)
        self.mapping_label = QLabel()
        self.mapping_label.setWordWrap(True)
        layout.addWidget(self.mapping_label)
        row = QHBoxLayout()
        self.mapping_button = QPushButton(self.tr("编辑列映射…"))
        self.mapping_button.clicked.connect(self.edit_mapping)
        row.addWidget(self.mapping_button)
        self.dry_run = QCheckBox(self.tr("只检查，不写入（试运行）"))
        row.addWidget(self.dry_run)
        row.addStretch(1)
        layout.addLayout(row)

    def initializePage(self) -> None:
        preview = self.state.preview
        if preview is None:
            return
        table = preview.table
        parts = [
            self.tr("编码：{encoding}").format(encoding=table.encoding),
            self.tr("表头在第 {row} 行").format(row=preview.header_row),
            self.tr("数据约 {n} 行").format(n=preview.data_rows),
            self.tr("来源：{source}").format(source=preview.source.label),
        ]
        if table.sheet:
            parts.insert(1, self.tr("工作表：{sheet}").format(sheet=table.sheet))
        self.info.setText("；".join(parts))
        self.table.setModel(PreviewModel(preview.headers, preview.sample, self.table))
        self.show_mapping()

    def show_mapping(self) -> None:
        mapping = self.state.mapping or {}
        text = "，".join(f"{h} → {FIELD_LABELS.get(f, f)}" for h, f in mapping.items())
        self.mapping_label.setText(self.tr("列映射：") + (text or self.tr("（无）")))

    def edit_mapping(self) -> None:
        preview = self.state.preview
        if preview is None:
            return
        dialog = MappingDialog(preview, self.state.mapping or {}, self.state.mapping_name, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.state.mapping = dialog.mapping()
            self.state.mapping_name = dialog.name_edit.text().strip() or preview.source.value
            self.show_mapping()

    def validatePage(self) -> bool:
        preview = self.state.preview
        if preview is None:
            return False
        try:
            check_mapping(self.state.mapping or {}, preview.source, preview.table.file_name)
        except FileProblem as exc:
            QMessageBox.warning(self, self.tr("列映射不完整"), str(exc))
            return False
        return True


class RunPage(QWizardPage):
    def __init__(self, ctx: AppContext, state: WizardState, preview_page: PreviewPage) -> None:
        super().__init__()
        self.ctx = ctx
        self.state = state
        self.preview_page = preview_page
        self.task: ImportTask | None = None
        self.done = False
        self.setTitle(self.tr("正在导入"))
        self.setSubTitle(self.tr("导入在一个事务中完成：取消或出错时不会留下任何改动。"))
        layout = QVBoxLayout(self)
        self.phase = QLabel(self.tr("准备中…"))
        layout.addWidget(self.phase)
        self.bar = QProgressBar()
        self.bar.setRange(0, 100)
        layout.addWidget(self.bar)
        self.cancel_button = QPushButton(self.tr("取消导入"))
        self.cancel_button.clicked.connect(self.cancel)
        layout.addWidget(self.cancel_button)
        layout.addStretch(1)

    def initializePage(self) -> None:
        preview = self.state.preview
        if preview is None or self.state.path is None:
            return
        self.done = False
        self.state.result = None
        self.state.error = ""
        self.cancel_button.setEnabled(True)
        self.task = ImportTask(
            self.ctx,
            self.state.path,
            source=preview.source,
            mapping=self.state.mapping,
            mapping_name=self.state.mapping_name,
            sheet=preview.table.sheet or None,
            dry_run=self.preview_page.dry_run.isChecked(),
        )
        self.task.signals.progress.connect(self.on_progress)
        self.task.signals.finished.connect(self.on_finished)
        self.task.signals.failed.connect(self.on_failed)
        self.ctx.pool.start(self.task)

    def on_progress(self, phase: str, done: int, total: int) -> None:
        self.phase.setText(phase)
        self.bar.setValue(int(100 * done / total) if total else 0)

    def cancel(self) -> None:
        if self.task is not None:
            self.task.cancel()
            self.phase.setText(self.tr("正在取消…"))

    def on_finished(self, result: ImportResult) -> None:
        self.state.result = result
        self.bar.setValue(100)
        self.phase.setText(self.tr("导入完成"))
        self._finish()
        if result.changed:
            self.ctx.notify("enterprise")
            self.ctx.notify("field_conflict")

    def on_failed(self, exc: Exception) -> None:
        if isinstance(exc, ImportCancelled):
            self.state.error = self.tr("导入已取消，数据库未作任何改动。")
        elif isinstance(exc, FileProblem):
            self.state.error = str(exc)
        else:
            self.state.error = self.tr("导入失败，数据库未作任何改动：{error}").format(error=type(exc).__name__)
        self.phase.setText(self.state.error)
        self._finish()

    def _finish(self) -> None:
        self.done = True
        self.task = None
        self.cancel_button.setEnabled(False)
        self.completeChanged.emit()
        wizard = self.wizard()
        if wizard is not None:
            wizard.next()

    def isComplete(self) -> bool:
        return self.done


class SummaryPage(QWizardPage):
    def __init__(self, ctx: AppContext, state: WizardState) -> None:
        super().__init__()
        self.ctx = ctx
        self.state = state
        self.setTitle(self.tr("导入结果"))
        layout = QVBoxLayout(self)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        layout.addWidget(QLabel(self.tr("拒绝的行与警告：")))
        self.issues = QTableView()
        self.issues.horizontalHeader().setStretchLastSection(True)
        layout.addWidget(self.issues)
        row = QHBoxLayout()
        self.export_button = QPushButton(self.tr("导出为 CSV…"))
        self.export_button.clicked.connect(self.export)
        row.addWidget(self.export_button)
        row.addStretch(1)
        layout.addLayout(row)
        from app.ui.datapool.conflicts import ConflictsWidget

        self.conflicts = ConflictsWidget(ctx)
        layout.addWidget(self.conflicts)

    def initializePage(self) -> None:
        result = self.state.result
        if result is None:
            self.summary.setText(self.state.error)
            self.issues.setModel(IssueModel([], self.issues))
            self.export_button.setEnabled(False)
            return
        self.summary.setText("\n".join(result.summary_lines()))
        self.issues.setModel(IssueModel(result.rejected + result.warnings, self.issues))
        self.export_button.setEnabled(bool(result.rejected or result.warnings))
        self.conflicts.reload()

    def issue_model(self) -> IssueModel:
        model = self.issues.model()
        assert isinstance(model, IssueModel)
        return model

    def export(self, path: Path | None = None) -> None:
        if path is None:
            chosen, _ = QFileDialog.getSaveFileName(self, self.tr("导出拒绝的行"), "rejected.csv", self.tr("CSV 文件 (*.csv)"))
            if not chosen:
                return
            path = Path(chosen)
        try:
            export_issues_csv(self.issue_model().issues, path)
        except OSError as exc:
            QMessageBox.warning(self, self.tr("导出失败"), self.tr("无法写入 {path}：{error}").format(path=path, error=exc.strerror or exc))


class ImportWizard(QWizard):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("导入名录"))
        self.state = WizardState()
        self.choose_page = ChooseFilePage(ctx, self.state)
        self.preview_page = PreviewPage(self.state)
        self.run_page = RunPage(ctx, self.state, self.preview_page)
        self.summary_page = SummaryPage(ctx, self.state)
        for page in (self.choose_page, self.preview_page, self.run_page, self.summary_page):
            self.addPage(page)
        self.preview_page.setCommitPage(True)  # once started, an import is not re-run by going back
        self.preview_page.setButtonText(QWizard.WizardButton.CommitButton, self.tr("开始导入"))
        self.run_page.setCommitPage(True)
        self.resize(900, 640)

    def reject(self) -> None:
        if self.run_page.task is not None:
            self.run_page.cancel()
            return
        super().reject()

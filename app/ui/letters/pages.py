"""函件登记: the register of letters (number, kind, enterprise, state, dates; provisional numbers
marked), the letter editor with a live preview in QPdfView rendered off the GUI thread, printing
through the system dialog, saving as PDF, and the steps 发出 / 送达 / 回复 / 办结."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from PySide6.QtCore import QBuffer, QByteArray, QCoreApplication, QIODevice, QRect, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.core.letters import LetterStatus, letter_actions
from app.core.problems import ValidationError
from app.store import citations
from app.store import letters as letter_repo
from app.store.citations import UnconfirmedCitations
from app.store.letters import NoNumberAvailable
from app.store.tables.matters import Matter
from app.ui.letters.models import (
    LetterTableModel,
    letter_kind_label,
    letter_number_text,
    letter_status_label,
)
from app.ui.shell import background, navigation, warmup
from app.ui.shell.context import AppContext
from app.ui.shell.registry import PageSpec, add_page
from app.ui.widgets.columns import fit_columns
from app.ui.widgets.dates import date_edit, error_text, pydate
from app.ui.widgets.screen_fit import fit_to_screen

PREVIEW_DELAY_MS = 400


def font_summary(fonts_used: dict[str, str]) -> str:
    labels = {
        "xiaobiaosong": QCoreApplication.translate("Letters", "小标宋"),
        "fangsong": QCoreApplication.translate("Letters", "仿宋"),
        "heiti": QCoreApplication.translate("Letters", "黑体"),
        "kaiti": QCoreApplication.translate("Letters", "楷体"),
        "song": QCoreApplication.translate("Letters", "宋体"),
    }
    return "；".join(f"{labels.get(role, role)}：{name}" for role, name in fonts_used.items())


def font_notice(fonts_used: dict[str, str]) -> str:
    """What the user should know about the fonts, in one sentence: nothing when the official faces
    are installed; which faces are stand-ins otherwise. Face and file names stay in 设置 and `check`."""
    from app.documents.fonts import default_fonts

    fonts = default_fonts()
    labels = {
        "xiaobiaosong": QCoreApplication.translate("Letters", "小标宋"),
        "fangsong": QCoreApplication.translate("Letters", "仿宋"),
        "heiti": QCoreApplication.translate("Letters", "黑体"),
        "kaiti": QCoreApplication.translate("Letters", "楷体"),
        "song": QCoreApplication.translate("Letters", "宋体"),
    }
    missing = [labels.get(role, role) for role in fonts_used if role in labels and not fonts[role].official]  # type: ignore[index]
    if not missing:
        return ""
    return QCoreApplication.translate(
        "Letters", "本机未安装公文字体（{roles}），预览和PDF用相近字体代替，与正式公文略有差异；详见“备份与设置”。"
    ).format(roles="、".join(missing))


def print_pdf(document: QPdfDocument, printer: QPrinter) -> int:
    """Paints every page of the PDF onto the printer at its resolution; returns the pages printed."""
    painter = QPainter()
    if not painter.begin(printer):
        raise OSError(QCoreApplication.translate("Letters", "无法开始打印"))
    try:
        rect = printer.pageLayout().paintRectPixels(printer.resolution())
        for i in range(document.pageCount()):
            if i:
                printer.newPage()
            size = document.pagePointSize(i)
            scale = min(rect.width() / size.width(), rect.height() / size.height())
            target = QSize(int(size.width() * scale), int(size.height() * scale))
            image = document.render(i, target)
            painter.drawImage(QRect(0, 0, target.width(), target.height()), image)
    finally:
        painter.end()
    return document.pageCount()


class DateDialog(QDialog):
    """A date (and optionally a note) for 发出 / 送达 / 回复, with the question it confirms."""

    def __init__(self, title: str, question: str, label: str, with_note: bool = False,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        layout = QVBoxLayout(self)
        text = QLabel(question)
        text.setWordWrap(True)
        layout.addWidget(text)
        form = QFormLayout()
        self.date = date_edit(dt.date.today())
        form.addRow(label, self.date)
        self.note = QPlainTextEdit()
        self.note.setMaximumHeight(90)
        if with_note:
            form.addRow(self.tr("回复内容"), self.note)
        layout.addLayout(form)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)


class LetterEditorDialog(QDialog):
    preview_ready = Signal()

    def __init__(self, ctx: AppContext, letter_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.letter_id = letter_id
        fit_to_screen(self, 1200, 820)
        self.pdf_bytes = b""
        self.fonts_used: dict[str, str] = {}
        self._rendering = False
        self._dirty = False
        self._buffer: QBuffer | None = None

        self.title = QLineEdit()
        self.addressee = QLineEdit()
        self.body = QPlainTextEdit()
        self.body.setToolTip(
            self.tr("每段一行；以 # 开头的行为一级标题，## 为二级标题；【期限】处印出本函的期限，发出时按发出日期计算")
        )
        self.copy_to = QLineEdit()
        self.copy_to.setPlaceholderText(self.tr("多个单位以顿号分隔"))
        self.contact = QLineEdit()
        self.phone = QLineEdit()
        form_box = QWidget()
        form = QFormLayout(form_box)
        form.addRow(self.tr("标题"), self.title)
        form.addRow(self.tr("主送"), self.addressee)
        form.addRow(self.tr("正文"), self.body)
        form.addRow(self.tr("抄送"), self.copy_to)
        form.addRow(self.tr("联系人"), self.contact)
        form.addRow(self.tr("联系电话"), self.phone)
        self.warning = QLabel()
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet("color: #b45309")
        form.addRow("", self.warning)

        self.document = QPdfDocument(self)
        self.view = QPdfView()
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.fonts_label = QLabel()
        self.fonts_label.setWordWrap(True)
        preview_box = QWidget()
        pv = QVBoxLayout(preview_box)
        pv.setContentsMargins(0, 0, 0, 0)
        pv.addWidget(self.view, 1)
        pv.addWidget(self.fonts_label)

        splitter = QSplitter()
        splitter.addWidget(form_box)
        splitter.addWidget(preview_box)
        splitter.setSizes([520, 680])

        self.header = QLabel()
        self.header.setTextFormat(Qt.TextFormat.RichText)
        self.buttons_row = QHBoxLayout()
        self.save_button = QPushButton(self.tr("保存草稿"))
        self.save_button.clicked.connect(self.save)
        self.issue_button = QPushButton(self.tr("发出"))
        self.issue_button.clicked.connect(self.on_issue)
        self.serve_button = QPushButton(self.tr("送达"))
        self.serve_button.clicked.connect(self.on_serve)
        self.reply_button = QPushButton(self.tr("回复"))
        self.reply_button.clicked.connect(self.on_reply)
        self.close_button = QPushButton(self.tr("办结"))
        self.close_button.clicked.connect(self.on_close_letter)
        self.void_button = QPushButton(self.tr("作废草稿"))
        self.void_button.clicked.connect(self.on_void)
        self.refresh_button = QPushButton(self.tr("按正式文号重新生成PDF"))
        self.refresh_button.clicked.connect(self.refresh_pdf)
        self.print_button = QPushButton(self.tr("打印…"))
        self.print_button.clicked.connect(self.on_print)
        self.export_button = QPushButton(self.tr("另存为PDF…"))
        self.export_button.clicked.connect(self.on_export)
        for b in (self.save_button, self.issue_button, self.serve_button, self.reply_button, self.close_button,
                  self.void_button, self.refresh_button):
            self.buttons_row.addWidget(b)
        self.buttons_row.addStretch(1)
        self.buttons_row.addWidget(self.print_button)
        self.buttons_row.addWidget(self.export_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.header)
        layout.addWidget(splitter, 1)
        layout.addLayout(self.buttons_row)

        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(PREVIEW_DELAY_MS)
        self.timer.timeout.connect(self.render_preview)
        self.load()
        for widget in (self.title, self.addressee, self.copy_to, self.contact, self.phone):
            widget.textEdited.connect(self._edited)
        self.body.textChanged.connect(self._edited)
        ctx.register_flush(self._flush)
        self.finished.connect(lambda _r: ctx.unregister_flush(self._flush))

    # loading and editing -----------------------------------------------------------------------------

    def load(self) -> None:
        from app.documents import letter_flow

        with self.ctx.db.read() as session:
            letter = letter_repo.get(session, self.letter_id)
            matter = session.get(Matter, letter.matter_id) if letter.matter_id else None
            current = letter_repo.pdf_is_current(session, letter)
            try:
                self._deadline = letter_flow.content_of(letter, session).deadline
                damaged = ""
            except ValidationError as exc:  # a body that cannot be read honestly: said, never guessed
                damaged = error_text(exc)
            waiting = citations.unconfirmed(session, matter.legal_basis) if matter is not None else []
        self.letter = letter
        if damaged:
            self._show_damaged(damaged)
            return
        content = letter_flow.content_of(letter)
        self._loading = True
        self.title.setText(content.title)
        self.addressee.setText(content.addressee)
        self.body.setPlainText(letter_flow.body_text(content))
        self.copy_to.setText("、".join(content.copy_to))
        self.contact.setText(content.contact_person)
        self.phone.setText(content.contact_phone)
        self._loading = False
        draft = letter.status == LetterStatus.DRAFT.value
        for widget in (self.title, self.addressee, self.body, self.copy_to, self.contact, self.phone):
            widget.setReadOnly(not draft)
        allowed = {t.action.value for t in letter_actions(letter.status)}
        self.save_button.setVisible(draft)
        self.issue_button.setVisible("issue" in allowed)
        self.serve_button.setVisible("serve" in allowed)
        self.reply_button.setVisible("reply" in allowed)
        self.close_button.setVisible("close" in allowed)
        self.void_button.setVisible("void" in allowed)
        self.refresh_button.setVisible(not draft and letter.status != "void" and not current)
        number = letter_number_text(letter.number, letter.number_provisional)
        kind = letter_kind_label(letter.kind)
        self.setWindowTitle(f"{kind} {letter.number or ''}".strip())
        status = letter_status_label(letter.status)
        extra = ""
        if letter.number_provisional:
            extra = f"<span style='color:#b45309'>{self.tr('临时编号：同步领取号段后将自动换为正式文号')}</span>"
        elif letter.provisional_number and not current:
            extra = f"<span style='color:#b45309'>{self.tr('已换为正式文号，存档PDF仍为临时编号，请重新生成')}</span>"
        self.header.setText(f"<b>{kind}</b>　{number}　{status}　{extra}")
        warnings = []
        if draft and waiting:
            warnings.append(
                self.tr("法律依据中的%1尚未与官方文本核对，发出时须由区总工会工作人员确认。").replace("%1", "、".join(waiting))
            )
        self.warning.setText("\n".join(warnings))
        if draft:
            self.render_preview()
        else:
            self._show_stored()

    def _show_damaged(self, problem: str) -> None:
        """Nothing to edit or issue; an issued letter still shows the PDF it was issued as."""
        for widget in (self.title, self.addressee, self.body, self.copy_to, self.contact, self.phone):
            widget.setReadOnly(True)
        for button in (self.save_button, self.issue_button, self.serve_button, self.reply_button,
                       self.close_button, self.void_button, self.refresh_button):
            button.setVisible(False)
        self.header.setText(f"<b>{letter_kind_label(self.letter.kind)}</b>　{self.letter.number or ''}")
        self.warning.setText(problem)
        if self.letter.pdf_attachment_id:
            self._show_stored()

    def _edited(self) -> None:
        if getattr(self, "_loading", False) or self.letter.status != LetterStatus.DRAFT.value:
            return
        self._dirty_edit = True
        self.timer.start()

    def content(self) -> Any:
        """The LetterContent on screen."""
        from app.documents import letter_flow

        content = letter_flow.content_of(self.letter)
        content.deadline = getattr(self, "_deadline", None) or content.deadline
        content.title = self.title.text().strip()
        content.addressee = self.addressee.text().strip()
        content.body = letter_flow.body_from_text(self.body.toPlainText())
        content.copy_to = [s.strip() for s in self.copy_to.text().replace(",", "、").replace("，", "、").split("、") if s.strip()]
        content.contact_person = self.contact.text().strip()
        content.contact_phone = self.phone.text().strip()
        return content

    def save(self) -> bool:
        from app.documents import letter_flow

        if self.letter.status != LetterStatus.DRAFT.value:
            return True
        try:
            with self.ctx.db.write() as session:
                self.letter = letter_flow.save_content(session, self.letter_id, self.content(), self.ctx.user.actor)
        except ValidationError as exc:
            QMessageBox.warning(self, self.tr("保存草稿"), error_text(exc))
            return False
        self._dirty_edit = False
        self.ctx.notify("letter")
        return True

    def _flush(self) -> None:
        if getattr(self, "_dirty_edit", False):
            self.save()

    def done(self, result: int) -> None:
        """Closing the editor keeps what was typed: a draft is saved, never silently dropped."""
        self._flush()
        super().done(result)

    # preview -------------------------------------------------------------------------------------------

    def render_preview(self) -> None:
        """Renders the text on screen in the thread pool; edits made meanwhile trigger one more run."""
        from app.documents import letter_flow

        if self._rendering:
            self._dirty = True
            return
        self._rendering = True
        self._dirty = False
        content = self.content()

        def work(_progress: Any) -> Any:
            warmup.wait_for_fonts()
            return letter_flow.render_content(content)

        background.start(self.ctx.documents, work, self._preview_done, self._preview_failed)

    def _preview_done(self, rendered: Any) -> None:
        self._rendering = False
        self.fonts_used = dict(rendered.fonts_used)
        self._show_pdf(rendered.pdf)
        self.fonts_label.setText(font_notice(self.fonts_used))
        if self._dirty:
            self.render_preview()
        else:
            self.preview_ready.emit()

    def _preview_failed(self, exc: Exception) -> None:
        self._rendering = False
        self.fonts_label.setText(self.tr("无法生成预览：") + error_text(exc))
        self.preview_ready.emit()

    def _show_stored(self) -> None:
        from app.documents import letter_flow

        with self.ctx.db.read() as session:
            letter = letter_repo.get(session, self.letter_id)
            data = letter_flow.letter_pdf(session, letter, self.ctx.paths.blobs)
        self._show_pdf(data)
        self.fonts_label.setText(self.tr("存档PDF（发出时生成，内容不可修改）"))
        self.preview_ready.emit()

    def _show_pdf(self, data: bytes) -> None:
        self.pdf_bytes = data
        old = self._buffer
        buffer = QBuffer(self)
        buffer.setData(QByteArray(data))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document.load(buffer)
        self._buffer = buffer
        if old is not None:
            old.close()
            old.deleteLater()

    # steps -------------------------------------------------------------------------------------------

    def on_issue(self) -> None:
        dialog = DateDialog(
            self.tr("发出函件"), self.tr("发出后将取号并生成正式文本，内容不能再修改。确认发出？"), self.tr("发出日期"),
            parent=self,
        )
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.issue(pydate(dialog.date))

    def issue(self, issued_on: dt.date) -> bool:
        """Numbers and stores the letter; with no number block left, offers a provisional number."""
        from app.documents import letter_flow

        if not self.save():
            return False
        allow_provisional = False
        while True:
            try:
                with self.ctx.db.write() as session:
                    letter_flow.issue_letter(
                        session, self.letter_id, actor=self.ctx.user.actor, role=self.ctx.user.role,
                        blobs_root=self.ctx.paths.blobs, issued_on=issued_on, allow_provisional=allow_provisional,
                    )
                break
            except UnconfirmedCitations as exc:
                if not self._confirm_citations(exc.citations):
                    return False
                continue
            except NoNumberAvailable as exc:
                answer = QMessageBox.question(
                    self, self.tr("没有可用的文号"),
                    error_text(exc) + "\n" + self.tr("是否使用临时编号发出？同步领取号段后将自动换为正式文号。"),
                )
                if answer != QMessageBox.StandardButton.Yes:
                    return False
                allow_provisional = True
            except ValidationError as exc:
                QMessageBox.warning(self, self.tr("发出函件"), error_text(exc))
                return False
        self.ctx.notify("letter")
        self.ctx.notify("matter")
        self.load()
        return True

    def _confirm_citations(self, waiting: list[str]) -> bool:
        """An office user confirms, once per citation, that unverified articles were checked against
        the official text; an inspector is told who must do it."""
        if self.ctx.user.role not in ("office", "admin"):
            QMessageBox.warning(
                self, self.tr("发出函件"),
                self.tr("法律依据中的%1尚未核对，须由区总工会工作人员确认后才能发出。").replace("%1", "、".join(waiting)),
            )
            return False
        answer = QMessageBox.question(
            self, self.tr("核对法律依据"),
            self.tr("以下条文尚未与官方文本核对：%1。确认已核对无误？确认记录将写入审计日志。").replace(
                "%1", "、".join(waiting)
            ),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return False
        try:
            with self.ctx.db.write() as session:
                citations.confirm(session, waiting, actor=self.ctx.user.actor, role=self.ctx.user.role)
        except ValidationError as exc:
            QMessageBox.warning(self, self.tr("核对法律依据"), error_text(exc))
            return False
        return True

    def on_serve(self) -> None:
        dialog = DateDialog(self.tr("送达"), self.tr("确认函件已送达（以回执签收日期为准）？"), self.tr("送达日期"), parent=self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.serve(pydate(dialog.date))

    def serve(self, served_on: dt.date) -> bool:
        return self._step(lambda s: letter_repo.serve(s, self.letter_id, served_on=served_on, actor=self.ctx.user.actor))

    def on_reply(self) -> None:
        dialog = DateDialog(self.tr("回复"), self.tr("确认已收到书面回复？"), self.tr("回复日期"), with_note=True, parent=self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.reply(pydate(dialog.date), dialog.note.toPlainText())

    def reply(self, replied_on: dt.date, note: str) -> bool:
        return self._step(
            lambda s: letter_repo.reply(s, self.letter_id, replied_on=replied_on, note=note, actor=self.ctx.user.actor)
        )

    def on_close_letter(self) -> None:
        if QMessageBox.question(self, self.tr("办结"), self.tr("确认此函件办结？")) == QMessageBox.StandardButton.Yes:
            self._step(lambda s: letter_repo.close(s, self.letter_id, actor=self.ctx.user.actor))

    def on_void(self) -> None:
        if QMessageBox.question(self, self.tr("作废草稿"), self.tr("确认作废此草稿？")) == QMessageBox.StandardButton.Yes:
            self._step(lambda s: letter_repo.void(s, self.letter_id, actor=self.ctx.user.actor))

    def _step(self, write: Any) -> bool:
        try:
            with self.ctx.db.write() as session:
                write(session)
        except ValidationError as exc:
            QMessageBox.warning(self, self.windowTitle(), error_text(exc))
            return False
        self.ctx.notify("letter")
        self.ctx.notify("matter")
        self.load()
        return True

    def refresh_pdf(self) -> None:
        from app.documents import letter_flow

        with self.ctx.db.write() as session:
            letter_flow.refresh_pdf(session, self.letter_id, actor=self.ctx.user.actor, blobs_root=self.ctx.paths.blobs)
        self.ctx.notify("letter")
        self.load()

    # print and export --------------------------------------------------------------------------------

    def on_print(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        try:
            print_pdf(self.document, printer)
        except OSError as exc:
            QMessageBox.warning(self, self.tr("打印"), str(exc))

    def on_export(self) -> None:
        name = (self.letter.number or letter_kind_label(self.letter.kind)).replace("〔", "(").replace("〕", ")")
        target, _ = QFileDialog.getSaveFileName(
            self, self.tr("另存为PDF"), str(self.ctx.paths.exports / f"{name}.pdf"), "PDF (*.pdf)"
        )
        if target:
            self.export(Path(target))

    def export(self, target: Path) -> None:
        try:
            target.write_bytes(self.pdf_bytes)
        except OSError as exc:
            QMessageBox.warning(self, self.tr("另存为PDF"), f"{target}：{exc.strerror or exc}")
            return
        self.ctx.status_message.emit(self.tr("已保存：") + str(target))


class LetterList(QWidget):
    """The register with filters; the page and the enterprise file's 函件 tab both use it."""

    def __init__(self, ctx: AppContext, enterprise_id: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.enterprise_id = enterprise_id
        self.model = LetterTableModel(ctx.db, letter_repo.LetterFilter(enterprise_id=enterprise_id), self)
        self.status = QComboBox()
        self.status.addItem(self.tr("全部状态"), None)
        for s in LetterStatus:
            self.status.addItem(letter_status_label(s.value), s.value)
        self.kind = QComboBox()
        self.kind.addItem(self.tr("全部类型"), None)
        for k in ("tips", "opinion", "advice"):
            self.kind.addItem(letter_kind_label(k), k)
        self.provisional = QCheckBox(self.tr("只看临时编号"))
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("搜索文号、企业、主送"))
        for w in (self.status, self.kind):
            w.currentIndexChanged.connect(self.refresh)
        self.provisional.toggled.connect(self.refresh)
        self.search.returnPressed.connect(self.refresh)
        bar = QHBoxLayout()
        for widget in (self.status, self.kind, self.provisional):
            bar.addWidget(widget)
        bar.addWidget(self.search, 1)
        self.counts = QLabel()
        self.stale_button = QPushButton()
        self.stale_button.setStyleSheet("color: #b45309")
        self.stale_button.clicked.connect(self.refresh_stale)
        self.stale_button.hide()
        bar.addWidget(self.stale_button)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.verticalHeader().hide()
        fit_columns(self.view)
        # The enterprise's column opens its file; the other columns open the letter.
        navigation.link_enterprise_rows(
            ctx, self.view, lambda index: self.model.row_at(index.row()).get("enterprise_id"),
            enterprise_column=self.model.column_of("enterprise_name"),
            otherwise=lambda index: self.open_letter(str(self.model.row_at(index.row())["id"])),
        )
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.counts)
        layout.addWidget(self.view, 1)
        self.refresh()
        ctx.data_changed.connect(self._on_changed)

    def _on_changed(self, table: str) -> None:
        if table in ("letter", "*"):
            self.refresh()

    def refresh(self) -> None:
        flt = letter_repo.LetterFilter(
            status=self.status.currentData(), kind=self.kind.currentData(), enterprise_id=self.enterprise_id,
            provisional_only=self.provisional.isChecked(), query=self.search.text(),
        )
        self.model.set_filter(flt)
        with self.ctx.db.read() as session:
            c = letter_repo.status_counts(session)
            stale = len(letter_repo.stale_pdf_ids(session))
        self.stale_button.setText(
            self.tr("%1 份函件已换为正式文号，重新生成PDF").replace("%1", str(stale))
        )
        self.stale_button.setVisible(stale > 0)
        if self.enterprise_id is None:
            self.counts.setText(
                self.tr("草稿 %1，已发出 %2，已送达 %3，已回复 %4，已办结 %5，临时编号 %6")
                .replace("%1", str(c["draft"])).replace("%2", str(c["issued"])).replace("%3", str(c["served"]))
                .replace("%4", str(c["replied"])).replace("%5", str(c["closed"])).replace("%6", str(c["provisional"]))
            )
        else:
            self.counts.setText(self.tr("共 %1 份").replace("%1", str(self.model.total)))
        self.view.resizeColumnsToContents()

    def refresh_stale(self) -> int:
        """Re-renders, off the GUI thread, the PDFs that still show a provisional number."""
        from app.documents import letter_flow

        self.stale_button.setEnabled(False)

        def work(_progress: Any) -> int:
            with self.ctx.db.write() as session:
                return letter_flow.refresh_stale_pdfs(
                    session, actor=self.ctx.user.actor, blobs_root=self.ctx.paths.blobs
                )

        def done(count: Any) -> None:
            self.stale_button.setEnabled(True)
            self.ctx.notify("letter")
            self.ctx.status_message.emit(self.tr("已重新生成 %1 份函件的PDF").replace("%1", str(count)))

        def failed(exc: Exception) -> None:
            self.stale_button.setEnabled(True)
            QMessageBox.warning(self, self.tr("重新生成PDF"), error_text(exc))

        background.start(self.ctx.pool, work, done, failed)
        return 0

    def open_letter(self, letter_id: str) -> LetterEditorDialog:
        self.editor = LetterEditorDialog(self.ctx, letter_id, self)
        self.editor.show()
        return self.editor


class LettersPage(LetterList):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, None, parent)


add_page(PageSpec("letters", QCoreApplication.translate("Letters", "函件登记"), 55, lambda ctx: LettersPage(ctx), "Ctrl+5"))


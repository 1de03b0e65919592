"""The visit form (三查三记) built from its definition: live conditional fields, photos and a signature,
autosaved drafts, undo across the whole form, and submission that checks everything first.

Drafts are written a second after the last change, when the dialog closes, and from the application's
flush hooks (quit, crash handler), so an inspector never loses what they typed at an enterprise."""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QShortcut, QUndoCommand, QUndoStack
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app import formkit
from app.core.ids import new_id
from app.core.problems import ValidationError
from app.formkit import FieldDef, FieldType, FormDefinition
from app.store import attachments, blobs, changes, enterprises, visits
from app.ui.shell.context import AppContext
from app.ui.widgets.form_fields import FieldWidget, make_field
from app.ui.widgets.screen_fit import fit_to_screen

log = logging.getLogger(__name__)

AUTOSAVE_MS = 1000
STATUS_DRAFT = "draft"
STATUS_SUBMITTED = "submitted"


class FieldEdit(QUndoCommand):
    """One change of one answer. Typing in the same box folds into one step until the next autosave,
    so Ctrl+Z takes back a phrase, not a character."""

    MERGE_ID = 4711

    def __init__(self, editor: VisitEditor, field_id: str, old: Any, new: Any, mergeable: bool) -> None:
        label = editor.definition_field(field_id).label
        super().__init__(QCoreApplication.translate("VisitEditor", "修改“{label}”").format(label=label))
        self.editor = editor
        self.field_id = field_id
        self.old = old
        self.new = new
        self.mergeable = mergeable
        self.sealed = False
        self._first = True

    def id(self) -> int:
        return self.MERGE_ID if self.mergeable else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, FieldEdit) or self.sealed or other.field_id != self.field_id:
            return False
        self.new = other.new
        return True

    def redo(self) -> None:
        # The widget already shows a value the user just made; only undo/redo must push it back.
        self.editor.apply_answer(self.field_id, self.new, to_widget=not self._first)
        self._first = False

    def undo(self) -> None:
        self.editor.apply_answer(self.field_id, self.old, to_widget=True)


class VisitEditor(QWidget):
    saved = Signal(str)  # visit id, after each write
    submitted = Signal(str)  # visit id
    discarded = Signal(str)  # visit id

    def __init__(
        self,
        ctx: AppContext,
        enterprise_id: str,
        visit_id: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.enterprise_id = enterprise_id
        self.visit_id = visit_id or new_id()
        self.exists = False
        self.status = STATUS_DRAFT
        self.read_only = False
        self.dirty = False
        self.definition: FormDefinition | None = None
        self.answers: dict[str, Any] = {}
        self.fields: dict[str, FieldWidget] = {}
        self._rows: dict[str, tuple[QFormLayout, QGroupBox]] = {}
        self._show_errors = False
        self._stored_date: dt.date | None = None
        self._enterprise_values: dict[str, Any] = {}
        self.enterprise_name = ""
        self.grid_id: str | None = None
        self.load_error = ""
        self.is_discarded = False
        self.filled_at: tuple[float, float, float | None] | None = None  # where a phone filled the form

        self.undo_stack = QUndoStack(self)
        self.autosave_timer = QTimer(self)
        self.autosave_timer.setSingleShot(True)
        self.autosave_timer.setInterval(AUTOSAVE_MS)
        self.autosave_timer.timeout.connect(self.save_draft)

        self._load()
        self._build()
        if self.definition is not None:
            self.set_read_only(self.status == STATUS_SUBMITTED)
            self._flush = self.flush
            ctx.register_flush(self._flush)
            flush, context = self._flush, ctx
            self.destroyed.connect(lambda *_: context.unregister_flush(flush))

    # Loading -----------------------------------------------------------------------------------
    def _load(self) -> None:
        with self.ctx.db.read() as session:
            enterprise = enterprises.get(session, self.enterprise_id)
            visit = visits.get(session, self.visit_id)
            if enterprise is not None:
                self.enterprise_name = enterprise.name
                self.grid_id = enterprise.grid_id
                self._enterprise_values = enterprise.model_dump()
            if visit is not None:
                self.exists = True
                form_id, version = visit.form_id, visit.form_version
                self.answers = visits.answers_of(visit)
                self.status = visit.status
                self._stored_date = visit.visit_date
                if visit.filled_longitude is not None and visit.filled_latitude is not None:
                    self.filled_at = (visit.filled_longitude, visit.filled_latitude, visit.filled_accuracy_m)
            else:
                form_id, version = formkit.DEFAULT_FORM_ID, None
        if enterprise is None:
            self.load_error = self.tr("找不到该企业档案，无法填写走访记录。")
            return
        try:
            self.definition = formkit.load(form_id, version)
        except (formkit.FormDefinitionError, formkit.FormNotFoundError) as exc:
            self.load_error = str(exc)
            return
        definition = self.definition
        if definition.date_field and self._stored_date and not self.answers.get(definition.date_field):
            self.answers[definition.date_field] = self._stored_date.isoformat()
        if not self.exists:
            for f in definition.iter_fields():
                if f.prefill == "today":
                    self.answers[f.id] = dt.date.today().isoformat()
                elif f.prefill == "user" and self.ctx.user.name:
                    self.answers[f.id] = self.ctx.user.name

    def definition_field(self, field_id: str) -> FieldDef:
        assert self.definition is not None
        return self.definition.field(field_id)

    # Building ----------------------------------------------------------------------------------
    def _build(self) -> None:
        outer = QVBoxLayout(self)
        header = QHBoxLayout()
        self.title_label = QLabel()
        self.title_label.setStyleSheet("font-size: 16px; font-weight: bold;")
        header.addWidget(self.title_label, 1)
        self.undo_button = QToolButton()
        self.redo_button = QToolButton()
        header.addWidget(self.undo_button)
        header.addWidget(self.redo_button)
        outer.addLayout(header)

        self.banner = QLabel()
        self.banner.setObjectName("formBanner")
        self.banner.setWordWrap(True)
        self.banner.setVisible(False)
        outer.addWidget(self.banner)

        self.position_label = QLabel()
        self.position_label.setObjectName("filledPosition")
        self.position_label.setStyleSheet("color: #555;")
        if self.filled_at is not None:
            lon, lat, accuracy = self.filled_at
            text = self.tr("填写位置：经度 {lon:.5f}，纬度 {lat:.5f}").format(lon=lon, lat=lat)
            if accuracy is not None:
                text += self.tr("（误差约 {m:.0f} 米）").format(m=accuracy)
            self.position_label.setText(text)
        self.position_label.setVisible(self.filled_at is not None)
        outer.addWidget(self.position_label)

        if self.definition is None:
            self.title_label.setText(self.enterprise_name or self.tr("走访记录"))
            self._set_banner(self.load_error, error=True)
            self.undo_button.setVisible(False)
            self.redo_button.setVisible(False)
            outer.addStretch(1)
            self.status_label = QLabel()
            self.edit_button = QPushButton()
            self.submit_button = QPushButton()
            self.discard_button = QPushButton()
            self.footer = QHBoxLayout()
            outer.addLayout(self.footer)
            return

        definition = self.definition
        self.title_label.setText(f"{definition.title} — {self.enterprise_name}")
        self.setWindowTitle(definition.title)

        self.scroll_area = QScrollArea()
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        page = QWidget()
        page_layout = QVBoxLayout(page)
        if definition.description:
            intro = QLabel(definition.description)
            intro.setWordWrap(True)
            intro.setStyleSheet("color: #555;")
            page_layout.addWidget(intro)
        for section in definition.sections:
            box = QGroupBox(section.title)
            form = QFormLayout(box)
            form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
            form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
            if section.description:
                note = QLabel(section.description)
                note.setWordWrap(True)
                form.addRow(note)
            for f in section.fields:
                widget = make_field(f, self)
                widget.setObjectName(f"field_{f.id}")
                label = QLabel(f.label + (' <span style="color:#c0392b">*</span>' if f.required else ""))
                label.setTextFormat(Qt.TextFormat.RichText)
                label.setBuddy(widget.focus_target())
                form.addRow(label, widget)
                widget.set_value(self.answers.get(f.id))
                widget.edited.connect(lambda value, fid=f.id: self._on_edited(fid, value))
                self.fields[f.id] = widget
                self._rows[f.id] = (form, box)
                if f.enterprise_field and self._enterprise_values.get(f.enterprise_field) is not None:
                    known = self._enterprise_values[f.enterprise_field]
                    hint = self.tr("档案记录：{value}").format(value=known)
                    widget.help_label.setText((f.help + "　" if f.help else "") + hint)
                    widget.help_label.setVisible(True)
            page_layout.addWidget(box)
        page_layout.addStretch(1)
        labels = [form.labelForField(w) for w, (form, _b) in ((self.fields[k], v) for k, v in self._rows.items())]
        width = max((lbl.sizeHint().width() for lbl in labels if lbl is not None), default=0)
        for lbl in labels:
            if lbl is not None:
                lbl.setMinimumWidth(width)
        self.scroll_area.setWidget(page)
        outer.addWidget(self.scroll_area, 1)

        footer = self.footer = QHBoxLayout()
        self.status_label = QLabel()
        self.status_label.setStyleSheet("color: #555;")
        footer.addWidget(self.status_label, 1)
        self.discard_button = QPushButton(self.tr("放弃草稿"))
        self.discard_button.setAutoDefault(False)
        self.discard_button.setToolTip(self.tr("删除这份尚未提交的走访记录"))
        self.discard_button.clicked.connect(self.discard)
        footer.addWidget(self.discard_button)
        self.edit_button = QPushButton(self.tr("修改"))
        self.edit_button.clicked.connect(lambda: self.set_read_only(False))
        footer.addWidget(self.edit_button)
        self.submit_button = QPushButton(self.tr("提交 (Ctrl+Enter)"))
        self.submit_button.setAutoDefault(False)
        self.edit_button.setAutoDefault(False)
        self.submit_button.clicked.connect(self.submit)
        footer.addWidget(self.submit_button)
        outer.addLayout(footer)

        undo = self.undo_stack.createUndoAction(self, self.tr("撤销"))
        undo.setShortcuts([QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_Z)])
        redo = self.undo_stack.createRedoAction(self, self.tr("重做"))
        redo.setShortcuts(
            [
                QKeySequence(Qt.Modifier.CTRL | Qt.Modifier.SHIFT | Qt.Key.Key_Z),
                QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_Y),
            ]
        )
        for action in (undo, redo):
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.addAction(action)
        self.undo_action: QAction = undo
        self.redo_action: QAction = redo
        self.undo_button.setText(self.tr("撤销"))
        self.redo_button.setText(self.tr("重做"))
        self.undo_button.clicked.connect(self.undo_stack.undo)
        self.redo_button.clicked.connect(self.undo_stack.redo)
        self.undo_stack.canUndoChanged.connect(self.undo_button.setEnabled)
        self.undo_stack.canRedoChanged.connect(self.redo_button.setEnabled)
        # Bound methods, not lambdas: Qt drops them with the editor, before the stack's last signals.
        self.undo_stack.undoTextChanged.connect(self._undo_tip)
        self.undo_stack.redoTextChanged.connect(self._redo_tip)
        self.undo_button.setEnabled(False)
        self.redo_button.setEnabled(False)
        for keys in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            shortcut = QShortcut(QKeySequence(Qt.Modifier.CTRL | keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(self.submit)
        self._update_visibility()
        self._update_status()

    def _undo_tip(self, what: str) -> None:
        self.undo_button.setToolTip(self.tr("撤销：{what} (Ctrl+Z)").format(what=what) if what else "")

    def _redo_tip(self, what: str) -> None:
        self.redo_button.setToolTip(self.tr("重做：{what} (Ctrl+Shift+Z)").format(what=what) if what else "")

    # Editing -----------------------------------------------------------------------------------
    def _on_edited(self, field_id: str, value: Any) -> None:
        if self.read_only:
            return
        old = self.answers.get(field_id)
        if _same_answer(old, value):
            return
        self.undo_stack.push(FieldEdit(self, field_id, old, value, self.fields[field_id].mergeable))

    def apply_answer(self, field_id: str, value: Any, *, to_widget: bool) -> None:
        """Sets an answer (from the user, undo or redo), then everything that depends on it."""
        if formkit.is_empty(value):
            self.answers.pop(field_id, None)
        else:
            self.answers[field_id] = value
        widget = self.fields[field_id]
        if to_widget:
            widget.set_value(value)
        self._update_visibility()
        if to_widget and widget.isVisibleTo(self):
            self.scroll_area.ensureWidgetVisible(widget)
            widget.focus_target().setFocus(Qt.FocusReason.OtherFocusReason)
        if self._show_errors:
            self._show_problems(formkit.validate(self._definition(), self.answers, formkit.Mode.SUBMIT), focus=False)
        self.dirty = True
        self.autosave_timer.start()
        self._update_status()

    def _definition(self) -> FormDefinition:
        assert self.definition is not None
        return self.definition

    def _update_visibility(self) -> None:
        shown = formkit.visible_fields(self._definition(), self.answers)
        boxes: dict[int, tuple[QGroupBox, bool]] = {}
        for field_id, (form, box) in self._rows.items():
            visible = field_id in shown
            form.setRowVisible(self.fields[field_id], visible)
            seen = boxes.get(id(box), (box, False))
            boxes[id(box)] = (box, seen[1] or visible)
        for box, any_visible in boxes.values():
            box.setVisible(any_visible)

    def is_field_shown(self, field_id: str) -> bool:
        return field_id in formkit.visible_fields(self._definition(), self.answers) and self.fields[
            field_id
        ].isVisibleTo(self)

    def set_read_only(self, read_only: bool) -> None:
        if self.definition is None:
            return
        self.read_only = read_only
        for widget in self.fields.values():
            widget.set_read_only(read_only)
        self.undo_button.setVisible(not read_only)
        self.redo_button.setVisible(not read_only)
        self.edit_button.setVisible(read_only)
        self.submit_button.setVisible(not read_only)
        if not read_only and self.status == STATUS_SUBMITTED:
            self._set_banner(self.tr("正在修改已提交的走访记录；修改后请重新提交。"), error=False)
        self._update_status()

    def _update_status(self) -> None:
        if self.definition is None:
            return
        self.discard_button.setVisible(
            not self.read_only and self.status == STATUS_DRAFT and (self.exists or self.dirty)
        )
        if self.status == STATUS_SUBMITTED and not self.dirty:
            text = self.tr("已提交")
        elif self.dirty:
            text = self.tr("草稿 · 有未保存的修改")
        elif self.exists:
            text = self.tr("草稿 · 已自动保存")
        else:
            text = self.tr("新走访记录")
        self.status_label.setText(f"{text}　（{self.definition.title}）")

    def _set_banner(self, text: str, *, error: bool) -> None:
        color = "#fdecea; color: #8e1b10; border: 1px solid #f5c6c1" if error else "#eef5fd; color: #1b4f8e"
        self.banner.setStyleSheet(f"background: {color}; padding: 6px; border-radius: 3px;")
        self.banner.setText(text)
        self.banner.setVisible(bool(text))

    # Attachments (AttachmentHost) ----------------------------------------------------------------
    def store_image(self, field: FieldDef, data: bytes, filename: str, mime: str, kind: str) -> dict[str, Any]:
        with self.ctx.db.write() as session:
            row = attachments.add(
                session,
                self.ctx.paths.blobs,
                owner_table="visit",
                owner_id=self.visit_id,
                data=data,
                mime=mime,
                filename=filename,
                kind=kind,
                field_id=field.id,
                grid_id=self.grid_id,
                actor=self.ctx.user.actor,
            )
            item = {"attachment": row.id, "sha256": row.sha256, "name": filename}
        self.ctx.notify("attachment")
        return item

    def image_bytes(self, sha256: str) -> bytes | None:
        if not sha256:
            return None
        try:
            return blobs.read_bytes(self.ctx.paths.blobs, sha256)
        except OSError:
            return None  # not downloaded on this device yet

    # Saving ------------------------------------------------------------------------------------
    def _referenced_attachments(self, answers: dict[str, Any]) -> list[str]:
        found: list[str] = []
        for f in self._definition().iter_fields():
            value = answers.get(f.id)
            if f.type is FieldType.PHOTO and isinstance(value, list):
                found.extend(str(v.get("attachment")) for v in value if isinstance(v, dict))
            elif f.type is FieldType.SIGNATURE and isinstance(value, dict):
                found.append(str(value.get("attachment")))
        return found

    def _write(self, status: str, answers: dict[str, Any]) -> None:
        definition = self._definition()
        visit_date = formkit.date_answer(definition, answers) or self._stored_date or dt.date.today()
        with self.ctx.db.write() as session:
            visits.save_draft(
                session,
                visit_id=self.visit_id,
                enterprise_id=self.enterprise_id,
                form_id=definition.id,
                form_version=definition.version,
                answers=answers,
                visit_date=visit_date,
                inspector_id=self.ctx.user.inspector_id,
                summary=formkit.summary_line(definition, answers),
                actor=self.ctx.user.actor,
                status=status,
            )
            attachments.reconcile(session, "visit", self.visit_id, self._referenced_attachments(answers), self.ctx.user.actor)
        self.exists = True
        self.status = status
        self._stored_date = visit_date
        self.dirty = False
        self.ctx.notify("visit")
        self.saved.emit(self.visit_id)

    def save_draft(self) -> bool:
        """Writes the answers as they are (a draft may be incomplete). False only if the write failed."""
        self.autosave_timer.stop()
        if self.definition is None or not self.dirty:
            return True
        command = self.undo_stack.command(self.undo_stack.index() - 1)
        if isinstance(command, FieldEdit):
            command.sealed = True
        try:
            self._write(STATUS_DRAFT, dict(self.answers))
        except Exception as exc:  # a full disk or locked file must not lose the form: keep it dirty
            log.exception("autosave of visit %s failed", self.visit_id)
            self._set_banner(self.tr("草稿未能保存：{error}").format(error=exc), error=True)
            return False
        self._update_status()
        return True

    def discard(self) -> bool:
        """Deletes a draft (a tombstone, with its photos) after the user confirms."""
        if self.definition is None or self.read_only or self.status != STATUS_DRAFT:
            return False
        answer = QMessageBox.question(
            self,
            self.tr("放弃草稿"),
            self.tr("确定放弃这份走访记录草稿吗？已填写的内容和照片将被删除。"),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return False
        self.autosave_timer.stop()
        with self.ctx.db.write() as session:
            visit = visits.get(session, self.visit_id)
            if visit is not None:
                changes.delete(session, visit, self.ctx.user.actor)
            attachments.reconcile(session, "visit", self.visit_id, [], self.ctx.user.actor)
        self.is_discarded = True
        self.dirty = False
        self.set_read_only(True)
        self.edit_button.setVisible(False)
        self.ctx.notify("visit")
        self.discarded.emit(self.visit_id)
        return True

    def flush(self) -> None:
        """Unconfirmed input (a signature being drawn) is kept too; used on close, quit and crash."""
        if self.definition is None or self.read_only or self.is_discarded:
            return
        for widget in self.fields.values():
            widget.commit_pending()
        self.save_draft()

    def _show_problems(self, problems: formkit.Problems, *, focus: bool) -> None:
        for field_id, widget in self.fields.items():
            found = problems.get(field_id)
            widget.set_error(found[0].message if found else "")
        if not problems:
            self._set_banner("", error=False)
            return
        self._set_banner(formkit.first_sentence(self._definition(), problems), error=True)
        if focus:
            first = next(iter(problems))
            widget = self.fields[first]
            self.scroll_area.ensureWidgetVisible(widget)
            widget.focus_target().setFocus(Qt.FocusReason.OtherFocusReason)

    def submit(self) -> bool:
        """Checks every shown field; on success stores the visit as submitted (hidden answers dropped)
        and offers to carry answers such as the headcount over to the enterprise file."""
        if self.definition is None or self.read_only:
            return False
        for widget in self.fields.values():
            widget.commit_pending()
        kept, problems = formkit.submit(self.definition, self.answers)
        if problems:
            self._show_errors = True
            self._show_problems(problems, focus=True)
            self.save_draft()  # what was typed is kept even though it cannot be submitted yet
            return False
        updates = self._enterprise_updates(kept)
        try:
            self._write(STATUS_SUBMITTED, kept)
        except Exception as exc:
            log.exception("submit of visit %s failed", self.visit_id)
            self._set_banner(self.tr("走访记录未能提交：{error}").format(error=exc), error=True)
            return False
        for field_id in list(self.answers):
            if field_id not in kept and field_id in self.fields:
                self.fields[field_id].set_value(None)
        self.answers = dict(kept)
        self._show_errors = False
        self._show_problems({}, focus=False)
        self.undo_stack.clear()
        if updates:
            self._update_enterprise(updates)
        self.set_read_only(True)
        self._set_banner("", error=False)
        self.submitted.emit(self.visit_id)
        return True

    def _enterprise_updates(self, kept: dict[str, Any]) -> dict[str, Any]:
        """Answers that differ from the enterprise file and that the user agreed to copy over."""
        agreed: dict[str, Any] = {}
        for f in self._definition().iter_fields():
            if not f.enterprise_field or f.id not in kept:
                continue
            new = kept[f.id]
            if isinstance(new, float) and new.is_integer():
                new = int(new)
            old = self._enterprise_values.get(f.enterprise_field)
            if old == new:
                continue
            text = self.tr("本次走访的“{label}”为 {new}，企业档案中为 {old}。是否同时更新企业档案？").format(
                label=f.label, new=new, old=self.tr("未填写") if old is None else old
            )
            answer = QMessageBox.question(
                self,
                self.tr("更新企业档案"),
                text,
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.Yes,
            )
            if answer == QMessageBox.StandardButton.Yes:
                agreed[f.enterprise_field] = new
        return agreed

    def _update_enterprise(self, values: dict[str, Any]) -> None:
        try:
            with self.ctx.db.write() as session:
                enterprise = enterprises.get(session, self.enterprise_id)
                if enterprise is None:
                    return
                enterprises.update(session, enterprise, values, self.ctx.user.actor)
                self._enterprise_values = enterprise.model_dump()
        except ValidationError as exc:
            QMessageBox.warning(self, self.tr("企业档案未更新"), str(exc))
            return
        self.ctx.notify("enterprise")


def _same_answer(a: Any, b: Any) -> bool:
    if formkit.is_empty(a) and formkit.is_empty(b):
        return True
    return type(a) is type(b) and bool(a == b)


class VisitDialog(QDialog):
    """A visit of one enterprise, new (visit_id None) or reopened. Closing saves the draft."""

    def __init__(
        self,
        ctx: AppContext,
        enterprise_id: str,
        visit_id: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.editor = VisitEditor(ctx, enterprise_id, visit_id, self)
        self.setWindowTitle(self.tr("走访记录 — {name}").format(name=self.editor.enterprise_name))
        layout = QVBoxLayout(self)
        layout.addWidget(self.editor, 1)
        self.close_button = QPushButton(self.tr("关闭"))
        self.close_button.setAutoDefault(False)
        self.close_button.setToolTip(self.tr("关闭时自动保存草稿"))
        self.close_button.clicked.connect(self.reject)
        self.editor.footer.addWidget(self.close_button)
        self.editor.submitted.connect(self._on_submitted)
        self.editor.discarded.connect(lambda _vid: self.reject())
        fit_to_screen(self, 840, 780)

    @property
    def visit_id(self) -> str:
        return self.editor.visit_id

    def _on_submitted(self, visit_id: str) -> None:
        """A visit that found problems goes on to its matters: one per problem category, offered right
        away, registered only if the user says so."""
        from app.ui.guided import offer_matters

        self.accept()
        self.matters_dialog = offer_matters(self.ctx, visit_id, self.parentWidget())

    def done(self, result: int) -> None:
        self.editor.flush()
        super().done(result)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.editor.flush()
        super().closeEvent(event)

"""One input widget per form field type. Each reports user edits through `edited` and shows a value
set by the editor (loading, undo, redo) without reporting it back, so the editor's undo stack is the
single history of the form."""

from __future__ import annotations

import mimetypes
from pathlib import Path
from typing import Any, Protocol

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QDate,
    QEvent,
    QIODevice,
    QObject,
    QRegularExpression,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QIcon,
    QImage,
    QImageReader,
    QKeyEvent,
    QKeySequence,
    QPixmap,
    QRegularExpressionValidator,
)
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.formkit import FieldDef, FieldType
from app.ui.widgets.signature_pad import SignaturePad

THUMB = QSize(96, 96)
MAX_PHOTO_BYTES = 40 * 1024 * 1024
EMPTY_DATE = QDate(1900, 1, 1)
IMAGE_PATTERNS = "*.jpg *.jpeg *.png *.bmp *.gif *.webp *.tif *.tiff"


class AttachmentHost(Protocol):
    """What photo and signature fields need from the editor: somewhere to keep bytes."""

    def store_image(self, field: FieldDef, data: bytes, filename: str, mime: str, kind: str) -> dict[str, Any]: ...

    def image_bytes(self, sha256: str) -> bytes | None: ...


class _KeepFormShortcuts(QObject):
    """Text inputs claim Ctrl+Z and Ctrl+Enter for themselves; the form's undo and submit must win, or
    undo would only ever reach inside one box."""

    KEYS = (
        QKeySequence.StandardKey.Undo,
        QKeySequence.StandardKey.Redo,
    )

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent):
            if any(event.matches(key) for key in self.KEYS):
                return True
            combo = event.keyCombination()
            ctrl = bool(combo.keyboardModifiers() & Qt.KeyboardModifier.ControlModifier)
            if ctrl and combo.key() in (Qt.Key.Key_Z, Qt.Key.Key_Y, Qt.Key.Key_Return, Qt.Key.Key_Enter):
                return True
        return False


_FILTER: _KeepFormShortcuts | None = None


def keep_form_shortcuts(widget: QWidget) -> None:
    global _FILTER
    if _FILTER is None:
        _FILTER = _KeepFormShortcuts()
    widget.installEventFilter(_FILTER)


class FieldWidget(QWidget):
    """Input plus help text and an inline error line under it."""

    edited = Signal(object)  # the new value, made by the user
    mergeable = False  # consecutive edits of this field fold into one undo step (typing)

    def __init__(self, field: FieldDef, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.field = field
        self._setting = False
        self._read_only = False
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(2)
        self.body = QHBoxLayout()
        self.body.setContentsMargins(0, 0, 0, 0)
        outer.addLayout(self.body)
        self.help_label = QLabel(field.help)
        self.help_label.setWordWrap(True)
        self.help_label.setStyleSheet("color: #6b6b6b; font-size: 11px;")
        self.help_label.setVisible(bool(field.help))
        outer.addWidget(self.help_label)
        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setObjectName("fieldError")
        self.error_label.setStyleSheet("color: #c0392b;")
        self.error_label.setVisible(False)
        outer.addWidget(self.error_label)

    # The editor calls these -------------------------------------------------------------------
    def value(self) -> Any:
        raise NotImplementedError

    def set_value(self, value: Any) -> None:
        self._setting = True
        try:
            self._show(value)
        finally:
            self._setting = False

    def _show(self, value: Any) -> None:
        raise NotImplementedError

    def set_read_only(self, read_only: bool) -> None:
        self._read_only = read_only

    def focus_target(self) -> QWidget:
        return self

    def set_error(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.setVisible(bool(message))

    @property
    def error(self) -> str:
        return self.error_label.text() if self.error_label.isVisibleTo(self) else ""

    def commit_pending(self) -> None:
        """Input held back from `edited` (an unconfirmed signature) is reported now."""

    def _emit(self, value: Any) -> None:
        if not self._setting:
            self.edited.emit(value)


class TextField(FieldWidget):
    mergeable = True

    def __init__(self, field: FieldDef, parent: QWidget | None = None) -> None:
        super().__init__(field, parent)
        self.edit = QLineEdit()
        self.edit.setPlaceholderText(field.placeholder)
        if field.max_length:
            self.edit.setMaxLength(field.max_length)
        keep_form_shortcuts(self.edit)
        self.edit.textEdited.connect(self._emit)
        self.body.addWidget(self.edit)

    def value(self) -> Any:
        return self.edit.text()

    def _show(self, value: Any) -> None:
        self.edit.setText("" if value is None else str(value))

    def set_read_only(self, read_only: bool) -> None:
        super().set_read_only(read_only)
        self.edit.setReadOnly(read_only)

    def focus_target(self) -> QWidget:
        return self.edit


class LongTextField(FieldWidget):
    mergeable = True

    def __init__(self, field: FieldDef, parent: QWidget | None = None) -> None:
        super().__init__(field, parent)
        self.edit = QPlainTextEdit()
        self.edit.setPlaceholderText(field.placeholder)
        self.edit.setUndoRedoEnabled(False)
        self.edit.setTabChangesFocus(True)
        self.edit.setFixedHeight(self.edit.fontMetrics().lineSpacing() * 4 + 12)
        keep_form_shortcuts(self.edit)
        self.edit.textChanged.connect(lambda: self._emit(self.edit.toPlainText()))
        self.body.addWidget(self.edit)

    def value(self) -> Any:
        return self.edit.toPlainText()

    def _show(self, value: Any) -> None:
        text = "" if value is None else str(value)
        if text != self.edit.toPlainText():
            self.edit.setPlainText(text)
            cursor = self.edit.textCursor()
            cursor.movePosition(cursor.MoveOperation.End)
            self.edit.setTextCursor(cursor)

    def set_read_only(self, read_only: bool) -> None:
        super().set_read_only(read_only)
        self.edit.setReadOnly(read_only)

    def focus_target(self) -> QWidget:
        return self.edit


class NumberField(FieldWidget):
    """A line edit rather than a spin box: an unanswered number must stay empty, not read 0."""

    mergeable = True

    def __init__(self, field: FieldDef, parent: QWidget | None = None) -> None:
        super().__init__(field, parent)
        self.edit = QLineEdit()
        self.edit.setMaximumWidth(160)
        self.edit.setPlaceholderText(field.placeholder)
        pattern = r"-?\d{0,12}" if field.decimals == 0 else rf"-?\d{{0,12}}(\.\d{{0,{field.decimals}}})?"
        self.edit.setValidator(QRegularExpressionValidator(QRegularExpression(pattern), self.edit))
        self.edit.setAlignment(Qt.AlignmentFlag.AlignRight)
        keep_form_shortcuts(self.edit)
        self.edit.textEdited.connect(lambda text: self._emit(self.parse(text)))
        self.body.addWidget(self.edit)
        self.body.addStretch(1)

    @staticmethod
    def parse(text: str) -> int | float | None:
        text = text.strip()
        if text in ("", "-", ".", "-."):
            return None
        try:
            return int(text)
        except ValueError:
            return float(text)

    def value(self) -> Any:
        return self.parse(self.edit.text())

    def _show(self, value: Any) -> None:
        if value is None:
            self.edit.setText("")
        elif isinstance(value, float) and value.is_integer() and self.field.decimals == 0:
            self.edit.setText(str(int(value)))
        else:
            self.edit.setText(str(value))

    def set_read_only(self, read_only: bool) -> None:
        super().set_read_only(read_only)
        self.edit.setReadOnly(read_only)

    def focus_target(self) -> QWidget:
        return self.edit


class DateField(FieldWidget):
    mergeable = True  # each typed date segment is an edit; one undo step takes back the date

    def __init__(self, field: FieldDef, parent: QWidget | None = None) -> None:
        super().__init__(field, parent)
        self.edit = QDateEdit()
        self.edit.setCalendarPopup(True)
        self.edit.setDisplayFormat("yyyy-MM-dd")
        self.edit.setMinimumDate(EMPTY_DATE)
        self.edit.setSpecialValueText(self.tr("未填写"))
        self.edit.setDate(EMPTY_DATE)
        self.edit.setMaximumWidth(160)
        keep_form_shortcuts(self.edit)
        self.edit.dateChanged.connect(lambda _d: self._emit(self.value()))
        self.body.addWidget(self.edit)
        self.body.addStretch(1)

    def value(self) -> Any:
        date = self.edit.date()
        return None if date == EMPTY_DATE else date.toString("yyyy-MM-dd")

    def _show(self, value: Any) -> None:
        date = QDate.fromString(value, "yyyy-MM-dd") if isinstance(value, str) else QDate()
        self.edit.setDate(date if date.isValid() else EMPTY_DATE)

    def set_read_only(self, read_only: bool) -> None:
        super().set_read_only(read_only)
        self.edit.setReadOnly(read_only)
        self.edit.setCalendarPopup(not read_only)

    def focus_target(self) -> QWidget:
        return self.edit


class ChoiceField(FieldWidget):
    def __init__(self, field: FieldDef, parent: QWidget | None = None) -> None:
        super().__init__(field, parent)
        self.combo = QComboBox()
        self.combo.addItem(self.tr("— 请选择 —"), None)
        for option in field.options:
            self.combo.addItem(option, option)
        self.combo.currentIndexChanged.connect(lambda _i: self._emit(self.value()))
        self.body.addWidget(self.combo)
        self.body.addStretch(1)

    def value(self) -> Any:
        return self.combo.currentData()

    def _show(self, value: Any) -> None:
        index = self.combo.findData(value) if value is not None else 0
        if index < 0:  # an answer this version no longer offers is still shown, not lost
            self.combo.addItem(str(value), value)
            index = self.combo.count() - 1
        self.combo.setCurrentIndex(index)

    def set_read_only(self, read_only: bool) -> None:
        super().set_read_only(read_only)
        self.combo.setEnabled(not read_only)

    def focus_target(self) -> QWidget:
        return self.combo


class MultiChoiceField(FieldWidget):
    COLUMNS = 3

    def __init__(self, field: FieldDef, parent: QWidget | None = None) -> None:
        super().__init__(field, parent)
        grid = QGridLayout()
        grid.setContentsMargins(0, 0, 0, 0)
        self.boxes: dict[str, QCheckBox] = {}
        for i, option in enumerate(field.options):
            box = QCheckBox(option)
            box.toggled.connect(lambda _checked: self._emit(self.value()))
            grid.addWidget(box, i // self.COLUMNS, i % self.COLUMNS)
            self.boxes[option] = box
        self.body.addLayout(grid)
        self.body.addStretch(1)

    def value(self) -> Any:
        return [option for option, box in self.boxes.items() if box.isChecked()]

    def _show(self, value: Any) -> None:
        chosen = set(value) if isinstance(value, list) else set()
        for option, box in self.boxes.items():
            box.setChecked(option in chosen)

    def set_read_only(self, read_only: bool) -> None:
        super().set_read_only(read_only)
        for box in self.boxes.values():
            box.setEnabled(not read_only)

    def focus_target(self) -> QWidget:
        return next(iter(self.boxes.values()))


class YesNoField(FieldWidget):
    def __init__(self, field: FieldDef, parent: QWidget | None = None) -> None:
        super().__init__(field, parent)
        self.yes = QRadioButton(self.tr("是"))
        self.no = QRadioButton(self.tr("否"))
        self.group = QButtonGroup(self)
        self.group.addButton(self.yes)
        self.group.addButton(self.no)
        self.yes.clicked.connect(lambda: self._emit(True))
        self.no.clicked.connect(lambda: self._emit(False))
        self.body.addWidget(self.yes)
        self.body.addWidget(self.no)
        self.body.addStretch(1)

    def value(self) -> Any:
        if self.yes.isChecked():
            return True
        if self.no.isChecked():
            return False
        return None

    def _show(self, value: Any) -> None:
        self.group.setExclusive(False)
        self.yes.setChecked(value is True)
        self.no.setChecked(value is False)
        self.group.setExclusive(True)

    def set_read_only(self, read_only: bool) -> None:
        super().set_read_only(read_only)
        self.yes.setEnabled(not read_only)
        self.no.setEnabled(not read_only)

    def focus_target(self) -> QWidget:
        return self.yes


def thumbnail(data: bytes | None, size: QSize = THUMB) -> QPixmap:
    """Decodes at thumbnail size (fast even for large camera JPEGs), honouring EXIF rotation."""
    if data:
        buffer = QBuffer()
        buffer.setData(QByteArray(data))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        reader = QImageReader(buffer)
        reader.setAutoTransform(True)
        full = reader.size()
        if full.isValid():
            reader.setScaledSize(full.scaled(size, Qt.AspectRatioMode.KeepAspectRatio))
        image = reader.read()
        if not image.isNull():
            return QPixmap.fromImage(image)
    placeholder = QPixmap(size)
    placeholder.fill(Qt.GlobalColor.lightGray)
    return placeholder


class PhotoField(FieldWidget):
    def __init__(self, field: FieldDef, host: AttachmentHost, parent: QWidget | None = None) -> None:
        super().__init__(field, parent)
        self.host = host
        self._items: list[dict[str, Any]] = []
        column = QVBoxLayout()
        self.list = QListWidget()
        self.list.setViewMode(QListView.ViewMode.IconMode)
        self.list.setIconSize(THUMB)
        self.list.setGridSize(QSize(THUMB.width() + 16, THUMB.height() + 28))
        self.list.setResizeMode(QListView.ResizeMode.Adjust)
        self.list.setMovement(QListView.Movement.Static)
        self.list.setWrapping(True)
        self.list.setFixedHeight(THUMB.height() + 44)
        self.list.setSelectionMode(QListWidget.SelectionMode.ExtendedSelection)
        self.list.itemDoubleClicked.connect(self._preview)
        column.addWidget(self.list)
        buttons = QHBoxLayout()
        self.add_button = QPushButton(self.tr("添加照片…"))
        self.add_button.setAutoDefault(False)
        self.add_button.clicked.connect(self.choose_files)
        self.remove_button = QPushButton(self.tr("移除所选"))
        self.remove_button.setAutoDefault(False)
        self.remove_button.clicked.connect(self.remove_selected)
        self.count_label = QLabel()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addWidget(self.count_label)
        buttons.addStretch(1)
        column.addLayout(buttons)
        self.body.addLayout(column)
        self._refresh()

    def value(self) -> Any:
        return [dict(item) for item in self._items]

    def _show(self, value: Any) -> None:
        self._items = [dict(v) for v in value] if isinstance(value, list) else []
        self._refresh()

    def _refresh(self) -> None:
        self.list.clear()
        for item in self._items:
            entry = QListWidgetItem(QIcon(thumbnail(self.host.image_bytes(item.get("sha256", "")))), item.get("name", ""))
            entry.setToolTip(item.get("name", ""))
            self.list.addItem(entry)
        limit = f" / {self.field.max_count}" if self.field.max_count else ""
        self.count_label.setText(self.tr("{n} 张").format(n=len(self._items)) + limit)
        full = self.field.max_count is not None and len(self._items) >= self.field.max_count
        self.add_button.setEnabled(not self._read_only and not full)
        self.remove_button.setVisible(not self._read_only)

    def choose_files(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(
            self, self.tr("选择照片"), "", self.tr("图片") + f" ({IMAGE_PATTERNS})"
        )
        if paths:
            self.add_files([Path(p) for p in paths])

    def add_files(self, paths: list[Path]) -> None:
        """Stores each readable image and reports one edit for all of them; a file that is not an
        image is named in the field's error line and skipped."""
        added: list[dict[str, Any]] = []
        problems: list[str] = []
        room = (self.field.max_count - len(self._items)) if self.field.max_count else len(paths)
        for path in paths:
            if len(added) >= room:
                problems.append(self.tr("最多 {n} 张，其余未添加").format(n=self.field.max_count))
                break
            try:
                data = path.read_bytes()
            except OSError as exc:
                problems.append(self.tr("无法读取 {name}：{err}").format(name=path.name, err=exc.strerror or exc))
                continue
            if len(data) > MAX_PHOTO_BYTES or QImage.fromData(data).isNull():
                problems.append(self.tr("{name} 不是可识别的图片").format(name=path.name))
                continue
            mime = mimetypes.guess_type(path.name)[0] or "image/jpeg"
            stored = self.host.store_image(self.field, data, path.name, mime, "photo")
            added.append(stored)
        self.set_error("；".join(problems))
        if added:
            self._items.extend(added)
            self._refresh()
            self._emit(self.value())

    def remove_selected(self) -> None:
        rows = sorted({self.list.row(i) for i in self.list.selectedItems()}, reverse=True)
        if rows:
            self.remove_rows(rows)

    def remove_rows(self, rows: list[int]) -> None:
        for row in sorted(set(rows), reverse=True):
            if 0 <= row < len(self._items):
                del self._items[row]
        self._refresh()
        self._emit(self.value())

    def _preview(self, entry: QListWidgetItem) -> None:
        row = self.list.row(entry)
        data = self.host.image_bytes(self._items[row].get("sha256", "")) if 0 <= row < len(self._items) else None
        dialog = QDialog(self)
        dialog.setWindowTitle(entry.text() or self.field.label)
        label = QLabel()
        label.setPixmap(thumbnail(data, QSize(1200, 900)))
        area = QScrollArea()
        area.setWidget(label)
        layout = QVBoxLayout(dialog)
        layout.addWidget(area)
        dialog.resize(900, 700)
        dialog.exec()

    def set_read_only(self, read_only: bool) -> None:
        super().set_read_only(read_only)
        self._refresh()

    def focus_target(self) -> QWidget:
        return self.add_button if self.add_button.isEnabled() else self.list


class SignatureField(FieldWidget):
    """Strokes stay on the pad until confirmed (or the form saves), so a signature becomes one stored
    PNG, not one per stroke."""

    def __init__(self, field: FieldDef, host: AttachmentHost, parent: QWidget | None = None) -> None:
        super().__init__(field, parent)
        self.host = host
        self._value: dict[str, Any] | None = None
        column = QVBoxLayout()
        self.pad = SignaturePad()
        self.pad.stroke_finished.connect(self._on_stroke)
        column.addWidget(self.pad)
        buttons = QHBoxLayout()
        self.confirm_button = QPushButton(self.tr("确认签名"))
        self.confirm_button.setAutoDefault(False)
        self.confirm_button.clicked.connect(self.commit_pending)
        self.clear_button = QPushButton(self.tr("清除"))
        self.clear_button.setAutoDefault(False)
        self.clear_button.clicked.connect(self.clear)
        self.state_label = QLabel()
        buttons.addWidget(self.confirm_button)
        buttons.addWidget(self.clear_button)
        buttons.addWidget(self.state_label)
        buttons.addStretch(1)
        column.addLayout(buttons)
        self.body.addLayout(column)
        self.body.addStretch(1)
        self._refresh()

    def value(self) -> Any:
        return dict(self._value) if self._value else None

    def _show(self, value: Any) -> None:
        self._value = dict(value) if isinstance(value, dict) else None
        self.pad.load_png(self.host.image_bytes(self._value["sha256"]) if self._value else None)
        self._refresh()

    def _on_stroke(self) -> None:
        self._refresh()

    def _refresh(self) -> None:
        if self.pad.has_pending_strokes:
            self.state_label.setText(self.tr("签名未确认"))
        elif self._value:
            self.state_label.setText(self.tr("已签名"))
        else:
            self.state_label.setText(self.tr("未签名"))
        self.confirm_button.setVisible(not self._read_only)
        self.clear_button.setVisible(not self._read_only)
        self.confirm_button.setEnabled(self.pad.has_pending_strokes)

    def commit_pending(self) -> None:
        if not self.pad.has_pending_strokes or self._read_only:
            return
        stored = self.host.store_image(self.field, self.pad.to_png(), "signature.png", "image/png", "signature")
        self.pad.mark_saved()
        self._value = stored
        self._refresh()
        self._emit(self.value())

    def clear(self) -> None:
        had_value = self._value is not None
        self.pad.clear()
        self._value = None
        self._refresh()
        if had_value:
            self._emit(None)

    def set_read_only(self, read_only: bool) -> None:
        super().set_read_only(read_only)
        self.pad.set_read_only(read_only)
        self._refresh()

    def focus_target(self) -> QWidget:
        return self.pad


def make_field(field: FieldDef, host: AttachmentHost, parent: QWidget | None = None) -> FieldWidget:
    simple: dict[FieldType, type[FieldWidget]] = {
        FieldType.TEXT: TextField,
        FieldType.LONGTEXT: LongTextField,
        FieldType.NUMBER: NumberField,
        FieldType.DATE: DateField,
        FieldType.CHOICE: ChoiceField,
        FieldType.MULTICHOICE: MultiChoiceField,
        FieldType.YESNO: YesNoField,
    }
    if field.type is FieldType.PHOTO:
        return PhotoField(field, host, parent)
    if field.type is FieldType.SIGNATURE:
        return SignatureField(field, host, parent)
    return simple[field.type](field, parent)

"""The small forms of the legislative contact point: a consultation, a network entry, tasks to send, a
task's return, a meeting, a suggestion, sending and the congress's decision, and a questionnaire
filled from its definition."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.formkit.definition import FieldDef, FormDefinition
from app.ui.widgets.dates import date_edit, pydate
from app.ui.widgets.form_fields import FieldWidget, make_field
from app.ui.widgets.screen_fit import fit_to_screen


class _FormDialog(QDialog):
    """A titled form with OK/Cancel; subclasses add rows to `form`."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        layout = QVBoxLayout(self)
        self.form = QFormLayout()
        layout.addLayout(self.form)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)


class ConsultationDialog(_FormDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("新建征询"), parent)
        self.title = QLineEdit()
        self.title.setMaxLength(200)
        self.title.setPlaceholderText(self.tr("例如：某市新就业形态劳动者权益保障条例（草案）"))
        self.issuing_body = QLineEdit()
        self.issuing_body.setMaxLength(200)
        self.received_on = date_edit()
        self.deadline = date_edit(dt.date.today() + dt.timedelta(days=30))
        self.contact = QLineEdit()
        self.contact.setMaxLength(100)
        self.form.addRow(self.tr("草案名称"), self.title)
        self.form.addRow(self.tr("征询机关"), self.issuing_body)
        self.form.addRow(self.tr("收到日期"), self.received_on)
        self.form.addRow(self.tr("反馈截止"), self.deadline)
        self.form.addRow(self.tr("联系人"), self.contact)
        fit_to_screen(self, 560, 300)

    def values(self) -> dict[str, Any]:
        return {"title": self.title.text(), "issuing_body": self.issuing_body.text(),
                "received_on": pydate(self.received_on), "deadline": pydate(self.deadline),
                "contact": self.contact.text()}


class NetworkDialog(_FormDialog):
    """One dialog for a contact unit, a collection point or an informant: `kind` picks the fields."""

    def __init__(self, kind: str, units: Sequence[tuple[str, str]], points: Sequence[tuple[str, str]],
                 grids: Sequence[tuple[str, str]], parent: QWidget | None = None) -> None:
        titles = {"unit": self.tr("新增联系单位"), "point": self.tr("新增采集点"), "informant": self.tr("新增立法信息员")}
        super().__init__(titles[kind], parent)
        self.kind = kind
        self.name = QLineEdit()
        self.name.setMaxLength(50 if kind == "informant" else 200)
        self.form.addRow(self.tr("姓名") if kind == "informant" else self.tr("名称"), self.name)
        self.extra = QLineEdit()
        self.extra.setMaxLength(100)
        self.form.addRow({"unit": self.tr("类型"), "point": self.tr("镇街/园区"), "informant": self.tr("从事领域")}[kind],
                         self.extra)
        self.unit = QComboBox()
        self.unit.addItem(self.tr("（无）"), None)
        for uid, name in units:
            self.unit.addItem(name, uid)
        if kind != "unit":
            self.form.addRow(self.tr("联系单位"), self.unit)
        self.point = QComboBox()
        self.point.addItem(self.tr("（无）"), None)
        for pid, name in points:
            self.point.addItem(name, pid)
        if kind == "informant":
            self.form.addRow(self.tr("采集点"), self.point)
        self.phone = QLineEdit()
        self.phone.setMaxLength(32)
        if kind != "point":
            self.form.addRow(self.tr("联系电话"), self.phone)
        self.grid = QComboBox()
        self.grid.addItem(self.tr("全区（不属于某个网格）"), None)
        for gid, name in grids:
            self.grid.addItem(name, gid)
        self.form.addRow(self.tr("所在网格"), self.grid)
        fit_to_screen(self, 480, 280)


class TargetsDialog(QDialog):
    """Choose the informants, units and points a consultation's tasks go to."""

    def __init__(self, targets: Sequence[tuple[str, str, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("发送征询任务"))
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("勾选接收任务的信息员、联系单位和采集点：")))
        self.list = QListWidget()
        for kind, target_id, label in targets:
            item = QListWidgetItem(label)
            item.setData(Qt.ItemDataRole.UserRole, (kind, target_id))
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.list.addItem(item)
        layout.addWidget(self.list)
        form = QFormLayout()
        self.sent_on = date_edit()
        self.due_on = date_edit(dt.date.today() + dt.timedelta(days=14))
        form.addRow(self.tr("发送日期"), self.sent_on)
        form.addRow(self.tr("反馈期限"), self.due_on)
        layout.addLayout(form)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        fit_to_screen(self, 480, 560)

    def set_all(self, checked: bool) -> None:
        state = Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
        for i in range(self.list.count()):
            self.list.item(i).setCheckState(state)

    def chosen(self) -> list[tuple[str, str]]:
        return [tuple(self.list.item(i).data(Qt.ItemDataRole.UserRole)) for i in range(self.list.count())
                if self.list.item(i).checkState() == Qt.CheckState.Checked]


class ReturnDialog(_FormDialog):
    """A task's return: date, note, and up to three suggestions with the article they concern."""

    def __init__(self, tasks: Sequence[tuple[str, str]], parent: QWidget | None = None) -> None:
        super().__init__(self.tr("登记任务反馈"), parent)
        self.task = QComboBox()
        for task_id, label in tasks:
            self.task.addItem(label, task_id)
        self.returned_on = date_edit()
        self.note = QLineEdit()
        self.note.setMaxLength(200)
        self.form.addRow(self.tr("任务"), self.task)
        self.form.addRow(self.tr("反馈日期"), self.returned_on)
        self.form.addRow(self.tr("反馈说明"), self.note)
        self.pairs: list[tuple[QLineEdit, QPlainTextEdit]] = []
        for n in range(3):
            article = QLineEdit()
            article.setMaxLength(100)
            article.setPlaceholderText(self.tr("条款，如：第十二条（可不填）"))
            content = QPlainTextEdit()
            content.setFixedHeight(56)
            self.form.addRow(self.tr("建议{0}").format(n + 1), article)
            self.form.addRow("", content)
            self.pairs.append((article, content))
        fit_to_screen(self, 560, 520)

    def suggestions(self) -> list[tuple[str, str]]:
        return [(a.text(), c.toPlainText()) for a, c in self.pairs if c.toPlainText().strip()]


class MeetingDialog(_FormDialog):
    def __init__(self, kinds: Sequence[tuple[str, str]], parent: QWidget | None = None) -> None:
        super().__init__(self.tr("登记征询会议"), parent)
        self.kind = QComboBox()
        for key, label in kinds:
            self.kind.addItem(label, key)
        self.held_on = date_edit()
        self.place = QLineEdit()
        self.place.setMaxLength(200)
        self.attendance = QSpinBox()
        self.attendance.setRange(0, 100_000)
        self.note = QPlainTextEdit()
        self.note.setFixedHeight(70)
        self.form.addRow(self.tr("会议类型"), self.kind)
        self.form.addRow(self.tr("召开日期"), self.held_on)
        self.form.addRow(self.tr("地点"), self.place)
        self.form.addRow(self.tr("参会人数"), self.attendance)
        self.form.addRow(self.tr("会议情况"), self.note)
        fit_to_screen(self, 520, 360)


class SuggestionDialog(_FormDialog):
    def __init__(self, consultations: Sequence[tuple[str, str]], informants: Sequence[tuple[str, str]],
                 title: str = "", parent: QWidget | None = None) -> None:
        super().__init__(title or self.tr("新增建议"), parent)
        self.consultation = QComboBox()
        for cid, label in consultations:
            self.consultation.addItem(label, cid)
        self.source = QComboBox()
        for key, label in (("meeting", self.tr("座谈会议")), ("visit", self.tr("走访")), ("task", self.tr("征询任务")),
                           ("other", self.tr("其他"))):
            self.source.addItem(label, key)
        self.informant = QComboBox()
        self.informant.addItem(self.tr("（无）"), None)
        for iid, name in informants:
            self.informant.addItem(name, iid)
        self.article = QLineEdit()
        self.article.setMaxLength(100)
        self.content = QPlainTextEdit()
        self.collected_on = date_edit()
        self.form.addRow(self.tr("草案"), self.consultation)
        self.form.addRow(self.tr("来源"), self.source)
        self.form.addRow(self.tr("信息员"), self.informant)
        self.form.addRow(self.tr("条款"), self.article)
        self.form.addRow(self.tr("建议内容"), self.content)
        self.form.addRow(self.tr("收集日期"), self.collected_on)
        fit_to_screen(self, 560, 420)


class SendDialog(_FormDialog):
    def __init__(self, count: int, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("报送建议"), parent)
        self.form.addRow(QLabel(self.tr("将所选 {0} 条建议报送人大常委会法工委。").format(count)))
        self.number = QLineEdit()
        self.number.setMaxLength(64)
        self.number.setPlaceholderText(self.tr("报送文件的文号，如 示工〔2026〕12号"))
        self.sent_on = date_edit()
        self.form.addRow(self.tr("文号"), self.number)
        self.form.addRow(self.tr("报送日期"), self.sent_on)
        fit_to_screen(self, 480, 200)


class DecisionDialog(_FormDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("记录采纳结果"), parent)
        self.outcome = QComboBox()
        for key, label in (("adopted", self.tr("已采纳")), ("partly_adopted", self.tr("部分采纳")),
                           ("not_adopted", self.tr("未采纳"))):
            self.outcome.addItem(label, key)
        self.law = QLineEdit()
        self.law.setMaxLength(200)
        self.law.setPlaceholderText(self.tr("采纳它的法律法规名称（公布后的正式名称）"))
        self.article = QLineEdit()
        self.article.setMaxLength(100)
        self.decided_on = date_edit()
        self.form.addRow(self.tr("结果"), self.outcome)
        self.form.addRow(self.tr("法律法规"), self.law)
        self.form.addRow(self.tr("条款"), self.article)
        self.form.addRow(self.tr("结果日期"), self.decided_on)
        fit_to_screen(self, 520, 240)


class MergeDialog(_FormDialog):
    def __init__(self, texts: Sequence[str], parent: QWidget | None = None) -> None:
        super().__init__(self.tr("归纳建议"), parent)
        sources = QPlainTextEdit("\n\n".join(f"{i + 1}. {t}" for i, t in enumerate(texts)))
        sources.setReadOnly(True)
        self.form.addRow(self.tr("原始建议"), sources)
        self.content = QPlainTextEdit()
        self.content.setPlaceholderText(self.tr("归纳后的建议（报送时使用这段文字）"))
        self.article = QLineEdit()
        self.article.setMaxLength(100)
        self.form.addRow(self.tr("归纳后的建议"), self.content)
        self.form.addRow(self.tr("条款"), self.article)
        fit_to_screen(self, 640, 520)


class ToMatterDialog(_FormDialog):
    def __init__(self, enterprises: Sequence[tuple[str, str]], categories: Sequence[tuple[str, str]],
                 parent: QWidget | None = None) -> None:
        super().__init__(self.tr("转为监督事项"), parent)
        self.enterprise = QComboBox()
        self.enterprise.setEditable(True)
        self.enterprise.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        for eid, name in enterprises:
            self.enterprise.addItem(name, eid)
        self.category = QComboBox()
        for code, label in categories:
            self.category.addItem(label, code)
        self.form.addRow(self.tr("涉及企业"), self.enterprise)
        self.form.addRow(self.tr("问题类别"), self.category)
        fit_to_screen(self, 520, 180)


class _NoAttachments:
    """Questionnaires have no photo or signature fields; the host is never asked for bytes."""

    def store_image(self, field: FieldDef, data: bytes, filename: str, mime: str, kind: str) -> dict[str, Any]:
        raise RuntimeError("questionnaires take no attachments")

    def image_bytes(self, sha256: str) -> bytes | None:
        return None


class QuestionnaireDialog(QDialog):
    """A questionnaire built from its definition, the same field widgets as the visit form."""

    def __init__(self, definition: FormDefinition, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.definition = definition
        self.setWindowTitle(definition.title)
        layout = QVBoxLayout(self)
        intro = QLabel(definition.description)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        body = QWidget()
        form = QFormLayout(body)
        self.fields: dict[str, FieldWidget] = {}
        self.labels: dict[str, QLabel] = {}
        host = _NoAttachments()
        for section in definition.sections:
            heading = QLabel(f"<b>{section.title}</b>")
            form.addRow(heading)
            for f in section.fields:
                widget = make_field(f, host, body)
                widget.edited.connect(self._refresh)
                label = QLabel(f.label + (" *" if f.required else ""))
                label.setWordWrap(True)
                form.addRow(label, widget)
                self.fields[f.id] = widget
                self.labels[f.id] = label
                if f.prefill == "today":
                    widget.set_value(dt.date.today().isoformat())
        scroll.setWidget(body)
        layout.addWidget(scroll, 1)
        self.banner = QLabel()
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet("color: #b91c1c;")
        layout.addWidget(self.banner)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self._refresh()
        fit_to_screen(self, 720, 760)

    def answers(self) -> dict[str, Any]:
        return {fid: w.value() for fid, w in self.fields.items()}

    def _refresh(self, *_args: object) -> None:
        from app.formkit import visible_fields

        shown = visible_fields(self.definition, self.answers())
        for fid, widget in self.fields.items():
            widget.setVisible(fid in shown)
            self.labels[fid].setVisible(fid in shown)

    def show_problem(self, field_id: str, message: str) -> None:
        self.banner.setText(message)
        widget = self.fields.get(field_id)
        if widget is not None:
            widget.set_error(message)
            widget.focus_target().setFocus()

"""The particulars of an enterprise (一企一档 basic facts) as an editable form, used both to create a
new file and to edit an existing one. Problems are shown next to the field that has them."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDoubleSpinBox,
    QFormLayout,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)

from app.core.codes import CodeStatus, check_credit_code
from app.core.enterprise import UnionStatus
from app.core.problems import Problem
from app.store import grids
from app.store.db import Database
from app.ui.enterprises.model import union_status_label

_NO_DATE = QDate(1900, 1, 1)


def _date_edit() -> QDateEdit:
    edit = QDateEdit()
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    edit.setMinimumDate(_NO_DATE)
    edit.setSpecialValueText(" ")  # shown at the minimum: "no date"
    edit.setDate(_NO_DATE)
    return edit


def _count_spin() -> QSpinBox:
    spin = QSpinBox()
    spin.setRange(-1, 10_000_000)
    spin.setSpecialValueText(" ")  # -1: unknown
    spin.setValue(-1)
    spin.setAlignment(Qt.AlignmentFlag.AlignRight)
    return spin


def _coordinate_spin(limit: float) -> QDoubleSpinBox:
    spin = QDoubleSpinBox()
    spin.setDecimals(6)
    spin.setRange(-limit - 1, limit)
    spin.setSpecialValueText(" ")
    spin.setValue(-limit - 1)
    return spin


class EnterpriseForm(QWidget):
    changed = Signal()

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._loading = False
        self.name = QLineEdit()
        self.name.setPlaceholderText(self.tr("与营业执照一致"))
        self.credit_code = QLineEdit()
        self.credit_code.setMaxLength(24)
        self.credit_code.setPlaceholderText(self.tr("18位统一社会信用代码"))
        self.code_hint = QLabel()
        self.code_hint.setObjectName("code-hint")
        self.address = QLineEdit()
        self.grid = QComboBox()
        self.grid.addItem(self.tr("（未划分）"), None)
        with db.read() as session:
            for grid in grids.all_grids(session):
                self.grid.addItem(f"{grid.code} {grid.name}", grid.id)
        self.industry = QLineEdit()
        self.registered_date = _date_edit()
        self.headcount = _count_spin()
        self.union_status = QComboBox()
        for status in UnionStatus:
            self.union_status.addItem(union_status_label(status.value), status.value)
        self.union_established_date = _date_edit()
        self.member_count = _count_spin()
        self.legal_rep = QLineEdit()
        self.contact_name = QLineEdit()
        self.contact_phone = QLineEdit()
        self.longitude = _coordinate_spin(180)
        self.latitude = _coordinate_spin(90)
        self.notes = QPlainTextEdit()
        self.notes.setMaximumHeight(80)

        self._errors: dict[str, QLabel] = {}
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        rows: list[tuple[str, str, QWidget]] = [
            ("name", self.tr("企业名称 *"), self.name),
            ("credit_code", self.tr("统一社会信用代码"), self.credit_code),
            ("address", self.tr("地址"), self.address),
            ("grid_id", self.tr("网格"), self.grid),
            ("industry", self.tr("行业"), self.industry),
            ("registered_date", self.tr("成立日期"), self.registered_date),
            ("headcount", self.tr("职工人数"), self.headcount),
            ("union_status", self.tr("建会状态"), self.union_status),
            ("union_established_date", self.tr("建会日期"), self.union_established_date),
            ("member_count", self.tr("会员人数"), self.member_count),
            ("legal_rep", self.tr("法定代表人"), self.legal_rep),
            ("contact_name", self.tr("联系人"), self.contact_name),
            ("contact_phone", self.tr("联系电话"), self.contact_phone),
        ]
        for key, label, widget in rows:
            holder = QWidget()
            grid_layout = QGridLayout(holder)
            grid_layout.setContentsMargins(0, 0, 0, 0)
            grid_layout.addWidget(widget, 0, 0)
            error = QLabel()
            error.setObjectName(f"error-{key}")
            error.setStyleSheet("color: #b91c1c;")
            error.setWordWrap(True)
            error.hide()
            grid_layout.addWidget(error, 1, 0)
            if key == "credit_code":
                grid_layout.addWidget(self.code_hint, 2, 0)
            self._errors[key] = error
            form.addRow(label, holder)
        coords = QWidget()
        coords_layout = QGridLayout(coords)
        coords_layout.setContentsMargins(0, 0, 0, 0)
        coords_layout.addWidget(QLabel(self.tr("经度")), 0, 0)
        coords_layout.addWidget(self.longitude, 0, 1)
        coords_layout.addWidget(QLabel(self.tr("纬度")), 0, 2)
        coords_layout.addWidget(self.latitude, 0, 3)
        self._errors["longitude"] = self._errors["latitude"] = QLabel()
        form.addRow(self.tr("坐标"), coords)
        form.addRow(self.tr("备注"), self.notes)
        self.setLayout(form)

        for line in (self.name, self.address, self.industry, self.legal_rep, self.contact_name, self.contact_phone):
            line.textEdited.connect(self._emit_changed)
        self.credit_code.textEdited.connect(self._code_edited)
        for combo in (self.grid, self.union_status):
            combo.currentIndexChanged.connect(self._emit_changed)
        for spin in (self.headcount, self.member_count):
            spin.valueChanged.connect(self._emit_changed)
        for dspin in (self.longitude, self.latitude):
            dspin.valueChanged.connect(self._emit_changed)
        for date_edit in (self.registered_date, self.union_established_date):
            date_edit.dateChanged.connect(self._emit_changed)
        self.notes.textChanged.connect(self._emit_changed)

    def _emit_changed(self, *_args: object) -> None:
        if not self._loading:
            self.changed.emit()

    def _code_edited(self, text: str) -> None:
        self._show_code_hint(text)
        self._emit_changed()

    def _show_code_hint(self, text: str) -> None:
        check = check_credit_code(text)
        if check.status is CodeStatus.VALID:
            self.code_hint.setText(self.tr("✓ 代码格式和校验位正确"))
            self.code_hint.setStyleSheet("color: #15803d;")
        elif check.status is CodeStatus.MISSING:
            self.code_hint.setText("")
        else:
            self.code_hint.setText(check.message)
            color = "#b45309" if check.status is CodeStatus.BAD_CHECK else "#b91c1c"
            self.code_hint.setStyleSheet(f"color: {color};")

    def set_values(self, values: dict[str, Any]) -> None:
        self._loading = True
        try:
            self.name.setText(values.get("name") or "")
            self.credit_code.setText(values.get("credit_code") or "")
            self._show_code_hint(self.credit_code.text())
            self.address.setText(values.get("address") or "")
            index = self.grid.findData(values.get("grid_id"))
            self.grid.setCurrentIndex(max(index, 0))
            self.industry.setText(values.get("industry") or "")
            self._set_date(self.registered_date, values.get("registered_date"))
            self.headcount.setValue(-1 if values.get("headcount") is None else int(values["headcount"]))
            index = self.union_status.findData(values.get("union_status") or UnionStatus.NONE.value)
            self.union_status.setCurrentIndex(max(index, 0))
            self._set_date(self.union_established_date, values.get("union_established_date"))
            self.member_count.setValue(-1 if values.get("member_count") is None else int(values["member_count"]))
            self.legal_rep.setText(values.get("legal_rep") or "")
            self.contact_name.setText(values.get("contact_name") or "")
            self.contact_phone.setText(values.get("contact_phone") or "")
            lon, lat = values.get("longitude"), values.get("latitude")
            self.longitude.setValue(self.longitude.minimum() if lon is None else float(lon))
            self.latitude.setValue(self.latitude.minimum() if lat is None else float(lat))
            self.notes.setPlainText(values.get("notes") or "")
        finally:
            self._loading = False

    @staticmethod
    def _set_date(edit: QDateEdit, value: dt.date | None) -> None:
        edit.setDate(QDate(value.year, value.month, value.day) if value else _NO_DATE)

    @staticmethod
    def _get_date(edit: QDateEdit) -> dt.date | None:
        qdate = edit.date()
        if qdate == _NO_DATE:
            return None
        return dt.date(qdate.year(), qdate.month(), qdate.day())

    def values(self) -> dict[str, Any]:
        lon = None if self.longitude.value() == self.longitude.minimum() else round(self.longitude.value(), 6)
        lat = None if self.latitude.value() == self.latitude.minimum() else round(self.latitude.value(), 6)
        return {
            "name": self.name.text().strip(),
            "credit_code": self.credit_code.text(),
            "address": self.address.text().strip(),
            "grid_id": self.grid.currentData(),
            "industry": self.industry.text().strip(),
            "registered_date": self._get_date(self.registered_date),
            "headcount": None if self.headcount.value() < 0 else self.headcount.value(),
            "union_status": self.union_status.currentData(),
            "union_established_date": self._get_date(self.union_established_date),
            "member_count": None if self.member_count.value() < 0 else self.member_count.value(),
            "legal_rep": self.legal_rep.text().strip(),
            "contact_name": self.contact_name.text().strip(),
            "contact_phone": self.contact_phone.text().strip(),
            "longitude": lon,
            "latitude": lat,
            "notes": self.notes.toPlainText(),
        }

    def show_problems(self, problems: list[Problem]) -> None:
        for label in self._errors.values():
            label.hide()
        for problem in problems:
            found = self._errors.get(problem.field)
            if found is not None:
                found.setText(problem.message)
                found.show()
        if problems:
            widget = getattr(self, problems[0].field, None)
            if isinstance(widget, QWidget):
                widget.setFocus()

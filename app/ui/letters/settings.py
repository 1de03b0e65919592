"""函件与期限设置: the issuing union's name, the 代字 of each kind, the department a 建议书 goes to, the
procuratorate copied, and the day counts of every deadline (they differ by locality), with the
holidays and make-up working days that working-day counts need."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.core.deadlines import DeadlineRules, Period
from app.core.letters import DEFAULT_CODES, LetterKind
from app.store import letter_numbers, local_state
from app.store import matters as matter_repo
from app.ui.letters.models import letter_kind_label
from app.ui.shell.context import AppContext

PERIODS = ("handle", "reply_tips", "reply_opinion", "reply_advice", "rectify")


class LetterSettingsDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        from app.documents import letter_flow

        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("函件与期限设置"))
        with ctx.db.read() as session:
            rules = matter_repo.deadline_rules(session)
            issuer = local_state.get(session, letter_flow.ISSUER_KEY)
            department = local_state.get(session, letter_flow.DEPARTMENT_KEY)
            procuratorate = local_state.get(session, letter_flow.PROCURATORATE_KEY)
            codes = {k: letter_numbers.configured_code(session, k) for k in LetterKind}

        letters = QGroupBox(self.tr("函件"))
        lf = QFormLayout(letters)
        self.issuer = QLineEdit(issuer)
        self.issuer.setPlaceholderText(self.tr("默认：网格所属辖区 + 总工会，如 示范区总工会"))
        lf.addRow(self.tr("发文机关"), self.issuer)
        self.codes: dict[LetterKind, QLineEdit] = {}
        for kind in LetterKind:
            edit = QLineEdit(codes[kind])
            edit.setPlaceholderText(self.tr("默认：模板中的代字，如 ") + DEFAULT_CODES[kind])
            self.codes[kind] = edit
            lf.addRow(letter_kind_label(kind.value) + self.tr("代字"), edit)
        self.department = QLineEdit(department)
        self.department.setPlaceholderText(self.tr("如 示范区人力资源和社会保障局劳动保障监察大队"))
        lf.addRow(self.tr("建议书主送部门"), self.department)
        self.procuratorate = QLineEdit(procuratorate)
        self.procuratorate.setPlaceholderText(self.tr("如 示范区人民检察院（留空则不抄送）"))
        lf.addRow(self.tr("抄送检察院"), self.procuratorate)

        deadlines = QGroupBox(self.tr("期限（各地规定不同，请按本地条例设置）"))
        df = QFormLayout(deadlines)
        labels = {
            "handle": self.tr("新事项处理期限"),
            "reply_tips": self.tr("提示函答复期限"),
            "reply_opinion": self.tr("意见书答复期限"),
            "reply_advice": self.tr("建议书处理期限"),
            "rectify": self.tr("整改期限"),
        }
        self.periods: dict[str, tuple[QSpinBox, QComboBox]] = {}
        for name in PERIODS:
            period: Period = getattr(rules, name)
            days = QSpinBox()
            days.setRange(1, 3650)
            days.setValue(period.days)
            unit = QComboBox()
            unit.addItem(self.tr("自然日"), False)
            unit.addItem(self.tr("工作日"), True)
            unit.setCurrentIndex(1 if period.working else 0)
            row = QHBoxLayout()
            row.addWidget(days)
            row.addWidget(unit)
            row.addStretch(1)
            holder = QWidget()
            holder.setLayout(row)
            df.addRow(labels[name], holder)
            self.periods[name] = (days, unit)
        self.holidays = QPlainTextEdit("\n".join(sorted(d.isoformat() for d in rules.holidays)))
        self.holidays.setPlaceholderText(self.tr("每行一个日期，如 2026-10-01"))
        self.holidays.setMaximumHeight(90)
        df.addRow(self.tr("法定节假日"), self.holidays)
        self.workdays = QPlainTextEdit("\n".join(sorted(d.isoformat() for d in rules.workdays)))
        self.workdays.setPlaceholderText(self.tr("调休上班的周末，每行一个日期"))
        self.workdays.setMaximumHeight(70)
        df.addRow(self.tr("调休上班日"), self.workdays)

        self.error = QLabel()
        self.error.setStyleSheet("color: #b91c1c")
        self.error.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(letters)
        layout.addWidget(deadlines)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def _dates(self, edit: QPlainTextEdit, label: str) -> frozenset[dt.date] | None:
        out = set()
        for number, line in enumerate(edit.toPlainText().splitlines(), start=1):
            text = line.strip()
            if not text:
                continue
            try:
                out.add(dt.date.fromisoformat(text))
            except ValueError:
                self.error.setText(
                    self.tr("%1第%2行“%3”不是日期，应写作 2026-10-01").replace("%1", label)
                    .replace("%2", str(number)).replace("%3", text)
                )
                return None
        return frozenset(out)

    def save(self) -> bool:
        from app.documents import letter_flow

        holidays = self._dates(self.holidays, self.tr("法定节假日"))
        workdays = self._dates(self.workdays, self.tr("调休上班日"))
        if holidays is None or workdays is None:
            return False
        periods = {name: Period(days.value(), bool(unit.currentData())) for name, (days, unit) in self.periods.items()}
        rules = DeadlineRules(**periods, holidays=holidays, workdays=workdays)
        try:
            with self.ctx.db.write() as session:
                for kind, edit in self.codes.items():
                    letter_numbers.set_letter_code(session, kind, edit.text())
                local_state.put(session, letter_flow.ISSUER_KEY, self.issuer.text().strip())
                local_state.put(session, letter_flow.DEPARTMENT_KEY, self.department.text().strip())
                local_state.put(session, letter_flow.PROCURATORATE_KEY, self.procuratorate.text().strip())
                matter_repo.save_deadline_rules(session, rules)
        except ValueError as exc:
            self.error.setText(str(exc))
            return False
        self.ctx.notify("*")
        self.accept()
        return True

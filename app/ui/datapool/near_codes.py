"""Codes one character away from an enterprise on file, most likely typos: listed after an import
(the rows were held back), the user ticks those that are the same enterprise, and the file's held
rows go in again: ticked ones merged into the existing enterprise, the others as new enterprises."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.planning.importer import NEAR_HOLD, NEAR_MERGE, NEAR_NEW, ImportResult, NearMatch
from app.ui.shell.context import AppContext


class NearCodesPanel(QWidget):
    def __init__(self, ctx: AppContext, start: Callable[[dict[str, str]], Any], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.start = start  # runs the import again with these choices (code in the file -> merge/new)
        self.matches: list[NearMatch] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.title = QLabel()
        self.title.setWordWrap(True)
        layout.addWidget(self.title)
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels([self.tr("行"), self.tr("文件中的企业和代码"), self.tr("已有企业和代码"), self.tr("差别")])
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setMaximumHeight(160)
        layout.addWidget(self.table)
        row = QHBoxLayout()
        self.apply_button = QPushButton(self.tr("勾选的并入已有企业，其余作为新企业导入"))
        self.apply_button.clicked.connect(self.apply)
        row.addWidget(self.apply_button)
        row.addStretch(1)
        layout.addLayout(row)
        self.setVisible(False)

    def show_result(self, result: ImportResult | None, path: Path | None) -> None:
        held = [m for m in result.near_matches if m.choice == NEAR_HOLD] if result is not None and not result.dry_run else []
        self.matches = held
        self.setVisible(bool(self.matches))
        self.apply_button.setEnabled(bool(self.matches))
        self.title.setText(
            self.tr("{n} 行的统一社会信用代码与已有企业只差一位，可能是同一家企业，这些行暂未导入。请勾选确认是同一家企业的行：").format(
                n=len(self.matches)
            )
        )
        self.table.setRowCount(len(self.matches))
        for i, match in enumerate(self.matches):
            first = QTableWidgetItem(str(match.row))
            first.setFlags(first.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            first.setCheckState(Qt.CheckState.Checked)
            self.table.setItem(i, 0, first)
            self.table.setItem(i, 1, QTableWidgetItem(f"{match.name}  {match.code}"))
            self.table.setItem(i, 2, QTableWidgetItem(f"{match.existing_name}  {match.existing_code}"))
            self.table.setItem(i, 3, QTableWidgetItem(_difference(match.code, match.existing_code)))

    def choices(self) -> dict[str, str]:
        chosen: dict[str, str] = {}
        for i, match in enumerate(self.matches):
            item = self.table.item(i, 0)
            same = item is not None and item.checkState() == Qt.CheckState.Checked
            chosen[match.code] = NEAR_MERGE if same else NEAR_NEW
        return chosen

    def apply(self) -> None:
        self.apply_button.setEnabled(False)
        self.start(self.choices())


def _difference(code: str, other: str) -> str:
    at = [i + 1 for i, (a, b) in enumerate(zip(code, other, strict=False)) if a != b]
    return "、".join(f"第{i}位" for i in at)

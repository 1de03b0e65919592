"""Columns that matter stay readable: every column is as wide as its content or its header (an empty
table still shows whole headers, an enterprise name is never cut off; the table scrolls sideways when
the screen is narrow), and the last column takes what room is left."""

from __future__ import annotations

from PySide6.QtWidgets import QHeaderView, QTableView


def fit_columns(view: QTableView) -> None:
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setStretchLastSection(True)
    header.setMinimumSectionSize(48)
    view.setWordWrap(False)

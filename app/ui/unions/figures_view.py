"""The 工会建设 tab of the statistics page: the union-building figures of the chosen period."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)


class UnionFiguresView(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table = QTableWidget(0, 2)
        self.table.setObjectName("union-figures")
        self.table.setHorizontalHeaderLabels([self.tr("项目"), self.tr("数量")])
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)

    def show_figures(self, fig: Any) -> None:
        if fig is None:
            self.table.setRowCount(0)
            return
        names = {
            "新建工会组织": self.tr("新建工会组织"),
            "覆盖单位": self.tr("覆盖单位"),
            "新入会会员": self.tr("新入会会员"),
            "转入会员": self.tr("转入会员"),
            "新就业形态新会员": self.tr("新就业形态新会员"),
            "集中入会人数": self.tr("集中入会人数"),
            "服务请求": self.tr("服务请求"),
            "服务办结": self.tr("服务办结"),
            "服务超期未办": self.tr("服务超期未办"),
            "友好商户": self.tr("友好商户"),
            "友好商户使用人次": self.tr("友好商户使用人次"),
        }
        rows: list[tuple[str, str]] = [(names.get(k, k), str(v)) for k, v in fig.summary]
        rows += [(f"　{k}", str(v)) for k, v in fig.founded_by_form.items()]
        rows += [(f"　{k}", str(v)) for k, v in fig.members_by_group.items()]
        rows += [(f"　{k}", f"{a} / {d}") for k, (a, d) in fig.services_by_kind.items()]
        self.table.setRowCount(len(rows))
        for i, (label, value) in enumerate(rows):
            self.table.setItem(i, 0, QTableWidgetItem(label))
            self.table.setItem(i, 1, QTableWidgetItem(value))

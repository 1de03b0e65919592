"""The enterprise form's 建会状态 is derived once a union record covers the enterprise: the two fields
are locked there, with a tooltip saying where the status comes from."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from app.store.db import Database
from app.store.unions import orgs


def lock_if_covered(db: Database, enterprise_id: str, *widgets: QWidget) -> bool:
    with db.read() as session:
        covering = orgs.unions_of_enterprise(session, enterprise_id)
    names = "、".join(u.name for u, _c in covering)
    for widget in widgets:
        widget.setEnabled(not covering)
        widget.setToolTip(
            QCoreApplication.translate("Unions", "建会状态由工会组织“{n}”的建会步骤得出，请在“工会建设”页修改").format(n=names)
            if covering
            else ""
        )
    return bool(covering)

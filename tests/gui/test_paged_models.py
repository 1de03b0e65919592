"""Every long list sits on the one PagedTableModel: each is checked with Qt's model tester, first page
and after fetching the rest, and it ends with as many rows as its count query says."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from app.store.db import Database
from app.ui.admin.audit import AuditTableModel
from app.ui.enterprises import EnterpriseTableModel
from app.ui.letters import LetterTableModel
from app.ui.matters.models import MatterTableModel
from app.ui.widgets.paged_model import PagedTableModel
from app.ui.workorders.pages import WorkOrderTableModel

MODELS: dict[str, Callable[[Database], PagedTableModel]] = {
    "enterprises": lambda db: EnterpriseTableModel(db),
    "matters": lambda db: MatterTableModel(db),
    "letters": lambda db: LetterTableModel(db),
    "audit": lambda db: AuditTableModel(db),
    "workorders": lambda db: WorkOrderTableModel(db),
}


def _key(row: dict[str, Any]) -> str:
    return str(row["seq"] if "seq" in row else row["id"])


@pytest.mark.parametrize("name", sorted(MODELS))
def test_long_list_model(name: str, demo_db: Database, qtmodeltester: Any) -> None:
    model = MODELS[name](demo_db)
    model.page_size = 5  # small pages, so that the demo district's lists need several fetches
    model.reload()
    assert model.total > model.page_size, f"the demo district should fill more than one page of {name}"
    assert model.rowCount() == model.page_size
    first = model.row_at(0)
    model.reload()  # the same first page again, in the same order
    assert model.rowCount() == model.page_size
    assert model.row_at(0) == first

    while model.canFetchMore():
        model.fetchMore()
    assert model.rowCount() == model.total
    assert len({_key(model.row_at(i)) for i in range(model.total)}) == model.total, "a row came twice"
    qtmodeltester.check(model)  # the whole list

    fresh = MODELS[name](demo_db)
    fresh.page_size = 5
    fresh.reload()
    qtmodeltester.check(fresh)  # the first page; the tester fetches more itself

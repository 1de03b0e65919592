from __future__ import annotations

import datetime as dt

import pytest
from sqlmodel import select

from app.core.problems import ValidationError
from app.core.workorders import TransitionError
from app.store import workorders
from app.store.db import Database
from app.store.tables import Enterprise, Grid, Outbox
from app.store.tables.workorders import WorkOrder, WorkOrderEvent


def _values(number: str = "12351-001", **extra: object) -> dict[str, object]:
    values: dict[str, object] = {
        "number": number,
        "received_at": dt.datetime(2026, 11, 23, 9, 30),
        "caller_name": "张三",
        "caller_phone": "13812345678",
        "category": "求决类",
        "topic": "欠薪",
        "content": "拖欠工资两个月",
        "level": "ordinary",
    }
    values.update(extra)
    return values


def test_order_moves_along_with_an_event_and_outbox_entry_per_step(demo_db: Database) -> None:
    with demo_db.write() as s:
        grid = s.exec(select(Grid)).first()
        assert grid is not None
        order = workorders.create(s, _values(), "clerk")
        assert order.due_date == dt.date(2026, 11, 30)
        workorders.apply_action(s, order, "dispatch", "clerk", grid_id=grid.id)
        workorders.apply_action(s, order, "accept", "worker")
        workorders.apply_action(s, order, "reply", "worker", reply="已督促企业补发")
        workorders.apply_action(s, order, "call_back", "clerk", callback_result="已收到工资", satisfaction="满意")
        workorders.apply_action(s, order, "close", "clerk")
        order_id = order.id
    with demo_db.read() as s:
        stored = s.get(WorkOrder, order_id)
        assert stored is not None and stored.status == "closed" and stored.grid_id == grid.id
        history = workorders.events(s, order_id)
        assert [e.action for e in history] == ["intake", "dispatch", "accept", "reply", "call_back", "close"]
        assert [e.to_status for e in history][-1] == "closed"
        queued = s.exec(select(Outbox).where(Outbox.entity_id == order_id)).all()
        assert [q.op for q in queued] == ["insert", "update", "update", "update", "update", "update"]
        assert len(s.exec(select(WorkOrderEvent).where(WorkOrderEvent.work_order_id == order_id)).all()) == 6


def test_wrong_step_and_missing_input_change_nothing(db: Database) -> None:
    with db.write() as s:
        order = workorders.create(s, _values(), "clerk")
        order_id = order.id
    with pytest.raises(TransitionError), db.write() as s:
        workorders.apply_action(s, s.get(WorkOrder, order_id), "close", "clerk")  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match="网格"), db.write() as s:
        workorders.apply_action(s, s.get(WorkOrder, order_id), "dispatch", "clerk")  # type: ignore[arg-type]
    with db.read() as s:
        assert s.get(WorkOrder, order_id).status == "received"  # type: ignore[union-attr]
        assert len(workorders.events(s, order_id)) == 1


def test_duplicate_number_is_refused(db: Database) -> None:
    with db.write() as s:
        workorders.create(s, _values(), "clerk")
    with pytest.raises(ValidationError, match="已存在"), db.write() as s:
        workorders.create(s, _values(), "clerk")


def test_deadline_settings_and_level_change(db: Database) -> None:
    with db.write() as s:
        workorders.set_deadlines(s, {"ordinary": 3, "difficult": 8, "complex": 20})
    with db.write() as s:
        assert workorders.deadlines(s) == {"ordinary": 3, "difficult": 8, "complex": 20}
        order = workorders.create(s, _values(), "clerk")
        assert order.due_date == dt.date(2026, 11, 26)
        workorders.set_level(s, order, "complex", "clerk")
        assert order.due_date == dt.date(2026, 12, 21)
    with pytest.raises(ValidationError), db.write() as s:
        workorders.set_deadlines(s, {"ordinary": 0})


def test_overdue_filter_and_list_query(db: Database) -> None:
    today = dt.date(2026, 12, 10)
    with db.write() as s:
        late = workorders.create(s, _values("A"), "clerk")  # due 11-30, still open
        on_time = workorders.create(s, _values("B"), "clerk")
        workorders.apply_action(s, on_time, "reply", "clerk", reply="电话解答", at=dt.datetime(2026, 11, 24, 10))
        answered_late = workorders.create(s, _values("C"), "clerk")
        workorders.apply_action(s, answered_late, "reply", "clerk", reply="迟复", at=dt.datetime(2026, 12, 2, 10))
    with db.read() as s:
        rows = workorders.page(s, workorders.WorkOrderFilter(overdue_only=True, today=today), 0, 50)
        assert {r["number"] for r in rows} == {"A", "C"}
        assert workorders.count(s, workorders.WorkOrderFilter(today=today)) == 3
        assert workorders.count(s, workorders.WorkOrderFilter(query="B", today=today)) == 1
        assert late.id in {r["id"] for r in rows}


def test_convert_to_matter_creates_a_linked_hotline_matter(demo_db: Database) -> None:
    from app.catalog import load_catalog
    from app.store.tables.matters import Matter

    code = load_catalog().codes()[0]
    with demo_db.write() as s:
        firm = s.exec(select(Enterprise)).first()
        assert firm is not None
        unlinked = workorders.create(s, _values("M-0"), "clerk")
        with pytest.raises(ValidationError, match="关联企业"):
            workorders.convert_to_matter(s, unlinked, code, "拖欠工资", "clerk")
        order = workorders.create(s, _values("M-1", enterprise_id=firm.id), "clerk")
        matter_id = workorders.convert_to_matter(s, order, code, "拖欠工资两个月", "clerk")
        with pytest.raises(ValidationError, match="已转为"):
            workorders.convert_to_matter(s, order, code, "再来一次", "clerk")
        order_id = order.id
    with demo_db.read() as s:
        matter = s.get(Matter, matter_id)
        stored = s.get(WorkOrder, order_id)
        assert matter is not None and stored is not None
        assert (matter.source, matter.source_ref, matter.enterprise_id, matter.category) == ("hotline", order_id, firm.id, code)
        assert stored.matter_id == matter_id
        assert workorders.events(s, order_id)[-1].action == "to_matter"


def test_due_date_follows_the_office_holiday_calendar(db: Database) -> None:
    import dataclasses

    from app.store import matters

    with db.write() as s:
        calendar = dataclasses.replace(matters.deadline_rules(s), holidays=frozenset({dt.date(2026, 11, 24), dt.date(2026, 11, 25)}))
        matters.save_deadline_rules(s, calendar)
    with db.write() as s:
        order = workorders.create(s, _values("H-1"), "clerk")  # received Monday 11-23, 5 working days
    assert order.due_date == dt.date(2026, 12, 2)

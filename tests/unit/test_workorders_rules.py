from __future__ import annotations

import datetime as dt

import pytest

from app.core import workorders as rules


def test_happy_path_through_every_status() -> None:
    status = rules.Status.RECEIVED.value
    for action, expected in [
        ("dispatch", "dispatched"),
        ("accept", "handling"),
        ("reply", "replied"),
        ("call_back", "called_back"),
        ("close", "closed"),
    ]:
        status = rules.next_status(status, action).value
        assert status == expected
    assert rules.allowed_actions(status) == []


def test_consultation_answered_on_the_phone_and_unsatisfied_caller_reopens() -> None:
    assert rules.next_status("received", "reply") is rules.Status.REPLIED
    assert rules.next_status("called_back", "reopen") is rules.Status.HANDLING


@pytest.mark.parametrize(
    ("status", "action"),
    [("received", "close"), ("received", "call_back"), ("closed", "reopen"), ("replied", "dispatch"), ("handling", "accept")],
)
def test_forbidden_transitions_say_why(status: str, action: str) -> None:
    with pytest.raises(rules.TransitionError) as info:
        rules.next_status(status, action)
    assert rules.STATUS_LABELS[rules.Status(status)] in str(info.value)


def test_working_days_skip_weekends_and_holidays() -> None:
    friday = dt.date(2026, 11, 20)
    assert friday.weekday() == 4
    assert rules.add_working_days(friday, 1) == dt.date(2026, 11, 23)
    assert rules.add_working_days(friday, 5) == dt.date(2026, 11, 27)
    assert rules.add_working_days(friday, 1, holidays=[dt.date(2026, 11, 23)]) == dt.date(2026, 11, 24)
    assert rules.add_working_days(friday, 0) == friday


def test_due_date_follows_level_and_settings() -> None:
    monday = dt.date(2026, 11, 23)
    assert rules.due_date(monday, "ordinary") == dt.date(2026, 11, 30)
    assert rules.due_date(monday, "difficult") == dt.date(2026, 12, 7)
    assert rules.due_date(monday, "complex") == dt.date(2026, 12, 14)
    assert rules.due_date(monday, "ordinary", {"ordinary": 2, "difficult": 10, "complex": 15}) == dt.date(2026, 11, 25)


def test_overdue_means_open_after_due_or_answered_late() -> None:
    due = dt.date(2026, 11, 30)
    assert not rules.is_overdue("handling", due, dt.date(2026, 11, 30))
    assert rules.is_overdue("handling", due, dt.date(2026, 12, 1))
    assert not rules.is_overdue("replied", due, dt.date(2027, 1, 1), replied_on=dt.date(2026, 11, 29))
    assert rules.is_overdue("closed", due, dt.date(2027, 1, 1), replied_on=dt.date(2026, 12, 2))


def test_masks_hide_the_middle_of_phone_and_name() -> None:
    assert rules.mask_phone("13812345678") == "138****5678"
    assert rules.mask_phone("0571-87654321") == "057******4321"
    assert rules.mask_name("张三丰") == "张**"
    assert rules.mask_name("李") == "李*"


def test_validation_names_the_field() -> None:
    problems = rules.validate_work_order({"number": "", "content": "", "category": "投诉", "level": "x", "caller_phone": "12"})
    assert {p.field for p in problems} == {"number", "content", "category", "level", "caller_phone"}
    assert rules.validate_work_order(
        {"number": "A1", "content": "欠薪", "category": "求决类", "level": "ordinary", "caller_phone": "13812345678"}
    ) == []


def test_weekend_worked_in_lieu_counts_as_a_working_day() -> None:
    friday = dt.date(2026, 10, 9)
    saturday = dt.date(2026, 10, 10)
    assert rules.add_working_days(friday, 1, workdays=[saturday]) == saturday

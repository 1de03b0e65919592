from __future__ import annotations

from app.core.enterprise import is_union_target, validate_enterprise
from app.core.problems import Severity


def fields(problems: list) -> dict[str, Severity]:
    return {p.field: p.severity for p in problems}


def test_name_is_required() -> None:
    assert fields(validate_enterprise({"name": "  "})) == {"name": Severity.ERROR}


def test_bad_check_digit_warns_and_malformed_code_blocks() -> None:
    assert fields(validate_enterprise({"name": "甲", "credit_code": "914403001922038217"})) == {
        "credit_code": Severity.WARNING
    }
    assert fields(validate_enterprise({"name": "甲", "credit_code": "9144030019220382"})) == {
        "credit_code": Severity.ERROR
    }


def test_members_more_than_staff_is_suspicious() -> None:
    problems = validate_enterprise({"name": "甲", "headcount": 10, "member_count": 12})
    assert fields(problems) == {"member_count": Severity.WARNING}


def test_coordinates_come_in_pairs_and_ranges() -> None:
    assert "longitude" in fields(validate_enterprise({"name": "甲", "longitude": 120.1}))
    assert "latitude" in fields(validate_enterprise({"name": "甲", "longitude": 120.1, "latitude": 95.0}))


def test_union_target_rule() -> None:
    assert is_union_target(25, "none", 25)
    assert is_union_target(40, "preparing", 25)
    assert not is_union_target(24, "none", 25)
    assert not is_union_target(300, "established", 25)
    assert not is_union_target(None, None, 25)

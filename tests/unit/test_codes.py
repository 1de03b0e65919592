from __future__ import annotations

import pytest

from app.core.codes import (
    CodeStatus,
    check_credit_code,
    check_id_number,
    check_phone,
    make_credit_code,
    normalize_code,
    org_code_check_char,
)

VALID_USCC = [
    "914403001922038216",
    "91440300708461136T",
    "91350100M000100Y43",
    "91110000600037341L",
    "121200004013590816",
    "92340602MA2PBMEM24",
    "91512081MA62K0260E",
]


@pytest.mark.parametrize("code", VALID_USCC)
def test_known_credit_codes_pass(code: str) -> None:
    check = check_credit_code(code)
    assert check.status is CodeStatus.VALID, check.message
    assert org_code_check_char(code[8:16]) == code[16]


def test_standard_example_with_wrong_check_digit_is_a_warning_not_an_error() -> None:
    check = check_credit_code("91350100M000100Y4Z")
    assert check.status is CodeStatus.BAD_CHECK
    assert check.acceptable
    assert "应为 3" in check.message


def test_wrong_last_digit_is_flagged() -> None:
    assert check_credit_code("914403001922038217").status is CodeStatus.BAD_CHECK


@pytest.mark.parametrize(
    ("raw", "fragment"),
    [
        ("9111000060003IOZSV", "I、O、S、Z"),
        ("91440300192203821", "17位"),
        ("9144030019220382161", "19位"),
        ("91ABCDEF1922038216", "行政区划"),
    ],
)
def test_malformed_codes_are_refused_with_a_reason(raw: str, fragment: str) -> None:
    check = check_credit_code(raw)
    assert check.status is CodeStatus.MALFORMED
    assert not check.acceptable
    assert fragment in check.message


def test_full_width_and_spaced_codes_are_normalised() -> None:
    assert normalize_code("９１４４ ０３００-１９２２０３８２１６") == "914403001922038216"
    assert check_credit_code(" 91440300708461136t ").status is CodeStatus.VALID


def test_make_credit_code_completes_a_valid_code() -> None:
    assert make_credit_code("91350100M000100Y4") == "91350100M000100Y43"


def test_missing_code() -> None:
    assert check_credit_code("  ").status is CodeStatus.MISSING


@pytest.mark.parametrize("number", ["11010519491231002X", "440524188001010014"])
def test_id_numbers_from_the_standard(number: str) -> None:
    assert check_id_number(number).status is CodeStatus.VALID


def test_id_number_with_bad_date_or_check() -> None:
    assert check_id_number("110105194913310021").status is CodeStatus.MALFORMED
    assert check_id_number("110105194912310021").status is CodeStatus.BAD_CHECK


@pytest.mark.parametrize("phone", ["13905710001", "+86 139-0571-0001", "0571-87654321", "12351", "4008123456"])
def test_phone_numbers_accepted(phone: str) -> None:
    assert check_phone(phone).status is CodeStatus.VALID


def test_bad_phone() -> None:
    assert check_phone("12345").status is CodeStatus.VALID  # five-digit service numbers such as 12351
    assert check_phone("1390571").status is CodeStatus.MALFORMED


def test_the_quick_validity_answer_agrees_with_the_full_check() -> None:
    from app.core.codes import is_valid_credit_code

    good = make_credit_code("91330106" + "MA2XXXXX" + "1")
    wrong_check = good[:17] + ("0" if good[17] != "0" else "1")
    for code in (good, wrong_check, good[:17], good.replace("9", "I", 1), "91AB0106MA2XXXXX1" + good[17], ""):
        assert is_valid_credit_code(code) == (check_credit_code(code).status is CodeStatus.VALID), code

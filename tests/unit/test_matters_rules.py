"""The pure rules: matter and letter state machines, deadlines, document numbers, the catalog."""

from __future__ import annotations

import datetime as dt

import pytest

from app.catalog import load_catalog
from app.core.deadlines import DeadlineRules, Period
from app.core.letters import (
    LetterAction,
    LetterKind,
    LetterStatus,
    check_letter_transition,
    device_tag,
    format_number,
    format_provisional,
    letter_actions,
    may_issue,
    next_kind,
    parse_number,
)
from app.core.matters import (
    MatterAction,
    MatterStatus,
    Role,
    available_actions,
    check_transition,
    is_overdue,
    validate_new_matter,
)
from app.core.violations import CatalogError, parse_catalog

TODAY = dt.date(2026, 11, 25)  # a Wednesday


def test_catalog_has_every_category_with_flagged_citations() -> None:
    catalog = load_catalog()
    assert [c.label for c in catalog.categories] == [
        "欠薪", "加班费", "工时与休假", "劳动合同", "社会保险", "高温", "女职工权益与就业歧视", "安全与职业病",
    ]
    for category in catalog.categories:
        assert category.basis, category.code
        assert category.remedy
    # a citation claims to be verified only with the place it was checked
    assert all(c.source for cat in catalog.categories for c in cat.basis if c.verified)
    social = catalog.get("social_insurance")
    assert social is not None and all(c.verified and "社会保险法" in c.source for c in social.basis)
    overtime = catalog.get("overtime_pay")
    assert overtime is not None
    art44 = next(c for c in overtime.basis if c.article == "第四十四条")
    assert art44.verified and "百分之三百" in art44.text
    assert art44.heading() == "《中华人民共和国劳动法》第四十四条"


def test_catalog_errors_name_the_entry() -> None:
    with pytest.raises(CatalogError, match=r"categories\[0\]（x）.basis\[0\] 的 verified"):
        parse_catalog({"categories": [{"code": "x", "label": "X", "basis": [{"law": "L", "text": "T"}]}]})
    with pytest.raises(CatalogError, match="重复"):
        parse_catalog({"categories": [{"code": "x", "label": "X"}, {"code": "x", "label": "Y"}]})


def test_closed_loop_happy_path() -> None:
    status = MatterStatus.OPEN
    steps = [
        (MatterAction.LETTER_ISSUED, {"letter_id": "L1"}, MatterStatus.LETTER_ISSUED),
        (MatterAction.START_RECTIFYING, {"deadline": TODAY + dt.timedelta(days=30)}, MatterStatus.RECTIFYING),
        (MatterAction.VERIFY, {"note": "复查工资台账，已补发", "verified_on": TODAY}, MatterStatus.RECTIFIED),
        (MatterAction.CLOSE, {}, MatterStatus.CLOSED),
    ]
    for action, data, target in steps:
        assert check_transition(status, action, Role.OFFICE, data, opened_on=TODAY, today=TODAY) == []
        status = target
    assert available_actions(MatterStatus.CLOSED, Role.ADMIN) == []


def test_verification_needs_a_note_and_a_plausible_date() -> None:
    problems = check_transition(MatterStatus.RECTIFYING, MatterAction.VERIFY, Role.INSPECTOR, {}, today=TODAY)
    assert {p.field for p in problems} == {"note", "verified_on"}
    late = check_transition(
        MatterStatus.RECTIFYING, MatterAction.VERIFY, Role.INSPECTOR,
        {"note": "ok", "verified_on": TODAY + dt.timedelta(days=1)}, today=TODAY,
    )
    assert [p.message for p in late] == ["核实日期不能晚于今天"]


def test_roles_and_sources_are_enforced() -> None:
    inspector = {t.action for t in available_actions(MatterStatus.RECTIFIED, Role.INSPECTOR)}
    office = {t.action for t in available_actions(MatterStatus.RECTIFIED, Role.OFFICE)}
    assert MatterAction.CLOSE not in inspector and MatterAction.CLOSE in office
    problems = check_transition(MatterStatus.OPEN, MatterAction.CLOSE, Role.INSPECTOR, {})
    assert {p.field for p in problems} == {"status", "role"}
    assert check_transition(MatterStatus.OPEN, MatterAction.ESCALATE, Role.OFFICE, {"note": "拒不整改"}) == []
    assert check_transition(MatterStatus.CLOSED, MatterAction.REOPEN, Role.OFFICE, {"note": "x", "deadline": TODAY})


def test_overdue_only_while_active() -> None:
    yesterday = TODAY - dt.timedelta(days=1)
    assert is_overdue(MatterStatus.RECTIFYING, yesterday, TODAY)
    assert not is_overdue(MatterStatus.RECTIFYING, TODAY, TODAY)
    assert not is_overdue(MatterStatus.RECTIFIED, yesterday, TODAY)
    assert not is_overdue(MatterStatus.OPEN, None, TODAY)


def test_new_matter_validation() -> None:
    problems = validate_new_matter({"source": "hotline", "category": "nope", "facts": " "}, ["wage_arrears"])
    assert {p.field for p in problems} == {"enterprise_id", "category", "facts", "source_ref"}
    assert validate_new_matter(
        {"enterprise_id": "e", "source": "informant", "category": "wage_arrears", "facts": "f"}, ["wage_arrears"]
    ) == []


def test_working_days_skip_weekends_holidays_and_count_makeup_days() -> None:
    rules = DeadlineRules()
    # Wed 2026-11-25 + 15 working days = Wed 2026-12-16
    assert rules.add(TODAY, Period(15, True)) == dt.date(2026, 12, 16)
    assert rules.add(TODAY, Period(15, False)) == dt.date(2026, 12, 10)
    friday = dt.date(2026, 11, 27)
    assert rules.add(friday, Period(1, True)) == dt.date(2026, 11, 30)
    custom = DeadlineRules.from_dict(
        {"holidays": ["2026-11-30"], "workdays": ["2026-11-28"], "reply_opinion": {"days": 60, "working": False}}
    )
    assert custom.add(friday, Period(1, True)) == dt.date(2026, 11, 28)
    assert custom.add(dt.date(2026, 11, 28), Period(1, True)) == dt.date(2026, 12, 1)
    assert custom.reply_period("opinion") == Period(60, False)
    assert DeadlineRules.from_dict(custom.to_dict()) == custom
    assert DeadlineRules.from_dict({"rectify": {"days": "x"}, "handle": {"days": -3}}) == DeadlineRules()


def test_letter_life() -> None:
    dates: dict[str, dt.date | None] = {"issued_on": TODAY, "served_on": None}
    assert [t.action for t in letter_actions(LetterStatus.DRAFT)] == [LetterAction.ISSUE, LetterAction.VOID]
    assert check_letter_transition(LetterStatus.ISSUED, LetterAction.SERVE, {"served_on": TODAY}, dates, today=TODAY) == []
    early = check_letter_transition(
        LetterStatus.ISSUED, LetterAction.SERVE, {"served_on": TODAY - dt.timedelta(days=1)}, dates, today=TODAY
    )
    assert early and "不能早于" in early[0].message
    assert check_letter_transition(LetterStatus.CLOSED, LetterAction.SERVE, {"served_on": TODAY}, dates)
    assert check_letter_transition(LetterStatus.VOID, LetterAction.ISSUE, {"issued_on": TODAY}, {})


def test_advice_letters_are_issued_by_the_office() -> None:
    assert may_issue(LetterKind.OPINION, Role.INSPECTOR)
    assert not may_issue(LetterKind.ADVICE, Role.INSPECTOR)
    assert may_issue(LetterKind.ADVICE, Role.OFFICE)
    assert next_kind(None) is LetterKind.TIPS
    assert next_kind("tips") is LetterKind.OPINION
    assert next_kind("advice") is LetterKind.ADVICE


def test_document_numbers_follow_gbt9704() -> None:
    assert format_number("示工监意", 2026, 3) == "示工监意〔2026〕3号"
    assert format_number("示工监意", 2026, 10) == "示工监意〔2026〕10号"  # no leading zeros
    with pytest.raises(ValueError):
        format_number("示工监意", 2026, 0)
    parsed = parse_number("示工监意〔2026〕12号")
    assert parsed is not None and (parsed.code, parsed.year, parsed.seq, parsed.provisional) == ("示工监意", 2026, 12, False)
    prov = format_provisional("示工监意", 2026, "天玄宇机", 4)
    assert prov == "示工监意〔2026〕临4号（天玄宇机）"
    parsed = parse_number(prov)
    assert parsed is not None and parsed.provisional and parsed.device == "天玄宇机" and parsed.seq == 4
    old = parse_number("示工监意〔2026〕临字A1B2C3-4号")  # numbers made by earlier versions still parse
    assert old is not None and old.provisional and old.device == "A1B2C3"
    assert parse_number("示工监意[2026]012号") is None
    assert parse_number("示工监意〔2026〕4号（天玄宇机）") is None
    tag = device_tag("0192f3a4-7b1c-7def-8123-4567890abcde")
    assert tag == device_tag("0192f3a4-7b1c-7def-8123-4567890abcde") and tag.endswith("机") and len(tag) == 4
    assert not any(c in "0123456789ABCDEFabcdef" for c in tag)  # readable, no hex
    assert device_tag("0192f3a4-7b1c-7def-8123-4567890abcdf") != tag


def test_basis_text_marks_unverified_and_groups_headings() -> None:
    from app.core.violations import UNVERIFIED_MARK, basis_text, has_unverified, headings_from_text

    wage = load_catalog().get("wage_arrears")
    assert wage is not None
    text = basis_text(wage.basis)
    lines = text.splitlines()
    assert all(line.endswith(UNVERIFIED_MARK) != c.verified for line, c in zip(lines, wage.basis, strict=True))
    assert has_unverified(text)
    assert headings_from_text(text) == (
        "《中华人民共和国劳动法》第五十条，《保障农民工工资支付条例》第三条、第十一条、第十二条、第十五条，"
        "《中华人民共和国劳动合同法》第三十条、第八十五条和《工资支付暂行规定》第七条"
    )
    assert headings_from_text("《劳动法》第四十四条：……\n") == "《劳动法》第四十四条"

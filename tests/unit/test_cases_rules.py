"""Pure rules of the legal-supervision network: case steps, referral states, masking, amounts, the
early-warning score and its weights file."""

from __future__ import annotations

import datetime as dt

import pytest

from app.core.cases import risk, rules


def test_case_walks_the_documented_path_and_refuses_a_skipped_step() -> None:
    status = rules.CaseStatus.RECEIVED.value
    for action in ("mediate", "fail", "to_arbitration", "close"):
        status = rules.next_case_status(status, action).value
    assert status == "closed"
    assert rules.outcome_after("arbitration", "close") == "arbitration"
    with pytest.raises(rules.TransitionError, match=r"已受理.*调解成功"):
        rules.next_case_status("received", "succeed")
    assert rules.allowed_case_actions("mediating") == [rules.CaseAction.SUCCEED, rules.CaseAction.FAIL]
    assert rules.allowed_case_actions("closed") == []


def test_referral_states_and_overdue() -> None:
    assert rules.next_referral_status("sent", "answer") is rules.ReferralStatus.ANSWERED
    with pytest.raises(rules.TransitionError, match="已撤回"):
        rules.next_referral_status("withdrawn", "answer")
    today = dt.date(2026, 11, 30)
    assert rules.referral_overdue("sent", dt.date(2026, 11, 29), today)
    assert not rules.referral_overdue("answered", dt.date(2026, 11, 1), today)


def test_masking_keeps_only_what_a_list_may_show() -> None:
    assert rules.mask_name("张三丰") == "张**"
    assert rules.mask_id_number("330106199001011234") == "330*************34"
    assert rules.mask_phone("13912345678") == "139****5678"
    assert rules.mask_name("") == ""


@pytest.mark.parametrize(("raw", "expected"), [("1,200.5元", "1200.50"), (3000, "3000.00"), ("", None)])
def test_amounts_parse(raw: object, expected: str | None) -> None:
    amount, problem = rules.parse_amount(raw, "amount_claimed", "请求金额")
    assert problem is None
    assert (str(amount) if amount is not None else None) == expected


def test_bad_amount_says_what_and_how() -> None:
    _amount, problem = rules.parse_amount("三千", "amount_claimed", "请求金额")
    assert problem is not None and "请求金额“三千”不是金额" in problem.message


def test_case_needs_an_employer_either_from_the_file_or_as_text() -> None:
    problems = rules.validate_case({"kind": "mediation", "grid_id": "g", "received_on": dt.date(2026, 1, 1)})
    assert [p.field for p in problems] == ["employer_name"]
    assert rules.validate_case({"kind": "mediation", "grid_id": "g", "received_on": dt.date(2026, 1, 1), "employer_name": "某工程队"}) == []


def test_work_log_refuses_more_resolved_than_raised() -> None:
    problems = rules.validate_work_log(
        {"inspector_id": "p", "kind": "patrol", "work_date": dt.date(2026, 1, 1), "problems_raised": 1, "problems_resolved": 2}
    )
    assert [p.field for p in problems] == ["problems_resolved"]


def test_score_is_the_sum_of_its_reasons_with_caps_and_threshold() -> None:
    weights = risk.Weights()
    score = risk.score_signals("e1", {"orders": 9, "cancelled": 1, "headcount_drop": 0.1, "arrears": 2.5}, weights)
    # orders capped at 5 → 40; cancelled 40; arrears 2.5 × 4 = 10; a 10 % drop is below the threshold
    assert score.score == 90.0
    assert sum(r.points for r in score.reasons) == score.score
    assert [r.rule for r in score.reasons] == ["orders", "cancelled", "arrears"]
    assert score.level == "high"
    assert "12351工单 9件（+40）" in score.reason_text()


def test_weights_file_is_checked_and_tunes_the_score() -> None:
    tuned = risk.Weights.from_dict({"weights": {"orders": 1}, "levels": {"high": 5}})
    score = risk.score_signals("e1", {"orders": 3}, tuned)
    assert (score.score, score.level) == (3.0, "low")
    with pytest.raises(ValueError, match=r"weights\.nonsense"):
        risk.Weights.from_dict({"weights": {"nonsense": 1}})
    with pytest.raises(ValueError, match="不小于 0"):
        risk.Weights.from_dict({"weights": {"orders": -1}})


def test_aggregate_per_group() -> None:
    weights = risk.Weights()
    scores = risk.score_many({"a": {"cancelled": 1, "abnormal": 1}, "b": {"orders": 1}, "c": {}}, weights)
    assert [s.key for s in scores] == ["a", "b", "c"]
    groups = risk.aggregate(scores, {"a": "建筑业", "b": "建筑业", "c": "餐饮业"})
    assert groups["建筑业"] == (36.5, 2, 1)
    assert groups["餐饮业"] == (0.0, 0, 0)

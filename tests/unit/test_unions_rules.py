"""Union rules: founding-step order, derived statuses, the yearly check score, masking, overdue."""

from __future__ import annotations

import datetime as dt

import pytest

from app.core import unions as rules
from app.core.enterprise import UnionStatus

D = dt.date


def test_steps_must_follow_each_other_in_order_and_date() -> None:
    rules.check_step({}, "apply", D(2026, 1, 5))
    with pytest.raises(rules.UnionRuleError, match="须先完成“申请”"):
        rules.check_step({}, "prep_group", D(2026, 1, 5))
    with pytest.raises(rules.UnionRuleError, match="早于“申请”"):
        rules.check_step({"apply": D(2026, 1, 5)}, "prep_group", D(2026, 1, 4))
    with pytest.raises(rules.UnionRuleError, match="晚于已记录的"):
        rules.check_step({"apply": D(2026, 1, 5), "prep_group": D(2026, 1, 6)}, "apply", D(2026, 1, 9))


def test_union_and_unit_state_are_derived() -> None:
    assert rules.union_state({}) == (UnionStatus.NONE, None)
    assert rules.union_state({"apply": D(2026, 1, 1)}) == (UnionStatus.PREPARING, None)
    done = {"apply": D(2026, 1, 1), "prep_group": D(2026, 1, 2), "assembly": D(2026, 2, 1), "approval": D(2026, 3, 1)}
    assert rules.union_state(done) == (UnionStatus.ESTABLISHED, D(2026, 3, 1))
    assert rules.current_step(done) == "approval"
    both = [(UnionStatus.PREPARING, None), (UnionStatus.ESTABLISHED, D(2026, 3, 1)), (UnionStatus.ESTABLISHED, D(2025, 3, 1))]
    assert rules.derive_unit_state(both) == (UnionStatus.ESTABLISHED, D(2025, 3, 1))
    assert rules.derive_unit_state([(UnionStatus.PREPARING, None)]) == (UnionStatus.PREPARING, None)
    assert rules.derive_unit_state([]) == (UnionStatus.NONE, None)


def test_yearly_check_scores_with_reasons() -> None:
    items = rules.parse_check_items(
        {"items": [
            {"code": "election", "label": "按期换届", "weight": 40, "reason": "未按期换届"},
            {"code": "activities", "label": "活动次数", "weight": 60, "kind": "count", "target": 4},
        ]}
    )
    full = rules.score_check(items, {"election": True, "activities": 5})
    assert (full.score, full.max_score, full.percent, full.reasons) == (100, 100, 100, [])
    half = rules.score_check(items, {"election": False, "activities": 2})
    assert half.score == 30 and half.reasons == ["未按期换届", "活动次数：2次，未达到4次"]
    assert rules.is_slipping(half.percent)
    with pytest.raises(rules.UnionRuleError, match="第2项的代码“a”重复"):
        rules.parse_check_items({"items": [{"code": "a", "label": "x"}, {"code": "a", "label": "y"}]})


def test_member_ids_checked_and_masked() -> None:
    assert rules.member_id_problem("11010519491231002X") is None
    assert "校验位" in (rules.member_id_problem("110105194912310021") or "")
    assert rules.member_id_problem("") == "未填写身份证号码"
    assert rules.mask_id_number("11010519491231002X") == "1101**********002X"
    assert rules.key_group_code("外卖骑手") == "rider" and rules.key_group_code("快递小哥") == "courier"


def test_services_overdue_and_outcome_required() -> None:
    today = D(2026, 5, 1)
    assert rules.is_service_overdue("open", D(2026, 4, 30), today)
    assert not rules.is_service_overdue("delivered", D(2026, 4, 30), today)
    assert rules.service_transition_problem("open", "delivered", " ") == "办结或无法办理时须填写办理结果"
    assert rules.service_transition_problem("open", "delivered", "已推荐培训班") is None


def test_before_after_counts_the_year_on_each_side() -> None:
    founded = D(2026, 1, 1)
    result = rules.before_after(
        founded,
        orders=[D(2025, 3, 1), D(2025, 6, 1), D(2026, 2, 1), D(2027, 2, 1)],
        matters=[D(2025, 12, 31)],
        headcounts=[(D(2025, 1, 10), 40), (D(2025, 7, 1), 30), (D(2026, 3, 1), 50), (D(2026, 9, 1), 52)],
    )
    assert (result.orders_before, result.orders_after, result.matters_before, result.matters_after) == (2, 1, 1, 0)
    assert result.turnover_before == round(10 / 35, 3)
    assert result.turnover_after == round(2 / 51, 3)

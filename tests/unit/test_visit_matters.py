"""From a visit that found problems to one proposed matter per problem category, registered only when
asked, each with its 提示函 drafted; and the form's two-person rule."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from sqlmodel import select

from app import formkit
from app.catalog import load_catalog
from app.core.problems import ValidationError
from app.core.visit_problems import propose
from app.documents import letter_flow
from app.formkit.answers import person_names
from app.store import changes
from app.store import matters as repo
from app.store import visits as visit_repo
from app.store.db import Database
from app.store.tables import Enterprise, Grid
from app.store.tables.matters import Letter, Matter

DAY = dt.date.today() - dt.timedelta(days=2)
SUMMARY = "车间一线职工9月、10月工资至今未发放，涉及23人；一名怀孕7个月的女职工仍被安排夜班。"


def _visit(db: Database, answers: dict[str, Any], status: str = "submitted") -> str:
    with db.write() as session:
        grid = changes.insert(session, Grid(code="G01", name="东湖网格", district="示范区"), "t")
        enterprise = changes.insert(session, Enterprise(name="示范区恒通精密制造有限公司", grid_id=grid.id), "t")
        visit = visit_repo.save_draft(
            session, visit_id=None, enterprise_id=enterprise.id, form_id="sanchasanji", form_version=1,
            answers=answers, visit_date=DAY, inspector_id=None, summary="", actor="t", status=status,
        )
        return visit.id


def test_two_categories_in_one_summary_give_two_matters_with_their_own_facts() -> None:
    found = propose({"problems_found": True, "problem_summary": SUMMARY}, load_catalog(), visit_date=DAY)
    assert [p.category for p in found] == ["wage_arrears", "women_equality"]
    wages, women = found
    assert "工资至今未发放" in wages.facts and "怀孕" not in wages.facts
    assert "怀孕7个月" in women.facts and "工资" not in women.facts
    assert wages.facts.startswith(f"{DAY.year}年{DAY.month}月{DAY.day}日")


def test_specific_words_win_and_form_answers_add_their_categories() -> None:
    catalog = load_catalog()
    found = propose(
        {"problems_found": True, "problem_summary": "休息日加班未支付加班工资。", "contracts_signed": False,
         "contracts_missing": 8, "hazards": ["防护用品不足"], "problem_categories": ["社会保险"]},
        catalog,
    )
    codes = [p.category for p in found]
    assert "overtime_pay" in codes and "wage_arrears" not in codes  # 加班工资 is overtime pay, not 欠薪
    assert {"labour_contract", "safety_health", "social_insurance"} <= set(codes)
    assert "8名职工未签订书面劳动合同" in next(p for p in found if p.category == "labour_contract").facts
    assert propose({"problems_found": False, "problem_summary": SUMMARY}, catalog) == []
    for summary, expected in [
        ("休息日安排加班既未补休也未支付加班工资。", ["overtime_pay"]),  # about pay only
        ("每月加班80小时，未付加班费。", ["overtime_pay", "hours_leave"]),  # hours over the limit too
        ("怀孕7个月的女职工仍被安排夜班，单位未缴纳生育保险。", ["social_insurance", "women_equality"]),
    ]:
        got = propose({"problems_found": True, "problem_summary": summary}, catalog)
        assert sorted(p.category for p in got) == sorted(expected), summary
    vague = propose({"problems_found": True, "problem_summary": "单位负责人态度消极。"}, catalog)
    assert len(vague) == 1 and vague[0].category == ""  # the user picks the category


def test_proposals_write_nothing_and_registering_drafts_the_tips_letters(db: Database) -> None:
    visit_id = _visit(db, {"problems_found": True, "problem_summary": SUMMARY, "visitors": "张明、李华"})
    with db.read() as session:
        proposals = repo.propose_from_visit(session, visit_id)
        assert session.exec(select(Matter)).all() == []
    assert [p.category for p in proposals] == ["wage_arrears", "women_equality"]
    assert "张明、李华走访时发现" in proposals[0].facts
    assert "保障农民工工资支付条例" in proposals[0].legal_basis and proposals[0].demand
    assert "女职工劳动保护特别规定" in proposals[1].legal_basis

    with db.write() as session:
        done = letter_flow.register_visit_matters(session, visit_id, proposals, actor="t")
    assert len(done) == 2 and all(letter is not None for _m, letter in done)
    with db.read() as session:
        matters = session.exec(select(Matter)).all()
        assert sorted(m.category for m in matters) == ["wage_arrears", "women_equality"]
        assert all(m.source == "visit" and m.source_ref == visit_id and m.opened_on == DAY for m in matters)
        letters = session.exec(select(Letter)).all()
        assert sorted(le.kind for le in letters) == ["tips", "tips"] and {le.status for le in letters} == {"draft"}
        again = repo.propose_from_visit(session, visit_id)
        assert all(p.registered for p in again)
    with db.write() as session:  # pressing twice never registers twice
        assert letter_flow.register_visit_matters(session, visit_id, again, actor="t") == []
        proposals[0].category = ""
        with pytest.raises(ValidationError, match="请为走访发现的问题选择违法类别"):
            repo.register_from_visit(session, visit_id, [proposals[0]], actor="t")


def test_only_a_submitted_visit_proposes(db: Database) -> None:
    visit_id = _visit(db, {"problems_found": True, "problem_summary": SUMMARY}, status="draft")
    with db.read() as session, pytest.raises(ValidationError, match="尚未提交"):
        repo.propose_from_visit(session, visit_id)


def test_visitors_need_two_distinct_names() -> None:
    definition = formkit.load("sanchasanji", 1)
    assert [r.kind for r in definition.field("visitors").rules] == ["distinct_names"]
    assert person_names("王芳、 王芳 , 李强") == ["王芳", "李强"]
    answers = {"visit_date": dt.date.today().isoformat(), "met_person": "人事经理"}
    for bad in ("王芳", "王芳、王芳", "王芳，王芳 "):
        problems = formkit.validate(definition, {**answers, "visitors": bad})
        assert problems["visitors"][0].message == "走访人员须填写至少两位不同人员的姓名，用顿号分隔。"
    for good in ("王芳、李强", "王芳和李强", "王芳 李强、赵丽华"):
        assert "visitors" not in formkit.validate(definition, {**answers, "visitors": good})

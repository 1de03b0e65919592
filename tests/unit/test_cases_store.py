"""The case register, receptions, referrals, campaigns, roles and work logs against a real database:
rows, steps, outbox entries, audit entries without personal data, and figures."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from sqlalchemy import text
from sqlmodel import col, select

from app.core.cases.rules import TransitionError
from app.core.problems import ValidationError
from app.store import campaigns, referrals, worklogs
from app.store import cases as case_repo
from app.store.db import Database
from app.store.tables import Enterprise, Grid, Inspector, Outbox
from app.store.tables.cases import CaseStep, LegalCase, Reception, Referral
from app.store.tables.workorders import WorkOrder, WorkOrderEvent


def _firm(s: object) -> Enterprise:
    firm = s.exec(select(Enterprise).order_by(col(Enterprise.name))).first()  # type: ignore[attr-defined]
    assert firm is not None
    return firm


def test_case_with_parties_and_steps_keeps_personal_data_out_of_the_audit_log(demo_db: Database) -> None:
    with demo_db.write() as s:
        firm = _firm(s)
        case = case_repo.create_case(
            s,
            {"kind": "mediation", "enterprise_id": firm.id, "category": "wage_arrears", "claim_note": "拖欠工资",
             "amount_claimed": 12000.0, "workers_involved": 2, "received_on": dt.date(2026, 11, 2)},
            "clerk",
            [case_repo.PartyInput("张小明", "330106199001011234", "13912345678")],
        )
        assert case.grid_id == firm.grid_id and case.employer_name == firm.name
        case_repo.apply_step(s, case.id, "mediate", "clerk", on=dt.date(2026, 11, 3))
        case_repo.apply_step(s, case.id, "succeed", "clerk", on=dt.date(2026, 11, 5))
        case_repo.apply_step(s, case.id, "close", "clerk", on=dt.date(2026, 11, 9), amount_recovered=11000.0)
        with pytest.raises(TransitionError):
            case_repo.apply_step(s, case.id, "mediate", "clerk")
        case_id = case.id
    with demo_db.read() as s:
        row = s.get(LegalCase, case_id)
        assert row is not None
        assert (row.status, row.outcome, row.closed_on, row.amount_recovered) == ("closed", "succeeded", dt.date(2026, 11, 9), 11000.0)
        assert [st.action for st in case_repo.steps(s, case_id)] == ["accept", "mediate", "succeed", "close"]
        assert case_repo.masked_parties(s, case_id) == [{"role": "职工", "name": "张**", "id_number": "330*************34", "phone": "139****5678"}]
        listed = case_repo.page(s, case_repo.CaseFilter(query=row.number), 0, 10)
        assert listed[0]["parties"] == "张**"
        audit_text = " ".join(str(r) for r in s.connection().execute(text("SELECT fields, detail FROM audit_log WHERE entity = 'case_party'")).all())
        assert "张小明" not in audit_text and "13912345678" not in audit_text and "330106199001011234" not in audit_text
        entities = {o.entity for o in s.exec(select(Outbox)).all()}
        assert {"legal_case", "case_party", "case_step"} <= entities


def test_case_with_a_free_text_employer_and_bad_input(demo_db: Database) -> None:
    with demo_db.write() as s:
        grid = s.exec(select(Grid)).first()
        assert grid is not None
        case = case_repo.create_case(
            s, {"kind": "legal_aid", "employer_name": "王某个体工程队", "grid_id": grid.id, "received_on": dt.date(2026, 11, 1)}, "clerk"
        )
        assert case.enterprise_id is None and case.number.startswith("FY2026-")
        with pytest.raises(ValidationError, match="请填写用人单位"):
            case_repo.create_case(s, {"kind": "mediation", "grid_id": grid.id}, "clerk")
        with pytest.raises(ValidationError, match="步骤日期不能早于受理日期"):
            case_repo.apply_step(s, case.id, "to_litigation", "clerk", on=dt.date(2026, 10, 1))


def test_walk_in_reception_becomes_a_case_or_a_matter(demo_db: Database) -> None:
    with demo_db.write() as s:
        grid = s.exec(select(Grid)).first()
        assert grid is not None
        firm = _firm(s)
        rec = case_repo.receive(s, {"grid_id": grid.id, "person_name": "李四", "phone": "13800001111", "content": "公司两个月没发工资",
                                    "employer_name": "不知名公司", "category": "wage_arrears"}, "desk")
        case = case_repo.reception_to_case(s, rec.id, "mediation", "desk")
        assert case.source == "reception" and case.reception_id == rec.id
        assert [p.person_name for p in case_repo.parties(s, case.id)] == ["李四"]
        with pytest.raises(ValidationError, match="已处理"):
            case_repo.reception_to_case(s, rec.id, "mediation", "desk")
        rec2 = case_repo.receive(s, {"grid_id": grid.id, "person_name": "王五", "content": "加班不给加班费"}, "desk")
        matter_id = case_repo.reception_to_matter(s, rec2.id, firm.id, "overtime_pay", "desk")
        again = s.get(Reception, rec2.id)
        assert again is not None and (again.outcome, again.outcome_id) == ("matter", matter_id)
        with pytest.raises(ValidationError, match="请填写来访职工姓名"):
            case_repo.receive(s, {"grid_id": grid.id, "content": "x"}, "desk")


def test_referrals_from_case_order_and_advice_letter_with_answers(demo_db: Database) -> None:
    with demo_db.write() as s:
        referrals.ensure_default_departments(s, "office")
        dept = referrals.departments(s)[0]
        case = s.exec(select(LegalCase)).first()
        assert case is not None
        ref = referrals.refer(s, source_table="legal_case", source_id=case.id, department_id=dept.id, sent_on=dt.date(2026, 11, 1),
                              due_on=dt.date(2026, 11, 16), actor="office")
        assert ref.grid_id == case.grid_id and case.number in ref.subject
        referrals.record_answer(s, ref.id, answered_on=dt.date(2026, 11, 10), answer_note="已立案", result="已立案查处", actor="office")
        referrals.close(s, ref.id, "office", dt.date(2026, 11, 12))
        order = s.exec(select(WorkOrder).where(WorkOrder.status == "received")).first()
        assert order is not None
        sent = referrals.dispatch_order_to_department(s, order.id, dept.id, "office")
        assert order.status == "dispatched" and sent.source_table == "work_order"
        event = s.exec(select(WorkOrderEvent).where(WorkOrderEvent.work_order_id == order.id, WorkOrderEvent.action == "dispatch")).all()[-1]
        assert event.note == f"派往{dept.name}"
        advice = s.connection().execute(text("SELECT id FROM letter WHERE kind = 'advice' LIMIT 1")).scalar()
        if advice:
            answered = referrals.record_advice_answer(s, advice, dept.id, answered_on=dt.date.today(), answer_note="已责令整改",
                                                      result="已责令整改", actor="office")
            assert (answered.source_table, answered.status) == ("letter", "answered")
        with pytest.raises(ValidationError, match="部门代码 RS 已被"):
            referrals.save_department(s, "office", name="另一个", code="rs")
    with demo_db.read() as s:
        rows = referrals.page(s, referrals.ReferralFilter(), 0, 100)
        assert any(r["status"] == "closed" for r in rows)
        assert s.get(Referral, ref.id).answer_note == "已立案"  # type: ignore[union-attr]


def test_campaign_notice_selection_roles_and_figures(demo_db: Database) -> None:
    with demo_db.write() as s:
        grid = s.exec(select(Grid).order_by(col(Grid.code))).first()
        assert grid is not None
        campaign = campaigns.create_campaign(s, name="一法一条例执法检查", start_on=dt.date(2026, 11, 1), actor="office")
        ids = campaigns.select_enterprises(s, campaigns.Selection(grid_id=grid.id))
        assert campaigns.add_enterprises(s, campaign.id, ids[:5], "office") == 5
        assert campaigns.add_enterprises(s, campaign.id, ids[:6], "office") == 1
        campaigns.record_result(s, campaign.id, ids[0], checked_on=dt.date(2026, 11, 3), problems_found=2, problems_resolved=1,
                                result_note="整改中", actor="office")
        figures = campaigns.campaign_figures(s, campaign.id)
        assert figures == campaigns.CampaignFigures(6, 1, 2, 1)
        assert set(campaigns.select_enterprises(s, campaigns.Selection(campaign_id=campaign.id))) == set(ids[:6])
        person = s.exec(select(Inspector).order_by(col(Inspector.account))).first()
        assert person is not None
        worklogs.set_roles(s, person.id, ["mediator", "supervisor"], "office")
        assert worklogs.roles_of(s, person.id) == ["supervisor", "mediator"]
        worklogs.set_roles(s, person.id, ["supervisor"], "office")
        assert worklogs.roles_of(s, person.id) == ["supervisor"]
        for firm_id, raised, resolved in ((ids[0], 2, 1), (ids[0], 1, 1), (ids[1], 0, 0)):
            worklogs.add_log(s, {"inspector_id": person.id, "grid_id": grid.id, "kind": "patrol", "work_date": dt.date(2099, 1, 5),
                                 "enterprise_id": firm_id, "problems_raised": raised, "problems_resolved": resolved}, "office")
        per_person = [f for f in worklogs.figures_per_person(s, dt.date(2099, 1, 1)) if f.key == person.id]
        assert per_person and (per_person[0].visits, per_person[0].enterprises, per_person[0].problems_raised, per_person[0].problems_resolved) == (3, 2, 3, 2)
        per_role = {f.key: f for f in worklogs.figures_per_role(s, dt.date(2099, 1, 1))}
        assert per_role["supervisor"].visits == 3 and per_role["supervisor"].label == "劳动法律监督员"


def test_demo_district_shows_every_record_kind(demo_db: Database) -> None:
    with demo_db.read() as s:
        conn = s.connection()
        for table in ("legal_case", "case_party", "case_step", "reception", "referral", "department", "campaign",
                      "campaign_enterprise", "public_notice", "person_role", "work_log"):
            assert conn.execute(text(f"SELECT count(*) FROM {table}")).scalar_one() > 0, table
        statuses = {r[0] for r in conn.execute(text("SELECT DISTINCT status FROM legal_case")).all()}
        assert {"received", "mediating", "closed"} <= statuses
        notice = conn.execute(text("SELECT letter_count, pdf_attachment_id FROM public_notice")).one()
        letters = conn.execute(text("SELECT count(*) FROM letter WHERE pdf_attachment_id = :a"), {"a": notice[1]}).scalar_one()
        assert letters == notice[0] > 0
        body = json.loads(conn.execute(text("SELECT body FROM letter WHERE pdf_attachment_id = :a LIMIT 1"), {"a": notice[1]}).scalar_one())
        assert body["number"] and body["addressee"]
        assert s.exec(select(CaseStep)).first() is not None


def test_figures_on_the_report_and_in_the_monthly_workbook(demo_db: Database, tmp_path: object) -> None:
    from pathlib import Path

    import openpyxl

    from app.documents.report_xlsx import export_report
    from app.store import stats

    today = dt.date.today()
    with demo_db.read() as s:
        report = stats.build_report(s, stats.Period.months(today.replace(year=today.year - 1), today))
    cases = report.cases
    assert cases is not None
    assert cases.received > 0 and cases.recovered > 0 and cases.referrals_sent > 0 and cases.notices == 1
    assert sum(k.closed for k in cases.kinds) >= sum(k.succeeded + k.failed + k.arbitration + k.litigation for k in cases.kinds) > 0
    assert {f.key for f in cases.per_role} >= {"supervisor", "mediator"}
    target = export_report(report, Path(str(tmp_path)) / "report.xlsx")
    book = openpyxl.load_workbook(target)
    assert {"案件", "法律监督概要", "三员（按角色）", "三员（按人员）"} <= set(book.sheetnames)
    sheet = book["案件"]
    assert sheet["A3"].value == "劳动争议调解" and sheet.cell(sheet.max_row, 1).value == "合计"
    assert sheet.cell(sheet.max_row, 10).value == cases.recovered


def test_check_reports_the_register_and_what_waits(demo_db: Database) -> None:
    from app.planning.cases_health import check_cases
    from app.store import changes

    results = {r.name: r for r in check_cases(demo_db.paths)}
    assert results["预警权重"].level == "ok" and results["案件登记"].level == "ok"
    assert "案件步骤" not in results
    with demo_db.write() as s:
        case = s.exec(select(LegalCase).where(LegalCase.status == "received")).first()
        assert case is not None
        changes.update(s, case, {"status": "mediating"}, "someone")  # as if a step was lost
    results = {r.name: r for r in check_cases(demo_db.paths)}
    assert results["案件步骤"].level == "warn" and results["案件步骤"].message.startswith("1 件案件")
    (demo_db.paths.root / "risk_weights.json").write_text('{"weights": {"orders": "many"}}', encoding="utf-8")
    results = {r.name: r for r in check_cases(demo_db.paths)}
    assert results["预警权重"].level == "fail" and "orders" in results["预警权重"].message

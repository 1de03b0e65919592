"""The legislative contact point: network, consultations, tasks, meetings, suggestions along their path,
questionnaire returns and their tally, the 意见汇总 PDF and the year's figures."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pdfplumber
import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from openpyxl import load_workbook
from sqlmodel import SQLModel, select

from app import formkit
from app.core.problems import ValidationError
from app.documents import legislation as docs
from app.formkit import questionnaires
from app.store import legislation as repo
from app.store.audit import is_sensitive
from app.store.db import Database
from app.store.tables import Enterprise, Grid, Outbox
from app.store.tables.legislation import Suggestion
from app.store.tables.matters import Matter

TODAY = dt.date.today()
D0 = TODAY - dt.timedelta(days=30)


def test_migration_matches_the_tables(db: Database) -> None:
    with db.write_engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), SQLModel.metadata)
    mine = [d for d in diff if "lf_" in repr(d)]
    assert mine == []


@pytest.fixture
def network(db: Database) -> dict[str, str]:
    with db.write() as s:
        grid = Grid(code="G1", name="东湖网格")
        s.add(grid)
        s.flush()
        unit = repo.add_unit(s, name="东湖科技园", kind="园区", town="东湖街道", actor="office", grid_id=grid.id)
        point = repo.add_point(s, name="东湖街道采集点", town="东湖街道", unit_id=unit.id, actor="office",
                               grid_id=grid.id)
        ann = repo.add_informant(s, name="孙立", field_of_work="外卖配送", unit_id=unit.id, point_id=point.id,
                                 phone="13900001111", actor="office", grid_id=grid.id)
        bob = repo.add_informant(s, name="钱进", field_of_work="律师", unit_id=unit.id, actor="office")
        c = repo.create_consultation(s, title="新就业形态劳动者权益保障条例（草案）", issuing_body="市人大常委会法工委",
                                     received_on=D0, deadline=TODAY + dt.timedelta(days=10), actor="office")
        return {"grid": grid.id, "unit": unit.id, "point": point.id, "ann": ann.id, "bob": bob.id, "c": c.id}


def test_tasks_go_once_to_each_target_and_returns_become_suggestions(db: Database, network: dict[str, str]) -> None:
    with db.write() as s:
        made = repo.send_tasks(s, network["c"], [("informant", network["ann"]), ("informant", network["bob"]),
                                                  ("unit", network["unit"])], sent_on=D0, actor="office")
        again = repo.send_tasks(s, network["c"], [("informant", network["ann"])], sent_on=D0, actor="office")
        assert len(made) == 3 and again == []
        task = next(t for t in made if t.target_id == network["ann"])
        assert task.grid_id == network["grid"] and task.due_on == TODAY + dt.timedelta(days=10)
        got = repo.record_return(s, task.id, returned_on=D0 + dt.timedelta(days=3), note="骑手座谈后反馈", actor="office",
                                 suggestions=[("第十二条", "明确平台抽成比例的公示义务"), ("", "  ")])
        assert len(got) == 1
        assert got[0].informant_id == network["ann"] and got[0].unit_id == network["unit"]
        assert got[0].source_kind == "task" and got[0].grid_id == network["grid"]
        with pytest.raises(ValidationError, match="不能早于任务发送日期"):
            repo.record_return(s, task.id, returned_on=D0 - dt.timedelta(days=1), actor="office")
    with db.read() as s:
        figures = repo.consultation_figures(s, network["c"])
        assert (figures.tasks, figures.returned, figures.suggestions) == (3, 1, 1)
        outbox = [o.entity for o in s.exec(select(Outbox))]
        assert outbox.count("lf_task") >= 4 and "lf_suggestion" in outbox


def test_suggestion_path_merge_send_decide(db: Database, network: dict[str, str]) -> None:
    with db.write() as s:
        a = repo.add_suggestion(s, content="建议写明骑手休息时间", article="第十条", informant_id=network["ann"],
                                unit_id=network["unit"], consultation_id=network["c"], actor="x", collected_on=D0)
        b = repo.add_suggestion(s, content="休息区应设在商圈", article="第十条", consultation_id=network["c"], actor="x",
                                collected_on=D0)
        c = repo.add_suggestion(s, content="职业伤害保障覆盖兼职骑手", article="第二十条", consultation_id=network["c"],
                                actor="x", collected_on=D0)
        with pytest.raises(ValidationError, match="至少需要选择两条"):
            repo.merge(s, [a.id], content="x", actor="x")
        summary = repo.merge(s, [a.id, b.id], content="明确休息时间并在商圈设置休息点", actor="x")
        assert summary.is_summary and summary.article == "第十条"
        assert {r.id for r in repo.sources(s, summary.id)} == {a.id, b.id}
        assert s.get(Suggestion, a.id).status == "summarised"  # type: ignore[union-attr]
        with pytest.raises(ValidationError, match="只有“已收集”"):
            repo.merge(s, [a.id, c.id], content="y", actor="x")
        with pytest.raises(ValidationError, match="报送之后"):
            repo.decide(s, summary.id, outcome="adopted", law="某条例", decided_on=TODAY, actor="x")
        with pytest.raises(ValidationError, match="文号"):
            repo.send(s, [summary.id], number=" ", sent_on=TODAY, actor="x")
        repo.send(s, [summary.id, c.id], number="〔2026〕3号", sent_on=TODAY - dt.timedelta(days=5), actor="x")
        with pytest.raises(ValidationError, match="法律法规名称"):
            repo.decide(s, summary.id, outcome="adopted", law="", decided_on=TODAY, actor="x")
        with pytest.raises(ValidationError, match="不能早于报送日期"):
            repo.decide(s, summary.id, outcome="adopted", law="某条例", decided_on=TODAY - dt.timedelta(days=9), actor="x")
        repo.decide(s, summary.id, outcome="partly_adopted", law="某市新就业形态劳动者权益保障条例", article="第十一条",
                    decided_on=TODAY, actor="x")
        repo.decide(s, c.id, outcome="not_adopted", decided_on=TODAY, actor="x")
        # the informant's own suggestion shows what became of it
        first = s.get(Suggestion, a.id)
        assert first is not None and first.status == "partly_adopted" and first.outcome_article == "第十一条"
    with db.read() as s:
        f = repo.year_figures(s, TODAY.year)
        if D0.year == TODAY.year:
            assert f.suggestions == 3 and f.summaries == 1
        assert (f.partly_adopted, f.not_adopted, f.laws_adopting) == (2, 1, 1)
        assert ("孙立", 1, 1) in f.per_informant
        page = repo.page_suggestions(s, repo.SuggestionFilter(summaries_only=True), 0, 10)
        assert len(page) == 1 and page[0]["source_count"] == 2
        assert repo.count_suggestions(s, repo.SuggestionFilter(query="商圈")) == 2


def test_a_suggestion_becomes_one_matter(db: Database, network: dict[str, str]) -> None:
    with db.write() as s:
        ent = Enterprise(name="速达配送站", credit_code="", grid_id=network["grid"])
        s.add(ent)
        s.flush()
        sug = repo.add_suggestion(s, content="该站点骑手反映被克扣工资", informant_id=network["ann"], actor="x")
        matter = repo.to_matter(s, sug.id, enterprise_id=ent.id, category="wage_arrears", actor="x")
        again = repo.to_matter(s, sug.id, enterprise_id=ent.id, category="wage_arrears", actor="x")
        assert again.id == matter.id
        assert matter.source == "informant" and "孙立" in matter.informant and matter.source_ref == sug.id
    with db.read() as s:
        assert len(list(s.exec(select(Matter)))) == 1


def test_meetings_are_checked(db: Database, network: dict[str, str]) -> None:
    with db.write() as s:
        repo.add_meeting(s, network["c"], kind="hearing", held_on=D0, place="职工之家", attendance=23, actor="x")
        with pytest.raises(ValidationError, match="会议类型"):
            repo.add_meeting(s, network["c"], kind="party", held_on=D0, actor="x")
        with pytest.raises(ValidationError, match="晚于今天"):
            repo.add_meeting(s, network["c"], kind="expert", held_on=TODAY + dt.timedelta(days=2), actor="x")
    with db.read() as s:
        assert repo.consultation_figures(s, network["c"]).attendance == 23


def test_personal_data_is_not_audited() -> None:
    assert is_sensitive("phone") and is_sensitive("contact_phone") and is_sensitive("respondent")
    assert is_sensitive("content") and is_sensitive("returned_note")


def _answers(**extra: object) -> dict[str, object]:
    base: dict[str, object] = {
        "filled_on": D0.isoformat(), "occupation": "外卖骑手", "years": 2, "daily_hours": 10.5,
        "agreement": "劳务或合作协议", "insurance": ["职业伤害保障"], "concerns": ["报酬计算和抽成", "社会保险"],
        "joined_union": False,
    }
    base.update(extra)
    return base


def test_questionnaire_returns_are_counted_and_tallied(db: Database, network: dict[str, str], tmp_path: Path) -> None:
    definition = formkit.load("xinjiuye_survey")
    assert ("xinjiuye_survey", definition.version, definition.title) in questionnaires.questionnaire_ids()
    assert all(fid != "sanchasanji" for fid, _v, _t in questionnaires.questionnaire_ids())
    with db.write() as s:
        questionnaires.record(s, definition, _answers(), actor="x", consultation_id=network["c"])
        questionnaires.record(s, definition, _answers(occupation="快递员", years=5, insurance=["养老保险", "医疗保险"]),
                              actor="x", consultation_id=network["c"])
        incomplete = _answers()
        del incomplete["agreement"]
        bad = questionnaires.record(s, definition, incomplete, actor="x", consultation_id=network["c"])
        assert not bad.valid and "签订" in bad.invalid_reason
        with pytest.raises(ValidationError, match="每天平均工作时长"):
            questionnaires.record(s, definition, _answers(daily_hours=30), actor="x")
        # hidden answers are not kept
        kept = questionnaires.record(s, definition, _answers(contact_phone="13900002222"), actor="x")
        assert "contact_phone" not in json.loads(kept.answers)
    with db.read() as s:
        assert repo.return_counts(s, "xinjiuye_survey", network["c"]) == (2, 1)
        rows = repo.returns(s, "xinjiuye_survey", network["c"], valid_only=False)
    tallies = {t.field_id: t for t in questionnaires.tally(definition, rows)}
    assert dict(tallies["occupation"].options)["外卖骑手"] == 1
    assert dict(tallies["occupation"].options)["快递员"] == 1
    assert dict(tallies["joined_union"].options) == {"是": 0, "否": 2}
    assert tallies["years"].mean == pytest.approx(3.5) and tallies["years"].maximum == 5
    header, table = questionnaires.answer_table(definition, rows)
    target = docs.export_questionnaire(definition.title, [("职业", "外卖骑手", 1, "50%")], header, table,
                                       tmp_path / "q.xlsx")
    wb = load_workbook(target)
    assert wb.sheetnames == ["统计", "答卷"]
    assert wb["答卷"].max_row == 2 + 3 and wb["答卷"]["A3"].value in ("是", "否")


def test_summary_pdf_groups_by_article(db: Database, network: dict[str, str]) -> None:
    with db.write() as s:
        a = repo.add_suggestion(s, content="建议明确休息时间", article="第十条", consultation_id=network["c"], actor="x")
        b = repo.add_suggestion(s, content="休息点设在商圈", article="第十条", consultation_id=network["c"], actor="x")
        repo.add_suggestion(s, content="第三条的定义应包括网约车司机", article="第三条", consultation_id=network["c"],
                            actor="x")
        repo.merge(s, [a.id, b.id], content="明确休息时间，在商圈设置休息点", actor="x")
    info = docs.SummaryInput(issuer="示范区总工会", signature="示范区总工会", number="示工联〔2026〕7号",
                             date=dt.date(2026, 11, 20))
    with db.read() as s:
        rendered = docs.render_summary(s, network["c"], info)
        with pytest.raises(ValueError, match="找不到"):
            docs.render_summary(s, "nope", info)
    import io

    with pdfplumber.open(io.BytesIO(rendered.pdf)) as pdf:
        text = "".join((p.extract_text() or "") for p in pdf.pages).replace(" ", "").replace("\n", "")
    assert "关于《新就业形态劳动者权益保障条例（草案）》的意见建议汇总" in text
    assert "示工联〔2026〕7号" in text and "市人大常委会法工委" in text
    assert text.index("关于第三条") < text.index("关于第十条")
    assert "（归纳2条意见）" in text
    assert "2026年11月20日" in text


def test_demo_district_has_a_contact_point(demo_db: Database) -> None:
    definition = formkit.load("xinjiuye_survey")
    with demo_db.read() as s:
        f = repo.year_figures(s, (TODAY - dt.timedelta(days=20)).year)
        page = repo.page_consultations(s, repo.ConsultationFilter(), 0, 10)
        rows = repo.returns(s, "xinjiuye_survey", valid_only=False)
        informants = repo.count_informants(s, repo.InformantFilter())
    assert len(page) == 2 and informants == 18
    assert any(r["status"] == "sent" for r in page)
    # the demo's returns are what the form itself would accept: valid ones complete, invalid ones not
    for r in rows:
        problems = formkit.validate(definition, json.loads(r.answers), "submit", today=r.filled_on)
        assert (not problems) == r.valid
    assert sum(r.valid for r in rows) == 21
    assert f.adopted >= 1 and f.laws_adopting == 1


def test_check_and_monthly_xlsx_report_the_contact_point(demo_db: Database, tmp_path: Path) -> None:
    from app.documents.report_xlsx import export_report
    from app.health import check_legislation
    from app.store import stats

    results = check_legislation(demo_db.paths)
    assert results[0].level == "ok" and "2 项征询" in results[0].message and "18 名信息员" in results[0].message
    assert "新就业形态劳动者权益保障立法调研问卷" in results[-1].message
    start = TODAY - dt.timedelta(days=150)
    with demo_db.read() as s:
        report = stats.build_report(s, stats.Period.months(start, TODAY))
    assert report.legislation is not None and report.legislation.questionnaires_valid == 21
    wb = load_workbook(export_report(report, tmp_path / "m.xlsx"))
    ws = wb["立法联系点"]
    values = {r[0]: r[1] for r in ws.iter_rows(min_row=3, values_only=True) if r and r[0]}
    assert values["有效问卷（份）"] == 21 and values["参与征询的法律法规草案"] == 2
    assert "各立法信息员" in values

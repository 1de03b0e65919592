"""Matters in the database: created from a visit, a work order or an informant; the closed loop with
its history and outbox; the list queries behind the GUI; letters moving their matter along."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlmodel import SQLModel, select

from app.core.problems import ValidationError
from app.store import blobs, changes, letter_numbers
from app.store import letters as letter_repo
from app.store import matters as repo
from app.store.db import Database
from app.store.letters import IssuedDocument
from app.store.tables import Enterprise, Outbox, Visit
from app.store.tables.matters import Letter, Matter

TODAY = dt.date.today()
MY_TABLES = {"matter", "matter_event", "letter", "letter_number_block"}


def test_migration_matches_the_tables(db: Database) -> None:
    with db.write_engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), SQLModel.metadata)

    def table_of(entry: object) -> str | None:
        if isinstance(entry, list):  # column modifications: (op, schema, table, column, ...)
            return str(entry[0][2])
        item = entry[1]  # type: ignore[index]
        table = getattr(item, "table", item)
        return getattr(table, "name", None)

    mine = [d for d in diff if table_of(d) in MY_TABLES]
    assert mine == []


@pytest.fixture
def enterprise(db: Database) -> Enterprise:
    with db.write() as session:
        return changes.insert(session, Enterprise(name="示范区鑫达服装有限公司", address="文一路1号", legal_rep="张伟"), "t")


def _visit(db: Database, enterprise: Enterprise) -> Visit:
    answers = {"problems_found": True, "problem_summary": "车间12名职工10月工资至今未发放"}
    with db.write() as session:
        return changes.insert(
            session,
            Visit(enterprise_id=enterprise.id, visit_date=TODAY - dt.timedelta(days=2), form_id="sanchasanji",
                  answers=json.dumps(answers, ensure_ascii=False), status="submitted"),
            "t",
        )


def test_matter_from_visit_is_prefilled_from_catalog(db: Database, enterprise: Enterprise) -> None:
    visit = _visit(db, enterprise)
    with db.write() as session:
        matter = repo.create_from_visit(session, visit.id, category="wage_arrears", actor="insp")
    assert matter.source == "visit" and matter.source_ref == visit.id
    assert "10月工资至今未发放" in matter.facts and matter.facts.startswith(f"{visit.visit_date.year}年")
    assert "《保障农民工工资支付条例》第三条" in matter.legal_basis
    assert matter.demand.startswith("足额支付")
    assert matter.status == "open" and matter.deadline is not None and matter.deadline > matter.opened_on
    with db.read() as session:
        events = repo.history(session, matter.id)
        assert [e.action for e in events] == ["create"]
        entities = {o.entity for o in session.exec(select(Outbox)).all()}
        assert {"matter", "matter_event"} <= entities


def test_hotline_and_informant_matters(db: Database, enterprise: Enterprise) -> None:
    with db.write() as session:
        hotline = repo.create_matter(
            session, enterprise_id=enterprise.id, source="hotline", source_ref="WO-2026-0001",
            category="加班费", facts="来电反映每月加班80小时无加班费", actor="ops",
        )
        informant = repo.create_matter(
            session, enterprise_id=enterprise.id, source="informant", source_ref="",
            category="high_temperature", facts="38度高温下午仍安排户外作业", actor="insp", informant="匿名职工",
        )
    assert hotline.category == "overtime_pay"  # the label is mapped to the code
    assert informant.informant == "匿名职工"
    with pytest.raises(ValidationError) as err, db.write() as session:
        repo.create_matter(session, enterprise_id=enterprise.id, source="hotline", source_ref="",
                           category="不存在", facts="", actor="x")
    assert {p.field for p in err.value.problems} == {"category", "facts", "source_ref"}


def test_closed_loop_writes_history(db: Database, enterprise: Enterprise) -> None:
    with db.write() as session:
        m = repo.create_matter(session, enterprise_id=enterprise.id, source="informant", source_ref="",
                               category="labour_contract", facts="5人未签合同", actor="insp")
        repo.transition(session, m.id, "start_rectifying", actor="insp", role="inspector", note="承诺两周内补签")
        with pytest.raises(ValidationError, match="须填写说明"):
            repo.transition(session, m.id, "verify", actor="insp", role="inspector", verified_on=TODAY)
    with db.write() as session:
        repo.transition(session, m.id, "verify", actor="insp", role="inspector", note="已查看补签合同5份",
                        verified_on=TODAY)
        with pytest.raises(ValidationError, match="区总工会"):
            repo.transition(session, m.id, "close", actor="insp", role="inspector")
    with db.write() as session:
        closed = repo.transition(session, m.id, "close", actor="office", role="office")
        assert closed.status == "closed" and closed.closed_on == TODAY
        assert closed.verification_note == "已查看补签合同5份" and closed.verified_by == "insp"
        with pytest.raises(ValidationError, match="已办结"):
            repo.update_details(session, m.id, {"facts": "改"}, "office")
    with db.read() as session:
        trail = [(e.action, e.from_status, e.to_status) for e in repo.history(session, m.id)]
    assert trail == [
        ("create", "", "open"),
        ("start_rectifying", "open", "rectifying"),
        ("verify", "rectifying", "rectified"),
        ("close", "rectified", "closed"),
    ]


def test_list_filters_overdue_and_counts(db: Database, enterprise: Enterprise) -> None:
    with db.write() as session:
        late = repo.create_matter(session, enterprise_id=enterprise.id, source="informant", source_ref="",
                                  category="wage_arrears", facts="欠薪", actor="t",
                                  opened_on=TODAY - dt.timedelta(days=60))
        repo.create_matter(session, enterprise_id=enterprise.id, source="informant", source_ref="",
                           category="overtime_pay", facts="加班", actor="t")
    with db.read() as session:
        assert repo.count(session, repo.MatterFilter()) == 2
        overdue = repo.page(session, repo.MatterFilter(overdue_only=True), 0, 50)
        assert [r["id"] for r in overdue] == [late.id] and overdue[0]["overdue"]
        assert overdue[0]["enterprise_name"] == "示范区鑫达服装有限公司"
        assert repo.count(session, repo.MatterFilter(category="overtime_pay")) == 1
        assert repo.count(session, repo.MatterFilter(status="active")) == 2
        assert repo.count(session, repo.MatterFilter(query="鑫达")) == 2
        c = repo.counts(session)
        assert (c["open"], c["overdue"], c["total"]) == (2, 1, 2)


def _render(letter: Letter) -> IssuedDocument:
    return IssuedDocument(pdf=b"%PDF-1.4 " + letter.number.encode(), body=letter.body)


def test_letters_move_their_matter(db: Database, enterprise: Enterprise) -> None:
    with db.write() as session:
        letter_numbers.add_block(session, "工监意", TODAY.year, 1, 10)
        letter_numbers.add_block(session, "工监建", TODAY.year, 1, 10)
        m = repo.create_matter(session, enterprise_id=enterprise.id, source="informant", source_ref="",
                               category="wage_arrears", facts="欠薪三个月", actor="t")
        opinion = letter_repo.create_draft(session, matter_id=m.id, enterprise_id=enterprise.id, kind="opinion",
                                           title="", addressee=enterprise.name, body={"a": 1}, actor="t")
        letter_repo.save_draft(session, opinion.id, body={"a": 2}, actor="t")
        letter_repo.issue(session, opinion.id, actor="t", role="inspector", issued_on=TODAY, render=_render,
                          blobs_root=db.paths.blobs)
    with db.read() as session:
        matter = session.get(Matter, m.id)
        assert matter is not None and matter.status == "letter_issued"
        rules = repo.deadline_rules(session)
        assert matter.deadline == rules.add(TODAY, rules.reply_opinion)
        pdf = letter_repo.pdf_attachment(session, opinion)
        assert pdf is not None and pdf.kind == "letter_pdf" and pdf.caption == f"工监意〔{TODAY.year}〕1号"
        assert blobs.read_bytes(db.paths.blobs, pdf.sha256).endswith("1号".encode())
    with db.write() as session:
        with pytest.raises(ValidationError, match="已发出"):
            letter_repo.save_draft(session, opinion.id, body={"a": 3}, actor="t")
        letter_repo.serve(session, opinion.id, served_on=TODAY, actor="t")
        advice = letter_repo.create_draft(session, matter_id=m.id, enterprise_id=enterprise.id, kind="advice",
                                          title="", addressee="区人力资源和社会保障局", body={}, actor="t")
        with pytest.raises(ValidationError, match="区总工会工作人员"):
            letter_repo.issue(session, advice.id, actor="t", role="inspector", issued_on=TODAY, render=_render,
                              blobs_root=db.paths.blobs)
    with db.write() as session:
        letter_repo.issue(session, advice.id, actor="o", role="office", issued_on=TODAY, render=_render,
                          blobs_root=db.paths.blobs)
        letter_repo.reply(session, opinion.id, replied_on=TODAY, note="单位称资金困难", actor="t")
        letter_repo.close(session, opinion.id, actor="t")
    with db.read() as session:
        matter = session.get(Matter, m.id)
        assert matter is not None and matter.status == "escalated"
        actions = [e.action for e in repo.history(session, m.id)]
        assert actions == ["create", "letter_drafted", "letter_issued", "letter_served", "letter_drafted",
                           "escalate", "letter_replied", "letter_closed"]
        rows = letter_repo.page(session, letter_repo.LetterFilter(matter_id=m.id), 0, 10, sort="number")
        assert {r["status"] for r in rows} == {"closed", "issued"}
        assert letter_repo.status_counts(session)["closed"] == 1

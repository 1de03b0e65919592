"""Union records in the store: the derived 已建会 status reaches the enterprise file (and so the target
list), a unit cannot join two unions of one form, checks score, services follow visits, partners count
uses, ID numbers never reach the audit log, and the figures add up."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from sqlalchemy import text

from app.core.problems import ValidationError
from app.store import changes
from app.store.db import Database
from app.store.stats import Period
from app.store.tables import Enterprise, Grid, Visit
from app.store.tables.unions import UnionOrg
from app.store.unions import checks, figures, members, orgs, partners, services

D = dt.date
ACTOR = "tester"


def _district(db: Database) -> tuple[str, list[str]]:
    with db.write() as session:
        grid = changes.insert(session, Grid(code="A", name="甲网格"), ACTOR)
        ids = [
            changes.insert(session, Enterprise(name=f"快递站点{i}", grid_id=grid.id, headcount=30 + i), ACTOR).id
            for i in range(3)
        ]
    return grid.id, ids


def _union(db: Database, grid_id: str, name: str = "东湖快递联合工会", form: str = "joint") -> UnionOrg:
    with db.write() as session:
        return orgs.create_union(session, {"name": name, "form": form, "grid_id": grid_id, "chair_name": "王主席"}, ACTOR)


def test_founding_steps_set_the_status_of_every_covered_unit(db: Database) -> None:
    grid_id, ids = _district(db)
    union = _union(db, grid_id)
    with db.write() as session:
        union = session.get(UnionOrg, union.id)
        assert union is not None
        orgs.add_unit(session, union, ids[0], ACTOR, unit_kind="express_station")
        orgs.add_unit(session, union, ids[1], ACTOR, unit_kind="small_firm")
        orgs.record_step(session, union, "apply", D(2026, 1, 5), ACTOR)
    with db.read() as session:
        statuses = [session.get(Enterprise, i).union_status for i in ids]  # type: ignore[union-attr]
    assert statuses == ["preparing", "preparing", "none"]
    with db.write() as session:
        union = session.get(UnionOrg, union.id)
        assert union is not None
        for step, day in (("prep_group", D(2026, 1, 9)), ("assembly", D(2026, 2, 1)), ("approval", D(2026, 2, 20))):
            orgs.record_step(session, union, step, day, ACTOR)
        with pytest.raises(ValidationError, match="已于 2026-01-05 记录"):
            orgs.record_step(session, union, "apply", D(2026, 1, 5), ACTOR)
    with db.read() as session:
        first = session.get(Enterprise, ids[0])
        union = session.get(UnionOrg, union.id)
    assert first is not None and union is not None
    assert (first.union_status, first.union_established_date) == ("established", D(2026, 2, 20))
    assert (union.status, union.founded_on, union.current_step) == ("established", D(2026, 2, 20), "approval")
    # the target list reads the enterprise file, so it follows the union record
    from app.planning.targets import load_targets

    targets, _threshold = load_targets(db)
    assert ids[0] not in {t.id for t in targets} and ids[2] in {t.id for t in targets}


def test_a_unit_in_two_unions_of_the_same_form_is_refused(db: Database) -> None:
    grid_id, ids = _district(db)
    first = _union(db, grid_id, "甲联合工会")
    second = _union(db, grid_id, "乙联合工会")
    building = _union(db, grid_id, "丙楼宇工会", "building")
    with db.write() as session:
        orgs.add_unit(session, first, ids[0], ACTOR)
    with pytest.raises(ValidationError) as refused, db.write() as session:
        orgs.add_unit(session, second, ids[0], ACTOR)
    assert str(refused.value) == "“快递站点0”已由“甲联合工会”（联合工会）覆盖，同一单位不能同时加入两个同类工会，其职工只计一次"
    with db.write() as session:
        orgs.add_unit(session, building, ids[0], ACTOR)  # another form is fine
    with db.read() as session:
        assert orgs.count(session, orgs.UnionFilter()) == 3
        assert [r["units"] for r in orgs.page(session, orgs.UnionFilter(), 0, 10)] == [1, 0, 1]
        assert orgs.duplicate_covers(session) == []


def test_yearly_check_lists_the_slipping_union(db: Database, tmp_path: object) -> None:
    grid_id, _ids = _district(db)
    union = _union(db, grid_id)
    items = checks.load_items(None)
    with db.write() as session:
        checks.record_check(session, union, 2026, {"election_on_time": True, "activities": 1}, items, D(2026, 11, 1), ACTOR)
    with db.read() as session:
        slipping = checks.slipping(session)
        assert [(u.name, c.percent) for u, c in slipping] == [("东湖快递联合工会", 20)]
        assert "会费未按规定收缴" in checks.reasons_of(slipping[0][1])
        assert orgs.page(session, orgs.UnionFilter(slipping_only=True), 0, 10)[0]["last_check_percent"] == 20


def test_office_copy_of_the_check_list_takes_precedence(tmp_path: object) -> None:
    from pathlib import Path

    data = Path(str(tmp_path))
    copy = checks.office_copy(data)
    copy.write_text(json.dumps({"items": [{"code": "x", "label": "只查一项"}]}, ensure_ascii=False), encoding="utf-8")
    assert [i.label for i in checks.load_items(data)] == ["只查一项"]
    copy.write_text("{", encoding="utf-8")
    with pytest.raises(Exception, match="格式错误"):
        checks.load_items(data)


def test_ticked_services_become_requests_once(db: Database) -> None:
    grid_id, ids = _district(db)
    answers = {"services_given": ["法律咨询解答", "技能培训需求登记"], "met_person": "人事经理", "service_detail": "三名职工想学叉车"}
    with db.write() as session:
        services.ensure_kinds(session, ACTOR)
        visit = changes.insert(
            session,
            Visit(enterprise_id=ids[0], grid_id=grid_id, visit_date=D(2026, 3, 1), form_id="sanchasanji",
                  answers=json.dumps(answers, ensure_ascii=False), status="submitted"),
            ACTOR,
        )
        made = services.from_visit(session, visit, ACTOR)
        assert sorted(r.kind for r in made) == ["legal", "training"]
        assert services.from_visit(session, visit, ACTOR) == []
        assert services.from_all_visits(session, ACTOR) == 0
        legal = next(r for r in made if r.kind == "legal")
        assert legal.due_date == D(2026, 3, 8)
        with pytest.raises(ValidationError, match="须填写办理结果"):
            services.set_status(session, legal, "delivered", "", ACTOR)
        services.set_status(session, legal, "delivered", "律师当场解答加班费计算", ACTOR, on=D(2026, 3, 2))
    with db.read() as session:
        overdue = services.page(session, services.ServiceFilter(overdue_only=True, today=D(2026, 5, 1)), 0, 10)
        assert [r["kind"] for r in overdue] == ["training"]
        outcomes = {r.kind: r.outcome for r in services.for_enterprise(session, ids[0])}
        assert outcomes["legal"] == "律师当场解答加班费计算"
        fig = figures.build(session, Period.months(D(2026, 3, 1), D(2026, 4, 1)), today=D(2026, 5, 1))
    assert (fig.services_requested, fig.services_delivered, fig.services_overdue) == (2, 1, 1)


def test_members_partners_and_figures(db: Database) -> None:
    grid_id, ids = _district(db)
    union = _union(db, grid_id)
    with db.write() as session:
        orgs.add_unit(session, union, ids[0], ACTOR, unit_kind="express_station")
        for step, day in (("apply", D(2026, 1, 2)), ("prep_group", D(2026, 1, 3)), ("assembly", D(2026, 1, 4)), ("approval", D(2026, 1, 20))):
            orgs.record_step(session, union, step, day, ACTOR)
        members.insert_members(
            session,
            [
                {"member_name": "张三", "id_number": "11010519491231002X", "key_group": "rider", "joined_on": D(2026, 1, 21),
                 "union_id": union.id, "grid_id": grid_id, "new_member": True},
                {"member_name": "李四", "id_number": "440524188001010014", "key_group": "other", "joined_on": D(2026, 1, 22),
                 "union_id": union.id, "grid_id": grid_id, "new_member": False},
            ],
            ACTOR,
        )
        members.record_drive(session, union=union, grid_id=None, held_on=D(2026, 1, 25), place="驿站", key_group="courier",
                             enrolled=12, new_members=10, actor=ACTOR)
        orgs.record_member_count(session, union, D(2026, 1, 31), 14, ACTOR, new_form_members=11)
        partner = partners.create_partner(
            session, {"name": "老街面馆", "kind": "canteen", "grid_id": grid_id, "offer": "8折", "longitude": 120.1, "latitude": 30.2}, ACTOR
        )
        partners.report_uses(session, partner, 30, D(2026, 1, 31), ACTOR)
        with pytest.raises(ValidationError, match="结束日期早于开始日期"):
            partners.create_partner(session, {"name": "x", "valid_from": D(2026, 2, 1), "valid_to": D(2026, 1, 1)}, ACTOR)
    with db.read() as session:
        rows = members.page(session, members.MemberFilter(), 0, 10)
        assert [r["id_number"] for r in rows] == ["1101**********002X", "4405**********0014"]
        assert members.count(session, members.MemberFilter(new_forms_only=True)) == 1
        assert session.get(UnionOrg, union.id).members == 14  # type: ignore[union-attr]
        assert partners.partners_of_grid(session, grid_id)[0].uses == 30
        fig = figures.build(session, Period.months(D(2026, 1, 1)), today=D(2026, 2, 1))
        audit_text = " ".join(str(r[0]) for r in session.connection().execute(text("SELECT fields FROM audit_log")))
    assert fig.founded_by_form == {"联合工会": 1} and fig.units_by_kind == {"快递站点": 1}
    assert (fig.members_new, fig.members_existing, fig.new_form_members, fig.drive_enrolled) == (1, 1, 1, 12)
    assert (fig.partners, fig.partner_uses) == (1, 30)
    assert fig.unions_by_grid is not None and fig.unions_by_grid.total == 1
    assert "11010519491231002X" not in audit_text and "张三" not in audit_text and "王主席" not in audit_text


def test_submitting_a_visit_opens_its_service_requests(db: Database) -> None:
    from app.store import visits

    grid_id, ids = _district(db)
    answers = {"services_given": ["岗位信息发布"], "met_person": "行政主管"}
    with db.write() as session:
        draft = visits.save_draft(session, visit_id=None, enterprise_id=ids[1], form_id="sanchasanji", form_version=1,
                                  answers=answers, visit_date=D(2026, 6, 1), inspector_id=None, summary="", actor=ACTOR)
        assert services.for_enterprise(session, ids[1]) == []  # a draft asks for nothing yet
        visits.save_draft(session, visit_id=draft.id, enterprise_id=ids[1], form_id="sanchasanji", form_version=1,
                          answers=answers, visit_date=D(2026, 6, 1), inspector_id=None, summary="", actor=ACTOR, status="submitted")
        made = services.for_enterprise(session, ids[1])
    assert [(r.kind, r.visit_id, r.grid_id, r.status) for r in made] == [("jobs", draft.id, grid_id, "open")]


def test_service_kinds_are_office_data(db: Database) -> None:
    _grid_id, ids = _district(db)
    with db.write() as session:
        services.ensure_kinds(session, ACTOR)
        services.save_kind(session, "legal", "法律咨询（律师）", 3, True, ACTOR)
        services.save_kind(session, "housing", "住房保障咨询", 20, True, ACTOR)
        with pytest.raises(ValidationError, match="办理时限应在1到365天之间"):
            services.save_kind(session, "x", "某项", 0, True, ACTOR)
        request = services.create_request(session, {"enterprise_id": ids[0], "kind": "housing", "requested_on": D(2026, 1, 1)}, ACTOR)
        assert request.due_date == D(2026, 1, 21)
        assert services.kind_labels(session)["legal"] == "法律咨询（律师）"
        assert services.ensure_kinds(session, ACTOR) == 0

"""A case travels between two laptops of the same grid through a real server: its parties, steps and
referral arrive; edits to different fields merge without a conflict; steps added on both sides are
both kept; a laptop of another grid never receives the case or its parties' personal data; the
department list is the office's to write."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlmodel import select

from app.store import cases as case_repo
from app.store import changes, referrals
from app.store.tables.cases import CaseParty, CaseStep, Department, LegalCase
from tests.support.live_server import LiveServer
from tests.support.sync_laptops import PASSWORD, Laptop, server_snapshot

pytestmark = pytest.mark.slow

ENTITIES = ("legal_case", "case_party", "case_step", "referral", "department")


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    live = LiveServer(tmp_path_factory.mktemp("server"))
    live.create_grid("A", "甲网格")
    live.create_grid("B", "乙网格")
    live.create_account("ann", PASSWORD, grids=["A"])
    live.create_account("amy", PASSWORD, grids=["A"])
    live.create_account("bob", PASSWORD, grids=["B"])
    live.create_account("olga", PASSWORD, role="office")
    with live:
        yield live


def test_case_travels_merges_and_stays_in_its_grid(server: LiveServer, tmp_path: Path) -> None:
    office, ann, amy, bob = (Laptop(tmp_path, n) for n in ("olga-laptop", "ann-laptop", "amy-laptop", "bob-laptop"))
    try:
        office.login(server.url, "olga")
        ann.login(server.url, "ann")
        amy.login(server.url, "amy")
        bob.login(server.url, "bob")
        office.sync()
        with office.db.write() as s:
            assert referrals.ensure_default_departments(s, "olga") > 0
        office.sync()

        ann.sync()
        firm_id = ann.create_enterprise(name="华达建筑劳务有限公司", grid_id=ann.grid_id("A"), headcount=80)
        with ann.db.write() as s:
            dept = s.exec(select(Department).where(Department.code == "RS")).first()
            assert dept is not None, "the office's departments reached the inspector"
            case = case_repo.create_case(
                s,
                {"kind": "mediation", "enterprise_id": firm_id, "category": "wage_arrears", "amount_claimed": 52000.0,
                 "workers_involved": 4, "received_on": dt.date(2026, 11, 2), "claim_note": "支付拖欠工资"},
                "ann",
                [case_repo.PartyInput("陈大勇", "330106198001011234", "13900002222")],
            )
            case_repo.apply_step(s, case.id, "mediate", "ann", on=dt.date(2026, 11, 3))
            referrals.refer(s, source_table="legal_case", source_id=case.id, department_id=dept.id, sent_on=dt.date(2026, 11, 4), actor="ann")
            case_id = case.id
        ann.sync()

        amy.sync()
        with amy.db.read() as s:
            got = s.get(LegalCase, case_id)
            assert got is not None and got.status == "mediating" and got.amount_claimed == 52000.0
            assert [p.person_name for p in s.exec(select(CaseParty).where(CaseParty.case_id == case_id)).all()] == ["陈大勇"]

        # different fields on the two laptops, and a step each
        with ann.db.write() as s:
            row = s.get(LegalCase, case_id)
            assert row is not None
            changes.update(s, row, {"lawyer": "何律师"}, "ann")
        with amy.db.write() as s:
            case_repo.apply_step(s, case_id, "succeed", "amy", on=dt.date(2026, 11, 6))
            row = s.get(LegalCase, case_id)
            assert row is not None
            changes.update(s, row, {"amount_recovered": 50000.0}, "amy")
        ann.sync()
        report = amy.sync()
        assert report.conflicts == 0 and ann.conflicts() == [] and amy.conflicts() == []
        ann.sync()
        for laptop in (ann, amy):
            with laptop.db.read() as s:
                row = s.get(LegalCase, case_id)
                assert row is not None
                assert (row.lawyer, row.amount_recovered, row.status) == ("何律师", 50000.0, "succeeded")
                actions = sorted(st.action for st in s.exec(select(CaseStep).where(CaseStep.case_id == case_id)).all())
                assert actions == ["accept", "mediate", "succeed"]
        assert ann.snapshot(ENTITIES) == amy.snapshot(ENTITIES)
        on_server = server_snapshot(server.url, "ann", entities=ENTITIES)
        assert on_server == ann.snapshot(ENTITIES)

        # another grid's laptop never sees the case, its parties or its steps
        bob.sync()
        with bob.db.read() as s:
            assert s.get(LegalCase, case_id) is None
            assert s.exec(select(CaseParty)).first() is None and s.exec(select(CaseStep)).first() is None
            assert s.exec(select(Department)).first() is not None

        # the department list is the office's: an inspector's edit is refused by the server
        with ann.db.write() as s:
            dept = s.exec(select(Department).where(Department.code == "RS")).first()
            assert dept is not None
            changes.update(s, dept, {"name": "改名"}, "ann")
        ann.sync(expect_ok=False)
        assert server_snapshot(server.url, "olga", entities=("department",))[("department", dept.id)]["name"] != "改名"
    finally:
        for laptop in (office, ann, amy, bob):
            laptop.close()

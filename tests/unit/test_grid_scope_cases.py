"""Cases of another grid leave the laptop of a mediator who no longer handles them, with their
parties and steps; an employer stays while another case the account still mediates needs it."""

from __future__ import annotations

import datetime as dt

from sqlmodel import Session, select

from app.store import cases as case_repo
from app.store import changes, grid_scope
from app.store.db import Database
from app.store.tables import Enterprise, Grid
from app.store.tables.cases import CaseParty, LegalCase
from app.store.tables.local import Outbox


def _case(session: Session, firm_id: str, name: str) -> str:
    case = case_repo.create_case(
        session,
        {
            "kind": "mediation",
            "enterprise_id": firm_id,
            "category": "wage_arrears",
            "amount_claimed": 1000.0,
            "workers_involved": 1,
            "received_on": dt.date(2026, 11, 2),
            "claim_note": "支付拖欠工资",
        },
        "t",
        [case_repo.PartyInput(name, "330106198001011234", "13900002222")],
    )
    return case.id


def test_a_case_handed_to_someone_else_is_dropped_its_shared_employer_kept(db: Database) -> None:
    with db.write() as s:
        grid_a = changes.insert(s, Grid(code="A", name="甲网格"), "t").id
        grid_b = changes.insert(s, Grid(code="B", name="乙网格"), "t").id
        firm = changes.insert(s, Enterprise(name="华达建筑劳务有限公司", grid_id=grid_a), "t").id
        kept, lost = _case(s, firm, "陈大勇"), _case(s, firm, "李小红")
        for entry in s.exec(select(Outbox)).all():
            entry.state = "applied"  # as after a sync: nothing unsent
            s.add(entry)
    with db.write() as s:
        report = grid_scope.drop_lost_cases(s, {grid_b}, {kept}, "bob")
    assert report.rows.get("legal_case") == 1 and report.set_aside == 0
    with db.read() as s:
        assert s.get(LegalCase, lost) is None and s.get(LegalCase, kept) is not None
        assert s.get(Enterprise, firm) is not None
        assert [p.person_name for p in s.exec(select(CaseParty)).all()] == ["陈大勇"]
    with db.write() as s:
        report = grid_scope.drop_lost_cases(s, {grid_b}, set(), "bob")
    with db.read() as s:
        assert s.get(LegalCase, kept) is None and s.get(Enterprise, firm) is None
        assert s.exec(select(CaseParty)).first() is None
    with db.write() as s:  # cases of the account's own grids are never touched
        firm_b = changes.insert(s, Enterprise(name="乙公司", grid_id=grid_b), "t").id
        own = _case(s, firm_b, "王五")
        assert grid_scope.drop_lost_cases(s, {grid_b}, set(), "bob").total == 0
        assert s.get(LegalCase, own) is not None

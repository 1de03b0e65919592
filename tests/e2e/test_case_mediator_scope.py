"""The mediator's exception to grid scope, against a real server process: an inspector of grid B named as
mediator of a grid-A case receives the case, its parties and employer (even when the case was handed to
it after its cursor had passed them), adds a step, and may not hand the case on; another grid-B inspector
gets none of it, not the parties' personal data either, and its pushes into the case are forbidden."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlmodel import select

from app.core.ids import new_id
from app.store import cases as case_repo
from app.store import changes
from app.store.tables import Enterprise, Inspector
from app.store.tables.cases import CaseParty, CaseStep, LegalCase
from app.store.tables.sync import SyncParked
from tests.support.live_server import LiveServer
from tests.support.server_setup import mutation, push_body
from tests.support.sync_laptops import PASSWORD, Laptop, server_snapshot

pytestmark = pytest.mark.slow

CASE_ROWS = ("legal_case", "case_party", "case_step")


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    live = LiveServer(tmp_path_factory.mktemp("server"))
    live.create_grid("A", "甲网格")
    live.create_grid("B", "乙网格")
    live.create_account("ann", PASSWORD, grids=["A"])
    live.create_account("bob", PASSWORD, grids=["B"])
    live.create_account("carl", PASSWORD, grids=["B"])
    live.create_account("olga", PASSWORD, role="office")
    with live:
        yield live


def raw_push(url: str, username: str, mutations: list[dict[str, Any]]) -> list[str]:
    with httpx.Client(base_url=url, timeout=30) as http:
        token = http.post(
            "/v1/auth/login", json={"username": username, "password": PASSWORD, "device_name": "raw"}
        ).json()
        headers = {"Authorization": f"Bearer {token['access_token']}"}
        r = http.post("/v1/sync/push", json=push_body(token["device_id"], mutations), headers=headers)
        assert r.status_code == 200, r.text
        return [m["status"] for m in r.json()["results"]]


def test_mediator_from_another_grid_handles_the_case(server: LiveServer, tmp_path: Path) -> None:
    office, ann, bob, carl = (
        Laptop(tmp_path, n) for n in ("olga-laptop", "ann-laptop", "bob-laptop", "carl-laptop")
    )
    try:
        for laptop, user in ((office, "olga"), (ann, "ann"), (bob, "bob"), (carl, "carl")):
            laptop.login(server.url, user)
        office.sync()
        with office.db.write() as s:
            bob_id = changes.insert(s, Inspector(name="包调解", account="bob", title="调解员"), "olga").id
            carl_id = changes.insert(s, Inspector(name="蔡网格", account="carl"), "olga").id
        office.sync()

        ann.sync()
        firm_id = ann.create_enterprise(name="华达建筑劳务有限公司", grid_id=ann.grid_id("A"), headcount=80)
        with ann.db.write() as s:
            case = case_repo.create_case(
                s,
                {
                    "kind": "mediation",
                    "enterprise_id": firm_id,
                    "category": "wage_arrears",
                    "amount_claimed": 52000.0,
                    "workers_involved": 4,
                    "received_on": dt.date(2026, 11, 2),
                    "claim_note": "支付拖欠工资",
                },
                "ann",
                [case_repo.PartyInput("陈大勇", "330106198001011234", "13900002222")],
            )
            case_id = case.id
        ann.sync()
        # both grid-B laptops are past the case's rows before anyone names a mediator
        bob.sync()
        carl.sync()
        with bob.db.read() as s:
            assert s.get(LegalCase, case_id) is None

        with ann.db.write() as s:
            row = s.get(LegalCase, case_id)
            assert row is not None
            changes.update(s, row, {"mediator_id": bob_id}, "ann")
        ann.sync()

        bob.sync()
        with bob.db.read() as s:
            assert s.exec(select(SyncParked)).first() is None, (
                "rows that came before their case were applied after it"
            )
            got = s.get(LegalCase, case_id)
            assert got is not None and got.mediator_id == bob_id
            parties = s.exec(select(CaseParty).where(CaseParty.case_id == case_id)).all()
            assert [(p.person_name, p.id_number, p.phone) for p in parties] == [
                ("陈大勇", "330106198001011234", "13900002222")
            ]
            assert s.get(Enterprise, firm_id) is not None
        with bob.db.write() as s:
            case_repo.apply_step(s, case_id, "mediate", "bob", on=dt.date(2026, 11, 5))
        report = bob.sync()
        assert report.rejected == 0 and report.conflicts == 0
        ann.sync()
        with ann.db.read() as s:
            row = s.get(LegalCase, case_id)
            assert row is not None and row.status == "mediating"
            assert "mediate" in {
                st.action for st in s.exec(select(CaseStep).where(CaseStep.case_id == case_id)).all()
            }

        # the mediator may not hand the case to somebody else
        with bob.db.write() as s:
            row = s.get(LegalCase, case_id)
            assert row is not None
            changes.update(s, row, {"mediator_id": carl_id}, "bob")
        assert bob.sync(expect_ok=False).rejected == 1
        assert (
            server_snapshot(server.url, "olga", entities=("legal_case",))[("legal_case", case_id)][
                "mediator_id"
            ]
            == bob_id
        )

        # the other grid-B inspector sees nothing of the case, the parties' personal data least of all
        carl.sync()
        with carl.db.read() as s:
            assert s.get(LegalCase, case_id) is None and s.get(Enterprise, firm_id) is None
            assert s.exec(select(CaseParty)).first() is None and s.exec(select(CaseStep)).first() is None
        seen = server_snapshot(server.url, "carl", entities=(*CASE_ROWS, "enterprise"))
        assert seen == {}
        grid_a = ann.grid_id("A")
        step = {
            "case_id": case_id,
            "grid_id": grid_a,
            "action": "mediate",
            "step_date": "2026-11-07",
            "deleted": False,
        }
        party = {"case_id": case_id, "grid_id": grid_a, "person_name": "冒名", "deleted": False}
        statuses = raw_push(
            server.url,
            "carl",
            [
                mutation("case_step", new_id(), patch=step),
                mutation("case_party", new_id(), patch=party),
                mutation("legal_case", case_id, op="update", patch={"lawyer": "某律师"}, base_version=1),
            ],
        )
        assert statuses == ["forbidden"] * 3
        # while the mediator's own raw step goes through, and a move to its own grid does not
        statuses = raw_push(
            server.url,
            "bob",
            [
                mutation("case_step", new_id(), patch=step),
                mutation(
                    "legal_case", case_id, op="update", patch={"grid_id": bob.grid_id("B")}, base_version=1
                ),
            ],
        )
        assert statuses == ["applied", "forbidden"]

        # the office hands the case to carl: bob's laptop drops it at its next sync, as for a lost grid
        office.sync()
        with office.db.write() as s:
            row = s.get(LegalCase, case_id)
            assert row is not None
            changes.update(s, row, {"mediator_id": carl_id}, "olga")
        office.sync()
        report = bob.sync()
        assert report.dropped > 0 and any("改由其他调解员办理" in w for w in report.warnings)
        with bob.db.read() as s:
            assert s.get(LegalCase, case_id) is None and s.get(Enterprise, firm_id) is None
            assert s.exec(select(CaseParty)).first() is None
            assert s.exec(select(CaseStep).where(CaseStep.case_id == case_id)).first() is None
        carl.sync()
        with carl.db.read() as s:
            assert s.get(LegalCase, case_id) is not None and s.get(Enterprise, firm_id) is not None
        assert bob.sync().dropped == 0  # nothing more to drop; grid B's own rows stay
        with bob.db.read() as s:
            assert s.exec(select(Inspector).where(Inspector.account == "bob")).first() is not None
    finally:
        for laptop in (office, ann, bob, carl):
            laptop.close()

"""A Hypothesis state machine: three laptops (two inspectors of grid A and an office clerk) create, edit
and delete enterprise files offline and sync in random order against the server app in-process, with
faults: a request that never arrives, and an answer lost after the server committed. At the end every
conflict is decided, everybody syncs, and all replicas must equal the server, with nothing queued."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, event, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, precondition, rule

from app.server.api import create_app
from app.server.settings import ServerSettings
from app.sync.client import SyncClient
from app.sync.credentials import TokenManager, login
from tests.support.server_setup import PASSWORD, add_account, seed
from tests.support.sync_laptops import Laptop, server_rows

pytestmark = pytest.mark.slow

FIELDS = {
    "headcount": st.integers(min_value=0, max_value=500),
    "address": st.sampled_from(["文一路1号", "学院路2号", "凤起路3号", ""]),
    "contact_name": st.sampled_from(["王", "李", "张", "刘"]),
    "notes": st.text(alphabet="备注甲乙丙", max_size=4),
}


class FaultyTransport(httpx.BaseTransport):
    """Passes requests to the app, except the next push that is to be lost on the way there or back."""

    def __init__(self, inner: httpx.BaseTransport) -> None:
        self.inner = inner
        self.fault: str | None = None

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if self.fault and request.url.path.endswith("/sync/push"):
            fault, self.fault = self.fault, None
            if fault == "request":
                raise httpx.ConnectError("request lost", request=request)
            response = self.inner.handle_request(request)
            response.read()
            raise httpx.ReadError("answer lost after commit", request=request)
        return self.inner.handle_request(request)


class SyncModel(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.root = Path(tempfile.mkdtemp(prefix="sync-model-"))
        server_settings = ServerSettings(data_dir=self.root / "server", jwt_secret="m" * 40)
        seed(server_settings)
        add_account(server_settings, "amy", "inspector", ["A"])
        self.http = TestClient(create_app(server_settings))
        self.transports: list[FaultyTransport] = []
        self.laptops: list[Laptop] = []
        self.ids: list[str] = []

    def _factory(self, transport: FaultyTransport) -> Any:
        def make(_url: str, tokens: TokenManager) -> SyncClient:
            return SyncClient("http://testserver", token_source=tokens, transport=transport, retries=0,
                              sleep=lambda _s: None)

        return make

    @initialize()
    def start(self) -> None:
        for name in ("ann", "amy", "olga"):
            transport = FaultyTransport(self.http._transport)
            laptop = Laptop(self.root, name, client_factory=self._factory(transport), batch_size=7, pull_limit=5)
            with SyncClient("http://testserver", transport=transport) as client:
                login(laptop.db, "http://testserver", name, PASSWORD, client=client)
            laptop.sync()
            self.transports.append(transport)
            self.laptops.append(laptop)
        for _ in range(2):
            self.ids.append(self.laptops[0].create_enterprise(name="起始企业", grid_id=self.laptops[0].grid_id("A")))
        for laptop in self.laptops:
            laptop.sync()

    def _has(self, laptop: Laptop, entity_id: str) -> bool:
        with laptop.db.read() as session:
            from app.store.tables import Enterprise

            row = session.get(Enterprise, entity_id)
            return row is not None and not row.deleted

    @rule(who=st.integers(0, 2), data=st.data())
    def edit(self, who: int, data: st.DataObject) -> None:
        laptop = self.laptops[who]
        entity_id = data.draw(st.sampled_from(self.ids))
        if not self._has(laptop, entity_id):
            return
        field = data.draw(st.sampled_from(sorted(FIELDS)))
        laptop.edit(entity_id, **{field: data.draw(FIELDS[field])})

    @rule(who=st.integers(0, 2))
    def create(self, who: int) -> None:
        laptop = self.laptops[who]
        self.ids.append(laptop.create_enterprise(name=f"新企业{len(self.ids)}", grid_id=laptop.grid_id("A")))

    @precondition(lambda self: len(self.ids) > 2)
    @rule(who=st.integers(0, 2), data=st.data())
    def delete(self, who: int, data: st.DataObject) -> None:
        from app.store import changes
        from app.store.tables import Enterprise

        laptop = self.laptops[who]
        entity_id = data.draw(st.sampled_from(self.ids))
        with laptop.db.write() as session:
            row = session.get(Enterprise, entity_id)
            if row is not None and not row.deleted:
                changes.delete(session, row, laptop.name)

    @rule(who=st.integers(0, 2), fault=st.sampled_from([None, None, "request", "answer"]))
    def sync(self, who: int, fault: str | None) -> None:
        self.transports[who].fault = fault
        report = self.laptops[who].sync(expect_ok=fault is None)
        self.transports[who].fault = None
        event(f"sync with fault {fault}: {'failed' if report.errors else 'ok'}")
        if report.conflicts:
            event("a sync found a conflict")

    @rule(who=st.integers(0, 2), choice=st.sampled_from(["mine", "theirs"]))
    def decide(self, who: int, choice: str) -> None:
        laptop = self.laptops[who]
        for conflict in laptop.conflicts()[:1]:
            laptop.resolve(conflict.id, choice)  # type: ignore[arg-type]

    def teardown(self) -> None:
        try:
            if len(self.laptops) == 3:
                self._converge()
        finally:
            for laptop in self.laptops:
                laptop.close()
            self.http.close()
            shutil.rmtree(self.root, ignore_errors=True)

    def _converge(self) -> None:
        for _round in range(4):
            for laptop in self.laptops:
                laptop.sync()
            for laptop in self.laptops:
                for conflict in laptop.conflicts():
                    event("conflict decided at the end")
                    laptop.resolve(conflict.id, "theirs")
        for laptop in self.laptops:
            laptop.sync()
        for laptop in self.laptops:
            assert laptop.conflicts() == []
            assert laptop.counts().queued == 0
            assert laptop.counts().attention == 0
        snapshots = [laptop.snapshot(("enterprise",)) for laptop in self.laptops]
        assert snapshots[0] == snapshots[1] == snapshots[2]
        rows = server_rows("http://testserver", "olga", entities=("enterprise",), http=self.http)
        assert {k: data for k, (_v, data) in rows.items()} == snapshots[0]
        assert {k[1]: v for k, (v, _d) in rows.items()} == self.laptops[0].versions()


SyncModel.TestCase.settings = settings(
    max_examples=8, stateful_step_count=18, deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
test_three_laptops_converge = SyncModel.TestCase

"""Regression for a convergence bug the sync state machine (test_sync_model) found: deciding a conflict
"theirs" put the server value recorded when the conflict arose into the row, without a mutation, though
the server had moved on meanwhile (through a later edit of this laptop that the server applied, or
through someone else's edit that a pull brought while the field was held back for the open conflict).
The laptop then kept a stale value for good, with nothing queued and no conflict left."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from app.server.api import create_app
from app.server.settings import ServerSettings
from app.sync.client import SyncClient
from app.sync.credentials import TokenManager, login
from tests.support.server_setup import PASSWORD, add_account, seed
from tests.support.sync_laptops import Laptop, server_rows

pytestmark = pytest.mark.slow


@pytest.fixture
def world(tmp_path: Path) -> Iterator[tuple[TestClient, Laptop, Laptop]]:
    settings = ServerSettings(data_dir=tmp_path / "server", jwt_secret="t" * 40)
    seed(settings)
    add_account(settings, "amy", "inspector", ["A"])
    http = TestClient(create_app(settings))

    def make(_url: str, tokens: TokenManager) -> SyncClient:
        return SyncClient("http://testserver", token_source=tokens, transport=http._transport, retries=0,
                          sleep=lambda _s: None)

    laptops = []
    for name in ("ann", "amy"):
        laptop = Laptop(tmp_path, name, client_factory=make)
        with SyncClient("http://testserver", transport=http._transport) as client:
            login(laptop.db, "http://testserver", name, PASSWORD, client=client)
        laptop.sync()
        laptops.append(laptop)
    try:
        yield http, laptops[0], laptops[1]
    finally:
        for laptop in laptops:
            laptop.close()
        http.close()


def _shared(first: Laptop, second: Laptop) -> str:
    enterprise_id = first.create_enterprise(name="起始企业", grid_id=first.grid_id("A"))
    first.sync()
    second.sync()
    return enterprise_id


def _decide_theirs_and_check(http: TestClient, *laptops: Laptop) -> None:
    for laptop in laptops:
        for conflict in laptop.conflicts():
            laptop.resolve(conflict.id, "theirs")
    for laptop in laptops:
        laptop.sync()
    for laptop in laptops:
        assert laptop.conflicts() == []
        assert laptop.counts().queued == 0
    snapshots = [laptop.snapshot(("enterprise",)) for laptop in laptops]
    on_server = server_rows("http://testserver", "olga", entities=("enterprise",), http=http)
    for snapshot in snapshots:
        assert snapshot == {k: data for k, (_v, data) in on_server.items()}


def test_theirs_after_own_later_edit_was_applied(world: tuple[TestClient, Laptop, Laptop]) -> None:
    """amy's first edit conflicts with ann's value; her later edits of the same field in the same push
    apply (the last one is now the server's value); "theirs" on the first must not bring ann's old value
    back on amy's laptop only."""
    http, ann, amy = world
    enterprise_id = _shared(ann, amy)
    ann.edit(enterprise_id, address="学院路2号")
    ann.sync()
    amy.edit(enterprise_id, address="凤起路3号")  # conflicts: the server has 学院路2号 from base ""
    amy.edit(enterprise_id, address="学院路2号")  # equals the server's: nothing to do
    amy.edit(enterprise_id, address="文一路1号")  # based on the server's value: applied
    report = amy.sync()
    assert report.conflicts == 1
    _decide_theirs_and_check(http, ann, amy)
    assert amy.enterprise(enterprise_id).address == "文一路1号"


def test_theirs_after_a_newer_server_value_was_pulled(world: tuple[TestClient, Laptop, Laptop]) -> None:
    """The server value changes again while amy's conflict is open; her pull holds the field back for
    the conflict, and "theirs" must then take the newest server value, not the one first recorded."""
    http, ann, amy = world
    enterprise_id = _shared(ann, amy)
    ann.edit(enterprise_id, notes="甲")
    ann.sync()
    amy.edit(enterprise_id, notes="乙")
    assert amy.sync().conflicts == 1
    ann.edit(enterprise_id, notes="丙")
    ann.sync()
    amy.sync()
    _decide_theirs_and_check(http, ann, amy)
    assert amy.enterprise(enterprise_id).notes == "丙"

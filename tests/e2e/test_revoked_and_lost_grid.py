"""Against a real server process: a revoked device locks its data at the next contact (export of the
unsent work still possible, unlock only by an office account), the office imports the export and
syncs it; an account that loses a grid loses that grid's rows on its laptop, its unsent work set
aside and reported."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlmodel import delete, select

from app.server.tables import Account, Assignment, ServerGrid
from app.store import grid_scope, sync_state
from app.store.db import DataLocked, open_database, open_locked
from app.store.tables import Enterprise
from app.sync import revocation
from app.sync.client import SyncError
from tests.support.live_server import LiveServer
from tests.support.sync_laptops import PASSWORD, Laptop, server_rows

pytestmark = pytest.mark.slow
CANARY = "甄英莲测试联系人"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    live = LiveServer(tmp_path_factory.mktemp("server"))
    live.create_grid("A", "甲网格")
    live.create_grid("B", "乙网格")
    live.create_account("ann", PASSWORD, grids=["A"])
    live.create_account("bob", PASSWORD, grids=["A", "B"])
    live.create_account("olga", PASSWORD, role="office")
    with live:
        yield live


def test_a_revoked_device_locks_exports_and_is_unlocked_by_the_office(server: LiveServer, tmp_path: Path) -> None:
    laptop = Laptop(tmp_path, "lost")
    laptop.login(server.url, "ann")
    laptop.sync()
    with laptop.db.read() as session:
        device_id = sync_state.load(session).device_id
    assert server.run_cli("revoke-device", device_id).returncode == 0
    unsent = laptop.create_enterprise(name="撤销前没来得及上传的企业", contact_name=CANARY, grid_id=laptop.grid_id("A"))
    report = laptop.sync(expect_ok=False)
    assert report.revoked
    laptop.close()

    with pytest.raises(DataLocked, match="锁定"):
        open_database(laptop.paths)
    # the export for the office still works, into a file that gives nothing away without its passphrase
    db = open_locked(laptop.paths)
    target = tmp_path / "ann-unsent.uix"
    with pytest.raises(revocation.ExportError):
        revocation.export_unsent(db, target, "short")
    summary = revocation.export_unsent(db, target, "给办公室的口令 2026")
    db.dispose()
    assert summary.entries >= 1 and summary.rows >= 1
    assert CANARY.encode() not in target.read_bytes()
    with pytest.raises(revocation.ExportError, match="口令不对"):
        revocation.read_export(target, "错误的口令错误的口令")

    # an inspector cannot unlock it; an office account can
    with pytest.raises(SyncError, match="办公室账号"):
        revocation.reenrol(laptop.paths, server.url, "ann", PASSWORD)
    with pytest.raises(DataLocked):
        open_database(laptop.paths)
    revocation.reenrol(laptop.paths, server.url, "olga", PASSWORD)
    db = open_database(laptop.paths)
    db.dispose()

    # the office imports the export on its own laptop and syncs it
    office = Laptop(tmp_path, "office")
    try:
        office.login(server.url, "olga")
        office.sync()
        done = revocation.import_unsent(office.db, target, "给办公室的口令 2026", "olga")
        assert done.inserted == 1
        office.sync()
    finally:
        office.close()
    on_server = server_rows(server.url, "olga", entities=["enterprise"])
    assert on_server[("enterprise", unsent)][1]["contact_name"] == CANARY


def _take_grid(server: LiveServer, username: str, code: str) -> None:
    db = server._db()
    try:
        with db.write() as session:
            account = session.exec(select(Account).where(Account.username == username)).one()
            grid = session.exec(select(ServerGrid).where(ServerGrid.code == code)).one()
            session.exec(delete(Assignment).where(Assignment.account_id == account.id, Assignment.grid_id == grid.id))  # type: ignore[call-overload]
    finally:
        db.dispose()


def test_a_lost_grid_leaves_the_laptop_and_its_unsent_work_is_set_aside(server: LiveServer, tmp_path: Path) -> None:
    laptop = Laptop(tmp_path, "bob")
    try:
        laptop.login(server.url, "bob")
        laptop.sync()
        grid_a, grid_b = laptop.grid_id("A"), laptop.grid_id("B")
        kept = laptop.create_enterprise(name="甲网格的企业", grid_id=grid_a)
        synced_b = laptop.create_enterprise(name="乙网格已上传的企业", grid_id=grid_b)
        laptop.sync()
        unsent_b = laptop.create_enterprise(name="乙网格未上传的企业", grid_id=grid_b)
        laptop.edit(synced_b, contact_name="未上传的联系人")

        _take_grid(server, "bob", "B")
        report = laptop.sync()
        assert report.dropped >= 2 and report.set_aside == 2
        assert any("另存" in w for w in report.warnings)
        with laptop.db.read() as session:
            ids = {e.id for e in session.exec(select(Enterprise)).all()}
            aside = grid_scope.set_aside(session)
        assert kept in ids and synced_b not in ids and unsent_b not in ids
        assert {a.entity_id for a in aside} == {synced_b, unsent_b}
        assert laptop.counts().queued == 0
        again = laptop.sync()
        assert again.dropped == 0  # the server does not send them back
        target = tmp_path / "aside.uix"
        summary = revocation.export_unsent(laptop.db, target, "另存工作的口令 2026")
        assert summary.set_aside == 2
        payload = revocation.read_export(target, "另存工作的口令 2026")
        assert {a["entity_id"] for a in payload["set_aside"]} == {synced_b, unsent_b}
    finally:
        laptop.close()

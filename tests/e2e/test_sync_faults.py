"""Sync against a real server process when things go wrong: a batch sent twice, the server killed in the
middle of a push, answers lost after the server committed, the laptop killed between writing a pulled
page and saving its cursor, one bad change among good ones. After recovery nothing is lost, nothing is
applied twice, and the laptop holds exactly what the server holds."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from sqlalchemy import update
from sqlmodel import select

from app.core.ids import new_id
from app.store import sync_queue, sync_state
from app.store.tables import Enterprise, Outbox
from app.sync import protocol as p
from app.sync.client import SyncClient
from app.sync.push import to_mutation
from tests.support.dropping_proxy import DroppingProxy
from tests.support.file_keyring import SharedFileKeyring
from tests.support.live_server import ROOT, LiveServer
from tests.support.sync_laptops import PASSWORD, Laptop, server_rows, server_snapshot

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    live = LiveServer(tmp_path_factory.mktemp("server"))
    live.grid_a = live.create_grid("A", "甲网格")  # type: ignore[attr-defined]
    live.create_grid("B", "乙网格")
    live.create_account("ann", PASSWORD, grids=["A"])
    live.create_account("olga", PASSWORD, role="office")
    with live:
        yield live


@pytest.fixture
def ann(server: LiveServer, tmp_path: Path) -> Iterator[Laptop]:
    laptop = Laptop(tmp_path, "ann-laptop", batch_size=100)
    laptop.login(server.url, "ann")
    laptop.sync()
    try:
        yield laptop
    finally:
        laptop.close()


def _knows_grid_a(server: LiveServer, laptop: Laptop) -> str:
    """The grid row as a pull would bring it, put in place before the first pull: the server refuses
    enterprises without a grid from an inspector, so the laptop's own new rows need one."""
    from app.store.tables import Grid

    grid_id: str = server.grid_a  # type: ignore[attr-defined]
    with laptop.db.write() as session:
        session.add(Grid(id=grid_id, code="A", name="甲网格", version=1))
    return grid_id


def _assert_same_as_server(server: LiveServer, laptop: Laptop, username: str = "ann") -> None:
    rows = server_rows(server.url, username)
    local = laptop.snapshot()
    assert {k: data for k, (_v, data) in rows.items()} == local
    versions = laptop.versions()
    assert {k[1]: v for k, (v, _d) in rows.items() if k[0] == "enterprise"} == versions


def test_the_same_batch_pushed_twice_creates_nothing_twice(server: LiveServer, ann: Laptop) -> None:
    ids = ann.create_enterprises(30, prefix="重复")
    with ann.db.read() as session:
        batch = sync_queue.next_batch(session, 500)
        device_id = sync_state.load(session).device_id
    request = p.PushRequest(
        schema_version=p.SCHEMA_VERSION, device_id=device_id, mutations=[to_mutation(e) for e in batch]
    )
    tokens = ann.engine._token_manager(device_id)
    with SyncClient(server.url, token_source=tokens) as client:
        tokens.client = client
        first = client.push(request)
        second = client.push(request)
        threads = [threading.Thread(target=client.push, args=(request,)) for _ in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert [r.status for r in first.results] == ["applied"] * 30
    assert [(r.mutation_id, r.status, r.version) for r in second.results] == [
        (r.mutation_id, r.status, r.version) for r in first.results
    ]

    # The laptop never heard back, as if the confirmation had been lost after it had marked them sent:
    # the sync sends them a third time. Confirmed entries are then pruned from the outbox.
    with ann.db.write() as session:
        session.execute(update(Outbox).where(Outbox.entity_id.in_(ids)).values(state="sent"))  # type: ignore[attr-defined]
    report = ann.sync()
    assert report.pushed == 30 and report.rejected == 0 and report.conflicts == 0
    assert ann.counts().queued == 0
    rows = server_rows(server.url, "ann")
    assert all(rows[("enterprise", i)][0] == 1 for i in ids)
    _assert_same_as_server(server, ann)


def test_server_killed_in_the_middle_of_a_push_then_restarted(server: LiveServer, tmp_path: Path) -> None:
    killed = threading.Event()

    def kill_soon(phase: str, done: int, _total: int) -> None:
        if phase == "push" and done >= 300 and not killed.is_set():
            killed.set()
            threading.Timer(0.02, server.kill).start()

    laptop = Laptop(tmp_path, "killed-server", batch_size=100, progress=kill_soon)
    try:
        laptop.login(server.url, "ann")
        laptop.sync()
        ids = laptop.create_enterprises(1500, prefix="断电")
        report = laptop.sync(expect_ok=False)
        assert killed.is_set()
        assert report.unreachable, report.errors
        assert 0 < laptop.counts().queued < 1500 + 1
        server.start()
        laptop.sync()
        assert laptop.counts().queued == 0
        rows = server_rows(server.url, "ann")
        assert all(rows[("enterprise", i)][0] == 1 for i in ids)
        _assert_same_as_server(server, laptop)
    finally:
        server.start()
        laptop.close()


def test_answers_lost_after_the_server_committed_apply_exactly_once(server: LiveServer, tmp_path: Path) -> None:
    with DroppingProxy(server.port) as proxy:
        laptop = Laptop(tmp_path, "lossy-network", batch_size=100)
        try:
            laptop.login(proxy.url, "ann")
            laptop.sync()
            ids = laptop.create_enterprises(250, prefix="丢包")
            proxy.drop_next(5, "/v1/sync/push")
            failed = laptop.sync(expect_ok=False)  # 4 attempts of the first batch, every answer lost
            assert failed.unreachable
            assert proxy.dropped == 4
            proxy.drop_next(1, "/v1/sync/pull")
            laptop.sync()
            proxy.drop_next(2, "/v1/sync/push")
            laptop.edit(ids[0], headcount=123)
            laptop.sync()
            assert proxy.dropped == 7
            assert laptop.counts().queued == 0
            rows = server_rows(server.url, "ann")
            assert all(rows[("enterprise", i)][0] == 1 for i in ids[1:])
            assert rows[("enterprise", ids[0])][0] == 2
            assert rows[("enterprise", ids[0])][1]["headcount"] == 123
            _assert_same_as_server(server, laptop)
        finally:
            laptop.close()


def test_laptop_killed_between_writing_a_page_and_saving_the_cursor(
    server: LiveServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    office = Laptop(tmp_path, "office")
    office.login(server.url, "olga")
    office.sync()
    office.create_enterprises(350, prefix="办公室")
    office.sync()
    office.close()

    store = SharedFileKeyring(tmp_path / "keyring.json")
    keyring.set_keyring(store)  # the autouse fixture restores the memory keyring afterwards
    laptop = Laptop(tmp_path, "crashing")
    try:
        laptop.login(server.url, "ann")
        grid_a = _knows_grid_a(server, laptop)
        mine = [laptop.create_enterprise(name=f"本机企业{i}", grid_id=grid_a) for i in range(5)]
        marker = tmp_path / "marker"
        child = subprocess.Popen(
            [sys.executable, "-m", "tests.support.sync_child", str(laptop.paths.root), str(store.path),
             str(marker), "2"],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
        )
        try:
            deadline = time.monotonic() + 120
            while not marker.exists():
                assert child.poll() is None, child.stdout.read() if child.stdout else b""
                assert time.monotonic() < deadline, "the child never reached the second page"
                time.sleep(0.05)
            child.kill()
            child.wait(10)
        finally:
            if child.poll() is None:
                child.kill()
        with laptop.db.read() as session:
            cursor_after_crash = sync_state.load(session).pull_cursor
            rows_after_crash = len(session.exec(select(Enterprise.id)).all())
        assert cursor_after_crash > 0
        assert rows_after_crash <= 100 + len(mine)  # the second page was rolled back with its cursor

        laptop.sync()
        _assert_same_as_server(server, laptop)
        assert laptop.counts().queued == 0
    finally:
        laptop.close()


def test_one_invalid_change_among_a_hundred_is_set_aside_and_the_rest_applies(
    server: LiveServer, ann: Laptop
) -> None:
    first = ann.create_enterprises(50, prefix="前")
    with ann.db.write() as session:
        session.add(
            Outbox(
                mutation_id=new_id(),
                entity="enterprise",
                entity_id=new_id(),
                op="update",
                base_version=1,
                patch='{"headcount": 5}',
                base_values='{"headcount": 4}',
                created_by="ann",
            )
        )
    second = ann.create_enterprises(50, prefix="后")
    report = ann.sync()
    assert (report.applied, report.rejected) == (100, 1)
    with ann.db.read() as session:
        (flagged,) = sync_queue.needs_attention(session)
    assert "no such row" in flagged.last_error
    rows = server_rows(server.url, "ann")
    assert all(("enterprise", i) in rows for i in first + second)
    assert ann.counts().attention == 1 and ann.counts().queued == 0


def test_a_change_outside_my_grids_is_forbidden_and_flagged(server: LiveServer, ann: Laptop) -> None:
    outside = ann.create_enterprises(1, grid_code="B", prefix="越界")[0]
    inside = ann.create_enterprises(3, prefix="界内")
    report = ann.sync()
    assert report.rejected == 1 and report.applied == 3
    with ann.db.read() as session:
        (flagged,) = sync_queue.needs_attention(session)
    assert flagged.entity_id == outside
    on_server = server_snapshot(server.url, "olga")
    assert ("enterprise", outside) not in on_server
    assert all(("enterprise", i) in on_server for i in inside)


def test_a_lost_answer_to_a_token_rotation_does_not_sign_the_laptop_out(server: LiveServer, tmp_path: Path) -> None:
    with DroppingProxy(server.port) as proxy:
        laptop = Laptop(tmp_path, "lost-rotation")
        try:
            laptop.login(proxy.url, "ann")
            laptop.create_enterprise(name="令牌轮换丢包企业", grid_id=_knows_grid_a(server, laptop))
            proxy.drop_next(1, "/v1/auth/token")
            report = laptop.sync()
            assert proxy.dropped == 1 and not report.revoked
            assert laptop.counts().queued == 0
            # A later round with a fresh engine rotates again with the token the retry stored.
            laptop.engine._tokens = None
            laptop.create_enterprise(name="之后的企业", grid_id=laptop.grid_id("A"))
            assert laptop.sync().applied == 1
        finally:
            laptop.close()

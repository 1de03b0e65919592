"""Two laptops edit the same enterprise file offline and sync with a real server process: different
fields merge without a conflict, the same field becomes exactly one conflict that a person resolves,
and afterwards both laptops and the server hold the same rows."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.live_server import LiveServer
from tests.support.sync_laptops import PASSWORD, Laptop, server_snapshot

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    live = LiveServer(tmp_path_factory.mktemp("server"))
    live.create_grid("A", "甲网格")
    live.create_grid("B", "乙网格")
    live.create_account("ann", PASSWORD, grids=["A"])
    live.create_account("amy", PASSWORD, grids=["A"])
    live.create_account("olga", PASSWORD, role="office")
    with live:
        yield live


@pytest.fixture
def laptops(server: LiveServer, tmp_path: Path) -> Iterator[tuple[Laptop, Laptop]]:
    first, second = Laptop(tmp_path, "ann-laptop"), Laptop(tmp_path, "amy-laptop")
    first.login(server.url, "ann")
    second.login(server.url, "amy")
    try:
        yield first, second
    finally:
        first.close()
        second.close()


def _shared_enterprise(first: Laptop, second: Laptop) -> str:
    first.sync()
    enterprise_id = first.create_enterprise(
        name="华达电子有限公司", grid_id=first.grid_id("A"), headcount=30, address="文一路1号"
    )
    first.sync()
    second.sync()
    assert second.enterprise(enterprise_id).name == "华达电子有限公司"
    return enterprise_id


def _assert_converged(server: LiveServer, *laptops: Laptop) -> None:
    for laptop in laptops:
        laptop.sync()
    snapshots = [laptop.snapshot() for laptop in laptops]
    for other in snapshots[1:]:
        assert other == snapshots[0]
    on_server = server_snapshot(server.url, "ann")
    assert {k: v for k, v in on_server.items() if k in snapshots[0]} == snapshots[0]
    assert set(on_server) == set(snapshots[0])
    for laptop in laptops:
        assert laptop.counts().queued == 0


def test_edits_to_different_fields_merge_without_conflict(server: LiveServer, laptops: tuple[Laptop, Laptop]) -> None:
    first, second = laptops
    enterprise_id = _shared_enterprise(first, second)

    first.edit(enterprise_id, headcount=45)
    second.edit(enterprise_id, address="文一路88号", contact_name="李主席")
    first.sync()
    report = second.sync()

    assert report.conflicts == 0
    assert first.conflicts() == [] and second.conflicts() == []
    _assert_converged(server, first, second)
    for laptop in (first, second):
        row = laptop.enterprise(enterprise_id)
        assert (row.headcount, row.address, row.contact_name) == (45, "文一路88号", "李主席")


@pytest.mark.parametrize("decision", ["mine", "theirs", "edited"])
def test_same_field_becomes_one_conflict_and_converges_after_the_decision(
    server: LiveServer, laptops: tuple[Laptop, Laptop], decision: str
) -> None:
    first, second = laptops
    enterprise_id = _shared_enterprise(first, second)

    first.edit(enterprise_id, headcount=45)
    second.edit(enterprise_id, headcount=52, contact_name="李主席")
    first.sync()
    report = second.sync()

    assert report.conflicts == 1
    (conflict,) = second.conflicts()
    assert conflict.field_name == "headcount"
    assert (conflict.local_value, conflict.server_value) == ("52", "45")
    # Nothing silently overwritten: each side still shows its own value until a person decides, and
    # the field that did not clash went through.
    assert second.enterprise(enterprise_id).headcount == 52
    first.sync()
    assert first.enterprise(enterprise_id).headcount == 45
    assert first.enterprise(enterprise_id).contact_name == "李主席"

    second.resolve(conflict.id, decision, 60 if decision == "edited" else None)  # type: ignore[arg-type]
    expected = {"mine": 52, "theirs": 45, "edited": 60}[decision]
    second.sync()
    _assert_converged(server, first, second)
    assert first.enterprise(enterprise_id).headcount == expected
    assert second.enterprise(enterprise_id).headcount == expected
    assert second.conflicts() == []


@pytest.mark.parametrize("decision", ["mine", "theirs"])
def test_edit_against_a_delete_is_a_conflict_a_person_decides(
    server: LiveServer, laptops: tuple[Laptop, Laptop], decision: str
) -> None:
    from app.store import changes
    from app.store.tables import Enterprise

    first, second = laptops
    enterprise_id = _shared_enterprise(first, second)
    with first.db.write() as session:
        row = session.get(Enterprise, enterprise_id)
        assert row is not None
        changes.delete(session, row, "ann")
    second.edit(enterprise_id, headcount=99, notes="复查时人数增加")
    first.sync()
    report = second.sync()

    assert report.conflicts == 1
    (conflict,) = second.conflicts()
    assert conflict.field_name == "deleted"
    assert not second.enterprise(enterprise_id).deleted  # the edit is not thrown away before a decision

    second.resolve(conflict.id, decision)  # type: ignore[arg-type]
    second.sync()
    _assert_converged(server, first, second)
    for laptop in (first, second):
        row = laptop.enterprise(enterprise_id)
        if decision == "mine":
            assert not row.deleted and (row.headcount, row.notes) == (99, "复查时人数增加")
        else:
            assert row.deleted and row.headcount == 30

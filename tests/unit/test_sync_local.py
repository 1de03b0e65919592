"""The laptop side of sync without a server: pulled rows land without touching the outbox, never undo
unconfirmed local edits, wait for the rows they refer to; conflicts keep both values until decided."""

from __future__ import annotations

import datetime as dt
import json

from sqlmodel import select

from app.store import changes, sync_conflicts, sync_queue, sync_replica, sync_state
from app.store.db import Database
from app.store.tables import Enterprise, Grid, Outbox
from app.store.tables.sync import SyncConflict, SyncParked


def _enterprise(db: Database, *, confirmed: bool = True, **values: object) -> Enterprise:
    """A row as if its insert had already reached the server (version 1)."""
    with db.write() as session:
        row = changes.insert(session, Enterprise(name="华达电子有限公司", **values), "tester")  # type: ignore[arg-type]
        if confirmed:
            entry = session.exec(select(Outbox).where(Outbox.entity_id == row.id)).one()
            sync_queue.mark_applied(session, entry, 1)
    return row


def _change(seq: int, entity_id: str, data: dict[str, object], *, entity: str = "enterprise", version: int = 1,
            deleted: bool = False) -> sync_replica.PulledChange:
    return sync_replica.PulledChange(seq=seq, entity=entity, entity_id=entity_id, version=version, values=data,
                                     deleted=deleted, updated_by="other")


def _outbox(db: Database) -> list[Outbox]:
    with db.read() as session:
        return list(session.exec(select(Outbox).order_by(Outbox.seq)).all())  # type: ignore[arg-type]


def test_pulled_new_row_is_written_with_types_and_cursor_without_outbox(db: Database) -> None:
    with db.write() as session:
        result = sync_replica.apply_page(
            session,
            [_change(7, "e-1", {"name": "新企业", "registered_date": "2020-05-01", "headcount": "31", "mystery": 1})],
            next_cursor=7,
        )
    assert result.applied == 1
    with db.read() as session:
        row = session.get(Enterprise, "e-1")
        assert row is not None
        assert row.registered_date == dt.date(2020, 5, 1)
        assert row.headcount == 31
        assert row.version == 1
        assert sync_state.load(session).pull_cursor == 7
    assert _outbox(db) == []


def test_pull_keeps_fields_waiting_to_be_pushed(db: Database) -> None:
    row = _enterprise(db, headcount=10)
    with db.write() as session:
        fresh = session.get(Enterprise, row.id)
        assert fresh is not None
        changes.update(session, fresh, {"headcount": 40}, "tester")
    server_state = {"name": "服务器改名有限公司", "headcount": 12}
    with db.write() as session:
        sync_replica.apply_page(session, [_change(3, row.id, server_state, version=2)], next_cursor=3)
    with db.read() as session:
        fresh = session.get(Enterprise, row.id)
        assert fresh is not None
        assert fresh.name == "服务器改名有限公司"
        assert fresh.headcount == 40
        assert fresh.version == 2


def test_tombstone_marks_deleted_and_unknown_entity_is_skipped(db: Database) -> None:
    row = _enterprise(db)
    with db.write() as session:
        result = sync_replica.apply_page(
            session,
            [
                _change(1, row.id, {}, deleted=True, version=3),
                _change(2, "x-1", {"a": 1}, entity="no_such_table"),
            ],
            next_cursor=2,
        )
    assert (result.applied, result.skipped) == (1, 1)
    with db.read() as session:
        fresh = session.get(Enterprise, row.id)
        assert fresh is not None and fresh.deleted


def test_row_waits_for_the_grid_it_refers_to(db: Database) -> None:
    with db.write() as session:
        result = sync_replica.apply_page(
            session, [_change(1, "e-9", {"name": "等待网格的企业", "grid_id": "g-9"})], next_cursor=1
        )
        assert result.parked == 1
    with db.read() as session:
        assert session.get(Enterprise, "e-9") is None
    with db.write() as session:
        result = sync_replica.apply_page(
            session, [_change(2, "g-9", {"code": "G09", "name": "新网格"}, entity="grid")], next_cursor=2
        )
    assert result.unparked == 1
    with db.read() as session:
        row = session.get(Enterprise, "e-9")
        assert row is not None and row.grid_id == "g-9"
        assert session.get(Grid, "g-9") is not None
        assert list(session.exec(select(SyncParked)).all()) == []


def test_conflict_keeps_both_values_until_decided_then_queues_the_decision(db: Database) -> None:
    row = _enterprise(db, headcount=10)
    with db.write() as session:
        fresh = session.get(Enterprise, row.id)
        assert fresh is not None
        changes.update(session, fresh, {"headcount": 40}, "tester")
    entry = _outbox(db)[-1]
    with db.write() as session:
        entry = session.get(Outbox, entry.seq)  # type: ignore[assignment]
        assert entry is not None
        sync_conflicts.record(session, entry, [sync_conflicts.FieldConflict("headcount", 55)], server_version=4)
    with db.read() as session:
        (conflict,) = sync_conflicts.open_conflicts(session)
        assert sync_conflicts.decoded(conflict)[:2] == (40, 55)
        assert sync_queue.counts(session).conflicts == 1
        assert "headcount" in sync_queue.protected_fields(session, "enterprise", row.id)
    with db.write() as session:
        mutation = sync_conflicts.resolve(session, conflict.id or 0, "mine", "tester")
    assert mutation is not None
    assert json.loads(mutation.patch) == {"headcount": 40}
    assert json.loads(mutation.base_values) == {"headcount": 55}
    assert mutation.base_version == 4
    with db.read() as session:
        assert sync_queue.counts(session).conflicts == 0
        states = [e.state for e in session.exec(select(Outbox).order_by(Outbox.seq)).all()]  # type: ignore[arg-type]
        assert states == ["applied", "resolved", "pending"]


def _headcount_edit_in_conflict(
    db: Database, found: sync_conflicts.FieldConflict, server_version: int
) -> tuple[Enterprise, SyncConflict]:
    """An enterprise whose headcount was edited here from 10 to 40, and the conflict its push met."""
    row = _enterprise(db, headcount=10)
    with db.write() as session:
        fresh = session.get(Enterprise, row.id)
        assert fresh is not None
        changes.update(session, fresh, {"headcount": 40}, "tester")
        entry = session.exec(select(Outbox).where(Outbox.op == "update")).one()
        (conflict,) = sync_conflicts.record(session, entry, [found], server_version)
    return row, conflict


def test_take_theirs_writes_the_server_value_and_queues_nothing(db: Database) -> None:
    row, conflict = _headcount_edit_in_conflict(db, sync_conflicts.FieldConflict("headcount", 55), 4)
    with db.write() as session:
        assert sync_conflicts.resolve(session, conflict.id or 0, "theirs", "tester") is None
    with db.read() as session:
        fresh = session.get(Enterprise, row.id)
        assert fresh is not None and fresh.headcount == 55
        assert sync_queue.counts(session).queued == 0


def test_pull_during_an_open_conflict_gives_theirs_the_newest_server_value(db: Database) -> None:
    """The field stays local while the conflict is open, but the conflict learns the newer server
    value; "theirs" used to write the value first recorded and queue nothing (the laptop diverged)."""
    row, conflict = _headcount_edit_in_conflict(db, sync_conflicts.FieldConflict("headcount", 55), 4)
    with db.write() as session:
        sync_replica.apply_page(session, [_change(5, row.id, {"name": "华达电子有限公司", "headcount": 77}, version=5)],
                                next_cursor=5)
    with db.read() as session:
        fresh = session.get(Enterprise, row.id)
        assert fresh is not None and fresh.headcount == 40 and fresh.version == 5
        (open_one,) = sync_conflicts.open_conflicts(session)
        assert sync_conflicts.decoded(open_one)[:2] == (40, 77)
        assert open_one.server_version == 5
    with db.write() as session:
        assert sync_conflicts.resolve(session, conflict.id or 0, "theirs", "tester") is None
    with db.read() as session:
        fresh = session.get(Enterprise, row.id)
        assert fresh is not None and fresh.headcount == 77
        assert sync_queue.counts(session).queued == 0


def test_mine_on_an_edit_against_a_delete_resends_the_edit_after_the_row_was_restored(db: Database) -> None:
    row, conflict = _headcount_edit_in_conflict(db, sync_conflicts.FieldConflict("deleted", True), 3)
    with db.write() as session:  # the server restored the row meanwhile
        sync_replica.apply_page(session, [_change(4, row.id, {"name": "华达电子有限公司", "headcount": 10}, version=4)],
                                next_cursor=4)
    with db.write() as session:
        mutation = sync_conflicts.resolve(session, conflict.id or 0, "mine", "tester")
    assert mutation is not None
    assert json.loads(mutation.patch) == {"headcount": 40}
    assert json.loads(mutation.base_values) == {"headcount": 10}


def test_refused_change_can_be_dismissed_back_to_its_old_value(db: Database) -> None:
    row = _enterprise(db, headcount=10)
    with db.write() as session:
        fresh = session.get(Enterprise, row.id)
        assert fresh is not None
        fresh.version = 2
        changes.update(session, fresh, {"headcount": -5}, "tester")
        entry = session.exec(select(Outbox).where(Outbox.op == "update")).one()
        sync_queue.mark_rejected(session, entry, "人数不能为负")
    with db.read() as session:
        assert [e.last_error for e in sync_queue.needs_attention(session)] == ["人数不能为负"]
        assert sync_queue.counts(session).attention == 1
    with db.write() as session:
        sync_queue.dismiss(session, entry.seq or 0)
    with db.read() as session:
        fresh = session.get(Enterprise, row.id)
        assert fresh is not None and fresh.headcount == 10
        assert sync_queue.counts(session).attention == 0

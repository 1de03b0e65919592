"""Deletes meeting edits on the server, the sequences the sync model found or that lie next to it.

A laptop queues every offline change against the version it last saw, so "edit, then delete" of one
row carries the same base version twice. The delete must still apply after its own edit (also when the
answer was lost and the batch is sent again, also after signing in again with a new device id), and
must conflict only with a write from somewhere else."""

from __future__ import annotations

import json
import tempfile
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from sqlmodel import select

from app.server import sync_service
from app.server.accounts import Principal, principal_for
from app.server.db import ServerDB
from app.server.settings import ServerSettings
from app.server.tables import Account, ChangeLog, Record
from app.sync.protocol import SCHEMA_VERSION, Mutation, MutationResult, PushRequest
from tests.unit.test_server_sync_model import SyncMachine, _seeded_copy

ROW = "e-delete-1"


@dataclass
class Server:
    db: ServerDB
    grid: str

    def principal(self, username: str, device: str) -> Principal:
        with self.db.read() as s:
            account = s.exec(select(Account).where(Account.username == username)).one()
            return principal_for(s, account, device)

    def push(self, who: Principal, *mutations: Mutation) -> list[MutationResult]:
        req = PushRequest(schema_version=SCHEMA_VERSION, device_id=who.device_id, mutations=list(mutations))
        return sync_service.push(self.db, who, req).results

    def row(self) -> tuple[int, bool, dict[str, Any]]:
        with self.db.read() as s:
            r = s.exec(select(Record).where(Record.entity == "enterprise", Record.id == ROW)).one()
            return r.version, r.deleted, json.loads(r.data)

    def writes(self) -> int:
        with self.db.read() as s:
            return len(s.exec(select(ChangeLog.seq).where(ChangeLog.entity_id == ROW)).all())


@pytest.fixture
def server() -> Iterator[Server]:
    with tempfile.TemporaryDirectory() as tmp:
        seeded = _seeded_copy(Path(tmp))
        db = ServerDB(ServerSettings(data_dir=Path(tmp), jwt_secret="m" * 40).db_url)
        srv = Server(db, seeded.grid_a)
        try:
            ann = srv.principal("ann", "dev-ann")
            data = {"name": "甲", "address": "", "industry": "", "headcount": 0, "grid_id": seeded.grid_a}
            assert srv.push(ann, mutation("insert", 0, {**data, "deleted": False}))[0].status == "applied"
            yield srv
        finally:
            db.dispose()


def mutation(op: str, base: int, patch: dict[str, Any], base_values: dict[str, Any] | None = None) -> Mutation:
    return Mutation(
        mutation_id=str(uuid.uuid4()),
        entity="enterprise",
        entity_id=ROW,
        op=op,  # type: ignore[arg-type]
        base_version=base,
        patch=patch,
        base_values=base_values or {},
    )


def edit(base: int, value: str, was: str = "甲") -> Mutation:
    return mutation("update", base, {"name": value}, {"name": was})


def delete(base: int) -> Mutation:
    return mutation("delete", base, {"deleted": True}, {"deleted": False})


def test_own_edit_then_delete_in_one_batch_deletes(server: Server) -> None:
    ann = server.principal("ann", "dev-ann")
    results = server.push(ann, edit(1, "乙"), delete(1))
    assert [r.status for r in results] == ["applied", "applied"]
    version, deleted, data = server.row()
    assert (version, deleted, data["name"]) == (3, True, "乙")


def test_lost_answer_then_resend_keeps_the_row_deleted(server: Server) -> None:
    """The sequence the random run found: edit, delete, push with the answer lost, push again."""
    ann = server.principal("ann", "dev-ann")
    batch = (edit(1, "乙"), delete(1))
    first = server.push(ann, *batch)
    again = server.push(ann, *batch)
    assert [r.status for r in again] == [r.status for r in first] == ["applied", "applied"]
    assert server.row()[:2] == (3, True)
    assert server.writes() == 3  # insert, edit, delete: nothing applied twice


def test_delete_in_a_later_batch_after_its_own_edit(server: Server) -> None:
    ann = server.principal("ann", "dev-ann")
    assert server.push(ann, edit(1, "乙"))[0].status == "applied"
    assert server.push(ann, edit(1, "丙", was="乙"))[0].status == "applied"
    assert server.push(ann, delete(1))[0].status == "applied"
    assert server.row()[:2] == (4, True)


def test_resend_after_signing_in_again_still_deletes(server: Server) -> None:
    """A new device id after signing in again: the edit is known by its mutation id in the same request."""
    old, new = server.principal("ann", "dev-ann"), server.principal("ann", "dev-ann-2")
    batch = (edit(1, "乙"), delete(1))
    server.push(old, batch[0])  # answer lost, then the laptop signs in again and resends everything
    assert [r.status for r in server.push(new, *batch)] == ["applied", "applied"]
    assert server.row()[:2] == (3, True)


def test_delete_conflicts_with_an_edit_from_another_device(server: Server) -> None:
    ann, olga = server.principal("ann", "dev-ann"), server.principal("olga", "dev-olga")
    assert server.push(olga, edit(1, "丙"))[0].status == "applied"
    result = server.push(ann, delete(1))[0]
    assert result.status == "conflict" and result.conflict_fields == ["deleted"]
    assert server.row()[:2] == (2, False)


def test_delete_conflicts_when_another_account_wrote_between_own_edits(server: Server) -> None:
    ann, olga = server.principal("ann", "dev-ann"), server.principal("olga", "dev-olga")
    assert server.push(ann, edit(1, "乙"))[0].status == "applied"
    assert server.push(olga, mutation("update", 2, {"address": "一路1号"}, {"address": ""}))[0].status == "applied"
    assert server.push(ann, mutation("update", 1, {"industry": "制造"}, {"industry": ""}))[0].status == "applied"
    result = server.push(ann, delete(1))[0]
    assert result.status == "conflict"
    assert server.row()[1] is False


def test_same_account_on_another_device_is_somebody_else(server: Server) -> None:
    """The phone of the same inspector edited what the laptop had not seen: the laptop's delete asks."""
    laptop, phone = server.principal("ann", "dev-ann"), server.principal("ann", "dev-phone")
    assert server.push(phone, edit(1, "乙"))[0].status == "applied"
    assert server.push(laptop, delete(1))[0].status == "conflict"


def test_edit_from_elsewhere_after_delete_does_not_resurrect(server: Server) -> None:
    ann, olga = server.principal("ann", "dev-ann"), server.principal("olga", "dev-olga")
    gone = delete(1)
    assert server.push(ann, gone)[0].status == "applied"
    late = server.push(olga, edit(1, "丙"))[0]
    assert late.status == "conflict" and late.server_values == {"name": "甲", "deleted": True}
    assert server.push(ann, gone)[0].status == "applied"  # the resent delete answers from the ledger
    assert server.row()[:2] == (2, True)


def test_own_edit_resent_after_own_delete_does_not_resurrect(server: Server) -> None:
    ann = server.principal("ann", "dev-ann")
    first, gone = edit(1, "乙"), delete(1)
    server.push(ann, first, gone)
    assert [r.status for r in server.push(ann, first)] == ["applied"]
    assert server.row()[:2] == (3, True)


# The model's own sequence, step by step, with convergence checked at the end -------------------------


def _run(steps: list[tuple[str, dict[str, Any]]]) -> SyncMachine:
    machine = SyncMachine()
    try:
        for name, kwargs in steps:
            getattr(machine, name)(**kwargs)
            machine.books_balance()
        machine.converge()
        with machine.db.read() as s:
            record = s.exec(select(Record).where(Record.entity == "enterprise", Record.id == "e0")).one()
        assert record.deleted, "the device deleted the row; the server must not keep it live"
        return machine
    finally:
        machine.db.dispose()
        machine.tmp.cleanup()


@pytest.mark.parametrize("first_batch", [1, 2])
def test_model_sequence_edit_delete_lost_answer(first_batch: int) -> None:
    _run(
        [
            ("edit", {"d": 0, "row": "e0", "field": "name", "value": "乙"}),
            ("delete", {"d": 0, "row": "e0"}),
            ("push", {"d": 0, "n": first_batch, "drop_answer": True, "twice": False}),
            ("pull", {"d": 0, "limit": 3}),
            ("push", {"d": 0, "n": 2, "drop_answer": False, "twice": True}),
        ]
    )

"""Document numbers: blocks from the server, provisional numbers offline, two laptops that can never
produce the same number, and a crash in the middle of issuing that never reuses or loses one."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
import textwrap
from collections import defaultdict
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlmodel import select

from app.core.letters import parse_number
from app.paths import DataPaths
from app.store import changes, letter_numbers
from app.store import letters as letter_repo
from app.store.db import Database, open_database
from app.store.letters import IssuedDocument, NoNumberAvailable
from app.store.tables import Attachment, Enterprise, Outbox
from app.store.tables.matters import Letter, LetterNumberBlock
from tests.support import file_keyring
from tests.support.memory_keyring import MemoryKeyring

DAY = dt.date(2026, 3, 5)
SERIES = "工监意"


def fake_render(letter: Letter) -> IssuedDocument:
    return IssuedDocument(pdf=f"%PDF-1.4 {letter.number}".encode(), body=json.dumps({"number": letter.number}))


def make_enterprise(db: Database) -> str:
    with db.write() as session:
        return changes.insert(session, Enterprise(name="示范区测试有限公司"), "t").id


def draft(db: Database, enterprise_id: str, kind: str = "opinion") -> str:
    with db.write() as session:
        return letter_repo.create_draft(
            session, matter_id=None, enterprise_id=enterprise_id, kind=kind, title="", addressee="某公司",
            body={"paragraphs": ["x"]}, actor="t",
        ).id


def issue(db: Database, letter_id: str, *, provisional: bool = True) -> Letter:
    with db.write() as session:
        return letter_repo.issue(
            session, letter_id, actor="t", role="office", issued_on=DAY, render=fake_render,
            blobs_root=db.paths.blobs, allow_provisional=provisional, today=DAY,
        )


def test_no_block_means_no_real_number(db: Database) -> None:
    ent = make_enterprise(db)
    letter_id = draft(db, ent)
    with pytest.raises(NoNumberAvailable, match="没有可用的工监意〔2026〕文号"):
        issue(db, letter_id, provisional=False)
    with db.read() as session:
        assert session.get(Letter, letter_id).status == "draft"  # type: ignore[union-attr]


def test_block_numbers_are_used_in_order_then_provisional_then_replaced(db: Database) -> None:
    ent = make_enterprise(db)
    with db.write() as session:
        letter_numbers.add_block(session, SERIES, 2026, 41, 42)
        assert letter_numbers.remaining(session, SERIES, 2026) == 2
    numbers = [issue(db, draft(db, ent)).number for _ in range(4)]
    assert numbers[:2] == ["工监意〔2026〕41号", "工监意〔2026〕42号"]
    with db.read() as session:
        patches = [json.loads(o.patch) for o in session.exec(select(Outbox).where(Outbox.entity == "letter")).all()]
        assert {"number": "工监意〔2026〕41号"}.items() <= next(p for p in patches if p.get("status") == "issued").items()
    assert all(parse_number(n).provisional for n in numbers[2:])  # type: ignore[union-attr]
    assert numbers[2] != numbers[3]
    with db.write() as session:
        assert letter_numbers.remaining(session, SERIES, 2026) == 0
        assert (SERIES, 2026) in letter_numbers.series_in_use(session, DAY)
        block = letter_numbers.add_block(session, SERIES, 2026, 90, 109)
        assert letter_numbers.add_block(session, SERIES, 2026, 90, 109).id == block.id  # retried sync
        with pytest.raises(letter_numbers.BlockError, match="重叠"):
            letter_numbers.add_block(session, SERIES, 2026, 100, 120)
    with db.read() as session:
        letters = session.exec(select(Letter).order_by(Letter.seq)).all()  # type: ignore[arg-type]
        by_old = {row.provisional_number: row for row in letters if row.provisional_number}
        assert by_old[numbers[2]].number == "工监意〔2026〕90号"
        assert by_old[numbers[3]].number == "工监意〔2026〕91号"
        assert not any(row.number_provisional for row in letters)
        assert letter_numbers.remaining(session, SERIES, 2026) == 18
        # the PDF issued with the provisional number is known to be out of date
        assert not letter_repo.pdf_is_current(session, by_old[numbers[2]])


def test_other_devices_provisional_letters_are_left_alone(db: Database) -> None:
    ent = make_enterprise(db)
    with db.write() as session:
        changes.insert(
            session,
            Letter(enterprise_id=ent, kind="opinion", number="工监意〔2026〕临字ZZZZZZ-1号", number_provisional=True,
                   series_key=SERIES, year=2026, status="issued", issued_on=DAY),
            "other",
        )
        letter_numbers.add_block(session, SERIES, 2026, 1, 5)
        assert letter_numbers.remaining(session, SERIES, 2026) == 5


def _fake_server() -> defaultdict[tuple[str, int], int]:
    return defaultdict(lambda: 1)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    ops=st.lists(
        st.tuples(st.sampled_from(["a", "b"]), st.sampled_from(["issue", "issue", "issue", "sync"]), st.integers(1, 4)),
        min_size=1,
        max_size=30,
    )
)
def test_two_devices_with_disjoint_blocks_never_collide(tmp_path_factory: pytest.TempPathFactory, ops: list[tuple[str, str, int]]) -> None:
    """Two laptops issue letters offline in any order, syncing now and then; the server hands out each
    range once. No two letters anywhere ever carry the same number, and after a final sync every
    letter has a real one."""
    root = tmp_path_factory.mktemp("devices")
    dbs = {name: open_database(DataPaths(root / name)) for name in ("a", "b")}
    try:
        ents = {name: make_enterprise(db) for name, db in dbs.items()}
        server = _fake_server()

        def sync(name: str, size: int) -> None:
            with dbs[name].write() as session:
                for key, year in letter_numbers.series_in_use(session, DAY):
                    start = server[(key, year)]
                    server[(key, year)] = start + size
                    letter_numbers.add_block(session, key, year, start, start + size - 1)

        for device, op, n in ops:
            if op == "sync":
                sync(device, n)
            else:
                issue(dbs[device], draft(dbs[device], ents[device]))
        for name in dbs:
            sync(name, 40)
        seen: list[str] = []
        for db in dbs.values():
            with db.read() as session:
                rows = session.exec(select(Letter).where(Letter.status == "issued")).all()
                assert not any(r.number_provisional for r in rows)
                seen += [r.number for r in rows]
        assert len(seen) == len(set(seen))
    finally:
        for db in dbs.values():
            db.dispose()


def test_failure_mid_issue_keeps_nothing_and_reuses_nothing(db: Database) -> None:
    ent = make_enterprise(db)
    with db.write() as session:
        letter_numbers.add_block(session, SERIES, 2026, 7, 9)
    letter_id = draft(db, ent)
    with db.read() as session:
        outbox_before = len(session.exec(select(Outbox)).all())

    def broken(letter: Letter) -> IssuedDocument:
        assert letter.number == "工监意〔2026〕7号"
        raise OSError("disk full")

    with pytest.raises(OSError), db.write() as session:
        letter_repo.issue(session, letter_id, actor="t", role="office", issued_on=DAY, render=broken,
                          blobs_root=db.paths.blobs, today=DAY)
    with db.read() as session:
        assert session.get(Letter, letter_id).status == "draft"  # type: ignore[union-attr]
        assert letter_numbers.remaining(session, SERIES, 2026) == 3
        assert session.exec(select(Attachment)).all() == []
        assert len(session.exec(select(Outbox)).all()) == outbox_before
    assert issue(db, letter_id).number == "工监意〔2026〕7号"  # never used, so still the next one


_CHILD = textwrap.dedent(
    """
    import datetime as dt, json, os, sys
    from pathlib import Path
    import keyring
    from app.paths import DataPaths
    from app.store.db import open_database
    from tests.support.file_keyring import SharedFileKeyring
    from app.store import letters
    from app.store.letters import IssuedDocument

    mode, root, letter_id = sys.argv[1], sys.argv[2], sys.argv[3]
    keyring.set_keyring(SharedFileKeyring(sys.argv[4]))
    db = open_database(DataPaths(Path(root)))

    def render(letter):
        if mode == "die-before-commit":
            os._exit(9)
        return IssuedDocument(pdf=b"%PDF " + letter.number.encode(), body=json.dumps({"n": letter.number}))

    with db.write() as session:
        letters.issue(session, letter_id, actor="child", role="office", issued_on=dt.date(2026, 3, 5),
                      render=render, blobs_root=db.paths.blobs, today=dt.date(2026, 3, 5))
    os._exit(0 if mode == "die-after-commit" else 3)
    """
)


def test_killed_process_never_reuses_a_number(db: Database, isolated_keyring: MemoryKeyring) -> None:
    """A real process killed in the middle of issuing (power cut, crash) and right after committing."""
    ent = make_enterprise(db)
    with db.write() as session:
        letter_numbers.add_block(session, SERIES, 2026, 1, 10)
    first, second = draft(db, ent), draft(db, ent)
    db.dispose()
    root = str(db.paths.root)
    shared = str(file_keyring.share(isolated_keyring.items, db.paths.root.parent / "keyring.json"))
    repo_root = Path(__file__).resolve().parents[2]

    def child(mode: str, letter_id: str) -> int:
        return subprocess.run(
            [sys.executable, "-c", _CHILD, mode, root, letter_id, shared], cwd=repo_root, timeout=120
        ).returncode

    assert child("die-before-commit", first) == 9
    with db.read() as session:
        assert session.get(Letter, first).status == "draft"  # type: ignore[union-attr]
        assert session.exec(select(LetterNumberBlock)).one().next_value == 1
    assert child("die-after-commit", first) == 0
    with db.read() as session:
        assert session.get(Letter, first).number == "工监意〔2026〕1号"  # type: ignore[union-attr]
        assert session.exec(select(LetterNumberBlock)).one().next_value == 2
    assert issue(db, second).number == "工监意〔2026〕2号"


def test_number_report_for_the_health_check(db: Database) -> None:
    ent = make_enterprise(db)
    with db.write() as session:
        letter_numbers.add_block(session, SERIES, 2026, 1, 1)
    issue(db, draft(db, ent))
    issue(db, draft(db, ent))  # no number left: provisional
    with db.read() as session:
        report = dict((msg.split("：")[0], level) for level, msg in letter_numbers.number_report(session, DAY))
        messages = [msg for _level, msg in letter_numbers.number_report(session, DAY)]
    assert report["工监意〔2026〕"] == "warn"
    assert "1 份函件使用临时编号，待同步后换为正式文号" in messages

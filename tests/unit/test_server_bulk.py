"""The one-step SQLite writes and reads of app/server/bulk.py store and return exactly what
executemany and a plain SELECT do, and fall back to them for values JSON cannot carry."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Float,
    MetaData,
    String,
    Table,
    Text,
    create_engine,
    select,
)
from sqlalchemy.orm import Session

from app.server import bulk

META = MetaData()
T = Table(
    "t", META,
    Column("kind", String(8), primary_key=True),
    Column("key", String(64), primary_key=True),
    Column("user", String(64)),  # a keyword as a column name, like change_log.user
    Column("n", BigInteger, nullable=False),
    Column("flag", Boolean, nullable=False),
    Column("x", Float),
    Column("body", Text),
)
ROWS: list[dict[str, Any]] = [
    {"kind": "a", "key": "k1", "user": "张三", "n": 2**62, "flag": True, "x": 0.1, "body": '{"q": "走访\\u0000"}'},
    {"kind": "a", "key": "k2", "user": None, "n": -5, "flag": False, "x": None, "body": "x\x1fy\n\"'"},
    {"kind": "b", "key": "k1", "user": "", "n": 0, "flag": True, "x": 1e300, "body": ""},
]


@pytest.fixture
def session(tmp_path: Path) -> Any:
    engine = create_engine(f"sqlite:///{tmp_path / 'b.db'}")
    META.create_all(engine)
    with Session(engine) as s, s.begin():
        yield s
    engine.dispose()


def _all(session: Session) -> list[tuple[Any, ...]]:
    return [tuple(r) for r in session.execute(select(T).order_by(T.c.kind, T.c.key)).all()]


def test_insert_rows_stores_what_executemany_stores(session: Session) -> None:
    bulk.insert_rows(session, T, ROWS)
    one_step = _all(session)
    session.execute(T.delete())
    session.execute(T.insert(), ROWS)
    assert one_step == _all(session)
    assert one_step[0][3] == 2**62 and one_step[0][4] is True and one_step[0][6] == '{"q": "走访\\u0000"}'


def test_values_json_cannot_carry_fall_back(session: Session) -> None:
    bulk.insert_rows(session, T, [dict(ROWS[0], key="inf", x=float("inf")), dict(ROWS[1], user="a\x00b")])
    rows = _all(session)
    assert rows[0][5] == float("inf") and rows[1][2] == "a\x00b"
    stmt = select(T.c.key, T.c.user).order_by(T.c.key)
    assert bulk.fetch_rows(session, stmt) == [("inf", ROWS[0]["user"]), ("k2", "a\x00b")]


def test_delete_keys_deletes_exactly_those(session: Session) -> None:
    bulk.insert_rows(session, T, ROWS)
    assert bulk.delete_keys(session, T, ("kind", "key"), [("a", "k1"), ("b", "k1"), ("b", "nope")])
    assert [r[:2] for r in _all(session)] == [("a", "k2")]
    assert bulk.delete_keys(session, T, ("kind", "key"), [])


def test_fetch_rows_returns_the_select_rows(session: Session) -> None:
    session.execute(T.insert(), ROWS)
    stmt = select(T.c.kind, T.c.key, T.c.user, T.c.n, T.c.body).where(T.c.kind == "a")
    assert sorted(bulk.fetch_rows(session, stmt)) == sorted(tuple(r) for r in session.execute(stmt).all())
    assert bulk.fetch_rows(session, select(T.c.key).where(T.c.kind == "none")) == []


def test_other_databases_take_the_plain_path(session: Session, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(bulk, "_sqlite_json", lambda _s: False)
    bulk.insert_rows(session, T, ROWS)
    assert len(_all(session)) == 3
    assert not bulk.delete_keys(session, T, ("kind", "key"), [("a", "k1")])
    assert len(bulk.fetch_rows(session, select(T.c.key))) == 3



def test_select_in_returns_what_a_plain_select_does_and_declines_a_text_with_nul(session: Any) -> None:
    bulk.insert_rows(session, T, ROWS)
    cols = ["kind", "key", "user", "n", "flag", "x", "body"]
    got = bulk.select_in(session, T, cols, {"kind": "a"}, "key", ["k1", "k2", "absent"])
    plain = [tuple(r) for r in session.execute(select(*T.c).where(T.c.kind == "a")).all()]
    assert got is not None
    assert sorted((*r[:4], bool(r[4]), *r[5:]) for r in got) == sorted(plain)
    nul = [{"kind": "c", "key": "k9", "user": "a\x00b", "n": 1, "flag": False, "x": None, "body": None}]
    session.execute(T.insert(), nul)
    assert bulk.select_in(session, T, cols, {"kind": "c"}, "key", ["k9"]) is None  # read again the plain way
    assert bulk.select_in(session, T, cols, {"kind": "a"}, "key", [float("nan")]) is None
    assert bulk.select_in(session, T, cols, {"kind": "a"}, "key", []) is None

"""What the import's bulk shortcuts must not change: the search index built once after the last chunk
holds every row (and stays exact when a later chunk changes a row an earlier chunk inserted), a first
load into an empty store matches the same rows as one into a store that has them, bulk ids have the
layout of single ones, and memoised cell parsers still report every bad cell."""

from __future__ import annotations

import datetime as dt
import threading
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlmodel import Session

from app.core.codes import make_credit_code, make_org_code, uscc_check_char
from app.core.ids import new_ids
from app.core.pinyin import pinyin_key
from app.planning import importer
from app.planning.importer import run_import
from app.planning.mapping import Source
from app.store import background, datapool, enterprises
from app.store.db import Database

AS_OF = dt.date(2026, 11, 1)


def code(n: int) -> str:
    return make_credit_code("91330106" + make_org_code(f"{n:08d}"))


def _csv(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _search(db: Database, term: str) -> int:
    with db.read() as session:
        return enterprises.count(session, enterprises.EnterpriseFilter(query=term))


def _index_is_exact(db: Database) -> None:
    """FTS5's own check of an external-content index against the enterprise rows."""
    with db.read() as session:
        session.connection().execute(text("INSERT INTO enterprise_fts(enterprise_fts, rank) VALUES ('integrity-check', 1)"))


def test_an_import_of_many_chunks_is_searchable_row_by_row(db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(importer, "CHUNK_ROWS", 3)
    lines = ["企业名称,统一社会信用代码,住所"] + [f"第{i}号鑫达有限公司,{code(i)},凤起路{i}号" for i in range(10)]
    phases: list[str] = []
    result = run_import(db, _csv(tmp_path / "m.csv", lines), actor="clerk", source=Source.MARKET, as_of=AS_OF,
                        progress=lambda phase, done, total: phases.append(phase))
    assert result.inserted == 10
    assert importer.INDEX in phases
    _index_is_exact(db)
    assert _search(db, "鑫达") == 10
    for i in (0, 5, 9):
        assert _search(db, f"凤起路{i}号") == 1
        assert _search(db, code(i)) == 1
    # the triggers are back: a row added by hand afterwards is found too
    with db.write() as session:
        enterprises.create(session, {"name": "手工录入鑫达公司", "credit_code": code(99), "address": "解放路1号"}, "clerk")
    assert _search(db, "解放路1") == 1
    _index_is_exact(db)


def _bad_check(c: str) -> str:
    return c[:17] + next(ch for ch in "0123456789" if ch != uscc_check_char(c[:17]))


def test_a_later_chunk_changing_a_row_of_an_earlier_one_keeps_the_index_exact(
    db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(importer, "CHUNK_ROWS", 2)
    lines = ["企业名称,统一社会信用代码,住所", f"甲公司,{code(1)},文一路1号", f"乙公司,{code(2)},文一路2号", f"丙公司,{code(3)},文一路3号",
             f"甲公司,{_bad_check(code(1))},秋涛路8号"]  # chunk 2: a one-digit typo of the first row's code
    result = run_import(db, _csv(tmp_path / "m.csv", lines), actor="clerk", source=Source.MARKET, as_of=AS_OF, near="merge")
    assert [m.existing_code for m in result.near_matches] == [code(1)]
    _index_is_exact(db)
    with db.read() as session:
        address = session.connection().execute(text("SELECT address FROM enterprise WHERE credit_code = :c"), {"c": code(1)}).scalar_one()
    assert _search(db, address) == 1
    assert _search(db, "文一路") + _search(db, "秋涛路") == 3


def test_a_first_load_finds_the_same_as_a_load_into_a_full_store(db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(importer, "CHUNK_ROWS", 2)
    lines = ["企业名称,统一社会信用代码,从业人数"] + [f"企业{i},{code(i)},{10 + i}" for i in range(5)]
    first = run_import(db, _csv(tmp_path / "a.csv", lines), actor="clerk", source=Source.MARKET, as_of=AS_OF)
    assert first.inserted == 5
    again = run_import(db, _csv(tmp_path / "b.csv", lines), actor="clerk", source=Source.MARKET, as_of=AS_OF)
    assert (again.inserted, again.unchanged) == (0, 5)
    more = lines[:1] + [f"企业{i},{code(i)},{20 + i}" for i in range(3, 8)]
    later = run_import(db, _csv(tmp_path / "c.csv", more), actor="clerk", source=Source.MARKET, as_of=AS_OF + dt.timedelta(days=1))
    assert (later.inserted, later.updated) == (3, 2)
    with db.read() as session:
        assert int(session.connection().execute(text("SELECT count(*) FROM enterprise")).scalar_one()) == 8


def test_bulk_ids_have_the_layout_of_single_ones() -> None:
    ids = new_ids(500)
    assert len(set(ids)) == 500
    for value in ids:
        parsed = uuid.UUID(value)
        assert parsed.version == 7 and parsed.variant == uuid.RFC_4122 and str(parsed) == value
    assert new_ids(0) == []


def test_a_bad_cell_repeated_is_reported_on_every_row(db: Database, tmp_path: Path) -> None:
    lines = ["企业名称,统一社会信用代码,成立日期,登记状态"] + [f"企业{i},{code(i)},2020-13-45,不明" for i in range(3)]
    result = run_import(db, _csv(tmp_path / "m.csv", lines), actor="clerk", source=Source.MARKET, as_of=AS_OF)
    assert result.inserted == 3
    assert sorted(w.row for w in result.warnings if "日期" in w.reason) == [2, 3, 4]
    assert sorted(w.row for w in result.warnings if "登记状态" in w.reason) == [2, 3, 4]


def _schema(db: Database) -> list[tuple[str, str]]:
    with db.read() as session:
        sql = "SELECT name, sql FROM sqlite_master WHERE (tbl_name LIKE 'enterprise%' OR tbl_name = 'source_record') AND sql IS NOT NULL ORDER BY name"
        return [(str(n), str(s)) for n, s in session.connection().execute(text(sql))]


def _fts_hash_sizes(db: Database) -> list[object]:
    with db.read() as session:
        conn = session.connection()
        return [conn.execute(text(f"SELECT v FROM {t}_config WHERE k = 'hashsize'")).scalar() for t in ("enterprise_fts", "enterprise_fts_bigram")]


def test_a_bulk_first_load_builds_the_indexes_it_set_aside_again(db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(importer, "CHUNK_ROWS", 3)
    monkeypatch.setattr(importer, "BULK_MIN_ROWS", 1)
    monkeypatch.setattr(enterprises, "_BULK_ROWS", 1)
    before = _schema(db)
    assert any(name == "ix_enterprise_headcount" for name, _ in before)
    set_aside: list[list[str]] = []
    dropped: list[str] = []
    deferred = datapool.enterprise_indexes_deferred

    @contextmanager
    def watched(session: Session, *, names_read: bool) -> Iterator[None]:
        with deferred(session, names_read=names_read):
            inside = {str(n) for (n,) in session.connection().execute(text("SELECT name FROM sqlite_master WHERE type = 'index'"))}
            dropped.extend(sorted({n for n, _ in before} - inside))
            yield

    monkeypatch.setattr(datapool, "enterprise_indexes_deferred", watched)

    def during(phase: str, done: int, total: int) -> None:
        if phase == importer.WRITE and done:
            with db.read() as session:  # another connection, while the import writes: the committed schema
                names = {str(n) for (n,) in session.connection().execute(text("SELECT name FROM sqlite_master"))}
            set_aside.append(sorted({n for n, _ in before} - names))

    lines = ["企业名称,统一社会信用代码,从业人数,经度,纬度"] + [f"第{i}号恒瑞科技有限公司,{code(i)},{10 + i},120.1,30.2" for i in range(10)]
    result = run_import(db, _csv(tmp_path / "m.csv", lines), actor="clerk", source=Source.MARKET, as_of=AS_OF, progress=during)
    assert result.inserted == 10
    assert "ix_enterprise_headcount" in dropped and "ix_enterprise_credit_code" not in dropped  # the import's own path stays
    assert "ix_enterprise_fts_sort_k" in dropped
    assert "ix_source_record_enterprise_source" not in dropped  # appended to: new records' enterprise ids come in order
    assert set_aside and not any(set_aside)  # readers never saw the table without its indexes
    assert _schema(db) == before  # every index and trigger as it was, word for word
    assert _fts_hash_sizes(db) in ([None, None], ["1048576", "1048576"], [1048576, 1048576])
    _index_is_exact(db)
    with db.read() as session:
        conn = session.connection()
        assert conn.execute(text("PRAGMA integrity_check")).scalar_one() == "ok"
        plan = " ".join(str(r[-1]) for r in conn.execute(text("EXPLAIN QUERY PLAN SELECT id FROM enterprise WHERE headcount > 15")))
        assert "ix_enterprise_headcount" in plan
        assert int(conn.execute(text("SELECT count(*) FROM enterprise WHERE headcount > 15")).scalar_one()) == 4
    assert _search(db, "恒瑞") == 10
    assert _search(db, "第7号") == 1
    assert _search(db, code(3)) == 1
    again = run_import(db, _csv(tmp_path / "m.csv", lines), actor="clerk", source=Source.MARKET, as_of=AS_OF)
    assert (again.inserted, again.unchanged) == (0, 10)


def test_a_cancelled_bulk_first_load_leaves_the_store_as_it_was(db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(importer, "CHUNK_ROWS", 2)
    monkeypatch.setattr(importer, "BULK_MIN_ROWS", 1)
    before = _schema(db)
    written: list[int] = []

    def cancel_midway() -> bool:
        return len(written) >= 2

    lines = ["企业名称,统一社会信用代码"] + [f"企业{i},{code(i)}" for i in range(8)]
    with pytest.raises(importer.ImportCancelled):
        run_import(db, _csv(tmp_path / "m.csv", lines), actor="clerk", source=Source.MARKET, as_of=AS_OF,
                   progress=lambda phase, done, total: written.append(done) if phase == importer.WRITE and done else None,
                   cancelled=cancel_midway)
    assert written  # it was cancelled while writing
    assert _schema(db) == before
    with db.read() as session:
        assert int(session.connection().execute(text("SELECT count(*) FROM enterprise")).scalar_one()) == 0
    assert run_import(db, _csv(tmp_path / "m.csv", lines), actor="clerk", source=Source.MARKET, as_of=AS_OF).inserted == 8
    assert _search(db, "企业7") == 1


def test_rows_an_import_inserts_hold_what_rows_saved_one_at_a_time_hold(db: Database) -> None:
    """The fields no row of a chunk gives are written into the statement as literals: they must read
    back as the model's defaults, and the actor's name exactly, quotes and all."""
    from app.store import changes
    from app.store.tables.enterprise import Enterprise

    actor = "o'neil \"甲\"; --"
    given = [{"name": "甲公司", "credit_code": code(1)}, {"name": "乙公司", "headcount": 30, "business_abnormal": True,
                                                        "registered_date": dt.date(2020, 1, 2)}]
    with db.write() as session:
        ids = changes.insert_imported(session, Enterprise, given, actor, "batch-1")
        single = changes.insert(session, Enterprise(name="丙公司"), actor)
    with db.read() as session:
        rows = [session.get(Enterprise, i) for i in ids]
        one = session.get(Enterprise, single.id)
        assert one is not None and all(rows)
        for row, values in zip(rows, given, strict=True):
            assert row is not None
            assert (row.version, row.updated_by, row.deleted) == (0, actor, False)
            for field in Enterprise.data_fields():
                assert getattr(row, field) == values.get(field, getattr(one, field)), field
        assert rows[1] is not None and rows[1].business_abnormal is True and rows[1].registered_date == dt.date(2020, 1, 2)
        assert rows[0] is not None and rows[0].headcount is None and rows[0].business_abnormal is False
    long_actor = "长" * 300  # too long to write into the statement: bound instead
    with db.write() as session:
        [long_id] = changes.insert_imported(session, Enterprise, [{"name": "丁公司"}], long_actor, "batch-2")
    with db.read() as session:
        row = session.get(Enterprise, long_id)
        assert row is not None and row.updated_by == long_actor and row.version == 0 and row.name == "丁公司"


def test_the_trigram_pass_run_in_its_own_thread_indexes_every_window(db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Windows of 4 rows, each one's trigram statement in a thread while the bigrams and keys are cut:
    every row is found by every index, and the name order is pinyin's."""
    monkeypatch.setattr(importer, "CHUNK_ROWS", 5)
    monkeypatch.setattr(enterprises, "_INDEX_WINDOW", 4)
    monkeypatch.setattr(enterprises, "_THREADED_ROWS", 1)
    threads: list[str] = []
    real = background.Statements.run

    def run(statements: background.Statements) -> None:
        threads.append(threading.current_thread().name)
        real(statements)

    monkeypatch.setattr(background.Statements, "run", run)
    names = ["万达", "华联", "张记", "阿里", "赵氏", "北辰", "中天", "鑫达", "安吉", "宏泰", "永安"]
    lines = ["企业名称,统一社会信用代码,住所"] + [f"{n}{i}号有限公司,{code(i)},凤起路{i}号" for i, n in enumerate(names)]
    assert run_import(db, _csv(tmp_path / "m.csv", lines), actor="clerk", source=Source.MARKET, as_of=AS_OF).inserted == 11
    assert len(threads) == 3 and threading.current_thread().name not in threads  # 4 + 4 + 3 rows
    _index_is_exact(db)
    with db.read() as session:
        session.connection().execute(text("INSERT INTO enterprise_fts_bigram(enterprise_fts_bigram, rank) VALUES ('integrity-check', 1)"))
        page = enterprises.page(session, enterprises.EnterpriseFilter(), 0, 20)
    assert [row["name"] for row in page] == sorted((f"{n}{i}号有限公司" for i, n in enumerate(names)), key=pinyin_key)
    for i, n in enumerate(names):
        assert _search(db, f"凤起路{i}号") == 1  # trigram
        assert _search(db, n) == 1  # two characters: the bigram index
        assert _search(db, code(i)) == 1


def test_a_statement_failing_in_its_thread_fails_in_the_callers() -> None:
    import sqlite3

    connection = sqlite3.connect(":memory:", check_same_thread=False)
    statements = background.Statements(connection, [("INSERT INTO no_such_table VALUES (?)", (1,))])
    with pytest.raises(sqlite3.OperationalError, match="no_such_table"):
        statements.result()


def test_the_connections_next_statement_waits_for_its_background_ones(db: Database) -> None:
    """Nothing has to remember the statement running in the background: the next statement on the
    connection, its commit or its rollback waits for it, and its failure fails the transaction."""
    with db.write() as session:
        session.connection().exec_driver_sql("CREATE TABLE filled (i INTEGER NOT NULL, label TEXT NOT NULL)")
    fill = ("INSERT INTO filled WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 300000)"
            " SELECT i, '行' || i FROM n", ())

    def count(where: str = "") -> int:
        with db.read() as session:
            return int(session.connection().exec_driver_sql(f"SELECT count(*) FROM filled {where}").scalar_one())

    with db.write() as session:
        conn = session.connection()
        background.start(conn, [fill])
        assert conn.exec_driver_sql("SELECT count(*) FROM filled").scalar_one() == 300_000
    assert count() == 300_000
    with pytest.raises(Exception, match="NOT NULL"), db.write() as session:
        conn = session.connection()
        conn.exec_driver_sql("INSERT INTO filled VALUES (-1, '先写的一行')")
        background.start(conn, [fill, ("INSERT INTO filled VALUES (NULL, 'x')", ())])
    assert count() == 300_000 and count("WHERE i = -1") == 0  # the failed statement's transaction rolled back whole
    with pytest.raises(RuntimeError, match="stop"), db.write() as session:
        background.start(session.connection(), [fill])
        raise RuntimeError("stop")  # the rollback waits for the statement, then undoes it
    assert count() == 300_000

"""The lean bigram index (migrations 0106_import_lean, 0107_bigram_ascii): a store made before it is
converted with its rows, and one- and two-character searches, renames and deletions keep working on
the index that no longer keeps positions."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import text

from app.paths import DataPaths
from app.planning.importer import run_import
from app.planning.mapping import Source
from app.store import enterprises, migrate
from app.store.db import Database, open_database
from tests.unit.test_datapool_import_bulk import AS_OF, _csv, code


def _count(db: Database, term: str) -> int:
    with db.read() as session:
        return enterprises.count(session, enterprises.EnterpriseFilter(query=term))


def _bigram_sql(db: Database) -> str:
    with db.read() as session:
        sql = "SELECT sql FROM sqlite_master WHERE name = 'enterprise_fts_bigram'"
        return str(session.connection().execute(text(sql)).scalar_one())


def _lines() -> list[str]:
    return ["企业名称,统一社会信用代码,住所"] + [f"恒瑞{i}号科技有限公司,{code(i)},学院路{i}号" for i in range(6)] + [
        f"华鑫物流有限公司,{code(99)},湖墅南路1号"
    ]


def test_a_store_made_before_the_lean_index_is_converted_with_its_rows(data_paths: DataPaths, tmp_path: Path) -> None:
    db = open_database(data_paths)
    run_import(db, _csv(tmp_path / "m.csv", _lines()), actor="clerk", source=Source.MARKET, as_of=AS_OF)
    # The store as the revision before left it: the bigram index with positions, revision 0105.
    raw = db.connect_raw()
    raw.execute("DROP TABLE enterprise_fts_bigram")
    raw.execute("CREATE VIRTUAL TABLE enterprise_fts_bigram USING fts5(grams, content='', tokenize='unicode61', prefix='1')")
    raw.execute("INSERT INTO enterprise_fts_bigram (rowid, grams) SELECT rowid, 'x' FROM enterprise")  # stale on purpose
    raw.execute("UPDATE alembic_version SET version_num = '0105_merge_search_citations_patrol'")
    raw.commit()
    raw.close()
    db.dispose()

    again = open_database(data_paths)
    try:
        assert migrate.current_revisions(again) == migrate.head_revisions(again)
        assert "detail='none'" in _bigram_sql(again) and "columnsize=0" in _bigram_sql(again)
        assert "tokenize='ascii'" in _bigram_sql(again)  # 0107_bigram_ascii
        assert _count(again, "恒瑞") == 6  # two characters, rebuilt from the rows
        assert _count(again, "鑫") == 1  # one character: the prefix index
        assert _count(again, "学院") == 6  # the address is in it too
        assert _count(again, "x") == 0  # nothing of the stale index is left
    finally:
        again.dispose()


def test_renames_and_deletions_keep_the_lean_index_exact(db: Database, tmp_path: Path) -> None:
    from app.store.tables import Enterprise

    run_import(db, _csv(tmp_path / "m.csv", _lines()), actor="clerk", source=Source.MARKET, as_of=AS_OF)
    with db.write() as session:
        row = session.exec(text("SELECT id FROM enterprise WHERE name = '华鑫物流有限公司'")).one()  # type: ignore[call-overload]
        enterprise = session.get(Enterprise, row[0])
        assert enterprise is not None
        enterprises.update(session, enterprise, {"name": "嘉明餐饮有限公司"}, "clerk")
    assert _count(db, "华鑫") == 0 and _count(db, "嘉明") == 1 and _count(db, "嘉") == 1
    with db.write() as session:
        conn = session.connection()
        conn.exec_driver_sql("DELETE FROM source_record WHERE enterprise_id = (SELECT id FROM enterprise WHERE name = '嘉明餐饮有限公司')")
        conn.exec_driver_sql("DELETE FROM enterprise WHERE name = '嘉明餐饮有限公司'")  # a hard delete runs the delete trigger
    assert _count(db, "嘉明") == 0 and _count(db, "恒瑞") == 6


def test_check_knows_the_search_structures_and_says_when_one_is_not_as_it_should_be(data_paths: DataPaths, tmp_path: Path) -> None:
    from app.health import run_checks

    db = open_database(data_paths)
    run_import(db, _csv(tmp_path / "m.csv", _lines()), actor="clerk", source=Source.MARKET, as_of=AS_OF)
    db.dispose()

    def search_line(deep: bool) -> tuple[str, str]:
        [line] = [r for r in run_checks(data_paths, deep=deep) if r.name == "企业检索索引"]
        return line.level, line.message

    assert search_line(False)[0] == "ok"
    assert search_line(True) == ("ok", "名称、地址、代码检索索引与拼音排序齐全，逐行核对一致")
    raw = db.connect_raw()
    raw.execute("DROP TABLE enterprise_fts_bigram")
    raw.execute("CREATE VIRTUAL TABLE enterprise_fts_bigram USING fts5(grams, content='', tokenize='unicode61', prefix='1')")
    raw.execute("DROP INDEX ix_enterprise_fts_sort_k")
    raw.commit()
    raw.close()
    level, message = search_line(False)
    assert level == "fail" and "ix_enterprise_fts_sort_k" in message and "detail='none'" in message


def test_short_searches_fold_latin_case_and_find_cjk_punctuation(db: Database, tmp_path: Path) -> None:
    lines = ["企业名称,统一社会信用代码,住所", f"ABC（杭州）有限公司,{code(1)},学院路1号", f"华鑫物流有限公司,{code(2)},湖墅南路1号"]
    run_import(db, _csv(tmp_path / "m.csv", lines), actor="clerk", source=Source.MARKET, as_of=AS_OF)
    assert _count(db, "bc") == 1 and _count(db, "BC") == 1 and _count(db, "b") == 1  # ASCII case folded
    assert _count(db, "（杭") == 1
    assert _count(db, "杭") == 1 and _count(db, "）") == 1
    assert _count(db, "有限") == 2 and _count(db, "司") == 2

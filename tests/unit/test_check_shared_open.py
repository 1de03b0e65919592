"""`check` opens the store once per run and counts through indexes, with the same messages."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text

from app.health import run_checks
from app.paths import DataPaths
from app.store import changes, geocoding, visits
from app.store import db as store_db
from app.store.tables import Enterprise, Visit


def test_run_checks_opens_the_database_once(data_paths: DataPaths, monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list[Path] = []
    real = store_db.Database.__init__

    def counting(self: store_db.Database, paths: DataPaths, **kwargs: object) -> None:
        opened.append(paths.database)
        real(self, paths, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(store_db.Database, "__init__", counting)
    results = list(run_checks(data_paths))
    assert len(opened) == 1
    names = {r.name for r in results}
    assert {"数据库", "数据库迁移", "审计日志", "同步服务器", "文书字体", "表单定义", "企业位置", "案件登记"} <= names
    assert not [r for r in results if r.message.startswith("检查时出错")]
    # the shared open is closed when the run ends: a later open is a new one
    again = store_db.open_database(data_paths)
    again.dispose()
    assert len(opened) == 2


def test_inside_a_shared_block_open_returns_the_same_database(data_paths: DataPaths) -> None:
    with store_db.shared_database(data_paths) as shared:
        inner = store_db.open_database(data_paths)
        assert inner is shared
        inner.dispose()  # a no-op inside the block
        with shared.read() as session:
            assert session.connection().execute(text("SELECT 1")).scalar() == 1


def test_counts_for_check_use_indexes_and_agree_with_plain_queries(db: store_db.Database) -> None:
    with db.write() as session:
        ids = changes.insert_many(session, Enterprise, [
            {"name": "甲公司", "longitude": 120.1, "latitude": 30.2},
            {"name": "乙公司"},
            {"name": "丙公司", "registration_status": "revoked"},
        ], actor="t")
        changes.insert_many(session, Visit, [
            {"enterprise_id": ids[0], "visit_date": "2026-01-02", "form_id": "sanchasanji", "form_version": 1},
            {"enterprise_id": ids[1], "visit_date": "2026-01-03", "form_id": "sanchasanji", "form_version": 2},
            {"enterprise_id": ids[1], "visit_date": "2026-01-04", "form_id": "sanchasanji", "form_version": 2},
            {"enterprise_id": ids[2], "visit_date": "2026-01-05", "form_id": "other", "form_version": 7},
        ], actor="t")
    with db.read() as session:
        assert geocoding.count_unplaced(session) == 2
        assert visits.form_versions_used(session) == {("sanchasanji", 1), ("sanchasanji", 2), ("other", 7)}
        assert visits.form_versions_in_use(session) == {("sanchasanji", 1): 1, ("sanchasanji", 2): 2, ("other", 7): 1}
        conn = session.connection()
        plan = " ".join(str(r[-1]) for r in conn.execute(text(
            "EXPLAIN QUERY PLAN SELECT count(*) FROM enterprise WHERE deleted = 0 AND (longitude IS NULL OR latitude IS NULL)")))
        assert "ix_enterprise_unplaced" in plan
        plan = " ".join(str(r[-1]) for r in conn.execute(text(
            "EXPLAIN QUERY PLAN SELECT count(*) FROM enterprise WHERE deleted = 0 AND registration_status IN ('deregistered', 'revoked', 'moved_out')")))
        assert "ix_enterprise_gone" in plan

"""The local store: pragmas, migrations in step with the tables, the outbox written with every change,
search, and the backup taken before a migration."""

from __future__ import annotations

import json

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import text
from sqlmodel import SQLModel, select

import app.store.tables  # noqa: F401
from app.core.codes import make_credit_code
from app.core.problems import ValidationError
from app.paths import DataPaths
from app.store import backups as backup_store
from app.store import changes, enterprises, migrate
from app.store.db import Database, open_database
from app.store.tables import Enterprise, Grid, Outbox


def test_pragmas_for_a_laptop_that_may_lose_power(db: Database) -> None:
    with db.read() as session:
        assert session.exec(text("PRAGMA journal_mode")).one()[0] == "wal"  # type: ignore[call-overload]
        assert session.exec(text("PRAGMA synchronous")).one()[0] == 2  # type: ignore[call-overload]  # FULL
        assert session.exec(text("PRAGMA foreign_keys")).one()[0] == 1  # type: ignore[call-overload]


def test_migrations_match_the_tables(db: Database) -> None:
    assert migrate.current_revisions(db) == migrate.head_revisions(db)
    assert len(migrate.head_revisions(db)) == 1, "parallel migrations need a merge revision"
    with db.write_engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), SQLModel.metadata)
    # The FTS5 virtual table and its shadow tables, and the name sort key table (with its index), are
    # made by raw SQL in the migrations.
    diff = [d for d in diff if not (d[0] == "remove_table" and d[1].name.startswith("enterprise_fts"))]
    diff = [d for d in diff if not (d[0] == "remove_index" and d[1].table.name.startswith("enterprise_fts"))]
    assert diff == []


def test_insert_update_delete_write_the_outbox_in_the_same_transaction(db: Database) -> None:
    with db.write() as session:
        row = enterprises.create(session, {"name": "示范区甲公司", "credit_code": "914403001922038216"}, "tester")
    with db.write() as session:
        row = enterprises.get(session, row.id)
        assert row is not None
        enterprises.update(session, row, {"headcount": 40}, "tester")
        enterprises.update(session, row, {"headcount": 40}, "tester")  # no change: nothing queued
        changes.delete(session, row, "tester")
    with db.read() as session:
        entries = list(session.exec(select(Outbox).order_by(Outbox.seq)).all())  # type: ignore[arg-type]
        stored = session.get(Enterprise, row.id)
    assert [e.op for e in entries] == ["insert", "update", "delete"]
    assert json.loads(entries[1].patch) == {"headcount": 40}
    assert json.loads(entries[1].base_values) == {"headcount": None}
    assert stored is not None and stored.deleted  # a tombstone, not a hard delete
    assert len({e.mutation_id for e in entries}) == 3


def test_a_failed_transaction_keeps_neither_row_nor_outbox(db: Database) -> None:
    with pytest.raises(RuntimeError), db.write() as session:
        changes.insert(session, Grid(code="X1", name="测试网格"), "tester")
        raise RuntimeError("power cut")
    with db.read() as session:
        assert session.exec(select(Grid)).all() == []
        assert session.exec(select(Outbox)).all() == []


def test_malformed_code_is_refused_and_duplicate_code_too(db: Database) -> None:
    with pytest.raises(ValidationError) as bad, db.write() as session:
        enterprises.create(session, {"name": "乙公司", "credit_code": "91440300192203"}, "t")
    assert bad.value.problems[0].field == "credit_code"
    with db.write() as session:
        enterprises.create(session, {"name": "丙公司", "credit_code": "９１４４０３００１９２２０３８２１６"}, "t")
    with pytest.raises(ValidationError) as dup, db.write() as session:
        enterprises.create(session, {"name": "丁公司", "credit_code": "914403001922038216"}, "t")
    assert "已存在" in dup.value.problems[0].message
    with db.read() as session:
        assert enterprises.count(session, enterprises.EnterpriseFilter()) == 1


def test_bad_check_digit_is_saved_with_its_status(db: Database) -> None:
    with db.write() as session:
        row = enterprises.create(session, {"name": "戊公司", "credit_code": "914403001922038217"}, "t")
    assert row.credit_code_status == "bad_check"


def test_search_by_name_address_code_and_filters(demo_db: Database) -> None:
    with demo_db.write() as session:
        grid = session.exec(select(Grid)).first()
        assert grid is not None
        code = make_credit_code("91330106MA2H00001")
        enterprises.create(
            session,
            {"name": "示范区青藤织造有限公司", "credit_code": code, "address": "示范区望江路88号",
             "grid_id": grid.id, "headcount": 57, "union_status": "none"},
            "t",
        )
    with demo_db.read() as session:
        def names(**kw: object) -> list[str]:
            flt = enterprises.EnterpriseFilter(**kw)  # type: ignore[arg-type]
            return [r["name"] for r in enterprises.page(session, flt, 0, 50)]

        assert names(query="青藤织造") == ["示范区青藤织造有限公司"]
        assert names(query="青藤") == ["示范区青藤织造有限公司"]  # two characters: no trigram
        assert names(query="望江路88") == ["示范区青藤织造有限公司"]
        assert names(query=code[4:14]) == ["示范区青藤织造有限公司"]
        assert names(query="青藤 望江") == ["示范区青藤织造有限公司"]
        assert names(query='"青藤') == []  # quotes cannot break the query
        assert "示范区青藤织造有限公司" in names(grid_id=grid.id, targets_only=True, target_threshold=25)
        assert "示范区青藤织造有限公司" not in names(union_status="established")
        total = enterprises.count(session, enterprises.EnterpriseFilter())
        assert total == 121
        everything = enterprises.page(session, enterprises.EnterpriseFilter(), 0, 1000, sort="headcount", descending=True)
        counts = [r["headcount"] for r in everything if r["headcount"] is not None]
        assert counts == sorted(counts, reverse=True)


def test_an_existing_file_is_backed_up_before_a_migration(data_paths: DataPaths) -> None:
    db = open_database(data_paths)
    with db.write() as session:
        enterprises.create(session, {"name": "己公司"}, "t")
    db.dispose()
    raw = db.connect_raw()
    raw.execute("DELETE FROM alembic_version")
    raw.commit()
    raw.close()
    # No revision recorded: open_database must back up, then migrate. The tables exist already, so
    # the migration fails; the backup and the file itself still hold the data.
    with pytest.raises(Exception):  # noqa: B017
        open_database(data_paths)
    found = list(data_paths.backups.glob("inspector-*-pre-migrate.uib"))
    assert len(found) == 1
    assert [r["name"] for r in backup_store.backup_rows(db, found[0], "enterprise")] == ["己公司"]
    original = db.connect_raw()
    assert original.execute("SELECT name FROM enterprise").fetchall() == [("己公司",)]
    original.close()

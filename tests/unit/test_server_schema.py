"""The server's tables live on their own metadata, and its Alembic history matches them exactly."""

from __future__ import annotations

from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlmodel import SQLModel

from app.server.db import ServerDB
from app.server.migrate import VERSION_TABLE, current_revisions, head_revisions, upgrade
from app.server.tables import ServerModel


def test_server_tables_stay_out_of_the_desktop_metadata() -> None:
    import app.store.tables  # noqa: F401

    assert "change_log" in ServerModel.metadata.tables
    assert not set(ServerModel.metadata.tables) & {"change_log", "mutation_ledger", "record", "account"} & set(
        SQLModel.metadata.tables
    )


def test_migrations_match_the_tables(tmp_path: Path) -> None:
    db = ServerDB(f"sqlite:///{tmp_path / 's.db'}")
    try:
        upgrade(db)
        assert current_revisions(db) == head_revisions(db)
        with db.write_engine.connect() as conn:
            ctx = MigrationContext.configure(conn, opts={"version_table": VERSION_TABLE})
            diff = compare_metadata(ctx, ServerModel.metadata)
        # the search's FTS5 table and its shadow tables are made by the migration, not the models
        diff = [d for d in diff if not (d[0] == "remove_table" and d[1].name.startswith("record_search_fts"))]
        assert diff == []
        upgrade(db)  # idempotent
    finally:
        db.dispose()

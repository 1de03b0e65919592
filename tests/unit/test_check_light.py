"""`check` from the command line stays light: whether the store needs migrating is read without
Alembic, the default checks run as plain SQL on the driver (no SQLAlchemy, SQLModel or table classes),
and nothing on the default path loads a network stack when no server is configured."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from app.paths import DataPaths
from app.store import migrate
from app.store.db import Database, open_database


def test_the_plain_reading_of_the_revision_files_finds_alembics_heads() -> None:
    assert migrate._heads() == migrate.alembic_heads()


def test_the_stored_revision_is_read_like_alembic_reads_it(db: Database) -> None:
    from alembic.runtime.migration import MigrationContext

    with db.write_engine.connect() as conn:
        assert migrate.current_revisions(db) == set(MigrationContext.configure(conn).get_current_heads())
    assert not migrate.pending_revisions(db)


def test_a_store_behind_the_head_is_still_migrated(data_paths: DataPaths) -> None:
    db = open_database(data_paths)
    raw = db.connect_raw()
    # Back to just before the search revision; the revisions beside it stay applied.
    raw.execute("DELETE FROM alembic_version")
    for rev in ("0015_citation_confirm", "0016_patrol"):
        raw.execute("INSERT INTO alembic_version (version_num) VALUES (?)", (rev,))
    raw.execute("DROP TRIGGER enterprise_fts_sort_ai")
    raw.execute("DROP TRIGGER enterprise_fts_sort_au")
    raw.execute("DROP TRIGGER enterprise_fts_sort_ad")
    raw.execute("DROP TABLE enterprise_fts_sort")
    raw.commit()
    raw.close()
    db.dispose()
    assert migrate.pending_revisions(db)
    again = open_database(data_paths)
    assert migrate.current_revisions(again) == migrate.head_revisions(again)
    again.dispose()


_PROBE = """
import sys
from pathlib import Path
from app.health import run_checks
from app.paths import DataPaths
results = list(run_checks(DataPaths(Path(sys.argv[1]))))
assert not [r for r in results if r.message.startswith("检查时出错")], results
heavy = ("alembic", "httpx", "sqlalchemy", "sqlmodel", "PySide6", "app.store.tables", "app.store.db")
print(" ".join(m for m in heavy if m in sys.modules))
"""


def test_check_of_an_up_to_date_store_imports_no_orm_alembic_httpx_or_qt(tmp_path: Path) -> None:
    """The default check is plain SQL on the driver: importing SQLAlchemy, SQLModel and the table
    classes cost more than every query of it at 300,000 enterprises."""
    env = {**os.environ, "UNION_INSPECTOR_PASSPHRASE": "check-light-passphrase", "QT_QPA_PLATFORM": "offscreen"}
    root = tmp_path / "data"
    first = subprocess.run([sys.executable, "-c", _PROBE, str(root)], env=env, capture_output=True, text=True, check=True)
    assert "alembic" in first.stdout  # the new store was created by the migrations
    second = subprocess.run([sys.executable, "-c", _PROBE, str(root)], env=env, capture_output=True, text=True, check=True)
    assert second.stdout.strip() == ""


def test_the_command_line_check_imports_no_orm_when_the_store_is_current(tmp_path: Path) -> None:
    """The entry point itself (parser, sub-command modules, error handling) stays light too."""
    env = {**os.environ, "UNION_INSPECTOR_PASSPHRASE": "check-light-passphrase", "QT_QPA_PLATFORM": "offscreen"}
    root = tmp_path / "data"
    probe = (
        "import sys\n"
        "sys.argv = ['union-inspector', 'check', '--data-dir', sys.argv[1]]\n"
        "from app.cli import main\n"
        "code = main()\n"
        "heavy = ('alembic', 'httpx', 'sqlalchemy', 'sqlmodel', 'PySide6', 'app.store.tables')\n"
        "print('LOADED', ' '.join(m for m in heavy if m in sys.modules))\n"
    )
    subprocess.run([sys.executable, "-c", probe, str(root)], env=env, capture_output=True, text=True, check=True)
    again = subprocess.run([sys.executable, "-c", probe, str(root)], env=env, capture_output=True, text=True, check=True)
    assert "✓ 数据库迁移" in again.stdout
    assert again.stdout.strip().splitlines()[-1] == "LOADED"

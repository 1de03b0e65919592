from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text

from app.cli import main
from app.paths import DataPaths
from app.store import backups
from app.store.db import open_database


def _names(paths: DataPaths) -> set[str]:
    db = open_database(paths)
    try:
        with db.read() as s:
            return {r[0] for r in s.connection().execute(text("SELECT name FROM enterprise"))}
    finally:
        db.dispose()


def test_backup_and_restore_from_the_shell(data_paths: DataPaths, capsys: pytest.CaptureFixture[str]) -> None:
    root = str(data_paths.root)
    assert main(["--data-dir", root, "demo", "--enterprises", "20"]) == 0
    before = _names(data_paths)
    assert main(["backup", "--data-dir", root]) == 0
    made = backups.list_backups(data_paths)
    assert [b.kind for b in made] == ["manual"]
    db = open_database(data_paths)
    with db.write() as s:
        s.connection().execute(text("UPDATE enterprise SET name = name || '（改）'"))
    db.dispose()
    assert main(["restore", str(made[0].path), "--data-dir", root]) == 0
    assert _names(data_paths) == before
    out = capsys.readouterr().out
    assert "已备份到" in out and "已从" in out
    assert main(["audit-verify", "--data-dir", root]) == 0


def test_restore_of_a_bad_file_is_one_sentence(data_paths: DataPaths, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "not-a-backup.db"
    bad.write_text("hello")
    assert main(["restore", str(bad), "--data-dir", str(data_paths.root)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("错误：") and "not-a-backup.db" in err and "Traceback" not in err

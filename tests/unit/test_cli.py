from __future__ import annotations

from pathlib import Path

import pytest

from app.cli import main
from app.paths import DataPaths
from app.store.db import Database


def test_demo_then_check(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "d"
    assert main(["--data-dir", str(data), "demo", "--enterprises", "40"]) == 0
    out = capsys.readouterr().out
    assert "40 家企业" in out
    con = Database(DataPaths(data)).connect_raw()
    assert con.execute("SELECT count(*) FROM enterprise").fetchone()[0] == 40
    assert con.execute("SELECT count(*) FROM grid").fetchone()[0] == 6
    con.close()
    assert main(["--data-dir", str(data), "demo"]) == 0
    assert "已存在" in capsys.readouterr().out
    code = main(["--data-dir", str(data), "check"])
    out = capsys.readouterr().out
    assert "✓ 数据库完整性" in out
    assert "✓ 数据库迁移" in out
    assert code == 0


def test_a_broken_database_gives_one_sentence_and_non_zero_exit(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "broken"
    data.mkdir()
    (data / "inspector.db").write_bytes(b"this is not a database" * 100)
    code = main(["--data-dir", str(data), "check"])
    out = capsys.readouterr()
    assert code == 1
    assert "✗" in out.out
    assert "Traceback" not in out.out + out.err

from __future__ import annotations

from pathlib import Path
from typing import Any

from app.cli import main


def test_ui_selftest_opens_every_page(tmp_path: Path, qtbot: Any, capsys: Any) -> None:
    assert main(["ui-selftest", "--data-dir", str(tmp_path / "ui")]) == 0
    assert "界面自检通过" in capsys.readouterr().out
    assert main(["ui-selftest", "--data-dir", str(tmp_path / "ui")]) == 2  # refuses a folder with data

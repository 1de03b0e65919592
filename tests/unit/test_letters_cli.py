"""`letter list`, `letter render`, `matter list` from the shell over the demo district."""

from __future__ import annotations

from pathlib import Path

import pypdf
import pytest

from app.cli import main
from app.store.db import Database


def test_matter_and_letter_commands(demo_db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = str(demo_db.paths.root)
    assert main(["--data-dir", root, "matter", "list", "--overdue"]) == 0
    out = capsys.readouterr().out
    assert "【已逾期】" in out and "共" in out
    assert all("【已逾期】" in line for line in out.splitlines()[:-1])

    assert main(["--data-dir", root, "letter", "list", "--provisional"]) == 0
    out = capsys.readouterr().out
    assert "〕临" in out and "［临时编号］" in out

    assert main(["--data-dir", root, "letter", "list", "--status", "served"]) == 0
    served = capsys.readouterr().out.splitlines()[0]
    letter_id, number = served.split()[0], served.split()[1]
    target = tmp_path / "out" / "letter.pdf"
    assert main(["--data-dir", root, "letter", "render", number, "-o", str(target)]) == 0
    assert "存档文本" in capsys.readouterr().out
    text = "".join(p.extract_text() or "" for p in pypdf.PdfReader(str(target)).pages).replace(" ", "")
    assert number in text.replace("\n", "")

    assert main(["--data-dir", root, "letter", "list", "--status", "draft"]) == 0
    draft_id = capsys.readouterr().out.split()[0]
    assert main(["--data-dir", root, "letter", "render", draft_id, "-o", str(tmp_path / "d.pdf")]) == 0
    assert "所用字体" in capsys.readouterr().out

    assert main(["--data-dir", root, "letter", "render", "nope", "-o", str(tmp_path / "x.pdf")]) == 2
    assert "找不到函件“nope”" in capsys.readouterr().err
    assert main(["--data-dir", root, "matter", "list", "--status", "bogus"]) == 2
    assert letter_id

"""The shell commands: a member file with a bad ID number exits non-zero with the row and column named
and imports nothing; a good one imports; the partner list of a grid is written."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.cli import main
from app.demo import create_demo_district
from app.paths import DataPaths
from app.store.db import open_database


def test_import_members_and_partner_pdf(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "data"
    db = open_database(DataPaths(data).ensure())
    create_demo_district(db, enterprises=40, seed=5)
    db.dispose()
    bad = tmp_path / "bad.csv"
    bad.write_text("姓名,身份证号\n张三,11010519491231002X\n李四,1101051949123100\n", encoding="utf-8")
    assert main(["--data-dir", str(data), "import-members", str(bad)]) == 2
    err = capsys.readouterr().err
    assert "bad.csv 第3行“身份证号”列：身份证号码应为17位数字加1位数字或X" in err and "未导入任何会员" in err
    good = tmp_path / "good.csv"
    good.write_text("姓名,身份证号,重点群体\n张三,11010519491231002X,外卖骑手\n", encoding="utf-8")
    assert main(["--data-dir", str(data), "import-members", str(good)]) == 0
    assert "新增会员 1 人" in capsys.readouterr().out
    assert main(["--data-dir", str(data), "partners-pdf", "--grid", "G01", "-o", str(tmp_path / "p.pdf")]) == 0
    assert (tmp_path / "p.pdf").read_bytes().startswith(b"%PDF")
    assert main(["--data-dir", str(data), "partners-pdf", "--grid", "ZZ", "-o", str(tmp_path / "q.pdf")]) == 2
    assert "没有编号为“ZZ”的网格" in capsys.readouterr().err

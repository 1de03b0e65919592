"""`union-inspector import`, `targets` and `route` from the shell: a summary on stdout, one sentence
and a non-zero exit code for a bad file, nothing written on a dry run."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import text

from app.cli import main
from app.core.codes import make_credit_code, make_org_code
from app.paths import DataPaths
from app.store.db import Database, open_database


def code(n: int) -> str:
    return make_credit_code("91330106" + make_org_code(f"{n:08d}"))


def count(paths: DataPaths) -> int:
    db = open_database(paths)
    try:
        with db.read() as session:
            return int(session.connection().execute(text("SELECT count(*) FROM enterprise")).scalar_one())
    finally:
        db.dispose()


def test_import_prints_a_summary_with_rejected_rows(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "data"
    csv_path = tmp_path / "hr.csv"
    csv_path.write_bytes(
        ("参保单位名单\n参保单位名称,统一社会信用代码,参保人数\n"
         f"示范区命令行甲有限公司,{code(1)},50\n示范区命令行乙有限公司,9133OIO,20\n").encode("gb18030")
    )
    assert main(["--data-dir", str(data), "import", str(csv_path), "--source", "hr", "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "新增 1" in out and "试运行" in out
    assert count(DataPaths(data)) == 0
    assert main(["--data-dir", str(data), "import", str(csv_path)]) == 0
    out = capsys.readouterr().out
    assert "人社" in out and ("GBK" in out or "GB18030" in out)
    assert "hr.csv 第4行“统一社会信用代码”列" in out
    assert count(DataPaths(data)) == 1


def test_a_bad_file_exits_non_zero_with_one_sentence(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    broken = tmp_path / "名录.xlsx"
    broken.write_bytes(b"PK\x03\x04garbage")
    assert main(["--data-dir", str(tmp_path / "data"), "import", str(broken)]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("错误：") and "名录.xlsx" in err and "\n" not in err


def test_targets_and_route(demo_db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = str(demo_db.paths.root)
    assert main(["--data-dir", root, "targets", "--grid", "G01", "--top", "3"]) == 0
    out = capsys.readouterr().out
    assert "建会目标" in out and out.count("人  ") <= 3
    assert main(["--data-dir", root, "targets", "--grid", "NOPE"]) == 2
    assert "NOPE" in capsys.readouterr().err
    sheet = tmp_path / "sheet.pdf"
    assert main(["--data-dir", root, "route", "--grid", "G02", "--date", "2026-11-24", "-o", str(sheet)]) == 0
    assert "走访路线单" in (PdfReader(str(sheet)).pages[0].extract_text() or "")
    assert main(["--data-dir", root, "route", "--grid", "G02", "--date", "24/11/2026", "-o", str(sheet)]) == 2

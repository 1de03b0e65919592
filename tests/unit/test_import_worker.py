"""A large list is read and normalised by a child process (a real one: `union-inspector __parse-worker`)
while the importer writes. What it imports must be what the importer would have imported parsing the
file itself: the same rows, values, rejections and warnings, in the same order; and a worker that
fails, cannot start, or is cancelled costs nothing but time."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from app.core.codes import make_credit_code, make_org_code
from app.paths import DataPaths
from app.planning import importer, parse_worker
from app.planning.importer import ImportResult, run_import
from app.planning.mapping import Source
from app.planning.readers import FileProblem
from app.store.db import Database, open_database
from tests.unit.test_datapool_scale import broken_files

AS_OF = dt.date(2026, 11, 1)


def code(n: int) -> str:
    return make_credit_code("91330106" + make_org_code(f"{n:08d}"))


def _market_csv(path: Path, rows: int) -> Path:
    """Rows of every kind the parser tells apart: good ones, a repeated code, a malformed code, a bad
    date, a headcount that is not a number, a bad check digit, a deregistered enterprise."""
    lines = ["示范区市场主体名录", "企业名称,统一社会信用代码,成立日期,从业人数,登记状态,住所"]
    for i in range(rows):
        c = code(i)
        if i % 97 == 5:
            c = code(i - 1)  # the row before's code
        elif i % 89 == 7:
            c = "12345"
        elif i % 83 == 9:
            c = c[:17] + ("1" if c[17] != "1" else "2")
        date = "2020-13-45" if i % 71 == 3 else f"20{i % 25:02d}-0{1 + i % 9}-1{i % 9}"
        count = "很多" if i % 67 == 2 else str(i % 400)
        status = "注销" if i % 61 == 4 else "存续（在营、开业、在册）"
        lines.append(f"示范区第{i}号鑫达有限公司,{c},{date},{count},{status},凤起路{i}号")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _fresh(tmp_path: Path, name: str) -> Database:
    return open_database(DataPaths(tmp_path / name).ensure())


def _summary(result: ImportResult) -> tuple[Any, ...]:
    return (result.rows_read, result.inserted, result.updated, result.unchanged, [i.sentence() for i in result.rejected],
            [i.sentence() for i in result.warnings])


def _content(db: Database) -> list[tuple[Any, ...]]:
    with db.read() as session:
        return [tuple(r) for r in session.connection().execute(text(
            "SELECT e.name, e.credit_code, e.credit_code_status, e.address, e.registered_date, e.headcount,"
            " e.registration_status, s.field_values FROM enterprise e JOIN source_record s ON s.enterprise_id = e.id"
            " ORDER BY e.rowid"))]


class Spy:
    """Counts the workers started and keeps them, to look at their processes afterwards."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.workers: list[parse_worker.WorkerParse] = []
        real = parse_worker.WorkerParse.__init__

        def init(worker: parse_worker.WorkerParse, *args: Any, **kwargs: Any) -> None:
            real(worker, *args, **kwargs)
            self.workers.append(worker)

        monkeypatch.setattr(parse_worker.WorkerParse, "__init__", init)


def _import(db: Database, path: Path, **kwargs: Any) -> ImportResult:
    return run_import(db, path, actor="clerk", source=Source.MARKET, as_of=AS_OF, **kwargs)


@pytest.fixture
def small_files_too(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parse_worker, "MIN_CSV_ROWS", 1)
    monkeypatch.setattr(parse_worker, "MIN_XLSX_BYTES", 1)
    monkeypatch.setattr(importer, "CHUNK_ROWS", 100)


def test_the_worker_imports_what_the_importer_would_have(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, small_files_too: None) -> None:
    path = _market_csv(tmp_path / "market.csv", 1000)
    spy = Spy(monkeypatch)
    parsed_here: list[int] = []
    real_parse = importer.RowParser.parse
    monkeypatch.setattr(importer.RowParser, "parse", lambda self, cells, row: parsed_here.append(row) or real_parse(self, cells, row))
    seen: list[tuple[str, int]] = []
    worker_db = _fresh(tmp_path, "worker")
    try:
        by_worker = _import(worker_db, path, progress=lambda phase, done, total: seen.append((phase, done)))
        worker_content = _content(worker_db)
    finally:
        worker_db.dispose()
    assert len(spy.workers) == 1 and not parsed_here  # every row was parsed in the child
    assert spy.workers[0].process.returncode == 0
    assert [done for phase, done in seen if phase == importer.READ][-1] == 1000  # progress counts the file's rows

    monkeypatch.setattr(parse_worker, "MIN_CSV_ROWS", 10**9)
    here_db = _fresh(tmp_path, "here")
    try:
        by_importer = _import(here_db, path)
        here_content = _content(here_db)
    finally:
        here_db.dispose()
    assert len(spy.workers) == 1 and len(parsed_here) == 1000
    assert _summary(by_worker) == _summary(by_importer)
    assert by_worker.rejected and by_worker.warnings and by_worker.inserted > 900
    assert worker_content == here_content and len(here_content) == by_importer.inserted


def _failing_worker(monkeypatch: pytest.MonkeyPatch, script: str) -> None:
    monkeypatch.setattr(parse_worker, "_command", lambda: [sys.executable, "-c", script])


# A worker that sends its first two chunks and dies: the real one, with its sender cut short.
_DIES_MIDWAY = """
import os
from app.planning import parse_worker as w
real = w._send
sent = []
def send(out, message):
    if message[0] == "rows" and len(sent) == 2:
        os._exit(9)
    sent.append(message[0])
    real(out, message)
w._send = send
w.main()
"""


@pytest.mark.parametrize("script", ["import sys; sys.exit(3)", _DIES_MIDWAY], ids=["no start", "dies midway"])
def test_a_failing_worker_costs_nothing_but_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, small_files_too: None, script: str
) -> None:
    path = _market_csv(tmp_path / "market.csv", 700)
    monkeypatch.setattr(parse_worker, "MIN_CSV_ROWS", 10**9)
    reference = _fresh(tmp_path, "reference")
    try:
        expected, expected_content = _summary(_import(reference, path)), _content(reference)
    finally:
        reference.dispose()
    monkeypatch.setattr(parse_worker, "MIN_CSV_ROWS", 1)
    _failing_worker(monkeypatch, script)
    spy = Spy(monkeypatch)
    db = _fresh(tmp_path, "failing")
    try:
        assert _summary(_import(db, path)) == expected
        assert _content(db) == expected_content
    finally:
        db.dispose()
    assert len(spy.workers) == 1 and spy.workers[0].process.returncode in (3, 9)


def test_a_worker_that_cannot_start_leaves_the_import_in_process(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, small_files_too: None) -> None:
    path = _market_csv(tmp_path / "market.csv", 300)
    monkeypatch.setattr(parse_worker, "_command", lambda: [str(tmp_path / "no such program")])
    db = _fresh(tmp_path, "d")
    try:
        assert _import(db, path).inserted > 250
    finally:
        db.dispose()


@pytest.mark.parametrize("kind", ["csv", "cut sheet XML"])  # (damaged zip data fails before any row is read)
def test_a_file_the_worker_cannot_read_gives_the_importers_sentence(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, small_files_too: None, kind: str
) -> None:
    if kind == "csv":
        path = _market_csv(tmp_path / "market.csv", 500)
        with path.open("a", encoding="utf-8") as handle:  # a quote never closed: a field longer than csv allows
            handle.write(f'企业甲,"{code(9999)}\n' + "长" * 140_000 + "\n")
    else:
        path = broken_files(tmp_path)[kind]
    spy = Spy(monkeypatch)
    sentences: list[str] = []
    for use_worker in (True, False):
        monkeypatch.setattr(parse_worker, "worth_it", lambda *args, use=use_worker: use)
        db = _fresh(tmp_path, f"{kind.replace(' ', '_')}{use_worker}")
        try:
            with pytest.raises(FileProblem) as raised:
                _import(db, path)
            sentences.append(str(raised.value))
            with db.read() as session:
                assert session.connection().execute(text("SELECT count(*) FROM enterprise")).scalar_one() == 0
        finally:
            db.dispose()
    assert len(spy.workers) == 1
    assert sentences[0] == sentences[1] and path.name in sentences[0]


def test_a_cancel_stops_the_worker(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, small_files_too: None) -> None:
    path = _market_csv(tmp_path / "market.csv", 2000)
    spy = Spy(monkeypatch)
    written: list[int] = []
    cancel: Callable[[], bool] = lambda: len(written) >= 2  # noqa: E731
    db = _fresh(tmp_path, "d")
    try:
        with pytest.raises(importer.ImportCancelled):
            _import(db, path, cancelled=cancel,
                    progress=lambda phase, done, total: written.append(done) if phase == importer.WRITE and done else None)
        with db.read() as session:
            assert session.connection().execute(text("SELECT count(*) FROM enterprise")).scalar_one() == 0
    finally:
        db.dispose()
    [worker] = spy.workers
    assert worker.process.returncode is not None  # stopped and reaped, not left running


def test_the_hidden_worker_command_is_not_a_users_command(tmp_path: Path) -> None:
    import subprocess

    shown = subprocess.run([sys.executable, "-m", "app.cli", "--help"], capture_output=True, text=True, env=parse_worker._environment())
    assert shown.returncode == 0 and parse_worker.WORKER_ARG not in shown.stdout
    # Given nothing on its input, the worker says so with its exit code, and writes no frame.
    run = subprocess.run([sys.executable, "-m", "app.cli", parse_worker.WORKER_ARG], input=b"", capture_output=True,
                         env=parse_worker._environment())
    assert run.returncode != 0 and run.stdout == b""

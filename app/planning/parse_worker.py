"""Reading and normalising a large list in a second process, while this one matches and writes.

A laptop has at least two cores and an import of 100,000 rows spends a fifth of its time turning
cells into values, which needs nothing from the store. The worker runs the same `RowParser` over the
same file and sends its rows back a chunk at a time; the importer reads them as it would read its own
(same rows, same values, same issues, in the same order). The worker is a plain child process of this
program (no `multiprocessing`: it works the same in the packaged program and needs no resource
tracker), in a process group of its own so that Ctrl-C in a terminal reaches only the importer, which
then stops it. If it cannot start, the importer parses in-process."""

from __future__ import annotations

import contextlib
import logging
import os
import pickle
import queue
import signal
import struct
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import IO, Any

from app.core.codes import CodeStatus
from app.planning.mapping import Source
from app.planning.readers import FileProblem, TableSource, open_csv, open_table
from app.planning.rows import ParsedRow, RowIssue, RowParser, parse_stream

WORKER_ARG = "__parse-worker"  # the command line's hidden first argument that runs `main`
MIN_CSV_ROWS = 20_000  # below this the worker's start costs more than it saves
MIN_XLSX_BYTES = 1 << 20
_FRAME = struct.Struct("<Q")
_QUEUED = 2  # chunks read ahead of the importer: memory stays at a few chunks whatever the file's length

log = logging.getLogger(__name__)


def worth_it(kind: str, csv_rows: int, size: int) -> bool:
    return csv_rows >= MIN_CSV_ROWS if kind == "csv" else size >= MIN_XLSX_BYTES


def _command() -> list[str]:
    if getattr(sys, "frozen", False):
        return [sys.executable, WORKER_ARG]
    return [sys.executable, "-m", "app.cli", WORKER_ARG]


def _environment() -> dict[str, str]:
    """The child finds this copy of the program first, whatever the working folder."""
    root = str(Path(__file__).resolve().parents[2])
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (root, env.get("PYTHONPATH", "")) if p)
    env["PYTHONUNBUFFERED"] = "1"
    return env


class WorkerFailed(Exception):
    """The worker could not start or stopped without saying why: the caller parses in-process."""


class WorkerParse:
    """The rows of one import, parsed by a child process. `issues` and `read` are RowParser's, known
    once `chunks()` ran to its end."""

    def __init__(self, table: TableSource, header_index: int, headers: Sequence[str], mapping: Mapping[str, str],
                 source: Source, chunk_rows: int, field_headers: dict[str, str]) -> None:
        self.field_headers = field_headers
        self.issues: list[RowIssue] = []
        self.read = 0
        self.seen = 0  # rows of the file the chunks given so far came from
        request = {"path": str(table.path), "kind": table.kind, "sheet": table.sheet or None, "codec": table.codec,
                   "delimiter": table.delimiter, "label": table.encoding, "header_index": header_index,
                   "headers": list(headers), "mapping": dict(mapping), "source": source.value, "file_name": table.file_name,
                   "chunk_rows": chunk_rows}
        flags = 0
        if sys.platform == "win32":  # pragma: no cover - Windows only
            flags = subprocess.CREATE_NO_WINDOW | subprocess.CREATE_NEW_PROCESS_GROUP  # type: ignore[attr-defined]
        try:
            self.process = subprocess.Popen(
                _command(), stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                env=_environment(), start_new_session=sys.platform != "win32", creationflags=flags,
            )
        except OSError as exc:
            raise WorkerFailed(str(exc)) from None
        assert self.process.stdin is not None and self.process.stdout is not None
        try:
            self.process.stdin.write(pickle.dumps(request, protocol=pickle.HIGHEST_PROTOCOL))
            self.process.stdin.close()
        except OSError as exc:
            self.close()
            raise WorkerFailed(str(exc)) from None
        self.frames: queue.Queue[bytes | None] = queue.Queue(_QUEUED)
        self.reader = threading.Thread(target=self._pump, args=(self.process.stdout,), name="parse-worker-reader", daemon=True)
        self.reader.start()

    def _pump(self, stream: IO[bytes]) -> None:
        """Frames from the child, whole, into the queue (None at the end of its output)."""
        try:
            while True:
                head = stream.read(_FRAME.size)
                if len(head) < _FRAME.size:
                    break
                (size,) = _FRAME.unpack(head)
                body = stream.read(size)
                if len(body) < size:
                    break
                self.frames.put(body)
        except (OSError, ValueError):
            pass
        finally:
            self.frames.put(None)

    def _next(self, wait: Callable[[], None]) -> Any:
        while True:
            try:
                body = self.frames.get(timeout=0.1)
            except queue.Empty:
                wait()
                continue
            if body is None:
                raise WorkerFailed(f"exit code {self.process.poll()}")
            return pickle.loads(body)

    def chunks(self, check: Callable[[int], None]) -> Iterator[list[ParsedRow]]:
        """Chunks as the child sends them; `check(rows seen)` runs after each and while waiting (it
        may raise to cancel). Raises FileProblem with the child's sentence for a file it cannot read."""
        statuses = {status.value: status for status in CodeStatus}
        headers = self.field_headers
        while True:
            message = self._next(lambda: check(self.seen))
            kind = message[0]
            if kind == "rows":
                check(message[1])
                self.seen = message[1]
                yield [ParsedRow(row, code, statuses[status], values, headers) for row, code, status, values in message[2]]
            elif kind == "done":
                _, seen, self.issues, self.read, (cpu, peak_kib) = message
                log.debug("parse worker: CPU %.2f s, peak RSS %d MB", cpu, peak_kib // 1024)
                check(seen)
                self.seen = seen
                return
            elif kind == "problem":
                raise FileProblem(message[1])
            else:
                log.info("the parse worker failed:\n%s", message[1])
                raise WorkerFailed(message[1])

    def close(self) -> None:
        """Stops the child if it still runs (a cancel, a failure in the importer) and reaps it."""
        process = self.process
        if process.poll() is None:
            process.kill()
        with contextlib.suppress(subprocess.TimeoutExpired):  # a child that ignores SIGKILL: left to the OS
            process.wait(timeout=10)
        if process.stdout is not None:
            process.stdout.close()


# --- in the child ---------------------------------------------------------------------------------


def _send(out: IO[bytes], message: tuple[Any, ...]) -> None:
    body = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    out.write(_FRAME.pack(len(body)))
    out.write(body)
    out.flush()


FIRST_CHUNK_ROWS = 1000  # the importer waits for the first chunk: it comes sooner when small


def _work(request: dict[str, Any], out: IO[bytes]) -> None:
    path = Path(request["path"])
    if request["kind"] == "csv" and request["codec"] and request["delimiter"]:
        table = open_csv(path, request["codec"], request["delimiter"], request["label"])
    else:
        table = open_table(path, request["sheet"])
    parser = RowParser(request["headers"], request["mapping"], Source(request["source"]), request["file_name"])
    header_index, size = request["header_index"], request["chunk_rows"]
    chunk: list[tuple[int, str, str, dict[str, Any]]] = []
    seen = 0
    due = min(size, FIRST_CHUNK_ROWS)
    for seen, row in parse_stream(table.iter_rows(), header_index, parser):
        if row is not None:
            chunk.append((row.row, row.code, row.code_status.value, row.values))
        if seen == due:
            _send(out, ("rows", seen, chunk))
            chunk = []
            due += size
    if chunk:
        _send(out, ("rows", seen, chunk))
    _send(out, ("done", seen, parser.issues, parser.read, _usage()))


def _usage() -> tuple[float, int]:
    """(CPU seconds, peak resident memory in KiB) of this process so far: logged by the importer. The
    peak is Linux's VmHWM, which starts afresh at exec; getrusage's would carry the importer's own size
    at the moment it started this process."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            peak = next((int(line.split()[1]) for line in status if line.startswith("VmHWM:")), 0)
    except OSError:  # pragma: no cover - not Linux
        peak = 0
    return time.process_time(), peak


def main() -> int:
    """The child: one request on stdin, frames on stdout (which nothing else may write to)."""
    import gc
    import traceback

    gc.disable()  # as in the importer: hundreds of thousands of small dicts
    if sys.platform != "win32":
        signal.signal(signal.SIGINT, signal.SIG_IGN)
    # The descriptors, not sys.stdin and sys.stdout: a windowed program may have no Python streams for
    # them. A stray print goes to the null device and cannot break a frame.
    out = os.fdopen(os.dup(1), "wb")
    null = os.open(os.devnull, os.O_WRONLY)
    os.dup2(null, 1)
    os.close(null)
    try:
        try:
            with os.fdopen(0, "rb", closefd=False) as given:
                request = pickle.loads(given.read())
        except (EOFError, pickle.UnpicklingError):
            return 2  # started by hand, not by the importer
        try:
            _work(request, out)
        except FileProblem as exc:
            _send(out, ("problem", str(exc)))
        except Exception:
            _send(out, ("error", traceback.format_exc()))
    except (BrokenPipeError, OSError):
        return 1  # the importer is gone
    return 0

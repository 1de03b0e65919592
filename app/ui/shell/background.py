"""Running slow work (imports, exports, backups, chain checks) off the GUI thread, with progress and
the result or a one-sentence error delivered back to the GUI thread through signals."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

log = logging.getLogger(__name__)

Progress = Callable[[int, int], None]


class TaskSignals(QObject):
    progress = Signal(int, int)  # done, total
    finished = Signal(object)
    failed = Signal(object)  # the exception


class Task(QRunnable):
    """`work(progress)` runs in the pool; expected errors arrive through `failed`, unexpected ones too
    (logged), so the GUI can show one sentence instead of a traceback."""

    def __init__(self, work: Callable[[Progress], Any]) -> None:
        super().__init__()
        self.work = work
        self.signals = TaskSignals()
        self.setAutoDelete(False)

    def run(self) -> None:
        try:
            result = self.work(lambda done, total: self.signals.progress.emit(done, total))
        except Exception as exc:
            log.warning("background task failed: %s", type(exc).__name__, exc_info=True)
            self.signals.failed.emit(exc)
            return
        self.signals.finished.emit(result)


_running: set[Task] = set()


def start(
    pool: QThreadPool,
    work: Callable[[Progress], Any],
    on_done: Callable[[Any], None],
    on_error: Callable[[Exception], None],
    on_progress: Callable[[int, int], None] | None = None,
) -> Task:
    task = Task(work)
    _running.add(task)

    def done(result: Any) -> None:
        _running.discard(task)
        on_done(result)

    def failed(exc: Any) -> None:
        _running.discard(task)
        on_error(exc)

    task.signals.finished.connect(done)
    task.signals.failed.connect(failed)
    if on_progress is not None:
        task.signals.progress.connect(on_progress)
    pool.start(task)
    return task

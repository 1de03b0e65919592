"""The program's own log file: rotated so it never fills a disk, and scrubbed of phone numbers, ID
numbers and tokens before anything is written."""

from __future__ import annotations

import contextlib
import logging
import logging.handlers
import os
from pathlib import Path

from app.core.redact import scrub
from app.paths import DataPaths

LOG_NAME = "union-inspector.log"
MAX_BYTES = 1_000_000
BACKUP_COUNT = 5


class ScrubbingFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        return scrub(super().format(record))


class AppLogHandler(logging.handlers.RotatingFileHandler):
    """Marks our own file handler, so that pointing the log at another data folder replaces it. The
    file is the owner's only (0600): even scrubbed, a log says where an inspector went."""

    def _open(self):  # type: ignore[no-untyped-def]
        fd = os.open(self.baseFilename, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        with contextlib.suppress(OSError):
            os.fchmod(fd, 0o600)
        return open(fd, self.mode, encoding=self.encoding, errors=self.errors)


def setup_file_logging(paths: DataPaths, level: int = logging.INFO) -> Path:
    """Idempotent: a second call for the same folder adds no second handler; a call for another
    folder moves the log there."""
    paths.logs.mkdir(parents=True, exist_ok=True, mode=0o700)
    target = paths.logs / LOG_NAME
    root = logging.getLogger()
    for old in list(root.handlers):
        if isinstance(old, AppLogHandler):
            if Path(old.baseFilename) == target:
                return target
            root.removeHandler(old)
            old.close()
    handler = AppLogHandler(target, maxBytes=MAX_BYTES, backupCount=BACKUP_COUNT, encoding="utf-8", delay=True)
    handler.setFormatter(ScrubbingFormatter("%(asctime)s %(levelname)s %(name)s [%(threadName)s]: %(message)s"))
    handler.setLevel(level)
    if root.level > level:
        # Lowering the root level must not make the console chattier than it was.
        for other in root.handlers:
            if other.level == logging.NOTSET:
                other.setLevel(root.level)
        root.setLevel(level)
    root.addHandler(handler)
    return target

"""The program's own log file: rotated so it never fills a disk, and scrubbed of phone numbers, ID
numbers and tokens before anything is written."""

from __future__ import annotations

import logging
import logging.handlers
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
    """Marks our own file handler, so that pointing the log at another data folder replaces it."""


def setup_file_logging(paths: DataPaths, level: int = logging.INFO) -> Path:
    """Idempotent: a second call for the same folder adds no second handler; a call for another
    folder moves the log there."""
    paths.logs.mkdir(parents=True, exist_ok=True)
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

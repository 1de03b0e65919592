"""Runs one real sync round in a child process and, when told to, stops dead inside a pull page's
transaction, after the page's rows were written and before the cursor is saved, so the test can kill -9
it exactly there.

    python -m tests.support.sync_child DATA_DIR KEYRING_FILE MARKER_FILE STOP_AT_PAGE
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import keyring
from sqlmodel import Session

from app.paths import DataPaths
from app.store.db import open_database
from app.sync.engine import SyncEngine
from tests.support.file_keyring import SharedFileKeyring
from tests.support.sync_laptops import fast_client_factory


def main(argv: list[str]) -> int:
    data_dir, keyring_file, marker, stop_at = argv[0], argv[1], Path(argv[2]), int(argv[3])
    keyring.set_keyring(SharedFileKeyring(keyring_file))
    db = open_database(DataPaths(Path(data_dir)))
    pages = 0

    def before_cursor_saved(session: Session) -> None:
        nonlocal pages
        pages += 1
        if pages == stop_at:
            marker.write_text("page applied, cursor not saved")
            while True:
                time.sleep(1)

    engine = SyncEngine(db, client_factory=fast_client_factory, pull_limit=100,
                        before_cursor_saved=before_cursor_saved)
    report = engine.sync_once()
    print(report.summary(), report.errors)
    return 0 if report.ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

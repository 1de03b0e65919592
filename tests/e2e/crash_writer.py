"""Child process of the crash test: saves visits one transaction at a time through the real store code
and prints each visit's id only after its transaction committed, so every printed id is a promise."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import keyring

from app.paths import DataPaths
from app.store import visits
from app.store.db import open_database
from tests.support.file_keyring import SharedFileKeyring


def main(data_dir: str, enterprise_id: str, keyring_file: str) -> None:
    keyring.set_keyring(SharedFileKeyring(keyring_file))  # the database key, shared by the test
    db = open_database(DataPaths(Path(data_dir)), migrate=False)
    out = sys.stdout
    n = 0
    while True:
        n += 1
        with db.write() as session:
            visit = visits.save_draft(
                session,
                visit_id=None,
                enterprise_id=enterprise_id,
                form_id="sanchasanji",
                form_version=1,
                answers={"visitors": "王芳、李强", "headcount": n, "worker_needs": "通勤班车" * (n % 7)},
                visit_date=dt.date(2026, 1, 1) + dt.timedelta(days=n % 300),
                inspector_id=None,
                summary=f"第 {n} 次保存",
                actor="crash-test",
                status="draft" if n % 2 else "submitted",
            )
            visit_id = visit.id
        out.write(visit_id + "\n")
        out.flush()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3])

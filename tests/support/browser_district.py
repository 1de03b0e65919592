"""What every browser test starts from: a live server with two grids (甲 for ann, 乙 for bob), an office
account (olga) and a seeded district, and a folder for screenshots (kept when
UNION_INSPECTOR_SCREENSHOTS names one, so a person can look at them)."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from app.server.db import ServerDB
from app.server.settings import ServerSettings
from tests.support.live_server import LiveServer
from tests.support.server_setup import PASSWORD
from tests.support.web_seed import District, seed_district


@contextmanager
def screenshot_folder(prefix: str) -> Iterator[Path]:
    keep = os.environ.get("UNION_INSPECTOR_SCREENSHOTS")
    folder = Path(keep) if keep else Path(tempfile.mkdtemp(prefix=prefix))
    folder.mkdir(parents=True, exist_ok=True)
    try:
        yield folder
    finally:
        if not keep:
            shutil.rmtree(folder, ignore_errors=True)


@contextmanager
def live_district(
    root: Path, enterprises: int, extra: Callable[[ServerDB, dict[str, str], District], Any] | None = None
) -> Iterator[tuple[LiveServer, District, Any]]:
    """`extra` seeds more on the same database before the server starts; its answer comes back third."""
    live = LiveServer(root)
    grids = {live.create_grid("A", "甲网格"): "ann", live.create_grid("B", "乙网格"): "bob"}
    live.create_account("ann", PASSWORD, "inspector", ["A"])
    live.create_account("bob", PASSWORD, "inspector", ["B"])
    live.create_account("olga", PASSWORD, "office")
    db = ServerDB(ServerSettings(data_dir=root).db_url)
    try:
        district = seed_district(db, grids, enterprises=enterprises, blob_dir=root / "blobs")
        more = extra(db, grids, district) if extra else None
    finally:
        db.dispose()
    live.start()
    try:
        yield live, district, more
    finally:
        live.stop()

"""Work the first document of a session would otherwise wait for, done while the user is still
looking at the first page. Reading the CJK fonts' tables for ReportLab (2–5 s on a union laptop, more
while the start-up backup or a sync round share the two cores) used to fall on the first 一企一档 or
letter the user asked for; now a background thread does it once, shortly after the window opens, and
the document code joins that thread instead of reading the fonts a second time."""

from __future__ import annotations

import logging
import threading
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from app.store.db import Database

log = logging.getLogger(__name__)

_thread: threading.Thread | None = None
_lock = threading.Lock()


def _warm_fonts() -> None:
    try:
        from app.documents.fonts import default_fonts

        default_fonts()
    except Exception:  # a missing font is reported where documents are made; never here
        log.info("font warm-up failed", exc_info=True)


def start_font_warmup() -> None:
    """Idempotent; returns at once."""
    global _thread
    with _lock:
        if _thread is None:
            _thread = threading.Thread(target=_warm_fonts, name="font-warmup", daemon=True)
            _thread.start()


def wait_for_fonts() -> None:
    """Called by document work (off the GUI thread): fonts resolved once, by whichever comes first."""
    start_font_warmup()
    with _lock:
        thread = _thread
    if thread is not None and thread is not threading.current_thread():
        thread.join()


def _warm_search(db: Database) -> None:
    try:
        from app.store import enterprises

        with db.read_engine.connect() as conn:
            enterprises.warm_search(conn)
    except Exception:  # only a slower first search; never an error for the user
        log.info("search warm-up failed", exc_info=True)


def start_search_warmup(db: Database) -> threading.Thread:
    """The search indexes' first pages decrypted into the read pool's connection in the background
    (about half a second at 300,000 enterprises), so that the first search the user types costs what
    the later ones do. Returns at once; the thread is returned for tests and benchmarks."""
    thread = threading.Thread(target=_warm_search, args=(db,), name="search-warmup", daemon=True)
    thread.start()
    return thread

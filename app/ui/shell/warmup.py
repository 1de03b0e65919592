"""Work the first document of a session would otherwise wait for, done while the user is still
looking at the first page. Reading the CJK fonts' tables for ReportLab (2–5 s on a union laptop, more
while the start-up backup or a sync round share the two cores) used to fall on the first 一企一档 or
letter the user asked for; now a background thread does it once, shortly after the window opens, and
the document code joins that thread instead of reading the fonts a second time."""

from __future__ import annotations

import logging
import threading

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

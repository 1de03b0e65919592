from __future__ import annotations

import sys
import threading
from pathlib import Path
from typing import Any

import pytest

from app.ui.shell import crash
from app.ui.shell.context import AppContext


def _raise() -> None:
    raise RuntimeError("电话 13812345678 的记录出错")


def test_crash_saves_first_writes_a_scrubbed_log_and_shows_the_dialog(ctx: AppContext, monkeypatch: pytest.MonkeyPatch) -> None:
    order: list[str] = []
    shown: list[tuple[Path, bool]] = []
    ctx.register_flush(lambda: order.append("flushed"))
    monkeypatch.setattr(crash, "show_crash_dialog", lambda parent, path, saved: (order.append("dialog"), shown.append((path, saved))))
    handler = crash.install_crash_handler(ctx, None)
    try:
        assert sys.excepthook == handler.excepthook
        try:
            _raise()
        except RuntimeError:
            sys.excepthook(*sys.exc_info())  # type: ignore[arg-type]
    finally:
        handler.uninstall()
    assert order == ["flushed", "dialog"]
    log_path, saved = shown[0]
    assert saved and log_path.parent == ctx.paths.logs
    text = log_path.read_text(encoding="utf-8")
    assert "RuntimeError" in text and "_raise" in text
    assert "13812345678" not in text and "〔电话〕" in text
    assert (ctx.paths.logs / "union-inspector.log").exists()


def test_failed_flush_is_told_to_the_user(ctx: AppContext, monkeypatch: pytest.MonkeyPatch) -> None:
    shown: list[bool] = []

    def broken() -> None:
        raise OSError("disk full")

    ctx.register_flush(broken)
    monkeypatch.setattr(crash, "show_crash_dialog", lambda parent, path, saved: shown.append(saved))
    handler = crash.CrashHandler(ctx, None)
    handler.excepthook(ValueError, ValueError("x"), None)
    assert shown == [False]
    assert handler.last_log is not None and "disk full" in handler.last_log.read_text(encoding="utf-8")


def test_worker_thread_errors_reach_the_gui_thread(ctx: AppContext, qtbot: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    shown: list[Path] = []
    monkeypatch.setattr(crash, "show_crash_dialog", lambda parent, path, saved: shown.append(path))
    handler = crash.CrashHandler(ctx, None)
    handler.install()
    try:
        worker = threading.Thread(target=_raise, name="worker-1")
        worker.start()
        worker.join()
        qtbot.waitUntil(lambda: bool(shown))
    finally:
        handler.uninstall()
    assert "worker-1" in shown[0].read_text(encoding="utf-8")

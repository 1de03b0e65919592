"""What the user sees when something goes wrong that nobody foresaw: their work saved first, a log for
the administrator, and a plain Chinese message instead of a traceback."""

from __future__ import annotations

import datetime as dt
import logging
import platform
import sys
import threading
import traceback
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QCoreApplication, QObject, QThread, QUrl, Signal, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox, QWidget

from app import __version__
from app.applog import setup_file_logging
from app.core.redact import scrub
from app.ui.shell.context import AppContext

log = logging.getLogger(__name__)


def write_crash_log(
    logs: Path,
    exc_type: type[BaseException],
    exc: BaseException,
    tb: TracebackType | None,
    flush_errors: list[Exception],
    thread_name: str = "",
) -> Path:
    """The traceback without local variables, scrubbed of phone and ID numbers and tokens."""
    logs.mkdir(parents=True, exist_ok=True)
    now = dt.datetime.now()
    target = logs / f"crash-{now:%Y%m%d-%H%M%S}.log"
    n = 1
    while target.exists():
        target = logs / f"crash-{now:%Y%m%d-%H%M%S}-{n}.log"
        n += 1
    try:
        from PySide6 import __version__ as pyside_version
    except ImportError:  # pragma: no cover
        pyside_version = "?"
    lines = [
        f"时间: {now.isoformat(timespec='seconds')}",
        f"版本: union-inspector {__version__}; Python {platform.python_version()}; PySide6 {pyside_version}",
        f"系统: {platform.platform()}",
        f"线程: {thread_name or threading.current_thread().name}",
        "",
        "".join(traceback.format_exception(exc_type, exc, tb)),
    ]
    if flush_errors:
        lines.append("保存未保存内容时出错:")
        lines.extend(f"  {type(e).__name__}: {e}" for e in flush_errors)
    target.write_text(scrub("\n".join(lines)), encoding="utf-8")
    return target


def show_crash_dialog(parent: QWidget | None, log_path: Path, saved: bool) -> None:
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(QCoreApplication.translate("Crash", "程序出错了"))
    box.setText(QCoreApplication.translate("Crash", "程序遇到了一个意外的错误，刚才的操作没有完成。"))
    saved_text = (
        QCoreApplication.translate("Crash", "您正在填写的内容已经保存，可以继续工作。")
        if saved
        else QCoreApplication.translate("Crash", "部分正在填写的内容可能没能保存，请检查后再继续。")
    )
    box.setInformativeText(
        saved_text
        + "\n\n"
        + QCoreApplication.translate("Crash", "错误详情已记录在日志文件中：\n{path}\n如果问题反复出现，请把这个文件发给管理员。").format(path=log_path)
    )
    box.addButton(QCoreApplication.translate("Crash", "继续使用"), QMessageBox.ButtonRole.AcceptRole)
    open_button = box.addButton(QCoreApplication.translate("Crash", "打开日志文件夹"), QMessageBox.ButtonRole.ActionRole)
    box.exec()
    if box.clickedButton() is open_button:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(log_path.parent)))


class CrashHandler(QObject):
    """Installed as sys.excepthook and threading.excepthook. Exceptions from worker threads are passed
    to the GUI thread, which saves the editors' input and shows the dialog."""

    from_thread = Signal(object, object, object, str)

    def __init__(self, ctx: AppContext, window: QWidget | None) -> None:
        super().__init__()
        self.ctx = ctx
        self.window = window
        self._busy = False
        self.last_log: Path | None = None
        self.from_thread.connect(self._handle_in_gui)
        self._previous_hook = sys.excepthook
        self._previous_thread_hook = threading.excepthook

    def install(self) -> None:
        sys.excepthook = self.excepthook
        threading.excepthook = self.thread_excepthook

    def uninstall(self) -> None:
        sys.excepthook = self._previous_hook
        threading.excepthook = self._previous_thread_hook

    def excepthook(self, exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            self._previous_hook(exc_type, exc, tb)
            return
        app = QCoreApplication.instance()
        if app is not None and QThread.currentThread() is not app.thread():
            self.from_thread.emit(exc_type, exc, tb, threading.current_thread().name)
            return
        self._handle_in_gui(exc_type, exc, tb, threading.current_thread().name)

    def thread_excepthook(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_value is None or issubclass(args.exc_type, SystemExit):
            return
        name = args.thread.name if args.thread else ""
        self.from_thread.emit(args.exc_type, args.exc_value, args.exc_traceback, name)

    @Slot(object, object, object, str)
    def _handle_in_gui(self, exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None, thread_name: str) -> None:
        log.error("unhandled exception in %s", thread_name, exc_info=(exc_type, exc, tb))
        if self._busy:  # an error while the dialog is up: logged, not stacked
            return
        self._busy = True
        try:
            flush_errors = self.ctx.flush_all()
            try:
                self.last_log = write_crash_log(self.ctx.paths.logs, exc_type, exc, tb, flush_errors, thread_name)
            except OSError:
                self.last_log = self.ctx.paths.logs
            show_crash_dialog(self.window, self.last_log, saved=not flush_errors)
        finally:
            self._busy = False


def install_crash_handler(ctx: AppContext, window: QWidget | None) -> CrashHandler:
    setup_file_logging(ctx.paths)
    handler = CrashHandler(ctx, window)
    handler.install()
    _handlers.append(handler)
    return handler


_handlers: list[CrashHandler] = []

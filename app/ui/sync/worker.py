"""Runs sync off the GUI thread: on demand ("立即同步"), every few minutes in the background, and as soon
as the server answers again after it could not be reached. One controller per application context,
shared by every widget that shows sync state."""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, QTimer, Signal

from app.store import sync_state
from app.sync.client import SyncClient, SyncError
from app.sync.engine import SyncEngine, SyncReport
from app.ui.shell.context import AppContext

log = logging.getLogger(__name__)

BACKGROUND_INTERVAL_MS = 5 * 60 * 1000
PROBE_INTERVAL_MS = 60 * 1000


class _Signals(QObject):
    progress = Signal(str, int, int)
    finished = Signal(object)  # SyncReport
    probed = Signal(bool)


class _SyncTask(QRunnable):
    def __init__(self, engine: SyncEngine, signals: _Signals) -> None:
        super().__init__()
        self.engine = engine
        self.signals = signals
        self.setAutoDelete(True)

    def run(self) -> None:
        try:
            report = self.engine.sync_once()
        except Exception as exc:  # never let a worker die silently
            log.exception("sync failed")
            message = QCoreApplication.translate("Sync", "同步时出错：{error}").format(error=exc)
            report = SyncReport(errors=[message])
        self.signals.finished.emit(report)


class _ProbeTask(QRunnable):
    def __init__(self, server_url: str, signals: _Signals) -> None:
        super().__init__()
        self.server_url = server_url
        self.signals = signals
        self.setAutoDelete(True)

    def run(self) -> None:
        client = SyncClient(self.server_url, retries=0)
        try:
            client.health()
            answered = True
        except SyncError:
            answered = False
        finally:
            client.close()
        self.signals.probed.emit(answered)


class SyncController(QObject):
    started = Signal()
    progress = Signal(str, int, int)
    finished = Signal(object)  # SyncReport
    state_changed = Signal()

    def __init__(self, ctx: AppContext, *, background: bool = True, engine: SyncEngine | None = None) -> None:
        super().__init__(ctx)
        self.ctx = ctx
        self._signals = _Signals()
        self.engine = engine or SyncEngine(ctx.db, ctx.paths, progress=self._signals.progress.emit)
        self._signals.progress.connect(self.progress)
        self._signals.finished.connect(self._on_finished)
        self._signals.probed.connect(self._on_probed)
        self.running = False
        self.unreachable = False
        self.last_report: SyncReport | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(BACKGROUND_INTERVAL_MS)
        self._timer.timeout.connect(self.sync_in_background)
        self._probe = QTimer(self)
        self._probe.setInterval(PROBE_INTERVAL_MS)
        self._probe.timeout.connect(self._probe_server)
        if background:
            self._timer.start()
            QTimer.singleShot(3000, self.sync_in_background)

    def settings(self) -> sync_state.SyncSettings:
        with self.ctx.db.read() as session:
            return sync_state.load(session)

    def sync_now(self) -> bool:
        """Starts a round unless one is running; False when nothing was started."""
        if self.running:
            return False
        self.running = True
        self.started.emit()
        self.ctx.pool.start(_SyncTask(self.engine, self._signals))
        return True

    def sync_in_background(self) -> None:
        settings = self.settings()
        if settings.configured and not settings.revoked:
            self.sync_now()

    def _probe_server(self) -> None:
        settings = self.settings()
        if not settings.configured or self.running:
            return
        self.ctx.pool.start(_ProbeTask(settings.server_url, self._signals))

    def _on_probed(self, answered: bool) -> None:
        if answered:
            self._probe.stop()
            self.sync_now()

    def _on_finished(self, report: Any) -> None:
        self.running = False
        assert isinstance(report, SyncReport)
        self.last_report = report
        self.unreachable = report.unreachable
        if report.unreachable:
            if not self._probe.isActive():
                self._probe.start()
        else:
            self._probe.stop()
        for table in report.tables:
            self.ctx.notify(table)
        self.ctx.notify("sync")
        self.finished.emit(report)
        self.state_changed.emit()

    def stop(self) -> None:
        self._timer.stop()
        self._probe.stop()


_CONTROLLERS: dict[int, SyncController] = {}


def controller_for(ctx: AppContext, *, background: bool = True) -> SyncController:
    """The one controller of a context (created on first use)."""
    found = _CONTROLLERS.get(id(ctx))
    if found is None or found.ctx is not ctx:
        found = SyncController(ctx, background=background)
        _CONTROLLERS[id(ctx)] = found
        ctx.destroyed.connect(lambda *_: _CONTROLLERS.pop(id(ctx), None))
    return found

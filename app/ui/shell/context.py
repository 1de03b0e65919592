"""What every window needs: the database, the data folder, who is working, and one signal that tells
open views a table changed so they refresh without polling."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject, QThreadPool, Signal
from sqlmodel import col, select

from app.paths import DataPaths
from app.store import local_state
from app.store.db import Database
from app.store.tables import Inspector


@dataclass(frozen=True)
class CurrentUser:
    inspector_id: str | None
    name: str
    role: str = "inspector"

    @property
    def actor(self) -> str:
        return self.inspector_id or self.name


class AppContext(QObject):
    data_changed = Signal(str)  # a table name, or "*" for everything
    status_message = Signal(str)

    def __init__(self, paths: DataPaths, db: Database, user: CurrentUser | None = None) -> None:
        super().__init__()
        self.paths = paths
        self.db = db
        self.user = user or self.load_user()
        self.pool = QThreadPool.globalInstance()
        self._flushers: list[Callable[[], None]] = []

    def load_user(self) -> CurrentUser:
        with self.db.read() as session:
            chosen = local_state.get(session, local_state.CURRENT_USER)
            inspector = session.get(Inspector, chosen) if chosen else None
            if inspector is None:
                inspector = session.exec(
                    select(Inspector).where(Inspector.deleted == False).order_by(col(Inspector.account))  # noqa: E712
                ).first()
        if inspector is None:
            return CurrentUser(None, "本机用户", "office")
        return CurrentUser(inspector.id, inspector.name, inspector.role)

    def set_user(self, inspector_id: str) -> None:
        with self.db.write() as session:
            local_state.put(session, local_state.CURRENT_USER, inspector_id)
        self.user = self.load_user()
        self.data_changed.emit("*")

    def register_flush(self, flush: Callable[[], None]) -> None:
        """Editors with unsaved input register here; a crash or quit calls them before anything else."""
        self._flushers.append(flush)

    def unregister_flush(self, flush: Callable[[], None]) -> None:
        if flush in self._flushers:
            self._flushers.remove(flush)

    def flush_all(self) -> list[Exception]:
        errors: list[Exception] = []
        for flush in list(self._flushers):
            try:
                flush()
            except Exception as exc:  # one editor failing must not stop the others from saving
                errors.append(exc)
        return errors

    def notify(self, table: str) -> None:
        self.data_changed.emit(table)

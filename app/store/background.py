"""A long statement run by SQLite in a thread of its own while Python work goes on in the caller's.

The sqlite module lets go of the GIL while a statement runs, so a bulk INSERT ... SELECT (the trigram
entries of an import's window of rows) and the Python work of the next step (cutting that window's
bigrams) use the laptop's two cores. One connection, one
transaction: the statement is part of the caller's transaction like any other. Nothing else may use the
connection meanwhile, and nothing has to remember that: every engine of the store waits for the
connection's pending statement before it runs another one, commits or rolls back (`install`), so a
statement that failed fails the transaction it was part of."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Sequence
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Connection, Engine

_PENDING = "background_statement"


class Statements(threading.Thread):
    """Statements run one after the other on a DBAPI connection, in this thread."""

    def __init__(self, dbapi_connection: Any, statements: Sequence[tuple[str, tuple[Any, ...]]]) -> None:
        super().__init__(name="store-statement", daemon=True)
        self.dbapi_connection = dbapi_connection
        self.statements = list(statements)
        self.error: BaseException | None = None
        self.start()

    def run(self) -> None:
        try:
            for sql, params in self.statements:
                self.dbapi_connection.execute(sql, params)
        except BaseException as exc:  # raised again in the caller's thread
            self.error = exc

    def result(self) -> None:
        self.join()
        if self.error is not None:
            error, self.error = self.error, None
            raise error


def start(connection: Connection, statements: Sequence[tuple[str, tuple[Any, ...]]]) -> None:
    """Runs `statements` in the background on the connection's DBAPI connection (after any still
    pending): the next use of the connection waits for them."""
    wait(connection)
    connection.info[_PENDING] = Statements(connection.connection.dbapi_connection, statements)


def wait(connection: Connection) -> None:
    """Returns once the connection's background statements are done; raises what they raised."""
    _wait_info(connection.info)


def _wait_info(info: dict[Any, Any]) -> None:
    pending = info.pop(_PENDING, None)
    if pending is not None:
        pending.result()


def install(engine: Engine) -> None:
    @event.listens_for(engine, "before_cursor_execute")
    def _before(conn: Connection, *_args: Any) -> None:
        _wait_info(conn.info)

    @event.listens_for(engine, "commit")
    def _commit(conn: Connection) -> None:
        _wait_info(conn.info)

    # Rolled back anyway: the error that led here is the one to report, not the statement's.
    @event.listens_for(engine, "rollback")
    def _rollback(conn: Connection) -> None:
        with contextlib.suppress(Exception):
            _wait_info(conn.info)

    @event.listens_for(engine, "reset")
    def _reset(_dbapi_connection: Any, record: Any, _reset_state: Any) -> None:
        with contextlib.suppress(Exception):
            _wait_info(record.info)

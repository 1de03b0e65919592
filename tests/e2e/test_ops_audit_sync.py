"""Logging in and syncing leave their marks in the audit log, without tokens or passwords."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

from app.store import audit
from tests.support.live_server import LiveServer
from tests.support.sync_laptops import PASSWORD, Laptop


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    live = LiveServer(tmp_path_factory.mktemp("server"))
    live.create_grid("A", "甲网格")
    live.create_account("ann", PASSWORD, grids=["A"])
    with live:
        yield live


def test_login_and_sync_are_audited(server: LiveServer, tmp_path: Path) -> None:
    laptop = Laptop(tmp_path, "ann-laptop")
    try:
        laptop.login(server.url, "ann")
        laptop.sync()
        with laptop.db.read() as session:
            rows = session.connection().execute(
                text("SELECT event, actor, detail FROM audit_log WHERE event IN ('login', 'sync') ORDER BY seq")
            ).all()
            report = audit.verify(session)
    finally:
        laptop.close()
    assert [(r[0], r[1]) for r in rows] == [("login", "ann"), ("sync", "ann")]
    assert "上传" in rows[1][2]
    assert all(PASSWORD not in r[2] for r in rows)
    assert report.ok

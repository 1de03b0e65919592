"""A database too busy to answer is a 503 with Retry-After (the laptop retries), never a 500; and the
pushes that do get through keep the dashboard's figure tables exact."""

from __future__ import annotations

import datetime as dt
import sqlite3
import uuid
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from app.core.report_figures import Span
from app.server import db as server_db
from app.server import figures
from app.server.api import create_app
from app.server.settings import ServerSettings
from tests.support.server_setup import login, mutation, push_body, seed, visit_patch


def test_a_locked_database_answers_503_with_retry_after(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(server_db, "BUSY_TIMEOUT_MS", 300)
    settings = ServerSettings(data_dir=tmp_path / "srv", jwt_secret="t" * 40)
    seeded = seed(settings)
    app = create_app(settings)
    with TestClient(app) as client:
        ann = login(client, "ann")
        eid = str(uuid.uuid4())
        body = push_body(ann["device_id"], [mutation("enterprise", eid, patch={
            "name": "甲公司", "grid_id": seeded.grid_a, "address": "一路1号", "headcount": 10, "deleted": False})])
        holder = sqlite3.connect(settings.data_dir / "server.db", isolation_level=None)
        holder.execute("BEGIN IMMEDIATE")  # another writer that does not let go
        try:
            r = client.post("/v1/sync/push", json=body, headers=ann["headers"])
            assert r.status_code == 503, r.text
            assert r.headers["Retry-After"].isdigit() and r.json()["error"] == "busy"
        finally:
            holder.execute("ROLLBACK")
            holder.close()
        r = client.post("/v1/sync/push", json=body, headers=ann["headers"])  # the laptop's retry
        assert r.status_code == 200 and r.json()["results"][0]["status"] == "applied"

        visit = str(uuid.uuid4())
        day = dt.date.today().isoformat()
        r = client.post("/v1/sync/push", json=push_body(ann["device_id"], [
            mutation("visit", visit, patch=visit_patch(eid, seeded.grid_a, status="submitted", visit_date=day))]),
            headers=ann["headers"])
        assert r.status_code == 200 and r.json()["results"][0]["status"] == "applied", r.text
        r = client.post("/v1/sync/push", json=push_body(ann["device_id"], [
            mutation("visit", visit, op="delete", base_version=1)]), headers=ann["headers"])
        assert r.status_code == 200 and r.json()["results"][0]["status"] == "applied", r.text
    state = app.state.server
    span = Span.months(dt.date.today())
    with state.db.write(serialize=True) as session:
        assert figures.check(session) == []
        t = figures.tallies(session, figures.Scope(True, ()), span)
    assert sum(t.per_grid.values()) == 0 and t.enterprises == 1
    state.db.dispose()

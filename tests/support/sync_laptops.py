"""Laptops for end-to-end sync tests: each has its own data folder and database and syncs with the real
server process through the real engine; helpers compare replicas with each other and with the server."""

from __future__ import annotations

import contextlib
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import httpx
from sqlmodel import select

from app.paths import DataPaths
from app.store import changes, sync_conflicts, sync_queue, sync_replica
from app.store.db import Database, open_database
from app.store.tables import SYNCED_TABLES, Enterprise
from app.sync.client import SyncClient
from app.sync.credentials import TokenManager, login
from app.sync.engine import SyncEngine, SyncReport

PASSWORD = "correct horse battery"
COMPARED = ("grid", "enterprise", "visit", "attachment")


def fast_client_factory(server_url: str, tokens: TokenManager) -> SyncClient:
    return SyncClient(server_url, token_source=tokens, retries=3, backoff=0.05, max_backoff=0.3)


class Laptop:
    def __init__(self, root: Path, name: str, **engine_options: Any) -> None:
        self.name = name
        self.paths = DataPaths(root / name).ensure()
        self.db: Database = open_database(self.paths)
        self.server_url: str | None = None
        engine_options.setdefault("client_factory", fast_client_factory)
        self.engine = SyncEngine(self.db, self.paths, **engine_options)

    def login(self, server_url: str, username: str, password: str = PASSWORD) -> None:
        self.server_url = server_url
        login(self.db, server_url, username, password, device_name=self.name)

    def sync(self, *, expect_ok: bool = True) -> SyncReport:
        report = self.engine.sync_once()
        if expect_ok:
            assert report.ok, report.errors
        return report

    def close(self) -> None:
        self.db.dispose()

    # --- edits ---------------------------------------------------------------------------------

    def create_enterprises(self, count: int, grid_code: str = "A", prefix: str = "企业") -> list[str]:
        grid_id = self.grid_id(grid_code)
        with self.db.write() as session:
            return [
                changes.insert(
                    session, Enterprise(name=f"{prefix}{i:05d}有限公司", grid_id=grid_id, headcount=i % 90), self.name
                ).id
                for i in range(count)
            ]

    def versions(self, entity: str = "enterprise") -> dict[str, int]:
        cls = SYNCED_TABLES[entity]
        with self.db.read() as session:
            return {row.id: row.version for row in session.exec(select(cls)).all()}

    def create_enterprise(self, **values: Any) -> str:
        with self.db.write() as session:
            row = changes.insert(session, Enterprise(**values), self.name)
            return row.id

    def edit(self, entity_id: str, **values: Any) -> None:
        with self.db.write() as session:
            row = session.get(Enterprise, entity_id)
            assert row is not None, f"{self.name} has no enterprise {entity_id}"
            changes.update(session, row, values, self.name)

    def enterprise(self, entity_id: str) -> Enterprise:
        with self.db.read() as session:
            row = session.get(Enterprise, entity_id)
            assert row is not None
            return row

    def grid_id(self, code: str) -> str:
        from app.store.tables import Grid

        with self.db.read() as session:
            grid = session.exec(select(Grid).where(Grid.code == code)).first()
            assert grid is not None, f"{self.name} has not pulled grid {code}"
            return grid.id

    # --- state ---------------------------------------------------------------------------------

    def counts(self) -> sync_queue.QueueCounts:
        with self.db.read() as session:
            return sync_queue.counts(session)

    def conflicts(self) -> list[Any]:
        with self.db.read() as session:
            return sync_conflicts.open_conflicts(session)

    def resolve(self, conflict_id: int, resolution: sync_conflicts.Resolution, value: Any = None) -> None:
        with self.db.write() as session:
            sync_conflicts.resolve(session, conflict_id, resolution, self.name, value)

    def snapshot(self, entities: Iterable[str] = COMPARED) -> dict[tuple[str, str], dict[str, Any]]:
        out: dict[tuple[str, str], dict[str, Any]] = {}
        with self.db.read() as session:
            for entity in entities:
                for row_id, values in sync_replica.row_snapshot(session, entity).items():
                    out[(entity, row_id)] = {k: changes.to_json_value(v) for k, v in values.items()}
        return out


def server_rows(server_url: str, username: str, password: str = PASSWORD,
                entities: Iterable[str] = COMPARED, http: httpx.Client | None = None,
                ) -> dict[tuple[str, str], tuple[int, dict[str, Any]]]:
    """Every row the account may see, straight from the server's pull endpoint: (version, data)."""
    wanted = set(entities)
    out: dict[tuple[str, str], tuple[int, dict[str, Any]]] = {}
    with contextlib.nullcontext(http) if http is not None else httpx.Client(base_url=server_url, timeout=30) as http:
        token = http.post(
            "/v1/auth/login", json={"username": username, "password": password, "device_name": "checker"}
        ).json()
        headers = {"Authorization": f"Bearer {token['access_token']}"}
        cursor = 0
        while True:
            page = http.get("/v1/sync/pull", params={"cursor": cursor, "limit": 1000}, headers=headers).json()
            for change in page["changes"]:
                if change["entity"] in wanted:
                    data = {**change["data"], "deleted": change["deleted"]}
                    fields = SYNCED_TABLES[change["entity"]].data_fields()
                    key = (change["entity"], change["entity_id"])
                    out[key] = (change["version"], {n: data.get(n) for n in fields})
            cursor = page["next_cursor"]
            if not page["has_more"]:
                break
        http.post("/v1/auth/revoke", json={"refresh_token": token["refresh_token"]})
    return out


def server_snapshot(server_url: str, username: str, password: str = PASSWORD,
                    entities: Iterable[str] = COMPARED) -> dict[tuple[str, str], dict[str, Any]]:
    return {k: data for k, (_version, data) in server_rows(server_url, username, password, entities).items()}

"""Test helpers for the district server: fresh databases (SQLite file, or a new PostgreSQL database when
UNION_INSPECTOR_TEST_PG_URL is set), seeding grids and accounts, and signing in."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from app.server.accounts import create_account, create_grid
from app.server.db import ServerDB
from app.server.migrate import upgrade
from app.server.settings import ServerSettings
from app.sync.protocol import SCHEMA_VERSION

PG_ENV = "UNION_INSPECTOR_TEST_PG_URL"
PASSWORD = "correct horse battery"

BACKENDS = [
    pytest.param("sqlite", id="sqlite"),
    pytest.param("postgres", id="postgres", marks=pytest.mark.postgres),
]


def pg_url() -> str | None:
    return os.environ.get(PG_ENV) or None


@contextmanager
def fresh_pg_database() -> Iterator[str]:
    """A new, empty database on the test cluster, dropped afterwards."""
    import psycopg
    from sqlalchemy.engine import make_url

    base = pg_url()
    if not base:
        pytest.skip(f"PostgreSQL tests need {PG_ENV} (scripts/postgres.sh start)")
    url = make_url(base)
    name = "t_" + uuid.uuid4().hex[:16]
    conninfo = dict(
        host=url.host or "127.0.0.1", port=url.port or 5432, user=url.username, password=url.password,
        dbname=url.database,
    )
    try:
        with psycopg.connect(**{k: v for k, v in conninfo.items() if v is not None}, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
    except psycopg.OperationalError as exc:
        pytest.skip(f"PostgreSQL at {PG_ENV} is not reachable: {exc}")
    try:
        yield url.set(database=name).render_as_string(hide_password=False)
    finally:
        with psycopg.connect(**{k: v for k, v in conninfo.items() if v is not None}, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@contextmanager
def database_url(backend: str, data_dir: Path) -> Iterator[str]:
    if backend == "postgres":
        with fresh_pg_database() as url:
            yield url
    else:
        yield f"sqlite:///{data_dir / 'server.db'}"


@dataclass
class Seeded:
    """Two grids (A, B) with an inspector each, an office clerk and an admin."""

    grid_a: str = ""
    grid_b: str = ""
    accounts: dict[str, str] = field(default_factory=dict)  # username -> role


def seed(settings: ServerSettings) -> Seeded:
    db = ServerDB(settings.db_url)
    try:
        upgrade(db)
        out = Seeded()
        out.grid_a = create_grid(db, "A", "甲网格").id
        out.grid_b = create_grid(db, "B", "乙网格").id
        for username, role, grids in (
            ("ann", "inspector", ["A"]),
            ("bob", "inspector", ["B"]),
            ("olga", "office", []),
            ("root", "admin", []),
        ):
            create_account(db, username, PASSWORD, role, grids)
            out.accounts[username] = role
        return out
    finally:
        db.dispose()


def add_account(settings: ServerSettings, username: str, role: str = "inspector", grids: Sequence[str] = ()) -> None:
    db = ServerDB(settings.db_url)
    try:
        upgrade(db)
        create_account(db, username, PASSWORD, role, grids)
    finally:
        db.dispose()


def login(client: Any, username: str, password: str = PASSWORD, device: str = "laptop") -> dict[str, Any]:
    """Signs in through any httpx-like client; returns the token response with a ready `headers` entry."""
    r = client.post("/v1/auth/login", json={"username": username, "password": password, "device_name": device})
    assert r.status_code == 200, r.text
    body: dict[str, Any] = r.json()
    body["headers"] = {"Authorization": f"Bearer {body['access_token']}"}
    return body


def mutation(
    entity: str,
    entity_id: str,
    op: str = "insert",
    patch: dict[str, Any] | None = None,
    base_version: int = 0,
    base_values: dict[str, Any] | None = None,
    mutation_id: str | None = None,
) -> dict[str, Any]:
    return {
        "mutation_id": mutation_id or str(uuid.uuid4()),
        "entity": entity,
        "entity_id": entity_id,
        "op": op,
        "base_version": base_version,
        "patch": patch or {},
        "base_values": base_values or {},
    }


def push_body(device_id: str, mutations: list[dict[str, Any]], schema_version: int = SCHEMA_VERSION) -> dict[str, Any]:
    return {"schema_version": schema_version, "device_id": device_id, "mutations": mutations}


def visit_patch(enterprise_id: str, grid_id: str | None = None, **extra: Any) -> dict[str, Any]:
    """A complete visit row as a laptop sends it (the server refuses inserts without required fields)."""
    data: dict[str, Any] = {
        "enterprise_id": enterprise_id,
        "visit_date": "2026-11-30",
        "form_id": "sanchasanji",
        "summary": "",
        "deleted": False,
    }
    if grid_id is not None:
        data["grid_id"] = grid_id
    data.update(extra)
    return data

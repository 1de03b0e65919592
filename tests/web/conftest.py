from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from app.server.api import create_app
from app.server.db import ServerDB
from app.server.settings import ServerSettings
from tests.support.server_setup import PASSWORD, Seeded, seed
from tests.support.web_seed import District, seed_district


@dataclass
class WebEnv:
    settings: ServerSettings
    seeded: Seeded
    district: District
    client: TestClient


def csrf_of(html: str) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert found, "no CSRF field on the page"
    return found.group(1)


def sign_in(client: TestClient, username: str, password: str = PASSWORD) -> None:
    page = client.get("/web/login")
    r = client.post("/web/login", data={"username": username, "password": password, "csrf_token": csrf_of(page.text),
                                       "next": ""}, follow_redirects=False)
    assert r.status_code == 303, r.text


@pytest.fixture
def web(tmp_path: Path) -> Iterator[WebEnv]:
    settings = ServerSettings(data_dir=tmp_path / "server", jwt_secret="web-test-secret-of-at-least-32-bytes!")
    settings.data_dir.mkdir(parents=True)
    seeded = seed(settings)
    db = ServerDB(settings.db_url)
    try:
        district = seed_district(db, {seeded.grid_a: "ann", seeded.grid_b: "bob"}, enterprises=30,
                                 blob_dir=settings.blob_dir)
    finally:
        db.dispose()
    app = create_app(settings)
    with TestClient(app, base_url="http://testserver") as client:
        yield WebEnv(settings, seeded, district, client)
    app.state.server.db.dispose()

"""A register row whose stored text is not JSON (a damaged disk, a hand edit) is shown as damaged, and
every filter, search, enterprise file and dashboard goes on past it as if its fields were empty: on
SQLite through json_valid, on PostgreSQL through the safe JSON cast the server migration makes."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session, select

from app.server.api import create_app
from app.server.db import ServerDB
from app.server.settings import ServerSettings
from app.server.tables import Record
from tests.support.server_setup import BACKENDS, Seeded, database_url, login, seed
from tests.support.web_seed import District, seed_district
from tests.web.conftest import sign_in

DAMAGED = "这条记录的数据已损坏，无法显示。"


@contextmanager
def _district(backend: str, tmp_path: Path) -> Iterator[tuple[ServerSettings, Seeded, District, ServerDB]]:
    """A server's settings and database with two grids (ann's A, bob's B) and a small district in them."""
    with database_url(backend, tmp_path) as url:
        settings = ServerSettings(data_dir=tmp_path / "server", database_url=url, jwt_secret="web-test-secret-of-at-least-32-bytes!")
        settings.data_dir.mkdir(parents=True)
        seeded = seed(settings)
        db = ServerDB(url)
        try:
            district = seed_district(db, {seeded.grid_a: "ann", seeded.grid_b: "bob"}, enterprises=12, blob_dir=settings.blob_dir)
            yield settings, seeded, district, db
        finally:
            db.dispose()


@contextmanager
def _client(settings: ServerSettings) -> Iterator[TestClient]:
    app = create_app(settings)
    try:
        with TestClient(app, base_url="http://testserver") as client:
            yield client
    finally:
        app.state.server.db.dispose()


def _damage_first(session: Session, entity: str, text: str, *where: Any) -> None:
    """The first record of `entity` (matching `where`) holds `text` instead of its JSON."""
    row = session.exec(select(Record).where(Record.entity == entity, *where)).first()
    assert row is not None, entity
    row.data = text
    session.add(row)


@pytest.mark.parametrize("backend", BACKENDS)
def test_filters_searches_and_files_survive_damaged_rows(backend: str, tmp_path: Path) -> None:
    with _district(backend, tmp_path) as (settings, _seeded, district, db):
        enterprise = district.enterprises[0]
        with db.write() as session:
            visits = session.exec(select(Record).where(Record.entity == "visit")).all()
            mine = next(v for v in visits if f'"{enterprise}"' in v.data)
            # not JSON any more, but holding the words the filter and the search look for
            mine.data = '{"enterprise_id": "' + enterprise + '", "status": "submitted", "summary": "走访 cut off'
            session.add(mine)
            for entity, rid in (("letter", district.letters[0]), ("enterprise", district.enterprises[1])):
                row = session.get(Record, (entity, rid))
                assert row is not None
                row.data = '{"name": '
                session.add(row)
            for entity in ("grid", "inspector", "matter"):
                _damage_first(session, entity, "not json at all")
        with _client(settings) as client:
            for user in ("olga", "ann"):
                sign_in(client, user)
                for page in ("/web/", "/web/r/visits?status=submitted", "/web/r/visits?q=走访", "/web/r/letters?kind=tips",
                             "/web/r/enterprises?union_status=established", "/web/r/enterprises?q=有限公司",
                             "/web/r/matters?status=open", f"/web/r/enterprises/{district.enterprises[2]}", "/web/map",
                             "/web/tracks"):
                    assert client.get(page).status_code == 200, (user, page)
                client.cookies.clear()
            sign_in(client, "olga")
            listed = client.get("/web/r/visits")
            assert listed.status_code == 200 and DAMAGED in listed.text and f"/web/r/visits/{mine.id}" in listed.text
            own = client.get(f"/web/r/visits/{mine.id}")
            assert own.status_code == 200 and DAMAGED in own.text
            file = client.get(f"/web/r/enterprises/{enterprise}")  # its visits are listed, the damaged one not found by field
            assert file.status_code == 200
            letters = client.get("/web/r/letters?kind=tips")
            assert f"/web/r/letters/{district.letters[0]}" not in letters.text  # its kind reads as empty


@pytest.mark.parametrize("backend", BACKENDS)
def test_the_phone_week_route_survives_damaged_visits_and_matters(backend: str, tmp_path: Path) -> None:
    """The phone's week plan reads the last visit and the open matters of its grid from the records'
    JSON: a record that is not JSON counts as neither, and the plan is still made."""
    with _district(backend, tmp_path) as (settings, seeded, _district_rows, db):
        with db.write() as session:
            for entity in ("visit", "matter"):
                _damage_first(session, entity, '{"enterprise_id": "cut off', Record.grid_id == seeded.grid_a)
        with _client(settings) as client:
            answer = client.get("/v1/phone/week", params={"start": "2025-12-03"}, headers=login(client, "ann")["headers"])
            assert answer.status_code == 200, answer.text
            body = answer.json()
            assert body["grid"]["code"] == "A" and len(body["days"]) == 5
            assert sum(len(day["stops"]) for day in body["days"]) > 0

"""A register row whose stored text is not JSON (a damaged disk, a hand edit) is shown as damaged, and
every filter, search, enterprise file and dashboard goes on past it as if its fields were empty: on
SQLite through json_valid, on PostgreSQL through the safe JSON cast the server migration makes."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlmodel import select

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
                row = session.exec(select(Record).where(Record.entity == entity)).first()
                assert row is not None, entity
                row.data = "not json at all"
                session.add(row)
        app = create_app(settings)
        try:
            with TestClient(app, base_url="http://testserver") as client:
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
        finally:
            app.state.server.db.dispose()


@pytest.mark.parametrize("backend", BACKENDS)
def test_the_phone_week_route_survives_damaged_visits_and_matters(backend: str, tmp_path: Path) -> None:
    """The phone's week plan reads the last visit and the open matters of its grid from the records'
    JSON: a record that is not JSON counts as neither, and the plan is still made."""
    with _district(backend, tmp_path) as (settings, seeded, _district_rows, db):
        with db.write() as session:
            for entity in ("visit", "matter"):
                row = session.exec(select(Record).where(Record.entity == entity, Record.grid_id == seeded.grid_a)).first()
                assert row is not None, entity
                row.data = '{"enterprise_id": "cut off'
                session.add(row)
        app = create_app(settings)
        try:
            with TestClient(app, base_url="http://testserver") as client:
                token = login(client, "ann")["access_token"]
                answer = client.get("/v1/phone/week", params={"start": "2025-12-03"}, headers={"Authorization": f"Bearer {token}"})
                assert answer.status_code == 200, answer.text
                body = answer.json()
                assert body["grid"]["code"] == "A" and len(body["days"]) == 5
                assert sum(len(day["stops"]) for day in body["days"]) > 0
        finally:
            app.state.server.db.dispose()

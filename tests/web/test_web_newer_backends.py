"""The heat map's aggregation, the newer registers and the mediator's scope on each server database
(the JSON functions and casts differ between SQLite and PostgreSQL)."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.server.accounts import Principal
from app.server.db import ServerDB
from app.server.settings import ServerSettings
from app.web import heat, queries
from tests.support.server_setup import BACKENDS, database_url, seed
from tests.support.web_seed import seed_district
from tests.support.web_seed_more import place_enterprises, seed_newer


@pytest.mark.parametrize("backend", BACKENDS)
def test_heat_and_new_registers(backend: str, tmp_path: Path) -> None:
    with database_url(backend, tmp_path) as url:
        settings = ServerSettings(data_dir=tmp_path, database_url=url, jwt_secret="x" * 40)
        seeded = seed(settings)
        db = ServerDB(url)
        try:
            grids = {seeded.grid_a: "ann", seeded.grid_b: "bob"}
            district = seed_district(db, grids, enterprises=30)
            place_enterprises(db, district)
            newer = seed_newer(db, grids, district)
            office = Principal("o", "olga", "", "office", "", frozenset())
            ann = Principal("a", "ann", "", "inspector", "", frozenset({seeded.grid_a}))
            everything = heat.heat(db, office)
            assert sum(c.enterprises for c in everything.cells) == 30
            assert 0 < sum(c.targets for c in everything.cells) < 30
            assert sum(c.enterprises for c in heat.heat(db, ann).cells) == 15
            cases = queries.register_page(db, ann, queries.REGISTERS["cases"])
            assert {r.id for r in cases.rows} == set(newer.cases)  # own grid's and the mediated one
            assert queries.get_row(db, ann, "legal_case", newer.mediated_case) is not None
            assert queries.get_row(db, ann, "union_org", newer.unions[1]) is None
            found = queries.register_page(db, office, queries.REGISTERS["suggestions"], q="新就业形态")
            assert [r.id for r in found.rows] == [newer.suggestion]
            unions = queries.register_page(db, office, queries.REGISTERS["unions"], filters={"form": "industry"})
            assert len(unions.rows) == 2
        finally:
            db.dispose()

"""The legislative contact point's records travel like every other record: the office creates a
consultation, a grid worker's laptop pulls it, two laptops edit different fields of one suggestion
offline and both edits survive, and the same field edited twice becomes one conflict."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.store import changes
from app.store import legislation as repo
from app.store.tables.legislation import Consultation, Suggestion
from tests.support.live_server import LiveServer
from tests.support.sync_laptops import PASSWORD, Laptop

pytestmark = pytest.mark.slow

ENTITIES = ("lf_consultation", "lf_suggestion")


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    live = LiveServer(tmp_path_factory.mktemp("server"))
    live.create_grid("A", "甲网格")
    live.create_account("ann", PASSWORD, grids=["A"])
    live.create_account("olga", PASSWORD, role="office")
    with live:
        yield live


def _edit(laptop: Laptop, suggestion_id: str, **values: object) -> None:
    with laptop.db.write() as s:
        row = s.get(Suggestion, suggestion_id)
        assert row is not None
        changes.update(s, row, values, laptop.name)


def test_suggestions_sync_with_field_level_merge(server: LiveServer, tmp_path: Path) -> None:
    office, field = Laptop(tmp_path, "office-pc"), Laptop(tmp_path, "ann-laptop")
    try:
        office.login(server.url, "olga")
        field.login(server.url, "ann")
        office.sync()
        field.sync()
        grid_a = office.grid_id("A")
        with office.db.write() as s:
            c = repo.create_consultation(s, title="某市职工权益保障条例（草案）", actor="olga",
                                         received_on=dt.date.today())
            sug = repo.add_suggestion(s, content="建议增加防暑降温条款", article="第八条", consultation_id=c.id,
                                      grid_id=grid_a, actor="olga")
        office.sync()
        field.sync()
        with field.db.read() as s:
            assert s.get(Consultation, c.id) is not None
            got = s.get(Suggestion, sug.id)
            assert got is not None and got.content == "建议增加防暑降温条款"

        _edit(field, sug.id, article="第九条")
        _edit(office, sug.id, content="建议增加高温天气停工和津贴条款")
        field.sync()
        report = office.sync()
        assert report.conflicts == 0
        field.sync()
        for laptop in (office, field):
            with laptop.db.read() as s:
                row = s.get(Suggestion, sug.id)
                assert row is not None
                assert (row.article, row.content) == ("第九条", "建议增加高温天气停工和津贴条款")
        assert office.snapshot(ENTITIES) == field.snapshot(ENTITIES)

        _edit(field, sug.id, article="第十条")
        _edit(office, sug.id, article="第十一条")
        field.sync()
        report = office.sync()
        assert report.conflicts == 1
        (conflict,) = office.conflicts()
        assert conflict.field_name == "article"
    finally:
        office.close()
        field.close()

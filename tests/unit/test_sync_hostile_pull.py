"""No single pulled row can stop sync: values a laptop cannot store (an integer beyond 64 bits, a text
where a number belongs, a missing parent) are parked with a sentence, last_error says so, and the rest
of the page and the cursor go on."""

from __future__ import annotations

from typing import Any

from sqlmodel import select

from app.store import sync_state
from app.store.db import Database
from app.store.tables import Enterprise
from app.store.tables.sync import SyncParked
from app.sync import protocol as p
from app.sync.engine import SyncEngine
from app.sync.pull import pull_all


class PageClient:
    """Serves crafted pull pages; everything else answers as an idle server would."""

    def __init__(self, pages: list[p.PullResponse]) -> None:
        self.pages = pages
        self.cursors: list[int] = []

    def health(self, *_a: Any, **_k: Any) -> p.Health:
        return p.Health()

    def pull(self, cursor: int, limit: int = 500) -> p.PullResponse:
        self.cursors.append(cursor)
        return self.pages.pop(0) if self.pages else p.PullResponse(changes=[], next_cursor=cursor, has_more=False)

    def me(self) -> p.AccountInfo:
        return p.AccountInfo(username="olga", role="office")

    def reserve_letter_numbers(self, _request: Any) -> Any:
        from app.sync.client import SyncError

        raise SyncError("本测试的服务器不发文号")

    def close(self) -> None:
        pass


def _change(seq: int, entity_id: str, **data: Any) -> p.Change:
    return p.Change(seq=seq, entity="enterprise", entity_id=entity_id, version=1, data={"name": f"企业{seq}", **data})


def _page() -> p.PullResponse:
    return p.PullResponse(
        changes=[
            _change(1, "e-good-1", headcount=12),
            _change(2, "e-huge", headcount=10**23),
            _change(3, "e-text", headcount="很多人"),
            _change(4, "e-orphan", grid_id="no-such-grid"),
            _change(5, "e-good-2", headcount=7),
        ],
        next_cursor=5,
        has_more=False,
    )


def test_a_page_with_unstorable_rows_applies_the_rest_and_moves_the_cursor(db: Database) -> None:
    client = PageClient([_page()])
    outcome = pull_all(db, client)  # type: ignore[arg-type]
    assert outcome.applied == 2 and outcome.parked == 3
    with db.read() as session:
        names = {e.id: e.headcount for e in session.exec(select(Enterprise)).all()}
        parked = {r.entity_id: r.reason for r in session.exec(select(SyncParked)).all()}
        assert sync_state.load(session).pull_cursor == 5
    assert names == {"e-good-1": 12, "e-good-2": 7}
    assert "64 位整数" in parked["e-huge"]
    assert "应为整数" in parked["e-text"]
    assert "e-orphan" in parked


def test_a_later_good_version_replaces_the_parked_bad_one(db: Database) -> None:
    pull_all(db, PageClient([_page()]))  # type: ignore[arg-type]
    fixed = p.PullResponse(changes=[p.Change(seq=9, entity="enterprise", entity_id="e-huge", version=2,
                                             data={"name": "改好了", "headcount": 30})], next_cursor=9, has_more=False)
    pull_all(db, PageClient([fixed]))  # type: ignore[arg-type]
    with db.read() as session:
        row = session.get(Enterprise, "e-huge")
        assert row is not None and row.headcount == 30
        assert "e-huge" not in {r.entity_id for r in session.exec(select(SyncParked)).all()}


def test_the_engine_records_last_error_and_still_succeeds(db: Database) -> None:
    with db.write() as session:
        sync_state.save_login(session, "http://server.invalid", "olga", "device-1")
    client = PageClient([_page()])
    engine = SyncEngine(db, client_factory=lambda _url, _tokens: client)  # type: ignore[arg-type,return-value]
    report = engine.sync_once()
    assert report.ok, report.errors
    assert report.parked == 3
    with db.read() as session:
        settings = sync_state.load(session)
    assert settings.pull_cursor == 5
    assert "暂时无法写入本机" in settings.last_error and "64 位整数" in settings.last_error

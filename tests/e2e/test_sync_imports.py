"""An import on one laptop reaches the other through the server although the imported rows have no
outbox entry of their own: the bulk entries of the import carry them, the server applies each row, the
other laptop pulls them like any change, and acknowledged entries are pruned from the outbox."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

from app.core.codes import make_credit_code, make_org_code
from app.planning.importer import run_import
from app.planning.mapping import Source
from tests.support.live_server import LiveServer
from tests.support.sync_laptops import PASSWORD, Laptop, server_snapshot

pytestmark = pytest.mark.slow
ROWS = 1300  # several bulk entries, and more rows than one push request carries


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    live = LiveServer(tmp_path_factory.mktemp("server"))
    live.create_grid("A", "甲网格")
    live.create_account("ann", PASSWORD, grids=["A"])
    live.create_account("amy", PASSWORD, grids=["A"])
    with live:
        yield live


def _market_list(path: Path) -> Path:
    lines = ["企业名称,统一社会信用代码,住所,从业人数,登记状态,网格"]
    for i in range(ROWS):
        status = "注销" if i % 100 == 7 else "存续（在营、开业、在册）"
        code = make_credit_code("91330106" + make_org_code(f"{i:08d}"))
        lines.append(f"示范区导入{i:05d}有限公司,{code},文一路{i}号,{20 + i % 80},{status},A")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_an_import_syncs_to_the_other_laptop_and_the_outbox_is_pruned(server: LiveServer, tmp_path: Path) -> None:
    first, second = Laptop(tmp_path, "ann-laptop"), Laptop(tmp_path, "amy-laptop")
    try:
        first.login(server.url, "ann")
        second.login(server.url, "amy")
        first.sync()
        result = run_import(first.db, _market_list(tmp_path / "market.csv"), actor="ann", source=Source.MARKET, as_of=dt.date(2026, 11, 1))
        assert result.inserted == ROWS and not result.rejected
        with first.db.read() as session:
            conn = session.connection()
            entries = conn.execute(text("SELECT entity, op, count(*) FROM outbox GROUP BY entity, op")).all()
            some_id = conn.execute(text("SELECT id FROM enterprise ORDER BY rowid LIMIT 1 OFFSET 5")).scalar_one()
        # a handful of bulk entries instead of one entry (and one audit row) per imported row
        assert sum(n for entity, op, n in entries if op == "bulk") < 20
        assert sum(n for _, _, n in entries) < 25
        first.edit(some_id, headcount=999)  # an edit after the import, before the first sync

        first.sync()
        second.sync()
        assert first.counts().queued == 0
        with first.db.read() as session:
            conn = session.connection()
            assert conn.execute(text("SELECT count(*) FROM outbox WHERE state = 'applied'")).scalar_one() == 0
            assert conn.execute(text("SELECT count(*) FROM enterprise WHERE version = 0")).scalar_one() == 0
        mine = first.snapshot(("enterprise", "source_record"))
        theirs = second.snapshot(("enterprise", "source_record"))
        assert theirs == mine
        assert sum(1 for (entity, _), _ in mine.items() if entity == "enterprise") == ROWS
        assert second.enterprise(some_id).headcount == 999
        gone = [v for (entity, _), v in theirs.items() if entity == "enterprise" and v["registration_status"] == "deregistered"]
        assert len(gone) == ROWS // 100
        on_server = server_snapshot(server.url, "amy", entities=("enterprise", "source_record"))
        assert on_server == mine
    finally:
        first.close()
        second.close()

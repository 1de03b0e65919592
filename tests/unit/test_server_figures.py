"""The dashboard's figure tables, kept up to date by every record write, give exactly the figures a full
recomputation from the records gives: after random inserts, edits, grid moves and deletes, for the
office, for an inspector of one grid (read from that grid's counters, with the visits without a grid
added), of two grids and of none, over several periods, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
import random
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from app.core.report_figures import Figures, Span, build, compute
from app.server import figures
from app.server.accounts import Principal
from app.server.db import ServerDB
from app.server.migrate import upgrade
from app.server.records import RecordWriter, load_records, loads_data
from app.web import queries
from tests.support.server_setup import BACKENDS, database_url

TODAY = dt.date(2026, 11, 15)
SPANS = [
    Span.months(dt.date(2025, 12, 1), dt.date(2026, 11, 1)),
    Span.months(dt.date(2026, 3, 1), dt.date(2026, 5, 1)),
    Span.months(dt.date(2026, 6, 1)),
    Span.months(dt.date(2024, 1, 1), dt.date(2028, 12, 1)),
    Span.year(2025),
]


@pytest.fixture(params=BACKENDS)
def db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[ServerDB]:
    with database_url(request.param, tmp_path) as url:
        server = ServerDB(url)
        upgrade(server)
        try:
            yield server
        finally:
            server.dispose()


def _day(rng: random.Random) -> str | None:
    if rng.random() < 0.08:
        return rng.choice([None, ""])
    return (dt.date(2025, 1, 1) + dt.timedelta(days=rng.randint(0, 760))).isoformat()


class World:
    """Random rows of every kind the figures read, written the way pushes write them."""

    def __init__(self, db: ServerDB, seed: int) -> None:
        self.db = db
        self.rng = random.Random(seed)
        self.grids = [str(uuid.UUID(int=self.rng.getrandbits(128))) for _ in range(3)]
        self.ids: dict[str, list[str]] = {k: [] for k in ("grid", "inspector", "enterprise", "visit", "matter", "letter", "work_order")}

    def data(self, entity: str) -> tuple[dict[str, Any], str | None]:
        rng = self.rng
        grid = rng.choice([*self.grids, None]) if rng.random() < 0.1 else rng.choice(self.grids)
        pick = lambda kind: rng.choice(self.ids[kind]) if self.ids[kind] and rng.random() < 0.9 else str(uuid.uuid4())  # noqa: E731
        if entity == "grid":
            return {"code": f"G{rng.randint(1, 5)}", "name": rng.choice(["甲", "乙", "甲", ""])}, None
        if entity == "inspector":
            return {"name": rng.choice(["张三", "李四", "张三", "王五"]), "account": "x"}, None
        if entity == "enterprise":
            return {"name": "企业", "union_status": rng.choice(["none", "preparing", "established", None]),
                    "union_established_date": _day(rng), "member_count": rng.choice([None, 0, 3, 17])}, grid
        if entity == "visit":
            return {"enterprise_id": rng.choice([pick("enterprise"), None]), "inspector_id": rng.choice([pick("inspector"), None, ""]),
                    "status": rng.choice(["submitted", "submitted", "draft"]), "visit_date": _day(rng)}, grid
        if entity == "matter":
            opened = _day(rng)
            if opened and rng.random() < 0.2:  # a time after the day: opened after the day itself began
                opened = rng.choice([opened, TODAY.isoformat()]) + "T09:30:00"
            elif rng.random() < 0.05:
                opened = TODAY.isoformat()
            return {"category": rng.choice(["wage_arrears", "overtime_pay", "other", ""]),
                    "status": rng.choice(["open", "rectifying", "rectified", "closed", "escalated"]),
                    "opened_on": opened, "verified_on": _day(rng), "closed_on": _day(rng), "deadline": _day(rng)}, grid
        if entity == "letter":
            return {"kind": rng.choice(["tips", "opinion", "suggestion", "odd"]), "status": rng.choice(["draft", "issued", "void", None]),
                    "issued_on": _day(rng)}, grid
        stamp = _day(rng)
        return {"status": rng.choice(["received", "dispatched", "replied", "closed"]),
                "received_at": f"{stamp}T10:00:00" if stamp else stamp, "due_date": _day(rng),
                "replied_at": rng.choice([None, f"{_day(rng) or '2026-01-01'}T08:00:00"]),
                "satisfaction": rng.choice(["", "满意", "基本满意", "不满意", None])}, grid

    def step(self, writes: int) -> None:
        rng = self.rng
        planned: list[tuple[str, str]] = []
        for _ in range(writes):
            entity = rng.choice(["visit"] * 5 + ["enterprise"] * 2 + ["matter", "letter", "work_order", "grid", "inspector"])
            existing = self.ids[entity]
            rid = rng.choice(existing) if existing and rng.random() < 0.4 else str(uuid.uuid4())
            planned.append((entity, rid))
        with self.db.write(serialize=True) as session:
            known = load_records(session, planned)
            writer = RecordWriter(session)
            for entity, rid in planned:
                current = known.get((entity, rid))
                data, grid = self.data(entity)
                deleted = current is not None and rng.random() < 0.25
                if current is not None and rng.random() < 0.5:  # an edit of a few fields
                    merged = loads_data(current.data)
                    merged.update({k: v for k, v in data.items() if rng.random() < 0.5})
                    data, grid = merged, (grid if rng.random() < 0.3 else current.grid_id)
                if entity == "grid":
                    grid = None
                known[(entity, rid)] = writer.write(entity=entity, entity_id=rid, existing=current, data=data,
                                                    deleted=deleted, grid_id=grid, fields=sorted(data), user="t",
                                                    device_id="", mutation_id="")
                if current is None:
                    self.ids[entity].append(rid)
                if entity == "grid" and rid not in self.grids and rng.random() < 0.5:
                    self.grids.append(rid)
            writer.flush()


def as_dict(f: Figures) -> dict[str, dict[str, list[Any]]]:
    return {key: {row.key: row.values for row in fig.rows} for key, fig in f.figures.items()}


def principals(world: World) -> list[Principal]:
    return [
        Principal("o", "olga", "", "office", "", frozenset()),
        Principal("a", "ann", "", "inspector", "", frozenset(world.grids[:1])),  # one grid: its counters
        Principal("b", "bo", "", "inspector", "", frozenset(world.grids[1:3])),  # two grids: their pairs
        Principal("n", "nobody", "", "inspector", "", frozenset()),
    ]


def assert_same(db: ServerDB, world: World) -> None:
    labels = {"wage_arrears": "拖欠工资", "overtime_pay": "加班费"}
    for p in principals(world):
        for span in SPANS:
            expected = compute(queries.figure_rows(db, p), span, today=TODAY, category_labels=labels)
            with db.read() as session:
                t = figures.tallies(session, figures.Scope(p.sees_all, p.grid_ids), span, today=TODAY)
            got = build(t, span, today=TODAY, category_labels=labels)
            assert as_dict(got) == as_dict(expected), (p.username, span)
            with db.read() as session:  # the web pages' path: the fact tables through their summary
                summed = figures.tallies(session, figures.Scope(p.sees_all, p.grid_ids), span, today=TODAY,
                                         facts=figures.fact_summary(session))
            assert summed == t, (p.username, span)


@pytest.mark.parametrize("seed", [1, 2])
def test_incremental_figures_equal_a_recomputation(db: ServerDB, seed: int) -> None:
    world = World(db, seed)
    for round_ in range(6):
        world.step(60 if round_ < 2 else 25)
        assert_same(db, world)
    with db.write(serialize=True) as session:
        assert figures.check(session) == []


def test_rebuild_restores_damaged_figures(db: ServerDB) -> None:
    world = World(db, 7)
    world.step(80)
    with db.write(serialize=True) as session:
        session.execute(figures.delete(figures.MONTHS))
        session.execute(figures.delete(figures.FACTS["matter"]))
    with db.write(serialize=True) as session:
        problems = figures.check(session)
    assert any("fig_visit_month" in p for p in problems) and any("fig_matter" in p for p in problems)
    with db.write(serialize=True) as session:
        figures.rebuild(session)
    with db.write(serialize=True) as session:
        assert figures.check(session) == []
    assert_same(db, world)


def test_month_counts_round_trip() -> None:
    per_month = {24_300: 1, 24_303: 46_655, 24_310: 12}
    first, last, counts = figures.encode(per_month) or (0, 0, "")
    assert (first, last) == (24_300, 24_310) and figures.decode(first, counts) == per_month
    assert figures.encode({5: 0}) is None
    assert figures.month_key(figures.month_number("2026-11")) == "2026-11"


def test_server_command_checks_and_rebuilds_the_figures(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from app.server import cli

    url = f"sqlite:///{tmp_path / 'server.db'}"
    server = ServerDB(url)
    upgrade(server)
    World(server, 3).step(40)
    args = ["figures", "--data-dir", str(tmp_path), "--db", url]
    assert cli.main(args) == 0 and "figures ok" in capsys.readouterr().out
    with server.write(serialize=True) as session:
        session.execute(figures.delete(figures.SEEN))
    server.dispose()
    assert cli.main(args) == 1 and "fig_visit_seen" in capsys.readouterr().out
    assert cli.main([*args, "--rebuild"]) == 0
    assert cli.main(args) == 0


def test_one_grid_counters_add_the_visits_without_a_grid(db: ServerDB) -> None:
    """An inspector of one grid reads that grid's counters and adds the pairs visited without a grid:
    an enterprise visited both ways counts once, two inspectors of one name count as one person, and
    the targets follow their enterprise's grid and state as they change."""
    g, h = "grid-g", "grid-h"
    n = iter(range(1000))

    def write(entity: str, rid: str, data: dict[str, Any], grid: str | None) -> None:
        with db.write(serialize=True) as session:
            current = load_records(session, [(entity, rid)]).get((entity, rid))
            writer = RecordWriter(session)
            writer.write(entity=entity, entity_id=rid, existing=current, data=data, deleted=False, grid_id=grid,
                         fields=sorted(data), user="t", device_id="", mutation_id=f"m{next(n)}")
            writer.flush()

    for grid, name in ((g, "甲"), (h, "乙")):
        write("grid", grid, {"code": grid, "name": name}, None)
    for rid, name in (("p1", "张三"), ("p2", "张三"), ("p3", "李四")):
        write("inspector", rid, {"name": name}, None)
    for rid, status, grid in (("e1", "none", g), ("e2", "preparing", None), ("e3", "none", h), ("e4", "established", g)):
        write("enterprise", rid, {"name": rid, "union_status": status}, grid)
    visits = [("e1", g, "p1", "2026-03-02"), ("e1", None, "p1", "2026-03-09"), ("e2", None, "p2", "2026-04-01"),
              ("e2", g, "p1", "2026-05-01"), ("e3", None, "p3", "2026-03-15"), ("e4", None, "p3", "2026-06-01"),
              ("e1", g, "p2", "2026-06-20"), ("e5", None, "p1", "2026-03-03"), ("e4", h, "p3", "2026-03-04"),
              ("e6", g, "p2", "2026-07-01")]
    for i, (ent, grid, who, day) in enumerate(visits):
        write("visit", f"v{i}", {"enterprise_id": ent, "inspector_id": who, "status": "submitted", "visit_date": day}, grid)
    ann = Principal("a", "ann", "", "inspector", "", frozenset({g}))
    spans = [*SPANS, Span.months(dt.date(2026, 4, 1), dt.date(2026, 5, 1)), Span.months(dt.date(2026, 6, 1))]

    def check() -> None:
        for span in spans:
            expected = compute(queries.figure_rows(db, ann), span, today=TODAY)
            with db.read() as session:
                got = build(figures.tallies(session, figures.Scope(False, ann.grid_ids), span, today=TODAY), span, today=TODAY)
            assert as_dict(got) == as_dict(expected), span

    check()
    with db.read() as session:
        t = figures.tallies(session, figures.Scope(False, ann.grid_ids), Span.year(2026), today=TODAY)
    # e1, e2 (in the grid and without), e3, e4, e5 (without a grid), e6; 张三 = p1 and p2: e1, e2, e5, e6
    assert t.visited == 6 and t.per_person_ent["张三"] == 4 and t.per_person_ent["李四"] == 2
    write("enterprise", "e3", {"name": "e3", "union_status": "none"}, g)  # moves into the grid: now a target here
    write("enterprise", "e4", {"name": "e4", "union_status": "preparing"}, g)
    write("enterprise", "e1", {"name": "e1", "union_status": "established"}, g)
    check()
    with db.write(serialize=True) as session:
        assert figures.check(session) == []


def test_migration_s0020_down_and_up_keeps_the_figures(db: ServerDB) -> None:
    """Down to the old layout (no per-grid links, the "eg" links summed over their states, the safe JSON
    cast gone), then up again: the backfill recomputes the same figures."""
    from alembic import command
    from sqlalchemy import func, select

    from app.server.migrate import alembic_config

    world = World(db, 5)
    world.step(80)
    with db.read() as session:
        eg_before = session.execute(select(func.sum(figures.LINKS.c.n)).where(figures.LINKS.c.kind == "eg")).scalar_one()
    cfg = alembic_config(db)
    with db.write_engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "s0019_merge_search_sessions")
    with db.read() as session:
        L = figures.LINKS.c
        assert session.execute(select(func.count()).where(L.kind == "egp")).scalar_one() == 0
        assert session.execute(select(func.count()).where(L.kind == "eg", L.state != "")).scalar_one() == 0
        assert session.execute(select(func.sum(L.n)).where(L.kind == "eg")).scalar_one() == eg_before
    upgrade(db)
    with db.write(serialize=True) as session:
        assert figures.check(session) == []
    assert_same(db, world)

"""Union-establishment targets and the figures per grid: who is big enough to need a union and has
none, in which order to go to them, and how far each grid has come (建会率, members recruited)."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from app.core.enterprise import DEFAULT_TARGET_HEADCOUNT, UNION_STATUS_LABELS, UnionStatus, is_union_target
from app.core.pinyin import pinyin_key
from app.store.datapool import PlanningRow

NEVER_VISITED_DAYS = 180  # an enterprise never visited weighs like one last seen half a year ago


def score_target(headcount: int, days_since_visit: int | None, open_matters: int) -> float:
    """Staff on a log scale (200 staff is not eight times as urgent as 25), time since the last visit
    up to half a year, and each open supervision matter."""
    staff = 10 * math.log2(max(headcount, 1))
    days = NEVER_VISITED_DAYS if days_since_visit is None else min(max(days_since_visit, 0), NEVER_VISITED_DAYS)
    return staff + 0.2 * days + 15 * open_matters


@dataclass(frozen=True)
class Target:
    row: PlanningRow
    score: float
    days_since_visit: int | None

    @property
    def id(self) -> str:
        return self.row.id

    @property
    def name(self) -> str:
        return self.row.name

    @property
    def headcount(self) -> int:
        return self.row.headcount or 0

    @property
    def last_visit(self) -> dt.date | None:
        return self.row.last_visit

    @property
    def open_matters(self) -> int:
        return self.row.open_matters

    @property
    def status_label(self) -> str:
        try:
            return UNION_STATUS_LABELS[UnionStatus(self.row.union_status)]
        except ValueError:
            return self.row.union_status


def rank_targets(rows: Sequence[PlanningRow], threshold: int, today: dt.date) -> list[Target]:
    targets: list[Target] = []
    for row in rows:
        if not is_union_target(row.headcount, row.union_status, threshold, row.registration_status):
            continue
        days = (today - row.last_visit).days if row.last_visit else None
        targets.append(Target(row, score_target(row.headcount or 0, days, row.open_matters), days))
    targets.sort(key=lambda t: (-t.score, -t.headcount, pinyin_key(t.name)))
    return targets


@dataclass(frozen=True)
class GridFigures:
    grid_id: str | None
    code: str
    name: str
    enterprises: int
    eligible: int  # headcount at or above the threshold
    established: int  # of the eligible
    preparing: int
    members: int  # members of all established unions in the grid
    recruited: int  # members at establishments in the period

    @property
    def rate(self) -> float:
        """建会率: established unions among the enterprises that should have one."""
        return self.established / self.eligible if self.eligible else 0.0


def grid_figures(
    rows: Sequence[PlanningRow],
    grids: Sequence[tuple[str, str, str]],  # (id, code, name)
    threshold: int,
    recruited: Mapping[str | None, int],
) -> list[GridFigures]:
    result: list[GridFigures] = []
    named = [*grids, (None, "", "未分网格")]
    for grid_id, code, name in named:
        mine = [r for r in rows if r.grid_id == grid_id]
        if grid_id is None and not mine:
            continue
        eligible = [r for r in mine if (r.headcount or 0) >= threshold]
        result.append(
            GridFigures(
                grid_id,
                code,
                name,
                len(mine),
                len(eligible),
                sum(1 for r in eligible if r.union_status == UnionStatus.ESTABLISHED.value),
                sum(1 for r in mine if r.union_status == UnionStatus.PREPARING.value),
                sum(r.member_count or 0 for r in mine if r.union_status == UnionStatus.ESTABLISHED.value),
                recruited.get(grid_id, 0),
            )
        )
    return result


def target_threshold(db: object) -> int:
    from app.store import local_state
    from app.store.db import Database

    assert isinstance(db, Database)
    with db.read() as session:
        return local_state.get_int(session, local_state.TARGET_HEADCOUNT, DEFAULT_TARGET_HEADCOUNT)


def load_targets(db: object, grid_code: str | None = None, today: dt.date | None = None) -> tuple[list[Target], int]:
    from app.store import datapool as store
    from app.store.db import Database

    assert isinstance(db, Database)
    threshold = target_threshold(db)
    with db.read() as session:
        grid_id = None
        if grid_code:
            grid = store.grid_by_code(session, grid_code)
            if grid is None:
                raise LookupError(f"没有编号为“{grid_code}”的网格")
            grid_id = grid.id
        rows = store.planning_rows(session, grid_id)
    return rank_targets(rows, threshold, today or dt.date.today()), threshold

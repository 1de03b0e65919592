"""A grid inspector's week: at least 3 visits a week and every enterprise refreshed once a month, so
the week takes the overdue and the targets first, then those whose month is running out; the visits
are spread over the working days by direction from the grid's centre (nearby stops share a day)
and each day is ordered into a short route."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass, field

from app.core.enterprise import is_union_target
from app.planning.geo import Point, centroid
from app.planning.route import plan_route
from app.store.datapool import PlanningRow

MIN_VISITS_PER_WEEK = 3
REFRESH_DAYS = 30
WEEKS_PER_MONTH = 52 / 12

REASON_OVERDUE_TARGET = "建会目标，逾期未走访"
REASON_OVERDUE = "逾期未走访"
REASON_TARGET = "建会目标"
REASON_REFRESH = "月度更新"


def week_start(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def visits_per_week(enterprises: int, minimum: int = MIN_VISITS_PER_WEEK) -> int:
    """Enough to see every enterprise once a month, never fewer than the minimum."""
    return max(minimum, math.ceil(enterprises / WEEKS_PER_MONTH)) if enterprises else 0


@dataclass(frozen=True)
class Stop:
    row: PlanningRow
    reason: str
    priority: int

    @property
    def point(self) -> Point | None:
        if self.row.longitude is None or self.row.latitude is None:
            return None
        return (self.row.longitude, self.row.latitude)


@dataclass
class DayPlan:
    day: dt.date
    stops: list[Stop] = field(default_factory=list)
    length_m: float = 0.0


@dataclass
class WeekPlan:
    week_start: dt.date
    quota: int
    days: list[DayPlan]
    backlog: int  # overdue enterprises left for later weeks

    @property
    def stops(self) -> list[Stop]:
        return [s for d in self.days for s in d.stops]


def _priority(row: PlanningRow, start: dt.date, threshold: int, overdue_days: int) -> tuple[int, str] | None:
    days = (start - row.last_visit).days if row.last_visit else None
    overdue = days is None or days >= overdue_days
    target = is_union_target(row.headcount, row.union_status, threshold, row.registration_status)
    if overdue and target:
        return 0, REASON_OVERDUE_TARGET
    if overdue:
        return 1, REASON_OVERDUE
    if target:
        return 2, REASON_TARGET
    if days is not None and days >= REFRESH_DAYS - 7:
        return 3, REASON_REFRESH
    return None


def order_stops(stops: Sequence[Stop], start: Point | None = None) -> tuple[list[Stop], float]:
    """A day's stops in route order; stops without coordinates go last, in the order given."""
    placed = [s for s in stops if s.point is not None]
    unplaced = [s for s in stops if s.point is None]
    order, length = plan_route([s.point for s in placed if s.point is not None], start)
    return [placed[i] for i in order] + unplaced, length


def propose_week(
    rows: Sequence[PlanningRow],
    day_in_week: dt.date,
    *,
    threshold: int,
    overdue_days: int = 30,
    quota: int | None = None,
    workdays: int = 5,
    office: Point | None = None,
) -> WeekPlan:
    start = week_start(day_in_week)
    wanted = visits_per_week(len(rows)) if quota is None else quota
    ranked: list[tuple[int, int, int, str, Stop]] = []
    for row in rows:
        found = _priority(row, start, threshold, overdue_days)
        if found is None:
            continue
        priority, reason = found
        days = (start - row.last_visit).days if row.last_visit else 10_000
        ranked.append((priority, -days, -(row.headcount or 0), row.name, Stop(row, reason, priority)))
    ranked.sort(key=lambda item: item[:4])
    chosen = [item[4] for item in ranked[:wanted]]
    backlog = sum(1 for item in ranked[wanted:] if item[0] <= 1)
    plans = [DayPlan(start + dt.timedelta(days=i)) for i in range(workdays)]
    if chosen:
        points = [s.point for s in chosen if s.point is not None]
        centre = office or (centroid(points) if points else (0.0, 0.0))

        def bearing(stop: Stop) -> float:
            p = stop.point
            return math.atan2(p[1] - centre[1], p[0] - centre[0]) if p else 10.0

        swept = sorted(chosen, key=lambda s: (bearing(s), s.row.name))
        per_day = math.ceil(len(swept) / workdays)
        for i, plan in enumerate(plans):
            part = swept[i * per_day : (i + 1) * per_day]
            plan.stops, plan.length_m = order_stops(part, office)
    return WeekPlan(start, wanted, plans, backlog)


@dataclass
class DayRoute:
    grid_code: str
    grid_name: str
    inspector: str
    day: dt.date
    stops: list[Stop]
    length_m: float
    start: Point | None = None


def day_route_for(db: object, grid_code: str, day: dt.date, office: Point | None = None) -> DayRoute:
    """The proposed plan's visits for that day, in route order."""
    from app.planning.targets import target_threshold
    from app.store import datapool as store
    from app.store import local_state
    from app.store.db import Database
    from app.store.tables import Inspector

    assert isinstance(db, Database)
    threshold = target_threshold(db)
    with db.read() as session:
        grid = store.grid_by_code(session, grid_code)
        if grid is None:
            raise LookupError(f"没有编号为“{grid_code}”的网格")
        rows = store.planning_rows(session, grid.id)
        overdue = local_state.get_int(session, store.OVERDUE_DAYS, store.DEFAULT_OVERDUE_DAYS)
        inspector = session.get(Inspector, grid.inspector_id) if grid.inspector_id else None
    plan = propose_week(rows, day, threshold=threshold, overdue_days=overdue, office=office)
    chosen = next((d for d in plan.days if d.day == day), None)
    stops, length = (chosen.stops, chosen.length_m) if chosen else ([], 0.0)
    return DayRoute(grid.code, grid.name, inspector.name if inspector else "", day, stops, length, office)

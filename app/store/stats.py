"""The figures the office reports, for a period of whole months: visits per grid and month, unions
established and their members, supervision matters opened, resolved and overdue, letters issued by
kind, and 12351 work orders by status.

Definitions (so that a figure can be checked by hand):
- a visit counts when submitted (drafts do not), in the month of its visit date;
- a union counts as established in the month of the enterprise's union_established_date, and its
  members (member_count on the file) count as recruited in that month;
- a matter is resolved when it reached 已整改/已办结 in the period (verification date, else closing
  date); it is overdue when, at the end of the period (or today, if earlier), it is still active
  and past its deadline;
- a letter counts in the month it was issued, unless voided;
- work orders count in the month they were received.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import text
from sqlmodel import Session

from app.core.legislation import YearFigures
from app.core.letters import KIND_LABELS, LetterKind
from app.core.matters import ACTIVE_STATUSES
from app.core.workorders import OPEN_STATUSES, STATUS_LABELS, Status
from app.store import legislation
from app.store.case_stats import CaseFigures, case_figures

UNASSIGNED = "（未分网格）"


@dataclass(frozen=True)
class Period:
    start: dt.date  # first day of the first month
    end: dt.date  # last day of the last month

    @classmethod
    def months(cls, first: dt.date, last: dt.date | None = None) -> Period:
        last = last or first
        start = first.replace(day=1)
        end = _month_end(last)
        if end < start:
            raise ValueError("统计期间的结束月份早于开始月份")
        return cls(start, end)

    @classmethod
    def month_of(cls, day: dt.date) -> Period:
        return cls.months(day, day)

    def month_keys(self) -> list[str]:
        return list(_iter_months(self.start, self.end))

    @property
    def label(self) -> str:
        a, b = f"{self.start:%Y年%m月}", f"{self.end:%Y年%m月}"
        return a if a == b else f"{a}至{b}"

    def as_of(self, today: dt.date | None = None) -> dt.date:
        return min(self.end, today or dt.date.today())


def _month_end(day: dt.date) -> dt.date:
    following = (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return following - dt.timedelta(days=1)


def _iter_months(start: dt.date, end: dt.date) -> Iterator[str]:
    day = start.replace(day=1)
    while day <= end:
        yield f"{day:%Y-%m}"
        day = (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)


def _params(period: Period) -> dict[str, Any]:
    return {"start": period.start.isoformat(), "end": period.end.isoformat()}


def _rows(session: Session, sql: str, params: dict[str, Any]) -> list[tuple[Any, ...]]:
    return [tuple(r) for r in session.connection().execute(text(sql), params).all()]


@dataclass
class GridMonthTable:
    """Counts per grid (rows) and month (columns)."""

    months: list[str]
    grids: list[str]
    counts: dict[tuple[str, str], int] = field(default_factory=dict)

    def row(self, grid: str) -> list[int]:
        return [self.counts.get((grid, m), 0) for m in self.months]

    def grid_total(self, grid: str) -> int:
        return sum(self.row(grid))

    def month_total(self, month: str) -> int:
        return sum(self.counts.get((g, month), 0) for g in self.grids)

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def _grid_names(session: Session) -> list[str]:
    return [r[0] for r in _rows(session, "SELECT name FROM grid WHERE deleted = 0 ORDER BY code", {})]


def _grid_month(session: Session, period: Period, sql: str) -> GridMonthTable:
    table = GridMonthTable(period.month_keys(), _grid_names(session))
    for grid, month, value in _rows(session, sql, _params(period)):
        name = grid or UNASSIGNED
        if name not in table.grids:
            table.grids.append(name)
        table.counts[(name, month)] = int(value or 0)
    return table


def visits_by_grid_month(session: Session, period: Period) -> GridMonthTable:
    return _grid_month(
        session,
        period,
        """
        SELECT g.name, strftime('%Y-%m', v.visit_date), count(*)
        FROM visit v LEFT JOIN grid g ON g.id = COALESCE(v.grid_id, (SELECT grid_id FROM enterprise WHERE id = v.enterprise_id))
        WHERE v.deleted = 0 AND v.status = 'submitted' AND v.visit_date BETWEEN :start AND :end
        GROUP BY 1, 2
        """,
    )


def unions_by_grid_month(session: Session, period: Period) -> GridMonthTable:
    return _grid_month(
        session,
        period,
        """
        SELECT g.name, strftime('%Y-%m', e.union_established_date), count(*)
        FROM enterprise e LEFT JOIN grid g ON g.id = e.grid_id
        WHERE e.deleted = 0 AND e.union_status = 'established'
          AND e.union_established_date BETWEEN :start AND :end
        GROUP BY 1, 2
        """,
    )


def members_by_grid_month(session: Session, period: Period) -> GridMonthTable:
    return _grid_month(
        session,
        period,
        """
        SELECT g.name, strftime('%Y-%m', e.union_established_date), COALESCE(sum(e.member_count), 0)
        FROM enterprise e LEFT JOIN grid g ON g.id = e.grid_id
        WHERE e.deleted = 0 AND e.union_status = 'established'
          AND e.union_established_date BETWEEN :start AND :end
        GROUP BY 1, 2
        """,
    )


@dataclass
class MatterFigures:
    category: str
    label: str
    opened: int = 0
    resolved: int = 0
    overdue: int = 0


def matters_by_category(session: Session, period: Period, today: dt.date | None = None) -> list[MatterFigures]:
    from app.catalog import load_catalog

    catalog = load_catalog()
    params = _params(period)
    params["as_of"] = period.as_of(today).isoformat()
    active = tuple(sorted(s.value for s in ACTIVE_STATUSES))
    active_sql = ", ".join(f"'{s}'" for s in active)
    sql = f"""
        SELECT category,
               sum(CASE WHEN opened_on BETWEEN :start AND :end THEN 1 ELSE 0 END),
               sum(CASE WHEN status IN ('rectified', 'closed')
                         AND COALESCE(verified_on, closed_on) BETWEEN :start AND :end THEN 1 ELSE 0 END),
               sum(CASE WHEN status IN ({active_sql}) AND deadline IS NOT NULL AND deadline < :as_of
                         AND opened_on <= :as_of THEN 1 ELSE 0 END)
        FROM matter WHERE deleted = 0
        GROUP BY category
    """
    figures = {code: MatterFigures(code, catalog.label(code)) for code in catalog.codes()}
    for code, opened, resolved, overdue in _rows(session, sql, params):
        item = figures.setdefault(code, MatterFigures(code, catalog.label(code)))
        item.opened, item.resolved, item.overdue = int(opened or 0), int(resolved or 0), int(overdue or 0)
    return list(figures.values())


@dataclass
class LetterFigures:
    months: list[str]
    kinds: list[str]
    labels: dict[str, str]
    counts: dict[tuple[str, str], int] = field(default_factory=dict)

    def kind_total(self, kind: str) -> int:
        return sum(self.counts.get((kind, m), 0) for m in self.months)


def letters_by_kind_month(session: Session, period: Period) -> LetterFigures:
    kinds = [k.value for k in LetterKind]
    result = LetterFigures(period.month_keys(), kinds, {k.value: KIND_LABELS[k] for k in LetterKind})
    sql = """
        SELECT kind, strftime('%Y-%m', issued_on), count(*)
        FROM letter
        WHERE deleted = 0 AND issued_on IS NOT NULL AND status != 'void' AND issued_on BETWEEN :start AND :end
        GROUP BY 1, 2
    """
    for kind, month, value in _rows(session, sql, _params(period)):
        if kind not in result.kinds:
            result.kinds.append(kind)
            result.labels[kind] = kind
        result.counts[(kind, month)] = int(value)
    return result


@dataclass
class WorkOrderFigures:
    by_status: dict[str, int]
    labels: dict[str, str]
    overdue: int
    satisfied: int
    called_back: int

    @property
    def total(self) -> int:
        return sum(self.by_status.values())


def workorders_by_status(session: Session, period: Period, today: dt.date | None = None) -> WorkOrderFigures:
    params = _params(period)
    params["as_of"] = period.as_of(today).isoformat()
    by_status = {s.value: 0 for s in Status}
    for status, value in _rows(
        session,
        "SELECT status, count(*) FROM work_order WHERE deleted = 0 AND date(received_at) BETWEEN :start AND :end GROUP BY status",
        params,
    ):
        by_status[str(status)] = int(value)
    open_sql = ", ".join(f"'{s.value}'" for s in sorted(OPEN_STATUSES))
    overdue, satisfied, called_back = _rows(
        session,
        f"""
        SELECT
          COALESCE(sum(CASE WHEN (status IN ({open_sql}) AND due_date < :as_of)
                     OR (replied_at IS NOT NULL AND date(replied_at) > due_date) THEN 1 ELSE 0 END), 0),
          COALESCE(sum(CASE WHEN satisfaction IN ('满意', '基本满意') THEN 1 ELSE 0 END), 0),
          COALESCE(sum(CASE WHEN satisfaction != '' THEN 1 ELSE 0 END), 0)
        FROM work_order WHERE deleted = 0 AND date(received_at) BETWEEN :start AND :end
        """,
        params,
    )[0]
    return WorkOrderFigures(
        by_status, {s.value: STATUS_LABELS[s] for s in Status}, int(overdue), int(satisfied), int(called_back)
    )


@dataclass
class Report:
    period: Period
    visits: GridMonthTable
    unions: GridMonthTable
    members: GridMonthTable
    matters: list[MatterFigures]
    letters: LetterFigures
    workorders: WorkOrderFigures
    generated: dt.datetime
    legislation: YearFigures | None = None
    union_building: Any = None  # app.store.unions.figures.UnionFigures
    cases: CaseFigures | None = None  # the legal-supervision network (app.store.case_stats)

    @property
    def summary(self) -> list[tuple[str, int]]:
        return [
            ("走访次数", self.visits.total),
            ("新建工会", self.unions.total),
            ("发展会员", self.members.total),
            ("新增监督事项", sum(m.opened for m in self.matters)),
            ("办结监督事项", sum(m.resolved for m in self.matters)),
            ("超期监督事项", sum(m.overdue for m in self.matters)),
            ("发出一函两书", sum(self.letters.counts.values())),
            ("受理12351工单", self.workorders.total),
            ("超期工单", self.workorders.overdue),
        ]


def build_report(session: Session, period: Period, today: dt.date | None = None) -> Report:
    return Report(
        period=period,
        visits=visits_by_grid_month(session, period),
        unions=unions_by_grid_month(session, period),
        members=members_by_grid_month(session, period),
        matters=matters_by_category(session, period, today),
        letters=letters_by_kind_month(session, period),
        workorders=workorders_by_status(session, period, today),
        generated=dt.datetime.now().replace(microsecond=0),
        legislation=legislation.figures(session, period.start, period.end),
        union_building=_union_building(session, period, today),
        cases=case_figures(session, period),
    )


def _union_building(session: Session, period: Period, today: dt.date | None) -> Any:
    """The union-building section; its module builds on this one's periods and grid-month tables, so
    it is found by name at run time (like the demo's extension modules) rather than imported here."""
    import importlib

    return importlib.import_module("app.store.unions.figures").build(session, period, today)

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlmodel import select

from app.catalog import load_catalog
from app.documents.report_xlsx import export_report
from app.store import changes, stats
from app.store.db import Database
from app.store.tables import Enterprise
from app.store.tables.matters import Letter, Matter

TODAY = dt.date.today()
PERIOD = stats.Period.months(TODAY - dt.timedelta(days=200), TODAY)


def _sql(db: Database, sql: str, *params: object) -> list[tuple[object, ...]]:
    conn = db.connect_raw()
    try:
        return list(conn.execute(sql, params).fetchall())
    finally:
        conn.close()


@pytest.fixture
def district(demo_db: Database) -> Database:
    """The demo district plus matters and letters in known states."""
    add_known_matters(demo_db)
    return demo_db


def add_known_matters(demo_db: Database) -> None:
    code = load_catalog().codes()[0]
    other = load_catalog().codes()[1]
    with demo_db.write() as s:
        firm = s.exec(select(Enterprise)).first()
        assert firm is not None

        def matter(category: str, status: str, opened: int, deadline: int | None, verified: int | None) -> Matter:
            return changes.insert(
                s,
                Matter(
                    enterprise_id=firm.id,
                    category=category,
                    status=status,
                    opened_on=TODAY - dt.timedelta(days=opened),
                    deadline=TODAY - dt.timedelta(days=deadline) if deadline is not None else None,
                    verified_on=TODAY - dt.timedelta(days=verified) if verified is not None else None,
                ),
                "t",
            )

        first = matter(code, "open", 40, 10, None)  # overdue
        matter(code, "rectifying", 30, -10, None)  # not yet due
        matter(code, "rectified", 50, 20, 5)  # resolved
        matter(other, "closed", 60, 30, 15)  # resolved
        matter(other, "letter_issued", 20, 1, None)  # overdue
        for kind, status, days in [("tips", "issued", 3), ("tips", "served", 40), ("opinion", "replied", 10), ("advice", "void", 2), ("opinion", "draft", 0)]:
            changes.insert(
                s,
                Letter(
                    matter_id=first.id,
                    enterprise_id=firm.id,
                    kind=kind,
                    status=status,
                    issued_on=TODAY - dt.timedelta(days=days) if status != "draft" else None,
                ),
                "t",
            )


def test_known_matters_and_letters_are_counted(demo_db: Database) -> None:
    """The fixture's own matters and letters move the figures by exactly what they should."""
    code, other = load_catalog().codes()[:2]
    with demo_db.read() as s:
        before = stats.build_report(s, PERIOD)
    add_known_matters(demo_db)
    with demo_db.read() as s:
        after = stats.build_report(s, PERIOD)

    def delta(category: str) -> tuple[int, int, int]:
        a = next(m for m in after.matters if m.category == category)
        b = next(m for m in before.matters if m.category == category)
        return a.opened - b.opened, a.resolved - b.resolved, a.overdue - b.overdue

    assert delta(code) == (3, 1, 1)
    assert delta(other) == (2, 1, 1)
    assert after.letters.kind_total("tips") - before.letters.kind_total("tips") == 2
    assert after.letters.kind_total("opinion") - before.letters.kind_total("opinion") == 1
    assert after.letters.kind_total("advice") - before.letters.kind_total("advice") == 0


def test_visits_unions_and_members_match_direct_queries(district: Database) -> None:
    with district.read() as s:
        report = stats.build_report(s, PERIOD)
    start, end = PERIOD.start.isoformat(), PERIOD.end.isoformat()
    expected_visits = _sql(
        district,
        "SELECT g.name, strftime('%Y-%m', v.visit_date), count(*) FROM visit v JOIN grid g ON g.id = v.grid_id "
        "WHERE v.status = 'submitted' AND v.deleted = 0 AND v.visit_date BETWEEN ? AND ? GROUP BY 1, 2",
        start,
        end,
    )
    assert report.visits.total == sum(int(r[2]) for r in expected_visits) > 0  # type: ignore[call-overload]
    for grid, month, n in expected_visits:
        assert report.visits.counts[(str(grid), str(month))] == n
    (unions, members), = _sql(
        district,
        "SELECT count(*), COALESCE(sum(member_count), 0) FROM enterprise WHERE union_status = 'established' "
        "AND deleted = 0 AND union_established_date BETWEEN ? AND ?",
        start,
        end,
    )
    assert report.unions.total == unions and report.members.total == members
    assert unions > 0


def test_matters_letters_and_work_orders(district: Database) -> None:
    code, other = load_catalog().codes()[:2]
    with district.read() as s:
        report = stats.build_report(s, PERIOD)
    start, end, as_of = PERIOD.start.isoformat(), PERIOD.end.isoformat(), min(PERIOD.end, TODAY).isoformat()
    for category in (code, other):
        (opened, resolved, overdue), = _sql(
            district,
            "SELECT sum(opened_on BETWEEN ? AND ?), "
            "sum(status IN ('rectified','closed') AND COALESCE(verified_on, closed_on) BETWEEN ? AND ?), "
            "sum(status IN ('open','letter_issued','rectifying','escalated') AND deadline < ? AND opened_on <= ?) "
            "FROM matter WHERE deleted = 0 AND category = ?",
            start, end, start, end, as_of, as_of, category,
        )
        figures = next(m for m in report.matters if m.category == category)
        assert (figures.opened, figures.resolved, figures.overdue) == (opened, resolved, overdue)
    letters = report.letters
    for kind in ("tips", "opinion", "advice"):
        (issued,), = _sql(
            district,
            "SELECT count(*) FROM letter WHERE deleted = 0 AND kind = ? AND status != 'void' AND issued_on BETWEEN ? AND ?",
            kind, start, end,
        )
        assert letters.kind_total(kind) == issued
    start, end = PERIOD.start.isoformat(), PERIOD.end.isoformat()
    direct = dict(
        _sql(
            district,
            "SELECT status, count(*) FROM work_order WHERE deleted = 0 AND date(received_at) BETWEEN ? AND ? GROUP BY status",
            start,
            end,
        )
    )
    assert {k: v for k, v in report.workorders.by_status.items() if v} == direct
    assert report.workorders.total == 24
    (overdue,), = _sql(
        district,
        "SELECT count(*) FROM work_order WHERE (status IN ('received','dispatched','handling') AND due_date < ?) "
        "OR (replied_at IS NOT NULL AND date(replied_at) > due_date)",
        TODAY.isoformat(),
    )
    assert report.workorders.overdue == overdue


def test_a_month_with_nothing_gives_zeros(district: Database) -> None:
    empty = stats.Period.months(dt.date(2001, 1, 1))
    with district.read() as s:
        report = stats.build_report(s, empty)
    assert all(value == 0 for _label, value in report.summary)
    assert report.visits.months == ["2001-01"] and len(report.visits.grids) == 6


def test_period_helpers() -> None:
    p = stats.Period.months(dt.date(2026, 11, 17), dt.date(2027, 2, 3))
    assert (p.start, p.end) == (dt.date(2026, 11, 1), dt.date(2027, 2, 28))
    assert p.month_keys() == ["2026-11", "2026-12", "2027-01", "2027-02"]
    with pytest.raises(ValueError):
        stats.Period.months(dt.date(2026, 3, 1), dt.date(2026, 1, 1))


def test_export_has_one_sheet_per_figure_with_styled_headers(district: Database, tmp_path: Path) -> None:
    with district.read() as s:
        report = stats.build_report(s, PERIOD)
    steps: list[int] = []
    target = export_report(report, tmp_path / "月报.xlsx", lambda done, total: steps.append(done))
    assert steps[-1] == 9
    wb = load_workbook(target)
    assert wb.sheetnames[:12] == [
        "概要", "走访", "新建工会", "发展会员", "监督事项", "一函两书", "12351工单", "立法联系点",
        "工会建设", "新建工会组织", "入会会员", "服务请求",
    ]
    assert set(wb.sheetnames[12:]) == {"案件", "法律监督概要", "三员（按角色）", "三员（按人员）"}
    visits = wb["走访"]
    assert visits["A2"].value == "网格" and visits["A2"].font.bold
    last = visits.max_row
    assert visits.cell(last, 1).value == "合计"
    assert visits.cell(last, visits.max_column).value == report.visits.total
    summary = {r[0]: r[1] for r in wb["概要"].iter_rows(min_row=3, values_only=True) if r[0]}
    assert summary["走访次数"] == report.visits.total
    assert summary["受理12351工单"] == 24

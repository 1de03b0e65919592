"""Figures of union building for a period (statistics page and monthly XLSX), and the before/after
indicators of each unionised enterprise.

Definitions (so a figure can be checked by hand):
- a union is founded in the month of its 上级批复 step (`union_org.founded_on`); units count by the
  kind they were recorded with in the unions founded in the period, each unit once per form;
- members enrolled are registry members whose 入会日期 falls in the period, new (first membership)
  and existing (transferred) apart, plus those of enrolment drives held in the period that are not in
  the registry (drives count their own numbers: the office records one or the other);
- services requested count by request date, delivered by the date of their outcome, overdue when still
  open past the due date at the end of the period (or today, if earlier);
- partners are those valid at the end of the period; uses count by the date they were reported.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import text
from sqlmodel import Session

from app.core import unions as rules
from app.store.datapool import decode_values
from app.store.stats import GridMonthTable, Period, _grid_month


def _rows(session: Session, sql: str, params: dict[str, Any]) -> list[tuple[Any, ...]]:
    return [tuple(r) for r in session.connection().execute(text(sql), params).all()]


@dataclass
class UnionFigures:
    founded_by_form: dict[str, int] = field(default_factory=dict)  # label -> unions
    units_by_kind: dict[str, int] = field(default_factory=dict)  # label -> units
    members_new: int = 0
    members_existing: int = 0
    members_by_group: dict[str, int] = field(default_factory=dict)  # label -> members
    new_form_members: int = 0
    drives: int = 0
    drive_enrolled: int = 0
    services_requested: int = 0
    services_delivered: int = 0
    services_overdue: int = 0
    services_by_kind: dict[str, tuple[int, int]] = field(default_factory=dict)  # label -> (requested, delivered)
    partners: int = 0
    partner_uses: int = 0
    unions_by_grid: GridMonthTable | None = None
    members_by_grid: GridMonthTable | None = None
    services_by_grid: GridMonthTable | None = None

    @property
    def summary(self) -> list[tuple[str, int]]:
        return [
            ("新建工会组织", sum(self.founded_by_form.values())),
            ("覆盖单位", sum(self.units_by_kind.values())),
            ("新入会会员", self.members_new),
            ("转入会员", self.members_existing),
            ("新就业形态新会员", self.new_form_members),
            ("集中入会人数", self.drive_enrolled),
            ("服务请求", self.services_requested),
            ("服务办结", self.services_delivered),
            ("服务超期未办", self.services_overdue),
            ("友好商户", self.partners),
            ("友好商户使用人次", self.partner_uses),
        ]


def build(session: Session, period: Period, today: dt.date | None = None) -> UnionFigures:
    p = {"start": period.start.isoformat(), "end": period.end.isoformat(), "as_of": period.as_of(today).isoformat()}
    fig = UnionFigures()
    for form, n in _rows(session, "SELECT form, count(*) FROM union_org WHERE deleted = 0 AND founded_on BETWEEN :start AND :end GROUP BY form", p):
        fig.founded_by_form[rules.UNION_FORMS.get(str(form), str(form))] = int(n)
    for kind, n in _rows(
        session,
        """SELECT c.unit_kind, count(DISTINCT c.enterprise_id || c.form) FROM union_unit c
           JOIN union_org u ON u.id = c.union_id AND u.deleted = 0
           WHERE c.deleted = 0 AND u.founded_on BETWEEN :start AND :end GROUP BY c.unit_kind""",
        p,
    ):
        fig.units_by_kind[rules.UNIT_KINDS.get(str(kind), str(kind))] = int(n)
    for group, new, n in _rows(
        session,
        "SELECT key_group, new_member, count(*) FROM union_member WHERE deleted = 0 AND joined_on BETWEEN :start AND :end GROUP BY 1, 2",
        p,
    ):
        label = rules.KEY_GROUPS.get(str(group), str(group))
        fig.members_by_group[label] = fig.members_by_group.get(label, 0) + int(n)
        if new:
            fig.members_new += int(n)
            if group in rules.NEW_FORM_GROUPS:
                fig.new_form_members += int(n)
        else:
            fig.members_existing += int(n)
    drives, enrolled = _rows(
        session, "SELECT count(*), COALESCE(sum(enrolled), 0) FROM enrolment_drive WHERE deleted = 0 AND held_on BETWEEN :start AND :end", p
    )[0]
    fig.drives, fig.drive_enrolled = int(drives), int(enrolled)
    labels = {code: label for code, label, _d in rules.DEFAULT_SERVICE_KINDS}
    labels.update({str(c): str(lb) for c, lb in _rows(session, "SELECT code, label FROM service_kind WHERE deleted = 0", {})})
    for kind, asked, done in _rows(
        session,
        """SELECT kind,
                  sum(CASE WHEN requested_on BETWEEN :start AND :end THEN 1 ELSE 0 END),
                  sum(CASE WHEN status = 'delivered' AND done_on BETWEEN :start AND :end THEN 1 ELSE 0 END)
           FROM service_request WHERE deleted = 0 GROUP BY kind""",
        p,
    ):
        if asked or done:
            fig.services_by_kind[labels.get(str(kind), str(kind))] = (int(asked or 0), int(done or 0))
    fig.services_requested = sum(a for a, _ in fig.services_by_kind.values())
    fig.services_delivered = sum(d for _, d in fig.services_by_kind.values())
    fig.services_overdue = int(
        _rows(
            session,
            """SELECT count(*) FROM service_request WHERE deleted = 0 AND status IN ('open', 'in_progress')
               AND due_date < :as_of AND requested_on <= :as_of""",
            p,
        )[0][0]
    )
    fig.partners = int(
        _rows(
            session,
            """SELECT count(*) FROM friendly_partner WHERE deleted = 0
               AND (valid_from IS NULL OR valid_from <= :end) AND (valid_to IS NULL OR valid_to >= :as_of)""",
            p,
        )[0][0]
    )
    fig.partner_uses = int(
        _rows(session, "SELECT COALESCE(sum(uses), 0) FROM partner_use WHERE deleted = 0 AND reported_on BETWEEN :start AND :end", p)[0][0]
    )
    fig.unions_by_grid = _grid_month(
        session,
        period,
        """SELECT g.name, strftime('%Y-%m', u.founded_on), count(*) FROM union_org u LEFT JOIN grid g ON g.id = u.grid_id
           WHERE u.deleted = 0 AND u.founded_on BETWEEN :start AND :end GROUP BY 1, 2""",
    )
    fig.members_by_grid = _grid_month(
        session,
        period,
        """SELECT g.name, strftime('%Y-%m', m.joined_on), count(*) FROM union_member m LEFT JOIN grid g ON g.id = m.grid_id
           WHERE m.deleted = 0 AND m.joined_on BETWEEN :start AND :end GROUP BY 1, 2""",
    )
    fig.services_by_grid = _grid_month(
        session,
        period,
        """SELECT g.name, strftime('%Y-%m', s.requested_on), count(*) FROM service_request s LEFT JOIN grid g ON g.id = s.grid_id
           WHERE s.deleted = 0 AND s.requested_on BETWEEN :start AND :end GROUP BY 1, 2""",
    )
    return fig


# --- before and after founding ------------------------------------------------------------------


def _day(value: Any) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def headcount_points(session: Session, enterprise_id: str) -> list[tuple[dt.date, int]]:
    """Dated headcounts: what each data-pool source listed (with its date) and what visits counted."""
    points: list[tuple[dt.date, int]] = []
    sql = "SELECT field_values, as_of FROM source_record WHERE enterprise_id = :e AND deleted = 0"
    for values, as_of in _rows(session, sql, {"e": enterprise_id}):
        pair = decode_values(values, as_of).get("headcount")
        if pair is not None and isinstance(pair[0], int) and _day(pair[1]):
            points.append((_day(pair[1]), pair[0]))  # type: ignore[arg-type]
    for day, answers in _rows(
        session, "SELECT visit_date, answers FROM visit WHERE enterprise_id = :e AND deleted = 0 AND status = 'submitted'", {"e": enterprise_id}
    ):
        try:
            count = json.loads(answers or "{}").get("headcount")
        except (json.JSONDecodeError, AttributeError):
            continue
        when = _day(day)
        if isinstance(count, int) and when:
            points.append((when, count))
    return sorted(set(points))


def before_after(session: Session, enterprise_id: str) -> rules.BeforeAfter | None:
    row = _rows(
        session, "SELECT union_status, union_established_date FROM enterprise WHERE id = :e", {"e": enterprise_id}
    )
    if not row or row[0][0] != "established" or _day(row[0][1]) is None:
        return None
    founded = _day(row[0][1])
    assert founded is not None
    orders = [_day(r[0]) for r in _rows(session, "SELECT received_at FROM work_order WHERE enterprise_id = :e AND deleted = 0", {"e": enterprise_id})]
    matters = [_day(r[0]) for r in _rows(session, "SELECT opened_on FROM matter WHERE enterprise_id = :e AND deleted = 0", {"e": enterprise_id})]
    return rules.before_after(
        founded, [d for d in orders if d], [d for d in matters if d], headcount_points(session, enterprise_id)
    )


def district_before_after(session: Session, limit: int = 500) -> list[tuple[str, str, rules.BeforeAfter]]:
    """(enterprise id, name, indicators) for enterprises with a union founded a year or more ago
    through a union record, most recent first."""
    rows = _rows(
        session,
        """SELECT DISTINCT e.id, e.name FROM enterprise e JOIN union_unit c ON c.enterprise_id = e.id AND c.deleted = 0
           WHERE e.deleted = 0 AND e.union_status = 'established' AND e.union_established_date IS NOT NULL
           ORDER BY e.union_established_date DESC LIMIT :n""",
        {"n": limit},
    )
    result = []
    for eid, name in rows:
        figures = before_after(session, str(eid))
        if figures is not None:
            result.append((str(eid), str(name), figures))
    return result

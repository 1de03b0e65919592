"""Figures of the legal-supervision network for the statistics page and the monthly workbook: cases by
kind and outcome, amounts claimed and recovered, workers helped, referrals and answers, campaigns and
public notices, and the 三员's work per role and per person."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Protocol

from sqlalchemy import text
from sqlmodel import Session

from app.core.cases import rules
from app.store import worklogs


class Period(Protocol):
    """app.store.stats.Period, named here without importing it (stats imports this module)."""

    @property
    def start(self) -> dt.date: ...

    @property
    def end(self) -> dt.date: ...

    def as_of(self, today: dt.date | None = None) -> dt.date: ...


@dataclass(frozen=True)
class KindFigures:
    kind: str
    label: str
    received: int
    closed: int
    succeeded: int
    failed: int
    arbitration: int
    litigation: int
    workers: int
    claimed: float
    recovered: float


@dataclass
class CaseFigures:
    kinds: list[KindFigures]
    referrals_sent: int
    referrals_answered: int
    referrals_overdue: int
    campaigns: int
    campaign_enterprises: int
    notices: int
    notice_letters: int
    receptions: int
    per_role: list[worklogs.WorkFigures] = field(default_factory=list)
    per_person: list[worklogs.WorkFigures] = field(default_factory=list)

    @property
    def received(self) -> int:
        return sum(k.received for k in self.kinds)

    @property
    def recovered(self) -> float:
        return round(sum(k.recovered for k in self.kinds), 2)

    @property
    def workers(self) -> int:
        return sum(k.workers for k in self.kinds)

    @property
    def summary(self) -> list[tuple[str, Any]]:
        return [
            ("受理案件", self.received),
            ("结案", sum(k.closed for k in self.kinds)),
            ("调解成功", sum(k.succeeded for k in self.kinds)),
            ("帮助职工（人次）", self.workers),
            ("追回金额（元）", self.recovered),
            ("来访接待", self.receptions),
            ("移送部门", self.referrals_sent),
            ("部门已答复", self.referrals_answered),
            ("逾期未答复", self.referrals_overdue),
            ("专项行动", self.campaigns),
            ("行动覆盖企业", self.campaign_enterprises),
            ("公开提示", self.notices),
            ("公开提示函件", self.notice_letters),
        ]


def _one(session: Session, sql: str, params: dict[str, Any]) -> tuple[Any, ...]:
    return tuple(session.connection().execute(text(sql), params).one())


def case_figures(session: Session, period: Period) -> CaseFigures:
    """Cases received in the period by kind; closings and amounts recovered counted in the period they
    closed; referrals sent in the period, overdue as of the period's end (or today)."""
    params = {"start": period.start.isoformat(), "end": period.end.isoformat(), "as_of": period.as_of().isoformat()}
    kinds = []
    for kind in rules.CaseKind:
        p = params | {"kind": kind.value}
        received, workers, claimed = _one(
            session,
            "SELECT count(*), coalesce(sum(workers_involved), 0), coalesce(sum(amount_claimed), 0) FROM legal_case "
            "WHERE deleted = 0 AND kind = :kind AND received_on BETWEEN :start AND :end",
            p,
        )
        closed, succeeded, failed, arbitration, litigation, recovered = _one(
            session,
            "SELECT count(*), coalesce(sum(outcome = 'succeeded'), 0), coalesce(sum(outcome = 'failed'), 0), "
            "coalesce(sum(outcome = 'arbitration'), 0), coalesce(sum(outcome = 'litigation'), 0), coalesce(sum(amount_recovered), 0) "
            "FROM legal_case WHERE deleted = 0 AND kind = :kind AND status = 'closed' AND closed_on BETWEEN :start AND :end",
            p,
        )
        kinds.append(KindFigures(kind.value, kind.label, int(received), int(closed), int(succeeded), int(failed), int(arbitration),
                                 int(litigation), int(workers), float(claimed), round(float(recovered), 2)))
    sent, answered, overdue = _one(
        session,
        "SELECT count(*), coalesce(sum(status IN ('answered', 'closed')), 0), coalesce(sum(status = 'sent' AND due_on < :as_of), 0) "
        "FROM referral WHERE deleted = 0 AND sent_on BETWEEN :start AND :end",
        params,
    )
    campaigns, firms = _one(
        session,
        "SELECT count(DISTINCT c.id), count(ce.id) FROM campaign c LEFT JOIN campaign_enterprise ce ON ce.campaign_id = c.id AND ce.deleted = 0 "
        "WHERE c.deleted = 0 AND c.start_on <= :end AND (c.end_on IS NULL OR c.end_on >= :start)",
        params,
    )
    notices, letters = _one(
        session,
        "SELECT count(*), coalesce(sum(letter_count), 0) FROM public_notice WHERE deleted = 0 AND status = 'issued' "
        "AND issued_on BETWEEN :start AND :end",
        params,
    )
    (receptions,) = _one(
        session, "SELECT count(*) FROM reception WHERE deleted = 0 AND date(received_at) BETWEEN :start AND :end", params
    )
    return CaseFigures(
        kinds=kinds,
        referrals_sent=int(sent),
        referrals_answered=int(answered),
        referrals_overdue=int(overdue),
        campaigns=int(campaigns),
        campaign_enterprises=int(firms),
        notices=int(notices),
        notice_letters=int(letters),
        receptions=int(receptions),
        per_role=worklogs.figures_per_role(session, period.start, period.end),
        per_person=worklogs.figures_per_person(session, period.start, period.end),
    )

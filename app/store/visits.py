"""Visits of an enterprise: drafts that autosave, submitted records, and the timeline of the file."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from typing import Any

from sqlmodel import Session, col, select

from app.store import changes
from app.store.tables import Enterprise, Visit


def timeline(session: Session, enterprise_id: str) -> list[Visit]:
    stmt = (
        select(Visit)
        .where(Visit.enterprise_id == enterprise_id, Visit.deleted == False)  # noqa: E712
        .order_by(col(Visit.visit_date).desc(), col(Visit.id).desc())
    )
    return list(session.exec(stmt).all())


def get(session: Session, visit_id: str) -> Visit | None:
    return session.get(Visit, visit_id)


def answers_of(visit: Visit) -> dict[str, Any]:
    loaded = json.loads(visit.answers or "{}")
    return loaded if isinstance(loaded, dict) else {}


def save_draft(
    session: Session,
    *,
    visit_id: str | None,
    enterprise_id: str,
    form_id: str,
    form_version: int,
    answers: Mapping[str, Any],
    visit_date: dt.date,
    inspector_id: str | None,
    summary: str,
    actor: str,
    status: str = "draft",
) -> Visit:
    """Creates the visit on the first autosave and updates it afterwards; submitted is the same write
    with status 'submitted' (validation happens before, in formkit)."""
    payload = json.dumps(dict(answers), ensure_ascii=False, sort_keys=True)
    if visit_id:
        existing = session.get(Visit, visit_id)
        if existing is not None:
            updated = changes.update(
                session,
                existing,
                {
                    "answers": payload,
                    "visit_date": visit_date,
                    "status": status,
                    "summary": summary,
                    "inspector_id": inspector_id,
                },
                actor,
            )
            return _services_followed_up(session, updated, actor)
    enterprise = session.get(Enterprise, enterprise_id)
    if enterprise is None:
        raise LookupError(f"enterprise {enterprise_id} not found")
    visit = Visit(
        enterprise_id=enterprise_id,
        grid_id=enterprise.grid_id,
        inspector_id=inspector_id,
        visit_date=visit_date,
        form_id=form_id,
        form_version=form_version,
        answers=payload,
        status=status,
        summary=summary,
    )
    if visit_id:
        visit.id = visit_id
    return _services_followed_up(session, changes.insert(session, visit, actor), actor)


def _services_followed_up(session: Session, visit: Visit, actor: str) -> Visit:
    """Every service ticked on a submitted visit becomes a service request (走访即服务, followed up)."""
    if visit.status == "submitted":
        from app.store.unions import services

        services.from_visit(session, visit, actor)
    return visit


def form_versions_in_use(session: Session) -> dict[tuple[str, int], int]:
    """(form id, version) -> number of visits filled with it: the definitions that must stay loadable."""
    return {pair: count_visits_with_form(session, *pair) for pair in form_versions_used(session)}


def form_versions_used(session: Session) -> set[tuple[str, int]]:
    """The (form id, version) pairs stored visits were filled with: a skip scan over ix_visit_form,
    one index probe per distinct pair (a handful in any district) instead of reading every visit."""
    from app.store import quickcheck

    return quickcheck.form_versions_used(quickcheck.of_session(session))



def count_visits_with_form(session: Session, form_id: str, version: int) -> int:
    from app.store import quickcheck

    return quickcheck.count_visits_with_form(quickcheck.of_session(session), form_id, version)

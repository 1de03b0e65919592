"""Office confirmations of legal citations the catalog could not verify against the statute text.

A letter cites articles by number; an article number nobody checked must not go out in the union's
name. The catalog marks such citations 〔条文待核实〕; before a letter citing one is issued, an office
user confirms it once (per citation, for every later letter on this installation), and who did and
when is kept here and in the audit log."""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass

from sqlmodel import Session

from app.core.matters import OFFICE_ROLES, Role
from app.core.problems import Problem, ValidationError
from app.core.violations import UNVERIFIED_MARK
from app.store import audit, local_state

KEY_PREFIX = "citation_confirmed."
_HEAD = re.compile(r"^《(?P<law>[^》]+)》(?P<article>[^：:]*)")


@dataclass(frozen=True)
class Confirmation:
    citation: str
    by: str
    at: str


class UnconfirmedCitations(ValidationError):
    """Issuing waits for an office user to confirm these citations (headings 《法》第X条)."""

    def __init__(self, citations: list[str]) -> None:
        self.citations = citations
        listed = "、".join(citations)
        super().__init__([Problem("legal_basis", f"{listed}尚未与官方文本核对，须由区总工会工作人员确认后才能发出。")])


def _key(citation: str) -> str:
    return KEY_PREFIX + hashlib.sha1(citation.encode("utf-8")).hexdigest()[:20]


def unverified_in(legal_basis: str) -> list[str]:
    """The headings (《法》第X条) of the basis lines still marked unverified."""
    out: list[str] = []
    for line in legal_basis.splitlines():
        if UNVERIFIED_MARK not in line:
            continue
        m = _HEAD.match(line.strip())
        heading = f"《{m['law']}》{m['article'].strip()}" if m else line.split("：", 1)[0].strip()
        if heading and heading not in out:
            out.append(heading)
    return out


def confirmation(session: Session, citation: str) -> Confirmation | None:
    """This laptop's own confirmation, or else the office's district-wide one pulled from the server."""
    raw = local_state.get(session, _key(citation))
    if not raw:
        return _synced(session, citation)
    try:
        data = json.loads(raw)
    except json.JSONDecodeError:
        return None
    return Confirmation(citation, str(data.get("by", "")), str(data.get("at", "")))


def _synced(session: Session, citation: str) -> Confirmation | None:
    from sqlmodel import col, select

    from app.store.tables.citations import CitationConfirmation

    row = session.exec(
        select(CitationConfirmation).where(
            CitationConfirmation.article_key == citation, col(CitationConfirmation.deleted).is_(False)
        )
    ).first()
    return Confirmation(citation, row.confirmed_by, row.confirmed_at) if row is not None else None


def unconfirmed(session: Session, legal_basis: str) -> list[str]:
    return [c for c in unverified_in(legal_basis) if confirmation(session, c) is None]


def confirm(session: Session, citations: list[str], *, actor: str, role: Role | str) -> None:
    """Records that an office user checked these citations against the official text."""
    try:
        r = Role(role)
    except ValueError:
        r = Role.INSPECTOR
    if r not in OFFICE_ROLES:
        raise ValidationError([Problem("role", "条文须由区总工会工作人员核对确认。")])
    from app.core.ids import utc_now_iso

    for citation in citations:
        if confirmation(session, citation) is not None:
            continue
        at = utc_now_iso()
        local_state.put(session, _key(citation), json.dumps({"by": actor, "at": at}, ensure_ascii=False))
        audit.record(session, "confirm", f"确认法律依据条文 {citation} 已与官方文本核对", actor)


def citation_report(session: Session) -> list[tuple[str, str]]:
    """For `union-inspector check`: catalog citations not verified against the statute text, and
    whether the office confirmed them here."""
    from app.store import quickcheck

    return quickcheck.citation_report(quickcheck.of_session(session))

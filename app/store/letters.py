"""The letter register (函件登记): drafts made from a matter, issuing with a collision-free number and
the PDF kept as an attachment, then served, replied and closed; each step also moves the matter.

Rendering belongs to app/documents, which sits above this layer; `issue` therefore takes the renderer
as a function, called inside the issuing transaction once the number is known."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import text
from sqlmodel import Session, col, select

from app.core.letters import (
    LetterAction,
    LetterKind,
    LetterStatus,
    check_escalation,
    check_letter_transition,
    format_number,
    format_provisional,
    letter_transition,
    predecessor_kinds,
    series_key,
)
from app.core.matters import MatterAction, MatterStatus, Role, transition_for
from app.core.problems import Problem, ValidationError
from app.store import blobs, changes, letter_numbers
from app.store import matters as matter_repo
from app.store.tables import Attachment, Enterprise
from app.store.tables.matters import Letter, Matter

PDF_MIME = "application/pdf"


class NoNumberAvailable(ValidationError):
    """No block of real numbers is left on this device; the user may choose a provisional number."""


@dataclass(frozen=True)
class IssuedDocument:
    """What the renderer returns: the PDF and the final content (with number and date) as JSON."""

    pdf: bytes
    body: str


Renderer = Callable[[Letter], IssuedDocument]


def get(session: Session, letter_id: str) -> Letter:
    letter = session.get(Letter, letter_id)
    if letter is None or letter.deleted:
        raise ValidationError([Problem("letter_id", f"找不到函件（编号 {letter_id}）")])
    return letter


def body_of(letter: Letter) -> dict[str, Any]:
    try:
        data = json.loads(letter.body or "{}")
    except json.JSONDecodeError:
        return {}
    return data if isinstance(data, dict) else {}


def create_draft(
    session: Session,
    *,
    matter_id: str | None,
    enterprise_id: str,
    kind: LetterKind | str,
    title: str,
    addressee: str,
    body: Mapping[str, Any],
    actor: str,
    code: str = "",
) -> Letter:
    """`code` is the 代字 the letter will be numbered under (the template's); empty means the setting."""
    kind = LetterKind(kind)
    enterprise = session.get(Enterprise, enterprise_id)
    if enterprise is None:
        raise ValidationError([Problem("enterprise_id", f"找不到企业（编号 {enterprise_id}）")])
    if matter_id is not None:
        matter_repo.get(session, matter_id)
    letter = changes.insert(
        session,
        Letter(
            matter_id=matter_id,
            enterprise_id=enterprise_id,
            grid_id=enterprise.grid_id,
            kind=kind.value,
            title=title or kind.document_title,
            addressee=addressee,
            body=json.dumps(dict(body), ensure_ascii=False, sort_keys=True),
            status=LetterStatus.DRAFT.value,
            series_key=series_key(code) if code else "",
        ),
        actor,
    )
    if matter_id is not None:
        matter = matter_repo.get(session, matter_id)
        matter_repo.add_event(
            session,
            matter,
            "letter_drafted",
            actor,
            from_status=matter.status,
            to_status=matter.status,
            note=f"起草{kind.label}",
            data={"letter_id": letter.id},
        )
    return letter


def save_draft(
    session: Session,
    letter_id: str,
    *,
    body: Mapping[str, Any],
    actor: str,
    title: str | None = None,
    addressee: str | None = None,
) -> Letter:
    letter = get(session, letter_id)
    if letter.status != LetterStatus.DRAFT.value:
        raise ValidationError([Problem("status", f"函件 {letter.number} 已发出，内容不能再修改")])
    values: dict[str, Any] = {"body": json.dumps(dict(body), ensure_ascii=False, sort_keys=True)}
    if title is not None:
        values["title"] = title
    if addressee is not None:
        values["addressee"] = addressee
    return changes.update(session, letter, values, actor)


ISSUED_STATUSES = ("issued", "served", "replied", "closed")


def previous_letter(session: Session, matter_id: str | None, kind: LetterKind | str) -> Letter | None:
    """The issued letter an 意见书 or 建议书 follows up on: the latest 提示函 for an 意见书; the latest
    意见书 (or, without one, 提示函) for a 建议书."""
    if matter_id is None:
        return None
    for earlier in predecessor_kinds(kind):
        found = session.exec(
            select(Letter)
            .where(
                Letter.matter_id == matter_id,
                Letter.kind == earlier.value,
                col(Letter.status).in_(ISSUED_STATUSES),
                Letter.deleted == False,  # noqa: E712
            )
            .order_by(col(Letter.issued_on).desc(), col(Letter.updated_at).desc())
        ).first()
        if found is not None:
            return found
    return None


def escalation_problems(
    session: Session, matter_id: str | None, kind: LetterKind | str, on: dt.date
) -> list[Problem]:
    """Why an 意见书 or 建议书 may not go out on `on` (the earlier letter's deadline not yet passed)."""
    if matter_id is None:
        return []
    previous = previous_letter(session, matter_id, kind)
    if previous is None:
        return check_escalation(kind, None, "", None, on)
    return check_escalation(kind, previous.kind, previous.number, previous.deadline, on)


def letter_deadline(session: Session, kind: LetterKind | str, issued_on: dt.date) -> dt.date:
    """The one deadline a letter issued that day carries: its reply period from the settings."""
    rules = matter_repo.deadline_rules(session)
    return rules.add(issued_on, rules.reply_period(LetterKind(kind).value))


def _dates(letter: Letter) -> dict[str, dt.date | None]:
    return {
        "issued_on": letter.issued_on,
        "served_on": letter.served_on,
        "replied_on": letter.replied_on,
        "closed_on": letter.closed_on,
    }


def issue(
    session: Session,
    letter_id: str,
    *,
    actor: str,
    role: Role | str,
    issued_on: dt.date,
    render: Renderer,
    blobs_root: Path,
    allow_provisional: bool = False,
    today: dt.date | None = None,
) -> Letter:
    """Numbers, renders and stores the letter in the caller's transaction: if anything fails (the
    renderer, the disk, a crash) nothing is kept and the number is still unused."""
    letter = get(session, letter_id)
    problems = check_letter_transition(
        letter.status,
        LetterAction.ISSUE,
        {"issued_on": issued_on},
        _dates(letter),
        kind=letter.kind,
        role=role,
        today=today or dt.date.today(),
    )
    if not problems:
        problems = escalation_problems(session, letter.matter_id, letter.kind, issued_on)
    if problems:
        raise ValidationError(problems)
    kind = LetterKind(letter.kind)
    code = letter.series_key or letter_numbers.letter_code(session, kind)
    key, year = series_key(code), issued_on.year
    value = letter_numbers.take_number(session, key, year)
    if value is not None:
        number, provisional, seq = format_number(code, year, value), False, value
    elif allow_provisional:
        tag = letter_numbers.this_device_tag(session)
        number = format_provisional(code, year, tag, letter_numbers.next_provisional(session, key, year))
        provisional, seq = True, None
    else:
        raise NoNumberAvailable(
            [Problem("number", f"本机没有可用的{code}〔{year}〕文号，请先同步领取号段，或使用临时编号发出")]
        )
    numbered = {
        "number": number,
        "number_provisional": provisional,
        "series_key": key,
        "year": year,
        "seq": seq,
        "issued_on": issued_on,
        "deadline": letter_deadline(session, kind, issued_on),
    }
    # The renderer sees the letter as it will be issued; the row itself changes only through
    # changes.update below, so the outbox records every field.
    document = render(Letter.model_validate(letter.model_dump() | numbered))
    attachment = store_pdf(session, letter, document.pdf, blobs_root, actor, number=number)
    changes.update(
        session,
        letter,
        {
            **numbered,
            "issued_by": actor,
            "status": LetterStatus.ISSUED.value,
            "body": document.body,
            "pdf_attachment_id": attachment.id,
        },
        actor,
    )
    _after_issue(session, letter, actor, role)
    return letter


def _after_issue(session: Session, letter: Letter, actor: str, role: Role | str) -> None:
    if letter.matter_id is None:
        return
    matter = matter_repo.get(session, letter.matter_id)
    assert letter.issued_on is not None
    due = letter.deadline or letter_deadline(session, letter.kind, letter.issued_on)
    action = MatterAction.ESCALATE if LetterKind(letter.kind).to_department else MatterAction.LETTER_ISSUED
    note = f"发出{LetterKind(letter.kind).label} {letter.number}"
    if MatterStatus(matter.status) in transition_for(action).sources:
        matter_repo.transition(
            session, matter.id, action, actor=actor, role=role, note=note, letter_id=letter.id, deadline=None
        )
    else:
        matter_repo.add_event(
            session, matter, "letter_issued", actor, from_status=matter.status, to_status=matter.status,
            note=note, data={"letter_id": letter.id},
        )
    changes.update(session, matter, {"deadline": due}, actor)


def store_pdf(
    session: Session, letter: Letter, pdf: bytes, blobs_root: Path, actor: str, *, number: str | None = None
) -> Attachment:
    """Keeps the PDF as it was issued; the caption records the number printed on it, so a letter
    renumbered after sync shows that its paper copy carries the provisional number."""
    printed = letter.number if number is None else number
    digest = blobs.put_bytes(session, blobs_root, pdf, PDF_MIME)
    safe = printed.replace("〔", "(").replace("〕", ")") or letter.id
    return changes.insert(
        session,
        Attachment(
            owner_table="letter",
            owner_id=letter.id,
            grid_id=letter.grid_id,
            kind="letter_pdf",
            sha256=digest,
            filename=f"{safe}.pdf",
            mime=PDF_MIME,
            size=len(pdf),
            caption=printed,
        ),
        actor,
    )


def replace_pdf(session: Session, letter_id: str, pdf: bytes, blobs_root: Path, actor: str) -> Letter:
    """A new PDF for an issued letter (after a provisional number was replaced); the old one stays."""
    letter = get(session, letter_id)
    attachment = store_pdf(session, letter, pdf, blobs_root, actor)
    return changes.update(session, letter, {"pdf_attachment_id": attachment.id}, actor)


def pdf_attachment(session: Session, letter: Letter) -> Attachment | None:
    if not letter.pdf_attachment_id:
        return None
    return session.get(Attachment, letter.pdf_attachment_id)


def pdf_is_current(session: Session, letter: Letter) -> bool:
    attachment = pdf_attachment(session, letter)
    return attachment is not None and attachment.caption == letter.number


def _step(
    session: Session,
    letter_id: str,
    action: LetterAction,
    values: dict[str, Any],
    *,
    actor: str,
    today: dt.date | None,
) -> Letter:
    letter = get(session, letter_id)
    problems = check_letter_transition(
        letter.status, action, values, _dates(letter), kind=letter.kind, today=today or dt.date.today()
    )
    if problems:
        raise ValidationError(problems)
    t = letter_transition(action)
    changes.update(session, letter, {**values, "status": t.target.value}, actor)
    return letter


def serve(session: Session, letter_id: str, *, served_on: dt.date, actor: str, today: dt.date | None = None) -> Letter:
    """Service is recorded; the deadline stays the one printed on the letter (one date, one source)."""
    letter = _step(session, letter_id, LetterAction.SERVE, {"served_on": served_on}, actor=actor, today=today)
    if letter.matter_id:
        matter = matter_repo.get(session, letter.matter_id)
        _letter_event(session, matter, letter, "letter_served", f"{letter.number} 于{served_on.isoformat()}送达", actor)
    return letter


def reply(
    session: Session,
    letter_id: str,
    *,
    replied_on: dt.date,
    note: str,
    actor: str,
    today: dt.date | None = None,
) -> Letter:
    letter = _step(
        session, letter_id, LetterAction.REPLY, {"replied_on": replied_on, "reply_note": note.strip()},
        actor=actor, today=today,
    )
    if letter.matter_id:
        matter = matter_repo.get(session, letter.matter_id)
        _letter_event(session, matter, letter, "letter_replied", f"{letter.number} 回复：{note.strip()}", actor)
    return letter


def close(session: Session, letter_id: str, *, actor: str, today: dt.date | None = None) -> Letter:
    day = today or dt.date.today()
    letter = _step(session, letter_id, LetterAction.CLOSE, {"closed_on": day}, actor=actor, today=day)
    if letter.matter_id:
        matter = matter_repo.get(session, letter.matter_id)
        _letter_event(session, matter, letter, "letter_closed", f"{letter.number} 办结", actor)
    return letter


def void(session: Session, letter_id: str, *, actor: str) -> Letter:
    letter = _step(session, letter_id, LetterAction.VOID, {}, actor=actor, today=None)
    if letter.matter_id:
        matter = matter_repo.get(session, letter.matter_id)
        _letter_event(session, matter, letter, "letter_void", f"作废{LetterKind(letter.kind).label}草稿", actor)
    return letter


def _letter_event(session: Session, matter: Matter, letter: Letter, action: str, note: str, actor: str) -> None:
    matter_repo.add_event(
        session, matter, action, actor, from_status=matter.status, to_status=matter.status, note=note,
        data={"letter_id": letter.id},
    )


def for_matter(session: Session, matter_id: str) -> list[Letter]:
    stmt = (
        select(Letter)
        .where(Letter.matter_id == matter_id, Letter.deleted == False)  # noqa: E712
        .order_by(col(Letter.updated_at))
    )
    return list(session.exec(stmt).all())


def for_enterprise(session: Session, enterprise_id: str) -> list[Letter]:
    stmt = (
        select(Letter)
        .where(Letter.enterprise_id == enterprise_id, Letter.deleted == False)  # noqa: E712
        .order_by(col(Letter.issued_on).desc(), col(Letter.updated_at).desc())
    )
    return list(session.exec(stmt).all())


# The register (函件登记) -------------------------------------------------------------------------------


@dataclass
class LetterFilter:
    status: str | None = None
    kind: str | None = None
    grid_id: str | None = None
    enterprise_id: str | None = None
    matter_id: str | None = None
    provisional_only: bool = False
    overdue_only: bool = False
    query: str = ""


LIST_SORTS = {
    "number": "l.year {d}, l.seq {d}, l.number",
    "issued_on": "l.issued_on",
    "enterprise_name": "e.name COLLATE pinyin",
    "status": "l.status",
    "kind": "l.kind",
    "updated_at": "l.updated_at",
}


def _where(flt: LetterFilter) -> tuple[str, dict[str, Any]]:
    clauses = ["l.deleted = 0"]
    params: dict[str, Any] = {}
    for name in ("status", "kind", "grid_id", "enterprise_id", "matter_id"):
        value = getattr(flt, name)
        if value:
            clauses.append(f"l.{name} = :{name}")
            params[name] = value
    if flt.provisional_only:
        clauses.append("l.number_provisional = 1")
    if flt.overdue_only:
        clauses.append(
            "l.status IN ('issued', 'served') AND COALESCE(l.deadline, m.deadline) IS NOT NULL "
            "AND COALESCE(l.deadline, m.deadline) < :today"
        )
        params["today"] = dt.date.today().isoformat()
    if flt.query.strip():
        clauses.append("(e.name LIKE :q OR l.number LIKE :q OR l.title LIKE :q OR l.addressee LIKE :q)")
        params["q"] = f"%{flt.query.strip()}%"
    return " AND ".join(clauses), params


_FROM = (
    "FROM letter l JOIN enterprise e ON e.id = l.enterprise_id LEFT JOIN matter m ON m.id = l.matter_id "
)


def count(session: Session, flt: LetterFilter) -> int:
    where, params = _where(flt)
    return int(session.connection().execute(text(f"SELECT count(*) {_FROM} WHERE {where}"), params).scalar_one())


def page(
    session: Session, flt: LetterFilter, offset: int, limit: int, sort: str = "updated_at", descending: bool = True
) -> list[dict[str, Any]]:
    where, params = _where(flt)
    d = "DESC" if descending else "ASC"
    order = LIST_SORTS.get(sort, "l.updated_at").replace("{d}", d)
    sql = (
        "SELECT l.id, l.number, l.number_provisional, l.provisional_number, l.kind, l.title, l.addressee, "
        "l.status, l.issued_on, l.served_on, l.replied_on, l.closed_on, l.matter_id, l.enterprise_id, "
        "e.name AS enterprise_name, COALESCE(l.deadline, m.deadline) AS matter_deadline, l.deadline "
        f"{_FROM} WHERE {where} ORDER BY {order} {d}, l.id {d} LIMIT :limit OFFSET :offset"
    )
    params.update(limit=limit, offset=offset)
    return [dict(r) for r in session.connection().execute(text(sql), params).mappings().all()]


def status_counts(session: Session) -> dict[str, int]:
    rows = session.connection().execute(
        text("SELECT status, count(*) FROM letter WHERE deleted = 0 GROUP BY status")
    ).all()
    out = {s.value: 0 for s in LetterStatus}
    out.update({str(s): int(n) for s, n in rows})
    out["provisional"] = int(
        session.connection()
        .execute(text("SELECT count(*) FROM letter WHERE deleted = 0 AND number_provisional = 1"))
        .scalar_one()
    )
    return out


def stale_pdf_ids(session: Session) -> list[str]:
    """Letters whose real number arrived after issue, so the kept PDF still shows the provisional one."""
    rows = session.connection().execute(
        text(
            "SELECT l.id FROM letter l JOIN attachment a ON a.id = l.pdf_attachment_id "
            "WHERE l.deleted = 0 AND l.number_provisional = 0 AND l.provisional_number != '' "
            "AND a.caption != l.number"
        )
    ).all()
    return [str(r[0]) for r in rows]

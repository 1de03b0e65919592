"""From a supervision matter to an issued letter: the template context built from the enterprise file,
the matter and the catalog; the edited content kept as JSON on the letter; issuing with its number and
the rendered PDF in one transaction; the PDF re-rendered once a provisional number was replaced.

This is the glue between app/store (the register) and the letter renderer, so it lives here, above
the store, by the import rule."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from app.catalog import load_catalog
from app.core.letters import DEADLINE_TOKEN, LetterKind, LetterStatus, third_person
from app.core.matters import Role
from app.core.problems import Problem, ValidationError
from app.core.violations import headings_from_text
from app.core.visit_problems import ProposedMatter
from app.documents.fonts import default_fonts, missing_glyphs
from app.documents.letter_pdf import (
    BodyParagraph,
    LetterContent,
    RenderedLetter,
    content_from_dict,
    content_to_dict,
    render_letter,
)
from app.documents.templates import fill_template, load_template
from app.store import blobs, citations, letter_numbers, local_state
from app.store import letters as letter_repo
from app.store import matters as matter_repo
from app.store.tables import Enterprise, Grid, Inspector
from app.store.tables.matters import Letter, Matter

ISSUER_KEY = "letter_issuer_name"
DEPARTMENT_KEY = "letter_advice_department"
PROCURATORATE_KEY = "letter_procuratorate"


# LetterContent <-> JSON: one pair for every letter, letter_pdf's (content_to_dict / content_from_dict).
# A body that cannot be read honestly is an error (LetterBodyError), never a letter dated today.


def content_of(letter: Letter, session: Session | None = None, today: dt.date | None = None) -> LetterContent:
    """The letter's content; a draft is marked 草稿 and an issued letter prints its stored deadline.
    Given a session, a draft shows the deadline it would get if issued today (it was counted from the
    day it was drafted), so the preview never shows a date the issued letter will not carry."""
    content = content_from_dict(
        letter_repo.body_of(letter), kind=letter.kind, date=letter.issued_on, deadline=letter.deadline
    )
    content.draft = letter.status == LetterStatus.DRAFT.value
    if letter.deadline is None and content.draft and session is not None:
        content.deadline = letter_repo.letter_deadline(session, letter.kind, today or dt.date.today())
    return content


def body_text(content: LetterContent) -> str:
    """The body as the editor shows it: one paragraph per line, headings marked by their level."""
    return "\n".join(("#" * p.level + " " if p.level else "") + p.text for p in content.body)


def body_from_text(text: str) -> list[BodyParagraph]:
    out: list[BodyParagraph] = []
    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            continue
        level = len(line) - len(line.lstrip("#"))
        out.append(BodyParagraph(line[level:].strip(), min(level, 4)))
    return out


# The template context ---------------------------------------------------------------------------------


def _district(session: Session, enterprise: Enterprise | None) -> str:
    """The enterprise's district; without one (a district-wide document), any grid's district."""
    if enterprise is None:
        district = session.exec(
            select(Grid.district).where(col(Grid.deleted).is_(False), Grid.district != "").order_by(col(Grid.code))
        ).first()
        return district or ""
    grid = session.get(Grid, enterprise.grid_id) if enterprise.grid_id else None
    return grid.district if grid and grid.district else ""


def department_name(session: Session, enterprise: Enterprise) -> str:
    """Where a 建议书 goes: the setting, else the 劳动保障监察 of the enterprise's district."""
    configured = local_state.get(session, DEPARTMENT_KEY)
    if configured:
        return configured
    district = _district(session, enterprise)
    return f"{district}人力资源和社会保障局劳动保障监察大队" if district else "人力资源和社会保障局劳动保障监察大队"


def issuer_name(session: Session, enterprise: Enterprise | None = None) -> str:
    """The issuer setting; else the union of the enterprise's district (of any grid's district for
    documents that concern no single enterprise, such as the 意见汇总)."""
    configured = local_state.get(session, ISSUER_KEY)
    if configured:
        return configured
    district = _district(session, enterprise)
    return f"{district}总工会" if district else "区总工会"


def build_context(
    session: Session, matter: Matter, kind: LetterKind | str, *, user_id: str | None = None, today: dt.date | None = None
) -> dict[str, Any]:
    """Everything the shipped templates ask for (see app.documents.templates.PLACEHOLDERS)."""
    kind = LetterKind(kind)
    today = today or dt.date.today()
    enterprise = session.get(Enterprise, matter.enterprise_id)
    if enterprise is None:
        raise LookupError(f"找不到企业（编号 {matter.enterprise_id}）")
    rules = matter_repo.deadline_rules(session)
    reply = rules.reply_period(kind)
    # As if issued today; issuing stores the real one, and the body prints it where the token stands.
    deadline_on = letter_repo.letter_deadline(session, kind, today)
    category = load_catalog().label(matter.category)
    facts = third_person(matter.facts) if kind is LetterKind.ADVICE else matter.facts
    context: dict[str, Any] = {
        "issuer": {"name": issuer_name(session, enterprise)},
        "letter": {"number": "", "date": today, "deadline": DEADLINE_TOKEN, "deadline_on": deadline_on},
        "enterprise": {
            "name": enterprise.name,
            "credit_code": enterprise.credit_code or None,
            "address": enterprise.address or None,
            "legal_rep": enterprise.legal_rep,
        },
        "matter": {
            "category": category,
            "facts": facts,
            "legal_basis": headings_from_text(matter.legal_basis) or "有关劳动法律法规",
            "demand": matter.demand,
            "deadline": DEADLINE_TOKEN,
        },
        # The templates say “{reply_days}日内”; a period in working days reads “15个工作日内”.
        "reply_days": f"{reply.days}个工作" if reply.working else reply.days,
    }
    context["department"] = {"name": department_name(session, enterprise)}
    procuratorate = local_state.get(session, PROCURATORATE_KEY)
    if procuratorate:
        context["organs"] = {"procuratorate": procuratorate}
    inspector = session.get(Inspector, user_id) if user_id else None
    if inspector is not None:
        context["contact"] = {"name": inspector.name, "phone": inspector.phone}
    previous = letter_repo.previous_letter(session, matter.id, kind)
    if previous is not None and previous.deadline is not None:
        replied = previous.status in (LetterStatus.REPLIED.value, LetterStatus.CLOSED.value)
        if kind is LetterKind.ADVICE:
            outcome = "该单位虽作书面答复，但逾期未整改到位。" if replied else "该单位逾期未答复、未整改。"
        else:
            outcome = "你单位虽已书面反馈，但有关问题仍未纠正。" if replied else "你单位未按期反馈，有关问题仍未纠正。"
        context["previous"] = {
            "title": LetterKind(previous.kind).document_title,
            "number": previous.number,
            "date": previous.issued_on,
            "deadline": previous.deadline,
            "outcome": outcome,
        }
        if previous.kind == LetterKind.OPINION.value:
            context["opinion"] = {"number": previous.number, "date": previous.issued_on}
    return context


def draft_from_matter(
    session: Session,
    matter_id: str,
    kind: LetterKind | str,
    *,
    actor: str,
    user_id: str | None = None,
    data_dir: Path | None = None,
    today: dt.date | None = None,
) -> Letter:
    """A draft filled from the template; the user edits its text before issuing. An 意见书 or 建议书
    is refused while the earlier letter's deadline has not passed (it would call the employer late)."""
    kind = LetterKind(kind)
    matter = matter_repo.get(session, matter_id)
    problems = letter_repo.escalation_problems(session, matter.id, kind, today or dt.date.today())
    if problems:
        raise ValidationError(problems)
    content = fill_template(
        kind.value, build_context(session, matter, kind, user_id=user_id, today=today), data_dir=data_dir
    )
    template = load_template(kind.value, data_dir)
    return letter_repo.create_draft(
        session,
        matter_id=matter.id,
        enterprise_id=matter.enterprise_id,
        kind=kind,
        title=content.title,
        addressee=content.addressee,
        body=content_to_dict(content),
        actor=actor,
        code=letter_numbers.configured_code(session, kind) or template.word or letter_numbers.letter_code(session, kind),
    )


def register_visit_matters(
    session: Session,
    visit_id: str,
    chosen: list[ProposedMatter],
    *,
    actor: str,
    user_id: str | None = None,
    draft_letters: bool = True,
    data_dir: Path | None = None,
) -> list[tuple[Matter, Letter | None]]:
    """The guided step after a visit: registers the matters the user ticked and, when asked, drafts the
    提示函 of each (drafts only: nothing is issued). Proposals come from matters.propose_from_visit."""
    matters = matter_repo.register_from_visit(session, visit_id, chosen, actor=actor)
    out: list[tuple[Matter, Letter | None]] = []
    for matter in matters:
        letter = (
            draft_from_matter(session, matter.id, LetterKind.TIPS, actor=actor, user_id=user_id, data_dir=data_dir)
            if draft_letters
            else None
        )
        out.append((matter, letter))
    return out


def save_content(session: Session, letter_id: str, content: LetterContent, actor: str) -> Letter:
    return letter_repo.save_draft(
        session, letter_id, body=content_to_dict(content), actor=actor, title=content.title, addressee=content.addressee
    )


# Rendering and issuing --------------------------------------------------------------------------------


def render_content(content: LetterContent) -> RenderedLetter:
    return render_letter(content)


def glyph_problems(content: LetterContent) -> list[Problem]:
    """Characters no installed font can draw: reported before issuing, never printed as empty boxes."""
    text = "".join(
        [content.title, content.addressee, content.signature, content.number, *(p.text for p in content.body),
         *content.copy_to, *content.attachments, content.contact_person]
    )
    missing = missing_glyphs(default_fonts(), text)
    if not missing:
        return []
    chars = "、".join(f"“{c}”" for c in missing)
    return [Problem("body", f"本机字体中没有{chars}字，请安装含该字的字体或改用其他写法后再发出。")]


def _renderer(letter: Letter) -> letter_repo.IssuedDocument:
    content = content_of(letter)
    content.number = letter.number
    content.draft = False
    if letter.issued_on:
        content.date = letter.issued_on
    content.deadline = letter.deadline
    rendered = render_letter(content)
    return letter_repo.IssuedDocument(pdf=rendered.pdf, body=json.dumps(content_to_dict(content), ensure_ascii=False))


def issue_letter(
    session: Session,
    letter_id: str,
    *,
    actor: str,
    role: Role | str,
    blobs_root: Path,
    issued_on: dt.date | None = None,
    allow_provisional: bool = False,
) -> Letter:
    letter = letter_repo.get(session, letter_id)
    day = issued_on or dt.date.today()
    # Read as it will be printed: dated the day of issue, whatever date the draft carries.
    content = content_from_dict(letter_repo.body_of(letter), kind=letter.kind, date=day, deadline=letter.deadline)
    problems = glyph_problems(content)
    if problems:
        raise ValidationError(problems)
    if letter.matter_id:
        waiting = citations.unconfirmed(session, matter_repo.get(session, letter.matter_id).legal_basis)
        if waiting:
            raise citations.UnconfirmedCitations(waiting)
    return letter_repo.issue(
        session,
        letter_id,
        actor=actor,
        role=role,
        issued_on=day,
        render=_renderer,
        blobs_root=blobs_root,
        allow_provisional=allow_provisional,
    )


def refresh_pdf(session: Session, letter_id: str, *, actor: str, blobs_root: Path) -> Letter:
    """After sync replaced a provisional number: a new PDF with the real number (the old one stays)."""
    letter = letter_repo.get(session, letter_id)
    if letter.status in ("draft", "void") or letter_repo.pdf_is_current(session, letter):
        return letter
    document = _renderer(letter)
    return letter_repo.replace_pdf(session, letter.id, document.pdf, blobs_root, actor)


def letter_pdf(session: Session, letter: Letter, blobs_root: Path) -> bytes:
    """The issued PDF as kept; a draft is rendered from its current text, marked 草稿."""
    attachment = letter_repo.pdf_attachment(session, letter)
    if attachment is not None:
        return blobs.read_bytes(blobs_root, attachment.sha256)
    return render_letter(content_of(letter, session)).pdf


def blobs_root_of(session: Session) -> Path:
    """The blob folder beside the database file (app.paths.DataPaths), for work that only has a
    session: the demo, and re-rendering inside the sync transaction."""
    bind = session.get_bind()
    engine = bind if isinstance(bind, Engine) else bind.engine
    return Path(str(engine.url.database)).parent / "blobs"


def _rerender_renumbered(session: Session, letters: list[Letter]) -> None:
    """Sync just replaced provisional numbers: the served copy is re-rendered at once with the real
    number; the archive copy with the provisional number stays as an attachment."""
    root = blobs_root_of(session)
    for letter in letters:
        if letter.status in ("draft", "void") or letter_repo.pdf_attachment(session, letter) is None:
            continue
        document = _renderer(letter)
        letter_repo.replace_pdf(session, letter.id, document.pdf, root, letter_numbers.RENUMBER_ACTOR)


letter_numbers.on_renumbered(_rerender_renumbered)


def refresh_stale_pdfs(session: Session, *, actor: str, blobs_root: Path) -> int:
    """Re-renders every PDF that still shows a provisional number (after sync brought a block)."""
    ids = letter_repo.stale_pdf_ids(session)
    for letter_id in ids:
        refresh_pdf(session, letter_id, actor=actor, blobs_root=blobs_root)
    return len(ids)

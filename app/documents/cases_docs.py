"""Documents of the legal-supervision network: the acceptance notice (受理通知书) and the mediation
agreement (调解协议书) of a case, filled from templates and laid out by the letter renderer, and the
public notice: one 提示函 template to a list of enterprises, one numbered letter per enterprise in the
letter register, one merged PDF to print. Everything a notice writes happens in the caller's
transaction: cancelled or failed, it leaves nothing behind and uses no number."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from sqlalchemy import text
from sqlmodel import Session, col, select

from app.catalog import load_catalog
from app.core.cases import rules
from app.core.letters import LetterKind, format_number, format_provisional, series_key
from app.core.problems import Problem, ValidationError
from app.documents.case_templates import CASE_DOCUMENT_LABELS as CASE_DOCUMENT_LABELS
from app.documents.case_templates import CASE_DOCUMENTS as CASE_DOCUMENTS
from app.documents.case_templates import CaseTemplateError as CaseTemplateError
from app.documents.case_templates import load_case_template as load_case_template
from app.documents.case_templates import template_file as template_file
from app.documents.letter_flow import issuer_name
from app.documents.letter_pdf import (
    BodyParagraph,
    LetterContent,
    RenderedLetter,
    content_to_dict,
    render_letter,
)
from app.documents.merged_pdf import Cancelled, Progress, render_mail_merge
from app.documents.templates import MissingPlaceholder, substitute
from app.store import blobs, changes, letter_numbers, local_state
from app.store import cases as case_repo
from app.store.tables import Attachment, Enterprise, Inspector
from app.store.tables.cases import PublicNotice
from app.store.tables.matters import Letter, LetterNumberBlock

PDF_MIME = "application/pdf"
def _yuan(value: float | None) -> str:
    return "" if value is None else f"{value:,.2f}元"


def case_context(session: Session, case_id: str, *, terms: str = "", today: dt.date | None = None) -> dict[str, Any]:
    case = case_repo.get(session, case_id)
    firm = session.get(Enterprise, case.enterprise_id) if case.enterprise_id else None
    people = case_repo.parties(session, case.id)
    workers = [p for p in people if p.role == rules.PartyRole.WORKER.value]
    mediator = session.get(Inspector, case.mediator_id) if case.mediator_id else None
    category = load_catalog().label(case.category) if case.category else ""
    claim = case.claim_note or category or "（见申请材料）"
    if case.amount_claimed:
        claim += f"，请求金额{_yuan(case.amount_claimed)}"
    lines = "；".join(f"{p.person_name}（身份证号码：{p.id_number or '未提供'}）" for p in workers) or "（未登记）"
    # a case whose employer is not in the file is still the grid's district's case
    issuer = issuer_name(session, firm if firm is not None else Enterprise(name="", grid_id=case.grid_id))
    return {
        "case": {
            "number": case.number,
            "kind": rules.CaseKind(case.kind).label,
            "received_on": case.received_on,
            "claim": claim,
            "amount_claimed": _yuan(case.amount_claimed),
            "amount_recovered": _yuan(case.amount_recovered),
        },
        "parties": {"workers": "、".join(p.person_name for p in workers) or "申请人", "lines": lines},
        "employer": {"name": case.employer_name or (firm.name if firm else "")},
        "mediator": {"name": mediator.name if mediator else (case.lawyer or "承办人")},
        "agreement": {"terms": terms.strip() or "（协议条款）"},
        "issuer": {"name": issuer},
        "date": today or dt.date.today(),
    }


def case_document(session: Session, case_id: str, which: str, *, terms: str = "", data_dir: Path | None = None, today: dt.date | None = None) -> LetterContent:
    name = CASE_DOCUMENTS[which]
    template = load_case_template(name, data_dir)
    context = case_context(session, case_id, terms=terms, today=today)
    try:
        body: list[BodyParagraph] = []
        for par in template.get("body", []):
            text = substitute(str(par.get("text", "")), context)
            level = int(par.get("level", 0) or 0)
            body += [BodyParagraph(line, level) for line in text.splitlines() if line.strip()] or [BodyParagraph("", level)]
        return LetterContent(
            kind="tips",
            issuer=context["issuer"]["name"],
            number=context["case"]["number"],
            title=substitute(str(template.get("title", "")), context),
            addressee=substitute(str(template.get("addressee", "")), context),
            body=body,
            signature=context["issuer"]["name"],
            date=context["date"],
            receipt=None,
        )
    except MissingPlaceholder as exc:
        raise CaseTemplateError(f"文书模板 {name}.json 中的“{exc.args[0]}”没有数据") from exc


def render_case_document(
    session: Session, case_id: str, which: str, *, actor: str, blobs_root: Path, terms: str = "", data_dir: Path | None = None
) -> tuple[RenderedLetter, Attachment]:
    """Renders the document and keeps it with the case's documents (a synced attachment)."""
    content = case_document(session, case_id, which, terms=terms, data_dir=data_dir)
    rendered = render_letter(content)
    case = case_repo.get(session, case_id)
    digest = blobs.put_bytes(session, blobs_root, rendered.pdf, PDF_MIME)
    attachment = changes.insert(
        session,
        Attachment(
            owner_table="legal_case",
            owner_id=case.id,
            grid_id=case.grid_id,
            kind="case_pdf",
            sha256=digest,
            filename=f"{CASE_DOCUMENT_LABELS[which]}-{case.number}.pdf",
            mime=PDF_MIME,
            size=len(rendered.pdf),
            caption=CASE_DOCUMENT_LABELS[which],
        ),
        actor,
    )
    return rendered, attachment


# --- public notices ------------------------------------------------------------------------------------


def notice_content(session: Session, notice: PublicNotice, issuer: str, issued_on: dt.date) -> LetterContent:
    body = [BodyParagraph(line.strip()) for line in notice.body_text.splitlines() if line.strip()]
    return LetterContent(
        kind="tips",
        issuer=issuer,
        number="",
        title=notice.title,
        addressee="",
        body=body,
        signature=issuer,
        date=issued_on,
        receipt=None,
    )


def _take_numbers(session: Session, code: str, year: int, count: int, allow_provisional: bool) -> list[tuple[str, bool, int | None]]:
    """`count` numbers at once: from this device's blocks (one guarded UPDATE per block, as
    letter_numbers.take_number does per number), then provisional ones if allowed. Inside the
    caller's transaction, so a cancelled notice gives every number back."""
    key = series_key(code)
    out: list[tuple[str, bool, int | None]] = []
    blocks = session.exec(
        select(LetterNumberBlock)
        .where(LetterNumberBlock.series_key == key, LetterNumberBlock.year == year,
               col(LetterNumberBlock.next_value) <= col(LetterNumberBlock.end))
        .order_by(col(LetterNumberBlock.start))
    ).all()
    for block in blocks:
        if len(out) == count:
            break
        first = block.next_value
        last = min(block.end, first + count - len(out) - 1)
        result = session.connection().execute(
            text("UPDATE letter_number_block SET next_value = :new WHERE id = :id AND next_value = :old"),
            {"new": last + 1, "id": block.id, "old": first},
        )
        if getattr(result, "rowcount", 1) != 1:
            raise RuntimeError("文号号段被并发修改，请重试")
        session.expire(block)
        out += [(format_number(code, year, value), False, value) for value in range(first, last + 1)]
    missing = count - len(out)
    if missing:
        if not allow_provisional:
            raise ValidationError(
                [Problem("number", f"本机可用的{code}〔{year}〕文号不足 {count} 个，请先同步领取号段，或使用临时编号发出")]
            )
        tag = letter_numbers.this_device_tag(session)
        seq_key = f"{letter_numbers.PROVISIONAL_SEQ_PREFIX}{key}.{year}"
        start = local_state.get_int(session, seq_key, 0)
        local_state.put(session, seq_key, str(start + missing))
        out += [(format_provisional(code, year, tag, start + i), True, None) for i in range(1, missing + 1)]
    return out


def issue_public_notice(
    session: Session,
    notice_id: str,
    enterprise_ids: Sequence[str],
    *,
    actor: str,
    blobs_root: Path,
    issued_on: dt.date | None = None,
    allow_provisional: bool = True,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> PublicNotice:
    """Numbers one 提示函 per enterprise, renders them into one PDF, keeps the PDF and registers the
    letters, all in the caller's transaction. Raises RenderCancelled when the user stops it."""
    notice = session.get(PublicNotice, notice_id)
    if notice is None or notice.deleted:
        raise ValidationError([Problem("notice_id", "找不到该公开提示")])
    if notice.status == "issued":
        raise ValidationError([Problem("status", "该公开提示已发出")])
    if not enterprise_ids:
        raise ValidationError([Problem("enterprise_ids", "所选名单中没有企业")])
    day = issued_on or dt.date.today()
    firms = {
        f.id: f
        for f in session.exec(select(Enterprise).where(col(Enterprise.id).in_(list(enterprise_ids)))).all()
    }
    ordered = [firms[e] for e in enterprise_ids if e in firms and not firms[e].deleted]
    if not ordered:
        raise ValidationError([Problem("enterprise_ids", "所选企业已不在企业档案中")])
    issuer = issuer_name(session, ordered[0])
    template = notice_content(session, notice, issuer, day)
    code = letter_numbers.letter_code(session, LetterKind.TIPS)
    numbers = _take_numbers(session, code, day.year, len(ordered), allow_provisional)
    rendered = render_mail_merge(
        template, [(f.name, n[0]) for f, n in zip(ordered, numbers, strict=True)], progress=progress, cancelled=cancelled
    )
    digest = blobs.put_bytes(session, blobs_root, rendered.pdf, PDF_MIME)
    attachment = changes.insert(
        session,
        Attachment(
            owner_table="public_notice",
            owner_id=notice.id,
            grid_id=None,
            kind="notice_pdf",
            sha256=digest,
            filename=f"公开提示-{day.isoformat()}.pdf",
            mime=PDF_MIME,
            size=len(rendered.pdf),
            caption=notice.title[:100],
        ),
        actor,
    )
    base = content_to_dict(template)
    rows: list[dict[str, Any]] = []
    for firm, (number, provisional, seq) in zip(ordered, numbers, strict=True):
        body = base | {"addressee": firm.name, "number": number}
        rows.append(
            {
                "matter_id": None,
                "enterprise_id": firm.id,
                "grid_id": firm.grid_id,
                "kind": LetterKind.TIPS.value,
                "number": number,
                "number_provisional": provisional,
                "series_key": series_key(code),
                "year": day.year,
                "seq": seq,
                "title": notice.title[:200],
                "body": json.dumps(body, ensure_ascii=False, sort_keys=True),
                "addressee": firm.name[:200],
                "status": "issued",
                "issued_on": day,
                "issued_by": actor,
                "pdf_attachment_id": attachment.id,
            }
        )
    changes.insert_many(session, Letter, rows, actor)
    return changes.update(
        session,
        notice,
        {"status": "issued", "issued_on": day, "letter_count": len(rows), "pdf_attachment_id": attachment.id},
        actor,
    )


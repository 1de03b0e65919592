"""Gathers one enterprise's dossier (一企一档) from the store as plain data for dossier_pdf."""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from sqlmodel import Session, select

from app.core.codes import normalize_code
from app.core.enterprise import ENTERPRISE_FIELD_LABELS, UNION_STATUS_LABELS, UnionStatus
from app.documents.dossier_pdf import Dossier, DossierLetter, DossierMatter, DossierVisit
from app.store import visits as visit_repo
from app.store.tables import Enterprise, Grid, Inspector

log = logging.getLogger(__name__)


class EnterpriseNotFound(LookupError):
    pass


def find_enterprise(session: Session, key: str) -> Enterprise:
    """By row id, or by unified social credit code (case and separators ignored)."""
    key = key.strip()
    row = session.get(Enterprise, key)
    if row is not None and not row.deleted:
        return row
    code = normalize_code(key)
    if code:
        found = session.exec(
            select(Enterprise).where(Enterprise.credit_code == code, Enterprise.deleted == False)  # noqa: E712
        ).first()
        if found is not None:
            return found
    raise EnterpriseNotFound(f"找不到企业“{key}”（按编号或统一社会信用代码查找）")


def _name_of(session: Session, table: Any, row_id: str | None, attr: str = "name") -> str:
    if not row_id:
        return ""
    row = session.get(table, row_id)
    return str(getattr(row, attr, "")) if row is not None else ""


def _particulars(session: Session, e: Enterprise) -> list[tuple[str, str]]:
    def label(name: str, fallback: str) -> str:
        return ENTERPRISE_FIELD_LABELS.get(name, fallback)

    try:
        union = UnionStatus(e.union_status).label
    except ValueError:
        union = UNION_STATUS_LABELS.get(e.union_status, e.union_status)  # type: ignore[call-overload]
    return [
        (label("name", "企业名称"), e.name),
        (label("credit_code", "统一社会信用代码"), e.credit_code),
        (label("address", "地址"), e.address),
        (label("grid_id", "网格"), _name_of(session, Grid, e.grid_id)),
        (label("industry", "行业"), e.industry),
        (label("registered_date", "成立日期"), e.registered_date.isoformat() if e.registered_date else ""),
        (label("headcount", "职工人数"), "" if e.headcount is None else str(e.headcount)),
        (label("union_status", "建会状态"), union),
        (label("member_count", "会员人数"), "" if e.member_count is None else str(e.member_count)),
        (label("legal_rep", "法定代表人"), e.legal_rep),
        ("联系人", " ".join(x for x in (e.contact_name, e.contact_phone) if x)),
        (label("notes", "备注"), e.notes),
    ]


def _visit_sections(form_id: str, version: int, answers: dict[str, Any]) -> tuple[str, list[tuple[str, list[tuple[str, str]]]]]:
    """Answers under the labels of the form version the visit was filled with; raw field ids when
    that definition is not available."""
    try:
        from app.formkit import display_value, load, visible_fields

        definition = load(form_id, version)
    except Exception as exc:  # form kit missing or definition gone: still show the answers
        log.info("form %s v%s not available for the dossier: %s", form_id, version, exc)
        raw = [(key, _plain(value)) for key, value in answers.items() if _plain(value)]
        return "走访记录", [("", raw)]
    shown = visible_fields(definition, answers)
    sections: list[tuple[str, list[tuple[str, str]]]] = []
    for section in definition.sections:
        rows = []
        for f in section.fields:
            if f.id in shown and f.id in answers:
                text = display_value(f, answers[f.id])
                if text:
                    rows.append((f.label, text))
        sections.append((section.title, rows))
    known = set(definition.field_ids)
    extra = [(key, _plain(v)) for key, v in answers.items() if key not in known and _plain(v)]
    if extra:
        sections.append(("其他", extra))
    return definition.title, sections


def _plain(value: Any) -> str:
    if value is None or value == "" or value == []:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, list):
        return "、".join(_plain(v) for v in value)
    return str(value)


def _matters(session: Session, enterprise_id: str) -> list[DossierMatter] | None:
    try:
        from app.catalog import load_catalog
        from app.core.matters import MatterSource, MatterStatus
        from app.store import matters as matter_repo
    except ImportError:
        return None
    try:
        catalog = load_catalog()
        label = catalog.label
    except Exception:
        def label(code: str) -> str:
            return code
    out: list[DossierMatter] = []
    for m in matter_repo.for_enterprise(session, enterprise_id):
        history = []
        for ev in matter_repo.history(session, m.id):
            step = ev.note or ev.action
            if ev.to_status and ev.to_status != ev.from_status:
                step += f"（→{_status(MatterStatus, ev.to_status)}）"
            history.append(f"{ev.at[:10]}　{step}")
        out.append(DossierMatter(
            opened_on=m.opened_on,
            category=label(m.category),
            title=m.title,
            status=_status(MatterStatus, m.status),
            source=_status(MatterSource, m.source),
            facts=m.facts,
            legal_basis=m.legal_basis,
            deadline=m.deadline,
            closed_on=m.closed_on,
            history=history,
        ))
    return out


def _status(enum: Any, value: str) -> str:
    try:
        return str(enum(value).label)
    except ValueError:
        return value


def _letters(session: Session, enterprise_id: str) -> list[DossierLetter] | None:
    try:
        from app.core.letters import LetterKind, LetterStatus
        from app.store import letters as letter_repo
    except ImportError:
        return None
    return [
        DossierLetter(
            kind=_status(LetterKind, x.kind),
            number=x.number,
            title=x.title,
            status=_status(LetterStatus, x.status),
            issued_on=x.issued_on,
            served_on=x.served_on,
            replied_on=x.replied_on,
            reply_note=x.reply_note,
        )
        for x in letter_repo.for_enterprise(session, enterprise_id)
    ]


def gather_dossier(session: Session, key: str, *, office: str = "", today: dt.date | None = None) -> Dossier:
    e = find_enterprise(session, key)
    visits: list[DossierVisit] = []
    for v in sorted(visit_repo.timeline(session, e.id), key=lambda v: (v.visit_date, v.id)):
        title, sections = _visit_sections(v.form_id, v.form_version, visit_repo.answers_of(v))
        visits.append(DossierVisit(
            date=v.visit_date,
            inspector=_name_of(session, Inspector, v.inspector_id),
            form_title=title,
            status="已提交" if v.status == "submitted" else "草稿",
            sections=sections,
            summary=v.summary,
        ))
    return Dossier(
        enterprise_name=e.name,
        particulars=_particulars(session, e),
        visits=visits,
        matters=_matters(session, e.id),
        letters=_letters(session, e.id),
        office=office,
        generated_on=today or dt.date.today(),
    )

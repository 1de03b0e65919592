"""The legislative contact point's records: the network, consultations and their tasks and meetings,
questionnaire returns, and suggestions moved along their path by checked steps. Every write goes
through `changes`, so it is queued for sync and audited in its own transaction.

Checking questionnaire answers against their form is formkit's job (it sits above the store); this
module stores what formkit accepted."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import text
from sqlmodel import Session, col, select

from app.core.legislation import (
    ADOPTED,
    DECIDED,
    MEETING_KINDS,
    TARGET_KINDS,
    SuggestionError,
    SuggestionStatus,
    YearFigures,
    check_decision,
    check_merge,
    check_send,
    validate_suggestion,
)
from app.core.problems import Problem, ValidationError
from app.store import attachments, changes
from app.store import matters as matter_store
from app.store.tables.base import SyncedRow
from app.store.tables.legislation import (
    CollectionPoint,
    Consultation,
    ConsultationMeeting,
    ConsultationTask,
    ContactUnit,
    Informant,
    QuestionnaireReturn,
    Suggestion,
)
from app.store.tables.matters import Matter

RowT = TypeVar("RowT", bound=SyncedRow)

TARGET_TABLES: dict[str, type[SyncedRow]] = {"informant": Informant, "unit": ContactUnit, "point": CollectionPoint}


def _get(session: Session, cls: type[RowT], row_id: str, what: str) -> RowT:
    row = session.get(cls, row_id)
    if row is None or row.deleted:
        raise ValidationError([Problem("id", f"找不到{what}（编号 {row_id}）")])
    return row


def _required(value: str, field: str, label: str) -> list[Problem]:
    return [] if value.strip() else [Problem(field, f"{label}不能为空")]


# The network ------------------------------------------------------------------------------------------


def add_unit(session: Session, *, name: str, actor: str, kind: str = "", town: str = "", contact_name: str = "",
             contact_phone: str = "", enterprise_id: str | None = None, grid_id: str | None = None) -> ContactUnit:
    problems = _required(name, "name", "联系单位名称")
    if problems:
        raise ValidationError(problems)
    return changes.insert(session, ContactUnit(
        name=name.strip(), kind=kind.strip(), town=town.strip(), contact_name=contact_name.strip(),
        contact_phone=contact_phone.strip(), enterprise_id=enterprise_id, grid_id=grid_id), actor)


def add_point(session: Session, *, name: str, actor: str, town: str = "", address: str = "",
              unit_id: str | None = None, grid_id: str | None = None) -> CollectionPoint:
    problems = _required(name, "name", "采集点名称")
    if problems:
        raise ValidationError(problems)
    if unit_id:
        _get(session, ContactUnit, unit_id, "联系单位")
    return changes.insert(session, CollectionPoint(
        name=name.strip(), town=town.strip(), address=address.strip(), unit_id=unit_id, grid_id=grid_id), actor)


def add_informant(session: Session, *, name: str, actor: str, field_of_work: str = "", unit_id: str | None = None,
                  point_id: str | None = None, phone: str = "", grid_id: str | None = None) -> Informant:
    problems = _required(name, "name", "信息员姓名")
    if problems:
        raise ValidationError(problems)
    if unit_id:
        _get(session, ContactUnit, unit_id, "联系单位")
    if point_id:
        _get(session, CollectionPoint, point_id, "采集点")
    return changes.insert(session, Informant(
        name=name.strip(), field_of_work=field_of_work.strip(), unit_id=unit_id, point_id=point_id,
        phone=phone.strip(), grid_id=grid_id), actor)


def target_name(session: Session, kind: str, target_id: str) -> str:
    cls = TARGET_TABLES.get(kind)
    row = session.get(cls, target_id) if cls is not None else None
    return str(getattr(row, "name", "")) if row is not None else ""


# Consultations -----------------------------------------------------------------------------------------


def create_consultation(session: Session, *, title: str, actor: str, issuing_body: str = "",
                        received_on: dt.date | None = None, deadline: dt.date | None = None, contact: str = "",
                        text_sha256: str = "", text_name: str = "", form_id: str = "",
                        form_version: int | None = None) -> Consultation:
    problems = _required(title, "title", "草案名称")
    if received_on and deadline and deadline < received_on:
        problems.append(Problem("deadline", "反馈截止日期不能早于收到日期"))
    if problems:
        raise ValidationError(problems)
    return changes.insert(session, Consultation(
        title=title.strip(), issuing_body=issuing_body.strip(), received_on=received_on, deadline=deadline,
        contact=contact.strip(), text_sha256=text_sha256, text_name=text_name, form_id=form_id,
        form_version=form_version), actor)


MAX_TEXT_BYTES = 30 * 1024 * 1024


def attach_text(session: Session, blob_root: Path, consultation_id: str, *, data: bytes, filename: str, mime: str,
                actor: str) -> Consultation:
    """The draft's text (PDF, Word or plain text) as an attachment of the consultation, so it travels to
    the laptops and the informants' collection points with the consultation itself."""
    row = _get(session, Consultation, consultation_id, "征询")
    if not data:
        raise ValidationError([Problem("text", f"文件“{filename}”是空的")])
    if len(data) > MAX_TEXT_BYTES:
        raise ValidationError([Problem("text", f"文件“{filename}”超过 30 MB，请压缩或只附正文")])
    attachment = attachments.add(session, blob_root, owner_table="lf_consultation", owner_id=row.id, data=data,
                                 mime=mime, filename=filename[:200], kind="scan", field_id="draft_text",
                                 grid_id=row.grid_id, actor=actor)
    return changes.update(session, row, {"text_sha256": attachment.sha256, "text_name": filename[:200]}, actor)


def send_tasks(session: Session, consultation_id: str, targets: Iterable[tuple[str, str]], *, actor: str,
               sent_on: dt.date, due_on: dt.date | None = None) -> list[ConsultationTask]:
    """One task per chosen informant, unit or point; a target that already has a task for this
    consultation is not sent a second one."""
    consultation = _get(session, Consultation, consultation_id, "征询")
    due = due_on or consultation.deadline
    if due is not None and due < sent_on:
        raise ValidationError([Problem("due_on", "任务反馈期限不能早于发送日期")])
    existing = {
        (t.target_kind, t.target_id)
        for t in session.exec(select(ConsultationTask).where(
            ConsultationTask.consultation_id == consultation_id, col(ConsultationTask.deleted).is_(False)))
    }
    made: list[ConsultationTask] = []
    for kind, target_id in targets:
        if kind not in TARGET_KINDS:
            raise ValidationError([Problem("target_kind", f"任务对象类型“{kind}”无效")])
        if (kind, target_id) in existing:
            continue
        target = _get(session, TARGET_TABLES[kind], target_id, TARGET_KINDS[kind])
        existing.add((kind, target_id))
        made.append(changes.insert(session, ConsultationTask(
            consultation_id=consultation_id, target_kind=kind, target_id=target_id, sent_on=sent_on, due_on=due,
            grid_id=getattr(target, "grid_id", None)), actor))
    return made


def record_return(session: Session, task_id: str, *, returned_on: dt.date, actor: str, note: str = "",
                  suggestions: Sequence[tuple[str, str]] = ()) -> list[Suggestion]:
    """What a task brought back: the date, a note, and its suggestions as (article, content) pairs."""
    task = _get(session, ConsultationTask, task_id, "征询任务")
    if task.sent_on and returned_on < task.sent_on:
        raise ValidationError([Problem("returned_on", "反馈日期不能早于任务发送日期")])
    changes.update(session, task, {"returned_on": returned_on, "returned_note": note.strip()}, actor)
    informant_id = task.target_id if task.target_kind == "informant" else None
    unit_id = task.target_id if task.target_kind == "unit" else None
    if task.target_kind == "informant":
        informant = session.get(Informant, task.target_id)
        unit_id = informant.unit_id if informant is not None else None
    return [
        add_suggestion(session, content=content, article=article, actor=actor, consultation_id=task.consultation_id,
                       source_kind="task", source_ref=task.id, informant_id=informant_id, unit_id=unit_id,
                       collected_on=returned_on, grid_id=task.grid_id)
        for article, content in suggestions if content.strip()
    ]


def add_meeting(session: Session, consultation_id: str, *, kind: str, held_on: dt.date, actor: str, place: str = "",
                attendance: int = 0, note: str = "") -> ConsultationMeeting:
    _get(session, Consultation, consultation_id, "征询")
    problems: list[Problem] = []
    if kind not in MEETING_KINDS:
        problems.append(Problem("kind", f"会议类型“{kind}”无效"))
    if attendance < 0 or attendance > 100_000:
        problems.append(Problem("attendance", "参会人数应在 0 到 100000 之间"))
    if held_on > dt.date.today():
        problems.append(Problem("held_on", "会议日期不能晚于今天（尚未召开的会议请在召开后登记）"))
    if problems:
        raise ValidationError(problems)
    return changes.insert(session, ConsultationMeeting(
        consultation_id=consultation_id, kind=kind, held_on=held_on, place=place.strip(), attendance=attendance,
        note=note.strip()), actor)


# Suggestions -------------------------------------------------------------------------------------------


def add_suggestion(session: Session, *, content: str, actor: str, consultation_id: str | None = None,
                   article: str = "", source_kind: str = "other", source_ref: str = "",
                   informant_id: str | None = None, unit_id: str | None = None,
                   collected_on: dt.date | None = None, grid_id: str | None = None) -> Suggestion:
    problems = validate_suggestion({"content": content, "source_kind": source_kind})
    if problems:
        raise ValidationError(problems)
    if consultation_id:
        _get(session, Consultation, consultation_id, "征询")
    return changes.insert(session, Suggestion(
        consultation_id=consultation_id, content=content.strip(), article=article.strip(), source_kind=source_kind,
        source_ref=source_ref, informant_id=informant_id, unit_id=unit_id,
        collected_on=collected_on or dt.date.today(), grid_id=grid_id), actor)


def _suggestions(session: Session, ids: Sequence[str]) -> list[Suggestion]:
    rows = [_get(session, Suggestion, i, "建议") for i in dict.fromkeys(ids)]
    return rows


def merge(session: Session, ids: Sequence[str], *, content: str, actor: str, article: str = "",
          on: dt.date | None = None) -> Suggestion:
    """归纳: several collected suggestions become one summary; each source keeps its own text and points
    at the summary, so the summary can always show where it came from."""
    rows = _suggestions(session, ids)
    try:
        check_merge([r.status for r in rows])
    except SuggestionError as exc:
        raise ValidationError([Problem("status", str(exc))]) from None
    consultations = {r.consultation_id for r in rows}
    if len(consultations) > 1:
        raise ValidationError([Problem("consultation_id", "只能归纳同一草案的建议")])
    summary = add_suggestion(session, content=content, actor=actor, consultation_id=rows[0].consultation_id,
                             article=article or _common_article(rows), source_kind="other",
                             collected_on=on or dt.date.today())
    changes.update(session, summary, {"is_summary": True}, actor)
    for row in rows:
        changes.update(session, row, {"status": SuggestionStatus.SUMMARISED.value, "merged_into": summary.id}, actor)
    return summary


def _common_article(rows: Sequence[Suggestion]) -> str:
    articles = {r.article for r in rows if r.article}
    return articles.pop() if len(articles) == 1 else ""


def sources(session: Session, summary_id: str) -> list[Suggestion]:
    return list(session.exec(select(Suggestion).where(
        Suggestion.merged_into == summary_id, col(Suggestion.deleted).is_(False)).order_by(col(Suggestion.collected_on))))


def send(session: Session, ids: Sequence[str], *, number: str, sent_on: dt.date, actor: str,
         today: dt.date | None = None) -> list[Suggestion]:
    """报送: the suggestions (usually summaries) go to the congress under one document number."""
    rows = _suggestions(session, ids)
    if not rows:
        raise ValidationError([Problem("ids", "请选择要报送的建议")])
    for row in rows:
        try:
            check_send(row.status, number, sent_on, today or dt.date.today())
        except SuggestionError as exc:
            raise ValidationError([Problem("status", str(exc))]) from None
    for row in rows:
        changes.update(session, row, {"status": SuggestionStatus.SENT.value, "sent_number": number.strip(),
                                      "sent_on": sent_on}, actor)
    return rows


def decide(session: Session, suggestion_id: str, *, outcome: str, actor: str, decided_on: dt.date, law: str = "",
           article: str = "", today: dt.date | None = None) -> Suggestion:
    """The congress's answer. A summary's sources follow it, so each informant's suggestion shows what
    became of it."""
    row = _get(session, Suggestion, suggestion_id, "建议")
    try:
        check_decision(row.status, outcome, law, decided_on, row.sent_on, today or dt.date.today())
    except (SuggestionError, ValueError) as exc:
        raise ValidationError([Problem("outcome", str(exc))]) from None
    result = {"status": outcome, "outcome_law": law.strip(), "outcome_article": article.strip(),
              "outcome_on": decided_on}
    changes.update(session, row, result, actor)
    if row.is_summary:
        for source in sources(session, row.id):
            changes.update(session, source, result, actor)
    return row


def to_matter(session: Session, suggestion_id: str, *, enterprise_id: str, category: str, actor: str,
              facts: str | None = None) -> Matter:
    """A suggestion that reveals a violation becomes a supervision matter in one step; the suggestion
    keeps a link to it, and a second call returns the same matter."""
    row = _get(session, Suggestion, suggestion_id, "建议")
    if row.matter_id:
        existing = session.get(Matter, row.matter_id)
        if existing is not None and not existing.deleted:
            return existing
    informant = session.get(Informant, row.informant_id) if row.informant_id else None
    matter = matter_store.create_matter(
        session, enterprise_id=enterprise_id, source="informant", source_ref=row.id, category=category,
        facts=facts if facts is not None else row.content, actor=actor,
        informant=f"立法信息员 {informant.name}" if informant is not None else "基层立法联系点",
        opened_on=dt.date.today())
    changes.update(session, row, {"matter_id": matter.id}, actor)
    return matter


# Questionnaire returns ---------------------------------------------------------------------------------


def save_return(session: Session, *, form_id: str, form_version: int, answers: Mapping[str, Any], filled_on: dt.date,
                actor: str, valid: bool = True, invalid_reason: str = "", consultation_id: str | None = None,
                respondent: str = "", grid_id: str | None = None) -> QuestionnaireReturn:
    if consultation_id:
        _get(session, Consultation, consultation_id, "征询")
    return changes.insert(session, QuestionnaireReturn(
        consultation_id=consultation_id, form_id=form_id, form_version=form_version, filled_on=filled_on,
        respondent=respondent.strip(), answers=json.dumps(dict(answers), ensure_ascii=False, sort_keys=True),
        valid=valid, invalid_reason=invalid_reason[:200], grid_id=grid_id), actor)


def returns(session: Session, form_id: str, consultation_id: str | None = None,
            valid_only: bool = True) -> list[QuestionnaireReturn]:
    query = select(QuestionnaireReturn).where(QuestionnaireReturn.form_id == form_id,
                                              col(QuestionnaireReturn.deleted).is_(False))
    if consultation_id:
        query = query.where(QuestionnaireReturn.consultation_id == consultation_id)
    if valid_only:
        query = query.where(col(QuestionnaireReturn.valid).is_(True))
    return list(session.exec(query.order_by(col(QuestionnaireReturn.filled_on))))


def return_counts(session: Session, form_id: str, consultation_id: str | None = None) -> tuple[int, int]:
    """(valid, invalid) returns."""
    sql = ("SELECT sum(valid), sum(1 - valid) FROM lf_questionnaire_return WHERE deleted = 0 AND form_id = :f"
           + (" AND consultation_id = :c" if consultation_id else ""))
    row = session.connection().execute(text(sql), {"f": form_id, "c": consultation_id}).one()
    return int(row[0] or 0), int(row[1] or 0)


# Lists for the GUI -------------------------------------------------------------------------------------


@dataclass
class SuggestionFilter:
    consultation_id: str | None = None
    status: str | None = None  # a status, or "open" (collected/summarised/sent), or "decided"
    summaries_only: bool = False
    query: str = ""


def _suggestion_where(flt: SuggestionFilter) -> tuple[str, dict[str, Any]]:
    clauses = ["s.deleted = 0"]
    params: dict[str, Any] = {}
    if flt.consultation_id:
        clauses.append("s.consultation_id = :cid")
        params["cid"] = flt.consultation_id
    if flt.status == "decided":
        clauses.append("s.status IN (" + ", ".join(f"'{s.value}'" for s in sorted(DECIDED)) + ")")
    elif flt.status == "open":
        clauses.append("s.status IN ('collected', 'sent')")
    elif flt.status:
        clauses.append("s.status = :status")
        params["status"] = flt.status
    if flt.summaries_only:
        clauses.append("s.is_summary = 1")
    if flt.query.strip():
        clauses.append("(s.content LIKE :q OR s.article LIKE :q OR c.title LIKE :q)")
        params["q"] = f"%{flt.query.strip()}%"
    return " AND ".join(clauses), params


def count_suggestions(session: Session, flt: SuggestionFilter) -> int:
    where, params = _suggestion_where(flt)
    sql = f"SELECT count(*) FROM lf_suggestion s LEFT JOIN lf_consultation c ON c.id = s.consultation_id WHERE {where}"
    return int(session.connection().execute(text(sql), params).scalar_one())


def page_suggestions(session: Session, flt: SuggestionFilter, offset: int, limit: int) -> list[dict[str, Any]]:
    where, params = _suggestion_where(flt)
    sql = (
        "SELECT s.id, s.content, s.article, s.status, s.source_kind, s.collected_on, s.is_summary, s.sent_number, "
        "s.outcome_law, s.outcome_article, s.matter_id, s.merged_into, c.title AS consultation, "
        "i.name AS informant, u.name AS unit, "
        "(SELECT count(*) FROM lf_suggestion x WHERE x.merged_into = s.id AND x.deleted = 0) AS source_count "
        "FROM lf_suggestion s LEFT JOIN lf_consultation c ON c.id = s.consultation_id "
        "LEFT JOIN lf_informant i ON i.id = s.informant_id LEFT JOIN lf_contact_unit u ON u.id = s.unit_id "
        f"WHERE {where} ORDER BY s.collected_on DESC, s.id DESC LIMIT :limit OFFSET :offset"
    )
    params.update(limit=limit, offset=offset)
    return [dict(r) for r in session.connection().execute(text(sql), params).mappings().all()]


@dataclass
class ConsultationFilter:
    status: str | None = None
    query: str = ""


def _consultation_where(flt: ConsultationFilter) -> tuple[str, dict[str, Any]]:
    clauses = ["c.deleted = 0"]
    params: dict[str, Any] = {}
    if flt.status:
        clauses.append("c.status = :status")
        params["status"] = flt.status
    if flt.query.strip():
        clauses.append("(c.title LIKE :q OR c.issuing_body LIKE :q)")
        params["q"] = f"%{flt.query.strip()}%"
    return " AND ".join(clauses), params


def count_consultations(session: Session, flt: ConsultationFilter) -> int:
    where, params = _consultation_where(flt)
    return int(session.connection().execute(text(f"SELECT count(*) FROM lf_consultation c WHERE {where}"),
                                            params).scalar_one())


def page_consultations(session: Session, flt: ConsultationFilter, offset: int, limit: int) -> list[dict[str, Any]]:
    where, params = _consultation_where(flt)
    sql = (
        "SELECT c.id, c.title, c.issuing_body, c.received_on, c.deadline, c.status, c.summary_number, "
        "(SELECT count(*) FROM lf_task t WHERE t.consultation_id = c.id AND t.deleted = 0) AS tasks, "
        "(SELECT count(*) FROM lf_task t WHERE t.consultation_id = c.id AND t.deleted = 0 "
        " AND t.returned_on IS NOT NULL) AS returned, "
        "(SELECT count(*) FROM lf_meeting m WHERE m.consultation_id = c.id AND m.deleted = 0) AS meetings, "
        "(SELECT count(*) FROM lf_suggestion s WHERE s.consultation_id = c.id AND s.deleted = 0 "
        " AND s.is_summary = 0) AS suggestions "
        f"FROM lf_consultation c WHERE {where} "
        "ORDER BY coalesce(c.received_on, '') DESC, c.id DESC LIMIT :limit OFFSET :offset"
    )
    params.update(limit=limit, offset=offset)
    return [dict(r) for r in session.connection().execute(text(sql), params).mappings().all()]


@dataclass
class InformantFilter:
    unit_id: str | None = None
    query: str = ""


def _informant_where(flt: InformantFilter) -> tuple[str, dict[str, Any]]:
    clauses = ["i.deleted = 0"]
    params: dict[str, Any] = {}
    if flt.unit_id:
        clauses.append("i.unit_id = :uid")
        params["uid"] = flt.unit_id
    if flt.query.strip():
        clauses.append("(i.name LIKE :q OR i.field_of_work LIKE :q OR u.name LIKE :q OR p.name LIKE :q)")
        params["q"] = f"%{flt.query.strip()}%"
    return " AND ".join(clauses), params


_INFORMANT_FROM = ("FROM lf_informant i LEFT JOIN lf_contact_unit u ON u.id = i.unit_id "
                   "LEFT JOIN lf_collection_point p ON p.id = i.point_id")


def count_informants(session: Session, flt: InformantFilter) -> int:
    where, params = _informant_where(flt)
    return int(session.connection().execute(text(f"SELECT count(*) {_INFORMANT_FROM} WHERE {where}"),
                                            params).scalar_one())


def page_informants(session: Session, flt: InformantFilter, offset: int, limit: int) -> list[dict[str, Any]]:
    where, params = _informant_where(flt)
    sql = (
        "SELECT i.id, i.name, i.field_of_work, i.phone, u.name AS unit, p.name AS point, p.town AS town, "
        "(SELECT count(*) FROM lf_task t WHERE t.target_kind = 'informant' AND t.target_id = i.id "
        " AND t.deleted = 0) AS tasks, "
        "(SELECT count(*) FROM lf_task t WHERE t.target_kind = 'informant' AND t.target_id = i.id "
        " AND t.deleted = 0 AND t.returned_on IS NOT NULL) AS returned, "
        "(SELECT count(*) FROM lf_suggestion s WHERE s.informant_id = i.id AND s.deleted = 0) AS suggestions "
        f"{_INFORMANT_FROM} WHERE {where} ORDER BY i.name, i.id LIMIT :limit OFFSET :offset"
    )
    params.update(limit=limit, offset=offset)
    return [dict(r) for r in session.connection().execute(text(sql), params).mappings().all()]


def units(session: Session) -> list[ContactUnit]:
    return list(session.exec(select(ContactUnit).where(col(ContactUnit.deleted).is_(False)).order_by(col(ContactUnit.name))))


def points(session: Session) -> list[CollectionPoint]:
    return list(session.exec(select(CollectionPoint).where(col(CollectionPoint.deleted).is_(False))
                             .order_by(col(CollectionPoint.town), col(CollectionPoint.name))))


def consultations(session: Session) -> list[Consultation]:
    return list(session.exec(select(Consultation).where(col(Consultation.deleted).is_(False))
                             .order_by(col(Consultation.received_on).desc())))


def tasks(session: Session, consultation_id: str) -> list[ConsultationTask]:
    return list(session.exec(select(ConsultationTask).where(
        ConsultationTask.consultation_id == consultation_id, col(ConsultationTask.deleted).is_(False))
        .order_by(col(ConsultationTask.sent_on))))


def meetings(session: Session, consultation_id: str) -> list[ConsultationMeeting]:
    return list(session.exec(select(ConsultationMeeting).where(
        ConsultationMeeting.consultation_id == consultation_id, col(ConsultationMeeting.deleted).is_(False))
        .order_by(col(ConsultationMeeting.held_on))))


def set_consultation_status(session: Session, consultation_id: str, status: str, actor: str,
                            number: str = "", sent_on: dt.date | None = None) -> Consultation:
    row = _get(session, Consultation, consultation_id, "征询")
    values: dict[str, Any] = {"status": status}
    if number:
        values["summary_number"] = number
    if sent_on:
        values["summary_sent_on"] = sent_on
    return changes.update(session, row, values, actor)


# Figures -----------------------------------------------------------------------------------------------


def _scalar(session: Session, sql: str, params: Mapping[str, Any]) -> int:
    return int(session.connection().execute(text(sql), dict(params)).scalar_one() or 0)


def year_figures(session: Session, year: int) -> YearFigures:
    return figures(session, dt.date(year, 1, 1), dt.date(year, 12, 31))


def figures(session: Session, start: dt.date, end: dt.date) -> YearFigures:
    """The figures of a period (a year, as the contact point reports): consultations received,
    meetings, tasks, suggestions (summaries apart), what was sent and adopted, and the laws that took
    suggestions up; per unit and per informant."""
    p = {"a": start.isoformat(), "b": end.isoformat()}
    f = YearFigures(year=start.year)
    f.consultations = _scalar(session, "SELECT count(*) FROM lf_consultation WHERE deleted = 0 AND "
                              "coalesce(received_on, substr(updated_at, 1, 10)) BETWEEN :a AND :b", p)
    f.meetings = _scalar(session, "SELECT count(*) FROM lf_meeting WHERE deleted = 0 AND held_on BETWEEN :a AND :b", p)
    f.meeting_attendance = _scalar(session, "SELECT sum(attendance) FROM lf_meeting WHERE deleted = 0 "
                                   "AND held_on BETWEEN :a AND :b", p)
    f.tasks_sent = _scalar(session, "SELECT count(*) FROM lf_task WHERE deleted = 0 AND sent_on BETWEEN :a AND :b", p)
    f.tasks_returned = _scalar(session, "SELECT count(*) FROM lf_task WHERE deleted = 0 "
                               "AND returned_on BETWEEN :a AND :b", p)
    base = "FROM lf_suggestion WHERE deleted = 0 AND collected_on BETWEEN :a AND :b"
    f.suggestions = _scalar(session, f"SELECT count(*) {base} AND is_summary = 0", p)
    f.summaries = _scalar(session, f"SELECT count(*) {base} AND is_summary = 1", p)
    decided = "FROM lf_suggestion WHERE deleted = 0 AND is_summary = 0"
    f.sent = _scalar(session, "SELECT count(*) FROM lf_suggestion WHERE deleted = 0 AND sent_on BETWEEN :a AND :b", p)
    outcome = f"{decided} AND outcome_on BETWEEN :a AND :b"
    f.adopted = _scalar(session, f"SELECT count(*) {outcome} AND status = 'adopted'", p)
    f.partly_adopted = _scalar(session, f"SELECT count(*) {outcome} AND status = 'partly_adopted'", p)
    f.not_adopted = _scalar(session, f"SELECT count(*) {outcome} AND status = 'not_adopted'", p)
    adopted_in = ", ".join(f"'{s.value}'" for s in sorted(ADOPTED))
    f.laws_adopting = _scalar(session, "SELECT count(DISTINCT outcome_law) FROM lf_suggestion WHERE deleted = 0 "
                              f"AND status IN ({adopted_in}) AND outcome_on BETWEEN :a AND :b", p)
    q = "FROM lf_questionnaire_return WHERE deleted = 0 AND filled_on BETWEEN :a AND :b"
    f.questionnaires_valid = _scalar(session, f"SELECT count(*) {q} AND valid = 1", p)
    f.questionnaires_invalid = _scalar(session, f"SELECT count(*) {q} AND valid = 0", p)
    f.matters_raised = _scalar(session, f"SELECT count(*) {base} AND matter_id IS NOT NULL", p)
    per = (
        "SELECT {name}, count(*), sum(CASE WHEN s.status IN (" + adopted_in + ") THEN 1 ELSE 0 END) "
        "FROM lf_suggestion s JOIN {table} x ON x.id = s.{key} WHERE s.deleted = 0 AND s.is_summary = 0 "
        "AND s.collected_on BETWEEN :a AND :b GROUP BY x.id ORDER BY count(*) DESC, {name}"
    )
    conn = session.connection()
    f.per_unit = [(str(r[0]), int(r[1]), int(r[2] or 0)) for r in conn.execute(
        text(per.format(name="x.name", table="lf_contact_unit", key="unit_id")), p)]
    f.per_informant = [(str(r[0]), int(r[1]), int(r[2] or 0)) for r in conn.execute(
        text(per.format(name="x.name", table="lf_informant", key="informant_id")), p)]
    return f


__all__ = [
    "ConsultationFilter",
    "InformantFilter",
    "SuggestionError",
    "SuggestionFilter",
    "add_informant",
    "add_meeting",
    "add_point",
    "add_suggestion",
    "add_unit",
    "create_consultation",
    "decide",
    "merge",
    "record_return",
    "save_return",
    "send",
    "send_tasks",
    "to_matter",
    "year_figures",
]


@dataclass
class ConsultationFigures:
    tasks: int = 0
    returned: int = 0
    meetings: int = 0
    attendance: int = 0
    suggestions: int = 0
    valid_returns: int = 0


def consultation_figures(session: Session, consultation_id: str) -> ConsultationFigures:
    p = {"c": consultation_id}
    return ConsultationFigures(
        tasks=_scalar(session, "SELECT count(*) FROM lf_task WHERE deleted = 0 AND consultation_id = :c", p),
        returned=_scalar(session, "SELECT count(*) FROM lf_task WHERE deleted = 0 AND consultation_id = :c "
                         "AND returned_on IS NOT NULL", p),
        meetings=_scalar(session, "SELECT count(*) FROM lf_meeting WHERE deleted = 0 AND consultation_id = :c", p),
        attendance=_scalar(session, "SELECT sum(attendance) FROM lf_meeting WHERE deleted = 0 "
                           "AND consultation_id = :c", p),
        suggestions=_scalar(session, "SELECT count(*) FROM lf_suggestion WHERE deleted = 0 AND is_summary = 0 "
                            "AND consultation_id = :c", p),
        valid_returns=_scalar(session, "SELECT count(*) FROM lf_questionnaire_return WHERE deleted = 0 "
                              "AND valid = 1 AND consultation_id = :c", p),
    )


def health(session: Session) -> list[tuple[str, str]]:
    """(level, sentence) for `check`: what the register holds, and any suggestion whose path is broken
    (merged into a summary that is gone, or a summary left without sources)."""
    from app.store import quickcheck

    return quickcheck.legislation_health(quickcheck.of_session(session))

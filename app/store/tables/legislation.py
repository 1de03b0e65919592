"""The grassroots legislative contact point (基层立法联系点): the network of contact units, collection
points and informants, the consultations on drafts with their tasks and meetings, questionnaire returns,
and the suggestions followed from collection to adoption.

The network and the consultations are district-wide and kept by the office (no grid); what an informant
or a grid worker returns carries the grid it came from, so sync scopes it like a visit."""

from __future__ import annotations

import datetime as dt

from sqlmodel import Field

from app.store.tables.base import SyncedRow, register


@register
class ContactUnit(SyncedRow, table=True):
    """A 立法联系单位: an enterprise, park or community that takes part in consultations."""

    __tablename__ = "lf_contact_unit"

    name: str = Field(max_length=200, index=True)
    kind: str = Field(default="", max_length=32)  # 企业, 园区, 社区, 行业协会 ...
    town: str = Field(default="", max_length=100)
    contact_name: str = Field(default="", max_length=50)
    contact_phone: str = Field(default="", max_length=32)
    enterprise_id: str | None = Field(default=None, max_length=36)  # when the unit is an enterprise of the file
    grid_id: str | None = Field(default=None, foreign_key="grid.id", index=True)


@register
class CollectionPoint(SyncedRow, table=True):
    """A 立法信息采集点 in a town or park."""

    __tablename__ = "lf_collection_point"

    name: str = Field(max_length=200, index=True)
    town: str = Field(default="", max_length=100)  # town, street or park
    address: str = Field(default="", max_length=300)
    unit_id: str | None = Field(default=None, foreign_key="lf_contact_unit.id")
    grid_id: str | None = Field(default=None, foreign_key="grid.id", index=True)


@register
class Informant(SyncedRow, table=True):
    """A 立法信息员."""

    __tablename__ = "lf_informant"

    name: str = Field(max_length=50, index=True)
    field_of_work: str = Field(default="", max_length=100)
    unit_id: str | None = Field(default=None, foreign_key="lf_contact_unit.id", index=True)
    point_id: str | None = Field(default=None, foreign_key="lf_collection_point.id", index=True)
    phone: str = Field(default="", max_length=32)
    active: bool = Field(default=True)
    grid_id: str | None = Field(default=None, foreign_key="grid.id", index=True)


@register
class Consultation(SyncedRow, table=True):
    """A draft law or regulation under consultation (法律法规草案征询)."""

    __tablename__ = "lf_consultation"

    title: str = Field(max_length=200, index=True)
    issuing_body: str = Field(default="", max_length=200)  # 市人大常委会法工委 ...
    received_on: dt.date | None = Field(default=None)
    deadline: dt.date | None = Field(default=None, index=True)
    contact: str = Field(default="", max_length=100)
    text_sha256: str = Field(default="", max_length=64)  # the draft's text, a blob
    text_name: str = Field(default="", max_length=200)
    form_id: str = Field(default="", max_length=64)  # questionnaire used for it, if any
    form_version: int | None = Field(default=None)
    status: str = Field(default="open", max_length=16, index=True)  # open | summarised | sent | closed
    summary_number: str = Field(default="", max_length=64)  # number of the 意见汇总 sent
    summary_sent_on: dt.date | None = Field(default=None)
    grid_id: str | None = Field(default=None, foreign_key="grid.id", index=True)


@register
class ConsultationTask(SyncedRow, table=True):
    """A consultation task sent to one informant, unit or collection point, and what came back."""

    __tablename__ = "lf_task"

    consultation_id: str = Field(foreign_key="lf_consultation.id", index=True)
    target_kind: str = Field(max_length=16)  # informant | unit | point
    target_id: str = Field(max_length=36, index=True)
    sent_on: dt.date | None = Field(default=None)
    due_on: dt.date | None = Field(default=None)
    returned_on: dt.date | None = Field(default=None)
    returned_note: str = Field(default="", max_length=4000)
    grid_id: str | None = Field(default=None, foreign_key="grid.id", index=True)


@register
class ConsultationMeeting(SyncedRow, table=True):
    """A meeting held for a consultation: 意见征询会, 专家解读会, 片区征询, 基层交流会."""

    __tablename__ = "lf_meeting"

    consultation_id: str = Field(foreign_key="lf_consultation.id", index=True)
    kind: str = Field(max_length=16)
    held_on: dt.date
    place: str = Field(default="", max_length=200)
    attendance: int = Field(default=0)
    note: str = Field(default="", max_length=4000)
    grid_id: str | None = Field(default=None, foreign_key="grid.id", index=True)


@register
class QuestionnaireReturn(SyncedRow, table=True):
    """One filled questionnaire. The questions are a form definition in forms/, like the visit form;
    answers are kept with the definition's id and version so an old return still reads right."""

    __tablename__ = "lf_questionnaire_return"

    consultation_id: str | None = Field(default=None, foreign_key="lf_consultation.id", index=True)
    form_id: str = Field(max_length=64, index=True)
    form_version: int
    filled_on: dt.date
    respondent: str = Field(default="", max_length=50)  # optional; most returns are anonymous
    answers: str = Field(default="{}", max_length=100_000)  # JSON
    valid: bool = Field(default=True, index=True)
    invalid_reason: str = Field(default="", max_length=200)
    grid_id: str | None = Field(default=None, foreign_key="grid.id", index=True)


@register
class Suggestion(SyncedRow, table=True):
    """A suggestion on a draft, and its path: collected → summarised (merged into a summary suggestion)
    → sent → adopted / partly adopted / not adopted. A summary keeps its sources through `merged_into`."""

    __tablename__ = "lf_suggestion"

    consultation_id: str | None = Field(default=None, foreign_key="lf_consultation.id", index=True)
    is_summary: bool = Field(default=False, index=True)
    merged_into: str | None = Field(default=None, max_length=36, index=True)
    source_kind: str = Field(default="other", max_length=16)  # task | meeting | questionnaire | visit | other
    source_ref: str = Field(default="", max_length=36)
    informant_id: str | None = Field(default=None, max_length=36, index=True)
    unit_id: str | None = Field(default=None, max_length=36, index=True)
    article: str = Field(default="", max_length=100)  # the draft's article it concerns, e.g. 第十二条
    content: str = Field(max_length=8000)
    collected_on: dt.date
    status: str = Field(default="collected", max_length=16, index=True)
    sent_number: str = Field(default="", max_length=64)
    sent_on: dt.date | None = Field(default=None)
    outcome_law: str = Field(default="", max_length=200)  # the published law that adopted it
    outcome_article: str = Field(default="", max_length=100)
    outcome_on: dt.date | None = Field(default=None)
    matter_id: str | None = Field(default=None, max_length=36)  # the supervision matter it became
    grid_id: str | None = Field(default=None, foreign_key="grid.id", index=True)

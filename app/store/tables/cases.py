"""The legal-supervision network: cases and their parties and steps, walk-in receptions, referrals to
departments (a reference list the office edits), campaigns, public notices, the roles people carry
and their work logs.

Parties' names, ID numbers and phones are personal data: their field names (person_name, id_number,
phone) are caught by the audit log's sensitive list, and screens show them masked.
"""

from __future__ import annotations

import datetime as dt

from pydantic import NaiveDatetime
from sqlalchemy import Index
from sqlmodel import Field

from app.store.tables.base import SyncedRow, register


@register
class Department(SyncedRow, table=True):
    """A department cases and orders are referred to (人社监察, 法院, 检察院...): district-wide data."""

    __tablename__ = "department"

    code: str = Field(index=True, max_length=16)
    name: str = Field(max_length=100)
    active: bool = Field(default=True)
    sort_order: int = Field(default=0)


@register
class LegalCase(SyncedRow, table=True):
    """A mediation, legal-aid or governance-centre case. The employer is an enterprise of the file or,
    when it is not in it, a name as the worker gave it."""

    __tablename__ = "legal_case"
    __table_args__ = (Index("ix_legal_case_status_received", "status", "received_on"),)

    number: str = Field(default="", index=True, max_length=40)
    kind: str = Field(max_length=16, index=True)  # CaseKind
    grid_id: str = Field(foreign_key="grid.id", index=True, max_length=36)
    enterprise_id: str | None = Field(default=None, foreign_key="enterprise.id", index=True, max_length=36)
    employer_name: str = Field(default="", max_length=200)
    category: str = Field(default="", max_length=32, index=True)  # violation catalog code
    claim_note: str = Field(default="")  # what the workers ask for (free text, personal)
    amount_claimed: float | None = Field(default=None)  # 元
    amount_recovered: float | None = Field(default=None)  # 元
    workers_involved: int = Field(default=1)
    mediator_id: str | None = Field(default=None, foreign_key="inspector.id", index=True, max_length=36)
    lawyer: str = Field(default="", max_length=50)  # legal-aid lawyer (a professional, not a party)
    status: str = Field(default="received", max_length=16, index=True)
    outcome: str = Field(default="", max_length=16)
    received_on: dt.date = Field(index=True)
    closed_on: dt.date | None = Field(default=None)
    matter_id: str | None = Field(default=None, max_length=36, index=True)
    work_order_id: str | None = Field(default=None, max_length=36, index=True)
    reception_id: str | None = Field(default=None, max_length=36)
    source: str = Field(default="manual", max_length=16)  # manual | reception | import


@register
class CaseParty(SyncedRow, table=True):
    __tablename__ = "case_party"

    case_id: str = Field(foreign_key="legal_case.id", index=True, max_length=36)
    grid_id: str = Field(foreign_key="grid.id", index=True, max_length=36)  # the case's
    role: str = Field(default="worker", max_length=16)  # PartyRole
    person_name: str = Field(default="", max_length=50)
    id_number: str = Field(default="", max_length=32)
    phone: str = Field(default="", max_length=32)


@register
class CaseStep(SyncedRow, table=True):
    """One step of a case; rows are only inserted, so steps from two laptops never conflict."""

    __tablename__ = "case_step"

    case_id: str = Field(foreign_key="legal_case.id", index=True, max_length=36)
    grid_id: str = Field(foreign_key="grid.id", index=True, max_length=36)
    action: str = Field(max_length=16)
    from_status: str = Field(default="", max_length=16)
    to_status: str = Field(default="", max_length=16)
    step_date: dt.date = Field(index=True)
    actor: str = Field(default="", max_length=64)
    step_note: str = Field(default="")


@register
class Reception(SyncedRow, table=True):
    """A worker received at the 职工之家 or the centre, before anyone knows which enterprise (if any)
    the matter concerns; it becomes a case, a matter or a service request."""

    __tablename__ = "reception"

    grid_id: str = Field(foreign_key="grid.id", index=True, max_length=36)
    received_at: NaiveDatetime = Field(index=True)
    place: str = Field(default="职工之家", max_length=32)
    person_name: str = Field(default="", max_length=50)
    phone: str = Field(default="", max_length=32)
    id_number: str = Field(default="", max_length=32)
    employer_name: str = Field(default="", max_length=200)
    enterprise_id: str | None = Field(default=None, foreign_key="enterprise.id", max_length=36)
    category: str = Field(default="", max_length=32)
    content: str = Field(default="")
    workers_involved: int = Field(default=1)
    received_by: str | None = Field(default=None, foreign_key="inspector.id", max_length=36)
    outcome: str = Field(default="pending", max_length=16, index=True)  # ReceptionOutcome
    outcome_table: str = Field(default="", max_length=32)
    outcome_id: str = Field(default="", max_length=36)


@register
class Referral(SyncedRow, table=True):
    """A referral (移送/联动) of a matter, case, 12351 order or 建议书 to a department, with the
    department's answer and result as fields of the record, not a note."""

    __tablename__ = "referral"
    __table_args__ = (Index("ix_referral_source", "source_table", "source_id"),)

    grid_id: str | None = Field(default=None, foreign_key="grid.id", index=True, max_length=36)
    source_table: str = Field(max_length=32)  # ReferralSource
    source_id: str = Field(max_length=36)
    department_id: str = Field(foreign_key="department.id", index=True, max_length=36)
    enterprise_id: str | None = Field(default=None, foreign_key="enterprise.id", index=True, max_length=36)
    subject: str = Field(default="", max_length=200)
    detail_note: str = Field(default="")
    sent_on: dt.date = Field(index=True)
    due_on: dt.date | None = Field(default=None, index=True)
    status: str = Field(default="sent", max_length=16, index=True)
    answered_on: dt.date | None = Field(default=None)
    answer_note: str = Field(default="")
    result: str = Field(default="", max_length=32)  # 已立案查处 | 已责令整改 | 不予受理 | 其他
    closed_on: dt.date | None = Field(default=None)
    sent_by: str = Field(default="", max_length=64)


@register
class Campaign(SyncedRow, table=True):
    """A special action (专项监督行动) run across the district: office-wide, so it has no grid; its
    enterprise rows carry theirs."""

    __tablename__ = "campaign"

    name: str = Field(max_length=100)
    theme: str = Field(default="", max_length=100)  # 新就业形态, 一法一条例 ...
    target_group: str = Field(default="", max_length=100)
    start_on: dt.date
    end_on: dt.date | None = Field(default=None)
    results_note: str = Field(default="")


@register
class CampaignEnterprise(SyncedRow, table=True):
    __tablename__ = "campaign_enterprise"
    __table_args__ = (Index("ix_campaign_enterprise_pair", "campaign_id", "enterprise_id"),)

    campaign_id: str = Field(foreign_key="campaign.id", index=True, max_length=36)
    enterprise_id: str = Field(foreign_key="enterprise.id", index=True, max_length=36)
    checked_on: dt.date | None = Field(default=None)
    problems_found: int = Field(default=0)
    problems_resolved: int = Field(default=0)
    result_note: str = Field(default="")


@register
class PublicNotice(SyncedRow, table=True):
    """A public notice (面上提示): one template sent to a chosen list of enterprises as one numbered
    提示函 each (in the letter register), printed from one merged PDF."""

    __tablename__ = "public_notice"

    title: str = Field(max_length=200)
    theme: str = Field(default="", max_length=100)
    body_text: str = Field(default="")
    selection: str = Field(default="", max_length=200)  # how the list was chosen, for people to read
    campaign_id: str | None = Field(default=None, foreign_key="campaign.id", max_length=36)
    issued_on: dt.date | None = Field(default=None)
    letter_count: int = Field(default=0)
    status: str = Field(default="draft", max_length=16)  # draft | issued
    pdf_attachment_id: str | None = Field(default=None, max_length=36)


@register
class PersonRoleRow(SyncedRow, table=True):
    """A role a person carries; one person may carry several (监督员 and 调解员, say)."""

    __tablename__ = "person_role"
    __table_args__ = (Index("ix_person_role_pair", "inspector_id", "role"),)

    inspector_id: str = Field(foreign_key="inspector.id", index=True, max_length=36)
    role: str = Field(max_length=16)  # PersonRole
    since: dt.date | None = Field(default=None)
    active: bool = Field(default=True)


@register
class WorkLog(SyncedRow, table=True):
    """One entry of a person's work log: a patrol, a reception, a lecture (with the case used), or
    attendance; problems raised and resolved feed the figures per person and role."""

    __tablename__ = "work_log"
    __table_args__ = (Index("ix_work_log_person_date", "inspector_id", "work_date"),)

    inspector_id: str = Field(foreign_key="inspector.id", index=True, max_length=36)
    grid_id: str = Field(foreign_key="grid.id", index=True, max_length=36)
    role: str = Field(default="", max_length=16)  # the role the work was done in
    kind: str = Field(max_length=16)  # WorkKind
    work_date: dt.date = Field(index=True)
    enterprise_id: str | None = Field(default=None, foreign_key="enterprise.id", index=True, max_length=36)
    topic: str = Field(default="", max_length=200)
    case_id: str | None = Field(default=None, max_length=36)  # the case a lecture used
    hours: float = Field(default=0.0)
    problems_raised: int = Field(default=0)
    problems_resolved: int = Field(default=0)
    log_note: str = Field(default="")

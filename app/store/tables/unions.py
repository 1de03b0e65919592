"""Union building after the first visit: union organisations and the units they cover, founding
steps, yearly running checks, member counts, enrolment drives, the member registry, service requests
followed to their outcome, and the friendly-partner network with the uses partners report.

Names of people (chair, committee, members, requesters, partner contacts) and ID numbers are personal
data: the audit log records only that they changed, and lists show them masked."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Index, text
from sqlmodel import Field

from app.store.tables.base import SyncedRow, register


@register
class UnionOrg(SyncedRow, table=True):
    """One union organisation; its 已建会 status follows from its founding steps."""

    __tablename__ = "union_org"
    __table_args__ = (
        Index("ix_union_org_deleted_name", "deleted", "name"),
        Index("ix_union_org_deleted_check", "deleted", "last_check_percent"),  # the slipping list
    )

    name: str = Field(max_length=200)
    form: str = Field(default="single", max_length=24, index=True)  # key of core.unions.UNION_FORMS
    grid_id: str | None = Field(default=None, foreign_key="grid.id", index=True)
    address: str = Field(default="", max_length=300)
    chair_name: str = Field(default="", max_length=50)
    committee_names: str = Field(default="", max_length=500)  # 委员, separated by 、
    contact_phone: str = Field(default="", max_length=32)
    status: str = Field(default="none", max_length=16, index=True)  # derived from the steps
    founded_on: dt.date | None = Field(default=None, index=True)  # the 上级批复 date
    current_step: str = Field(default="", max_length=24)
    members: int = Field(default=0)  # the latest member count
    last_check_year: int | None = Field(default=None)
    last_check_percent: int | None = Field(default=None)
    longitude: float | None = Field(default=None)
    latitude: float | None = Field(default=None)
    notes: str = Field(default="")


@register
class UnionUnit(SyncedRow, table=True):
    """A unit (enterprise, shop, express station) covered by a union. `form` repeats the union's, so
    that "one unit, one union of each form" can be checked with one index lookup."""

    __tablename__ = "union_unit"
    __table_args__ = (Index("ix_union_unit_enterprise_form", "enterprise_id", "form"),)

    union_id: str = Field(foreign_key="union_org.id", index=True)
    enterprise_id: str = Field(foreign_key="enterprise.id")
    form: str = Field(default="single", max_length=24)
    unit_kind: str = Field(default="enterprise", max_length=24)  # key of core.unions.UNIT_KINDS
    joined_on: dt.date | None = Field(default=None)
    staff: int | None = Field(default=None)
    members: int | None = Field(default=None)


@register
class UnionStep(SyncedRow, table=True):
    """One founding step with its date; inserted once per step, so two devices never fight over it."""

    __tablename__ = "union_step"

    union_id: str = Field(foreign_key="union_org.id", index=True)
    grid_id: str | None = Field(default=None, foreign_key="grid.id", index=True)
    step: str = Field(max_length=24)  # key of core.unions.FOUNDING_STEPS
    done_on: dt.date = Field()
    note: str = Field(default="")


@register
class UnionCheck(SyncedRow, table=True):
    """The yearly running check of one union: the answers to the office's list, score and reasons."""

    __tablename__ = "union_check"
    __table_args__ = (Index("ix_union_check_union_year", "union_id", "year"),)

    union_id: str = Field(foreign_key="union_org.id")
    grid_id: str | None = Field(default=None, foreign_key="grid.id", index=True)
    year: int = Field(index=True)
    checked_on: dt.date = Field()
    answers: str = Field(default="{}")  # JSON: item code -> bool or count
    score: int = Field(default=0)
    max_score: int = Field(default=0)
    percent: int = Field(default=0, index=True)
    reasons: str = Field(default="[]")  # JSON list of sentences
    checked_by: str = Field(default="", max_length=64)


@register
class MemberCount(SyncedRow, table=True):
    """Members of a union (and of one of its units, when given) on a date: the series behind 发展会员."""

    __tablename__ = "union_member_count"
    __table_args__ = (Index("ix_union_member_count_union_date", "union_id", "as_of"),)

    union_id: str = Field(foreign_key="union_org.id")
    grid_id: str | None = Field(default=None, foreign_key="grid.id", index=True)
    enterprise_id: str | None = Field(default=None, foreign_key="enterprise.id", index=True)
    as_of: dt.date = Field(index=True)
    members: int = Field(default=0)
    new_form_members: int = Field(default=0)  # of them, new forms of employment


@register
class EnrolmentDrive(SyncedRow, table=True):
    """A 集中入会 event: where and when, for which union and key group, how many joined."""

    __tablename__ = "enrolment_drive"

    union_id: str | None = Field(default=None, foreign_key="union_org.id", index=True)
    grid_id: str | None = Field(default=None, foreign_key="grid.id", index=True)
    held_on: dt.date = Field(index=True)
    place: str = Field(default="", max_length=200)
    key_group: str = Field(default="other", max_length=24)  # key of core.unions.KEY_GROUPS
    enrolled: int = Field(default=0)
    new_members: int = Field(default=0)  # joined for the first time (the rest transferred in)
    notes: str = Field(default="")


@register
class UnionMember(SyncedRow, table=True):
    """One member from the registry (会员库). The ID number is kept as given and shown masked."""

    __tablename__ = "union_member"
    __table_args__ = (Index("ix_union_member_deleted_name", "deleted", "member_name"),)

    union_id: str | None = Field(default=None, foreign_key="union_org.id", index=True)
    enterprise_id: str | None = Field(default=None, foreign_key="enterprise.id", index=True)
    grid_id: str | None = Field(default=None, foreign_key="grid.id", index=True)
    member_name: str = Field(max_length=50)
    id_number: str = Field(default="", max_length=18, index=True)
    phone: str = Field(default="", max_length=32)
    key_group: str = Field(default="other", max_length=24, index=True)
    joined_on: dt.date | None = Field(default=None, index=True)
    new_member: bool = Field(default=True)  # first union membership (not a transfer)
    import_id: str = Field(default="", max_length=36)


@register
class ServiceKind(SyncedRow, table=True):
    """A kind of service request, as the office edits the list for everybody (no grid)."""

    __tablename__ = "service_kind"

    code: str = Field(max_length=24, index=True)
    label: str = Field(max_length=50)
    due_days: int = Field(default=15)
    sort_order: int = Field(default=0)
    active: bool = Field(default=True)


@register
class ServiceRequest(SyncedRow, table=True):
    """A service asked for (mostly ticked on a visit), followed until its outcome."""

    __tablename__ = "service_request"
    __table_args__ = (
        Index("ix_service_request_visit_kind", "visit_id", "kind"),
        # the list's default order, newest first, walked without a sort
        Index("ix_service_request_deleted_requested", "deleted", "requested_on"),
        # the overdue list: only open requests, in due-date order
        Index(
            "ix_service_request_open_due",
            "due_date",
            sqlite_where=text("deleted = 0 AND status IN ('open', 'in_progress')"),
            postgresql_where=text("deleted = false AND status IN ('open', 'in_progress')"),
        ),
    )

    enterprise_id: str = Field(foreign_key="enterprise.id", index=True)
    grid_id: str | None = Field(default=None, foreign_key="grid.id", index=True)
    visit_id: str | None = Field(default=None, foreign_key="visit.id")
    kind: str = Field(max_length=24)  # service_kind.code
    requested_on: dt.date = Field(index=True)
    requester_name: str = Field(default="", max_length=50)
    detail: str = Field(default="")
    provider: str = Field(default="office", max_length=16)  # key of core.unions.PROVIDERS
    provider_detail: str = Field(default="", max_length=200)  # the lawyer, partner or department
    partner_id: str | None = Field(default=None, foreign_key="friendly_partner.id")
    due_date: dt.date | None = Field(default=None)
    status: str = Field(default="open", max_length=16)
    outcome: str = Field(default="")
    done_on: dt.date | None = Field(default=None)


@register
class FriendlyPartner(SyncedRow, table=True):
    """A 友好商户/友好食堂/友好童心港湾 and the like, for couriers and riders."""

    __tablename__ = "friendly_partner"
    __table_args__ = (Index("ix_friendly_partner_deleted_name", "deleted", "name"),)

    name: str = Field(max_length=200)
    kind: str = Field(default="shop", max_length=16, index=True)  # key of core.unions.PARTNER_KINDS
    grid_id: str | None = Field(default=None, foreign_key="grid.id", index=True)
    address: str = Field(default="", max_length=300)
    longitude: float | None = Field(default=None)
    latitude: float | None = Field(default=None)
    offer: str = Field(default="", max_length=200)  # discount or service, e.g. 8折
    hours: str = Field(default="", max_length=100)
    valid_from: dt.date | None = Field(default=None)
    valid_to: dt.date | None = Field(default=None)
    contact_name: str = Field(default="", max_length=50)
    contact_phone: str = Field(default="", max_length=32)
    uses: int = Field(default=0)  # sum of the uses reported


@register
class PartnerUse(SyncedRow, table=True):
    """Uses a partner reported for a period (inserted, never edited: no conflicts between devices)."""

    __tablename__ = "partner_use"

    partner_id: str = Field(foreign_key="friendly_partner.id", index=True)
    grid_id: str | None = Field(default=None, foreign_key="grid.id", index=True)
    reported_on: dt.date = Field(index=True)
    uses: int = Field(default=0)
    key_group: str = Field(default="", max_length=24)

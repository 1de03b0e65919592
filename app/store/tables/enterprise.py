"""The enterprise file (一企一档), its visits and attachments."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Index, text
from sqlmodel import Field

from app.store.tables.base import SyncedRow, register


@register
class Enterprise(SyncedRow, table=True):
    __tablename__ = "enterprise"
    # The list pages in name order: walking this index stops after a page instead of sorting 100,000 rows.
    # The partial indexes hold only the few rows `check` and the map count (no position; gone from the
    # register): counting them reads a handful of index pages, not 300,000 rows.
    __table_args__ = (
        Index("ix_enterprise_deleted_name", "deleted", "name"),
        Index("ix_enterprise_unplaced", "deleted", sqlite_where=text("longitude IS NULL OR latitude IS NULL")),
        Index("ix_enterprise_gone", "deleted",
              sqlite_where=text("registration_status IN ('deregistered', 'revoked', 'moved_out')")),
    )

    # No index of its own on `deleted`: ix_enterprise_deleted_name starts with it and serves every
    # query one would (a separate one only cost every import its upkeep).
    deleted: bool = Field(default=False)
    name: str = Field(max_length=200)
    credit_code: str = Field(default="", index=True, max_length=18)
    credit_code_status: str = Field(default="missing", max_length=16)  # CodeStatus value
    address: str = Field(default="", max_length=300)
    grid_id: str | None = Field(default=None, foreign_key="grid.id", index=True)
    industry: str = Field(default="", max_length=100)
    registered_date: dt.date | None = Field(default=None)
    headcount: int | None = Field(default=None, index=True)
    union_status: str = Field(default="none", index=True, max_length=16)
    union_established_date: dt.date | None = Field(default=None)
    member_count: int | None = Field(default=None)
    legal_rep: str = Field(default="", max_length=50)
    contact_name: str = Field(default="", max_length=50)
    contact_phone: str = Field(default="", max_length=32)
    longitude: float | None = Field(default=None)
    latitude: float | None = Field(default=None)
    position_source: str = Field(default="", max_length=16)  # "" | import | gazetteer | online | pin | visit
    notes: str = Field(default="")
    registration_status: str = Field(default="", max_length=16)  # RegistrationStatus value (登记状态)
    business_abnormal: bool = Field(default=False)  # 经营异常: a signal others read (early warning)


@register
class Visit(SyncedRow, table=True):
    """One visit: the answers of a versioned form, kept with the form's id and version so that an old
    visit opens exactly as it was filled, after the form changed."""

    __tablename__ = "visit"
    # ix_visit_form lets `check` list the form versions in use without reading every visit.
    __table_args__ = (
        Index("ix_visit_enterprise_date", "enterprise_id", "visit_date"),
        Index("ix_visit_form", "form_id", "form_version"),
    )

    enterprise_id: str = Field(foreign_key="enterprise.id", index=True)
    grid_id: str | None = Field(default=None, index=True)
    inspector_id: str | None = Field(default=None, foreign_key="inspector.id")
    visit_date: dt.date = Field(index=True)
    form_id: str = Field(max_length=64)
    form_version: int = Field(default=1)
    answers: str = Field(default="{}")  # JSON object: field id -> value
    status: str = Field(default="draft", max_length=16)  # draft | submitted
    summary: str = Field(default="")
    # Where the form was filled (the phone's position when it was saved), if the device knew it.
    filled_longitude: float | None = Field(default=None)
    filled_latitude: float | None = Field(default=None)
    filled_accuracy_m: float | None = Field(default=None)


@register
class Attachment(SyncedRow, table=True):
    """A photo, signature, scan or issued PDF; the bytes live in the content-addressed blob folder."""

    __tablename__ = "attachment"

    owner_table: str = Field(max_length=32)
    owner_id: str = Field(index=True, max_length=36)
    grid_id: str | None = Field(default=None, index=True)
    kind: str = Field(default="photo", max_length=16)  # photo | signature | scan | letter_pdf | dossier
    sha256: str = Field(max_length=64, index=True)
    filename: str = Field(default="", max_length=255)
    mime: str = Field(default="application/octet-stream", max_length=100)
    size: int = Field(default=0)
    caption: str = Field(default="")
    field_id: str = Field(default="", max_length=64)  # the form field a photo answers, if any

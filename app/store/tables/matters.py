"""Supervision matters (监督事项), their append-only history, the letters drafted from them (一函两书),
and the blocks of document numbers this device holds."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Index, UniqueConstraint
from sqlmodel import Field, SQLModel

from app.store.tables.base import SyncedRow, register


@register
class Matter(SyncedRow, table=True):
    __tablename__ = "matter"
    __table_args__ = (Index("ix_matter_status_deadline", "status", "deadline"),)

    enterprise_id: str = Field(foreign_key="enterprise.id", index=True)
    grid_id: str | None = Field(default=None, index=True)
    source: str = Field(default="visit", max_length=16)  # visit | hotline | informant
    source_ref: str = Field(default="", max_length=64, index=True)  # visit id or work-order id
    category: str = Field(max_length=32, index=True)  # code in resources/violations.json
    title: str = Field(default="", max_length=200)
    facts: str = Field(default="")
    legal_basis: str = Field(default="")  # editable text, one citation per line
    demand: str = Field(default="")  # what the employer is asked to do
    deadline: dt.date | None = Field(default=None)
    status: str = Field(default="open", max_length=16, index=True)
    opened_on: dt.date = Field(index=True)
    closed_on: dt.date | None = Field(default=None)
    verification_note: str = Field(default="")
    verified_on: dt.date | None = Field(default=None)
    verified_by: str = Field(default="", max_length=64)
    inspector_id: str | None = Field(default=None, foreign_key="inspector.id")
    informant: str = Field(default="", max_length=200)  # who reported it, when from an informant


@register
class MatterEvent(SyncedRow, table=True):
    """One step in a matter's history; rows are only ever inserted, so they never conflict in sync."""

    __tablename__ = "matter_event"

    matter_id: str = Field(foreign_key="matter.id", index=True)
    grid_id: str | None = Field(default=None, index=True)  # the matter's, so sync scopes the history with it
    at: str = Field(default="")  # UTC ISO time of the step
    actor: str = Field(default="", max_length=64)
    action: str = Field(max_length=32)
    from_status: str = Field(default="", max_length=16)
    to_status: str = Field(default="", max_length=16)
    note: str = Field(default="")
    data: str = Field(default="{}")  # JSON: dates, letter id, deadline...


@register
class Letter(SyncedRow, table=True):
    __tablename__ = "letter"
    __table_args__ = (
        Index("ix_letter_series_year", "series_key", "year"),
        Index("ix_letter_status_issued", "status", "issued_on"),
    )

    matter_id: str | None = Field(default=None, foreign_key="matter.id", index=True)
    enterprise_id: str = Field(foreign_key="enterprise.id", index=True)
    grid_id: str | None = Field(default=None, index=True)
    kind: str = Field(max_length=16)  # tips | opinion | advice
    number: str = Field(default="", max_length=64, index=True)
    number_provisional: bool = Field(default=False, index=True)
    provisional_number: str = Field(default="", max_length=64)  # kept after a real number replaced it
    series_key: str = Field(default="", max_length=32)
    year: int | None = Field(default=None)
    seq: int | None = Field(default=None)
    title: str = Field(default="", max_length=200)
    body: str = Field(default="{}")  # JSON of the edited LetterContent
    addressee: str = Field(default="", max_length=200)
    status: str = Field(default="draft", max_length=16)
    issued_on: dt.date | None = Field(default=None)
    served_on: dt.date | None = Field(default=None)
    replied_on: dt.date | None = Field(default=None)
    closed_on: dt.date | None = Field(default=None)
    # The one deadline of an issued letter (reply and rectify by): printed on it, and the matter's
    # deadline follows from it.
    deadline: dt.date | None = Field(default=None)
    reply_note: str = Field(default="")
    issued_by: str = Field(default="", max_length=64)
    pdf_attachment_id: str | None = Field(default=None, max_length=36)


class LetterNumberBlock(SQLModel, table=True):
    """A range of document numbers the district server reserved for this device alone: numbers come
    only from here, so two laptops offline can never hand out the same one. Never synced."""

    __tablename__ = "letter_number_block"
    __table_args__ = (UniqueConstraint("series_key", "year", "start", name="uq_letter_number_block_start"),)

    id: int | None = Field(default=None, primary_key=True)
    series_key: str = Field(max_length=32)
    year: int
    start: int
    end: int
    next_value: int
    obtained_at: str = Field(default="")

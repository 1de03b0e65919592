"""Data pool: what each department's list said about an enterprise (and when), the values two
departments disagree on, the import log, the union-establishment pipeline, and saved column mappings."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Index
from sqlmodel import Field, SQLModel

from app.store.tables.base import SyncedRow, register


@register
class SourceRecord(SyncedRow, table=True):
    """Provenance: one row per enterprise and source department holding, per field, the value that
    source gave and the date of the list it came from. Compact (one row, not one per field) so that
    a 100,000-row import stays quick, and complete enough to tell where every value came from."""

    __tablename__ = "source_record"
    __table_args__ = (Index("ix_source_record_enterprise_source", "enterprise_id", "source"),)

    # Found through ix_source_record_enterprise_source, which starts with enterprise_id, and only so:
    # nearly every row is live and the rows of a grid are found through their enterprises, so indexes
    # on `deleted` and `grid_id` were upkeep for every imported row that no query needed.
    deleted: bool = Field(default=False)
    enterprise_id: str = Field(foreign_key="enterprise.id")
    grid_id: str | None = Field(default=None)
    source: str = Field(max_length=16)  # market | tax | hr | civil | members
    # JSON: field -> [value, as-of date ISO], or field -> value (the compact form) for a value dated the
    # row's own `as_of`; an import writes the compact form, older rows and other devices may hold the
    # full one, and every reader takes both (`datapool.decode_values`).
    field_values: str = Field(default="{}")
    as_of: dt.date | None = Field(default=None)
    import_id: str = Field(default="", max_length=36)


@register
class FieldConflict(SyncedRow, table=True):
    """Two sources (or a source and the file as it stands) disagree on a field; the enterprise keeps
    its value until a person chooses."""

    __tablename__ = "field_conflict"
    __table_args__ = (Index("ix_field_conflict_enterprise_field", "enterprise_id", "field"),)

    enterprise_id: str = Field(foreign_key="enterprise.id", index=True)
    grid_id: str | None = Field(default=None, index=True)
    field: str = Field(max_length=32)
    candidates: str = Field(default="[]")  # JSON: [{"source", "value", "as_of"}]
    status: str = Field(default="open", max_length=16, index=True)  # open | resolved | auto (a rule settled it)
    chosen_value: str = Field(default="")  # JSON of the value chosen
    detected_at: str = Field(default="")
    resolved_at: str = Field(default="")
    resolved_by: str = Field(default="")
    settle_id: str = Field(default="", max_length=36)  # the bulk settlement it was part of (undo)
    previous_value: str = Field(default="")  # JSON of the file's value before a bulk settlement


@register
class ImportBatch(SyncedRow, table=True):
    """One import that changed something: the file, the source and what came of it."""

    __tablename__ = "import_batch"

    file_name: str = Field(max_length=255)
    source: str = Field(max_length=16)
    sheet: str = Field(default="", max_length=100)
    encoding: str = Field(default="", max_length=32)
    as_of: dt.date | None = Field(default=None)
    started_at: str = Field(default="")
    rows_read: int = Field(default=0)
    inserted: int = Field(default=0)
    updated: int = Field(default=0)
    unchanged: int = Field(default=0)
    rejected: int = Field(default=0)
    warnings: int = Field(default=0)
    conflicts: int = Field(default=0)
    # The audit fact of an import: rows it created carry no audit copy of their own.
    sha256: str = Field(default="", max_length=64)
    file_size: int = Field(default=0)
    actor: str = Field(default="", max_length=64)
    auto_settled: int = Field(default=0)  # conflicts the office's rules settled


@register
class UnionEvent(SyncedRow, table=True):
    """A step of the union-establishment pipeline (未建会 → 筹建中 → 已建会), kept as history."""

    __tablename__ = "union_event"

    enterprise_id: str = Field(foreign_key="enterprise.id", index=True)
    grid_id: str | None = Field(default=None, index=True)
    from_status: str = Field(default="none", max_length=16)
    to_status: str = Field(max_length=16)
    event_date: dt.date = Field(index=True)
    member_count: int | None = Field(default=None)
    source: str = Field(default="manual", max_length=16)  # manual | members
    note: str = Field(default="")


@register
class ConflictRule(SyncedRow, table=True):
    """How the office settles disagreements between sources without a person: per field (or "*" for
    every field) and, where it matters, per source. A reference list for everybody, so no grid.

    kind "priority": the first source in `priority` (comma-separated) that gave a value wins;
    kind "newest": the value of the newest list wins;
    kind "tolerance": a number within `tolerance_pct` per cent of the file's value is not a
    disagreement (the file keeps its value, or takes the newer one when `source` names the source
    whose newer figures are trusted)."""

    __tablename__ = "conflict_rule"

    field: str = Field(max_length=32, index=True)
    kind: str = Field(max_length=16)  # priority | newest | tolerance
    source: str = Field(default="", max_length=16)
    priority: str = Field(default="", max_length=100)
    tolerance_pct: float = Field(default=0.0)
    enabled: bool = Field(default=True)


class ImportMapping(SQLModel, table=True):
    """A saved column mapping (source column -> enterprise field), kept on this computer only: it
    describes the files this clerk receives and is proposed afresh from the headers anyway, so
    syncing it would only add rows that two devices could create under the same name."""

    __tablename__ = "import_mapping"

    name: str = Field(primary_key=True, max_length=64)
    source: str = Field(default="", max_length=16)
    mapping: str = Field(default="{}")  # JSON: header text -> field
    updated_at: str = Field(default="")

"""The audit log: a local, hash-chained record of who changed what. Never synced, never edited."""

from __future__ import annotations

from sqlmodel import Field, SQLModel


class AuditLog(SQLModel, table=True):
    """Each row carries the hash of the row before it, so that editing or deleting a row in the middle
    breaks the chain where it happened. `fields` holds field names with values, except for sensitive
    fields (phones, ID numbers, free text), whose values are never written here."""

    __tablename__ = "audit_log"

    seq: int | None = Field(default=None, primary_key=True)
    at: str = Field(index=True, max_length=32)
    actor: str = Field(default="", index=True, max_length=64)
    event: str = Field(index=True, max_length=16)  # change | login | sync | export | restore | backup
    entity: str = Field(default="", index=True, max_length=32)
    entity_id: str = Field(default="", index=True, max_length=36)
    op: str = Field(default="", max_length=8)
    fields: str = Field(default="{}")
    detail: str = Field(default="")
    prev_hash: str = Field(default="", max_length=64)
    hash: str = Field(default="", max_length=64)

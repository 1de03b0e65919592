"""Local-only bookkeeping of sync: conflicts waiting for a person, and pulled rows that had to wait for
the rows they refer to. Sync state itself (device id, cursor, server address) lives in local_state;
the refresh token never touches the database."""

from __future__ import annotations

from sqlmodel import Field, SQLModel


class SyncConflict(SQLModel, table=True):
    """One field that this laptop and the server changed to different values from the same base.

    The local value stays in the row until a person decides; values are JSON so that numbers, dates
    and empty values survive the round trip unchanged."""

    __tablename__ = "sync_conflict"

    id: int | None = Field(default=None, primary_key=True)
    entity: str = Field(max_length=32)
    entity_id: str = Field(max_length=36, index=True)
    field_name: str = Field(max_length=64)
    local_value: str = Field(default="null")
    server_value: str = Field(default="null")
    base_value: str = Field(default="null")
    server_version: int = Field(default=0)
    mutation_id: str = Field(max_length=36, index=True)
    created_at: str = Field(default="")
    resolved_at: str | None = Field(default=None, index=True)
    resolution: str = Field(default="", max_length=16)  # mine | theirs | edited


class SyncParked(SQLModel, table=True):
    """A pulled change whose row refers to a row this laptop does not have yet (a grid, an
    enterprise); it is applied as soon as that row arrives, so nothing pulled is ever dropped."""

    __tablename__ = "sync_parked"

    id: int | None = Field(default=None, primary_key=True)
    seq: int = Field(default=0)
    entity: str = Field(max_length=32)
    entity_id: str = Field(max_length=36, index=True)
    payload: str = Field(default="{}")
    reason: str = Field(default="")
    created_at: str = Field(default="")


class SyncSetAside(SQLModel, table=True):
    """Unsent work on rows this laptop had to drop (the account lost their grid): the outbox entry
    and the row as it was, kept so that nothing typed in is silently lost. It is shown to the user,
    goes into the export for the office, and is deleted only when the user says so."""

    __tablename__ = "sync_set_aside"

    id: int | None = Field(default=None, primary_key=True)
    entity: str = Field(max_length=32)
    entity_id: str = Field(max_length=36, index=True)
    grid_id: str = Field(default="", max_length=36)
    reason: str = Field(default="")
    outbox: str = Field(default="{}")  # JSON of the outbox entry
    row: str = Field(default="{}")  # JSON of the row's data fields when it was dropped
    created_at: str = Field(default="")

"""Tables that never leave this laptop: the outbox of changes waiting to sync, blobs, key/value state."""

from __future__ import annotations

from sqlmodel import Field, SQLModel

from app.core.ids import new_id


class Outbox(SQLModel, table=True):
    """A change waiting for the server, written in the same transaction as the change itself so that
    a crash can never keep one without the other."""

    __tablename__ = "outbox"

    seq: int | None = Field(default=None, primary_key=True)
    mutation_id: str = Field(default_factory=new_id, unique=True, max_length=36)
    entity: str = Field(max_length=32, index=True)
    entity_id: str = Field(max_length=36, index=True)
    op: str = Field(max_length=8)  # insert | update | delete
    base_version: int = Field(default=0)
    patch: str = Field(default="{}")  # JSON: field -> new value
    base_values: str = Field(default="{}")  # JSON: field -> value before the change
    state: str = Field(default="pending", max_length=16, index=True)  # pending | sent | applied | conflict | rejected
    attempts: int = Field(default=0)
    last_error: str = Field(default="")
    created_at: str = Field(default="")
    created_by: str = Field(default="")


class Blob(SQLModel, table=True):
    __tablename__ = "blob"

    sha256: str = Field(primary_key=True, max_length=64)
    size: int = Field(default=0)
    mime: str = Field(default="application/octet-stream", max_length=100)
    uploaded: bool = Field(default=False)
    created_at: str = Field(default="")


class LocalState(SQLModel, table=True):
    """Key/value settings and sync state of this installation (device id, pull cursor, threshold)."""

    __tablename__ = "local_state"

    key: str = Field(primary_key=True, max_length=64)
    value: str = Field(default="")

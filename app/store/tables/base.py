"""Columns every synced row carries, and the registry the outbox and sync use to find tables by name."""

from __future__ import annotations

from typing import ClassVar

from sqlmodel import Field, SQLModel

from app.core.ids import new_id

SYNCED_TABLES: dict[str, type[SyncedRow]] = {}

BOOKKEEPING_FIELDS = frozenset({"id", "version", "updated_at", "updated_by"})


class SyncedRow(SQLModel):
    """Base of every table that travels to the district server.

    `version` is the server's revision (0 until the server accepted the row); `deleted` is a tombstone,
    because a hard delete could not be told to other devices.
    """

    __synced__: ClassVar[bool] = True

    id: str = Field(default_factory=new_id, primary_key=True, max_length=36)
    version: int = Field(default=0)
    updated_at: str = Field(default="")
    updated_by: str = Field(default="")
    deleted: bool = Field(default=False, index=True)

    @classmethod
    def data_fields(cls) -> list[str]:
        """Fields that carry the row's content (synced in patches), in declaration order."""
        return [name for name in cls.model_fields if name not in BOOKKEEPING_FIELDS]


def register(cls: type[SyncedRow]) -> type[SyncedRow]:
    """Class decorator: the table takes part in outbox and sync under its table name."""
    SYNCED_TABLES[str(cls.__tablename__)] = cls
    return cls

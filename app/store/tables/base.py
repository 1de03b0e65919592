"""Columns every synced row carries, and the registry the outbox and sync use to find tables by name."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

from sqlmodel import Field, SQLModel

from app.core.ids import new_id

SYNCED_TABLES: dict[str, type[SyncedRow]] = {}

BOOKKEEPING_FIELDS = frozenset({"id", "version", "updated_at", "updated_by"})


class SyncedRow(SQLModel):
    """Base of every table that travels to the district server.

    `version` is the server's revision (0 until the server accepted the row); `deleted` is a tombstone,
    because a hard delete could not be told to other devices.

    The district server checks every pushed row against these classes (app/server/schema.py): only
    declared fields, of the declared type (`int` within 64 bits, finite `float`, `str` up to its
    `max_length`, ISO `date`/`datetime`, JSON text where the field's default is "{}" or "[]"), and a
    grid the account may write. Which grid a row belongs to is derived, in this order:

    - `__grid_parent__ = ("field", "entity")` on the class: the row hangs on that parent row; its grid
      is the parent's (an inspector cannot attach a row to a parent of another grid). Set it to `None`
      to say "no parent" even though the class has an `enterprise_id` column.
    - otherwise `enterprise_id` -> the enterprise is the parent; `owner_table`/`owner_id` -> the owner
      row is; a foreign key to another synced table that has a grid (e.g. `matter_id`) -> that row is.
    - a `grid_id` column of its own: the row's grid (it must equal the parent's when both exist and the
      parent has a grid; under a district-wide parent, such as an office consultation, it stands alone).
    - none of these: a district-wide reference row (grids, inspectors, lists the office keeps), which
      every account reads and only office and admin accounts write.

    `__json_fields__` names more `str` fields that must hold JSON text (beyond the "{}"/"[]" defaults).
    `patch_problem` checks what the field rules cannot (a value's inner shape, fields that must agree).
    """

    __synced__: ClassVar[bool] = True
    # Unset on purpose: the server derives the parent unless a class declares it (see above).
    __grid_parent__: ClassVar[tuple[str, str] | None]
    __json_fields__: ClassVar[frozenset[str]] = frozenset()

    id: str = Field(default_factory=new_id, primary_key=True, max_length=36)
    version: int = Field(default=0)
    updated_at: str = Field(default="")
    updated_by: str = Field(default="")
    deleted: bool = Field(default=False, index=True)

    @classmethod
    def patch_problem(cls, op: str, patch: Mapping[str, Any]) -> str | None:
        """One sentence why the server must refuse this pushed patch beyond the per-field rules, or None.
        Runs after every field passed its own check."""
        return None

    @classmethod
    def data_fields(cls) -> list[str]:
        """Fields that carry the row's content (synced in patches), in declaration order."""
        return [name for name in cls.model_fields if name not in BOOKKEEPING_FIELDS]


def register(cls: type[SyncedRow]) -> type[SyncedRow]:
    """Class decorator: the table takes part in outbox and sync under its table name."""
    SYNCED_TABLES[str(cls.__tablename__)] = cls
    return cls

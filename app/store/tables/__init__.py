"""All tables. Importing this module fills SQLModel's metadata and the synced-table registry."""

from app.store.tables import (  # noqa: F401  (register their tables)
    audit,
    cases,
    citations,
    datapool,
    geocoding,
    legislation,
    matters,
    patrol,
    sync,
    unions,
    workorders,
)
from app.store.tables.base import SYNCED_TABLES, SyncedRow
from app.store.tables.enterprise import Attachment, Enterprise, Visit
from app.store.tables.local import Blob, LocalState, Outbox
from app.store.tables.people import Grid, Inspector

__all__ = [
    "SYNCED_TABLES",
    "Attachment",
    "Blob",
    "Enterprise",
    "Grid",
    "Inspector",
    "LocalState",
    "Outbox",
    "SyncedRow",
    "Visit",
]

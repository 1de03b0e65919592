"""Which enterprise a record belongs to, for lists that show records of many kinds (the audit log) or
whose rows do not carry the enterprise's id (work orders): their rows open the enterprise's file."""

from __future__ import annotations

from sqlalchemy import text
from sqlmodel import Session, SQLModel

import app.store.tables  # noqa: F401  (every table in the metadata)


def enterprise_of(session: Session, table: str, row_id: str) -> str | None:
    """The enterprise id of row `row_id` of `table`: the row itself for an enterprise, its
    `enterprise_id` column otherwise, through `owner_table`/`owner_id` for attachments and the like."""
    if not table or not row_id:
        return None
    if table == "enterprise":
        return row_id
    meta = SQLModel.metadata.tables.get(table)
    if meta is None:
        return None
    conn = session.connection()
    if "enterprise_id" in meta.columns:
        value = conn.execute(text(f'SELECT enterprise_id FROM "{table}" WHERE id = :id'), {"id": row_id}).scalar()
        return str(value) if value else None
    if "owner_table" in meta.columns and "owner_id" in meta.columns:
        owner = conn.execute(
            text(f'SELECT owner_table, owner_id FROM "{table}" WHERE id = :id'), {"id": row_id}
        ).first()
        if owner is not None and owner[0] != table:
            return enterprise_of(session, str(owner[0]), str(owner[1]))
    return None

"""Photos and signatures that belong to a row (a visit's form fields): the bytes go to the blob folder,
the Attachment row through the outbox, and rows no longer referenced become tombstones, so that undoing
a photo or dropping a hidden field does not leave it in the file."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from sqlmodel import Session, col, select

from app.store import blobs, changes
from app.store.tables import Attachment


def add(
    session: Session,
    blob_root: Path,
    *,
    owner_table: str,
    owner_id: str,
    data: bytes,
    mime: str,
    filename: str,
    kind: str,
    field_id: str,
    grid_id: str | None,
    actor: str,
) -> Attachment:
    digest = blobs.put_bytes(session, blob_root, data, mime)
    row = Attachment(
        owner_table=owner_table,
        owner_id=owner_id,
        grid_id=grid_id,
        kind=kind,
        sha256=digest,
        filename=filename,
        mime=mime,
        size=len(data),
        field_id=field_id,
    )
    return changes.insert(session, row, actor)


def of_owner(session: Session, owner_table: str, owner_id: str, *, include_deleted: bool = False) -> list[Attachment]:
    stmt = select(Attachment).where(Attachment.owner_table == owner_table, Attachment.owner_id == owner_id)
    if not include_deleted:
        stmt = stmt.where(Attachment.deleted == False)  # noqa: E712
    return list(session.exec(stmt.order_by(col(Attachment.id))).all())


def reconcile(session: Session, owner_table: str, owner_id: str, referenced: Iterable[str], actor: str) -> None:
    """Referenced attachments are live, the others of this owner tombstoned (a redo brings one back)."""
    keep = set(referenced)
    for row in of_owner(session, owner_table, owner_id, include_deleted=True):
        alive = row.id in keep
        if row.deleted == alive:
            changes.update(session, row, {"deleted": not alive}, actor)

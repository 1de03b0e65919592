"""Photos, scans and issued PDFs, stored once by their SHA-256 so that the same bytes are never kept or
uploaded twice."""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

from sqlmodel import Session

from app.core.ids import utc_now_iso
from app.store.tables.local import Blob


def blob_path(root: Path, sha256: str) -> Path:
    return root / sha256[:2] / sha256


def put_bytes(session: Session, root: Path, data: bytes, mime: str) -> str:
    """Writes the file durably (fsync, then rename) before the row that refers to it is committed."""
    digest = hashlib.sha256(data).hexdigest()
    target = blob_path(root, digest)
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    if session.get(Blob, digest) is None:
        session.add(Blob(sha256=digest, size=len(data), mime=mime, created_at=utc_now_iso()))
    return digest


def put_file(session: Session, root: Path, source: Path, mime: str) -> str:
    return put_bytes(session, root, source.read_bytes(), mime)


def read_bytes(root: Path, sha256: str) -> bytes:
    return blob_path(root, sha256).read_bytes()

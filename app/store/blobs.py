"""Photos, scans and issued PDFs, stored once by their SHA-256 so that the same bytes are never kept or
uploaded twice.

The files are sealed with AES-256-GCM under a sub-key of the database key (registered per blob folder
when the database opens), the content address staying the SHA-256 of the plain bytes: the server, the
outbox and the attachment rows keep working with the same hashes. The hash is the AEAD's associated
data, so a sealed file moved under another name does not open."""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from app.core.ids import utc_now_iso
from app.store import encryption

if TYPE_CHECKING:
    from sqlmodel import Session

_KEYS: dict[Path, bytes] = {}


class BlobKeyMissing(RuntimeError):
    """Attachments asked for before the database (which knows the key) was opened."""


def register_key(root: Path, key: bytes) -> None:
    _KEYS[root.resolve()] = key


def _key(root: Path) -> bytes:
    key = _KEYS.get(root.resolve())
    if key is None:
        raise BlobKeyMissing("附件密钥不可用：请先打开数据库")
    return key


def blob_path(root: Path, sha256: str) -> Path:
    return root / sha256[:2] / sha256


def _write_private(target: Path, data: bytes) -> None:
    target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")  # mkstemp creates 0600
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def put_bytes(session: Session, root: Path, data: bytes, mime: str) -> str:
    """Writes the file durably (fsync, then rename) before the row that refers to it is committed."""
    digest = hashlib.sha256(data).hexdigest()
    target = blob_path(root, digest)
    if not target.exists():
        _write_private(target, encryption.seal(_key(root), data, digest.encode()))
    from app.store.tables.local import Blob  # here: opening the store (and `check`) needs no table classes

    if session.get(Blob, digest) is None:
        session.add(Blob(sha256=digest, size=len(data), mime=mime, created_at=utc_now_iso()))
    return digest


def put_file(session: Session, root: Path, source: Path, mime: str) -> str:
    return put_bytes(session, root, source.read_bytes(), mime)


def read_bytes(root: Path, sha256: str) -> bytes:
    """The plain bytes; a file that does not open with our key, or whose bytes do not hash to their
    name, raises OSError like a missing one (callers already handle that)."""
    raw = blob_path(root, sha256).read_bytes()
    if not encryption.is_sealed(raw):
        # A plain file written before encryption and not converted yet.
        if hashlib.sha256(raw).hexdigest() != sha256:
            raise OSError(f"attachment {sha256[:12]} is damaged")
        return raw
    try:
        return encryption.unseal(_key(root), raw, sha256.encode())
    except encryption.SealError:
        raise OSError(f"attachment {sha256[:12]} does not open with this database's key") from None


def encrypt_plain_files(root: Path, key: bytes) -> int:
    """Seals attachment files left plain by an older version; returns how many."""
    done = 0
    if not root.exists():
        return 0
    for path in root.glob("*/*"):
        if not path.is_file() or path.name.startswith("."):
            continue
        raw = path.read_bytes()
        if encryption.is_sealed(raw):
            continue
        _write_private(path, encryption.seal(key, raw, path.name.encode()))
        done += 1
    return done

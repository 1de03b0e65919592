"""Content-addressed attachment bytes on disk: the name is the SHA-256, checked on upload, so uploads are
idempotent and a torn or tampered body never lands."""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import AsyncIterator
from pathlib import Path

from app.server.errors import ApiError
from app.sync.protocol import MAX_BLOB_BYTES


class BlobStore:
    def __init__(self, root: Path) -> None:
        self.root = root

    def path(self, sha256: str) -> Path:
        return self.root / sha256[:2] / sha256

    def size(self, sha256: str) -> int | None:
        p = self.path(sha256)
        return p.stat().st_size if p.is_file() else None

    async def put(self, sha256: str, chunks: AsyncIterator[bytes], declared: int | None) -> tuple[int, bool]:
        if declared is not None and declared > MAX_BLOB_BYTES:
            raise ApiError(413, "too_large", f"An attachment may have at most {MAX_BLOB_BYTES} bytes.")
        existing = self.size(sha256)
        target = self.path(sha256)
        target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        digest = hashlib.sha256()
        size = 0
        fd, tmp_name = tempfile.mkstemp(dir=target.parent, prefix=".upload-")
        tmp = Path(tmp_name)
        try:
            with os.fdopen(fd, "wb") as fh:
                async for chunk in chunks:
                    size += len(chunk)
                    if size > MAX_BLOB_BYTES:
                        raise ApiError(413, "too_large", f"An attachment may have at most {MAX_BLOB_BYTES} bytes.")
                    digest.update(chunk)
                    if existing is None:
                        fh.write(chunk)
                if existing is None:
                    fh.flush()
                    os.fsync(fh.fileno())
            if declared is not None and size != declared:
                raise ApiError(400, "size_mismatch", f"The upload ended after {size} of {declared} bytes.")
            if digest.hexdigest() != sha256:
                raise ApiError(400, "hash_mismatch", "The uploaded bytes do not have the SHA-256 named in the URL.")
            if existing is not None:
                return existing, False
            os.replace(tmp, target)
            return size, True
        finally:
            tmp.unlink(missing_ok=True)

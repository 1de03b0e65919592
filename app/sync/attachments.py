"""Attachments made on other devices (photos, scans, issued letters) arrive as rows; their bytes are
fetched after the pull, checked against their SHA-256, and kept in the content-addressed blob folder."""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass, field

from app.paths import DataPaths
from app.store import blobs, sync_queue, sync_replica
from app.store.db import Database
from app.sync.client import SyncClient

log = logging.getLogger(__name__)


@dataclass
class DownloadOutcome:
    downloaded: int = 0
    problems: list[str] = field(default_factory=list)


def download_missing(db: Database, paths: DataPaths, client: SyncClient, *, limit: int = 100) -> DownloadOutcome:
    """At most `limit` files per round, so a laptop that joins a busy district is not stuck for long."""
    outcome = DownloadOutcome()
    with db.read() as session:
        wanted = sync_replica.missing_blobs(session, limit)
    for sha, mime in wanted:
        data = client.get_blob(sha)
        if data is None:
            outcome.problems.append(f"附件 {sha[:12]}… 在服务器上不存在")
            continue
        if hashlib.sha256(data).hexdigest() != sha:
            log.warning("attachment %s arrived damaged; not kept", sha)
            outcome.problems.append(f"附件 {sha[:12]}… 下载后校验不符，未保存")
            continue
        with db.write() as session:
            blobs.put_bytes(session, paths.blobs, data, mime)
            session.flush()
            sync_queue.mark_blob_uploaded(session, sha)
        outcome.downloaded += 1
    return outcome

"""A revoked device locks its local data, and unsent work leaves it only as an encrypted file.

When the server answers that this device is revoked (a lost laptop, or an inspector who left), the
data folder is marked locked (in its keyinfo file, beside the encrypted database): the program and
the command line refuse to open it, except for two things:

- exporting the unsent work (the outbox entries not confirmed by the server, the rows they touch,
  and the work set aside for lost grids) into a file encrypted with a passphrase the user chooses
  (Argon2id + AES-256-GCM), for the office, which imports it on its own laptop and syncs it;
- re-enrolment: a sign-in by an office (or admin) account on this laptop. That enrols the laptop as
  a new device on the server and unlocks the folder; an inspector account cannot unlock it.

What the lock is and is not: it stops the program (and whoever uses it) from showing or changing the
data of a device the office revoked. It is not a cryptographic erasure: the database key stays in
this user's OS keyring, because an honest unlock by the office must be able to open the data again.
Against a thief the protection is the encryption at rest plus the OS account's password; the office
can still ask for a wipe (`logout --wipe`)."""

from __future__ import annotations

import json
import secrets as pysecrets
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.core.ids import utc_now_iso
from app.paths import DataPaths
from app.store import audit, encryption, sync_state, unsent
from app.store.db import Database, open_locked
from app.sync.client import SyncClient, SyncError

EXPORT_MAGIC = b"UIX1"
EXPORT_SUFFIX = ".uix"
OFFICE_ROLES = ("office", "admin")
MIN_PASSPHRASE = 8


class ExportError(Exception):
    """One sentence for the user."""


def lock(db: Database, reason: str) -> None:
    encryption.lock(db.paths, reason or "此设备已被区工会撤销", utc_now_iso())
    with db.write() as session:
        if not sync_state.load(session).revoked:
            sync_state.mark_revoked(session, reason)
        audit.record(session, "revoke", f"服务器撤销了此设备，本机数据已锁定：{reason}", "sync")


def is_locked(paths: DataPaths) -> bool:
    return bool(encryption.locked_reason(paths))


# --- export -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ExportSummary:
    entries: int
    rows: int
    set_aside: int
    path: Path


def _derive(passphrase: str, salt: bytes) -> bytes:
    from argon2.low_level import Type, hash_secret_raw

    return hash_secret_raw(
        passphrase.encode("utf-8"), salt, time_cost=encryption.ARGON_TIME, memory_cost=encryption.ARGON_MEMORY_KIB,
        parallelism=encryption.ARGON_PARALLELISM, hash_len=32, type=Type.ID,
    )


def export_unsent(db: Database, target: Path, passphrase: str) -> ExportSummary:
    if len(passphrase) < MIN_PASSPHRASE:
        raise ExportError(f"导出文件的口令至少要 {MIN_PASSPHRASE} 个字符")
    with db.read() as session:
        payload = unsent.collect(session)
    salt = pysecrets.token_bytes(16)
    body = zlib.compress(json.dumps(payload, ensure_ascii=False, default=str).encode("utf-8"), 6)
    sealed = encryption.seal(_derive(passphrase, salt), body, EXPORT_MAGIC + salt)
    encryption.write_private(target, EXPORT_MAGIC + salt + sealed)
    rows = sum(len(v) for v in payload["rows"].values())
    with db.write() as session:
        audit.record(session, "export", f"导出未上传的工作：{len(payload['outbox'])} 项修改，{rows} 行数据（加密文件）", payload["username"] or "local")
    return ExportSummary(len(payload["outbox"]), rows, len(payload["set_aside"]), target)


def read_export(path: Path, passphrase: str) -> dict[str, Any]:
    try:
        raw = path.read_bytes()
    except OSError:
        raise ExportError(f"无法读取文件 {path.name}") from None
    if raw[:4] != EXPORT_MAGIC or len(raw) < 20:
        raise ExportError(f"{path.name} 不是本程序导出的未上传工作文件")
    salt = raw[4:20]
    try:
        body = encryption.unseal(_derive(passphrase, salt), raw[20:], EXPORT_MAGIC + salt)
        payload = json.loads(zlib.decompress(body))
    except encryption.SealError:
        raise ExportError("口令不对，或文件已损坏，无法打开导出文件") from None
    except (ValueError, zlib.error):
        raise ExportError(f"{path.name} 已损坏") from None
    if not isinstance(payload, dict) or payload.get("format") != 1:
        raise ExportError(f"{path.name} 不是本程序能读的导出格式")
    return payload


def import_unsent(db: Database, path: Path, passphrase: str, actor: str) -> unsent.ImportSummary:
    """On the office's laptop: the exported rows become the office's own changes (outbox and audit as
    every edit), so its next sync carries them to the server under the office's account."""
    payload = read_export(path, passphrase)
    with db.write() as session:
        return unsent.apply_export(session, payload, actor)


# --- re-enrolment -----------------------------------------------------------------------------------


def reenrol(paths: DataPaths, server_url: str, username: str, password: str, *, client: SyncClient | None = None) -> str:
    """Unlocks a locked folder after an office account signs in on this laptop; returns the new
    device id. An inspector account is signed out again at once and the folder stays locked."""
    from app.sync.credentials import login, logout

    db = open_locked(paths)
    try:
        result = login(db, server_url, username, password, client=client)
        if result.role not in OFFICE_ROLES:
            logout(db, client=client)
            with db.write() as session:
                sync_state.mark_revoked(session, "此设备已被撤销，只能由区工会办公室账号重新登录解锁")
            raise SyncError("只有区工会办公室账号才能为被撤销的设备重新登录解锁")
        encryption.unlock(paths)
        with db.write() as session:
            audit.record(session, "login", f"办公室账号 {username} 重新登记了此设备，本机数据已解锁", username)
        return result.device_id
    finally:
        db.dispose()


def default_export_path(paths: DataPaths) -> Path:
    stamp = utc_now_iso()[:19].replace(":", "").replace("-", "")
    paths.exports.mkdir(parents=True, exist_ok=True, mode=0o700)
    return paths.exports / f"unsent-{stamp}{EXPORT_SUFFIX}"

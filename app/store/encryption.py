"""Encryption at rest: where the database key comes from, and the sealed files built on it.

The database is SQLCipher (``sqlcipher3`` wheels), not SQLite3 Multiple Ciphers (``apsw-sqlite3mc``):
both install here and both have FTS5 with the trigram tokenizer, but SQLCipher's Python binding is a
DB-API module shaped like ``sqlite3``, so SQLAlchemy, SQLModel and Alembic run on it unchanged through
``creator=``, while APSW is not DB-API and SQLAlchemy has no dialect for it. The key is handed to
SQLCipher raw (``x'…'``), so no per-connection PBKDF2 slows the opening of pooled connections.

The key is 256 random bits kept in the OS keyring, under an id written (with no secret in it) to
``inspector.keyinfo.json`` beside the database. Where no secure keyring exists (fail, null or
plain-text backends) the program refuses in one sentence, unless the user chose a passphrase: then
the key is derived from it with Argon2id and the salt lives in the keyinfo file.

Attachments and backups are sealed with AES-256-GCM under sub-keys derived (HKDF) from the database
key, so one key (one keyring entry, or one passphrase) unlocks everything, and a sub-key never equals
the database key itself."""

from __future__ import annotations

import contextlib
import json
import os
import secrets as pysecrets
import uuid
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from app import secrets
from app.paths import DataPaths

ENV_PASSPHRASE = "UNION_INSPECTOR_PASSPHRASE"
KEYINFO_NAME = "inspector.keyinfo.json"
SEAL_MAGIC = b"UIE1"
NONCE_BYTES = 12
PLAIN_SQLITE_HEADER = b"SQLite format 3\x00"

# Argon2id at the OWASP-recommended strength: 64 MiB, 3 passes (about a third of a second here).
ARGON_TIME = 3
ARGON_MEMORY_KIB = 64 * 1024
ARGON_PARALLELISM = 2

NO_KEY_STORE = (
    "本机没有安全的系统密钥库，数据库密钥不能以明文保存，因此不能打开加密的数据；"
    "请安装并解锁系统密钥库，或设置数据口令（启动时选择“使用数据口令”，或设置环境变量 UNION_INSPECTOR_PASSPHRASE）"
)
WRONG_KEY = "密钥或数据口令不对，无法打开加密的数据库"
KEY_MISSING = "系统密钥库里找不到这个数据文件夹的数据库密钥，无法打开加密的数据"
PASSPHRASE_NEEDED = "这个数据文件夹由数据口令保护，请输入数据口令（或设置环境变量 UNION_INSPECTOR_PASSPHRASE）"


class KeyUnavailable(RuntimeError):
    """The database cannot be opened; str() is one sentence for the user."""


class DataLocked(RuntimeError):
    """The device was revoked; str() is one sentence for the user. (Here rather than in `db` so that
    the command line can catch it without importing SQLAlchemy.)"""


class NoKeyStore(KeyUnavailable):
    pass


class WrongKey(KeyUnavailable):
    pass


class PassphraseNeeded(KeyUnavailable):
    pass


class SealError(ValueError):
    """A sealed file that does not open with our key (wrong key, or damaged)."""


_passphrase: str | None = None


def set_passphrase(passphrase: str | None) -> None:
    """The GUI's start-up dialog and the CLI's --ask-passphrase put the passphrase here for this process."""
    global _passphrase
    _passphrase = passphrase or None


def given_passphrase() -> str | None:
    return _passphrase or os.environ.get(ENV_PASSPHRASE) or None


@dataclass
class KeyInfo:
    mode: str  # "keyring" | "passphrase"
    key_id: str = ""
    salt: str = ""
    time_cost: int = ARGON_TIME
    memory_kib: int = ARGON_MEMORY_KIB
    parallelism: int = ARGON_PARALLELISM
    locked: dict[str, Any] = field(default_factory=dict)


def keyinfo_path(paths: DataPaths) -> Path:
    return paths.root / KEYINFO_NAME


def load_keyinfo(paths: DataPaths) -> KeyInfo | None:
    try:
        raw = json.loads(keyinfo_path(paths).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as exc:
        raise KeyUnavailable(f"密钥说明文件 {KEYINFO_NAME} 已损坏，无法打开加密的数据（{exc}）") from None
    known = {k: v for k, v in raw.items() if k in KeyInfo.__dataclass_fields__}
    return KeyInfo(**known)


def save_keyinfo(paths: DataPaths, info: KeyInfo) -> None:
    write_private(keyinfo_path(paths), json.dumps(asdict(info), ensure_ascii=False, indent=1).encode("utf-8"))


def write_private(target: Path, data: bytes) -> None:
    """Atomic and durable, readable by the owner only (0600) from its first byte."""
    target.parent.mkdir(exist_ok=True, mode=0o700)
    tmp = target.with_name(f".{target.name}.{uuid.uuid4().hex[:8]}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    fsync_dir(target.parent)


def fsync_dir(folder: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def derive_from_passphrase(passphrase: str, info: KeyInfo) -> bytes:
    from argon2.low_level import Type, hash_secret_raw

    return hash_secret_raw(
        passphrase.encode("utf-8"),
        bytes.fromhex(info.salt),
        time_cost=info.time_cost,
        memory_cost=info.memory_kib,
        parallelism=info.parallelism,
        hash_len=32,
        type=Type.ID,
    )


def _keyring_name(key_id: str) -> str:
    return f"database-key:{key_id}"


def resolve_key(paths: DataPaths, *, create: bool = True) -> bytes:
    """The database key for this data folder, creating one (and its keyinfo) on first use."""
    info = load_keyinfo(paths)
    if info is None:
        if not create:
            raise KeyUnavailable(KEY_MISSING)
        return _create_key(paths)
    if info.mode == "passphrase":
        passphrase = given_passphrase()
        if not passphrase:
            raise PassphraseNeeded(PASSPHRASE_NEEDED)
        return derive_from_passphrase(passphrase, info)
    if not secrets.is_secure():
        raise NoKeyStore(NO_KEY_STORE)
    stored = secrets.load_secret(_keyring_name(info.key_id))
    if not stored:
        raise KeyUnavailable(KEY_MISSING)
    try:
        key = bytes.fromhex(stored)
    except ValueError:
        raise KeyUnavailable(KEY_MISSING) from None
    if len(key) != 32:
        raise KeyUnavailable(KEY_MISSING)
    return key


def _create_key(paths: DataPaths) -> bytes:
    passphrase = given_passphrase()
    if passphrase:
        info = KeyInfo(mode="passphrase", salt=pysecrets.token_hex(16))
        key = derive_from_passphrase(passphrase, info)
        save_keyinfo(paths, info)
        return key
    if not secrets.is_secure():
        raise NoKeyStore(NO_KEY_STORE)
    key = pysecrets.token_bytes(32)
    info = KeyInfo(mode="keyring", key_id=uuid.uuid4().hex)
    try:
        secrets.store_secret(_keyring_name(info.key_id), key.hex())
    except secrets.NoSecureStore:
        raise NoKeyStore(NO_KEY_STORE) from None
    # Read back: a keyring that accepts and forgets would otherwise lose the data at the next start.
    if secrets.load_secret(_keyring_name(info.key_id)) != key.hex():
        raise NoKeyStore(NO_KEY_STORE)
    save_keyinfo(paths, info)
    return key


def describe(paths: DataPaths) -> tuple[str, str]:
    """(status, sentence) for `check`: how this folder's data is protected."""
    info = None
    with contextlib.suppress(KeyUnavailable):
        info = load_keyinfo(paths)
    if info is None:
        if paths.database.exists() and is_plain_sqlite(paths.database):
            return "warn", "数据库尚未加密（下次打开时会先备份再加密）"
        return "ok", "尚未创建数据库"
    if info.mode == "passphrase":
        return "ok", "数据库、备份和附件已加密（SQLCipher / AES-256-GCM），密钥由数据口令经 Argon2id 派生"
    return "ok", "数据库、备份和附件已加密（SQLCipher / AES-256-GCM），密钥保存在系统密钥库"


def is_plain_sqlite(path: Path) -> bool:
    try:
        with path.open("rb") as fh:
            return fh.read(16) == PLAIN_SQLITE_HEADER
    except OSError:
        return False


def subkey(key: bytes, purpose: str) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=f"union-inspector/{purpose}".encode()).derive(key)


def seal(key: bytes, plain: bytes, aad: bytes = b"") -> bytes:
    nonce = os.urandom(NONCE_BYTES)
    return SEAL_MAGIC + nonce + AESGCM(key).encrypt(nonce, plain, aad)


def is_sealed(data: bytes) -> bool:
    return data[:4] == SEAL_MAGIC


def unseal(key: bytes, data: bytes, aad: bytes = b"") -> bytes:
    if not is_sealed(data) or len(data) < 4 + NONCE_BYTES + 16:
        raise SealError("not a sealed file")
    nonce = data[4 : 4 + NONCE_BYTES]
    try:
        return AESGCM(key).decrypt(nonce, data[4 + NONCE_BYTES :], aad)
    except InvalidTag:
        raise SealError("wrong key or damaged file") from None


def lock(paths: DataPaths, reason: str, at: str) -> None:
    """Marks the folder locked (a revoked device): the program will not open it until re-enrolled."""
    info = load_keyinfo(paths)
    if info is None:
        return
    info.locked = {"reason": reason, "at": at}
    save_keyinfo(paths, info)


def unlock(paths: DataPaths) -> None:
    info = load_keyinfo(paths)
    if info is None or not info.locked:
        return
    info.locked = {}
    save_keyinfo(paths, info)


def locked_reason(paths: DataPaths) -> str:
    with contextlib.suppress(KeyUnavailable):
        info = load_keyinfo(paths)
        if info is not None and info.locked:
            return str(info.locked.get("reason") or "此设备已被撤销")
    return ""


def forget_key(paths: DataPaths) -> None:
    """After a wipe: the key and its keyinfo go too (the data they opened is gone)."""
    with contextlib.suppress(KeyUnavailable):
        info = load_keyinfo(paths)
        if info is not None and info.mode == "keyring":
            secrets.delete_secret(_keyring_name(info.key_id))
    keyinfo_path(paths).unlink(missing_ok=True)

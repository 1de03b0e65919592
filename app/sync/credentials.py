"""Login once per device. The refresh token lives only in the OS keyring; access tokens only in memory;
nothing secret ever reaches the database, a settings file or a log.

Revocation: when the server refuses this device's refresh token (a lost laptop was revoked, or the
token family was killed), sync stops and the user is told in plain words. Local data is NOT wiped
automatically: a revocation by mistake would otherwise destroy work that never reached the server.
Wiping is offered (`union-inspector logout --wipe`, or the GUI's confirmation dialog) and happens only
after the user confirms; see `wipe_local_data`."""

from __future__ import annotations

import logging
import shutil
import socket
import threading
import time
from dataclasses import dataclass

from app import secrets
from app.paths import DataPaths
from app.store import audit, encryption, sync_state
from app.store.db import Database
from app.sync.client import DeviceRevoked, SyncClient, SyncError

log = logging.getLogger(__name__)

NO_SECURE_STORE = (
    "本机没有安全的系统密钥库（例如 Windows 凭据管理器、macOS 钥匙串或已解锁的 Secret Service），"
    "登录令牌不能以明文保存，因此无法登录；请安装并解锁系统密钥库后再试"
)
REFRESH_EARLY_SECONDS = 60


def secret_name(device_id: str) -> str:
    return f"refresh-token:{device_id}"


@dataclass(frozen=True)
class LoginResult:
    device_id: str
    username: str
    display_name: str
    role: str
    grid_codes: list[str]


def login(
    db: Database,
    server_url: str,
    username: str,
    password: str,
    *,
    device_name: str | None = None,
    client: SyncClient | None = None,
) -> LoginResult:
    """Refuses before the password leaves the laptop when the token could not be kept safely."""
    if not secrets.is_secure():
        raise SyncError(NO_SECURE_STORE)
    own_client = client is None
    client = client or SyncClient(server_url)
    try:
        token = client.login(username, password, device_name or socket.gethostname()[:100])
        try:
            secrets.store_secret(secret_name(token.device_id), token.refresh_token)
        except secrets.NoSecureStore as exc:
            _revoke_quietly(client, token.refresh_token)
            raise SyncError(NO_SECURE_STORE) from exc
        with db.read() as session:
            previous = sync_state.load(session)
        if previous.device_id and previous.device_id != token.device_id:
            old = secrets.load_secret(secret_name(previous.device_id))
            if old:
                _revoke_quietly(client, old)
            secrets.delete_secret(secret_name(previous.device_id))
        with db.write() as session:
            sync_state.save_login(session, client.base_url, username, token.device_id)
            audit.record(session, "login", f"本设备登录区服务器 {client.base_url}（设备 {token.device_id}）", username)
    finally:
        if own_client:
            client.close()
    account = token.account
    return LoginResult(token.device_id, account.username, account.display_name, account.role, account.grid_codes)


def _revoke_quietly(client: SyncClient, refresh_token: str) -> None:
    try:
        client.revoke(refresh_token)
    except SyncError as exc:
        log.info("could not revoke the token on the server: %s", exc)


def logout(db: Database, *, client: SyncClient | None = None) -> bool:
    """Revokes the device on the server when it answers and forgets the token here in any case.
    Returns whether the server confirmed the revocation."""
    with db.read() as session:
        settings = sync_state.load(session)
    confirmed = False
    if settings.device_id:
        token = secrets.load_secret(secret_name(settings.device_id))
        if token and settings.server_url:
            own_client = client is None
            client = client or SyncClient(settings.server_url, retries=1)
            try:
                confirmed = client.revoke(token)
            except SyncError as exc:
                log.info("logout without reaching the server: %s", exc)
            finally:
                if own_client:
                    client.close()
        secrets.delete_secret(secret_name(settings.device_id))
    with db.write() as session:
        sync_state.clear_login(session)
    return confirmed


def has_token(device_id: str) -> bool:
    return bool(device_id) and secrets.load_secret(secret_name(device_id)) is not None


class TokenManager:
    """Turns the stored refresh token into short-lived access tokens, rotating the refresh token in the
    keyring each time. Thread-safe, so the GUI's background sync and "sync now" share it."""

    def __init__(self, db: Database, device_id: str) -> None:
        self.db = db
        self.device_id = device_id
        self.client: SyncClient | None = None
        self._access: str | None = None
        self._expires_at = 0.0
        self._lock = threading.Lock()

    def __call__(self, force: bool) -> str:
        with self._lock:
            if force or self._access is None or time.monotonic() >= self._expires_at:
                self._refresh()
            assert self._access is not None
            return self._access

    def _refresh(self) -> None:
        if self.client is None:
            raise SyncError("内部错误：令牌管理器没有服务器连接")
        refresh_token = secrets.load_secret(secret_name(self.device_id))
        if not refresh_token:
            raise DeviceRevoked("本机没有保存的登录令牌（可能已注销或密钥库被清空），请重新登录")
        try:
            token = self.client.refresh(refresh_token)
        except DeviceRevoked as exc:
            secrets.delete_secret(secret_name(self.device_id))
            with self.db.write() as session:
                sync_state.mark_revoked(session, str(exc))
            raise
        secrets.store_secret(secret_name(token.device_id), token.refresh_token)
        self._access = token.access_token
        self._expires_at = time.monotonic() + max(10, token.expires_in - REFRESH_EARLY_SECONDS)

    def forget(self) -> None:
        with self._lock:
            self._access = None


def wipe_local_data(db: Database, paths: DataPaths) -> None:
    """Deletes the database (with its WAL), attachments and backups of this data folder. Only called
    after the user confirmed it; the caller must not use `db` afterwards."""
    with db.read() as session:
        device_id = sync_state.load(session).device_id
    if device_id:
        secrets.delete_secret(secret_name(device_id))
    db.dispose()
    encryption.forget_key(paths)
    for suffix in ("", "-wal", "-shm", "-journal"):
        target = paths.database.with_name(paths.database.name + suffix)
        target.unlink(missing_ok=True)
    for folder in (paths.blobs, paths.backups, paths.exports):
        shutil.rmtree(folder, ignore_errors=True)

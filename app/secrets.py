"""The OS keyring, and the honest answer when there is none.

python-keyring falls back silently to a plaintext file (keyrings.alt) or to a backend that stores
nothing; tokens must never land in clear text without the user being told, so such backends count as
"no secure store"."""

from __future__ import annotations

import contextlib
import sys
from typing import Literal

if sys.platform != "darwin":
    # keyring tries every backend it ships; the macOS one loads Apple's frameworks through
    # ctypes.util.find_library, which on Linux and Windows searches the system (ldconfig, even a
    # compiler) for a tenth of a second or more, only for that backend to declare itself unusable.
    # An import that fails at once leaves it out the same way (keyring skips a backend whose module
    # cannot load).
    sys.modules.setdefault("keyring.backends.macOS.api", None)  # type: ignore[arg-type]

import keyring
import keyring.backend
from keyring.errors import KeyringError, NoKeyringError

SERVICE = "union-inspector"


class NoSecureStore(RuntimeError):
    """Raised when a token would have to be stored without a secure keyring."""


def backend_name() -> str:
    backend = keyring.get_keyring()
    return f"{type(backend).__module__}.{type(backend).__name__}"


def is_secure(backend: keyring.backend.KeyringBackend | None = None) -> bool:
    """False for the backends that refuse (fail), forget (null) or write clear text (plaintext)."""
    backend = backend or keyring.get_keyring()
    module, name = type(backend).__module__, type(backend).__name__
    if module.startswith(("keyring.backends.fail", "keyring.backends.null")):
        return False
    if name in {"PlaintextKeyring", "NullKeyring", "FailKeyring"}:
        return False
    if module.startswith("keyring.backends.chainer"):
        return any(is_secure(b) for b in getattr(backend, "backends", []))
    return True


def describe_backend() -> tuple[Literal["ok", "warn", "fail"], str]:
    try:
        name = backend_name()
    except Exception as exc:
        return "warn", f"无法确定密钥库：{exc}"
    if is_secure():
        return "ok", f"使用系统密钥库 {name}"
    return "warn", f"本机没有安全的系统密钥库（{name}）；登录服务器的令牌无法安全保存，同步前请安装并解锁系统密钥库"


def store_secret(name: str, value: str) -> None:
    if not is_secure():
        raise NoSecureStore("本机没有可用的安全密钥库，令牌不会以明文保存；请安装并解锁系统密钥库后再登录")
    try:
        keyring.set_password(SERVICE, name, value)
    except (KeyringError, NoKeyringError) as exc:
        raise NoSecureStore(f"无法写入系统密钥库：{exc}") from exc


def load_secret(name: str) -> str | None:
    try:
        return keyring.get_password(SERVICE, name)
    except (KeyringError, NoKeyringError):
        return None


def delete_secret(name: str) -> None:
    with contextlib.suppress(KeyringError, NoKeyringError):
        keyring.delete_password(SERVICE, name)

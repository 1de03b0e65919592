"""Password hashing (Argon2id, memory-hard), opaque refresh tokens kept only as hashes, and short-lived
access JWTs."""

from __future__ import annotations

import hashlib
import secrets
import time
from dataclasses import dataclass

import jwt
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

_hasher = PasswordHasher()
# Verified against when the username is unknown, so that timing does not reveal which accounts exist.
_DUMMY_HASH = _hasher.hash("not-a-real-password")

JWT_ALGORITHM = "HS256"


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    try:
        return _hasher.verify(password_hash or _DUMMY_HASH, password) and password_hash is not None
    except (VerificationError, InvalidHashError):
        return False


def new_refresh_token() -> str:
    return secrets.token_urlsafe(32)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class AccessClaims:
    account_id: str
    device_id: str
    role: str
    expires_at: int


def make_access_token(secret: str, account_id: str, device_id: str, role: str, lifetime: int) -> str:
    now = int(time.time())
    payload = {"sub": account_id, "dev": device_id, "role": role, "iat": now, "exp": now + lifetime, "typ": "access"}
    return jwt.encode(payload, secret, algorithm=JWT_ALGORITHM)


def read_access_token(secret: str, token: str) -> AccessClaims | None:
    try:
        payload = jwt.decode(token, secret, algorithms=[JWT_ALGORITHM], options={"require": ["exp", "sub"]})
    except jwt.PyJWTError:
        return None
    if payload.get("typ") != "access" or not isinstance(payload.get("dev"), str):
        return None
    return AccessClaims(str(payload["sub"]), payload["dev"], str(payload.get("role", "")), int(payload["exp"]))

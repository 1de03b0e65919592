"""Login, refresh-token rotation with reuse detection (RFC 9700), revocation, and who a bearer token
belongs to. A device is one refresh-token family: revoking either ends both."""

from __future__ import annotations

import time

from sqlalchemy import delete, func, update
from sqlmodel import Session, col, select

from app.core.ids import new_id, utc_now_iso
from app.server.accounts import Principal, principal_for, record_action
from app.server.db import LOGIN_LOCK_KEY, ServerDB
from app.server.errors import ApiError, unauthorized
from app.server.security import (
    make_access_token,
    new_refresh_token,
    read_access_token,
    token_hash,
    verify_password,
)
from app.server.settings import ServerSettings
from app.server.tables import Account, Device, LoginFailure, RefreshToken
from app.sync.protocol import LoginRequest, TokenResponse


class AuthService:
    def __init__(self, db: ServerDB, settings: ServerSettings) -> None:
        self.db = db
        self.settings = settings
        self.secret = settings.secret()

    # --- login -------------------------------------------------------------------------------

    def _check_rate(self, session: Session, key: str, limit: int, now: float, what: str) -> None:
        window = self.settings.login_window_seconds
        count, oldest = session.exec(
            select(func.count(), func.min(LoginFailure.at)).where(
                LoginFailure.key == key, LoginFailure.at > now - window
            )
        ).one()
        if count >= limit:
            retry = max(1, int((oldest or now) + window - now) + 1)
            raise ApiError(
                429,
                "rate_limited",
                f"Too many failed sign-ins {what}; try again in {retry} seconds.",
                headers={"Retry-After": str(retry)},
            )

    def login(self, req: LoginRequest, client: str) -> TokenResponse:
        """Each attempt is counted as a failure *before* the password is checked, in a transaction that
        holds the login lock (SQLite: BEGIN IMMEDIATE; PostgreSQL: an advisory lock): concurrent guesses
        cannot all read the same count, so no more than the limit are ever checked. Limits hold per
        account (from any address) and per client address (across usernames)."""
        now = time.time()
        username = req.username.strip()
        user_key = f"user:{username.lower()}"[:200]
        addr_key = f"addr:{client}"[:200]
        with self.db.write(lock=LOGIN_LOCK_KEY) as session:
            session.execute(delete(LoginFailure).where(col(LoginFailure.at) < now - max(24 * 3600, self.settings.login_window_seconds)))
            self._check_rate(session, addr_key, self.settings.login_max_failures_per_address, now, "from this address")
            self._check_rate(session, user_key, self.settings.login_max_failures, now, "for this account")
            attempt = LoginFailure(key=addr_key, at=now)
            session.add(attempt)
            session.add(LoginFailure(key=user_key, at=now))
            session.flush()
            attempt_id = attempt.id
            account = session.exec(select(Account).where(Account.username == username)).first()
        ok = verify_password(account.password_hash if account else None, req.password)
        if not ok or account is None or not account.active:
            raise unauthorized("The username or password is wrong.")
        with self.db.write() as session:
            session.execute(delete(LoginFailure).where(col(LoginFailure.key) == user_key))
            session.execute(delete(LoginFailure).where(col(LoginFailure.id) == attempt_id))
            device = Device(
                id=new_id(),
                account_id=account.id,
                name=req.device_name,
                kind=req.device_kind,
                created_at=utc_now_iso(),
                last_seen_at=utc_now_iso(),
            )
            session.add(device)
            refresh = self._issue_refresh(session, device.id, now)
            principal = principal_for(session, account, device.id)
        return self._tokens(principal, refresh)

    def _issue_refresh(self, session: Session, device_id: str, now: float) -> str:
        token = new_refresh_token()
        session.add(RefreshToken(token_hash=token_hash(token), device_id=device_id, created_at=now))
        return token

    def _tokens(self, principal: Principal, refresh: str) -> TokenResponse:
        lifetime = self.settings.access_token_seconds
        access = make_access_token(self.secret, principal.account_id, principal.device_id, principal.role, lifetime)
        return TokenResponse(
            device_id=principal.device_id,
            access_token=access,
            expires_in=lifetime,
            refresh_token=refresh,
            account=principal.info(),
        )

    # --- refresh -----------------------------------------------------------------------------

    def refresh(self, refresh_token: str) -> TokenResponse:
        """Rotates the token. Presenting a token that was already rotated means a copy exists somewhere:
        the whole family is revoked, unless it is the immediate retry of a rotation whose answer was lost
        (within the grace period and before the successor was ever used)."""
        now = time.time()
        digest = token_hash(refresh_token)
        revoke_family: str | None = None
        with self.db.write() as session:
            row = session.get(RefreshToken, digest)
            if row is None or row.revoked_at is not None:
                raise unauthorized("The refresh token is not valid; sign in again.")
            device = session.get(Device, row.device_id)
            account = session.get(Account, device.account_id) if device else None
            if device is None or device.revoked_at is not None or account is None or not account.active:
                raise unauthorized("This device was revoked; sign in again.")
            if row.rotated_at is not None:
                successor = session.get(RefreshToken, row.replaced_by) if row.replaced_by else None
                grace = now - row.rotated_at <= self.settings.refresh_reuse_grace_seconds
                if not (grace and successor is not None and successor.rotated_at is None and successor.revoked_at is None):
                    revoke_family = device.id
                else:
                    successor.revoked_at = now
                    session.add(successor)
            if revoke_family is None:
                # Optimistic: of two concurrent refreshes with one token, only one claims it.
                seen = (
                    col(RefreshToken.rotated_at).is_(None)
                    if row.rotated_at is None
                    else col(RefreshToken.rotated_at) == row.rotated_at
                )
                claimed = session.execute(
                    update(RefreshToken)
                    .where(col(RefreshToken.token_hash) == digest, col(RefreshToken.revoked_at).is_(None), seen)
                    .values(rotated_at=now)
                )
                if claimed.rowcount != 1:  # type: ignore[attr-defined]
                    raise unauthorized("The refresh token is not valid; sign in again.")
                token = self._issue_refresh(session, device.id, now)
                session.execute(
                    update(RefreshToken).where(col(RefreshToken.token_hash) == digest).values(replaced_by=token_hash(token))
                )
                device.last_seen_at = utc_now_iso()
                session.add(device)
                principal = principal_for(session, account, device.id)
        if revoke_family is not None:
            self.revoke_device_family(revoke_family, reason="a used refresh token came back")
            raise unauthorized("This refresh token was already used; the device was signed out for safety.")
        return self._tokens(principal, token)

    def revoke_device_family(self, device_id: str, reason: str = "") -> None:
        now = time.time()
        with self.db.write() as session:
            session.execute(
                update(RefreshToken)
                .where(col(RefreshToken.device_id) == device_id, col(RefreshToken.revoked_at).is_(None))
                .values(revoked_at=now)
            )
            device = session.get(Device, device_id)
            if device is not None and device.revoked_at is None:
                device.revoked_at = utc_now_iso()
                session.add(device)
                if reason:
                    record_action(session, "server", "revoke_device", device_id, reason)

    def revoke(self, refresh_token: str) -> bool:
        with self.db.read() as session:
            row = session.get(RefreshToken, token_hash(refresh_token))
            device_id = row.device_id if row else None
        if device_id is None:
            return False
        self.revoke_device_family(device_id)
        return True

    # --- bearer ------------------------------------------------------------------------------

    def authenticate(self, bearer: str | None) -> Principal:
        if not bearer:
            raise unauthorized("Sign in first: this request carries no access token.")
        claims = read_access_token(self.secret, bearer)
        if claims is None:
            raise unauthorized()
        with self.db.read() as session:
            device = session.get(Device, claims.device_id)
            account = session.get(Account, claims.account_id)
            if device is None or device.revoked_at is not None or device.account_id != claims.account_id:
                raise unauthorized("This device was revoked; sign in again.")
            if account is None or not account.active:
                raise unauthorized("This account is disabled.")
            return principal_for(session, account, device.id)

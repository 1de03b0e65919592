"""Web sign-in: server-side sessions keyed by a random id in an HttpOnly, SameSite=Strict cookie (Secure
under https), a CSRF token per session checked on every POST, and the same failed-login limit as the
API (the server's `login_failure` table and settings, under a key of its own).

Sessions live in the server process's memory: a restart signs web users out (laptops are not affected),
and nothing secret about a session ever lands on disk."""

from __future__ import annotations

import hmac
import secrets
import threading
import time
from dataclasses import dataclass, field

from sqlalchemy import delete, func
from sqlmodel import col, select

from app.server.accounts import Principal, principal_for
from app.server.db import ServerDB
from app.server.security import verify_password
from app.server.settings import ServerSettings
from app.server.tables import Account, LoginFailure

COOKIE = "ui_web_session"
IDLE_SECONDS = 8 * 3600
MAX_SESSIONS = 20_000


@dataclass
class WebSession:
    sid: str
    csrf: str
    account_id: str | None = None
    lang: str = "zh"
    created: float = field(default_factory=time.time)
    seen: float = field(default_factory=time.time)


class RateLimited(Exception):
    def __init__(self, retry_after: int) -> None:
        super().__init__(retry_after)
        self.retry_after = retry_after


class SessionStore:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._items: dict[str, WebSession] = {}

    def new(self, lang: str = "zh") -> WebSession:
        s = WebSession(sid=secrets.token_urlsafe(32), csrf=secrets.token_urlsafe(32), lang=lang)
        with self._lock:
            if len(self._items) >= MAX_SESSIONS:
                self._evict()
            self._items[s.sid] = s
        return s

    def _evict(self) -> None:
        now = time.time()
        for sid in [k for k, v in self._items.items() if now - v.seen > IDLE_SECONDS]:
            del self._items[sid]
        if len(self._items) >= MAX_SESSIONS:  # still full: drop the oldest anonymous ones, then the oldest
            for sid, _ in sorted(self._items.items(), key=lambda kv: (kv[1].account_id is not None, kv[1].seen))[
                : MAX_SESSIONS // 10
            ]:
                del self._items[sid]

    def get(self, sid: str | None) -> WebSession | None:
        if not sid:
            return None
        with self._lock:
            s = self._items.get(sid)
            if s is None:
                return None
            now = time.time()
            if now - s.seen > IDLE_SECONDS:
                del self._items[sid]
                return None
            s.seen = now
            return s

    def rotate(self, old: WebSession, account_id: str) -> WebSession:
        """A new id and CSRF token at sign-in, so a session id planted before it is worthless."""
        fresh = self.new(old.lang)
        fresh.account_id = account_id
        self.drop(old.sid)
        return fresh

    def drop(self, sid: str) -> None:
        with self._lock:
            self._items.pop(sid, None)

    def drop_account(self, account_id: str) -> None:
        with self._lock:
            for sid in [k for k, v in self._items.items() if v.account_id == account_id]:
                del self._items[sid]


def csrf_ok(session: WebSession | None, token: str | None) -> bool:
    return session is not None and bool(token) and hmac.compare_digest(session.csrf, str(token))


class WebAuth:
    def __init__(self, db: ServerDB, settings: ServerSettings) -> None:
        self.db = db
        self.settings = settings
        self.sessions = SessionStore()

    def _key(self, username: str, client: str) -> str:
        return f"web|{username.strip().lower()}|{client}"[:200]

    def login(self, username: str, password: str, client: str) -> Account | None:
        """The account, or None for a wrong name/password; RateLimited after too many failures."""
        now = time.time()
        key = self._key(username, client)
        window = self.settings.login_window_seconds
        with self.db.read() as session:
            count, oldest = session.exec(
                select(func.count(), func.min(LoginFailure.at)).where(LoginFailure.key == key, LoginFailure.at > now - window)
            ).one()
            if count >= self.settings.login_max_failures:
                raise RateLimited(max(1, int((oldest or now) + window - now) + 1))
            account = session.exec(select(Account).where(Account.username == username.strip())).first()
        ok = verify_password(account.password_hash if account else None, password)
        if not ok or account is None or not account.active:
            with self.db.write() as session:
                session.execute(delete(LoginFailure).where(col(LoginFailure.at) < now - 24 * 3600))
                session.add(LoginFailure(key=key, at=now))
            return None
        with self.db.write() as session:
            session.execute(delete(LoginFailure).where(col(LoginFailure.key) == key))
        return account

    def principal(self, web: WebSession | None) -> Principal | None:
        """Who the session belongs to, read fresh each request: a disabled account or a changed grid
        assignment takes effect at once."""
        if web is None or web.account_id is None:
            return None
        with self.db.read() as session:
            account = session.get(Account, web.account_id)
            if account is None or not account.active:
                return None
            return principal_for(session, account, "web")

"""Web sign-in: server-side sessions keyed by a random id in an HttpOnly, SameSite=Strict cookie (Secure
under https), a CSRF token per session checked on every POST, and the same failed-login limit as the
API (the server's `login_failure` table and settings, under a key of its own).

Sessions live in the server's database (`web_session`), so every worker process of the server sees the
same ones and a restart signs nobody out. Only the SHA-256 of a session id is stored: the raw id exists
in the browser's cookie and in the request that carries it, so a copy of the database signs nobody in.
A session's last use is written at most once a minute (TOUCH_SECONDS), and then by a background
thread (_Toucher), not by the page: a page view is a read. A page that waited for SQLite's write lock
behind the laptops' pushes also held its page slot (app/server/admission.py), and every page behind it
waited too: the office run's slowest pages all came a minute after the users signed in."""

from __future__ import annotations

import hashlib
import hmac
import logging
import secrets
import threading
import time
from dataclasses import dataclass, field

from sqlalchemy import bindparam, delete, func, update
from sqlmodel import Session, col, select

from app.server.accounts import Principal, principal_for
from app.server.db import LOGIN_LOCK_KEY, ServerDB
from app.server.security import verify_password
from app.server.settings import ServerSettings
from app.server.tables import Account, LoginFailure
from app.server.tables import WebSession as SessionRow

COOKIE = "ui_web_session"
IDLE_SECONDS = 8 * 3600
MAX_SESSIONS = 20_000
TOUCH_SECONDS = 60
TABLE = SessionRow.__table__  # type: ignore[attr-defined]


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


def sid_hash(sid: str) -> str:
    return hashlib.sha256(sid.encode("utf-8")).hexdigest()


log = logging.getLogger(__name__)


class _Toucher:
    """Sessions' last use, written in one transaction for all sessions seen within GATHER seconds.
    A touch lost (the process ends first) only makes a session look idle a minute early."""

    GATHER = 0.5

    def __init__(self, db: ServerDB) -> None:
        self.db = db
        self.pending: dict[str, float] = {}
        self.lock = threading.Lock()
        self.running = False

    def touch(self, key: str, now: float) -> None:
        with self.lock:
            self.pending[key] = now
            start, self.running = not self.running, True
        if start:
            threading.Thread(target=self._run, name="web-session-touch", daemon=True).start()

    def _run(self) -> None:
        while True:
            time.sleep(self.GATHER)
            with self.lock:
                batch, self.pending = self.pending, {}
                if not batch:
                    self.running = False
                    return
            try:
                with self.db.write() as session:
                    session.execute(
                        update(TABLE).where(TABLE.c.id_hash == bindparam("k")).values(seen_at=bindparam("t")),
                        [{"k": k, "t": t} for k, t in batch.items()],
                    )
            except Exception:  # the sessions are touched again on their next page
                log.warning("web sessions: last use not written", exc_info=True)


class SessionStore:
    def __init__(self, db: ServerDB) -> None:
        self.db = db
        self.toucher = _Toucher(db)

    def new(self, lang: str = "zh", account_id: str | None = None) -> WebSession:
        s = WebSession(sid=secrets.token_urlsafe(32), csrf=secrets.token_urlsafe(32), lang=lang, account_id=account_id)
        with self.db.write() as session:
            self._make_room(session, s.seen)
            session.add(self._row(s))
        return s

    @staticmethod
    def _row(s: WebSession) -> SessionRow:
        return SessionRow(id_hash=sid_hash(s.sid), csrf=s.csrf, account_id=s.account_id, lang=s.lang,
                          created_at=s.created, seen_at=s.seen)

    def _make_room(self, session: Session, now: float) -> None:
        """At MAX_SESSIONS: idle ones go first, then the oldest tenth, anonymous before signed-in."""
        if session.exec(select(func.count()).select_from(SessionRow)).one() < MAX_SESSIONS:
            return
        session.execute(delete(SessionRow).where(col(SessionRow.seen_at) < now - IDLE_SECONDS))
        if session.exec(select(func.count()).select_from(SessionRow)).one() < MAX_SESSIONS:
            return
        oldest = (
            select(SessionRow.id_hash)
            .order_by(col(SessionRow.account_id).is_not(None), col(SessionRow.seen_at))
            .limit(MAX_SESSIONS // 10)
        )
        doomed = list(session.exec(oldest).all())
        for start in range(0, len(doomed), 500):
            session.execute(delete(SessionRow).where(col(SessionRow.id_hash).in_(doomed[start : start + 500])))

    def get(self, sid: str | None) -> WebSession | None:
        if not sid or len(sid) > 200:
            return None
        key = sid_hash(sid)
        with self.db.read() as session:
            row = session.get(SessionRow, key)
        if row is None:
            return None
        now = time.time()
        if now - row.seen_at > IDLE_SECONDS:
            self._drop_hash(key)
            return None
        if now - row.seen_at > TOUCH_SECONDS:
            self.toucher.touch(key, now)
            row.seen_at = now
        return WebSession(sid=sid, csrf=row.csrf, account_id=row.account_id, lang=row.lang, created=row.created_at,
                          seen=row.seen_at)

    def rotate(self, old: WebSession, account_id: str) -> WebSession:
        """A new id and CSRF token at sign-in, so a session id planted before it is worthless."""
        fresh = WebSession(sid=secrets.token_urlsafe(32), csrf=secrets.token_urlsafe(32), lang=old.lang,
                           account_id=account_id)
        with self.db.write() as session:
            session.execute(delete(SessionRow).where(col(SessionRow.id_hash) == sid_hash(old.sid)))
            self._make_room(session, fresh.seen)
            session.add(self._row(fresh))
        return fresh

    def set_lang(self, web: WebSession, lang: str) -> None:
        web.lang = lang
        with self.db.write() as session:
            session.execute(update(SessionRow).where(col(SessionRow.id_hash) == sid_hash(web.sid)).values(lang=lang))

    def drop(self, sid: str) -> None:
        self._drop_hash(sid_hash(sid))

    def _drop_hash(self, key: str) -> None:
        with self.db.write() as session:
            session.execute(delete(SessionRow).where(col(SessionRow.id_hash) == key))

    def drop_account(self, account_id: str) -> None:
        with self.db.write() as session:
            session.execute(delete(SessionRow).where(col(SessionRow.account_id) == account_id))

    def count(self) -> int:
        with self.db.read() as session:
            return int(session.exec(select(func.count()).select_from(SessionRow)).one())


def csrf_ok(session: WebSession | None, token: str | None) -> bool:
    return session is not None and bool(token) and hmac.compare_digest(session.csrf, str(token))


class WebAuth:
    def __init__(self, db: ServerDB, settings: ServerSettings) -> None:
        self.db = db
        self.settings = settings
        self.sessions = SessionStore(db)

    def _key(self, username: str, client: str) -> str:
        return f"web|{username.strip().lower()}|{client}"[:200]

    def login(self, username: str, password: str, client: str) -> Account | None:
        """The account, or None for a wrong name/password; RateLimited after too many failures.

        As the API does (app/server/auth.py), each attempt is counted as a failure before the password
        is checked, under the login lock: concurrent guesses, from threads or from other worker
        processes, cannot all read the same count."""
        now = time.time()
        key = self._key(username, client)
        window = self.settings.login_window_seconds
        with self.db.write(lock=LOGIN_LOCK_KEY) as session:
            session.execute(delete(LoginFailure).where(col(LoginFailure.at) < now - max(24 * 3600, window)))
            count, oldest = session.exec(
                select(func.count(), func.min(LoginFailure.at)).where(LoginFailure.key == key, LoginFailure.at > now - window)
            ).one()
            if count >= self.settings.login_max_failures:
                raise RateLimited(max(1, int((oldest or now) + window - now) + 1))
            session.add(LoginFailure(key=key, at=now))
            account = session.exec(select(Account).where(Account.username == username.strip())).first()
        ok = verify_password(account.password_hash if account else None, password)
        if not ok or account is None or not account.active:
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

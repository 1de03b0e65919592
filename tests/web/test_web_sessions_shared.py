"""Web sessions live in the server's database, so every worker process serves the same signed-in user:
two app instances on one database stand in for two workers here. Only a hash of the session id is
stored, sign-out and idle expiry hold everywhere, and the failed-login limit counts across them."""

from __future__ import annotations

import threading
import time
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import update
from sqlmodel import col, select

from app.server.api import create_app
from app.server.db import ServerDB
from app.server.tables import WebSession as SessionRow
from app.web import sessions
from app.web.sessions import COOKIE, sid_hash
from tests.support.server_setup import PASSWORD
from tests.web.conftest import WebEnv, csrf_of, sign_in


def _rows(web: WebEnv) -> list[SessionRow]:
    db = ServerDB(web.settings.db_url)
    try:
        with db.read() as session:
            return list(session.exec(select(SessionRow)).all())
    finally:
        db.dispose()


def _second_worker(web: WebEnv) -> tuple[TestClient, ServerDB]:
    app = create_app(web.settings)
    return TestClient(app, base_url="http://testserver"), app.state.server.db


def test_a_session_signed_in_on_one_worker_is_valid_on_another(web: WebEnv) -> None:
    sign_in(web.client, "olga")
    sid = web.client.cookies.get(COOKIE)
    assert sid
    other, db = _second_worker(web)
    try:
        other.cookies.set(COOKIE, sid, path="/web")
        page = other.get("/web/", follow_redirects=False)
        assert page.status_code == 200
        # A form of the second worker carries the same session's CSRF token, and the first accepts it.
        token = csrf_of(page.text)
        r = web.client.post("/web/logout", data={"csrf_token": token}, follow_redirects=False)
        assert r.status_code == 303
        other.cookies.set(COOKIE, sid, path="/web")
        assert other.get("/web/", follow_redirects=False).status_code == 303  # signed out everywhere
    finally:
        other.close()
        db.dispose()


def test_only_the_hash_of_the_session_id_is_stored(web: WebEnv) -> None:
    sign_in(web.client, "olga")
    sid = web.client.cookies.get(COOKIE)
    assert sid
    rows = _rows(web)
    assert sid_hash(sid) in {r.id_hash for r in rows}
    assert all(sid not in (r.id_hash, r.csrf) for r in rows)
    raw = (web.settings.data_dir / "server.db").read_bytes()
    assert sid.encode() not in raw


def test_a_forged_or_expired_session_is_refused(web: WebEnv, monkeypatch: object) -> None:
    sign_in(web.client, "olga")
    sid = web.client.cookies.get(COOKIE)
    assert sid
    web.client.cookies.set(COOKIE, sid_hash(sid), path="/web")  # the stored hash is no key
    assert web.client.get("/web/", follow_redirects=False).status_code == 303
    web.client.cookies.set(COOKIE, sid, path="/web")
    assert web.client.get("/web/", follow_redirects=False).status_code == 200
    later = time.time() + sessions.IDLE_SECONDS + 5
    monkeypatch.setattr(sessions.time, "time", lambda: later)  # type: ignore[attr-defined]
    assert web.client.get("/web/", follow_redirects=False).status_code == 303
    assert sid_hash(sid) not in {r.id_hash for r in _rows(web)}


def test_language_choice_is_kept_in_the_shared_session(web: WebEnv) -> None:
    sign_in(web.client, "olga")
    web.client.get("/web/lang/en", follow_redirects=False)
    sid = web.client.cookies.get(COOKIE)
    other, db = _second_worker(web)
    try:
        other.cookies.set(COOKIE, sid or "", path="/web")
        assert 'lang="en"' in other.get("/web/").text
    finally:
        other.close()
        db.dispose()


def test_failed_sign_ins_count_across_workers(web: WebEnv) -> None:
    other, db = _second_worker(web)
    try:
        clients = [web.client, other]
        for i in range(web.settings.login_max_failures):
            c = clients[i % 2]
            page = c.get("/web/login")
            r = c.post("/web/login", data={"username": "ann", "password": "wrong", "csrf_token": csrf_of(page.text)})
            assert r.status_code == 401
        for c in clients:
            page = c.get("/web/login")
            r = c.post("/web/login", data={"username": "ann", "password": PASSWORD, "csrf_token": csrf_of(page.text)})
            assert r.status_code == 429
    finally:
        other.close()
        db.dispose()


def test_the_session_table_stays_bounded(web: WebEnv, monkeypatch: object) -> None:
    monkeypatch.setattr(sessions, "MAX_SESSIONS", 20)  # type: ignore[attr-defined]
    sign_in(web.client, "olga")
    mine = sid_hash(web.client.cookies.get(COOKIE) or "")
    for _ in range(40):
        TestClient(web.client.app, base_url="http://testserver").get("/web/login")
    rows = _rows(web)
    assert len(rows) <= 20
    assert mine in {r.id_hash for r in rows}  # anonymous sessions go before signed-in ones


def test_a_session_last_use_is_written_in_the_background_not_by_the_page(web: WebEnv, monkeypatch: Any) -> None:
    """A page of a session not seen for over a minute answers without taking the write lock; its last
    use lands shortly after, from the toucher thread."""
    sign_in(web.client, "olga")
    sid = web.client.cookies.get(COOKIE)
    assert sid
    db = ServerDB(web.settings.db_url)
    try:
        with db.write() as session:  # as if the last page was two minutes ago
            session.execute(update(SessionRow).where(col(SessionRow.id_hash) == sid_hash(sid))
                            .values(seen_at=time.time() - 120))
        server_db = web.client.app.state.server.db  # type: ignore[attr-defined]
        writes: list[str] = []
        real_write = server_db.write

        def spying(*args: Any, **kwargs: Any) -> Any:
            writes.append(threading.current_thread().name)
            return real_write(*args, **kwargs)

        monkeypatch.setattr(server_db, "write", spying)
        assert web.client.get("/web/", follow_redirects=False).status_code == 200
        deadline = time.monotonic() + 20
        while True:
            seen = next(r.seen_at for r in _rows(web) if r.id_hash == sid_hash(sid))
            if seen > time.time() - 60 or time.monotonic() > deadline:
                break
            time.sleep(0.05)
        assert seen > time.time() - 60, "the last use was written"
        assert writes and all(name == "web-session-touch" for name in writes), writes
    finally:
        db.dispose()

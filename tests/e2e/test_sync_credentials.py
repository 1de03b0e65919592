"""Login, tokens and the rest of a sync round against a real server: tokens only in the keyring (and
login refused when there is no secure one), a revoked device told plainly with its work kept,
attachments uploaded once before the rows that refer to them, letter numbers reserved in blocks."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import keyring
import pytest
from keyring.backends import fail
from keyrings.alt.file import PlaintextKeyring
from sqlmodel import select

from app import secrets
from app.store import attachments, blobs, letter_numbers, sync_state
from app.store.tables.local import Blob
from app.sync.client import SyncError
from app.sync.credentials import secret_name
from tests.support.live_server import LiveServer
from tests.support.memory_keyring import MemoryKeyring
from tests.support.sync_laptops import PASSWORD, Laptop

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    live = LiveServer(tmp_path_factory.mktemp("server"))
    live.create_grid("A", "甲网格")
    live.create_account("ann", PASSWORD, grids=["A"])
    live.create_account("root", PASSWORD, role="admin")
    with live:
        yield live


def _files_containing(root: Path, needle: str) -> list[Path]:
    raw = needle.encode()
    return [f for f in root.rglob("*") if f.is_file() and raw in f.read_bytes()]


def _devices(server: LiveServer) -> str:
    done = server.run_cli("list-devices")
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.mark.parametrize("backend", ["fail", "plaintext"])
def test_login_is_refused_without_a_secure_keyring_and_nothing_is_written(
    server: LiveServer, tmp_path: Path, backend: str
) -> None:
    laptop = Laptop(tmp_path, "no-keyring")
    plaintext_file = laptop.paths.root / "keyring_pass.cfg"
    if backend == "fail":
        keyring.set_keyring(fail.Keyring())
    else:
        store = PlaintextKeyring()
        store.file_path = str(plaintext_file)  # the worst place: inside the data folder
        keyring.set_keyring(store)
    devices_before = _devices(server)
    try:
        with pytest.raises(SyncError, match="没有安全的系统密钥库"):
            laptop.login(server.url, "ann")
        with laptop.db.read() as session:
            assert not sync_state.load(session).configured
    finally:
        laptop.close()
    assert _devices(server) == devices_before  # the password never left the laptop
    assert not plaintext_file.exists()
    # No JWT anywhere: its header starts {"alg" or {"typ". Three bytes like "eyJ" turn up by chance in a
    # megabyte of ciphertext about one time in ten, so the needle is the whole encoded key.
    for header in ("eyJhbGci", "eyJ0eXAi"):
        assert _files_containing(laptop.paths.root, header) == []


def test_tokens_live_only_in_the_keyring(server: LiveServer, tmp_path: Path, isolated_keyring: MemoryKeyring) -> None:
    laptop = Laptop(tmp_path, "tokens")
    try:
        laptop.login(server.url, "ann")
        laptop.create_enterprise(name="令牌测试有限公司")
        laptop.sync()
        laptop.sync()
        with laptop.db.read() as session:
            device_id = sync_state.load(session).device_id
        refresh = secrets.load_secret(secret_name(device_id))
        assert refresh and len(refresh) < 2560
        # the refresh token and the database key, nothing else, and nowhere else
        assert sorted(isolated_keyring.items) == sorted(
            [(secrets.SERVICE, secret_name(device_id)), *[k for k in isolated_keyring.items if k[1].startswith("database-key:")]]
        )
        assert len(isolated_keyring.items) == 2
        tokens = laptop.engine._tokens
        assert tokens is not None and tokens._access
        access = tokens._access
    finally:
        laptop.close()
    for secret in (refresh, access, access.split(".")[-1]):
        assert _files_containing(laptop.paths.root, secret) == []


def test_a_revoked_device_is_told_plainly_and_keeps_its_work(server: LiveServer, tmp_path: Path) -> None:
    laptop = Laptop(tmp_path, "lost-laptop")
    try:
        laptop.login(server.url, "ann")
        laptop.sync()
        with laptop.db.read() as session:
            device_id = sync_state.load(session).device_id
        done = server.run_cli("revoke-device", device_id)
        assert done.returncode == 0, done.stderr
        kept = laptop.create_enterprise(name="撤销后仍保留的企业")

        report = laptop.sync(expect_ok=False)
        assert report.revoked
        assert "撤销" in report.errors[0] and "保留" in report.errors[0]
        assert laptop.enterprise(kept).name == "撤销后仍保留的企业"
        assert laptop.counts().queued >= 1
        assert secrets.load_secret(secret_name(device_id)) is None
        again = laptop.sync(expect_ok=False)
        assert again.revoked and again.pushed == 0
    finally:
        laptop.close()


def test_attachments_go_up_once_before_their_rows(server: LiveServer, tmp_path: Path) -> None:
    photo = b"\x89PNG fake photo bytes " * 100
    first, second = Laptop(tmp_path, "camera-1"), Laptop(tmp_path, "camera-2")
    try:
        for laptop in (first, second):
            laptop.login(server.url, "ann")
            laptop.sync()
        enterprise_id = first.create_enterprise(name="有照片的企业", grid_id=first.grid_id("A"))
        with first.db.write() as session:
            attachment = attachments.add(
                session, first.paths.blobs, owner_table="enterprise", owner_id=enterprise_id, data=photo,
                mime="image/png", filename="门头.png", kind="photo", field_id="", grid_id=first.grid_id("A"),
                actor="ann",
            )
        report = first.sync()
        assert report.blobs_uploaded == 1
        with first.db.read() as session:
            blob = session.get(Blob, attachment.sha256)
            assert blob is not None and blob.uploaded
        with httpx.Client(base_url=server.url) as http:
            token = http.post("/v1/auth/login", json={"username": "ann", "password": PASSWORD}).json()
            got = http.get(f"/v1/blobs/{attachment.sha256}", headers={"Authorization": f"Bearer {token['access_token']}"})
        assert got.status_code == 200 and got.content == photo

        # The other laptop pulls the row and fetches the bytes; adding the same photo there uploads nothing.
        fetched = second.sync()
        assert fetched.blobs_downloaded == 1
        assert blobs.read_bytes(second.paths.blobs, attachment.sha256) == photo
        with second.db.write() as session:
            attachments.add(
                session, second.paths.blobs, owner_table="enterprise", owner_id=enterprise_id, data=photo,
                mime="image/png", filename="同一张.png", kind="photo", field_id="", grid_id=second.grid_id("A"),
                actor="ann",
            )
        again = second.sync()
        assert again.blobs_uploaded == 0 and again.applied >= 1
        assert first.sync().blobs_uploaded == 0
    finally:
        first.close()
        second.close()


def test_letter_numbers_are_reserved_in_blocks_once(server: LiveServer, tmp_path: Path) -> None:
    first, second = Laptop(tmp_path, "letters-1"), Laptop(tmp_path, "letters-2")
    try:
        for laptop in (first, second):
            laptop.login(server.url, "ann")
        assert first.sync().letter_blocks > 0
        second.sync()
        held: list[set[int]] = []
        for laptop in (first, second):
            with laptop.db.read() as session:
                series = letter_numbers.series_in_use(session)
                assert all(letter_numbers.remaining(session, k, y) >= letter_numbers.TOP_UP_BELOW for k, y in series)
                from app.store.tables.matters import LetterNumberBlock

                blocks = session.exec(select(LetterNumberBlock)).all()
                held.append({(b.series_key, b.year, n) for b in blocks for n in range(b.start, b.end + 1)})  # type: ignore[misc]
        assert held[0] and held[1] and not (held[0] & held[1])
        assert first.sync().letter_blocks == 0
    finally:
        first.close()
        second.close()

"""A lost laptop gives nothing away: canary names, ID numbers and phones planted through the program are
found 0 times in the database, its WAL and SHM, its backups and the attachment files; a wrong key or
passphrase is refused in one sentence; no secure key store means a clear refusal, not a plain file;
an old plain database is backed up and encrypted in place; data files are the owner's only."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import keyring
import pytest
import sqlcipher3.dbapi2 as sqlcipher
from keyring.backends import fail
from sqlmodel import select

from app.paths import DataPaths
from app.store import attachments, backups, blobs, changes, encryption, enterprises
from app.store.db import Database, open_database
from app.store.tables import Enterprise
from tests.support.memory_keyring import MemoryKeyring

CANARIES = ["甄士隐测试员", "110101199003074514", "13912345678", "canary-ZXQW-secret"]


def _plant(db: Database) -> str:
    with db.write() as session:
        firm = enterprises.create(
            session,
            {"name": f"{CANARIES[0]}的公司", "contact_name": CANARIES[0], "contact_phone": CANARIES[2],
             "address": f"身份证 {CANARIES[1]} {CANARIES[3]}"},
            "t",
        )
        attachments.add(
            session, db.paths.blobs, owner_table="enterprise", owner_id=firm.id,
            data=f"{CANARIES[0]} {CANARIES[1]} {CANARIES[2]} {CANARIES[3]}".encode() * 20,
            mime="text/plain", filename="scan.txt", kind="photo", field_id="f", grid_id=None, actor="t",
        )
        return firm.id


def _files(root: Path) -> list[Path]:
    return [p for p in root.rglob("*") if p.is_file() and p.name != encryption.KEYINFO_NAME]


def _hits(root: Path) -> dict[str, int]:
    found: dict[str, int] = {}
    for path in _files(root):
        data = path.read_bytes()
        for canary in CANARIES:
            for form in (canary.encode("utf-8"), canary.encode("utf-16-le")):
                n = data.count(form)
                if n:
                    found[f"{path.relative_to(root)}:{canary}"] = found.get(f"{path.relative_to(root)}:{canary}", 0) + n
    return found


def test_canaries_appear_nowhere_on_disk(data_paths: DataPaths) -> None:
    db = open_database(data_paths)
    firm_id = _plant(db)
    backups.make_backup(db, "manual")
    with db.write() as session:  # a change after the backup: a WAL with content, a second backup
        row = session.get(Enterprise, firm_id)
        assert row is not None
        changes.update(session, row, {"legal_rep": CANARIES[0]}, "t")
    backups.make_backup(db, "auto")
    names = {p.name for p in data_paths.root.iterdir()}
    assert {"inspector.db", "inspector.db-wal", "inspector.db-shm"} <= names  # checked while open
    assert len(list(data_paths.blobs.rglob("*"))) >= 2
    assert list(data_paths.backups.glob("chunks/*/*"))
    assert _hits(data_paths.root) == {}
    # and the program itself still reads it all back
    with db.read() as session:
        (att,) = attachments.of_owner(session, "enterprise", firm_id)
        assert CANARIES[1] in blobs.read_bytes(data_paths.blobs, att.sha256).decode()
        assert session.get(Enterprise, firm_id).contact_phone == CANARIES[2]  # type: ignore[union-attr]
        assert [e.id for e in enterprises.search(session, CANARIES[0][:3])] if hasattr(enterprises, "search") else True
    db.dispose()
    assert _hits(data_paths.root) == {}


def test_a_wrong_key_is_refused_in_one_sentence(data_paths: DataPaths) -> None:
    open_database(data_paths).dispose()
    conn = sqlcipher.connect(str(data_paths.database))
    with pytest.raises(sqlcipher.DatabaseError):
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()  # no key: not a database
    conn.close()
    with pytest.raises(encryption.WrongKey) as caught:
        Database(data_paths, key=os.urandom(32))
    assert str(caught.value) == encryption.WRONG_KEY and "\n" not in str(caught.value)


def test_a_wrong_passphrase_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    paths = DataPaths(tmp_path / "p").ensure()
    monkeypatch.setenv(encryption.ENV_PASSPHRASE, "正确的口令 horse")
    db = open_database(paths)
    _plant(db)
    db.dispose()
    assert encryption.load_keyinfo(paths).mode == "passphrase"  # type: ignore[union-attr]
    monkeypatch.setenv(encryption.ENV_PASSPHRASE, "错误的口令")
    with pytest.raises(encryption.WrongKey, match="不对"):
        open_database(paths)
    monkeypatch.delenv(encryption.ENV_PASSPHRASE)
    with pytest.raises(encryption.PassphraseNeeded):
        open_database(paths)
    monkeypatch.setenv(encryption.ENV_PASSPHRASE, "正确的口令 horse")
    db = open_database(paths)
    with db.read() as session:
        assert session.exec(select(Enterprise)).first() is not None
    db.dispose()
    assert _hits(paths.root) == {}


def test_without_a_secure_key_store_the_program_refuses(tmp_path: Path) -> None:
    keyring.set_keyring(fail.Keyring())  # the autouse fixture puts the memory keyring back
    paths = DataPaths(tmp_path / "nokeyring").ensure()
    with pytest.raises(encryption.NoKeyStore) as caught:
        open_database(paths)
    assert "密钥库" in str(caught.value) and "数据口令" in str(caught.value)
    assert not paths.database.exists() or paths.database.stat().st_size == 0


def test_the_cli_refuses_in_one_sentence_without_a_key_store(tmp_path: Path) -> None:
    env = dict(os.environ, PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring", PYTHONPATH=str(Path.cwd()))
    env.pop(encryption.ENV_PASSPHRASE, None)
    out = subprocess.run([sys.executable, "-m", "app.cli", "--data-dir", str(tmp_path / "d"), "check"],
                         capture_output=True, text=True, env=env, timeout=120)
    text = out.stdout + out.stderr
    assert out.returncode != 0
    assert "Traceback" not in text
    assert "密钥库" in text


def test_a_plain_database_is_backed_up_and_encrypted_in_place(tmp_path: Path, isolated_keyring: MemoryKeyring) -> None:
    """The layout of an older version: a plain file, a plain backup and plain attachment files."""
    paths = DataPaths(tmp_path / "old").ensure()
    # Build the old world with a throw-away key store, then decrypt it to plain (what 0.1 left).
    db = open_database(paths)
    firm_id = _plant(db)
    with db.read() as session:
        (att,) = attachments.of_owner(session, "enterprise", firm_id)
        plain_blob = blobs.read_bytes(paths.blobs, att.sha256)
    conn = db.connect_raw()
    plain_path = tmp_path / "plain.db"
    conn.execute(f"ATTACH DATABASE '{plain_path}' AS plain KEY ''")
    conn.execute("SELECT sqlcipher_export('plain')")
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    conn.execute(f"PRAGMA plain.user_version = {version}")
    conn.execute("DETACH DATABASE plain")
    conn.close()
    db.dispose()
    for suffix in ("", "-wal", "-shm"):
        Path(str(paths.database) + suffix).unlink(missing_ok=True)
    for f in list(paths.backups.rglob("*")):
        if f.is_file():
            f.unlink()
    (paths.root / encryption.KEYINFO_NAME).unlink()
    isolated_keyring.items.clear()
    plain_path.replace(paths.database)
    import shutil

    shutil.copy(paths.database, paths.backups / "inspector-20260101-090000-auto.db")
    blobs.blob_path(paths.blobs, att.sha256).write_bytes(plain_blob)
    assert _hits(paths.root)  # the old world leaks

    db = open_database(paths)
    with db.read() as session:
        assert session.get(Enterprise, firm_id).contact_phone == CANARIES[2]  # type: ignore[union-attr]
        assert blobs.read_bytes(paths.blobs, att.sha256) == plain_blob
    kinds = sorted(b.kind for b in backups.list_backups(paths))
    assert kinds == ["auto", "pre-migrate"]
    assert all(b.path.suffix == ".uib" for b in backups.list_backups(paths))
    pre = next(b for b in backups.list_backups(paths) if b.kind == "pre-migrate")
    assert [r["contact_phone"] for r in backups.backup_rows(db, pre.path, "enterprise")] == [CANARIES[2]]
    assert _hits(paths.root) == {}
    db.dispose()
    assert _hits(paths.root) == {}


def test_data_files_and_folders_are_the_owners_only(data_paths: DataPaths) -> None:
    from app.applog import setup_file_logging

    os.umask(0o022)
    db = open_database(data_paths)
    _plant(db)
    backups.make_backup(db, "manual")
    log_file = setup_file_logging(data_paths)
    import logging

    logging.getLogger("test").warning("a line")
    for handler in logging.getLogger().handlers:
        handler.flush()
    loose = []
    for path in [data_paths.root, *data_paths.root.rglob("*")]:
        mode = stat.S_IMODE(path.stat().st_mode)
        if mode & 0o077:
            loose.append(f"{path.relative_to(data_paths.root.parent)} {oct(mode)}")
    assert log_file.exists()
    db.dispose()
    from app.applog import AppLogHandler

    for handler in list(logging.getLogger().handlers):
        if isinstance(handler, AppLogHandler):
            logging.getLogger().removeHandler(handler)
            handler.close()
    assert loose == []

"""Fixtures shared by every test: an isolated data folder, a migrated database, the demo district, an
application context for GUI tests, and an in-memory keyring so no test reaches the real one."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from hypothesis import settings as hypothesis_settings
from hypothesis.configuration import set_hypothesis_home_dir

from app.paths import DataPaths
from app.store.db import Database, open_database
from tests.support.memory_keyring import MemoryKeyring

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# Hypothesis keeps its failing examples and caches outside the checkout (tests never write into it);
# they are still replayed first on the next run on this machine, and a failure prints the blob that
# reproduces it anywhere.
set_hypothesis_home_dir(Path(tempfile.gettempdir()) / "union-inspector-hypothesis")
hypothesis_settings.register_profile("union-inspector", print_blob=True)
hypothesis_settings.load_profile("union-inspector")


@pytest.fixture(autouse=True)
def isolated_keyring() -> Iterator[MemoryKeyring]:
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    try:
        yield backend
    finally:
        keyring.set_keyring(previous)


@pytest.fixture(autouse=True)
def isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "home"
    monkeypatch.setenv("UNION_INSPECTOR_HOME", str(home))
    return home


@pytest.fixture(autouse=True)
def no_unexpected_modal_boxes(monkeypatch: pytest.MonkeyPatch) -> None:
    """A message box nobody answers would hang an offscreen test run for ever (and pytest-timeout
    cannot interrupt Qt's C++ event loop). Tests that expect one patch it with their answer."""
    from PySide6.QtWidgets import QMessageBox

    def refuse(*args: object, **_kwargs: object) -> None:
        texts = [a for a in args if isinstance(a, str)]
        raise AssertionError(f"unexpected message box: {texts[:2]}")

    for name in ("question", "warning", "critical", "information"):
        monkeypatch.setattr(QMessageBox, name, staticmethod(refuse))


@pytest.fixture
def data_paths(tmp_path: Path) -> DataPaths:
    return DataPaths(tmp_path / "data").ensure()


@pytest.fixture
def db(data_paths: DataPaths) -> Iterator[Database]:
    database = open_database(data_paths)
    try:
        yield database
    finally:
        database.dispose()


@pytest.fixture
def demo_db(db: Database) -> Database:
    from app.demo import create_demo_district

    create_demo_district(db, enterprises=120, seed=7)
    return db


@pytest.fixture
def ctx(qtbot: object, demo_db: Database) -> object:
    from app.ui.shell.context import AppContext

    return AppContext(demo_db.paths, demo_db)

"""Alembic, driven from code: the desktop program migrates its own file on start."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Protocol

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Engine


class Database(Protocol):
    """What migrating needs of `app.store.db.Database` (declared here so that db, which migrates on
    open, and this module do not import each other)."""

    @property
    def path(self) -> Path: ...

    @property
    def write_engine(self) -> Engine: ...

MIGRATIONS_DIR = Path(__file__).with_name("migrations")


def alembic_config(db: Database) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.set_main_option("sqlalchemy.url", f"sqlite:///{db.path}")
    return cfg


def head_revisions(db: Database) -> set[str]:
    return set(_heads())


@cache
def _heads() -> frozenset[str]:
    """Reading the revision files takes a tenth of a second; they do not change while a process runs."""
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    return frozenset(ScriptDirectory.from_config(cfg).get_heads())


def current_revisions(db: Database) -> set[str]:
    with db.write_engine.connect() as conn:
        return set(MigrationContext.configure(conn).get_current_heads())


def pending_revisions(db: Database) -> bool:
    return current_revisions(db) != head_revisions(db)


def upgrade(db: Database) -> None:
    cfg = alembic_config(db)
    with db.write_engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "heads")

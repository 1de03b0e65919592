"""Alembic, driven from code: the desktop program migrates its own file on start.

Whether a file needs migrating is decided without Alembic: the stored revisions are one plain query,
and the heads come from the revision ids written in the revision files. Importing Alembic (and through
it every SQL dialect it supports) took a fifth of a second of every start and every `check`; it is
imported only when a migration runs or when the files say something the plain reading cannot."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from alembic.config import Config
    from sqlalchemy.engine import Engine


class Database(Protocol):
    """What migrating needs of `app.store.db.Database` (declared here so that db, which migrates on
    open, and this module do not import each other)."""

    @property
    def path(self) -> Path: ...

    @property
    def write_engine(self) -> Engine: ...

MIGRATIONS_DIR = Path(__file__).with_name("migrations")
_REVISION = re.compile(r"^revision\s*(?::[^=\n]*)?=\s*['\"]([^'\"]+)['\"]\s*$", re.M)
_DOWN = re.compile(r"^down_revision\s*(?::[^=\n]*)?=\s*(\([^)]*\)|[^\n]*)$", re.M)
_PLAIN = re.compile(r"^(branch_labels|depends_on)\s*(?::[^=\n]*)?=\s*None\s*$", re.M)


def alembic_config(db: Database) -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.set_main_option("sqlalchemy.url", f"sqlite:///{db.path}")
    return cfg


def head_revisions(db: Database) -> set[str]:
    return heads()


def heads() -> set[str]:
    """The newest revisions, as the revision files name them (no database needed)."""
    return set(_heads())


@cache
def _heads() -> frozenset[str]:
    """The revisions no other revision builds on, read from the files (a few milliseconds). A file
    with branch labels or dependencies, or one this reading does not understand, is left to Alembic."""
    revisions: set[str] = set()
    parents: set[str] = set()
    for path in sorted((MIGRATIONS_DIR / "versions").glob("*.py")):
        source = path.read_text(encoding="utf-8")
        revision, down = _REVISION.search(source), _DOWN.search(source)
        if revision is None or down is None or len(_PLAIN.findall(source)) != 2:
            return alembic_heads()
        revisions.add(revision.group(1))
        parents.update(re.findall(r"['\"]([^'\"]+)['\"]", down.group(1)))
    return frozenset(revisions - parents)


@cache
def alembic_heads() -> frozenset[str]:
    """Alembic's own answer (reading the revision files takes it a tenth of a second)."""
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    return frozenset(ScriptDirectory.from_config(cfg).get_heads())


def current_revisions(db: Database) -> set[str]:
    with db.write_engine.connect() as conn:
        known = conn.exec_driver_sql("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'").first()
        if known is None:
            return set()
        return {str(row[0]) for row in conn.exec_driver_sql("SELECT version_num FROM alembic_version")}


def pending_revisions(db: Database) -> bool:
    return current_revisions(db) != head_revisions(db)


def upgrade(db: Database) -> None:
    from alembic import command

    cfg = alembic_config(db)
    with db.write_engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "heads")

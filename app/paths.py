"""Where this installation keeps its data: the per-user data folder, unless `--data-dir` or the
UNION_INSPECTOR_HOME environment variable says otherwise (tests and scripts use the latter)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_NAME = "UnionInspector"
ENV_HOME = "UNION_INSPECTOR_HOME"


@dataclass(frozen=True)
class DataPaths:
    root: Path

    @property
    def database(self) -> Path:
        return self.root / "inspector.db"

    @property
    def backups(self) -> Path:
        return self.root / "backups"

    @property
    def blobs(self) -> Path:
        return self.root / "blobs"

    @property
    def logs(self) -> Path:
        return self.root / "logs"

    @property
    def exports(self) -> Path:
        return self.root / "exports"

    def ensure(self) -> DataPaths:
        """Folders are the owner's only (0700): they hold personal data, even when it is encrypted."""
        for folder in (self.root, self.backups, self.blobs, self.logs, self.exports):
            folder.mkdir(parents=True, exist_ok=True, mode=0o700)
            if folder.stat().st_mode & 0o077:
                os.chmod(folder, 0o700)
        return self


def resolve_data_paths(data_dir: str | os.PathLike[str] | None = None) -> DataPaths:
    if data_dir:
        return DataPaths(Path(data_dir).expanduser().resolve())
    env = os.environ.get(ENV_HOME)
    if env:
        return DataPaths(Path(env).expanduser().resolve())
    return DataPaths(Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)))

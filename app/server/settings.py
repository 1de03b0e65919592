"""What an operator can set: where data lives, which database, the token secret and the limits."""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass, field
from pathlib import Path

from app.sync.protocol import ACCESS_TOKEN_SECONDS

SECRET_ENV = "UNION_INSPECTOR_SERVER_SECRET"
DB_ENV = "UNION_INSPECTOR_SERVER_DB"


def normalize_db_url(url: str) -> str:
    """`postgresql://` means psycopg 3 here (SQLAlchemy would otherwise look for psycopg2)."""
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


@dataclass
class ServerSettings:
    data_dir: Path
    database_url: str | None = None
    jwt_secret: str | None = None
    access_token_seconds: int = ACCESS_TOKEN_SECONDS
    login_max_failures: int = 5
    login_window_seconds: int = 300
    refresh_reuse_grace_seconds: int = 30
    migrate_on_start: bool = True
    extra: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.data_dir = Path(self.data_dir)
        self.access_token_seconds = min(self.access_token_seconds, ACCESS_TOKEN_SECONDS)

    @property
    def db_url(self) -> str:
        url = self.database_url or os.environ.get(DB_ENV) or f"sqlite:///{self.data_dir / 'server.db'}"
        return normalize_db_url(url)

    @property
    def blob_dir(self) -> Path:
        return self.data_dir / "blobs"

    def secret(self) -> str:
        """The JWT signing key: given, from the environment, or made once and kept in the data folder
        (readable by the owner only) so that a restart does not log every device out."""
        if self.jwt_secret:
            return self.jwt_secret
        env = os.environ.get(SECRET_ENV)
        if env:
            self.jwt_secret = env
            return env
        path = self.data_dir / "jwt-secret"
        if path.exists():
            self.jwt_secret = path.read_text(encoding="ascii").strip()
            return self.jwt_secret
        self.data_dir.mkdir(parents=True, exist_ok=True)
        value = secrets.token_urlsafe(48)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="ascii") as fh:
            fh.write(value)
        self.jwt_secret = value
        return value

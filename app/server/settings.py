"""What an operator can set: where data lives, which database, the token secret and the limits."""

from __future__ import annotations

import ipaddress
import os
import secrets
from dataclasses import dataclass, field
from pathlib import Path

from app.sync.protocol import ACCESS_TOKEN_SECONDS

SECRET_ENV = "UNION_INSPECTOR_SERVER_SECRET"
DB_ENV = "UNION_INSPECTOR_SERVER_DB"
PROXIES_ENV = "UNION_INSPECTOR_TRUSTED_PROXIES"
TILES_ENV = "UNION_INSPECTOR_SERVER_TILES"
TILES_FILE = "basemap.mbtiles"


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
    """Failed sign-ins per account (from any address) within the window before 429."""
    login_max_failures_per_address: int = 20
    """Failed sign-ins from one client address (across all usernames) within the window before 429."""
    login_window_seconds: int = 300
    trusted_proxies: tuple[str, ...] = ()
    """Addresses or networks (CIDR) of reverse proxies whose X-Forwarded-For is believed; by default
    none, so the client address is the TCP peer. Also from UNION_INSPECTOR_TRUSTED_PROXIES (commas)."""
    letter_blocks_per_hour: int = 12
    """Letter-number blocks one device may reserve per hour (each at most MAX_LETTER_BLOCK numbers)."""
    refresh_reuse_grace_seconds: int = 30
    migrate_on_start: bool = True
    tiles_path: Path | None = None
    """The office's base map (an MBTiles file) served to phones and the web pages as map tiles; by
    default UNION_INSPECTOR_SERVER_TILES, else basemap.mbtiles in the data folder (absent: no tiles)."""
    extra: dict[str, str] = field(default_factory=dict)
    _networks: list[ipaddress.IPv4Network | ipaddress.IPv6Network] = field(default_factory=list, init=False, repr=False)

    def __post_init__(self) -> None:
        self.data_dir = Path(self.data_dir)
        self.access_token_seconds = min(self.access_token_seconds, ACCESS_TOKEN_SECONDS)
        if not self.trusted_proxies:
            env = os.environ.get(PROXIES_ENV, "")
            self.trusted_proxies = tuple(p.strip() for p in env.split(",") if p.strip())
        self._networks = [ipaddress.ip_network(p, strict=False) for p in self.trusted_proxies]

    def is_trusted_proxy(self, address: str) -> bool:
        try:
            ip = ipaddress.ip_address(address)
        except ValueError:
            return False
        return any(ip in net for net in self._networks)

    def client_address(self, peer: str, forwarded_for: str | None) -> str:
        """The client's address: the TCP peer, unless that peer is a trusted proxy; then the nearest
        address in X-Forwarded-For that is not itself a trusted proxy (a client can prepend anything,
        only what the proxies appended is believed)."""
        if not forwarded_for or not self.is_trusted_proxy(peer):
            return peer
        hops = [h.strip() for h in forwarded_for.split(",") if h.strip()]
        for hop in reversed(hops):
            if not self.is_trusted_proxy(hop):
                return hop[:64]
        return hops[0][:64] if hops else peer

    @property
    def db_url(self) -> str:
        url = self.database_url or os.environ.get(DB_ENV) or f"sqlite:///{self.data_dir / 'server.db'}"
        return normalize_db_url(url)

    @property
    def tiles_file(self) -> Path:
        if self.tiles_path is not None:
            return Path(self.tiles_path)
        env = os.environ.get(TILES_ENV)
        return Path(env) if env else self.data_dir / TILES_FILE

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
        self.data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        value = secrets.token_urlsafe(48)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="ascii") as fh:
            fh.write(value)
        self.jwt_secret = value
        return value

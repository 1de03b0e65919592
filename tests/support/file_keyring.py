"""A keyring backend kept in one JSON file, so that a test and the child process it kills share the same
(rotating) refresh token. Tests only: it stands in for an OS keyring, which a child process would share."""

from __future__ import annotations

import json
import os
from pathlib import Path

from keyring.backend import KeyringBackend


class SharedFileKeyring(KeyringBackend):
    priority = 1  # type: ignore[assignment]

    def __init__(self, path: Path | str) -> None:
        super().__init__()
        self.path = Path(path)

    def _load(self) -> dict[str, str]:
        try:
            loaded = json.loads(self.path.read_text())
        except (OSError, ValueError):
            return {}
        return loaded if isinstance(loaded, dict) else {}

    def _save(self, items: dict[str, str]) -> None:
        tmp = self.path.with_suffix(".tmp")
        tmp.write_text(json.dumps(items))
        os.replace(tmp, self.path)

    def get_password(self, service: str, username: str) -> str | None:
        return self._load().get(f"{service}\n{username}")

    def set_password(self, service: str, username: str, password: str) -> None:
        items = self._load()
        items[f"{service}\n{username}"] = password
        self._save(items)

    def delete_password(self, service: str, username: str) -> None:
        items = self._load()
        items.pop(f"{service}\n{username}", None)
        self._save(items)


def share(items: dict[tuple[str, str], str], path: Path) -> Path:
    """Copies a memory keyring's entries (the database key among them) into a file a child process
    can open with `SharedFileKeyring`."""
    store = SharedFileKeyring(path)
    for (service, username), password in items.items():
        store.set_password(service, username, password)
    return path

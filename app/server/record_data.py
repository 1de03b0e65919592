"""A record's data as stored: compact, sorted JSON text. A module of its own because the figure tables and
the search index read it too, and the record writer imports those."""

from __future__ import annotations

import json
from typing import Any


def dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def loads_data(text: str) -> dict[str, Any]:
    value = json.loads(text or "{}")
    return value if isinstance(value, dict) else {}


def loads_or_empty(text: str) -> dict[str, Any]:
    """For readers (pages, figures, indexes, pull) that must go on past one damaged row; merges use the
    strict `loads_data`."""
    try:
        return loads_data(text)
    except ValueError:
        return {}

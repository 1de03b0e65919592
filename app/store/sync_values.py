"""Column values as the replica stores them: JSON carries dates as ISO strings and numbers loosely, the
columns want Python types. Shared by applying pulled changes (sync_replica), dismissing a refused change
(sync_queue) and showing conflicts, so those need not import each other."""

from __future__ import annotations

import datetime as dt
import functools
import json
import logging
import types
import typing
from typing import Any

from app.store.tables.base import SyncedRow

log = logging.getLogger("app.store.sync_replica")


def _plain_type(annotation: Any) -> Any:
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        return args[0] if len(args) == 1 else None
    return annotation


@functools.lru_cache(maxsize=1024)
def field_type(cls: type[SyncedRow], name: str) -> Any:
    """The column's Python type without Optional (None when unknown or ambiguous)."""
    info = cls.model_fields.get(name)
    return _plain_type(info.annotation) if info is not None else None


def coerce_value(cls: type[SyncedRow], name: str, value: Any) -> Any:
    """JSON carries dates as ISO strings and numbers loosely; the columns want Python types."""
    if value is None:
        return None
    kind = field_type(cls, name)
    if kind is str and isinstance(value, str):
        return value
    try:
        if kind is dt.date and isinstance(value, str):
            return dt.date.fromisoformat(value[:10])
        if kind is dt.datetime and isinstance(value, str):
            return dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
        if kind is bool:
            if isinstance(value, str):
                return value.strip().lower() in {"1", "true", "yes", "是"}
            return bool(value)
        if kind is int and not isinstance(value, bool) and isinstance(value, int | float | str):
            return int(value)
        if kind is float and isinstance(value, int | float | str):
            return float(value)
        if kind is str and not isinstance(value, str):
            return json.dumps(value, ensure_ascii=False, sort_keys=True)
    except (TypeError, ValueError):
        log.warning("pulled value for %s.%s has an unexpected form: %r", cls.__tablename__, name, value)
    return value

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


# --- one field of the stored data in SQL, surviving damaged rows ----------------------------------

SAFE_JSONB = "ui_jsonb_or_null"
SAFE_JSONB_SQL = f"""
CREATE OR REPLACE FUNCTION {SAFE_JSONB}(doc text) RETURNS jsonb
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL UNSAFE AS $$
BEGIN
    RETURN doc::jsonb;
EXCEPTION WHEN others THEN
    RETURN NULL;
END
$$
"""
"""PostgreSQL before 16 has no test for valid JSON text (no `IS JSON`, no `pg_input_is_valid`), and a
plain cast fails the whole query on one damaged row: this cast gives NULL instead (made by the server
migration s0020)."""


def json_field(dialect: str, column: Any, name: str) -> Any:
    """One field of a record's JSON data as text, in the dialect's own JSON function. A row whose text
    is not JSON (damaged in the file, a hand edit) reads as NULL instead of failing the whole query: on
    SQLite through json_valid, on PostgreSQL through the safe cast above. `name` must be a plain field
    name (it is put into the JSON path)."""
    from sqlalchemy import case, func
    from sqlalchemy.dialects.postgresql import JSONB

    if dialect == "sqlite":
        return func.json_extract(case((func.json_valid(column), column)), f"$.{name}")
    return getattr(func, SAFE_JSONB)(column, type_=JSONB)[name].astext

"""The laptop's side of the reports: the rows `app.core.report_figures` needs, read from the local
store (the same computation runs on the server over its record table)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import text
from sqlmodel import Session

from app.core.report_figures import FIELDS, Figures, Span, compute

# Rows whose own grid_id may be empty take their enterprise's grid, as sync does.
_GRID = {
    "grid": "NULL",
    "inspector": "NULL",
    "enterprise": "t.grid_id",
    "visit": "COALESCE(t.grid_id, (SELECT e.grid_id FROM enterprise e WHERE e.id = t.enterprise_id))",
    "matter": "t.grid_id",
    "letter": "t.grid_id",
    "work_order": "t.grid_id",
}


def load_rows(session: Session) -> dict[str, list[dict[str, Any]]]:
    conn = session.connection()
    out: dict[str, list[dict[str, Any]]] = {}
    for entity, fields in FIELDS.items():
        columns = ", ".join(f"t.{f}" for f in fields)
        sql = f"SELECT t.id, {_GRID[entity]} AS grid_id, {columns} FROM {entity} t WHERE t.deleted = 0"
        names = ("id", "grid_id", *fields)
        out[entity] = [dict(zip(names, row, strict=True)) for row in conn.execute(text(sql))]
    return out


def local_figures(session: Session, span: Span, scope: str = "本机数据") -> Figures:
    from app.catalog import load_catalog

    catalog = load_catalog()
    labels = {code: catalog.label(code) for code in catalog.codes()}
    return compute(load_rows(session), span, scope=scope, category_labels=labels)

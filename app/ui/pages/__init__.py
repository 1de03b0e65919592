"""Importing this package registers every area's pages and tabs with app.ui.registry."""

from app.ui import legislation  # noqa: F401  (its own package)
from app.ui.pages import (  # noqa: F401
    audit,
    datapool,
    enterprises,
    letters,
    maintenance,
    matters,
    reports,
    sync,
    workorders,
)

"""Importing this package registers every area's pages and tabs with app.ui.registry."""

from app.ui import unions  # noqa: F401  (union building: its page and enterprise tab)
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

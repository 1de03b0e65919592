"""Importing this package registers every area's pages and tabs with app.ui.registry."""

import app.ui.cases  # noqa: F401  (legal-supervision network)
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

"""Importing this package registers every area's pages and tabs with app.ui.registry."""

from app.ui.pages import audit, datapool, enterprises, letters, maintenance, matters, reports, sync, workorders  # noqa: F401

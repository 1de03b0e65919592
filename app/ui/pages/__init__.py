"""Importing this package registers every area's pages and tabs with app.ui.registry."""

from app.ui.pages import datapool, enterprises, letters, matters, reports, sync  # noqa: F401

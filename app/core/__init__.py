"""Domain rules. Pure Python: no Qt, no SQL, no I/O (import-linter forbids sqlalchemy, sqlmodel,
alembic, PySide6, httpx and reportlab here). The bottom layer but for paths and resources."""

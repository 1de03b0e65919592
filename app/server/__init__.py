"""The district server (FastAPI)."""

"""The district server (FastAPI). Beside app.ui in the layers and independent of it: it never imports
the desktop UI or Qt; it shares the sync protocol with app.sync and the rules in app.core."""

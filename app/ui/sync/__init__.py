"""Sync in the window: the status-bar indicator, login, conflict and needs-attention dialogs, and the
background worker that runs `app.sync`."""

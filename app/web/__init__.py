"""The office's web pages on the district server (see routes.install)."""

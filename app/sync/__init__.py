"""The client side of sync with the district server."""

"""Tables of this area (filled by its issue)."""

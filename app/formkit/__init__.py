"""Visit form definitions (data in forms/) and validation of answers against them. No Qt here."""

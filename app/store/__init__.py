"""Local storage: the only desktop package that talks SQL."""

"""Domain rules. Pure Python: no Qt, no SQL, no I/O."""

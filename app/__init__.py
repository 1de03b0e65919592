"""Union Inspector (工会走访监督助手)."""

__version__ = "0.1.0"

"""The office's confirmations of unverified legal citations, as a district-wide synced record.

A laptop keeps its own confirmations in local state (an office user confirmed on that machine); a
confirmation the office makes in the web pages travels to every laptop as this row, and the letter flow
accepts either. No grid: every account reads it, only office and admin accounts write it."""

from __future__ import annotations

from sqlmodel import Field

from app.store.tables.base import SyncedRow, register


@register
class CitationConfirmation(SyncedRow, table=True):
    """One citation (heading 《法》第X条, as the catalog writes it) checked against the official text."""

    __tablename__ = "citation_confirmation"

    article_key: str = Field(max_length=200, index=True)
    confirmed_by: str = Field(max_length=64)
    confirmed_at: str = Field(max_length=32)
    note: str = Field(default="", max_length=500)

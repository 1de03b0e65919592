"""Keeps this device stocked with letter numbers reserved on the server, so that letters issued offline
get real numbers that no other device can have. Each reservation carries a request id kept in
local_state until its block is stored, so a reservation whose answer was lost returns the same block
when retried instead of wasting (or doubling) numbers."""

from __future__ import annotations

import datetime as dt
import importlib
import logging
from dataclasses import dataclass, field
from types import ModuleType

from app.core.ids import new_id
from app.store import local_state
from app.store.db import Database
from app.sync import protocol as p
from app.sync.client import SyncClient, SyncError

log = logging.getLogger(__name__)

REQUEST_KEY_PREFIX = "sync.letter_request."
DEFAULT_BLOCK_SIZE = 20
DEFAULT_TOP_UP_BELOW = 5


@dataclass
class TopUpOutcome:
    blocks: list[tuple[str, int, int, int]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def _numbers_module() -> ModuleType | None:
    try:
        return importlib.import_module("app.store.letter_numbers")
    except ImportError:
        return None


def top_up(
    db: Database, client: SyncClient, *, today: dt.date | None = None, module: ModuleType | None = None
) -> TopUpOutcome:
    outcome = TopUpOutcome()
    numbers = module or _numbers_module()
    if numbers is None:
        return outcome
    size = int(getattr(numbers, "BLOCK_SIZE", DEFAULT_BLOCK_SIZE))
    low = int(getattr(numbers, "TOP_UP_BELOW", DEFAULT_TOP_UP_BELOW))
    with db.read() as session:
        wanted = [
            (key, year)
            for key, year in numbers.series_in_use(session, today)
            if numbers.remaining(session, key, year) < low
        ]
    for key, year in wanted:
        state_key = f"{REQUEST_KEY_PREFIX}{key}.{year}"[:64]
        with db.write() as session:
            request_id = local_state.get(session, state_key)
            if not request_id:
                request_id = new_id()
                local_state.put(session, state_key, request_id)
        request = p.LetterNumberReserveRequest(series_key=key, year=year, count=size, request_id=request_id)
        try:
            block = client.reserve_letter_numbers(request)
        except SyncError as exc:
            outcome.errors.append(f"文号 {key}〔{year}〕未能预留：{exc}")
            continue
        with db.write() as session:
            try:
                numbers.add_block(session, block.series_key, block.year, block.start, block.end)
            except ValueError as exc:
                log.warning("letter number block refused: %s", exc)
                outcome.errors.append(str(exc))
            local_state.put(session, state_key, "")
        outcome.blocks.append((block.series_key, block.year, block.start, block.end))
    return outcome

"""Letter numbers: blocks of a series and year handed out under the writer lock, so that no two devices
ever get overlapping numbers; a retried request (same request_id) gets its first block back."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func
from sqlmodel import select

from app.core.ids import utc_now, utc_now_iso
from app.server.accounts import Principal
from app.server.db import ServerDB
from app.server.errors import ApiError
from app.server.tables import LetterBlock, LetterSeries
from app.sync.protocol import LetterNumberBlock, LetterNumberReserveRequest

DEFAULT_BLOCKS_PER_HOUR = 12


def _block(row: LetterBlock) -> LetterNumberBlock:
    return LetterNumberBlock(
        series_key=row.series_key, year=row.year, start=row.start, end=row.end, device_id=row.device_id
    )


def reserve(
    db: ServerDB, principal: Principal, req: LetterNumberReserveRequest, per_hour: int = DEFAULT_BLOCKS_PER_HOUR
) -> LetterNumberBlock:
    """Blocks are small (MAX_LETTER_BLOCK, checked by the request model) and a device gets at most
    `per_hour` of them an hour, so one account cannot drain a series; a retry is not counted."""
    with db.write(serialize=True) as session:
        if req.request_id:
            done = session.exec(select(LetterBlock).where(LetterBlock.request_id == req.request_id)).first()
            if done is not None:
                if done.account_id != principal.account_id:
                    raise ApiError(
                        409, "request_id_reused", "This request id was already used by another account; send a new one."
                    )
                return _block(done)
        since = (utc_now() - dt.timedelta(hours=1)).isoformat(timespec="milliseconds") + "Z"
        recent = session.exec(
            select(func.count(), func.min(LetterBlock.created_at)).where(
                LetterBlock.device_id == principal.device_id, LetterBlock.created_at > since
            )
        ).one()
        if recent[0] >= per_hour:
            oldest = dt.datetime.fromisoformat(str(recent[1]).rstrip("Z"))
            retry = max(1, int((oldest + dt.timedelta(hours=1) - utc_now()).total_seconds()) + 1)
            raise ApiError(
                429,
                "rate_limited",
                f"This device reserved {recent[0]} blocks of letter numbers within the hour; "
                f"try again in {retry} seconds.",
                headers={"Retry-After": str(retry)},
            )
        series = session.get(LetterSeries, (req.series_key, req.year))
        if series is None:
            series = LetterSeries(series_key=req.series_key, year=req.year, next_number=1)
        start = series.next_number
        series.next_number = start + req.count
        session.add(series)
        row = LetterBlock(
            series_key=req.series_key,
            year=req.year,
            start=start,
            end=start + req.count - 1,
            device_id=principal.device_id,
            account_id=principal.account_id,
            request_id=req.request_id,
            created_at=utc_now_iso(),
        )
        session.add(row)
        session.flush()
        return _block(row)

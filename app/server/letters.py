"""Letter numbers: blocks of a series and year handed out under the writer lock, so that no two devices
ever get overlapping numbers; a retried request (same request_id) gets its first block back."""

from __future__ import annotations

from sqlmodel import select

from app.core.ids import utc_now_iso
from app.server.accounts import Principal
from app.server.db import ServerDB
from app.server.tables import LetterBlock, LetterSeries
from app.sync.protocol import LetterNumberBlock, LetterNumberReserveRequest


def _block(row: LetterBlock) -> LetterNumberBlock:
    return LetterNumberBlock(
        series_key=row.series_key, year=row.year, start=row.start, end=row.end, device_id=row.device_id
    )


def reserve(db: ServerDB, principal: Principal, req: LetterNumberReserveRequest) -> LetterNumberBlock:
    with db.write(serialize=True) as session:
        if req.request_id:
            done = session.exec(select(LetterBlock).where(LetterBlock.request_id == req.request_id)).first()
            if done is not None:
                return _block(done)
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

"""Demo: one citation the office confirmed for the whole district in the web pages, as laptops receive
it through sync (the demo's letters confirm theirs on the laptop itself)."""

from __future__ import annotations

import random

from sqlmodel import Session

from app.catalog import load_catalog
from app.core.ids import utc_now_iso
from app.core.violations import confirmation_id
from app.store import changes
from app.store.tables.citations import CitationConfirmation


def extend_demo(session: Session, rng: random.Random) -> str:
    del rng
    headings = list(dict.fromkeys(c.heading() for cat in load_catalog().categories for c in cat.unverified))
    if not headings:
        return ""
    heading = headings[-1]
    changes.insert(session, CitationConfirmation(
        id=confirmation_id(heading), article_key=heading, confirmed_by="区总工会办公室（演示）",
        confirmed_at=utc_now_iso(), note="已与国家法律法规数据库文本核对",
    ), "区总工会办公室（演示）")
    return f"区总工会已确认条文 {heading}"

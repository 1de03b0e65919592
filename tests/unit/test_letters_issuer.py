"""One issuer for every document: the letters and the legislative contact point's 意见汇总 print the
same name (the setting, else the district's union)."""

from __future__ import annotations

from app.documents import letter_flow as flow
from app.store import changes, local_state
from app.store.db import Database
from app.store.tables import Enterprise, Grid


def test_issuer_without_an_enterprise_uses_the_district_then_the_setting(db: Database) -> None:
    with db.write() as session:
        assert flow.issuer_name(session) == "区总工会"
        grid = changes.insert(session, Grid(code="G01", name="东湖网格", district="示范区"), "t")
        firm = changes.insert(session, Enterprise(name="某公司", grid_id=grid.id), "t")
        assert flow.issuer_name(session) == flow.issuer_name(session, firm) == "示范区总工会"
        local_state.put(session, flow.ISSUER_KEY, "示范区总工会（法律监督）")
        assert flow.issuer_name(session) == flow.issuer_name(session, firm) == "示范区总工会（法律监督）"

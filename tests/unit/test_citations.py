"""Citations: the catalog quotes each article with its source, the unpaid-wages category cites the rules
for all staff, and an unverified article is only issued after an office user confirmed it, once."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlmodel import select

from app.catalog import load_catalog
from app.core.problems import ValidationError
from app.documents import letter_flow as flow
from app.store import changes, citations, letter_numbers
from app.store import matters as repo
from app.store.db import Database
from app.store.tables import Enterprise, Grid
from app.store.tables.audit import AuditLog


def test_every_citation_quotes_its_text_and_names_its_source() -> None:
    raw = json.loads(Path("resources/violations.json").read_text(encoding="utf-8"))
    for cat in raw["categories"]:
        for c in cat["basis"]:
            assert c["text"].strip(), c
            if c["verified"]:
                assert c.get("source", "").strip(), f"{cat['code']} {c['law']}{c.get('article')} has no source"
    wages = load_catalog().get("wage_arrears")
    assert wages is not None
    cited = {(c.law, c.article) for c in wages.basis}
    assert ("中华人民共和国劳动合同法", "第三十条") in cited and ("工资支付暂行规定", "第七条") in cited


def _matter_with_unverified(db: Database) -> tuple[str, list[str]]:
    with db.write() as session:
        grid = changes.insert(session, Grid(code="G01", name="东湖网格", district="示范区"), "t")
        enterprise = changes.insert(session, Enterprise(name="示范区恒通精密制造有限公司", grid_id=grid.id), "t")
        matter = repo.create_matter(
            session, enterprise_id=enterprise.id, source="informant", source_ref="", category="wage_arrears",
            facts="职工工资拖欠两个月。", actor="t",
            legal_basis="《中华人民共和国劳动法》第五十条：工资应当以货币形式按月支付给劳动者本人。〔条文待核实〕\n"
                        "《中华人民共和国劳动合同法》第三十条：用人单位应当……及时足额支付劳动报酬。",
        )
        letter_numbers.add_block(session, "工监提", matter.opened_on.year, 1, 9)
        return matter.id, citations.unverified_in(matter.legal_basis)


def test_unverified_citation_waits_for_an_office_confirmation(db: Database) -> None:
    matter_id, waiting = _matter_with_unverified(db)
    assert waiting == ["《中华人民共和国劳动法》第五十条"]
    with db.write() as session:
        letter = flow.draft_from_matter(session, matter_id, "tips", actor="t")
    with db.write() as session, pytest.raises(citations.UnconfirmedCitations, match="第五十条尚未与官方文本核对"):
        flow.issue_letter(session, letter.id, actor="t", role="office", blobs_root=db.paths.blobs)
    with db.write() as session, pytest.raises(ValidationError, match="区总工会工作人员"):
        citations.confirm(session, waiting, actor="inspector-1", role="inspector")
    with db.write() as session:
        citations.confirm(session, waiting, actor="office-1", role="office")
        citations.confirm(session, waiting, actor="office-2", role="office")  # once per citation
    with db.write() as session:
        issued = flow.issue_letter(session, letter.id, actor="t", role="office", blobs_root=db.paths.blobs)
        assert issued.status == "issued"
    with db.read() as session:
        found = citations.confirmation(session, waiting[0])
        assert found is not None and found.by == "office-1"
        rows = session.exec(select(AuditLog).where(AuditLog.event == "confirm")).all()
        assert len(rows) == 1 and "第五十条" in rows[0].detail and rows[0].actor == "office-1"
        assert citations.unconfirmed(session, repo.get(session, matter_id).legal_basis) == []


def test_check_reports_citations_waiting_for_confirmation(db: Database) -> None:
    from app.health import check_citations

    results = check_citations(db.paths)
    assert any(r.level == "warn" and "第十五条" in r.message for r in results)
    with db.write() as session:
        citations.confirm(session, ["《保障农民工工资支付条例》第十五条"], actor="office-1", role="office")
    results = check_citations(db.paths)
    assert any(r.level == "ok" and "第十五条：已由 office-1" in r.message for r in results)


def test_demo_district_holds_an_office_confirmation(tmp_path: Path) -> None:
    """The demo shows the district-wide confirmation as laptops receive it from the web pages."""
    import random

    from app.demo.citations import extend_demo
    from app.paths import DataPaths
    from app.store.db import open_database
    from app.store.tables.citations import CitationConfirmation

    db = open_database(DataPaths(tmp_path / "laptop").ensure())
    try:
        with db.write() as session:
            summary = extend_demo(session, random.Random(1))
        with db.read() as session:
            row = session.exec(select(CitationConfirmation)).one()
            assert row.article_key in summary
            found = citations.confirmation(session, row.article_key)
            assert found is not None and found.by == "区总工会办公室（演示）"
            assert citations.unconfirmed(session, f"{row.article_key}：……〔条文待核实〕") == []
    finally:
        db.dispose()

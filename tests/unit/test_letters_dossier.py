"""The enterprise dossier (一企一档) PDF: particulars, visits under their form labels, matters, letters."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pdfplumber
import pytest
from sqlmodel import select

from app.documents.dossier_data import EnterpriseNotFound, gather_dossier
from app.documents.dossier_pdf import render_dossier
from app.store import letters as letter_repo
from app.store import matters as matter_repo
from app.store.db import Database
from app.store.tables import Enterprise, Visit


def _visited_enterprise(db: Database) -> Enterprise:
    with db.read() as session:
        visit = session.exec(select(Visit).where(Visit.status == "submitted")).first()
        assert visit is not None
        enterprise = session.get(Enterprise, visit.enterprise_id)
        assert enterprise is not None
        return enterprise


def test_dossier_lists_visits_with_form_labels_matters_and_letters(demo_db: Database) -> None:
    enterprise = _visited_enterprise(demo_db)
    with demo_db.write() as session:
        matter = matter_repo.create_matter(
            session, enterprise_id=enterprise.id, source="informant", source_ref="", category="hours_leave",
            facts="职工反映每月加班超过80小时。", actor="tester", title="超时加班", informant="匿名职工",
            opened_on=dt.date(2026, 3, 1),
        )
        letter_repo.create_draft(
            session, matter_id=matter.id, enterprise_id=enterprise.id, kind="opinion",
            title="工会劳动法律监督意见书", addressee=enterprise.name, body={}, actor="tester",
        )
    with demo_db.read() as session:
        dossier = gather_dossier(session, enterprise.credit_code or enterprise.id, office="示范区总工会")
    assert dossier.visits and dossier.matters and dossier.letters
    rendered = render_dossier(dossier)
    with pdfplumber.open(io.BytesIO(rendered.pdf)) as pdf:
        assert len(pdf.pages) == rendered.pages
        text = "".join((page.extract_text() or "") for page in pdf.pages).replace("\n", "")
    assert enterprise.name in text
    assert "统一社会信用代码" in text
    assert "走访记录" in text and "三查三记" in text
    assert "在册职工人数" in text  # a field label from the form definition, not its id
    assert "超时加班" in text and "职工反映每月加班超过80小时。" in text
    assert "意见书" in text and "草稿" in text
    with pdfplumber.open(io.BytesIO(rendered.pdf)) as pdf:
        fonts = {ch["fontname"] for page in pdf.pages for ch in page.chars}
    assert fonts and not any("Helvetica" in f for f in fonts)
    assert b"/Helvetica" not in rendered.pdf  # not even declared: every font in it is embedded


def test_dossier_by_unknown_key_names_it(db: Database) -> None:
    with db.read() as session, pytest.raises(EnterpriseNotFound, match="nope"):
        gather_dossier(session, "nope")


def test_dossier_command(demo_db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from app.cli import main

    enterprise = _visited_enterprise(demo_db)
    out = tmp_path / "d.pdf"
    assert main(["--data-dir", str(demo_db.paths.root), "dossier", enterprise.id, "-o", str(out)]) == 0
    assert out.read_bytes().startswith(b"%PDF")
    assert "走访" in capsys.readouterr().out
    assert main(["--data-dir", str(demo_db.paths.root), "dossier", "nope", "-o", str(out)]) == 2
    assert "找不到企业" in capsys.readouterr().err

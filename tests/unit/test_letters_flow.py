"""From a matter to an issued letter through the real templates and renderer: the edited text is in
the PDF, the number is printed, and a provisional number is replaced by a re-rendered PDF."""

from __future__ import annotations

import datetime as dt
import io
import re

import pypdf

from app.core.letters import chinese_date
from app.documents import letter_flow as flow
from app.documents.letter_pdf import PROVISIONAL_NOTE
from app.store import blobs, changes, letter_numbers
from app.store import letters as letter_repo
from app.store import matters as repo
from app.store.db import Database
from app.store.tables import Enterprise, Grid

TODAY = dt.date.today()


def _pdf_text(data: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(data))
    return "".join(page.extract_text() or "" for page in reader.pages).replace(" ", "").replace("\n", "")


def _matter(db: Database) -> str:
    with db.write() as session:
        grid = changes.insert(session, Grid(code="G01", name="东湖网格", district="示范区"), "t")
        enterprise = changes.insert(
            session, Enterprise(name="示范区恒通精密制造有限公司", grid_id=grid.id, address="工业大道88号"), "t"
        )
        return repo.create_matter(
            session, enterprise_id=enterprise.id, source="informant", source_ref="", category="overtime_pay",
            facts="经查，该单位生产车间职工每月加班超过80小时，未支付加班费。", actor="t",
        ).id


def test_draft_edit_issue_and_pdf(db: Database) -> None:
    matter_id = _matter(db)
    with db.write() as session:
        letter = flow.draft_from_matter(session, matter_id, "opinion", actor="t")
        content = flow.content_of(letter)
        assert content.issuer == "示范区总工会" and content.addressee == "示范区恒通精密制造有限公司"
        assert "《中华人民共和国劳动法》第四十四条" in flow.body_text(content)
        assert "【期限】" in flow.body_text(content) and content.draft
        content.body = flow.body_from_text(flow.body_text(content) + "\n请贵单位务必于月底前补发全部加班工资。")
        flow.save_content(session, letter.id, content, "t")
        letter_numbers.add_block(session, letter.series_key, TODAY.year, 5, 9)
    with db.write() as session:
        issued = flow.issue_letter(session, letter.id, actor="t", role="office", blobs_root=db.paths.blobs)
    assert issued.number == f"工监意〔{TODAY.year}〕5号"
    with db.read() as session:
        text = _pdf_text(flow.letter_pdf(session, issued, db.paths.blobs))
        assert "请贵单位务必于月底前补发全部加班工资" in text
        assert f"工监意〔{TODAY.year}〕5号" in text
        assert issued.deadline is not None and chinese_date(issued.deadline) in text and "【期限】" not in text
        assert "草稿" not in text
        assert flow.content_of(issued).number == issued.number


def test_provisional_number_is_replaced_and_pdf_refreshed(db: Database) -> None:
    matter_id = _matter(db)
    with db.write() as session:
        letter = flow.draft_from_matter(session, matter_id, "tips", actor="t")
    with db.write() as session:
        issued = flow.issue_letter(session, letter.id, actor="t", role="inspector", blobs_root=db.paths.blobs,
                                   allow_provisional=True)
    assert issued.number_provisional and f"〔{TODAY.year}〕临1号（" in issued.number
    with db.read() as session:
        provisional_text = _pdf_text(flow.letter_pdf(session, issued, db.paths.blobs))
        old_attachment = letter_repo.pdf_attachment(session, issued)
    assert issued.number in provisional_text and "临时编号" in provisional_text
    assert not re.search(r"[0-9A-F]{6}", issued.number)  # no hex in the number
    with db.write() as session:
        # sync brings a block: the letter is renumbered and re-rendered in the same transaction
        letter_numbers.add_block(session, "工监提", TODAY.year, 1, 20)
    with db.read() as session:
        refreshed = letter_repo.get(session, letter.id)
        assert refreshed.number == f"工监提〔{TODAY.year}〕1号" and not refreshed.number_provisional
        assert letter_repo.pdf_is_current(session, refreshed)
        text = _pdf_text(flow.letter_pdf(session, refreshed, db.paths.blobs))
        assert old_attachment is not None and session.get(type(old_attachment), old_attachment.id) is not None
        archive = _pdf_text(blobs.read_bytes(db.paths.blobs, old_attachment.sha256))
    assert f"工监提〔{TODAY.year}〕1号" in text and "临" not in text.split("示范区恒通")[0]
    assert archive == provisional_text
    # the two copies differ only in the number (and the provisional note that goes with it)
    assert text.replace(f"工监提〔{TODAY.year}〕1号", "N") == provisional_text.replace(issued.number, "N").replace(
        PROVISIONAL_NOTE, ""
    )
    with db.write() as session:
        assert flow.refresh_stale_pdfs(session, actor="t", blobs_root=db.paths.blobs) == 0

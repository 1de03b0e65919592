"""What the letters say, read back from their PDFs: one deadline printed from the letter, follow-up
letters citing the earlier letter and its passed deadline, the 建议书 to a named department in the
third person, 草稿 on every page of a draft only, readable provisional numbers, rare characters drawn
or reported, every font embedded."""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
import subprocess

import pdfplumber
import pytest

from app.core.letters import chinese_date, third_person
from app.core.problems import ValidationError
from app.documents import letter_flow as flow
from app.documents.fonts import default_fonts, fallback_runs
from app.documents.letter_pdf import DRAFT_MARK, render_letter
from app.documents.templates import fill_template, sample_context
from app.store import changes, letter_numbers
from app.store import letters as letter_repo
from app.store import matters as repo
from app.store.db import Database
from app.store.tables import Enterprise, Grid
from app.store.tables.matters import Letter, Matter

TODAY = dt.date.today()
START = TODAY - dt.timedelta(days=80)
FACTS = "经查，你单位生产车间职工每月加班超过80小时，贵单位未支付加班费。"


def pages_text(data: bytes) -> list[str]:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return [(p.extract_text() or "").replace(" ", "").replace("\n", "") for p in pdf.pages]


def _matter(db: Database, *, blocks: bool = True) -> str:
    with db.write() as session:
        grid = changes.insert(session, Grid(code="G01", name="东湖网格", district="示范区"), "t")
        enterprise = changes.insert(
            session, Enterprise(name="示范区恒通精密制造有限公司", grid_id=grid.id, address="工业大道88号"), "t"
        )
        matter = repo.create_matter(
            session, enterprise_id=enterprise.id, source="informant", source_ref="", category="overtime_pay",
            facts=FACTS, actor="t", opened_on=START,
        )
        for code in ("工监提", "工监意", "工监建") if blocks else ():
            letter_numbers.add_block(session, code, START.year, 1, 20)
            if TODAY.year != START.year:
                letter_numbers.add_block(session, code, TODAY.year, 1, 20)
        return matter.id


def _issue(db: Database, matter_id: str, kind: str, on: dt.date) -> Letter:
    with db.write() as session:
        letter = flow.draft_from_matter(session, matter_id, kind, actor="t", today=on)
    with db.write() as session:
        return flow.issue_letter(session, letter.id, actor="o", role="office", blobs_root=db.paths.blobs, issued_on=on)


def test_one_deadline_and_follow_ups_only_after_it(db: Database) -> None:
    matter_id = _matter(db)
    tips = _issue(db, matter_id, "tips", START)
    with db.read() as session:
        matter = session.get(Matter, matter_id)
        text = "".join(pages_text(flow.letter_pdf(session, tips, db.paths.blobs)))
    assert tips.deadline is not None and matter is not None and matter.deadline == tips.deadline
    assert f"于{chinese_date(tips.deadline)}前将自查和整改情况书面反馈" in text

    # an 意见书 before the 提示函's deadline would call the employer late: refused, in one sentence
    early = tips.deadline
    with db.write() as session, pytest.raises(ValidationError) as caught:
        flow.draft_from_matter(session, matter_id, "opinion", actor="t", today=early)
    assert str(caught.value) == (
        f"提示函{tips.number}的期限至{chinese_date(tips.deadline)}，期限届满后才能发出意见书。"
    )
    opinion_day = tips.deadline + dt.timedelta(days=1)
    opinion = _issue(db, matter_id, "opinion", opinion_day)
    with db.read() as session:
        text = "".join(pages_text(flow.letter_pdf(session, opinion, db.paths.blobs)))
        assert session.get(Matter, matter_id).deadline == opinion.deadline  # type: ignore[union-attr]
    assert tips.number in text and f"于{chinese_date(tips.deadline)}前自查纠正" in text
    assert opinion.deadline is not None and f"于{chinese_date(opinion.deadline)}前依法纠正" in text

    advice_day = opinion.deadline + dt.timedelta(days=1)
    assert advice_day <= TODAY
    advice = _issue(db, matter_id, "advice", advice_day)
    with db.read() as session:
        pages = pages_text(flow.letter_pdf(session, advice, db.paths.blobs))
    text = "".join(pages)
    assert text.startswith("示范区总工会") and "示范区人力资源和社会保障局劳动保障监察大队：" in text
    assert opinion.number in text and f"要求其于{chinese_date(opinion.deadline)}前依法改正" in text
    # every 逾期 refers to a deadline already passed on the day of the letter
    for match in re.finditer(r"(\d{4})年(\d{1,2})月(\d{1,2})日前[^。]*。[^。]*逾期", text):
        assert dt.date(*map(int, match.groups())) < advice_day
    # facts written to the employer are retold in the third person
    assert "该单位生产车间职工每月加班超过80小时，该单位未支付加班费" in text
    assert "你单位生产车间" not in text and "贵单位" not in text


def test_third_person_rewrites_second_person() -> None:
    assert third_person("你单位未签订合同，贵公司也未缴纳社保，你们单位应当改正。") == (
        "该单位未签订合同，该公司也未缴纳社保，该单位应当改正。"
    )


def test_draft_marked_on_every_page_issued_clean(db: Database) -> None:
    matter_id = _matter(db)
    with db.write() as session:
        letter = flow.draft_from_matter(session, matter_id, "opinion", actor="t", today=START)
        content = flow.content_of(letter)
        content.body = content.body * 6  # several pages
        flow.save_content(session, letter.id, content, "t")
        letter = letter_repo.get(session, letter.id)
        draft_pages = pages_text(flow.letter_pdf(session, letter, db.paths.blobs))
    assert len(draft_pages) >= 3 and all(DRAFT_MARK in page for page in draft_pages)
    with db.write() as session:
        issued = flow.issue_letter(session, letter.id, actor="o", role="office", blobs_root=db.paths.blobs,
                                   issued_on=START)
        issued_pages = pages_text(flow.letter_pdf(session, issued, db.paths.blobs))
    assert not any(DRAFT_MARK in page for page in issued_pages)


def test_provisional_number_is_readable_and_said_on_the_page(db: Database) -> None:
    matter_id = _matter(db, blocks=False)
    with db.write() as session:
        letter = flow.draft_from_matter(session, matter_id, "tips", actor="t")
    with db.write() as session:
        issued = flow.issue_letter(session, letter.id, actor="t", role="inspector", blobs_root=db.paths.blobs,
                                   allow_provisional=True)
        text = "".join(pages_text(flow.letter_pdf(session, issued, db.paths.blobs)))
    assert re.fullmatch(rf"工监提〔{TODAY.year}〕临1号（[^）A-Fa-f0-9]{{2,8}}）", issued.number)
    assert issued.number in text and "临时编号，正式文号待联网同步后确定" in text


def test_missing_glyph_is_drawn_from_a_fallback_or_refused(db: Database) -> None:
    fonts = default_fonts()
    runs = fallback_runs(fonts, "fangsong", "吉野家𠮷野家")
    primary = fonts["fangsong"].name
    content = fill_template("tips", sample_context("tips"))
    content.addressee = "𠮷野家餐饮有限公司"
    problems = flow.glyph_problems(content)
    if any(name != primary for name, _run in runs):  # a fallback face has 𠮷
        assert [run for name, run in runs if name != primary] == ["𠮷"]
        assert problems == []
        rendered = render_letter(content)
        assert "𠮷野家餐饮有限公司" in "".join(pages_text(rendered.pdf))
    else:
        assert problems and "“𠮷”" in problems[0].message
        matter_id = _matter(db)
        with db.write() as session:
            letter = flow.draft_from_matter(session, matter_id, "tips", actor="t")
            draft = flow.content_of(letter)
            draft.addressee = "𠮷野家餐饮有限公司"
            flow.save_content(session, letter.id, draft, "t")
        with db.write() as session, pytest.raises(ValidationError, match="𠮷"):
            flow.issue_letter(session, letter.id, actor="t", role="office", blobs_root=db.paths.blobs)


@pytest.mark.skipif(shutil.which("pdffonts") is None, reason="needs poppler-utils")
@pytest.mark.parametrize("kind", ["tips", "opinion", "advice"])
def test_every_font_that_draws_is_embedded(tmp_path: object, kind: str) -> None:
    fonts = default_fonts()
    if any(f.is_cid_fallback for f in fonts.fonts.values()):
        pytest.skip("needs TrueType CJK fonts")
    content = fill_template(kind, sample_context(kind))
    content.draft = True
    content.body[0].text += "𠮷"
    pdf = render_letter(content).pdf
    listing = subprocess.run(["pdffonts", "-"], input=pdf, capture_output=True, check=False)
    if listing.returncode != 0:  # older poppler reads no stdin
        path = __import__("pathlib").Path(str(tmp_path)) / "l.pdf"
        path.write_bytes(pdf)
        listing = subprocess.run(["pdffonts", str(path)], capture_output=True, check=True)
    rows = listing.stdout.decode().splitlines()[2:]
    assert rows
    for row in rows:
        assert row.split()[-5] == "yes", row  # the "emb" column

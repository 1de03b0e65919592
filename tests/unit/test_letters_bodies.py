"""One reader for every shape a letter body was stored in: the first drafts (no deadline, no draft
mark, a five-field receipt), today's, the public-notice letters, bodies with no kind, the 意见汇总 with
no receipt, and damaged ones. What can be derived honestly (the kind from the letter's row, the date
of an issued letter from its row) is; a date that is missing or unreadable is an error, never today."""

from __future__ import annotations

import datetime as dt
import io
import json
from typing import Any

import pypdf
import pytest

from app.core.letters import chinese_date
from app.core.problems import ValidationError
from app.documents import letter_flow as flow
from app.documents.letter_pdf import (
    BodyParagraph,
    LetterBodyError,
    LetterContent,
    ReceiptSlip,
    content_from_dict,
    content_to_dict,
)
from app.store import changes
from app.store import letters as letter_repo
from app.store import matters as repo
from app.store.db import Database
from app.store.tables import Enterprise, Grid

DAY = dt.date(2026, 3, 5)

FIRST_DRAFT_SHAPE: dict[str, Any] = {
    # What the first version of the letter flow stored: asdict() of the content before deadlines,
    # draft marks and the delivery fields of the receipt existed.
    "kind": "opinion",
    "issuer": "示范区总工会",
    "number": "",
    "title": "工会劳动法律监督意见书",
    "addressee": "示范区恒通精密制造有限公司",
    "body": [{"text": "一、存在的问题", "level": 1}, {"text": "经查，该单位未支付加班费。", "level": 0}],
    "signature": "示范区总工会",
    "date": "2026-03-05",
    "attachments": [],
    "copy_to": ["示范区人力资源和社会保障局"],
    "contact_person": "王",
    "contact_phone": "0571-1234567",
    "receipt": {"recipient": "", "document": "", "served_on": "", "signer": "", "remarks": ""},
}


def _content(**extra: Any) -> LetterContent:
    values: dict[str, Any] = dict(
        kind="tips", issuer="示范区总工会", number="工监提〔2026〕3号", title="工会劳动法律监督提示函",
        addressee="某公司", body=[BodyParagraph("请依法支付加班费。")], signature="示范区总工会", date=DAY,
    )
    values.update(extra)
    return LetterContent(**values)


def test_todays_shape_round_trips_through_json() -> None:
    content = _content(deadline=dt.date(2026, 3, 20), draft=True, receipt=ReceiptSlip(server="李", method="直接送达"))
    again = content_from_dict(json.loads(json.dumps(content_to_dict(content), ensure_ascii=False)))
    assert again == content


def test_first_draft_shape_reads() -> None:
    content = content_from_dict(FIRST_DRAFT_SHAPE)
    assert (content.kind, content.date, content.deadline, content.draft) == ("opinion", DAY, None, False)
    assert content.receipt == ReceiptSlip()
    assert [p.level for p in content.body] == [1, 0] and content.copy_to == ["示范区人力资源和社会保障局"]


def test_summary_without_receipt_round_trips() -> None:
    content = _content(kind="summary", receipt=None)
    assert content_from_dict(content_to_dict(content)) == content


def test_kind_missing_is_taken_from_the_letter_row() -> None:
    body = {k: v for k, v in FIRST_DRAFT_SHAPE.items() if k != "kind"}
    assert content_from_dict(body, kind="advice").kind == "advice"
    with pytest.raises(LetterBodyError, match="缺少文书类型"):
        content_from_dict(body)


def test_the_rows_kind_and_date_win_over_the_bodys() -> None:
    body = {**FIRST_DRAFT_SHAPE, "kind": "nonsense", "date": "三月五日"}
    content = content_from_dict(body, kind="tips", date=dt.date(2026, 4, 1))
    assert (content.kind, content.date) == ("tips", dt.date(2026, 4, 1))


@pytest.mark.parametrize(
    ("date", "words"),
    [(None, "缺少成文日期"), ("", "缺少成文日期"), ("三月五日", "“三月五日”无法识别"), ("2026-02-30", "无法识别")],
)
def test_a_missing_or_damaged_date_is_one_sentence_never_today(date: Any, words: str) -> None:
    body = dict(FIRST_DRAFT_SHAPE)
    if date is None:
        del body["date"]
    else:
        body["date"] = date
    with pytest.raises(LetterBodyError, match=words) as caught:
        content_from_dict(body)
    assert isinstance(caught.value, ValidationError) and len(caught.value.problems) == 1
    assert "\n" not in str(caught.value) and "Traceback" not in str(caught.value)


@pytest.mark.parametrize(
    ("change", "words"),
    [
        ({"kind": "notice"}, "文书类型“notice”无效"),
        ({"deadline": "月底"}, "整改期限“月底”无法识别"),
        ({"receipt": "已送达"}, "送达回执格式错误"),
        ({"body": "一段话"}, "段落格式错误"),
        ({"body": [{"text": "x", "level": "一级"}]}, "标题层级"),
        ({"copy_to": {"a": 1}}, "copy_to"),
    ],
)
def test_other_damage_is_named(change: dict[str, Any], words: str) -> None:
    with pytest.raises(LetterBodyError, match=words):
        content_from_dict({**FIRST_DRAFT_SHAPE, **change})


def test_nulls_are_empty_not_the_word_none() -> None:
    body = {**FIRST_DRAFT_SHAPE, "issuer": None, "contact_phone": None, "copy_to": None}
    content = content_from_dict(body)
    assert (content.issuer, content.contact_phone, content.copy_to) == ("", "", [])


def test_plain_string_paragraphs_read_as_paragraphs() -> None:
    content = content_from_dict({**FIRST_DRAFT_SHAPE, "body": ["第一段", "第二段"]})
    assert [(p.text, p.level) for p in content.body] == [("第一段", 0), ("第二段", 0)]


# Through the letter register ---------------------------------------------------------------------------


def _pdf_text(data: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(data))
    return "".join(page.extract_text() or "" for page in reader.pages).replace(" ", "").replace("\n", "")


def _letter(db: Database, body: dict[str, Any], kind: str = "opinion") -> str:
    with db.write() as session:
        grid = changes.insert(session, Grid(code="G01", name="东湖网格", district="示范区"), "t")
        firm = changes.insert(session, Enterprise(name="示范区恒通精密制造有限公司", grid_id=grid.id), "t")
        matter = repo.create_matter(
            session, enterprise_id=firm.id, source="informant", source_ref="", category="overtime_pay",
            facts="经查，该单位未支付加班费。", actor="t",
        )
        letter = letter_repo.create_draft(
            session, matter_id=matter.id, enterprise_id=firm.id, kind=kind, title="", addressee=firm.name,
            body=body, actor="t",
        )
        return letter.id


def test_a_draft_without_a_date_says_so(db: Database) -> None:
    letter_id = _letter(db, {k: v for k, v in FIRST_DRAFT_SHAPE.items() if k != "date"})
    with db.read() as session:
        letter = letter_repo.get(session, letter_id)
        with pytest.raises(ValidationError, match="缺少成文日期"):
            flow.content_of(letter, session)


def test_a_body_without_kind_or_date_is_issued_dated_the_day_of_issue(db: Database) -> None:
    """The shape older bodies had in the register (no kind, no date): the row knows both."""
    letter_id = _letter(db, {"title": "工会劳动法律监督意见书", "body": [{"text": "请依法支付加班费。", "level": 0}]})
    issued_on = dt.date.today()
    with db.write() as session:
        issued = flow.issue_letter(session, letter_id, actor="t", role="office", blobs_root=db.paths.blobs,
                                   allow_provisional=True)
    with db.read() as session:
        content = flow.content_of(issued)
        text = _pdf_text(flow.letter_pdf(session, issued, db.paths.blobs))
    assert (content.kind, content.date) == ("opinion", issued_on)
    assert chinese_date(issued_on) in text and "请依法支付加班费" in text
    stored = letter_repo.body_of(issued)
    assert stored["kind"] == "opinion" and stored["date"] == issued_on.isoformat()  # written whole from now on

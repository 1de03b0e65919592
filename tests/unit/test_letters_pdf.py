"""Letters as PDFs: the text comes out as Chinese, and the main elements sit where GB/T 9704-2012 puts
them in the letter format (信函格式)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import itertools
import json
import shutil
import struct
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pdfplumber
import pytest
from reportlab.pdfbase.pdfmetrics import stringWidth

from app.documents import layout as L
from app.documents.fonts import CID_FALLBACK, FontSet, default_fonts, find_fonts, font_report, read_faces
from app.documents.letter_pdf import (
    BodyParagraph,
    LetterContent,
    chinese_date,
    content_from_dict,
    content_to_dict,
    paginate,
    render_letter,
)
from app.documents.templates import TemplateError, fill_template, sample_context
from app.documents.textflow import break_text

RED = (0.0, 0.8, 0.8, 0.0)
TOL = 0.8  # mm


def mm(points: float) -> float:
    return points * 25.4 / 72


def content_for(kind: str = "opinion", **changes: Any) -> LetterContent:
    return dataclasses.replace(fill_template(kind, sample_context(kind)), **changes)


def long_body(paragraphs: int) -> list[BodyParagraph]:
    text = ("经查，你单位自2025年11月起安排生产车间职工每日工作11小时，每周工作6天，"
            "休息日加班既未安排补休，也未按规定支付加班工资，涉及职工126人。")
    return [BodyParagraph(f"{i}.{text}") for i in range(1, paragraphs + 1)]


@dataclasses.dataclass
class Pdf:
    pages: list[Any]
    text: list[str]


@pytest.fixture(scope="module")
def fonts() -> FontSet:
    return default_fonts()


def open_pdf(data: bytes) -> Iterator[Pdf]:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        yield Pdf(list(pdf.pages), [page.extract_text() or "" for page in pdf.pages])


@pytest.fixture(scope="module")
def opinion() -> Iterator[Pdf]:
    yield from open_pdf(render_letter(content_for("opinion")).pdf)


def _text(data: bytes) -> str:
    return "".join(next(open_pdf(data)).text).replace(" ", "").replace("\n", "")


def words(page: Any) -> list[dict[str, Any]]:
    return list(page.extract_words(keep_blank_chars=False, use_text_flow=True, extra_attrs=["size"]))


def word(page: Any, text: str) -> dict[str, Any]:
    for w in words(page):
        if w["text"] == text:
            return w
    raise AssertionError(f"{text!r} not on the page: {[w['text'] for w in words(page)]}")


def em_top(ch: dict[str, Any]) -> float:
    """Top of the character's em box in mm from the page top, from its baseline (the text matrix), so
    that it does not depend on the ascent a font declares."""
    baseline = float(ch["matrix"][5])
    page_h = L.mm(L.PAGE_HEIGHT_MM)
    return mm(page_h - baseline - L.EM_ASCENT * float(ch["size"]))


def em_bottom(ch: dict[str, Any]) -> float:
    return em_top(ch) + mm(float(ch["size"]))


def lines_by_top(page: Any, size: float, fontname: str | None = None) -> dict[float, list[dict[str, Any]]]:
    rows: dict[float, list[dict[str, Any]]] = {}
    for ch in page.chars:
        if abs(ch["size"] - size) < 0.01 and (fontname is None or ch["fontname"] == fontname):
            rows.setdefault(round(ch["top"], 1), []).append(ch)
    return dict(sorted(rows.items()))


# --- text -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["tips", "opinion", "advice"])
def test_sample_letters_extract_as_chinese(kind: str) -> None:
    content = fill_template(kind, sample_context(kind))
    rendered = render_letter(content)
    for pdf in open_pdf(rendered.pdf):
        assert len(pdf.pages) == rendered.pages
        text = "\n".join(pdf.text)
    assert "示范区总工会" in text
    assert content.title in text
    assert content.number in text
    assert "示范区恒通精密制造有限公司" in text or "劳动保障监察大队" in text
    assert "《中华人民共和国劳动法》第三十六条" in text.replace("\n", "")
    assert "2026年3月5日" in text
    assert "送达回执" in text.replace(" ", "")
    assert "此页无正文" not in text
    assert rendered.fonts_used["fangsong"]


def test_date_uses_arabic_numerals_without_leading_zeros() -> None:
    assert chinese_date(dt.date(2026, 3, 5)) == "2026年3月5日"
    assert chinese_date(dt.date(2026, 12, 25)) == "2026年12月25日"


# --- heading ----------------------------------------------------------------------------------


def test_issuer_name_is_red_centred_with_top_edge_30mm(opinion: Pdf) -> None:
    page = opinion.pages[0]
    issuer = [ch for ch in page.chars if tuple(ch["non_stroking_color"]) == RED]
    assert "".join(ch["text"] for ch in issuer) == "示范区总工会"
    assert all(tuple(ch["non_stroking_color"]) == RED for ch in issuer)
    assert min(em_top(ch) for ch in issuer) == pytest.approx(L.ISSUER_TOP_MM, abs=0.1)
    centre = (min(ch["x0"] for ch in issuer) + max(ch["x1"] for ch in issuer)) / 2
    assert mm(centre) == pytest.approx(L.PAGE_WIDTH_MM / 2, abs=TOL)


def test_red_double_rules_170mm_thick_over_thin_and_thin_over_thick(opinion: Pdf) -> None:
    page = opinion.pages[0]
    rules = sorted((r for r in page.rects if tuple(r["non_stroking_color"]) == RED), key=lambda r: r["top"])
    assert len(rules) == 4
    for rule in rules:
        assert mm(rule["width"]) == pytest.approx(L.RULE_LENGTH_MM, abs=0.1)
        assert mm(rule["x0"]) == pytest.approx((L.PAGE_WIDTH_MM - L.RULE_LENGTH_MM) / 2, abs=0.1)
    top_thick, top_thin, bottom_thin, bottom_thick = rules
    assert top_thick["height"] > top_thin["height"]
    assert bottom_thick["height"] > bottom_thin["height"]
    issuer_bottom = max(em_bottom(ch) for ch in page.chars if tuple(ch["non_stroking_color"]) == RED)
    assert mm(top_thick["top"]) - issuer_bottom == pytest.approx(L.RULE_GAP_MM, abs=0.1)
    assert L.PAGE_HEIGHT_MM - mm(bottom_thick["bottom"]) == pytest.approx(L.BOTTOM_RULE_FROM_BOTTOM_MM, abs=0.1)
    # the rules are on the first page only
    assert not [r for r in opinion.pages[1].rects if tuple(r["non_stroking_color"]) == RED]


def test_number_flush_right_under_the_rule(opinion: Pdf) -> None:
    page = opinion.pages[0]
    number = word(page, "示工监意〔2026〕3号")
    assert mm(number["x1"]) == pytest.approx(L.TEXT_RIGHT_MM, abs=0.3)
    rule_bottom = max(r["bottom"] for r in page.rects if r["top"] < number["top"])
    assert 0 < mm(number["top"] - rule_bottom) < 8


def test_title_2hao_centred_two_lines_below_number_then_addressee(opinion: Pdf) -> None:
    page = opinion.pages[0]
    title = word(page, "工会劳动法律监督意见书")
    assert title["size"] == pytest.approx(L.SIZE_2HAO)
    assert mm((title["x0"] + title["x1"]) / 2) == pytest.approx(L.MARGIN_LEFT_MM + L.TEXT_WIDTH_MM / 2, abs=TOL)
    number = word(page, "示工监意〔2026〕3号")
    assert mm(title["bottom"] - number["bottom"]) == pytest.approx(3 * L.LINE_PITCH_MM, abs=1.5)
    addressee = word(page, "示范区恒通精密制造有限公司：")
    assert mm(addressee["x0"]) == pytest.approx(L.MARGIN_LEFT_MM, abs=0.3)
    assert addressee["text"].endswith("：")


# --- body -------------------------------------------------------------------------------------


def test_body_is_3hao_on_the_grid_with_two_character_indent(opinion: Pdf) -> None:
    page = opinion.pages[0]
    body_font = word(page, "示范区恒通精密制造有限公司：")
    fontname = next(ch["fontname"] for ch in page.chars if ch["top"] == body_font["top"])
    rows = lines_by_top(page, L.SIZE_3HAO, fontname)
    body_rows = [row for top, row in rows.items() if mm(top) > 90]
    assert len(body_rows) >= 10
    lefts = sorted({round(mm(min(ch["x0"] for ch in row)), 1) for row in body_rows})
    assert lefts[0] == pytest.approx(L.MARGIN_LEFT_MM, abs=0.2)  # wrapped lines flush left
    assert any(x == pytest.approx(L.MARGIN_LEFT_MM + 2 * L.CHAR_PITCH_MM, abs=0.3) for x in lefts)  # indent
    rights = [mm(max(ch["x1"] for ch in row)) for row in body_rows]
    full = [r for r in rights if r > L.TEXT_RIGHT_MM - 3]
    assert len(full) >= 6
    assert all(r == pytest.approx(L.TEXT_RIGHT_MM, abs=0.5) for r in full)  # justified
    assert all(r <= L.TEXT_RIGHT_MM + 0.5 for r in rights)
    tops = [mm(top) for top, row in rows.items() if mm(top) > 100]
    pitches = [b - a for a, b in itertools.pairwise(tops)]
    assert min(pitches) == pytest.approx(L.LINE_PITCH_MM, abs=0.2)


def test_continuation_page_fills_22_lines_from_the_top_margin() -> None:
    rendered = render_letter(content_for("tips", body=long_body(20)))
    for pdf in open_pdf(rendered.pdf):
        assert rendered.pages >= 4
        page = pdf.pages[1]
        rows = lines_by_top(page, L.SIZE_3HAO)
        tops = list(rows)
        assert len(tops) == L.LINES_PER_PAGE
        first = page.chars[0]
        assert em_top(rows[tops[0]][0]) == pytest.approx(L.MARGIN_TOP_MM, abs=0.1)
        assert max(em_bottom(ch) for ch in page.chars if ch["size"] == L.SIZE_3HAO) <= L.TEXT_BOTTOM_MM
        assert first["size"] == L.SIZE_3HAO
        per_line = [len(row) for row in rows.values()]
        assert max(per_line) <= L.CHARS_PER_LINE + 4  # digits are half width


def test_no_line_starts_with_closing_punctuation(fonts: FontSet) -> None:
    font = fonts["fangsong"].name
    space = L.CHAR_PITCH - L.SIZE_3HAO
    width = L.mm(L.TEXT_WIDTH_MM)
    for n in range(20, 34):
        for punct in "，。、；：？！）」》":
            text = "职" * n + punct + "工会" * 20 + "（" + "依法" * 5 + "）。"
            lines = break_text(text, font, L.SIZE_3HAO, width, first_indent=2 * L.CHAR_PITCH, char_space=space)
            assert "".join(line.text for line in lines) == text
            for line in lines[1:]:
                assert line.text[0] not in L.NO_LINE_START, (n, punct, line.text)
            for line in lines[:-1]:
                assert line.text[-1] not in L.NO_LINE_END
                assert line.width <= width + 0.01


def test_headings_use_heiti_and_kaiti(fonts: FontSet) -> None:
    content = content_for("opinion", body=[
        BodyParagraph("一、存在的问题", 1), BodyParagraph("（一）加班时间", 2), BodyParagraph("正文。"),
    ])
    rendered = render_letter(content, fonts)
    assert set(rendered.fonts_used) >= {"heiti", "kaiti", "fangsong", "xiaobiaosong"}
    for pdf in open_pdf(rendered.pdf):
        page = pdf.pages[0]
        heading = next(ch for ch in page.chars if ch["text"] == "存")
        sub = next(ch for ch in page.chars if ch["text"] == "加")
        body = next(ch for ch in page.chars if ch["text"] == "正")
        assert len({heading["fontname"], sub["fontname"], body["fontname"]}) == (
            len({fonts["heiti"].name, fonts["kaiti"].name, fonts["fangsong"].name})
        )


# --- signature, date, page numbers, 抄送 --------------------------------------------------------------


def test_date_four_characters_in_from_the_right_and_signature_centred_over_it(opinion: Pdf) -> None:
    page = opinion.pages[1]
    date = word(page, "2026年3月5日")
    assert mm(date["x1"]) == pytest.approx(L.TEXT_RIGHT_MM - 4 * L.CHAR_PITCH_MM, abs=0.5)
    signature = [w for w in words(page) if w["text"] == "示范区总工会" and w["top"] < date["top"]][-1]
    assert (signature["x0"] + signature["x1"]) / 2 == pytest.approx((date["x0"] + date["x1"]) / 2, abs=1.0)
    assert mm(date["top"] - signature["top"]) == pytest.approx(L.LINE_PITCH_MM, abs=0.3)


def test_page_numbers_absent_on_page_one_outer_side_after(fonts: FontSet) -> None:
    rendered = render_letter(content_for("opinion", body=long_body(30)), fonts)
    for pdf in open_pdf(rendered.pdf):
        assert rendered.pages >= 5  # at least three body pages and the receipt slip
        assert "— 1 —" not in pdf.text[0]
        for index, page in enumerate(pdf.pages[1:-1], start=2):
            number = [ch for ch in page.chars if ch["size"] == L.PAGE_NUMBER_SIZE and mm(ch["top"]) > 265]
            text = "".join(ch["text"] for ch in number)
            assert text.replace(" ", "") == f"—{index}—"
            dash = next(ch for ch in number if ch["text"] == "—")
            dash_top = mm(L.mm(L.PAGE_HEIGHT_MM) - float(dash["matrix"][5]) - L.PAGE_NUMBER_DASH_RISE * dash["size"])
            assert dash_top == pytest.approx(L.TEXT_BOTTOM_MM + L.PAGE_NUMBER_GAP_MM, abs=0.1)
            if index % 2:
                assert mm(max(ch["x1"] for ch in number)) == pytest.approx(
                    L.TEXT_RIGHT_MM - mm(L.PAGE_NUMBER_INDENT), abs=0.5)
            else:
                assert mm(min(ch["x0"] for ch in number)) == pytest.approx(
                    L.MARGIN_LEFT_MM + mm(L.PAGE_NUMBER_INDENT), abs=0.5)
        assert "—" not in pdf.text[-1]  # the receipt slip carries no page number
        first_dash = next(ch for ch in pdf.pages[1].chars if ch["text"] == "—" and mm(ch["top"]) > 265)
    _dash_is_drawn_7mm_below_the_text_block(rendered.pdf, first_dash["x0"], first_dash["x1"])


def _dash_is_drawn_7mm_below_the_text_block(pdf: bytes, x0: float, x1: float) -> None:
    """Measured on the rendered page, not from the font's metrics: the first dark pixel row under the
    text block is the dash's upper edge."""
    if shutil.which("pdftoppm") is None:
        pytest.skip("needs poppler-utils")
    import subprocess

    dpi = 600
    out = subprocess.run(["pdftoppm", "-f", "2", "-l", "2", "-r", str(dpi), "-gray", "-"], input=pdf,
                         capture_output=True, check=True).stdout
    header, _, pixels = out.split(b"\n", 3)[0], None, out.split(b"\n", 3)[3]
    width, height = map(int, out.split(b"\n", 3)[1].split())
    first = int((L.TEXT_BOTTOM_MM + 1) / 25.4 * dpi)
    left, right = int(x0 / 72 * dpi) + 2, int(x1 / 72 * dpi) - 2  # the dash's columns only, not the digits
    dark = next(y for y in range(first, height) if min(pixels[y * width + left:y * width + right]) < 128)
    assert header == b"P5"
    assert dark / dpi * 25.4 == pytest.approx(L.TEXT_BOTTOM_MM + L.PAGE_NUMBER_GAP_MM, abs=0.3)


def test_copy_to_in_4hao_at_the_bottom_of_the_text_block(opinion: Pdf) -> None:
    page = opinion.pages[1]
    cc = [ch for ch in page.chars if ch["size"] == L.SIZE_4HAO and mm(ch["top"]) < L.TEXT_BOTTOM_MM]
    text = "".join(ch["text"] for ch in cc)
    assert text == "抄送：示范区人民检察院。"
    assert max(em_bottom(ch) for ch in cc) == pytest.approx(L.TEXT_BOTTOM_MM, abs=0.1)
    assert mm(min(ch["x0"] for ch in cc)) == pytest.approx(L.MARGIN_LEFT_MM + mm(L.SIZE_4HAO), abs=0.3)


@pytest.mark.parametrize("paragraphs", range(1, 25))
def test_signature_and_date_stay_with_body_text(paragraphs: int, fonts: FontSet) -> None:
    content = content_for("tips", body=long_body(paragraphs), copy_to=["示范区人民检察院"])
    _heading, pages = paginate(content, fonts)
    date_pages = [p for p in pages if any(s is not None and s.kind == "date" for s in p.slots)]
    assert len(date_pages) == 1
    page = date_pages[0]
    kinds = [s.kind for s in page.slots if s is not None]
    assert "body" in kinds[: kinds.index("signature")]
    assert page.pitch >= L.MIN_LINE_PITCH
    assert len(page.slots) <= page.capacity
    assert all(any(s is not None for s in p.slots) for p in pages), "no page holds only the 抄送"
    assert pages[-1].footer


# --- receipt slip -----------------------------------------------------------------------------


def test_receipt_slip_on_its_own_last_page_with_a_cut_line(opinion: Pdf) -> None:
    page = opinion.pages[-1]
    text = opinion.text[-1].replace(" ", "")
    for label in ("送达回执", "受送达单位", "文书名称及文号", "送达人", "送达方式", "签收人", "签收日期", "备注"):
        assert label in text
    assert "示范区恒通精密制造有限公司" in text
    assert "《工会劳动法律监督意见书》" in text
    assert "示工监意" in text
    dashed = [ln for ln in page.lines if ln.get("dash") and ln["dash"][0]]
    assert dashed, "the cut line is dashed"
    assert "示工监意〔2026〕3号" not in opinion.text[-2].split("\n")[0]


def test_receipt_slip_can_be_left_out() -> None:
    with_slip = render_letter(content_for("tips"))
    without = render_letter(content_for("tips", receipt=None))
    assert without.pages == with_slip.pages - 1


# --- fonts ------------------------------------------------------------------------------------


def test_no_truetype_cjk_fonts_falls_back_to_stsong(tmp_path: Path) -> None:
    fonts = find_fonts([tmp_path])
    assert {f.name for f in fonts.fonts.values()} == {CID_FALLBACK}
    assert not any(f.embedded for f in fonts.fonts.values())
    report = font_report(fonts)
    assert any(level == "warn" and CID_FALLBACK in msg for level, msg in report)
    assert any(level == "warn" and "仿宋" in msg for level, msg in report)
    # a role set in a stand-in face is never reported as fine
    assert not any(level == "ok" and msg.startswith("仿宋（正文）") for level, msg in report)
    rendered = render_letter(content_for("opinion"), fonts)
    assert set(rendered.fonts_used.values()) == {f"{CID_FALLBACK}（内置，未嵌入）"}
    for pdf in open_pdf(rendered.pdf):
        assert "工会劳动法律监督意见书" in pdf.text[0]
        assert "示范区恒通精密制造有限公司" in pdf.text[0]


def _fake_cff_font(path: Path) -> None:
    """An OpenType file whose outlines are CFF: only its table directory, which is all we read."""
    header = b"OTTO" + struct.pack(">HHHH", 1, 16, 0, 0)
    record = struct.pack(">4sIII", b"CFF ", 0, 28, 4)
    path.write_bytes(header + record + b"\0" * 4)


def test_cff_font_is_skipped_never_handed_to_reportlab(tmp_path: Path) -> None:
    _fake_cff_font(tmp_path / "simfang.ttf")
    assert read_faces(tmp_path / "simfang.ttf")[0].outline == "cff"
    fonts = find_fonts([tmp_path])
    assert fonts["fangsong"].name == CID_FALLBACK
    assert any("simfang.ttf" in note and "CFF" in note for note in fonts.skipped)


def test_real_noto_cjk_is_skipped_and_a_truetype_face_used(tmp_path: Path) -> None:
    noto = Path("/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc")
    uming = Path("/usr/share/fonts/truetype/arphic/uming.ttc")
    if not (noto.exists() and uming.exists()):
        pytest.skip("needs fonts-noto-cjk and fonts-arphic-uming")
    (tmp_path / "simsun.ttc").symlink_to(noto)  # a CFF collection under an official name
    (tmp_path / "uming.ttc").symlink_to(uming)
    fonts = find_fonts([tmp_path])
    assert fonts["song"].label == "AR PL UMing CN"
    assert fonts["song"].subfont_index == 0
    assert any("simsun.ttc" in note for note in fonts.skipped)
    rendered = render_letter(content_for("tips"), fonts)
    for pdf in open_pdf(rendered.pdf):
        assert "工会劳动法律监督提示函" in pdf.text[0]
        assert any(ch["fontname"].endswith("UMingCN-0") or "UMing" in ch["fontname"] for ch in pdf.pages[0].chars)


def test_official_fonts_win_when_present(tmp_path: Path) -> None:
    uming = Path("/usr/share/fonts/truetype/arphic/uming.ttc")
    zenhei = Path("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc")
    if not (uming.exists() and zenhei.exists()):
        pytest.skip("needs fonts-arphic-uming and fonts-wqy-zenhei")
    shutil.copyfile(zenhei, tmp_path / "simhei.ttc")  # a TrueType face under the 黑体 file name
    (tmp_path / "simhei.ttf").symlink_to(tmp_path / "simhei.ttc")
    (tmp_path / "uming.ttc").symlink_to(uming)
    fonts = find_fonts([tmp_path])
    assert fonts["heiti"].label == "黑体" and fonts["heiti"].official
    assert fonts["fangsong"].label == "AR PL UMing CN" and not fonts["fangsong"].official


# --- templates --------------------------------------------------------------------------------


def test_unknown_placeholder_is_named() -> None:
    context = sample_context("opinion")
    del context["matter"]["facts"]
    with pytest.raises(TemplateError, match=r"opinion\.json.*正文第4段.*\{matter\.facts\}"):
        fill_template("opinion", context)


def test_office_copy_overrides_shipped_template(tmp_path: Path) -> None:
    folder = tmp_path / "templates"
    folder.mkdir()
    shipped = json.loads((Path("resources/letters/tips.json")).read_text(encoding="utf-8"))
    shipped["title"] = "关于依法支付加班工资的提示函"
    shipped["body"] = [{"text": "请你单位于{matter.deadline}前自查{bogus.field}。"}]
    (folder / "tips.json").write_text(json.dumps(shipped, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(TemplateError, match=r"\{bogus\.field\}"):
        fill_template("tips", sample_context("tips"), data_dir=tmp_path)
    shipped["body"] = [{"text": "请你单位于{matter.deadline}前自查。"}]
    (folder / "tips.json").write_text(json.dumps(shipped, ensure_ascii=False), encoding="utf-8")
    content = fill_template("tips", sample_context("tips"), data_dir=tmp_path)
    assert content.title == "关于依法支付加班工资的提示函"
    # The date is stored once and printed where the token stands.
    assert content.body[0].text == "请你单位于【期限】前自查。" and content.deadline == dt.date(2026, 3, 20)
    assert "请你单位于2026年3月20日前自查。" in _text(render_letter(content).pdf)


def test_advice_goes_to_a_department_and_optional_paragraph_falls_back() -> None:
    context = sample_context("advice")
    del context["opinion"]
    del context["previous"]
    del context["organs"]
    content = fill_template("advice", context)
    assert content.addressee == "示范区人力资源和社会保障局劳动保障监察大队"
    assert any("我会已就上述问题与该单位交涉" in p.text for p in content.body)
    assert content.copy_to == []
    assert [p.level for p in content.body if p.text.startswith("一、")] == [1]


def test_content_round_trips_through_json() -> None:
    content = content_for("opinion", attachments=["考勤记录复印件", "工资支付台账复印件"])
    again = content_from_dict(json.loads(json.dumps(content_to_dict(content), ensure_ascii=False)))
    assert again == content
    with pytest.raises(ValueError, match="成文日期"):
        content_from_dict({**content_to_dict(content), "date": "三月五日"})


def test_attachments_numbered_and_aligned(fonts: FontSet) -> None:
    rendered = render_letter(content_for("tips", attachments=["考勤记录复印件", "工资支付台账复印件"]), fonts)
    for pdf in open_pdf(rendered.pdf):
        text = "\n".join(pdf.text)
        assert "附件：1.考勤记录复印件" in text
        assert "2.工资支付台账复印件" in text


def test_letter_sample_command_writes_pdf_and_names_fonts(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from app.cli import main

    out = tmp_path / "tips.pdf"
    assert main(["--data-dir", str(tmp_path / "data"), "letter", "sample", "--kind", "tips", "-o", str(out)]) == 0
    assert out.read_bytes().startswith(b"%PDF")
    printed = capsys.readouterr().out
    assert "仿宋" in printed and "小标宋" in printed


def test_font_check_is_registered() -> None:
    from app.health import CHECKS, check_letter_fonts
    from app.paths import resolve_data_paths

    assert check_letter_fonts in CHECKS
    results = check_letter_fonts(resolve_data_paths())
    assert results and all(r.name == "文书字体" for r in results)


def test_truetype_subsets_are_embedded_and_the_cid_fallback_is_not(tmp_path: Path, fonts: FontSet) -> None:
    embedded = render_letter(content_for("tips"), fonts)
    if all(f.embedded for f in fonts.fonts.values()):
        assert b"/FontFile2" in embedded.pdf
        assert b"/AAAAAA+" in embedded.pdf  # subset tag
    fallback = render_letter(content_for("tips"), find_fonts([tmp_path]))
    assert b"/FontFile" not in fallback.pdf


def test_long_issuer_name_shrinks_to_the_text_block(fonts: FontSet) -> None:
    issuer = "中华全国总工会示范区总工会劳动法律监督委员会"
    rendered = render_letter(content_for("tips", issuer=issuer), fonts)
    for pdf in open_pdf(rendered.pdf):
        red = [ch for ch in pdf.pages[0].chars if tuple(ch["non_stroking_color"]) == RED]
        assert "".join(ch["text"] for ch in red) == issuer
        assert mm(max(ch["x1"] for ch in red) - min(ch["x0"] for ch in red)) <= L.TEXT_WIDTH_MM + 0.1
        assert red[0]["size"] < L.ISSUER_SIZE


def test_letter_without_body_still_has_signature_and_no_page_number(fonts: FontSet) -> None:
    rendered = render_letter(content_for("tips", body=[], copy_to=[]), fonts)
    assert rendered.pages == 2
    for pdf in open_pdf(rendered.pdf):
        assert "2026年3月5日" in pdf.text[0]
        assert "—" not in pdf.text[0]
        body = [ch for ch in pdf.pages[0].chars if ch["text"] == "示" and ch["size"] == L.SIZE_3HAO]
        assert body, "the addressee and the signature are 3号"


@pytest.mark.parametrize(
    "title",
    [
        "关于示范区恒通精密制造有限公司拖欠职工工资问题的工会劳动法律监督建议书",
        "关于督促示范区鑫达源服装有限公司依法为职工缴纳社会保险费并签订书面劳动合同的工会劳动法律监督意见书",
        "关于督促示范区华辉瑞通物流有限公司在高温天气停止露天作业并依法发放高温津贴的工会劳动法律监督提示函",
    ],
)
def test_long_titles_form_a_trapezoid_or_diamond_of_whole_words(fonts: FontSet, title: str) -> None:
    from app.documents.textflow import TITLE_WORDS, balanced_lines, is_trapezoid_or_diamond, title_words

    font, width = fonts["xiaobiaosong"].name, L.mm(L.TEXT_WIDTH_MM)
    lines = balanced_lines(title, font, L.SIZE_2HAO, width)
    assert "".join(lines) == title and len(lines) >= 2
    widths = [stringWidth(line, font, L.SIZE_2HAO) for line in lines]
    assert max(widths) <= width and is_trapezoid_or_diamond(widths, tolerance=0.01)
    bounds = set(itertools.accumulate(len(w) for w in title_words(title)))
    cuts = list(itertools.accumulate(len(line) for line in lines))[:-1]
    assert all(c in bounds for c in cuts)  # never inside a word or a trade name
    for word in ("有限公司", "工会劳动法律监督", "劳动合同", "高温津贴", "社会保险费"):
        if word in title:
            start = title.index(word)
            assert not any(start < c < start + len(word) for c in cuts), word
    assert "工会劳动法律监督意见书" in TITLE_WORDS


def test_long_title_breaks_between_words_and_keeps_typed_breaks(fonts: FontSet) -> None:
    from app.documents.textflow import balanced_lines

    font, width = fonts["xiaobiaosong"].name, L.mm(L.TEXT_WIDTH_MM)
    title = "关于督促依法支付职工加班工资和落实带薪年休假制度的工会劳动法律监督意见书"
    assert balanced_lines(title, font, L.SIZE_2HAO, width) == [
        "关于督促依法支付职工加班工资和落实", "带薪年休假制度的工会劳动法律监督意见书",
    ]
    assert balanced_lines("关于依法支付加班工资的\n工会劳动法律监督提示函", font, L.SIZE_2HAO, width) == [
        "关于依法支付加班工资的", "工会劳动法律监督提示函",
    ]
    rendered = render_letter(content_for("opinion", title=title), fonts)
    for pdf in open_pdf(rendered.pdf):
        rows = lines_by_top(pdf.pages[0], L.SIZE_2HAO)
        assert ["".join(ch["text"] for ch in row) for row in rows.values()][1] == "带薪年休假制度的工会劳动法律监督意见书"
        for row in rows.values():
            centre = (min(ch["x0"] for ch in row) + max(ch["x1"] for ch in row)) / 2
            assert mm(centre) == pytest.approx(L.MARGIN_LEFT_MM + L.TEXT_WIDTH_MM / 2, abs=0.5)


def test_fonts_dropped_in_the_data_folder_are_used_and_reported(tmp_path: Path) -> None:
    from app.health import check_letter_fonts
    from app.paths import DataPaths

    uming = Path("/usr/share/fonts/truetype/arphic/uming.ttc")
    if not uming.exists():
        pytest.skip("needs fonts-arphic-uming")
    paths = DataPaths(tmp_path / "data")
    (paths.root / "fonts").mkdir(parents=True)
    (paths.root / "fonts" / "simfang.ttf").symlink_to(uming)  # stands in for the office's 仿宋
    fonts = find_fonts(data_root=paths.root)
    assert fonts["fangsong"].label == "仿宋" and fonts["fangsong"].official
    assert fonts["fangsong"].path == paths.root / "fonts" / "simfang.ttf"
    results = check_letter_fonts(paths)
    assert any("仿宋（正文）：仿宋" in r.message for r in results)
    assert not any(r.level == "warn" and "没有仿宋" in r.message for r in results)

"""一函两书 as PDF in the GB/T 9704-2012 letter format (信函格式).

The layout is computed first (lines assigned to slots on pages), then drawn with the ReportLab canvas;
no Platypus, because every element has a fixed place the standard names.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any, Literal, cast

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from app.core.letters import chinese_date as chinese_date
from app.core.letters import fill_deadline, parse_number
from app.core.problems import Problem, ValidationError
from app.documents import layout as L
from app.documents.fonts import FontSet, Role, default_fonts, fallback_runs
from app.documents.textflow import LineText, balanced_lines, break_text

LetterKind = Literal["tips", "opinion", "advice", "summary"]
KINDS: tuple[LetterKind, ...] = ("tips", "opinion", "advice")
"""The 一函两书 of the letter register; "summary" (意见汇总 of the legislative contact point) shares the layout."""
KIND_LABELS: dict[LetterKind, str] = {"tips": "提示函", "opinion": "意见书", "advice": "建议书", "summary": "意见汇总"}


@dataclass
class BodyParagraph:
    """A paragraph of the body. Level 1 headings (一、) are set in 黑体, level 2 (（一）) in 楷体,
    levels 3–4 and plain text (level 0) in 仿宋."""

    text: str
    level: int = 0


@dataclass
class ReceiptSlip:
    """The 送达回执. Empty fields are left blank to be filled by hand; recipient and document default
    to the letter's addressee, title and number."""

    recipient: str = ""
    document: str = ""
    server: str = ""  # 送达人
    method: str = ""  # 送达方式
    served_on: str = ""
    signer: str = ""
    remarks: str = ""


@dataclass
class LetterContent:
    kind: LetterKind
    issuer: str
    number: str
    title: str
    addressee: str
    body: list[BodyParagraph]
    signature: str
    date: dt.date
    attachments: list[str] = field(default_factory=list)
    copy_to: list[str] = field(default_factory=list)
    contact_person: str = ""
    contact_phone: str = ""
    receipt: ReceiptSlip | None = field(default_factory=ReceiptSlip)
    # The stored deadline, printed where the body has DEADLINE_TOKEN.
    deadline: dt.date | None = None
    # A draft carries a 草稿 mark on every page; only an issued letter is clean.
    draft: bool = False


def content_to_dict(content: LetterContent) -> dict[str, Any]:
    """A JSON-ready dict of the letter as edited (what the letter register keeps in `letter.body`)."""
    data = asdict(content)
    data["date"] = content.date.isoformat()
    data["deadline"] = content.deadline.isoformat() if content.deadline else None
    return data


class LetterBodyError(ValidationError):
    """A stored letter body that cannot be read without guessing; the message is one sentence (a
    ValidationError, so every screen that shows refused input shows this too)."""

    def __init__(self, message: str) -> None:
        super().__init__([Problem("body", message)])


def content_from_dict(
    data: Mapping[str, Any],
    *,
    kind: str | None = None,
    date: dt.date | None = None,
    deadline: dt.date | None = None,
) -> LetterContent:
    """The inverse of content_to_dict, for every shape a body was ever stored in (the first drafts had
    no deadline, draft mark or delivery fields on the receipt; some bodies carry no kind).

    Strict about what would make the letter say something false: a date that is missing or cannot
    be read raises LetterBodyError, never a date made up here. Tolerant where the truth is known
    elsewhere: `kind`, `date` and `deadline` are what the letter's register row holds (its kind, its
    date of issue, its stored deadline); given, they win over the body's own, which is then not read."""
    if not isinstance(data, Mapping):
        raise LetterBodyError("函件正文已损坏，无法读取，请联系区总工会处理")
    letter_kind = kind or data.get("kind")
    if not letter_kind:
        raise LetterBodyError("函件正文缺少文书类型（提示函、意见书或建议书），无法排版")
    if letter_kind not in KIND_LABELS:
        raise LetterBodyError(f"函件正文中的文书类型“{str(letter_kind)[:20]}”无效，应为提示函、意见书或建议书")
    day = date if date is not None else _body_date(data.get("date"))
    receipt_data = data.get("receipt", {})
    if receipt_data is not None and not isinstance(receipt_data, Mapping):
        raise LetterBodyError("函件正文中的送达回执格式错误，无法读取")
    receipt = None if receipt_data is None else ReceiptSlip(
        **{k: _text(receipt_data, k) for k in receipt_data if k in ReceiptSlip.__dataclass_fields__}
    )
    paragraphs = data.get("body") or []
    if not isinstance(paragraphs, list):
        raise LetterBodyError("函件正文的段落格式错误，无法读取")
    return LetterContent(
        kind=cast(LetterKind, letter_kind),
        issuer=_text(data, "issuer"),
        number=_text(data, "number"),
        title=_text(data, "title"),
        addressee=_text(data, "addressee"),
        body=[_paragraph(p) for p in paragraphs],
        signature=_text(data, "signature"),
        date=day,
        attachments=_texts(data, "attachments"),
        copy_to=_texts(data, "copy_to"),
        contact_person=_text(data, "contact_person"),
        contact_phone=_text(data, "contact_phone"),
        receipt=receipt,
        deadline=deadline if deadline is not None else _deadline(data.get("deadline")),
        draft=bool(data.get("draft", False)),
    )


def _text(data: Mapping[str, Any], key: str) -> str:
    value = data.get(key)
    return "" if value is None else str(value)


def _texts(data: Mapping[str, Any], key: str) -> list[str]:
    value = data.get(key) or []
    if isinstance(value, str):
        return [value]
    if not isinstance(value, list):
        raise LetterBodyError(f"函件正文中的“{key}”格式错误，应为一串文字")
    return [str(v) for v in value if v is not None]


def _paragraph(value: Any) -> BodyParagraph:
    if isinstance(value, Mapping):
        level = value.get("level", 0) or 0
        if not isinstance(level, int) or isinstance(level, bool) or not 0 <= level <= 4:
            raise LetterBodyError(f"函件正文中有一段的标题层级“{str(level)[:10]}”无效，应为 0 到 4")
        return BodyParagraph(_text(value, "text"), level)
    return BodyParagraph(str(value))


def _body_date(value: Any) -> dt.date:
    if isinstance(value, dt.date):
        return value
    if value is None or value == "":
        raise LetterBodyError("函件正文缺少成文日期，无法排版；请重新起草这份函件")
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise LetterBodyError(f"函件正文中的成文日期“{str(value)[:20]}”无法识别，应写作 2026-03-05") from None


def _deadline(value: Any) -> dt.date | None:
    """The stored deadline; a damaged one is an error too (the letter would print the wrong day or none)."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise LetterBodyError(f"函件正文中的整改期限“{str(value)[:20]}”无法识别，应写作 2026-03-05") from None


@dataclass(frozen=True)
class RenderedLetter:
    pdf: bytes
    pages: int
    fonts_used: dict[str, str]


# --- layout model -------------------------------------------------------------------------------

Align = Literal["left", "center", "right"]


@dataclass
class Item:
    """A line of text in a slot. `x` is measured from the left edge of the text block for left-aligned
    lines; centred and right-aligned lines are placed at draw time."""

    text: str
    role: Role
    size: float
    x: float = 0.0
    char_space: float = 0.0
    align: Align = "left"
    center_x: float | None = None  # centre of the line, from the text block's left edge
    kind: str = "body"


Slot = Item | None  # None is a blank line


@dataclass
class Page:
    first_baseline: float  # from the page top, pt
    pitch: float
    capacity: int
    slots: list[Slot] = field(default_factory=list)
    number: int | None = None  # printed page number
    footer: list[Item] = field(default_factory=list)  # 抄送, set against the bottom of the text block

    @property
    def free(self) -> int:
        return self.capacity - len(self.slots)


GRID_SPACE = L.CHAR_PITCH - L.SIZE_3HAO  # tightens 16 pt characters onto the 5.57 mm grid
TEXT_W = L.mm(L.TEXT_WIDTH_MM)
BODY_DESCENT = (1 - L.EM_ASCENT) * L.SIZE_3HAO


def _capacity(first_baseline: float, pitch: float) -> int:
    limit = L.mm(L.TEXT_BOTTOM_MM) - BODY_DESCENT
    return int((limit - first_baseline) // pitch) + 1


@dataclass(frozen=True)
class Heading:
    """Where the letter-format heading puts things on page 1 (pt from the page top)."""

    issuer_size: float
    issuer_top: float
    rule_top: float
    number_baseline: float
    title_baseline: float


def heading_positions(issuer: str, fonts: FontSet) -> Heading:
    font = fonts["xiaobiaosong"].name
    size = L.ISSUER_SIZE
    while size > L.ISSUER_MIN_SIZE and stringWidth(issuer, font, size) > TEXT_W:
        size -= 1
    top = L.mm(L.ISSUER_TOP_MM)
    rule_top = top + size + L.mm(L.RULE_GAP_MM)
    number_top = rule_top + L.mm(L.RULE_DOUBLE_MM) + L.NUMBER_GAP
    number_baseline = number_top + L.EM_ASCENT * L.SIZE_3HAO
    title_baseline = number_baseline + (L.TITLE_GAP_LINES + 1) * L.LINE_PITCH
    return Heading(size, top, rule_top, number_baseline, title_baseline)


def _body_items(text: str, role: Role, fonts: FontSet, *, first_indent: float, rest_indent: float = 0.0,
                size: float = L.SIZE_3HAO, kind: str = "body") -> list[Item]:
    space = GRID_SPACE if size == L.SIZE_3HAO else 0.0
    lines: list[LineText] = break_text(
        text, fonts[role].name, size, TEXT_W, first_indent=first_indent, rest_indent=rest_indent, char_space=space
    )
    return [Item(ln.text, role, size, ln.x, ln.char_space, kind=kind) for ln in lines]


_LEVEL_ROLE: dict[int, Role] = {0: "fangsong", 1: "heiti", 2: "kaiti", 3: "fangsong", 4: "fangsong"}


def _paragraph_items(par: BodyParagraph, fonts: FontSet) -> list[Item]:
    role = _LEVEL_ROLE.get(par.level, "fangsong")
    out: list[Item] = []
    for piece in par.text.split("\n"):
        if piece.strip():
            out += _body_items(piece.strip(), role, fonts, first_indent=2 * L.CHAR_PITCH,
                               kind="heading" if par.level else "body")
    return out


def _attachment_items(attachments: Sequence[str], fonts: FontSet) -> list[Item]:
    font = fonts["fangsong"].name
    label = "附件："
    indent = 2 * L.CHAR_PITCH
    label_w = stringWidth(label, font, L.SIZE_3HAO) + GRID_SPACE * len(label)
    out: list[Item] = []
    many = len(attachments) > 1
    for i, name in enumerate(attachments, start=1):
        prefix = f"{i}." if many else ""
        prefix_w = stringWidth(prefix, font, L.SIZE_3HAO) + GRID_SPACE * len(prefix)
        name_x = indent + label_w + prefix_w
        head = (label if i == 1 else "") + prefix
        head_x = indent if i == 1 else indent + label_w
        lines = break_text(head + name.rstrip("。．."), font, L.SIZE_3HAO, TEXT_W, first_indent=head_x,
                           rest_indent=name_x, char_space=GRID_SPACE)
        out += [Item(ln.text, "fangsong", L.SIZE_3HAO, ln.x, ln.char_space, kind="attachment") for ln in lines]
    return out


def _signature_items(content: LetterContent, fonts: FontSet) -> list[Item]:
    font = fonts["fangsong"].name
    date_text = chinese_date(content.date)
    date_w = stringWidth(date_text, font, L.SIZE_3HAO) + GRID_SPACE * (len(date_text) - 1)
    date_right = TEXT_W - L.DATE_RIGHT_INDENT_CHARS * L.CHAR_PITCH
    date_x = date_right - date_w
    centre = date_x + date_w / 2
    items: list[Item] = []
    for line in content.signature.split("\n"):
        if line.strip():
            items.append(Item(line.strip(), "fangsong", L.SIZE_3HAO, char_space=GRID_SPACE, align="center",
                              center_x=centre, kind="signature"))
    items.append(Item(date_text, "fangsong", L.SIZE_3HAO, date_x, GRID_SPACE, kind="date"))
    note = _contact_note(content)
    if note:
        items += _body_items(note, "fangsong", fonts, first_indent=2 * L.CHAR_PITCH, kind="note")
    return items


def _contact_note(content: LetterContent) -> str:
    parts = []
    if content.contact_person.strip():
        parts.append(f"联系人：{content.contact_person.strip()}")
    if content.contact_phone.strip():
        parts.append(f"联系电话：{content.contact_phone.strip()}")
    return f"（{'，'.join(parts)}）" if parts else ""


def _copy_to_items(copy_to: Sequence[str], fonts: FontSet) -> list[Item]:
    names = [n.strip().rstrip("。，、；") for n in copy_to if n.strip()]
    if not names:
        return []
    font = fonts["fangsong"].name
    size = L.SIZE_4HAO
    label = "抄送："
    text = label + "，".join(names) + "。"
    label_w = stringWidth(label, font, size)
    lines = break_text(text, font, size, TEXT_W - size, first_indent=size, rest_indent=size + label_w)
    return [Item(ln.text, "fangsong", size, ln.x, ln.char_space, kind="copy_to") for ln in lines]


def _continuation_page() -> Page:
    first = L.mm(L.MARGIN_TOP_MM) + L.EM_ASCENT * L.SIZE_3HAO
    return Page(first, L.LINE_PITCH, _capacity(first, L.LINE_PITCH))


def paginate(content: LetterContent, fonts: FontSet) -> tuple[Heading, list[Page]]:
    heading = heading_positions(content.issuer, fonts)
    first = Page(heading.title_baseline, L.LINE_PITCH, _capacity(heading.title_baseline, L.LINE_PITCH))
    pages = [first]

    title_font = fonts["xiaobiaosong"].name
    for line in balanced_lines(content.title, title_font, L.SIZE_2HAO, TEXT_W):
        first.slots.append(Item(line, "xiaobiaosong", L.SIZE_2HAO, align="center", center_x=TEXT_W / 2, kind="title"))
    first.slots += [None] * L.ADDRESSEE_GAP_LINES
    addressee = content.addressee.strip().rstrip(":：") + "："
    first.slots += _body_items(addressee, "fangsong", fonts, first_indent=0.0, kind="addressee")

    flow: list[Item] = []
    for par in content.body:
        flow += _paragraph_items(BodyParagraph(fill_deadline(par.text, content.deadline), par.level), fonts)
    if content.attachments:
        flow_tail: list[Slot] = [None, *_attachment_items(content.attachments, fonts)]
    else:
        flow_tail = []

    def place(slot: Slot) -> None:
        if pages[-1].free <= 0:
            carried: list[Slot] = []
            last = pages[-1].slots
            if last and last[-1] is not None and last[-1].kind == "heading" and slot is not None \
                    and slot.kind != "heading":
                carried.append(last.pop())  # a heading keeps with the line after it
            pages.append(_continuation_page())
            pages[-1].slots += carried
        pages[-1].slots.append(slot)

    for item in [*flow, *flow_tail]:
        place(item)

    tail = _signature_items(content, fonts)
    footer = _copy_to_items(content.copy_to, fonts)
    # the 抄送 lines sit at the foot of the last page, under one free line
    _place_signature(pages, tail, reserve=len(footer) + 1 if footer else 0)
    if footer:
        if not _footer_fits(pages[-1], len(footer)):
            pages.append(_continuation_page())
        pages[-1].footer = footer

    for index, page in enumerate(pages):
        has_text = any(slot is not None for slot in page.slots)
        page.number = index + 1 if index > 0 and has_text else None
    return heading, pages


def _footer_top(lines: int) -> float:
    """Top of the 抄送 block, pt from the page top, when its last line ends on the text block's edge."""
    last_baseline = L.mm(L.TEXT_BOTTOM_MM) - (1 - L.EM_ASCENT) * L.SIZE_4HAO
    return last_baseline - (lines - 1) * L.LINE_PITCH - L.EM_ASCENT * L.SIZE_4HAO


def _footer_fits(page: Page, lines: int) -> bool:
    used_bottom = page.first_baseline + (len(page.slots) - 1) * page.pitch + BODY_DESCENT
    return used_bottom + page.pitch <= _footer_top(lines) + 0.5


def _place_signature(pages: list[Page], tail: list[Item], reserve: int = 0) -> None:
    """Keeps the signature and date on the page of the body's last lines (§7.3.5.5): fewer blank lines
    first, then a tighter line pitch on that page, and only then the last two body lines move over.
    `reserve` slots stay free at the foot of the page for the 抄送."""
    page = pages[-1]
    for gap in range(L.SIGNATURE_GAP_LINES, L.SIGNATURE_MIN_GAP_LINES - 1, -1):
        if page.free >= gap + len(tail) + reserve:
            page.slots += [None] * gap + list(tail)
            return
    gap = L.SIGNATURE_MIN_GAP_LINES
    needed = len(page.slots) + gap + len(tail) + reserve
    pitch = (L.mm(L.TEXT_BOTTOM_MM) - BODY_DESCENT - page.first_baseline) / max(needed - 1, 1)
    if pitch >= L.MIN_LINE_PITCH:
        page.pitch = pitch
        page.capacity = needed
        page.slots += [None] * gap + list(tail)
        return
    moved: list[Slot] = []
    while page.slots and len([s for s in moved if s is not None]) < 2:
        slot = page.slots[-1]
        if slot is not None and slot.kind in ("title", "addressee"):
            break
        moved.insert(0, page.slots.pop())
    while moved and moved[0] is None:
        moved.pop(0)
    new = _continuation_page()
    new.slots = [*moved, *([None] * L.SIGNATURE_GAP_LINES), *tail]
    pages.append(new)


# --- drawing ------------------------------------------------------------------------------------

PAGE_H = L.mm(L.PAGE_HEIGHT_MM)
PAGE_W = L.mm(L.PAGE_WIDTH_MM)
LEFT = L.mm(L.MARGIN_LEFT_MM)


class _Painter:
    def __init__(self, canvas: Canvas, fonts: FontSet) -> None:
        self.c = canvas
        self.fonts = fonts
        self.used: dict[str, str] = {}

    def text(self, item: Item, baseline_from_top: float, colour: object = L.BLACK) -> None:
        font = self.fonts[item.role]
        self.used[item.role] = font.label
        width = stringWidth(item.text, font.name, item.size) + item.char_space * max(len(item.text) - 1, 0)
        if item.align == "center":
            cx = item.center_x if item.center_x is not None else TEXT_W / 2
            x = LEFT + cx - width / 2
        elif item.align == "right":
            x = LEFT + TEXT_W - width
        else:
            x = LEFT + item.x
        self.string(x, PAGE_H - baseline_from_top, item.text, item.role, item.size, item.char_space, colour)

    def string(self, x: float, y: float, text: str, role: Role, size: float, char_space: float = 0.0,
               colour: object = L.BLACK) -> None:
        font = self.fonts[role]
        self.used[role] = font.label
        c = self.c
        c.setFillColor(colour)
        if font.bold:
            c.setStrokeColor(colour)
            c.setLineWidth(size * 0.03)
        # A character the face lacks comes from a fallback face, never as an empty box.
        for name, run in fallback_runs(self.fonts, role, text):
            c.setFont(name, size)
            if font.bold:
                c.drawString(x, y, run, mode=2, charSpace=char_space)
            else:
                c.drawString(x, y, run, charSpace=char_space)
            x += stringWidth(run, name, size) + char_space * len(run)

    def double_rule(self, top_from_top: float, thick_first: bool) -> None:
        c = self.c
        c.setFillColor(L.RED)
        x = L.mm(L.RULE_LEFT_MM)
        w = L.mm(L.RULE_LENGTH_MM)
        first, second = (L.RULE_THICK_MM, L.RULE_THIN_MM) if thick_first else (L.RULE_THIN_MM, L.RULE_THICK_MM)
        y1 = PAGE_H - top_from_top - L.mm(first)
        c.rect(x, y1, w, L.mm(first), stroke=0, fill=1)
        y2 = y1 - L.mm(L.RULE_SPACE_MM) - L.mm(second)
        c.rect(x, y2, w, L.mm(second), stroke=0, fill=1)


def _draw_heading(p: _Painter, content: LetterContent, heading: Heading) -> None:
    font = p.fonts["xiaobiaosong"]
    size = heading.issuer_size
    width = stringWidth(content.issuer, font.name, size)
    baseline = heading.issuer_top + L.EM_ASCENT * size
    p.string((PAGE_W - width) / 2, PAGE_H - baseline, content.issuer, "xiaobiaosong", size, colour=L.RED)
    p.double_rule(heading.rule_top, thick_first=True)
    bottom_rule_top = PAGE_H - L.mm(L.BOTTOM_RULE_FROM_BOTTOM_MM) - L.mm(L.RULE_DOUBLE_MM)
    p.double_rule(bottom_rule_top, thick_first=False)
    if content.number.strip():
        number = Item(content.number.strip(), "fangsong", L.SIZE_3HAO, align="right")
        p.text(number, heading.number_baseline)
        parsed = parse_number(content.number)
        if parsed is not None and parsed.provisional:
            note = Item(PROVISIONAL_NOTE, "fangsong", L.SIZE_4HAO - 2, align="right")
            p.text(note, heading.number_baseline + L.LINE_PITCH * 0.8)


PROVISIONAL_NOTE = "（临时编号，正式文号待联网同步后确定）"
DRAFT_MARK = "草稿"


def _draw_draft_mark(p: _Painter) -> None:
    """A draft says so on every page: a large grey diagonal 草稿 over the text and a small boxed one in
    the top margin, so a printed or forwarded draft can never pass for an issued letter."""
    c = p.c
    font = p.fonts["heiti"].name
    grey = L.DRAFT_GREY
    c.saveState()
    c.setFillColor(grey)
    c.setFillAlpha(0.35)
    c.translate(PAGE_W / 2, PAGE_H / 2)
    c.rotate(35)
    size: float = 150
    p.used["heiti"] = p.fonts["heiti"].label
    c.setFont(font, size)
    c.drawCentredString(0, -size / 3, DRAFT_MARK)
    c.restoreState()
    c.saveState()
    size = L.SIZE_3HAO
    width = stringWidth(DRAFT_MARK, font, size) + 4
    x = LEFT + TEXT_W - width
    y = PAGE_H - L.mm(14)
    c.setStrokeColor(L.DRAFT_RED)
    c.setFillColor(L.DRAFT_RED)
    c.setLineWidth(1)
    c.rect(x - 4, y - 5, width + 8, size + 8, stroke=1, fill=0)
    c.setFont(font, size)
    c.drawString(x, y, DRAFT_MARK, charSpace=4)
    c.restoreState()


def _draw_page_number(p: _Painter, number: int) -> None:
    text = f"{L.PAGE_NUMBER_DASH} {number} {L.PAGE_NUMBER_DASH}"
    size = L.PAGE_NUMBER_SIZE
    width = stringWidth(text, p.fonts["song"].name, size)
    x = LEFT + TEXT_W - L.PAGE_NUMBER_INDENT - width if number % 2 else LEFT + L.PAGE_NUMBER_INDENT
    dash_top = L.mm(L.TEXT_BOTTOM_MM + L.PAGE_NUMBER_GAP_MM)
    p.string(x, PAGE_H - dash_top - L.PAGE_NUMBER_DASH_RISE * size, text, "song", size)


def _draw_footer(p: _Painter, footer: Sequence[Item]) -> None:
    size = L.SIZE_4HAO
    last_baseline = L.mm(L.TEXT_BOTTOM_MM) - (1 - L.EM_ASCENT) * size
    for i, item in enumerate(footer):
        p.text(item, last_baseline - (len(footer) - 1 - i) * L.LINE_PITCH)


def _draw_receipt(p: _Painter, content: LetterContent, slip: ReceiptSlip) -> None:
    c = p.c
    fs = p.fonts
    top = L.mm(L.MARGIN_TOP_MM)
    # cut line across the page with its note in a gap in the middle
    note = "（沿虚线剪下）"
    note_size = L.SIZE_4HAO
    note_w = stringWidth(note, fs["fangsong"].name, note_size)
    cut_y = PAGE_H - L.mm(L.MARGIN_TOP_MM - 15)
    c.saveState()
    c.setStrokeColor(L.BLACK)
    c.setLineWidth(0.6)
    c.setDash(*L.CUT_LINE_DASH)
    mid = PAGE_W / 2
    c.line(L.mm(10), cut_y, mid - note_w / 2 - 4, cut_y)
    c.line(mid + note_w / 2 + 4, cut_y, PAGE_W - L.mm(10), cut_y)
    c.restoreState()
    p.string(mid - note_w / 2, cut_y - note_size * 0.35, note, "fangsong", note_size)

    title = "送达回执"
    title_size = L.SIZE_2HAO
    title_w = stringWidth(title, fs["xiaobiaosong"].name, title_size) + 8 * (len(title) - 1)
    title_baseline = top + L.mm(8) + L.EM_ASCENT * title_size
    p.string((PAGE_W - title_w) / 2, PAGE_H - title_baseline, title, "xiaobiaosong", title_size, char_space=8)

    doc = slip.document or f"《{_one_line(content.title)}》" + (f"（{content.number}）" if content.number.strip() else "")
    remarks = slip.remarks or f"请受送达单位签收后将本回执交回{content.signature.splitlines()[0] if content.signature else content.issuer}。"
    rows = [
        ("受送达单位", slip.recipient or content.addressee.rstrip("：:")),
        ("文书名称及文号", doc),
        ("送达人", slip.server),
        ("送达方式", slip.method or "□直接送达　□邮寄送达　□其他"),
        ("签收人", slip.signer),
        ("签收日期", slip.served_on or "\u3000" * 5 + "年\u3000\u3000月\u3000\u3000日"),
        ("备注", remarks),
    ]
    size = L.SIZE_3HAO
    font = fs["fangsong"].name
    label_w = L.mm(L.RECEIPT_LABEL_WIDTH_MM)
    value_w = TEXT_W - label_w - 2 * 6
    row_tops = [title_baseline + L.mm(12)]
    wrapped: list[list[LineText]] = []
    for _label, value in rows:
        lines = break_text(value, font, size, value_w, justify=False) if value else []
        wrapped.append(lines)
        height = max(L.mm(L.RECEIPT_ROW_HEIGHT_MM), len(lines) * size * 1.5 + L.mm(8))
        row_tops.append(row_tops[-1] + height)
    c.setStrokeColor(L.BLACK)
    c.setLineWidth(0.8)
    table_top, table_bottom = row_tops[0], row_tops[-1]
    c.rect(LEFT, PAGE_H - table_bottom, TEXT_W, table_bottom - table_top, stroke=1, fill=0)
    c.line(LEFT + label_w, PAGE_H - table_top, LEFT + label_w, PAGE_H - table_bottom)
    for y in row_tops[1:-1]:
        c.line(LEFT, PAGE_H - y, LEFT + TEXT_W, PAGE_H - y)
    for (label, _value), lines, row_top, row_bottom in zip(rows, wrapped, row_tops, row_tops[1:], strict=False):
        mid_row = (row_top + row_bottom) / 2
        lw = stringWidth(label, font, size)
        p.string(LEFT + (label_w - lw) / 2, PAGE_H - (mid_row + size * 0.35), label, "fangsong", size)
        block_h = len(lines) * size * 1.5
        first_baseline = mid_row - block_h / 2 + size * 1.05
        for i, ln in enumerate(lines):
            p.string(LEFT + label_w + 6, PAGE_H - (first_baseline + i * size * 1.5), ln.text, "fangsong", size)
    sign_note = "（签名或盖章）"
    sn_w = stringWidth(sign_note, font, L.SIZE_4HAO)
    signer_bottom = row_tops[5]
    p.string(LEFT + TEXT_W - sn_w - 6, PAGE_H - signer_bottom + 6, sign_note, "fangsong", L.SIZE_4HAO)

    issuer_line = f"发文单位：{content.signature.splitlines()[0] if content.signature else content.issuer}"
    contact = _contact_note(content).strip("（）")
    y = table_bottom + L.mm(8) + L.EM_ASCENT * L.SIZE_4HAO
    for text in (issuer_line, contact):
        if text:
            p.string(LEFT, PAGE_H - y, text, "fangsong", L.SIZE_4HAO)
            y += L.SIZE_4HAO * 1.6


def _one_line(text: str) -> str:
    return "".join(part.strip() for part in text.splitlines())


def render_letter(content: LetterContent, fonts: FontSet | None = None) -> RenderedLetter:
    """Lays the letter out and returns the PDF bytes, its page count (the receipt slip included) and
    the font each role was drawn with."""
    fonts = fonts or default_fonts()
    heading, pages = paginate(content, fonts)
    buffer = io.BytesIO()
    # The initial font is one we embed, so no unembedded Helvetica is declared on any page.
    canvas = Canvas(buffer, pagesize=(PAGE_W, PAGE_H), pageCompression=1, initialFontName=fonts["fangsong"].name)
    canvas.setTitle((f"{_one_line(content.title)} {content.number}" + ("（草稿）" if content.draft else "")).strip())
    canvas.setAuthor(content.issuer)
    canvas.setSubject(content.addressee)
    canvas.setCreator("Union Inspector")
    painter = _Painter(canvas, fonts)
    for index, page in enumerate(pages):
        if index == 0:
            _draw_heading(painter, content, heading)
        for i, slot in enumerate(page.slots):
            if slot is not None:
                painter.text(slot, page.first_baseline + i * page.pitch)
        if page.footer:
            _draw_footer(painter, page.footer)
        if page.number is not None:
            _draw_page_number(painter, page.number)
        if content.draft:
            _draw_draft_mark(painter)
        canvas.showPage()
    count = len(pages)
    if content.receipt is not None:
        _draw_receipt(painter, content, content.receipt)
        if content.draft:
            _draw_draft_mark(painter)
        canvas.showPage()
        count += 1
    canvas.save()
    ordered: dict[str, str] = {role: painter.used[role] for role in ("xiaobiaosong", "fangsong", "heiti", "kaiti", "song")
               if role in painter.used}
    return RenderedLetter(pdf=buffer.getvalue(), pages=count, fonts_used=ordered)

"""The enterprise dossier (一企一档) as a PDF: particulars, every visit with its answers, the
supervision matters and the letters. Input is plain data (dossier_data gathers it from the store), so
this module knows nothing of the database."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from app.documents import layout as L
from app.documents.fonts import FontSet, default_fonts
from app.documents.letter_pdf import chinese_date


@dataclass
class DossierVisit:
    date: dt.date
    inspector: str
    form_title: str
    status: str
    sections: list[tuple[str, list[tuple[str, str]]]]  # (section title, [(field label, answer)])
    summary: str = ""


@dataclass
class DossierMatter:
    opened_on: dt.date
    category: str
    title: str
    status: str
    source: str = ""
    facts: str = ""
    legal_basis: str = ""
    deadline: dt.date | None = None
    closed_on: dt.date | None = None
    history: list[str] = field(default_factory=list)


@dataclass
class DossierLetter:
    kind: str
    number: str
    title: str
    status: str
    issued_on: dt.date | None = None
    served_on: dt.date | None = None
    replied_on: dt.date | None = None
    reply_note: str = ""


@dataclass
class Dossier:
    enterprise_name: str
    particulars: list[tuple[str, str]]
    visits: list[DossierVisit] = field(default_factory=list)
    matters: list[DossierMatter] | None = None  # None: not available in this installation
    letters: list[DossierLetter] | None = None
    office: str = ""
    generated_on: dt.date = field(default_factory=dt.date.today)


@dataclass(frozen=True)
class RenderedDossier:
    pdf: bytes
    pages: int
    fonts_used: dict[str, str]


def _date(value: dt.date | None) -> str:
    return chinese_date(value) if value else "—"


def _iso(value: dt.date | None) -> str:
    return value.isoformat() if value else "—"


class _Styles:
    def __init__(self, fonts: FontSet) -> None:
        body, head, title = fonts["fangsong"].name, fonts["heiti"].name, fonts["xiaobiaosong"].name
        common: dict[str, Any] = {"wordWrap": "CJK"}
        self.title = ParagraphStyle("title", fontName=title, fontSize=L.SIZE_2HAO, leading=32, alignment=TA_CENTER,
                                    **common)
        self.subtitle = ParagraphStyle("subtitle", fontName=body, fontSize=12, leading=18, alignment=TA_CENTER,
                                       textColor=colors.HexColor("#444444"), **common)
        self.h1 = ParagraphStyle("h1", fontName=head, fontSize=L.SIZE_4HAO + 2, leading=26, spaceBefore=10,
                                 spaceAfter=4, **common)
        self.h2 = ParagraphStyle("h2", fontName=head, fontSize=12.5, leading=19, spaceBefore=8, spaceAfter=2,
                                 **common)
        self.body = ParagraphStyle("body", fontName=body, fontSize=11.5, leading=17, **common)
        self.cell = ParagraphStyle("cell", fontName=body, fontSize=10.5, leading=15, **common)
        self.label = ParagraphStyle("label", parent=self.cell, textColor=colors.HexColor("#333333"))
        self.section = ParagraphStyle("section", parent=self.cell, fontName=head)
        self.small = ParagraphStyle("small", parent=self.cell, fontSize=9.5, leading=13.5)
        self.note = ParagraphStyle("note", fontName=body, fontSize=10, leading=14,
                                   textColor=colors.HexColor("#555555"), **common)


def _p(text: str, style: ParagraphStyle) -> Paragraph:
    return Paragraph(escape(text).replace("\n", "<br/>"), style)


_GRID = TableStyle([
    ("GRID", (0, 0), (-1, -1), 0.5, colors.HexColor("#888888")),
    ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ("BACKGROUND", (0, 0), (0, -1), colors.HexColor("#F2F2F2")),
    ("LEFTPADDING", (0, 0), (-1, -1), 4),
    ("RIGHTPADDING", (0, 0), (-1, -1), 4),
])

WIDTH = L.mm(L.TEXT_WIDTH_MM)


def _pairs(rows: Sequence[tuple[str, str]], st: _Styles, label_w: float = L.mm(38)) -> Table:
    data = [[_p(k, st.label), _p(v or "—", st.cell)] for k, v in rows]
    table = Table(data, colWidths=[label_w, WIDTH - label_w])
    table.setStyle(_GRID)
    table.setStyle(_font_style(st))
    return table


def _font_style(st: _Styles) -> TableStyle:
    """Tables name their own default font (unembedded Helvetica) unless told the body face."""
    return TableStyle([("FONTNAME", (0, 0), (-1, -1), st.cell.fontName)])


def _answers_table(sections: Sequence[tuple[str, Sequence[tuple[str, str]]]], st: _Styles) -> Table | None:
    """One table per visit: a shaded row per form section, then its answered fields."""
    label_w = L.mm(48)
    data: list[list[Any]] = []
    style: list[Any] = [
        ("GRID", (0, 0), (-1, -1), 0.5, colors.HexColor("#888888")),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ]
    for title, answers in sections:
        if not answers:
            continue
        if title:
            row = len(data)
            data.append([_p(title, st.section), ""])
            style += [("SPAN", (0, row), (1, row)), ("BACKGROUND", (0, row), (1, row), colors.HexColor("#E4E4E4"))]
        data += [[_p(label, st.label), _p(value, st.cell)] for label, value in answers]
    if not data:
        return None
    table = Table(data, colWidths=[label_w, WIDTH - label_w], repeatRows=0)
    table.setStyle(TableStyle(style))
    table.setStyle(_font_style(st))
    return table


def _listing(header: Sequence[str], rows: Sequence[Sequence[str]], widths: Sequence[float], st: _Styles) -> Table:
    data = [[_p(h, st.small) for h in header]] + [[_p(c or "—", st.small) for c in row] for row in rows]
    table = Table(data, colWidths=list(widths), repeatRows=1)
    table.setStyle(TableStyle([
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ("GRID", (0, 0), (-1, -1), 0.5, colors.HexColor("#888888")),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#F2F2F2")),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ]))
    table.setStyle(_font_style(st))
    return table


def _story(d: Dossier, st: _Styles) -> list[Flowable]:
    story: list[Flowable] = [
        _p(f"{d.enterprise_name}", st.title),
        _p("企业档案（一企一档）", st.subtitle),
        _p(f"{d.office + '　' if d.office else ''}生成日期：{chinese_date(d.generated_on)}", st.subtitle),
        Spacer(1, 10),
        _p("一、基本情况", st.h1),
        _pairs(d.particulars, st),
    ]

    story.append(_p(f"二、走访记录（{len(d.visits)}次）", st.h1))
    if not d.visits:
        story.append(_p("暂无走访记录。", st.body))
    for i, visit in enumerate(d.visits, start=1):
        head = _p(f"{i}. {_date(visit.date)}　{visit.form_title}　走访人：{visit.inspector or '—'}　（{visit.status}）", st.h2)
        block: list[Flowable] = [head]
        if visit.summary:
            block.append(_p(visit.summary, st.note))
        table = _answers_table(visit.sections, st)
        if table is not None:
            block.append(table)
        story.append(KeepTogether(block[:2]))
        story += block[2:]

    if d.matters is not None:
        story.append(_p(f"三、监督事项（{len(d.matters)}项）", st.h1))
        if not d.matters:
            story.append(_p("暂无监督事项。", st.body))
        for i, m in enumerate(d.matters, start=1):
            story.append(_p(f"{i}. {m.title or m.category}（{m.status}）", st.h2))
            rows = [
                ("类别", m.category),
                ("来源", m.source),
                ("立项日期", _date(m.opened_on)),
                ("整改期限", _date(m.deadline)),
                ("办结日期", _date(m.closed_on)),
                ("查明事实", m.facts),
                ("法律依据", m.legal_basis),
            ]
            if m.history:
                rows.append(("办理经过", "\n".join(m.history)))
            story.append(_pairs(rows, st))

    if d.letters is not None:
        number = "四" if d.matters is not None else "三"
        story.append(_p(f"{number}、一函两书（{len(d.letters)}件）", st.h1))
        if not d.letters:
            story.append(_p("暂无函件。", st.body))
        else:
            widths = [L.mm(w) for w in (15, 40, 46, 15, 20, 20)]
            listing = [
                [x.kind, x.number, x.title, x.status, _iso(x.issued_on), _iso(x.served_on)]
                for x in d.letters
            ]
            story.append(_listing(["类型", "文号", "标题", "状态", "发出日期", "送达日期"], listing, widths, st))
            replies = [x for x in d.letters if x.reply_note or x.replied_on]
            for x in replies:
                story.append(_p(f"{x.number or x.title}：{_date(x.replied_on)}回复。{x.reply_note}", st.note))
    return story


def render_dossier(dossier: Dossier, fonts: FontSet | None = None) -> RenderedDossier:
    fonts = fonts or default_fonts()
    st = _Styles(fonts)
    buffer = io.BytesIO()
    pages = 0

    def footer(canvas: Any, doc: Any) -> None:
        nonlocal pages
        pages = doc.page
        canvas.saveState()
        canvas.setFont(fonts["song"].name, 10)
        text = f"{dossier.enterprise_name}　企业档案　第 {doc.page} 页"
        canvas.drawCentredString(L.mm(L.PAGE_WIDTH_MM) / 2, L.mm(15), text)
        canvas.restoreState()

    doc = SimpleDocTemplate(
        buffer,
        pagesize=(L.mm(L.PAGE_WIDTH_MM), L.mm(L.PAGE_HEIGHT_MM)),
        leftMargin=L.mm(L.MARGIN_LEFT_MM),
        rightMargin=L.mm(L.PAGE_WIDTH_MM - L.TEXT_RIGHT_MM),
        topMargin=L.mm(25),
        bottomMargin=L.mm(25),
        title=f"{dossier.enterprise_name} 企业档案",
        author=dossier.office,
        creator="Union Inspector",
        initialFontName=fonts["fangsong"].name,  # no unembedded Helvetica declared on any page
    )
    doc.build(_story(dossier, st), onFirstPage=footer, onLaterPages=footer)
    used = {role: fonts[role].label for role in ("xiaobiaosong", "heiti", "fangsong", "song")}
    return RenderedDossier(buffer.getvalue(), pages, used)

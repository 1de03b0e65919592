"""Many letters in one PDF (a public notice to hundreds of enterprises): one canvas, the fonts set up
and their subsets embedded once, each letter laid out by the letter renderer's own pagination, so the
merged file prints exactly what each single letter would. Progress is reported per letter and the
work stops at once when the caller cancels."""

from __future__ import annotations

import dataclasses
import io
from collections.abc import Callable, Sequence

from reportlab.pdfgen.canvas import Canvas

from app.documents import layout as L
from app.documents import letter_pdf as lp
from app.documents.fonts import FontSet, default_fonts

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]


class RenderCancelled(Exception):
    """The user stopped the rendering; nothing was kept."""


def _draw_one(painter: lp._Painter, content: lp.LetterContent, fonts: FontSet) -> int:
    heading, pages = lp.paginate(content, fonts)
    canvas = painter.c
    for index, page in enumerate(pages):
        if index == 0:
            lp._draw_heading(painter, content, heading)
        for i, slot in enumerate(page.slots):
            if slot is not None:
                painter.text(slot, page.first_baseline + i * page.pitch)
        if page.footer:
            lp._draw_footer(painter, page.footer)
        if page.number is not None:
            lp._draw_page_number(painter, page.number)
        canvas.showPage()
    count = len(pages)
    if content.receipt is not None:
        lp._draw_receipt(painter, content, content.receipt)
        canvas.showPage()
        count += 1
    return count


def render_many(
    contents: Sequence[lp.LetterContent],
    *,
    title: str = "",
    fonts: FontSet | None = None,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> lp.RenderedLetter:
    """One PDF holding every letter in order; each letter starts on a new page (odd pages are not
    forced: the notices are printed one-sided)."""
    fonts = fonts or default_fonts()
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(lp.PAGE_W, lp.PAGE_H), pageCompression=1)
    canvas.setTitle(title)
    canvas.setCreator("Union Inspector")
    painter = lp._Painter(canvas, fonts)
    total = len(contents)
    pages = 0
    for done, content in enumerate(contents, start=1):
        if cancelled is not None and cancelled():
            raise RenderCancelled("已取消生成")
        pages += _draw_one(painter, content, fonts)
        if progress is not None:
            progress(done, total)
    canvas.save()
    return lp.RenderedLetter(pdf=buffer.getvalue(), pages=pages, fonts_used=dict(painter.used))


def _addressee_items(addressee: str, fonts: FontSet) -> list[lp.Item]:
    text = addressee.strip().rstrip(":：") + "："
    return lp._body_items(text, "fangsong", fonts, first_indent=0.0, kind="addressee")


def render_mail_merge(
    template: lp.LetterContent,
    recipients: Sequence[tuple[str, str]],
    *,
    title: str = "",
    fonts: FontSet | None = None,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> lp.RenderedLetter:
    """One template to many recipients (addressee, number): the pages every letter shares are drawn
    once as PDF forms and placed on each letter's pages, with only the addressee and number drawn per
    letter. A recipient whose name takes a different number of lines than the template's gets a
    letter laid out on its own, so nothing is ever cut or overlapped."""
    fonts = fonts or default_fonts()
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(lp.PAGE_W, lp.PAGE_H), pageCompression=1)
    canvas.setTitle(title or lp._one_line(template.title))
    canvas.setCreator("Union Inspector")
    painter = lp._Painter(canvas, fonts)
    base = dataclasses.replace(template, number="", receipt=None)
    heading, pages = lp.paginate(base, fonts)
    shared_lines = sum(1 for s in pages[0].slots if s is not None and s.kind == "addressee")
    forms: list[str] = []
    for index, page in enumerate(pages):
        name = f"notice_page_{index}"
        canvas.beginForm(name)
        if index == 0:
            lp._draw_heading(painter, base, heading)
        for i, slot in enumerate(page.slots):
            if slot is not None and slot.kind != "addressee":
                painter.text(slot, page.first_baseline + i * page.pitch)
        if page.footer:
            lp._draw_footer(painter, page.footer)
        if page.number is not None:
            lp._draw_page_number(painter, page.number)
        canvas.endForm()
        forms.append(name)
    first_addressee = next((i for i, s in enumerate(pages[0].slots) if s is not None and s.kind == "addressee"), 0)
    total = len(recipients)
    count = 0
    for done, (addressee, number) in enumerate(recipients, start=1):
        if cancelled is not None and cancelled():
            raise RenderCancelled("已取消生成")
        items = _addressee_items(addressee, fonts)
        if len(items) != shared_lines:
            count += _draw_one(painter, dataclasses.replace(template, addressee=addressee, number=number, receipt=None), fonts)
        else:
            for index, name in enumerate(forms):
                canvas.doForm(name)
                if index == 0:
                    if number.strip():
                        painter.text(lp.Item(number.strip(), "fangsong", L.SIZE_3HAO, align="right"), heading.number_baseline)
                    page = pages[0]
                    for offset, item in enumerate(items):
                        painter.text(item, page.first_baseline + (first_addressee + offset) * page.pitch)
                canvas.showPage()
            count += len(forms)
        if progress is not None:
            progress(done, total)
    canvas.save()
    return lp.RenderedLetter(pdf=buffer.getvalue(), pages=count, fonts_used=dict(painter.used))

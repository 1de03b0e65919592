"""Time per letter: render_letter on a two-page 意见书 (plus its receipt slip) against bare ReportLab
drawing the same lines with the same fonts, measured in the same run. Target: ≤ 200 ms a letter."""

from __future__ import annotations

import io
import statistics
import time

from reportlab.pdfgen.canvas import Canvas

from app.documents import layout as L
from app.documents.fonts import default_fonts
from app.documents.letter_pdf import paginate, render_letter
from app.documents.templates import fill_template, sample_context

ROUNDS = 30
TARGET_MS = 200.0


def _bare(lines_per_page: list[list[tuple[str, str, float]]], font_names: dict[str, str]) -> bytes:
    """The same strings on the same number of pages, placed one under another with no layout work."""
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(L.mm(L.PAGE_WIDTH_MM), L.mm(L.PAGE_HEIGHT_MM)), pageCompression=1)
    for lines in lines_per_page:
        y = L.mm(L.PAGE_HEIGHT_MM - L.MARGIN_TOP_MM)
        for text, role, size in lines:
            canvas.setFont(font_names[role], size)
            canvas.drawString(L.mm(L.MARGIN_LEFT_MM), y, text)
            y -= L.LINE_PITCH
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def test_letter_render_time_against_bare_reportlab() -> None:
    fonts = default_fonts()
    content = fill_template("opinion", sample_context("opinion"))
    first = render_letter(content, fonts)  # registers fonts, warms caches
    assert first.pages == 3, "two body pages and the receipt slip"
    _heading, pages = paginate(content, fonts)
    lines = [[(s.text, s.role, s.size) for s in page.slots if s is not None] for page in pages]
    lines[0] = [(content.issuer, "xiaobiaosong", L.ISSUER_SIZE), (content.number, "fangsong", 16.0), *lines[0]]
    lines.append([("送达回执", "xiaobiaosong", 22.0), ("受送达单位 文书名称及文号 送达日期 签收人 备注", "fangsong", 16.0)])
    names = {role: fonts[role].name for role in ("fangsong", "heiti", "kaiti", "xiaobiaosong", "song")}
    _bare(lines, names)

    ours: list[float] = []
    bare: list[float] = []
    for _ in range(ROUNDS):
        t0 = time.perf_counter()
        render_letter(content, fonts)
        t1 = time.perf_counter()
        _bare(lines, names)
        t2 = time.perf_counter()
        ours.append((t1 - t0) * 1000)
        bare.append((t2 - t1) * 1000)
    ours_ms, bare_ms = statistics.median(ours), statistics.median(bare)
    print(f"\nfonts: {first.fonts_used}")
    print(f"render_letter (2-page 意见书 + 回执): median {ours_ms:.1f} ms, best {min(ours):.1f} ms")
    print(f"bare ReportLab, same lines and fonts: median {bare_ms:.1f} ms, best {min(bare):.1f} ms")
    print(f"ratio {ours_ms / bare_ms:.2f}x; target ≤ {TARGET_MS:.0f} ms a letter")
    assert ours_ms <= TARGET_MS

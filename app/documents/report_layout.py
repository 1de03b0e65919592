"""The monthly and yearly reports as documents. Which figures appear, in which order, with which rows, is
data: a JSON template the office can copy and edit (`report_templates/*.json`), so a changed request
from the higher union is an edit, not a new program.

Template:
    {"title": "...", "sections": [{"figure": "visits_by_grid", "title": "optional", "rows": ["optional keys"]}]}
"""

from __future__ import annotations

import io
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment
from openpyxl.utils import get_column_letter

from app.core.report_figures import Figure, FigureRow, Figures
from app.documents.report_xlsx import (
    BORDER,
    CENTER,
    HEADER_FILL,
    HEADER_FONT,
    TITLE_FONT,
    TOTAL_FILL,
    TOTAL_FONT,
)

TEMPLATE_DIR = Path(__file__).with_name("report_templates")
KINDS = ("monthly", "yearly")


class TemplateError(ValueError):
    """A report template the program cannot use; the message says what and where."""


@dataclass(frozen=True)
class Section:
    figure: str
    title: str
    header: list[str]
    rows: list[FigureRow]
    total: list[int | str] | None
    note: str


@dataclass(frozen=True)
class LaidOut:
    title: str
    period: str
    scope: str
    generated: str
    sections: list[Section]


def load_template(kind: str = "monthly", path: Path | None = None) -> dict[str, Any]:
    source = path or TEMPLATE_DIR / f"{kind}.json"
    try:
        data = json.loads(source.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise TemplateError(f"找不到报表模板 {source.name}") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise TemplateError(f"报表模板 {source.name} 无法读取：{exc}") from None
    if not isinstance(data, dict) or not isinstance(data.get("sections"), list):
        raise TemplateError(f"报表模板 {source.name} 须含有 sections 列表")
    return data


def lay_out(figures: Figures, template: dict[str, Any]) -> LaidOut:
    sections: list[Section] = []
    for index, item in enumerate(template["sections"], start=1):
        if not isinstance(item, dict) or item.get("figure") not in figures.figures:
            known = "、".join(figures.figures)
            raise TemplateError(f"报表模板第 {index} 节的 figure 不是已知的统计项（可用：{known}）")
        fig: Figure = figures[str(item["figure"])]
        rows = fig.rows
        wanted = item.get("rows")
        if isinstance(wanted, list):
            by_key = {r.key: r for r in fig.rows}
            missing = [k for k in wanted if k not in by_key]
            if missing:
                raise TemplateError(f"报表模板第 {index} 节列出的行 {', '.join(map(str, missing))} 在“{fig.title}”中不存在")
            rows = [by_key[k] for k in wanted]
        shown = Figure(fig.key, fig.title, fig.header, rows, fig.total, fig.note)
        sections.append(
            Section(
                figure=fig.key,
                title=str(item.get("title") or fig.title),
                header=fig.header,
                rows=rows,
                total=["合计", *shown.total_row()] if fig.total and rows else None,
                note=fig.note,
            )
        )
    return LaidOut(
        title=str(template.get("title") or "工会走访监督工作报表"),
        period=figures.span.label,
        scope=figures.scope,
        generated=f"{figures.generated:%Y-%m-%d %H:%M}",
        sections=sections,
    )


def to_xlsx(report: LaidOut) -> bytes:
    """One sheet: the sections one under another, as the higher union's forms are laid out."""
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "报表"
    width = max((len(s.header) for s in report.sections), default=2)
    ws.append([f"{report.title}（{report.period}）"])
    ws["A1"].font = TITLE_FONT
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
    ws.append([f"范围：{report.scope}    生成时间：{report.generated}"])
    for section in report.sections:
        ws.append([])
        ws.append([section.title])
        ws.cell(ws.max_row, 1).font = TOTAL_FONT
        ws.append(section.header)
        for cell in ws[ws.max_row]:
            cell.font, cell.fill, cell.border, cell.alignment = HEADER_FONT, HEADER_FILL, BORDER, CENTER
        for row in section.rows:
            ws.append([row.label, *row.values])
            for cell in ws[ws.max_row]:
                cell.border = BORDER
                if isinstance(cell.value, int):
                    cell.alignment = Alignment(horizontal="right")
        if section.total is not None:
            ws.append(section.total)
            for cell in ws[ws.max_row]:
                cell.font, cell.fill, cell.border = TOTAL_FONT, TOTAL_FILL, BORDER
        if section.note:
            ws.append([f"注：{section.note}"])
    ws.column_dimensions["A"].width = 30
    for index in range(2, width + 1):
        ws.column_dimensions[get_column_letter(index)].width = 14
    ws.page_setup.orientation = "landscape" if width > 6 else "portrait"
    ws.page_setup.fitToWidth = 1
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def to_pdf(report: LaidOut) -> bytes:
    """A printable A4 PDF in the letters' body face (embedded TrueType where the machine has one)."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    from app.documents.fonts import body_font_name

    font = body_font_name()
    wide = max((len(s.header) for s in report.sections), default=2) > 6
    size = landscape(A4) if wide else A4
    title = ParagraphStyle("t", fontName=font, fontSize=16, leading=22, alignment=1)
    head = ParagraphStyle("h", fontName=font, fontSize=12, leading=18, spaceBefore=6)
    body = ParagraphStyle("b", fontName=font, fontSize=9, leading=13)
    out = io.BytesIO()
    doc = SimpleDocTemplate(out, pagesize=size, leftMargin=18 * mm, rightMargin=18 * mm, topMargin=16 * mm,
                            bottomMargin=16 * mm, title=report.title)
    story: list[Any] = [
        Paragraph(f"{report.title}（{report.period}）", title),
        Paragraph(f"范围：{report.scope}　生成时间：{report.generated}", body),
        Spacer(1, 4 * mm),
    ]
    usable = size[0] - 36 * mm
    for section in report.sections:
        story.append(Paragraph(section.title, head))
        data: list[list[Any]] = [section.header, *([r.label, *r.values] for r in section.rows)]
        if section.total is not None:
            data.append(section.total)
        n = len(section.header)
        first = min(60 * mm, usable * 0.4)
        widths = [first] + [(usable - first) / max(1, n - 1)] * (n - 1)
        table = Table([[str(c) for c in row] for row in data], colWidths=widths, repeatRows=1)
        style = [
            ("FONTNAME", (0, 0), (-1, -1), font),
            ("FONTSIZE", (0, 0), (-1, -1), 8 if n > 8 else 9),
            ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
            ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#B91C1C")),
            ("TEXTCOLOR", (0, 0), (-1, 0), colors.white),
            ("ALIGN", (1, 1), (-1, -1), "RIGHT"),
        ]
        if section.total is not None:
            style.append(("BACKGROUND", (0, -1), (-1, -1), colors.HexColor("#FDE8E8")))
        table.setStyle(TableStyle(style))
        story.append(table)
        if section.note:
            story.append(Paragraph(f"注：{section.note}", body))
    doc.build(story)
    return out.getvalue()

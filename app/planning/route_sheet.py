"""The printable route sheet an inspector takes along: the day's stops in order with addresses and
contacts, the distance between them, and a small sketch of the route (no map tiles: the points and
the line between them, drawn from the coordinates)."""

from __future__ import annotations

from pathlib import Path

from reportlab.graphics.shapes import Circle, Drawing, PolyLine, Rect, String
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from app.planning.geo import haversine_m, metres_per_degree
from app.planning.weekplan import DayRoute

FALLBACK_FONT = "STSong-Light"


def cjk_font() -> str:
    """A registered font name that can draw Chinese: the documents area's choice when it offers one,
    else ReportLab's built-in CID font (always available, not embedded)."""
    try:
        from app.documents import fonts

        pick = getattr(fonts, "body_font_name", None) or getattr(fonts, "register_body_font", None)
        if callable(pick):
            name = pick()
            if isinstance(name, str) and name:
                return name
    except Exception:  # the documents area is optional here; the CID font always works
        pass
    if FALLBACK_FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(FALLBACK_FONT))
    return FALLBACK_FONT


def sketch(route: DayRoute, width: float = 170 * mm, height: float = 70 * mm, font: str = FALLBACK_FONT) -> Drawing:
    drawing = Drawing(width, height)
    drawing.initialFontName = font  # the renderer would otherwise declare unembedded Helvetica
    drawing.add(Rect(0, 0, width, height, strokeColor=colors.grey, fillColor=None, strokeWidth=0.5))
    points = [s.point for s in route.stops if s.point is not None]
    if route.start is not None:
        points = [route.start, *points]
    if not points:
        drawing.add(String(width / 2, height / 2, "无坐标，无法绘制路线", fontName=font, fontSize=9, textAnchor="middle"))
        return drawing
    lat0 = sum(p[1] for p in points) / len(points)
    kx, ky = metres_per_degree(lat0)
    xs = [p[0] * kx for p in points]
    ys = [p[1] * ky for p in points]
    span = max(max(xs) - min(xs), max(ys) - min(ys), 50.0)
    pad = 8 * mm
    scale = min((width - 2 * pad) / span, (height - 2 * pad) / span)
    ox = (width - (max(xs) - min(xs)) * scale) / 2
    oy = (height - (max(ys) - min(ys)) * scale) / 2

    def place(i: int) -> tuple[float, float]:
        return ox + (xs[i] - min(xs)) * scale, oy + (ys[i] - min(ys)) * scale

    coords = [place(i) for i in range(len(points))]
    flat = [v for xy in coords for v in xy]
    if len(coords) > 1:
        drawing.add(PolyLine(flat, strokeColor=colors.HexColor("#2563eb"), strokeWidth=1.2))
    first_label = 0 if route.start is None else 1
    for i, (x, y) in enumerate(coords):
        if route.start is not None and i == 0:
            drawing.add(Rect(x - 3, y - 3, 6, 6, fillColor=colors.black, strokeColor=None))
            continue
        drawing.add(Circle(x, y, 6, fillColor=colors.HexColor("#dc2626"), strokeColor=colors.white))
        drawing.add(String(x, y - 2.5, str(i - first_label + 1), fontName=font, fontSize=7, fillColor=colors.white,
                           textAnchor="middle"))
    # a scale bar, so the sketch says how far things are
    bar_m = _nice_length(span / 4)
    bar = bar_m * scale
    drawing.add(PolyLine([pad, 4 * mm, pad + bar, 4 * mm], strokeColor=colors.black, strokeWidth=1))
    label = f"{bar_m / 1000:g} 公里" if bar_m >= 1000 else f"{bar_m:g} 米"
    drawing.add(String(pad + bar + 2, 4 * mm - 3, label, fontName=font, fontSize=7))
    return drawing


def _nice_length(metres: float) -> float:
    for step in (50, 100, 200, 500, 1000, 2000, 5000, 10000, 20000):
        if step >= metres:
            return float(step)
    return 50000.0


# Column widths of the stop table in mm; the sketch above it takes the same total width, and both sit
# flush with the left margin, so the map's frame and the table's grid line up.
COLUMNS_MM = (11, 39, 40, 18, 24, 22, 20)


def write_route_sheet(route: DayRoute, out: Path) -> Path:
    font = cjk_font()
    out.parent.mkdir(parents=True, exist_ok=True)
    doc = SimpleDocTemplate(
        str(out), pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm, topMargin=16 * mm, bottomMargin=16 * mm,
        title=f"走访路线单 {route.grid_name} {route.day.isoformat()}",
        initialFontName=font,
    )
    table_width = sum(COLUMNS_MM) * mm
    scale = doc.width / table_width
    widths = [w * mm * scale for w in COLUMNS_MM]
    drawing = sketch(route, width=doc.width, font=font)
    drawing.hAlign = "LEFT"
    title = ParagraphStyle("title", fontName=font, fontSize=16, leading=22, alignment=1)
    body = ParagraphStyle("body", fontName=font, fontSize=9, leading=12, wordWrap="CJK")
    head = ParagraphStyle("head", parent=body, fontSize=10, leading=14)
    weekday = "一二三四五六日"[route.day.weekday()]
    story: list[object] = [
        Paragraph("走访路线单", title),
        Spacer(1, 3 * mm),
        Paragraph(
            f"网格：{route.grid_name}（{route.grid_code}）　走访人：{route.inspector or '—'}　"
            f"日期：{route.day.year}年{route.day.month}月{route.day.day}日（星期{weekday}）　"
            f"共 {len(route.stops)} 站，约 {route.length_m / 1000:.1f} 公里",
            head,
        ),
        Spacer(1, 3 * mm),
        drawing,
        Spacer(1, 4 * mm),
    ]
    rows: list[list[object]] = [[Paragraph(t, body) for t in ("序号", "企业名称", "地址", "联系人", "电话", "事由", "距上一站")]]
    previous = route.start
    for i, stop in enumerate(route.stops, 1):
        leg = ""
        if stop.point is not None and previous is not None:
            leg = f"{haversine_m(previous, stop.point) / 1000:.1f} 公里"
        if stop.point is not None:
            previous = stop.point
        rows.append(
            [
                Paragraph(str(i), body),
                Paragraph(stop.row.name, body),
                Paragraph(stop.row.address or "—", body),
                Paragraph(stop.row.contact_name or "—", body),
                Paragraph(stop.row.contact_phone or "—", body),
                Paragraph(stop.reason, body),
                Paragraph(leg or "—", body),
            ]
        )
    if not route.stops:
        rows.append([Paragraph("本日无安排的走访", body), "", "", "", "", "", ""])
    table = Table(rows, colWidths=widths, repeatRows=1, hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), font),  # the table's default would be unembedded Helvetica
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e5e7eb")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    story.append(table)
    story.append(Spacer(1, 6 * mm))
    story.append(Paragraph("走访记录：□ 三查三记已填写　□ 服务已登记　□ 发现问题已立事项　　走访人签字：__________", body))
    doc.build(story)
    return out

"""The one-page list of friendly partners of a grid, for couriers and riders to carry or pin up:
kind, name, address, discount or service, hours, valid until and phone. It stays one page: the type
gets smaller with more partners, and past what a page holds the rest are named as a count."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from app.core.unions import PARTNER_KINDS
from app.documents.fonts import FontSet, default_fonts

MAX_ROWS = 40


@dataclass(frozen=True)
class PartnerLine:
    kind: str
    name: str
    address: str
    offer: str
    hours: str
    valid_to: dt.date | None
    phone: str


def _esc(value: str) -> str:
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _table(shown: Sequence[PartnerLine], body: str, heading: str, size: float) -> Table:
    cell = ParagraphStyle("cell", fontName=body, fontSize=size, leading=size * 1.25)
    head = ParagraphStyle("head", fontName=heading, fontSize=size, leading=size * 1.25, textColor=colors.white)
    header = ["类型", "名称", "地址", "优惠或服务", "营业时间", "有效期至", "电话"]
    data = [[Paragraph(h, head) for h in header]]
    for line in shown:
        data.append(
            [
                Paragraph(_esc(PARTNER_KINDS.get(line.kind, line.kind)), cell),
                Paragraph(_esc(line.name), cell),
                Paragraph(_esc(line.address), cell),
                Paragraph(_esc(line.offer), cell),
                Paragraph(_esc(line.hours), cell),
                Paragraph(f"{line.valid_to:%Y-%m-%d}" if line.valid_to else "长期", cell),
                Paragraph(_esc(line.phone), cell),
            ]
        )
    widths = [24 * mm, 32 * mm, 32 * mm, 26 * mm, 22 * mm, 20 * mm, 28 * mm]
    table = Table(data, colWidths=widths)
    table.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#B91C1C")),
                ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#999999")),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, colors.HexColor("#FDF2F2")]),
            ]
        )
    )
    return table


def render_partner_list(
    lines: Sequence[PartnerLine],
    grid_name: str,
    target: Path,
    *,
    issuer: str = "",
    today: dt.date | None = None,
    fonts: FontSet | None = None,
) -> Path:
    fonts = fonts or default_fonts()
    body, heading = fonts["fangsong"].name, fonts["heiti"].name
    title = ParagraphStyle("title", fontName=heading, fontSize=18, leading=24, alignment=1)
    note = ParagraphStyle("note", fontName=body, fontSize=9, leading=12, alignment=1)
    width, height = A4[0] - 20 * mm, A4[1] - 24 * mm
    room = height - 12 - 24 - 12 - 8 * mm - 2 * 12 - 10  # frame padding, title, note, spacers, footer lines
    shown = list(lines[:MAX_ROWS])
    table = None
    # The biggest type that keeps the list on one page; past the smallest, fewer rows and a count.
    for size in (10.0, 9.0, 8.0, 7.0, 6.5):
        table = _table(shown, body, heading, size)
        if table.wrap(width, room)[1] <= room:
            break
    assert table is not None
    while shown and table.wrap(width, room)[1] > room:
        shown = shown[:-1]
        table = _table(shown, body, heading, 6.5)
    day = today or dt.date.today()
    story = [
        Paragraph(_esc(f"{grid_name} 友好商户服务清单"), title),
        Paragraph("快递员、外卖骑手、网约车司机等新就业形态劳动者凭工会会员身份享受", note),
        Spacer(1, 4 * mm),
        table if shown else Paragraph("本网格暂无有效的友好商户", note),
        Spacer(1, 4 * mm),
    ]
    if len(lines) > len(shown):
        story.append(Paragraph(f"另有 {len(lines) - len(shown)} 家友好商户，请向网格员或工会查询", note))
    story.append(Paragraph(_esc(f"{issuer}　{day:%Y年%m月%d日}印制").strip(), note))
    target.parent.mkdir(parents=True, exist_ok=True)
    doc = SimpleDocTemplate(
        str(target), pagesize=A4, leftMargin=10 * mm, rightMargin=10 * mm, topMargin=12 * mm, bottomMargin=12 * mm,
        title=f"{grid_name} 友好商户服务清单",
    )
    doc.build(story)
    return target


def partner_list_for_grid(db: object, grid_id: str, target: Path, issuer: str = "") -> Path:
    """Reads the grid's valid partners and renders the list."""
    from app.store.db import Database
    from app.store.tables import Grid
    from app.store.unions import partners

    assert isinstance(db, Database)
    with db.read() as session:
        grid = session.get(Grid, grid_id)
        if grid is None:
            raise LookupError("网格不存在")
        rows = partners.partners_of_grid(session, grid_id)
        lines = [PartnerLine(p.kind, p.name, p.address, p.offer, p.hours, p.valid_to, p.contact_phone) for p in rows]
        grid_name = grid.name
    return render_partner_list(lines, grid_name, target, issuer=issuer)

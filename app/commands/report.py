"""`union-inspector report`: the monthly or yearly report from this laptop's data, as XLSX or PDF, laid
out by a template the office can edit."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path
from typing import Any

from app.paths import resolve_data_paths


def register(sub: argparse._SubParsersAction[Any]) -> None:
    p = sub.add_parser("report", help="生成月报或年报（XLSX 或 PDF），版式由可编辑的模板决定")
    p.add_argument("kind", choices=["monthly", "yearly"], help="monthly 月报 / yearly 年报")
    p.add_argument("--month", help="月报的月份，如 2026-11（默认上个月）")
    p.add_argument("--year", type=int, help="年报的年份（默认今年）")
    p.add_argument("--format", choices=["xlsx", "pdf"], default="xlsx", help="输出格式")
    p.add_argument("--template", help="报表模板 JSON 文件（默认内置模板）")
    p.add_argument("-o", "--output", help="输出文件（默认当前文件夹）")
    p.set_defaults(handler=run_report)


def period_for(kind: str, month: str | None, year: int | None, today: dt.date | None = None) -> Any:
    from app.cli import UserError
    from app.core.report_figures import Span

    today = today or dt.date.today()
    if kind == "yearly":
        return Span.year(year or today.year)
    if month:
        try:
            first = dt.date.fromisoformat(f"{month}-01")
        except ValueError:
            raise UserError(f"月份“{month}”格式不对，请写成 2026-11 这样的年-月") from None
    else:
        first = (today.replace(day=1) - dt.timedelta(days=1)).replace(day=1)
    return Span.months(first)


def run_report(args: argparse.Namespace) -> int:
    from app.cli import UserError
    from app.documents.report_layout import TemplateError, lay_out, load_template, to_pdf, to_xlsx
    from app.store.db import open_database
    from app.store.report_rows import local_figures

    span = period_for(args.kind, args.month, args.year)
    try:
        template = load_template(args.kind, Path(args.template) if args.template else None)
    except TemplateError as exc:
        raise UserError(str(exc)) from None
    db = open_database(resolve_data_paths(args.data_dir))
    try:
        with db.read() as session:
            figures = local_figures(session, span)
    finally:
        db.dispose()
    try:
        laid = lay_out(figures, template)
    except TemplateError as exc:
        raise UserError(str(exc)) from None
    data = to_pdf(laid) if args.format == "pdf" else to_xlsx(laid)
    name = f"{laid.title}_{span.start:%Y%m}" + ("" if args.kind == "monthly" else f"-{span.end:%Y%m}")
    target = Path(args.output) if args.output else Path.cwd() / f"{name}.{args.format}"
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    partial.write_bytes(data)
    partial.replace(target)
    print(f"已生成 {target}")
    return 0

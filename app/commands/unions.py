"""import-members and partners-pdf: the member registry (会员库) and a grid's friendly-partner list
from the shell, for offices that script their monthly work."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from app.paths import resolve_data_paths


def register(sub: argparse._SubParsersAction[Any]) -> None:
    imp = sub.add_parser("import-members", help="导入工会会员库（CSV/XLSX，含身份证号；有任何错误则不导入）")
    imp.add_argument("file", help="CSV 或 XLSX 文件")
    imp.add_argument("--sheet", help="XLSX 的工作表名称（默认第一个）")
    imp.set_defaults(handler=run_import_members)

    pdf = sub.add_parser("partners-pdf", help="生成某网格的友好商户清单（一页 PDF）")
    pdf.add_argument("--grid", required=True, help="网格编号")
    pdf.add_argument("-o", "--output", required=True, help="输出 PDF 文件")
    pdf.set_defaults(handler=run_partners_pdf)


def run_import_members(args: argparse.Namespace) -> int:
    from app.cli import UserError
    from app.planning.member_import import import_members
    from app.planning.readers import FileProblem
    from app.store import local_state
    from app.store.db import open_database

    db = open_database(resolve_data_paths(args.data_dir))
    try:
        with db.read() as session:
            actor = local_state.get(session, local_state.CURRENT_USER) or "import"
        try:
            result = import_members(db, Path(args.file), actor, args.sheet)
        except FileProblem as exc:
            raise UserError(str(exc)) from None
        if not result.ok:
            raise UserError(result.message())
        print(result.message())
        return 0
    finally:
        db.dispose()


def run_partners_pdf(args: argparse.Namespace) -> int:
    from app.cli import UserError
    from app.documents.partner_list import partner_list_for_grid
    from app.store import datapool
    from app.store.db import open_database

    db = open_database(resolve_data_paths(args.data_dir))
    try:
        with db.read() as session:
            grid = datapool.grid_by_code(session, args.grid)
        if grid is None:
            raise UserError(f"没有编号为“{args.grid}”的网格")
        try:
            written = partner_list_for_grid(db, grid.id, Path(args.output))
        except OSError as exc:
            raise UserError(f"无法写入 {args.output}：{exc.strerror or exc}") from None
        print(f"已生成 {written}")
        return 0
    finally:
        db.dispose()

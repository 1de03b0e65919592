"""Letters (一函两书) and the enterprise dossier from the shell: `letter sample`, `dossier`.

One function per sub-command; `register` wires them to the parser."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from app.cli import UserError
from app.paths import resolve_data_paths


def register(sub: argparse._SubParsersAction[Any]) -> None:
    letter = sub.add_parser("letter", help="一函两书：提示函、意见书、建议书")
    letter_sub = letter.add_subparsers(dest="letter_command", metavar="SUBCOMMAND", required=True)

    sample = letter_sub.add_parser("sample", help="用示例数据按模板生成一份文书 PDF")
    sample.add_argument("--kind", choices=("tips", "opinion", "advice"), default="opinion",
                        help="tips 提示函，opinion 意见书，advice 建议书（默认 opinion）")
    sample.add_argument("-o", "--output", required=True, help="输出的 PDF 文件")
    sample.set_defaults(handler=run_letter_sample)

    dossier = sub.add_parser("dossier", help="导出一家企业的档案（一企一档）PDF")
    dossier.add_argument("enterprise", metavar="ENTERPRISE_ID_OR_CREDIT_CODE", help="企业编号或统一社会信用代码")
    dossier.add_argument("-o", "--output", required=True, help="输出的 PDF 文件")
    dossier.add_argument("--office", default="", help="页眉中的单位名称，如 示范区总工会")
    dossier.set_defaults(handler=run_dossier)


def _write_pdf(path_arg: str, data: bytes) -> Path:
    path = Path(path_arg).expanduser()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    except OSError as exc:
        raise UserError(f"无法写入 {path}：{exc.strerror or exc}") from None
    return path


def _print_fonts(fonts_used: dict[str, str]) -> None:
    from app.documents.fonts import ROLE_LABELS

    for role, label in fonts_used.items():
        print(f"  {ROLE_LABELS.get(role, role)}：{label}")  # type: ignore[call-overload]


def run_letter_sample(args: argparse.Namespace) -> int:
    from app.documents.letter_pdf import render_letter
    from app.documents.templates import TemplateError, fill_template, sample_context

    paths = resolve_data_paths(args.data_dir)
    try:
        content = fill_template(args.kind, sample_context(args.kind), data_dir=paths.root)
    except TemplateError as exc:
        raise UserError(str(exc)) from None
    rendered = render_letter(content)
    path = _write_pdf(args.output, rendered.pdf)
    print(f"已生成 {path}（{rendered.pages} 页，含送达回执）。所用字体：")
    _print_fonts(rendered.fonts_used)
    return 0


def run_dossier(args: argparse.Namespace) -> int:
    from app.documents.dossier_data import EnterpriseNotFound, gather_dossier
    from app.documents.dossier_pdf import render_dossier
    from app.store.db import open_database

    paths = resolve_data_paths(args.data_dir)
    if not paths.database.exists():
        raise UserError(f"数据文件夹 {paths.root} 中还没有数据库")
    db = open_database(paths)
    try:
        with db.read() as session:
            try:
                dossier = gather_dossier(session, args.enterprise, office=args.office)
            except EnterpriseNotFound as exc:
                raise UserError(str(exc)) from None
    finally:
        db.dispose()
    rendered = render_dossier(dossier)
    path = _write_pdf(args.output, rendered.pdf)
    matters = "—" if dossier.matters is None else str(len(dossier.matters))
    letters = "—" if dossier.letters is None else str(len(dossier.letters))
    print(f"已生成 {path}（{rendered.pages} 页）：走访 {len(dossier.visits)} 次，监督事项 {matters} 项，函件 {letters} 件。")
    return 0

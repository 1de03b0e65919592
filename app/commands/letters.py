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

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
    register_register(sub, letter_sub)

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


# The letter register and supervision matters: `letter list`, `letter render`, `matter list` ----------


def register_register(sub: argparse._SubParsersAction[Any], letter_sub: argparse._SubParsersAction[Any]) -> None:
    listing = letter_sub.add_parser("list", help="列出函件登记（文号、类型、企业、状态、日期）")
    listing.add_argument("--status", choices=("draft", "issued", "served", "replied", "closed", "void"),
                         help="只列出此状态的函件")
    listing.add_argument("--provisional", action="store_true", help="只列出临时编号、待同步换号的函件")
    listing.set_defaults(handler=run_letter_list)

    render = letter_sub.add_parser("render", help="导出一份函件的 PDF（已发出的为存档文本，草稿按当前内容生成）")
    render.add_argument("letter", metavar="LETTER_ID", help="函件编号（ID）或文号")
    render.add_argument("-o", "--output", required=True, help="输出的 PDF 文件")
    render.set_defaults(handler=run_letter_render)

    matter = sub.add_parser("matter", help="监督事项")
    matter_sub = matter.add_subparsers(dest="matter_command", metavar="SUBCOMMAND", required=True)
    mlist = matter_sub.add_parser("list", help="列出监督事项")
    mlist.add_argument("--overdue", action="store_true", help="只列出已逾期的事项")
    mlist.add_argument("--status", help="只列出此状态的事项（open、letter_issued、rectifying、rectified、closed、escalated 或 active）")
    mlist.set_defaults(handler=run_matter_list)


def _open_db(args: argparse.Namespace) -> Any:
    from app.store.db import open_database

    paths = resolve_data_paths(args.data_dir)
    if not paths.database.exists():
        raise UserError(f"数据文件夹 {paths.root} 中还没有数据库，请先运行程序或 `union-inspector demo`")
    return open_database(paths)


def run_letter_list(args: argparse.Namespace) -> int:
    from app.core.letters import LetterKind, LetterStatus
    from app.store import letters as letter_repo

    db = _open_db(args)
    try:
        with db.read() as session:
            flt = letter_repo.LetterFilter(status=args.status, provisional_only=args.provisional)
            rows = letter_repo.page(session, flt, 0, 100_000, sort="number", descending=False)
    finally:
        db.dispose()
    if not rows:
        print("没有符合条件的函件。")
        return 0
    for r in rows:
        number = r["number"] or "（未编号）"
        if r["number_provisional"]:
            number += "［临时编号］"
        dates = "  ".join(
            f"{label}{r[key]}" for key, label in (("issued_on", "发出"), ("served_on", "送达"), ("replied_on", "回复"))
            if r[key]
        )
        print(f"{r['id']}  {number}  {LetterKind(r['kind']).label}  {LetterStatus(r['status']).label}  "
              f"{r['enterprise_name']}  {dates}".rstrip())
    print(f"共 {len(rows)} 份。")
    return 0


def run_letter_render(args: argparse.Namespace) -> int:
    from sqlmodel import select

    from app.documents import letter_flow
    from app.store.tables.matters import Letter

    db = _open_db(args)
    try:
        with db.read() as session:
            letter = session.get(Letter, args.letter) or session.exec(
                select(Letter).where(Letter.number == args.letter, Letter.deleted == False)  # noqa: E712
            ).first()
            if letter is None or letter.deleted:
                raise UserError(f"找不到函件“{args.letter}”（请用 `union-inspector letter list` 查看编号）")
            if letter.pdf_attachment_id:
                data = letter_flow.letter_pdf(session, letter, db.paths.blobs)
                fonts: dict[str, str] = {}
            else:
                try:
                    content = letter_flow.content_of(letter)
                except ValueError as exc:  # a damaged body: its one sentence, never a guessed date
                    raise UserError(str(exc)) from None
                rendered = letter_flow.render_content(content)
                data, fonts = rendered.pdf, rendered.fonts_used
    finally:
        db.dispose()
    path = _write_pdf(args.output, data)
    if fonts:
        print(f"已生成 {path}（草稿，按当前内容排版）。所用字体：")
        _print_fonts(fonts)
    else:
        print(f"已导出 {path}（{letter.number} 发出时的存档文本）。")
    return 0


def run_matter_list(args: argparse.Namespace) -> int:
    from app.catalog import load_catalog
    from app.core.matters import MatterStatus
    from app.store import matters as matter_repo

    if args.status and args.status != "active" and args.status not in {s.value for s in MatterStatus}:
        raise UserError(f"状态“{args.status}”无效，应为 {'、'.join(s.value for s in MatterStatus)} 或 active")
    db = _open_db(args)
    try:
        with db.read() as session:
            flt = matter_repo.MatterFilter(status=args.status, overdue_only=args.overdue)
            rows = matter_repo.page(session, flt, 0, 100_000, sort="deadline", descending=False)
    finally:
        db.dispose()
    if not rows:
        print("没有符合条件的监督事项。")
        return 0
    catalog = load_catalog()
    for r in rows:
        late = "  【已逾期】" if r["overdue"] else ""
        print(f"{r['id']}  {r['opened_on']}  {MatterStatus(r['status']).label}  {catalog.label(r['category'])}  "
              f"{r['enterprise_name']}  期限 {r['deadline'] or '—'}{late}")
    print(f"共 {len(rows)} 项。")
    return 0

"""backup, restore and audit: the office's safety net from the shell."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from app.paths import resolve_data_paths

CLI_ACTOR = "cli"


def register(sub: argparse._SubParsersAction[Any]) -> None:
    backup = sub.add_parser("backup", help="立即备份数据库（--list 列出已有备份）")
    backup.add_argument("--list", action="store_true", help="列出已有备份，不新建")
    backup.set_defaults(handler=run_backup)

    restore = sub.add_parser("restore", help="从备份文件恢复数据库（当前数据先另存为恢复前备份）")
    restore.add_argument("file", help="备份文件（.db）")
    restore.set_defaults(handler=run_restore)

    audit = sub.add_parser("audit-verify", help="校验审计日志的哈希链是否完整")
    audit.set_defaults(handler=run_audit_verify)

    selftest = sub.add_parser("ui-selftest", help="界面自检：在示例数据上打开每个页面（安装包检查用，请指定一个空的 --data-dir）")
    selftest.add_argument("--language", choices=["zh_CN", "en"], help="界面语言")
    selftest.set_defaults(handler=run_ui_selftest)


def run_backup(args: argparse.Namespace) -> int:
    from app.store import audit, backups
    from app.store.db import open_database

    paths = resolve_data_paths(args.data_dir)
    if args.list:
        found = backups.list_backups(paths)
        if not found:
            print(f"{paths.backups} 中还没有备份。")
        for b in found:
            print(f"{b.created:%Y-%m-%d %H:%M:%S}  {b.label}  {b.size / 1024:.0f} KB  {b.path}")
        return 0
    db = open_database(paths)
    try:
        target = backups.make_backup(db, "manual")
        backups.rotate(paths)
        with db.write() as session:
            audit.record(session, "backup", f"手动备份 {target.name}", CLI_ACTOR)
    finally:
        db.dispose()
    print(f"已备份到 {target}")
    return 0


def run_restore(args: argparse.Namespace) -> int:
    from app.cli import UserError
    from app.store import backups
    from app.store.db import open_database

    paths = resolve_data_paths(args.data_dir)
    source = Path(args.file).expanduser().resolve()
    try:
        backups.check_backup(source)
    except backups.BackupError as exc:
        raise UserError(str(exc)) from None
    db = open_database(paths)
    try:
        pre = backups.restore(db, source, CLI_ACTOR)
    except backups.BackupError as exc:
        raise UserError(str(exc)) from None
    finally:
        db.dispose()
    print(f"已从 {source.name} 恢复；恢复前的数据已另存为 {pre}")
    return 0


def run_audit_verify(args: argparse.Namespace) -> int:
    from app.store import audit
    from app.store.db import open_database

    db = open_database(resolve_data_paths(args.data_dir))
    try:
        with db.read() as session:
            report = audit.verify(session)
    finally:
        db.dispose()
    print(report.message)
    return 0 if report.ok else 1


def run_ui_selftest(args: argparse.Namespace) -> int:
    from app.cli import UserError
    from app.ui.shell.selftest import run_selftest

    paths = resolve_data_paths(args.data_dir)
    if paths.database.exists():
        raise UserError(f"界面自检会写入示例数据，请用一个空的数据文件夹（{paths.root} 中已有数据库）")
    problems = run_selftest(paths, args.language)
    for problem in problems:
        print(f"✗ {problem}")
    if not problems:
        print("界面自检通过")
    return 1 if problems else 0

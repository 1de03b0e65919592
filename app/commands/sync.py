"""login, logout, sync and sync status: the laptop's link to the district server from the shell."""

from __future__ import annotations

import argparse
import getpass
import sys
from typing import Any

from app.paths import resolve_data_paths


def register(sub: argparse._SubParsersAction[Any]) -> None:
    login = sub.add_parser("login", help="在本机登录区服务器（每台设备一次）")
    login.add_argument("--server", required=True, help="服务器地址，例如 https://gh.example.cn")
    login.add_argument("--user", required=True, help="账号")
    login.add_argument("--password-stdin", action="store_true", help="从标准输入读取密码（用于脚本）")
    login.add_argument("--device-name", default=None, help="在服务器上显示的设备名称（默认主机名）")
    login.set_defaults(handler=run_login)

    logout = sub.add_parser("logout", help="注销本机登录，并在服务器上撤销此设备")
    logout.add_argument(
        "--wipe", action="store_true", help="同时删除本机全部数据（数据库、附件、备份），需要确认"
    )
    logout.add_argument("--yes", action="store_true", help="不再询问，直接确认删除（与 --wipe 合用）")
    logout.set_defaults(handler=run_logout)

    export = sub.add_parser("export-unsent", help="把未上传的工作导出为加密文件交给区工会（设备被撤销后也可用）")
    export.add_argument("file", nargs="?", default=None, help="导出文件（默认在数据文件夹的 exports/ 中）")
    export.add_argument("--passphrase-stdin", action="store_true", help="从标准输入读取导出口令（用于脚本）")
    export.set_defaults(handler=run_export_unsent)

    imp = sub.add_parser("import-unsent", help="区工会导入被撤销设备导出的未上传工作，下次同步时上传")
    imp.add_argument("file", help="导出文件（.uix）")
    imp.add_argument("--passphrase-stdin", action="store_true", help="从标准输入读取导出口令（用于脚本）")
    imp.set_defaults(handler=run_import_unsent)

    unlock = sub.add_parser("unlock", help="被撤销的设备：由区工会办公室账号在本机重新登录，解锁本机数据")
    unlock.add_argument("--server", required=True, help="服务器地址")
    unlock.add_argument("--user", required=True, help="办公室账号")
    unlock.add_argument("--password-stdin", action="store_true", help="从标准输入读取密码（用于脚本）")
    unlock.set_defaults(handler=run_unlock)

    sync = sub.add_parser("sync", help="与区服务器同步（上传本机修改，下载他人修改）")
    sync.set_defaults(handler=run_sync)
    sync_sub = sync.add_subparsers(dest="sync_command", metavar="SUBCOMMAND")
    status = sync_sub.add_parser("status", help="显示上次同步时间、待同步修改、冲突和需处理项")
    status.set_defaults(handler=run_status)


def run_login(args: argparse.Namespace) -> int:
    from app.cli import UserError
    from app.store.db import open_database
    from app.sync.client import SyncError
    from app.sync.credentials import login

    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = getpass.getpass(f"{args.user} 的密码：")
    if not password:
        raise UserError("没有输入密码")
    db = open_database(resolve_data_paths(args.data_dir))
    try:
        result = login(db, args.server, args.user, password, device_name=args.device_name)
    except SyncError as exc:
        raise UserError(str(exc)) from exc
    finally:
        db.dispose()
    grids = "、".join(result.grid_codes) or "全部"
    print(f"已登录 {args.server}：{result.display_name or result.username}（{result.role}），网格 {grids}")
    return 0


def _confirm(prompt: str) -> bool:
    try:
        return input(prompt).strip().lower() in {"y", "yes", "是"}
    except EOFError:
        return False


def run_logout(args: argparse.Namespace) -> int:
    from app.store import sync_queue
    from app.store.db import open_database
    from app.sync.credentials import logout, wipe_local_data

    paths = resolve_data_paths(args.data_dir)
    db = open_database(paths)
    try:
        confirmed = logout(db)
        print("已注销本机登录" + ("，服务器已撤销此设备" if confirmed else "（服务器暂时无法确认撤销）"))
        if not args.wipe:
            return 0
        with db.read() as session:
            queued = sync_queue.counts(session).queued
        warning = f"本机还有 {queued} 项修改没有同步到服务器，删除后无法恢复。" if queued else ""
        if not args.yes and not _confirm(f"{warning}确定删除 {paths.root} 中的全部本机数据吗？输入 yes 确认："):
            print("未删除本机数据")
            return 0
        wipe_local_data(db, paths)
        print("本机数据已删除")
        return 0
    finally:
        db.dispose()


def run_sync(args: argparse.Namespace) -> int:
    from app.cli import UserError
    from app.store.db import open_database
    from app.sync.engine import SyncEngine

    if getattr(args, "sync_command", None) == "status":
        return run_status(args)
    db = open_database(resolve_data_paths(args.data_dir))
    try:
        report = SyncEngine(db).sync_once()
    finally:
        db.dispose()
    if report.errors:
        raise UserError(report.errors[0])
    print(report.summary())
    for warning in report.warnings:
        print(f"提示：{warning}")
    return 0


def run_status(args: argparse.Namespace) -> int:
    from app.store import grid_scope, sync_queue, sync_replica, sync_state
    from app.store.db import open_database
    from app.sync.credentials import has_token

    db = open_database(resolve_data_paths(args.data_dir))
    try:
        with db.read() as session:
            settings = sync_state.load(session)
            counts = sync_queue.counts(session)
            aside = grid_scope.set_aside_count(session)
            parked = sync_replica.parked_count(session)
    finally:
        db.dispose()
    if not settings.configured:
        login = "未登录"
    elif settings.revoked:
        login = "此设备的登录已被服务器撤销"
    elif not has_token(settings.device_id):
        login = "密钥库中没有登录令牌，请重新登录"
    else:
        login = f"{settings.username} @ {settings.server_url}"
    print(f"服务器：{login}")
    print(f"上次成功同步：{settings.last_sync_at or '从未'}")
    if settings.last_error:
        print(f"上次同步问题：{settings.last_error}")
    print(f"待同步修改：{counts.queued}")
    print(f"未解决冲突：{counts.conflicts}")
    print(f"需要处理（被服务器拒绝）：{counts.attention}")
    if parked:
        print(f"暂时无法写入本机的下载修改：{parked}")
    if aside:
        print(f"因网格调整另存的未上传修改：{aside}（union-inspector export-unsent 可导出交给区工会）")
    return 0


def _secret(from_stdin: bool, prompt: str, *, confirm: bool = False) -> str:
    from app.cli import UserError

    if from_stdin:
        value = sys.stdin.readline().rstrip("\r\n")
    else:
        value = getpass.getpass(prompt)
        if confirm and getpass.getpass("再输入一次：") != value:
            raise UserError("两次输入的口令不一致")
    if not value:
        raise UserError("没有输入口令")
    return value


def run_export_unsent(args: argparse.Namespace) -> int:
    from pathlib import Path

    from app.cli import UserError
    from app.store.db import open_locked
    from app.sync import revocation

    paths = resolve_data_paths(args.data_dir)
    target = Path(args.file) if args.file else revocation.default_export_path(paths)
    passphrase = _secret(args.passphrase_stdin, "为导出文件设定口令（交给区工会时另行告知）：", confirm=True)
    db = open_locked(paths)
    try:
        summary = revocation.export_unsent(db, target, passphrase)
    except revocation.ExportError as exc:
        raise UserError(str(exc)) from exc
    finally:
        db.dispose()
    print(f"已导出 {summary.entries} 项未上传的修改（涉及 {summary.rows} 行数据，另存的 {summary.set_aside} 项）到 {target}")
    return 0


def run_import_unsent(args: argparse.Namespace) -> int:
    from pathlib import Path

    from app.cli import UserError
    from app.store.db import open_database
    from app.sync import revocation

    passphrase = _secret(args.passphrase_stdin, "导出文件的口令：")
    db = open_database(resolve_data_paths(args.data_dir))
    try:
        with db.read() as session:
            from app.store import sync_state

            actor = sync_state.load(session).username or "office"
        summary = revocation.import_unsent(db, Path(args.file), passphrase, actor)
    except revocation.ExportError as exc:
        raise UserError(str(exc)) from exc
    finally:
        db.dispose()
    print(f"已导入：新增 {summary.inserted} 行，修改 {summary.updated} 行，无变化 {summary.skipped} 行；下次同步时上传")
    return 0


def run_unlock(args: argparse.Namespace) -> int:
    from app.cli import UserError
    from app.sync import revocation
    from app.sync.client import SyncError

    password = _secret(args.password_stdin, f"{args.user} 的密码：")
    try:
        device_id = revocation.reenrol(resolve_data_paths(args.data_dir), args.server, args.user, password)
    except SyncError as exc:
        raise UserError(str(exc)) from exc
    print(f"本机已由办公室账号 {args.user} 重新登记（设备 {device_id}），数据已解锁")
    return 0

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
    from app.documents import letter_flow  # noqa: F401  (registers the re-rendering of renumbered letters)
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
    from app.store import sync_queue, sync_state
    from app.store.db import open_database
    from app.sync.credentials import has_token

    db = open_database(resolve_data_paths(args.data_dir))
    try:
        with db.read() as session:
            settings = sync_state.load(session)
            counts = sync_queue.counts(session)
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
    return 0

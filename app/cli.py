"""`union-inspector`: the GUI by default, and sub-commands for the office and for scripts.

Errors reach the user as one sentence on stderr with a non-zero exit code, never as a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import sys
from collections.abc import Sequence

from app import __version__

COMMAND_MODULES = (
    "app.commands.core",
    "app.commands.letters",
    "app.commands.sync",
    "app.commands.datapool",
    "app.commands.reports",
    "app.commands.report",
    "app.commands.unions",
)


class UserError(Exception):
    """A problem the user can fix; its message is shown as it is."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="union-inspector", description="工会走访监督助手")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--data-dir", help="数据文件夹（默认为用户数据目录，或环境变量 UNION_INSPECTOR_HOME）")
    parser.add_argument("-v", "--verbose", action="store_true", help="输出调试日志")
    parser.add_argument(
        "--ask-passphrase",
        action="store_true",
        help="询问数据口令（没有系统密钥库时用它加密数据；脚本可改用环境变量 UNION_INSPECTOR_PASSPHRASE）",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(sub)
    # `union-inspector check --data-dir X` reads as naturally as `union-inspector --data-dir X check`.
    for command in sub.choices.values():
        if not any("--data-dir" in action.option_strings for action in command._actions):
            command.add_argument("--data-dir", default=argparse.SUPPRESS, help="数据文件夹（同全局选项 --data-dir）")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    if args_list[:1] and args_list[0].startswith("__"):
        from app.planning import parse_worker

        if args_list[0] == parse_worker.WORKER_ARG:  # the importer's child, not a user's command
            return parse_worker.main()
    parser = build_parser()
    args = parser.parse_args(args_list)
    logging.basicConfig(level=logging.DEBUG if args.verbose else logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    try:
        from app.applog import setup_file_logging
        from app.paths import resolve_data_paths

        setup_file_logging(resolve_data_paths(args.data_dir))
    except OSError:
        pass  # a read-only data folder must not stop the command; the console still gets errors
    if args.command is None:
        args = parser.parse_args([*args_list, "gui"])
    from app.store.encryption import DataLocked, KeyUnavailable, set_passphrase

    if args.ask_passphrase:
        import getpass

        set_passphrase(getpass.getpass("数据口令："))
    try:
        result = args.handler(args)
    except (KeyUnavailable, DataLocked) as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 2
    except UserError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("已中断。", file=sys.stderr)
        return 130
    except Exception as exc:  # the last line of defence: one sentence, details in the log
        logging.getLogger("app").exception("unexpected error")
        print(f"错误：{type(exc).__name__}: {exc}", file=sys.stderr)
        return 1
    return int(result or 0)


if __name__ == "__main__":
    sys.exit(main())

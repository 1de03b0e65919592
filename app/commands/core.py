"""gui, demo and check: opening the program, a sample district, and a health check of the installation."""

from __future__ import annotations

import argparse
from typing import Any

from app.paths import resolve_data_paths


def register(sub: argparse._SubParsersAction[Any]) -> None:
    gui = sub.add_parser("gui", help="打开图形界面（默认）")
    gui.add_argument("--demo-if-empty", action="store_true", help="数据库为空时载入示例辖区")
    gui.set_defaults(handler=run_gui)

    demo = sub.add_parser("demo", help="创建示例辖区（若干网格、数百家企业和走访记录）")
    demo.add_argument("--enterprises", type=int, default=300, help="企业数量（默认300）")
    demo.add_argument("--seed", type=int, default=2026, help="随机种子")
    demo.set_defaults(handler=run_demo)

    check = sub.add_parser("check", help="检查数据库完整性、迁移、字体、密钥库和服务器")
    check.set_defaults(handler=run_check)


def run_gui(args: argparse.Namespace) -> int:
    from app.ui.shell.app import run

    return run(resolve_data_paths(args.data_dir), demo_if_empty=args.demo_if_empty)


def run_demo(args: argparse.Namespace) -> int:
    from app.demo import create_demo_district
    from app.store.db import open_database

    paths = resolve_data_paths(args.data_dir)
    db = open_database(paths)
    try:
        summary = create_demo_district(db, enterprises=args.enterprises, seed=args.seed)
    finally:
        db.dispose()
    print(f"示例辖区已创建于 {paths.root}：{summary}")
    return 0


def run_check(args: argparse.Namespace) -> int:
    from app.health import run_checks

    paths = resolve_data_paths(args.data_dir)
    failures = 0
    for result in run_checks(paths):
        mark = {"ok": "✓", "warn": "!", "fail": "✗"}[result.level]
        print(f"{mark} {result.name}：{result.message}")
        failures += result.level == "fail"
    return 1 if failures else 0

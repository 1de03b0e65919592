"""import, targets and route: the data pool, the union-establishment targets and a day's visit route
from the shell."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path
from typing import Any

from app.paths import resolve_data_paths

SOURCES = ("market", "tax", "hr", "civil", "members")
MAX_LISTED = 200


def register(sub: argparse._SubParsersAction[Any]) -> None:
    imp = sub.add_parser("import", help="导入企业名录（市场监管、税务、人社、民政）或工会会员库（CSV/XLSX）")
    imp.add_argument("file", help="CSV 或 XLSX 文件")
    imp.add_argument("--source", choices=SOURCES, help="数据来源（默认按文件名和表头判断）")
    imp.add_argument("--mapping", help="使用已保存的列映射（名称）")
    imp.add_argument("--sheet", help="XLSX 的工作表名称（默认第一个）")
    imp.add_argument("--as-of", help="名录日期 YYYY-MM-DD（默认文件修改日期）")
    imp.add_argument("--dry-run", action="store_true", help="只检查并报告，不写入")
    imp.add_argument(
        "--near",
        choices=("hold", "merge", "new"),
        default="hold",
        help="代码与已有企业只差一位时：hold 暂不导入并列出（默认），merge 并入该企业，new 作为新企业",
    )
    imp.add_argument("--quiet", action="store_true", help="不显示进度")
    imp.set_defaults(handler=run_import)

    targets = sub.add_parser("targets", help="列出建会目标企业（达到人数门槛且未建会），按优先级排序")
    targets.add_argument("--grid", help="网格编号")
    targets.add_argument("--top", type=int, default=30, help="显示前 N 家（默认30）")
    targets.set_defaults(handler=run_targets)

    route = sub.add_parser("route", help="生成某网格某日的走访路线单（PDF）")
    route.add_argument("--grid", required=True, help="网格编号")
    route.add_argument("--date", required=True, help="走访日期 YYYY-MM-DD")
    route.add_argument("-o", "--output", required=True, help="输出 PDF 文件")
    route.set_defaults(handler=run_route)


def _date_arg(raw: str, option: str) -> dt.date:
    from app.cli import UserError

    try:
        return dt.date.fromisoformat(raw)
    except ValueError:
        raise UserError(f"{option} 的日期“{raw}”格式不对，应为 YYYY-MM-DD") from None


def _open(args: argparse.Namespace) -> Any:
    from app.store.db import open_database

    return open_database(resolve_data_paths(args.data_dir))


def _actor(db: Any) -> str:
    from app.store import local_state

    with db.read() as session:
        return local_state.get(session, local_state.CURRENT_USER) or "import"


class _Meter:
    """One progress line on stderr, rewritten in place: phase, rows done of the total, rows per second."""

    def __init__(self, enabled: bool) -> None:
        import time

        self.enabled = enabled
        self.started = time.perf_counter()
        self.last = 0.0

    def __call__(self, phase: str, done: int, total: int) -> None:
        import sys
        import time

        if not self.enabled:
            return
        now = time.perf_counter()
        if now - self.last < 0.5 and done < total:
            return
        self.last = now
        rate = done / max(now - self.started, 1e-6)
        of = f"/{total:,}" if total else ""
        print(f"\r{phase}：{done:,}{of} 行，每秒 {rate:,.0f} 行   ", end="", file=sys.stderr, flush=True)

    def end(self) -> None:
        import sys

        if self.enabled:
            print(file=sys.stderr)


def run_import(args: argparse.Namespace) -> int:
    import sys

    from app.cli import UserError
    from app.planning.importer import ImportCancelled
    from app.planning.importer import run_import as do_import
    from app.planning.mapping import SOURCE_LABELS, Source
    from app.planning.readers import FileProblem

    as_of = _date_arg(args.as_of, "--as-of") if args.as_of else None
    meter = _Meter(not getattr(args, "quiet", False) and sys.stderr.isatty())
    db = _open(args)
    try:
        result = do_import(
            db,
            Path(args.file),
            actor=_actor(db),
            source=Source(args.source) if args.source else None,
            mapping_name=args.mapping,
            sheet=args.sheet,
            dry_run=args.dry_run,
            as_of=as_of,
            progress=meter,
            near=getattr(args, "near", "hold"),
        )
    except FileProblem as exc:
        meter.end()
        raise UserError(str(exc)) from None
    except (ImportCancelled, KeyboardInterrupt):
        meter.end()
        raise UserError("导入已中断，所有改动均已撤销，数据与导入前相同") from None
    finally:
        db.dispose()
    meter.end()
    for line in result.summary_lines():
        print(line)
    if result.rejected:
        print(f"\n拒绝的行（{len(result.rejected)}）：")
        for issue in result.rejected[:MAX_LISTED]:
            print(f"  {issue.sentence()}")
        if len(result.rejected) > MAX_LISTED:
            print(f"  ……另有 {len(result.rejected) - MAX_LISTED} 行")
    if result.warnings:
        print(f"\n警告（{len(result.warnings)}）：")
        for issue in result.warnings[:MAX_LISTED]:
            print(f"  {issue.sentence()}")
        if len(result.warnings) > MAX_LISTED:
            print(f"  ……另有 {len(result.warnings) - MAX_LISTED} 条")
    if result.near_matches:
        print(f"\n代码只差一位、可能是同一家企业的行（{len(result.near_matches)}）：")
        for match in result.near_matches[:MAX_LISTED]:
            print(f"  {match.sentence()}")
        if args.near == "hold":
            print("  这些行暂未导入：核对后加 --near merge 并入已有企业，或 --near new 作为新企业重新导入")
    if result.conflicts:
        from app.planning.mapping import FIELD_LABELS

        print(f"\n待人工确认的冲突（{result.conflict_count}）：")
        for conflict in result.conflicts[:MAX_LISTED]:
            options = " / ".join(
                f"{_source_label(c['source'], SOURCE_LABELS)} {c['value']}" for c in conflict.candidates
            )
            print(f"  {conflict.enterprise_name}（{conflict.credit_code}）{FIELD_LABELS.get(conflict.field, conflict.field)}：{options}")
    return 0


def _source_label(source: str, labels: Any) -> str:
    if source == "current":
        return "档案现值"
    try:
        from app.planning.mapping import Source

        return str(labels[Source(source)])
    except ValueError:
        return source


def run_targets(args: argparse.Namespace) -> int:
    from app.cli import UserError
    from app.planning.targets import load_targets

    db = _open(args)
    try:
        try:
            ranked, threshold = load_targets(db, grid_code=args.grid)
        except LookupError as exc:
            raise UserError(str(exc)) from None
    finally:
        db.dispose()
    print(f"建会目标：职工人数 ≥ {threshold} 且未建会，共 {len(ranked)} 家" + (f"（网格 {args.grid}）" if args.grid else ""))
    for i, target in enumerate(ranked[: max(0, args.top)], 1):
        visit = target.last_visit.isoformat() if target.last_visit else "从未走访"
        print(
            f"{i:>3}. {target.name}  {target.headcount}人  {target.status_label}  最近走访 {visit}"
            f"  待办事项 {target.open_matters}  得分 {target.score:.1f}"
        )
    return 0


def run_route(args: argparse.Namespace) -> int:
    from app.cli import UserError
    from app.planning.route_sheet import write_route_sheet
    from app.planning.weekplan import day_route_for

    day = _date_arg(args.date, "--date")
    db = _open(args)
    try:
        try:
            route = day_route_for(db, args.grid, day)
        except LookupError as exc:
            raise UserError(str(exc)) from None
    finally:
        db.dispose()
    out = Path(args.output)
    try:
        write_route_sheet(route, out)
    except OSError as exc:
        raise UserError(f"无法写入 {out}：{exc.strerror or exc}") from None
    print(f"{route.grid_name} {day.isoformat()}：{len(route.stops)} 个走访点，路线约 {route.length_m / 1000:.1f} 公里，已写入 {out}")
    return 0

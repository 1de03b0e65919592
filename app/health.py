"""`union-inspector check`: what an administrator wants to know before a laptop goes out to the field.

Each area adds its checks to CHECKS (fonts for letters, server reachability for sync, ...)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import ExitStack, suppress

from app.core.checks import DEEP as _DEEP
from app.core.checks import CheckResult, is_deep
from app.paths import DataPaths

__all__ = ["CHECKS", "Check", "CheckResult", "is_deep", "run_checks"]


Check = Callable[[DataPaths], list[CheckResult]]



def check_database(paths: DataPaths) -> list[CheckResult]:
    """Without --deep: the header, the schema and the revision, on the run's plain connection (the
    migration heads come from the revision files; Alembic is imported only when a migration runs)."""
    from app.store import migrate, quickcheck

    try:
        with quickcheck.connection(paths) as conn:
            mode = conn.execute("PRAGMA journal_mode").fetchone()[0]
            if is_deep():
                verdict = conn.execute("PRAGMA integrity_check").fetchall()
                fk = conn.execute("PRAGMA foreign_key_check").fetchall()
            else:
                # the header, the schema and the first pages: what a damaged copy usually breaks
                conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
                verdict, fk = [("ok",)], []
            current = quickcheck.stored_revisions(conn)
    except Exception as exc:
        return [CheckResult("数据库", "fail", f"无法打开 {paths.database}：{exc}")]
    results: list[CheckResult] = []
    if not is_deep():
        results.append(CheckResult("数据库", "ok", f"{paths.database}（日志模式 {mode}；逐页完整性检查请用 check --deep）"))
    elif [r[0] for r in verdict] == ["ok"]:
        results.append(CheckResult("数据库完整性", "ok", f"{paths.database}（日志模式 {mode}）"))
    else:
        results.append(CheckResult("数据库完整性", "fail", "; ".join(str(r[0]) for r in verdict[:5])))
    if fk:
        results.append(CheckResult("外键", "fail", f"{len(fk)} 处外键引用无效"))
    heads = migrate.heads()
    if current == heads:
        results.append(CheckResult("数据库迁移", "ok", "已是最新版本（" + ", ".join(sorted(heads)) + "）"))
    else:
        results.append(CheckResult("数据库迁移", "fail", f"当前 {sorted(current)}，应为 {sorted(heads)}"))
    return results


def check_keyring(_paths: DataPaths) -> list[CheckResult]:
    from app.secrets import describe_backend

    level, message = describe_backend()
    return [CheckResult("密钥库", level, message)]


def check_encryption(paths: DataPaths) -> list[CheckResult]:
    """How the data is protected at rest, whether the folder is locked, and owner-only file modes."""
    import os
    import stat

    from app.store import encryption

    level, message = encryption.describe(paths)
    results = [CheckResult("加密", "ok" if level == "ok" else "warn", message)]
    reason = encryption.locked_reason(paths)
    if reason:
        results.append(CheckResult("设备锁定", "fail", f"本机数据已锁定：{reason}；可导出未上传的工作，或由办公室账号重新登录解锁"))
    loose = []
    if paths.root.exists() and os.name == "posix":
        for path in [paths.root, *paths.root.glob("*"), paths.backups, paths.blobs]:
            if path.exists() and stat.S_IMODE(path.stat().st_mode) & 0o077:
                loose.append(path.name)
    if loose:
        results.append(CheckResult("文件权限", "warn", f"其他用户可读：{'、'.join(sorted(set(loose))[:5])}（下次打开时会收紧）"))
    else:
        results.append(CheckResult("文件权限", "ok", "数据文件只有本用户可读写"))
    return results


def check_sync(paths: DataPaths) -> list[CheckResult]:
    from app.sync.health import check_sync as run

    return run(paths)


def check_audit_and_backups(paths: DataPaths) -> list[CheckResult]:
    from app.store import backups, quickcheck

    if is_deep():
        from app.store import audit
        from app.store.db import open_database

        db = open_database(paths)
        try:
            with db.read() as session:
                report = audit.verify(session)
        finally:
            db.dispose()
        ok, message = report.ok, report.message
    else:
        with quickcheck.connection(paths) as conn:
            ok, message = quickcheck.audit_tail(conn)
    results = [CheckResult("审计日志", "ok" if ok else "fail", message)]
    latest = next(iter(backups.list_backups(paths)), None)
    if latest is None:
        results.append(CheckResult("备份", "ok", f"尚无备份；程序运行时会自动备份到 {paths.backups}"))
    else:
        size = backups.folder_size(paths) / 1e6
        results.append(
            CheckResult("备份", "ok", f"最近一次：{latest.created:%Y-%m-%d %H:%M}（{latest.label}），加密压缩，共 {size:.1f} MB")
        )
    return results


def check_letter_fonts(paths: DataPaths) -> list[CheckResult]:
    from app.documents.fonts import find_fonts, font_report, resolved_fonts

    # By default only the files' headers are read (milliseconds); ReportLab's parse of the CJK faces
    # takes seconds and is what `--deep` (and the first document) does. A set this process already
    # resolved is reported as it is.
    already = resolved_fonts() if paths.root == _default_root() else None
    fonts = already or find_fonts(data_root=paths.root, register=is_deep())
    lines = font_report(fonts, paths.root)
    if not is_deep() and already is None:
        lines.append(("ok", "已按字体文件头识别，未载入字形；完整载入（如生成文书时）请用 check --deep"))
    warned = " ".join(message for level, message in lines if level == "warn")
    results = []
    for level, message in lines:
        role = message.split("：", 1)[0]
        # A role the warnings say is missing is not "ok" first and missing after: one verdict per font.
        if level == "ok" and "：" in message and role and f"未找到{role}" in warned:
            level = "warn"
        results.append(CheckResult("文书字体", level, message))
    return results


def _default_root() -> object:
    from app.paths import resolve_data_paths

    try:
        return resolve_data_paths().root
    except Exception:
        return None


def check_letter_numbers(paths: DataPaths) -> list[CheckResult]:
    from app.store import quickcheck

    if not paths.database.exists():
        return []
    with quickcheck.connection(paths) as conn:
        report = quickcheck.letter_number_report(conn)
    return [CheckResult("发文字号", level, message) for level, message in report]  # type: ignore[arg-type]


def check_citations(paths: DataPaths) -> list[CheckResult]:
    from app.store import quickcheck

    if not paths.database.exists():
        return []
    with quickcheck.connection(paths) as conn:
        report = quickcheck.citation_report(conn)
    return [CheckResult("法律依据条文", level, message) for level, message in report]  # type: ignore[arg-type]


def check_forms(paths: DataPaths) -> list[CheckResult]:
    from app.formkit.health import check_forms as run

    return [CheckResult(name, level, message) for name, level, message in run(paths)]


def check_datapool(paths: DataPaths) -> list[CheckResult]:
    from app.planning.health import check_datapool as run

    return run(paths)


def check_legislation(paths: DataPaths) -> list[CheckResult]:
    from app.formkit.loader import questionnaire_ids
    from app.store import quickcheck

    with quickcheck.connection(paths) as conn:
        found = quickcheck.legislation_health(conn)
    forms = questionnaire_ids()
    results = [CheckResult("立法联系点", level, message) for level, message in found]  # type: ignore[arg-type]
    results.append(CheckResult("问卷定义", "ok" if forms else "warn",
                               "、".join(title for _id, _v, title in forms) if forms else "没有问卷定义文件"))
    return results


def check_map(paths: DataPaths) -> list[CheckResult]:
    """The base map and how many enterprises the maps can show."""
    from app.planning.basemap import BASEMAP_FILE, open_basemap
    from app.store import quickcheck

    tiles = open_basemap(paths.root / BASEMAP_FILE)
    if tiles is None:
        results = [CheckResult("底图", "warn", "没有底图：热力图和路线只画在空白背景上")]
    else:
        info = tiles.info()
        tiles.close()
        results = [CheckResult("底图", "ok", f"{info.name}，缩放级别 {info.min_zoom}–{info.max_zoom}，{info.tiles} 张瓦片")]
    with quickcheck.connection(paths) as conn:
        missing = quickcheck.count_unplaced(conn)
    results.append(CheckResult("企业位置", "ok" if missing == 0 else "warn",
                               "所有企业都有位置" if missing == 0 else f"{missing} 家企业没有位置，地图上不显示"))
    return results


def check_unions(paths: DataPaths) -> list[CheckResult]:
    from app.store import quickcheck
    from app.store.unions.health import report

    if not paths.database.exists():
        return []
    with quickcheck.connection(paths) as conn:
        lines = report(conn, paths.root)
    return [CheckResult(name, level, message) for name, level, message in lines]


def check_cases(paths: DataPaths) -> list[CheckResult]:
    from app.planning.cases_health import check_cases as run

    return run(paths)


def check_patrol(paths: DataPaths) -> list[CheckResult]:
    from app.planning.patrol_health import check_patrol as run

    return run(paths)


CHECKS: list[Check] = [
    check_database,
    check_keyring,
    check_encryption,
    check_audit_and_backups,
    check_sync,
    check_letter_fonts,
    check_letter_numbers,
    check_citations,
    check_forms,
    check_datapool,
    check_legislation,
    check_map,
    check_unions,
    check_cases,
    check_patrol,
]


def run_checks(paths: DataPaths, deep: bool = False) -> Iterator[CheckResult]:
    """The checks share one open of the database (key and revision check once per run), a plain
    DB-API connection: the default run imports neither SQLAlchemy nor the table classes. If it cannot
    be opened, each check opens it itself and reports why it failed; `--deep` shares the ORM's open
    too for the checks that need it."""
    from app.store import quickcheck

    token = _DEEP.set(deep)
    with ExitStack() as stack:
        with suppress(Exception):  # check_database opens it again and says why in one sentence
            stack.enter_context(quickcheck.shared_connection(paths))
        if deep:
            from app.store.db import shared_database

            with suppress(Exception):
                stack.enter_context(shared_database(paths))
        try:
            yield from _run_each(paths)
        finally:
            _DEEP.reset(token)


def _run_each(paths: DataPaths) -> Iterator[CheckResult]:
    for check in CHECKS:
        try:
            yield from check(paths)
        except Exception as exc:
            yield CheckResult(getattr(check, "__name__", "check"), "fail", f"检查时出错：{exc}")

"""`union-inspector check`: what an administrator wants to know before a laptop goes out to the field.

Each area adds its checks to CHECKS (fonts for letters, server reachability for sync, ...)."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from app.core.checks import CheckResult
from app.paths import DataPaths

__all__ = ["CHECKS", "Check", "CheckResult", "run_checks"]


Check = Callable[[DataPaths], list[CheckResult]]


def check_database(paths: DataPaths) -> list[CheckResult]:
    from sqlalchemy import text

    from app.store import migrate
    from app.store.db import open_database

    results: list[CheckResult] = []
    try:
        db = open_database(paths)
    except Exception as exc:
        return [CheckResult("数据库", "fail", f"无法打开 {paths.database}：{exc}")]
    try:
        with db.read() as session:
            verdict = session.exec(text("PRAGMA integrity_check")).all()  # type: ignore[call-overload]
            fk = session.exec(text("PRAGMA foreign_key_check")).all()  # type: ignore[call-overload]
            mode = session.exec(text("PRAGMA journal_mode")).one()[0]  # type: ignore[call-overload]
        if [r[0] for r in verdict] == ["ok"]:
            results.append(CheckResult("数据库完整性", "ok", f"{paths.database}（日志模式 {mode}）"))
        else:
            results.append(CheckResult("数据库完整性", "fail", "; ".join(str(r[0]) for r in verdict[:5])))
        if fk:
            results.append(CheckResult("外键", "fail", f"{len(fk)} 处外键引用无效"))
        current, heads = migrate.current_revisions(db), migrate.head_revisions(db)
        if current == heads:
            results.append(CheckResult("数据库迁移", "ok", "已是最新版本（" + ", ".join(sorted(heads)) + "）"))
        else:
            results.append(CheckResult("数据库迁移", "fail", f"当前 {sorted(current)}，应为 {sorted(heads)}"))
    finally:
        db.dispose()
    return results


def check_keyring(_paths: DataPaths) -> list[CheckResult]:
    from app.secrets import describe_backend

    level, message = describe_backend()
    return [CheckResult("密钥库", level, message)]


def check_sync(paths: DataPaths) -> list[CheckResult]:
    from app.sync.health import check_sync as run

    return run(paths)


def check_audit_and_backups(paths: DataPaths) -> list[CheckResult]:
    from app.store import audit, backups
    from app.store.db import open_database

    db = open_database(paths)
    try:
        with db.read() as session:
            report = audit.verify(session)
    finally:
        db.dispose()
    results = [CheckResult("审计日志", "ok" if report.ok else "fail", report.message)]
    latest = next(iter(backups.list_backups(paths)), None)
    if latest is None:
        results.append(CheckResult("备份", "ok", f"尚无备份；程序运行时会自动备份到 {paths.backups}"))
    else:
        results.append(CheckResult("备份", "ok", f"最近一次：{latest.created:%Y-%m-%d %H:%M}（{latest.label}）"))
    return results


def check_letter_fonts(paths: DataPaths) -> list[CheckResult]:
    from app.documents.fonts import find_fonts, font_report

    fonts = find_fonts(data_root=paths.root)
    return [CheckResult("文书字体", level, message) for level, message in font_report(fonts, paths.root)]


def check_letter_numbers(paths: DataPaths) -> list[CheckResult]:
    from app.store.db import open_database
    from app.store.letter_numbers import number_report

    if not paths.database.exists():
        return []
    db = open_database(paths)
    try:
        with db.read() as session:
            report = number_report(session)
    finally:
        db.dispose()
    return [CheckResult("发文字号", level, message) for level, message in report]  # type: ignore[arg-type]


def check_forms(paths: DataPaths) -> list[CheckResult]:
    from app.formkit.health import check_forms as run

    return [CheckResult(name, level, message) for name, level, message in run(paths)]


def check_datapool(paths: DataPaths) -> list[CheckResult]:
    from app.planning.health import check_datapool as run

    return run(paths)


def check_legislation(paths: DataPaths) -> list[CheckResult]:
    from app.formkit.questionnaires import questionnaire_ids
    from app.store import legislation
    from app.store.db import open_database

    db = open_database(paths)
    try:
        with db.read() as session:
            found = legislation.health(session)
    finally:
        db.dispose()
    forms = questionnaire_ids()
    results = [CheckResult("立法联系点", level, message) for level, message in found]  # type: ignore[arg-type]
    results.append(CheckResult("问卷定义", "ok" if forms else "warn",
                               "、".join(title for _id, _v, title in forms) if forms else "没有问卷定义文件"))
    return results


def check_cases(paths: DataPaths) -> list[CheckResult]:
    from app.planning.cases_health import check_cases as run

    return run(paths)


CHECKS: list[Check] = [
    check_database,
    check_keyring,
    check_audit_and_backups,
    check_sync,
    check_letter_fonts,
    check_letter_numbers,
    check_forms,
    check_datapool,
    check_legislation,
    check_cases,
]


def run_checks(paths: DataPaths) -> Iterator[CheckResult]:
    for check in CHECKS:
        try:
            yield from check(paths)
        except Exception as exc:
            yield CheckResult(getattr(check, "__name__", "check"), "fail", f"检查时出错：{exc}")

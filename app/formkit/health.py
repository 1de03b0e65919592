"""`union-inspector check` for forms: every definition file loads, and every form version a stored
visit was filled with is still there (a missing one would leave those visits unopenable)."""

from __future__ import annotations

from typing import Literal

from app.formkit import loader
from app.paths import DataPaths

Level = Literal["ok", "warn", "fail"]


def check_forms(paths: DataPaths) -> list[tuple[str, Level, str]]:
    """(name, level, message) rows; app.health wraps them in its CheckResult."""
    from app.store import quickcheck

    rows: list[tuple[str, Level, str]] = []
    found = loader.available()
    broken = False
    for form_id, versions in found.items():
        for version in versions:
            try:
                loader.load(form_id, version)
            except (loader.FormDefinitionError, loader.FormNotFoundError) as exc:
                rows.append(("表单定义", "fail", str(exc)))
                broken = True
    if not found:
        rows.append(("表单定义", "fail", f"表单目录中没有表单定义：{loader.definition_path('x', 1).parent}"))
    elif not broken:
        listed = "、".join(f"{fid} v{','.join(map(str, v))}" for fid, v in found.items())
        rows.append(("表单定义", "ok", listed))
    with quickcheck.connection(paths) as conn:
        # only the missing versions are counted: counting every form's visits read them all
        missing = sorted(pair for pair in quickcheck.form_versions_used(conn) if pair[1] not in found.get(pair[0], []))
        in_use = {pair: quickcheck.count_visits_with_form(conn, *pair) for pair in missing}
    for (form_id, version), count in sorted(in_use.items()):
        if version not in found.get(form_id, []):
            rows.append(("走访表单版本", "fail", f"{count} 条走访记录使用的表单“{form_id}”第 {version} 版缺失"))
    return rows

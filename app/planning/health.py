"""`union-inspector check` for the data pool: the target threshold in force, the last import, and the
conflicts still waiting for a person."""

from __future__ import annotations

from app.core.checks import CheckResult
from app.core.enterprise import DEFAULT_TARGET_HEADCOUNT
from app.paths import DataPaths

DEFAULT_OVERDUE_DAYS = 30  # `app.store.datapool.DEFAULT_OVERDUE_DAYS`, which imports the table classes


def check_datapool(paths: DataPaths) -> list[CheckResult]:
    from app.store import quickcheck

    if not paths.database.exists():
        return []
    from app.core.checks import is_deep

    with quickcheck.connection(paths) as conn:
        found = quickcheck.datapool_summary(conn, DEFAULT_TARGET_HEADCOUNT, DEFAULT_OVERDUE_DAYS)
        search = quickcheck.search_index_problems(conn, deep=is_deep())
    last = f"最近一次导入：{found.last_batch[0]}（{found.last_batch[1][:10]}）" if found.last_batch else "尚未导入名录"
    results = [
        CheckResult(
            "数据池",
            "ok",
            f"建会目标门槛 {found.threshold} 人，逾期走访 {found.overdue_days} 天；{last}；冲突规则 {found.rules} 条；"
            f"已注销、吊销或迁出 {found.gone} 家（不列为建会目标）",
        )
    ]
    if search:
        results.append(CheckResult("企业检索索引", "fail", "；".join(search) + "，检索可能漏掉企业"))
    else:
        results.append(CheckResult("企业检索索引", "ok", "名称、地址、代码检索索引与拼音排序齐全" + ("，逐行核对一致" if is_deep() else "")))
    if found.open_conflicts:
        results.append(CheckResult("数据池冲突", "warn", f"{found.open_conflicts} 处来源之间的冲突待人工确认（数据池页面）"))
    return results

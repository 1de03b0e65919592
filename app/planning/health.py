"""`union-inspector check` for the data pool: the target threshold in force, the last import, and the
conflicts still waiting for a person."""

from __future__ import annotations

from app.core.checks import CheckResult
from app.core.enterprise import DEFAULT_TARGET_HEADCOUNT
from app.paths import DataPaths


def check_datapool(paths: DataPaths) -> list[CheckResult]:
    from app.store import datapool as store
    from app.store import local_state
    from app.store.db import open_database

    if not paths.database.exists():
        return []
    db = open_database(paths)
    try:
        with db.read() as session:
            threshold = local_state.get_int(session, local_state.TARGET_HEADCOUNT, DEFAULT_TARGET_HEADCOUNT)
            overdue = local_state.get_int(session, store.OVERDUE_DAYS, store.DEFAULT_OVERDUE_DAYS)
            conflicts = store.count_open_conflicts(session)
            batches = store.recent_batches(session, 1)
    finally:
        db.dispose()
    last = (
        f"最近一次导入：{batches[0].file_name}（{batches[0].started_at[:10]}）" if batches else "尚未导入名录"
    )
    results = [CheckResult("数据池", "ok", f"建会目标门槛 {threshold} 人，逾期走访 {overdue} 天；{last}")]
    if conflicts:
        results.append(CheckResult("数据池冲突", "warn", f"{conflicts} 处来源之间的冲突待人工确认（数据池页面）"))
    return results

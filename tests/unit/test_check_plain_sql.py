"""The default `check` reads the store in plain SQL on the driver: its figures must be those the
program's own (ORM) functions give on the same data, and every area's lines must be there."""

from __future__ import annotations

from app.core.enterprise import DEFAULT_TARGET_HEADCOUNT
from app.health import run_checks
from app.planning import health as planning_health
from app.store import datapool, local_state, quickcheck, sync_queue, sync_state
from app.store.db import Database


def test_the_plain_sql_figures_are_the_orms(demo_db: Database) -> None:
    with demo_db.read() as session:
        settings = sync_state.load(session)
        counts = sync_queue.counts(session)
        orm_pool = (
            local_state.get_int(session, local_state.TARGET_HEADCOUNT, DEFAULT_TARGET_HEADCOUNT),
            local_state.get_int(session, datapool.OVERDUE_DAYS, datapool.DEFAULT_OVERDUE_DAYS),
            datapool.count_open_conflicts(session),
            len(datapool.conflict_rules(session)),
            datapool.count_gone(session),
        )
        batches = datapool.recent_batches(session, 1)
    with quickcheck.connection(demo_db.paths) as conn:
        summary = quickcheck.sync_summary(conn)
        pool = quickcheck.datapool_summary(conn, DEFAULT_TARGET_HEADCOUNT, planning_health.DEFAULT_OVERDUE_DAYS)
    assert (summary.server_url, summary.username, summary.device_id, summary.revoked, summary.last_sync_at) == (
        settings.server_url, settings.username, settings.device_id, settings.revoked, settings.last_sync_at)
    assert (summary.queued, summary.conflicts, summary.attention) == (counts.queued, counts.conflicts, counts.attention)
    assert summary.queued > 0  # the demo's rows wait in the outbox
    assert (pool.threshold, pool.overdue_days, pool.open_conflicts, pool.rules, pool.gone) == orm_pool
    assert pool.last_batch == ((batches[0].file_name, batches[0].started_at) if batches else None)
    assert planning_health.DEFAULT_OVERDUE_DAYS == datapool.DEFAULT_OVERDUE_DAYS


def test_every_area_reports_on_the_plain_path_as_on_the_deep_one(demo_db: Database) -> None:
    quick = list(run_checks(demo_db.paths))
    assert not [r for r in quick if r.message.startswith("检查时出错")], quick
    names = {r.name for r in quick}
    assert {"数据库", "数据库迁移", "审计日志", "同步服务器", "发文字号", "法律依据条文", "表单定义", "数据池",
            "立法联系点", "企业位置", "工会覆盖单位", "服务请求", "案件登记", "巡查轨迹", "企业检索索引"} <= names
    deep = list(run_checks(demo_db.paths, deep=True))
    assert not [r for r in deep if r.message.startswith("检查时出错")], deep
    # the same areas say the same, apart from what --deep reads further (integrity, the whole chain,
    # every track, fonts loaded)
    further = {"数据库", "数据库完整性", "审计日志", "巡查轨迹", "文书字体", "企业检索索引"}
    assert [(r.name, r.level, r.message) for r in quick if r.name not in further] == [
        (r.name, r.level, r.message) for r in deep if r.name not in further]

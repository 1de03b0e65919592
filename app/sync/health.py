"""`union-inspector check` for sync: is the server answering, and is this device's login usable."""

from __future__ import annotations

from typing import Literal

from app.core.checks import CheckResult, is_deep
from app.paths import DataPaths

# httpx and the sync client are imported only when a server is configured: with its command-line
# extras they cost `check` a tenth of a second on a laptop that syncs with nothing.
QUICK_TIMEOUT = (1.0, 0.5)  # seconds: whole answer, connection


def check_sync(paths: DataPaths) -> list[CheckResult]:
    from app import secrets
    from app.store import quickcheck

    with quickcheck.connection(paths) as conn:
        settings = counts = quickcheck.sync_summary(conn)
    if not settings.server_url:
        return [CheckResult("同步服务器", "ok", f"未配置（仅本机使用）；待同步修改 {counts.queued}")]
    results: list[CheckResult] = []
    import httpx

    from app.sync.client import HEALTH_TIMEOUT, SyncClient, SyncError
    from app.sync.credentials import has_token

    client = SyncClient(settings.server_url, retries=0)
    try:
        # `check` stays quick on a bad network: a server that does not answer within a second is
        # reported as unreachable; `--deep` waits as long as sync itself would.
        health = client.health(HEALTH_TIMEOUT if is_deep() else httpx.Timeout(QUICK_TIMEOUT[0], connect=QUICK_TIMEOUT[1]))
        results.append(
            CheckResult("同步服务器", "ok", f"{settings.server_url} 可以连接（数据版本 {health.schema_version}）")
        )
    except SyncError as exc:
        results.append(CheckResult("同步服务器", "warn", f"{exc}；修改会保留在本机，联网后再同步"))
    finally:
        client.close()
    if settings.revoked:
        results.append(CheckResult("设备登录", "fail", "此设备的登录已被服务器撤销，请联系管理员后重新登录"))
    elif not settings.device_id:
        results.append(CheckResult("设备登录", "warn", "本机尚未登录服务器"))
    elif not secrets.is_secure():
        results.append(CheckResult("设备登录", "fail", "没有安全的系统密钥库，无法取得登录令牌"))
    elif not has_token(settings.device_id):
        results.append(CheckResult("设备登录", "fail", "密钥库中没有此设备的登录令牌，请重新登录"))
    else:
        results.append(CheckResult("设备登录", "ok", f"{settings.username}，令牌保存在系统密钥库中"))
    level: Literal["ok", "warn"] = "warn" if counts.conflicts or counts.attention else "ok"
    results.append(
        CheckResult(
            "同步队列",
            level,
            f"待同步 {counts.queued}，未解决冲突 {counts.conflicts}，需处理 {counts.attention}；"
            f"上次成功同步 {settings.last_sync_at or '从未'}",
        )
    )
    return results

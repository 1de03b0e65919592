"""One sync round: push the outbox, pull what changed, top up letter numbers. Push comes first so the
server's merge sees our edits before we take its state. The same engine serves the shell and the GUI;
rounds of one data folder never overlap."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import Any

from app.core.ids import utc_now_iso
from app.paths import DataPaths
from app.store import audit, demo_state, grid_scope, sync_queue, sync_state
from app.store.db import Database
from app.sync import attachments, letter_numbers, pull, push, revocation
from app.sync.client import DeviceRevoked, ServerUnreachable, SyncClient, SyncError
from app.sync.credentials import TokenManager

log = logging.getLogger(__name__)

_LOCKS: dict[str, threading.Lock] = {}
_LOCKS_GUARD = threading.Lock()

Progress = Callable[[str, int, int], None]
"""(phase, done, total); total 0 when unknown."""


def _lock_for(db: Database) -> threading.Lock:
    with _LOCKS_GUARD:
        return _LOCKS.setdefault(str(db.path), threading.Lock())


@dataclass
class SyncReport:
    pushed: int = 0
    applied: int = 0
    duplicates: int = 0
    pulled: int = 0
    conflicts: int = 0
    rejected: int = 0
    blobs_uploaded: int = 0
    blobs_downloaded: int = 0
    letter_blocks: int = 0
    parked: int = 0
    dropped: int = 0
    set_aside: int = 0
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    unreachable: bool = False
    revoked: bool = False
    busy: bool = False
    started_at: str = ""
    finished_at: str = ""
    tables: list[str] = field(default_factory=list)
    queued_after: int = 0
    open_conflicts: int = 0
    attention: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    def summary(self) -> str:
        text = (
            f"上传 {self.pushed} 项修改（新增冲突 {self.conflicts}，被拒 {self.rejected}），"
            f"下载 {self.pulled} 项；待同步 {self.queued_after}，未解决冲突 {self.open_conflicts}，"
            f"需处理 {self.attention}"
        )
        if self.blobs_uploaded:
            text += f"；上传附件 {self.blobs_uploaded} 个"
        if self.blobs_downloaded:
            text += f"；下载附件 {self.blobs_downloaded} 个"
        if self.letter_blocks:
            text += f"；预留文号段 {self.letter_blocks} 个"
        return text


ClientFactory = Callable[[str, TokenManager], SyncClient]


def default_client_factory(server_url: str, tokens: TokenManager) -> SyncClient:
    return SyncClient(server_url, token_source=tokens)


class SyncEngine:
    def __init__(
        self,
        db: Database,
        paths: DataPaths | None = None,
        *,
        client_factory: ClientFactory = default_client_factory,
        batch_size: int = 500,
        pull_limit: int = 500,
        progress: Progress | None = None,
        before_cursor_saved: pull.PageHook | None = None,
    ) -> None:
        self.db = db
        self.paths = paths or db.paths
        self.client_factory = client_factory
        self.batch_size = batch_size
        self.pull_limit = pull_limit
        self.progress = progress
        self.before_cursor_saved = before_cursor_saved
        self._tokens: TokenManager | None = None

    def _token_manager(self, device_id: str) -> TokenManager:
        if self._tokens is None or self._tokens.device_id != device_id:
            self._tokens = TokenManager(self.db, device_id)
        return self._tokens

    def _report_progress(self, phase: str, done: int, total: int) -> None:
        if self.progress is not None:
            self.progress(phase, done, total)

    def sync_once(self) -> SyncReport:
        report = SyncReport(started_at=utc_now_iso())
        lock = _lock_for(self.db)
        if not lock.acquire(blocking=False):
            report.busy = True
            report.errors.append("同步正在进行中")
            return report
        try:
            self._run(report)
        finally:
            lock.release()
        return report

    def _run(self, report: SyncReport) -> None:
        with self.db.read() as session:
            demo = demo_state.is_demo(session)
        if demo:
            # Made-up rows must never reach a district server.
            report.errors.append("本机数据是示例辖区，不会同步到区服务器；请先清除示例数据")
            self._finish(report, success=False)
            return
        with self.db.read() as session:
            settings = sync_state.load(session)
        if not settings.configured:
            report.errors.append("尚未登录同步服务器，请先运行 union-inspector login 或在界面中登录")
            self._finish(report, success=False)
            return
        if settings.revoked:
            revocation.lock(self.db, settings.last_error or "此设备的登录已被服务器撤销")
            report.revoked = True
            report.errors.append(settings.last_error or "此设备的登录已被服务器撤销，请重新登录")
            self._finish(report, success=False)
            return
        tokens = self._token_manager(settings.device_id)
        client = self.client_factory(settings.server_url, tokens)
        tokens.client = client
        try:
            # One quick look first: with the server down, say so at once instead of after the retries.
            client.health()
            self._report_progress("push", 0, 0)
            pushed = push.push_all(
                self.db,
                self.paths,
                client,
                settings.device_id,
                batch_size=self.batch_size,
                progress=lambda done, total: self._report_progress("push", done, total),
            )
            self._count_push(report, pushed)
            self._drop_lost_grids(client, report)
            self._report_progress("pull", 0, 0)
            pulled = pull.pull_all(
                self.db, client, limit=self.pull_limit, before_cursor_saved=self.before_cursor_saved
            )
            report.pulled = pulled.applied
            report.parked = pulled.parked
            if pulled.reasons:
                # The rest of the page and the cursor went on; the user (and last_error) hear why.
                first = pulled.reasons[0]
                more = f"（另有 {len(pulled.reasons) - 1} 项）" if len(pulled.reasons) > 1 else ""
                report.warnings.append(f"有 {len(pulled.reasons)} 项下载的修改暂时无法写入本机，已搁置：{first}{more}")
            report.tables = sorted(pulled.tables)
            fetched = attachments.download_missing(self.db, self.paths, client)
            report.blobs_downloaded = fetched.downloaded
            report.warnings.extend(fetched.problems)
            topped = letter_numbers.top_up(self.db, client)
            report.letter_blocks = len(topped.blocks)
            report.warnings.extend(topped.errors)
            if topped.blocks:
                # Renumbered provisional letters are new changes; send them now rather than next round.
                self._count_push(
                    report, push.push_all(self.db, self.paths, client, settings.device_id, batch_size=self.batch_size)
                )
                report.tables = sorted({*report.tables, "letter"})
        except DeviceRevoked as exc:
            report.revoked = True
            report.errors.append(str(exc))
            revocation.lock(self.db, str(exc))
        except ServerUnreachable as exc:
            report.unreachable = True
            report.errors.append(str(exc))
        except SyncError as exc:
            report.errors.append(str(exc))
        finally:
            client.close()
        self._finish(report, success=not report.unreachable and not report.revoked and not report.errors)

    def _drop_lost_grids(self, client: SyncClient, report: SyncReport) -> None:
        """The account's grids as the server says now; rows of a grid it lost leave this laptop."""
        account = client.me()
        if account.role != "inspector":
            return  # office and admin accounts see every grid
        with self.db.write() as session:
            dropped = grid_scope.drop_lost(session, set(account.grids), account.username or "sync")
        report.dropped = dropped.total
        report.set_aside = dropped.set_aside
        if dropped.total:
            text = f"账号不再负责 {len(dropped.grids)} 个网格，本机已删除其 {dropped.total} 行数据"
            if dropped.set_aside:
                text += f"；其中 {dropped.set_aside} 项未上传的修改已另存，可导出交给区工会"
            report.warnings.append(text)
        if account.mediated_cases is None:
            return  # a server that does not list mediated cases: keep them
        with self.db.write() as session:
            cases = grid_scope.drop_lost_cases(
                session, set(account.grids), set(account.mediated_cases), account.username or "sync"
            )
        report.dropped += cases.total
        report.set_aside += cases.set_aside
        if cases.total:
            text = f"{cases.rows.get('legal_case', 0)} 件案件已改由其他调解员办理，本机已删除其 {cases.total} 行数据"
            if cases.set_aside:
                text += f"；其中 {cases.set_aside} 项未上传的修改已另存，可导出交给区工会"
            report.warnings.append(text)

    @staticmethod
    def _count_push(report: SyncReport, pushed: push.PushOutcome) -> None:
        report.pushed += pushed.sent
        report.applied += pushed.applied
        report.duplicates += pushed.duplicates
        report.conflicts += pushed.conflicts
        report.rejected += pushed.refused
        report.blobs_uploaded += pushed.blobs_uploaded

    def _finish(self, report: SyncReport, *, success: bool) -> None:
        report.finished_at = utc_now_iso()
        with self.db.write() as session:
            counts = sync_queue.counts(session)
            report.queued_after = counts.queued
            report.open_conflicts = counts.conflicts
            report.attention = counts.attention
            error = "；".join(report.errors + [w for w in report.warnings if "已搁置" in w])
            stored = {k: v for k, v in report.as_dict().items() if k != "tables"}
            sync_state.record_attempt(session, report.finished_at, error, stored, success=success)
            outcome = report.summary() if success else f"同步未完成：{error}"
            audit.record(session, "sync", outcome, sync_state.load(session).username or "sync")

"""One import, start to end: read the file, find the header, map the columns, normalise the rows,
merge them on the credit code, and write everything in one transaction, so that an import either
completes or changes nothing (a cancelled or failing import rolls back)."""

from __future__ import annotations

import datetime as dt
import gc
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.core.codes import CodeStatus
from app.core.ids import new_id, utc_now_iso
from app.planning import mapping as mapping_mod
from app.planning import normalize
from app.planning.geo import GridShape, parse_polygon
from app.planning.mapping import FIELD_LABELS, Source
from app.planning.merge import (
    SNAPSHOT_FIELDS,
    ConflictInfo,
    MergeContext,
    MergePlan,
    OpenConflict,
    PriorRecord,
    Snapshot,
    plan_merge,
)
from app.planning.readers import FileProblem, RawTable, read_table
from app.planning.rows import RowIssue, parse_rows
from app.store import datapool as store
from app.store.db import Database
from app.store.tables.datapool import ImportBatch

Progress = Callable[[str, int, int], None]  # (phase label, done, total)
PREVIEW_ROWS = 8


class ImportCancelled(Exception):
    """The user cancelled; the transaction was rolled back."""


@dataclass
class FilePreview:
    """What the wizard shows before anything is imported."""

    table: RawTable
    header_index: int  # 0-based
    headers: list[str]
    sample: list[list[str]]
    mapping: dict[str, str]
    source: Source
    data_rows: int

    @property
    def header_row(self) -> int:
        return self.header_index + 1


@dataclass
class ImportResult:
    file_name: str
    source: Source
    encoding: str
    sheet: str
    header_row: int
    rows_read: int = 0
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: list[RowIssue] = field(default_factory=list)
    warnings: list[RowIssue] = field(default_factory=list)
    conflicts: list[ConflictInfo] = field(default_factory=list)
    dry_run: bool = False
    batch_id: str | None = None
    missing_from_registry: int = 0  # members: files say established, registry does not list them

    @property
    def changed(self) -> bool:
        return self.batch_id is not None

    def summary_lines(self) -> list[str]:
        lines = [
            f"文件：{self.file_name}（{self.source.label}，编码 {self.encoding}"
            + (f"，工作表“{self.sheet}”" if self.sheet else "")
            + f"，表头在第{self.header_row}行）",
            f"读取 {self.rows_read} 行：新增 {self.inserted}，更新 {self.updated}，未变 {self.unchanged}，"
            f"拒绝 {len(self.rejected)}，警告 {len(self.warnings)}，冲突 {len(self.conflicts)}",
        ]
        if self.source is Source.MEMBERS and self.missing_from_registry:
            lines.append(f"另有 {self.missing_from_registry} 家企业档案显示已建会，但本会员库中没有")
        if self.dry_run:
            lines.append("试运行：未写入任何数据")
        elif not self.changed:
            lines.append("与已有数据相同，未作任何改动")
        return lines


def _default_sheet_rows(table: RawTable) -> tuple[int, list[str]]:
    guess = mapping_mod.detect_header(table.rows)
    if guess is None:
        raise FileProblem(
            f"在 {table.file_name} 的前{mapping_mod.HEADER_SCAN_ROWS}行中找不到表头"
            "（应有“企业名称”“统一社会信用代码”等列名）"
        )
    return guess.row_index, guess.headers


def inspect_file(
    path: Path | str,
    *,
    sheet: str | None = None,
    source: Source | None = None,
    saved: Mapping[str, str] | None = None,
) -> FilePreview:
    table = read_table(path, sheet)
    header_index, headers = _default_sheet_rows(table)
    chosen = source or mapping_mod.guess_source(table.file_name, headers)
    proposed = mapping_mod.apply_saved(headers, saved) if saved else mapping_mod.propose_mapping(headers)
    sample = [
        [normalize.text(v) for v in row]
        for row in table.rows[header_index + 1 : header_index + 1 + PREVIEW_ROWS]
    ]
    return FilePreview(table, header_index, headers, sample, proposed, chosen, len(table.rows) - header_index - 1)


def check_mapping(mapping: Mapping[str, str], source: Source, file_name: str) -> None:
    targets = [t for t in mapping.values() if t]
    unknown = sorted({t for t in targets if t not in FIELD_LABELS})
    if unknown:
        raise FileProblem(f"列映射中有未知的字段：{'、'.join(unknown)}")
    doubled = sorted({FIELD_LABELS[t] for t in targets if targets.count(t) > 1})
    if doubled:
        raise FileProblem(f"列映射中“{'、'.join(doubled)}”对应了多列，请只保留一列")
    if source is Source.MEMBERS:
        if "credit_code" not in targets and "name" not in targets:
            raise FileProblem(f"{file_name} 的列映射中既没有“统一社会信用代码”也没有“单位名称”，无法对应到企业")
    elif "credit_code" not in targets:
        raise FileProblem(f"{file_name} 的列映射中没有“统一社会信用代码”列，无法合并")


def _grid_context(session: Any) -> tuple[list[GridShape], dict[str, str]]:
    shapes: list[GridShape] = []
    keys: dict[str, str] = {}
    for grid in store.grid_rows(session):
        shapes.append(GridShape(grid.id, grid.code, grid.name, parse_polygon(grid.boundary)))
        keys[grid.code] = grid.id
        keys[grid.code.upper()] = grid.id
        keys[normalize.name(grid.name)] = grid.id
    return shapes, keys


def _merge_context(session: Any, source: Source, as_of: dt.date, import_id: str, file_name: str) -> MergeContext:
    by_code: dict[str, Snapshot] = {}
    by_name: dict[str, Snapshot] = {}
    for row in store.enterprise_rows(session, SNAPSHOT_FIELDS):
        snap = Snapshot(row["id"], row["version"], {k: row[k] for k in SNAPSHOT_FIELDS})
        if row["credit_code"]:
            by_code.setdefault(row["credit_code"], snap)
        by_name.setdefault(normalize.name(row["name"]), snap)
    records: dict[str, PriorRecord] = {}
    for eid, rid, version, payload, rec_as_of in store.source_records(session, source.value):
        try:
            values = json.loads(payload or "{}")
        except ValueError:
            values = {}
        records[eid] = PriorRecord(rid, version, values, rec_as_of)
    conflicts = {
        (eid, fld): OpenConflict(cid, version, json.loads(cands or "[]"))
        for cid, version, eid, fld, cands in store.open_conflict_rows(session)
    }
    cache: dict[str, dict[str, dict[str, list[Any]]]] = {}

    def others(enterprise_id: str) -> dict[str, dict[str, list[Any]]]:
        if enterprise_id not in cache:
            cache[enterprise_id] = store.records_of(session, enterprise_id)
        return cache[enterprise_id]

    shapes, keys = _grid_context(session)
    return MergeContext(source, as_of, import_id, by_code, by_name, records, conflicts, others, shapes, keys, file_name)


def _file_date(path: Path) -> dt.date:
    try:
        return dt.date.fromtimestamp(path.stat().st_mtime)
    except OSError:
        return dt.date.today()


def run_import(
    db: Database,
    path: Path | str,
    *,
    actor: str,
    source: Source | None = None,
    mapping: Mapping[str, str] | None = None,
    mapping_name: str | None = None,
    sheet: str | None = None,
    dry_run: bool = False,
    as_of: dt.date | None = None,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> ImportResult:
    """`mapping` given wins; else the mapping saved under `mapping_name` (or the source's name); else
    the proposed one. `as_of` is the date of the list (default: the file's modification date), kept
    with every value so that re-importing the same file changes nothing. Raises FileProblem for a
    file that cannot be imported at all and ImportCancelled when `cancelled()` turned true."""
    path = Path(path)
    collecting = gc.isenabled()
    gc.disable()  # hundreds of thousands of small dicts: the cyclic collector would rescan them all, again and again
    try:
        return _run_import(
            db, path, actor=actor, source=source, mapping=mapping, mapping_name=mapping_name, sheet=sheet,
            dry_run=dry_run, as_of=as_of, progress=progress, cancelled=cancelled,
        )
    finally:
        if collecting:
            gc.enable()


def _run_import(
    db: Database,
    path: Path,
    *,
    actor: str,
    source: Source | None,
    mapping: Mapping[str, str] | None,
    mapping_name: str | None,
    sheet: str | None,
    dry_run: bool,
    as_of: dt.date | None,
    progress: Progress | None,
    cancelled: Callable[[], bool] | None,
) -> ImportResult:
    def report(phase: str, done: int, total: int) -> None:
        if cancelled is not None and cancelled():
            raise ImportCancelled()
        if progress is not None:
            progress(phase, done, total)

    report("读取文件", 0, 1)
    table = read_table(path, sheet)
    header_index, headers = _default_sheet_rows(table)
    chosen_source = source or mapping_mod.guess_source(table.file_name, headers)
    saved_name = mapping_name or chosen_source.value
    if mapping is None:
        with db.read() as session:
            saved = store.load_mapping(session, saved_name)
        if mapping_name and saved is None:
            raise FileProblem(f"没有名为“{mapping_name}”的已保存列映射")
        mapping = mapping_mod.apply_saved(headers, saved) if saved else mapping_mod.propose_mapping(headers)
    check_mapping(mapping, chosen_source, table.file_name)
    parsed = parse_rows(
        table.rows, header_index, headers, mapping, chosen_source, table.file_name,
        lambda d, t: report("检查数据", d, t),
    )
    result = ImportResult(
        table.file_name, chosen_source, table.encoding, table.sheet, header_index + 1, rows_read=parsed.rows_read, dry_run=dry_run
    )
    day = as_of or _file_date(path)
    import_id = new_id()
    session_factory = db.read if dry_run else db.write
    with session_factory() as session:
        ctx = _merge_context(session, chosen_source, day, import_id, table.file_name)
        plan = plan_merge(parsed.rows, ctx, lambda d, t: report("合并", d, t))
        issues = parsed.issues + plan.issues
        result.rejected = sorted((i for i in issues if i.rejected), key=lambda i: i.row)
        result.warnings = sorted((i for i in issues if not i.rejected), key=lambda i: i.row)
        result.inserted, result.updated, result.unchanged = plan.inserted, plan.updated, plan.unchanged
        result.conflicts = plan.conflicts
        if chosen_source is Source.MEMBERS:
            result.missing_from_registry = sum(
                1
                for snap in {id(s): s for s in ctx.by_code.values()}.values()
                if snap.values.get("union_status") == "established" and snap.id not in plan.matched_ids
            )
        if dry_run:
            return result
        report("写入", 0, 1)
        if plan.changes_anything:
            with store.large_write_cache(session):
                _write(session, plan, actor)
            batch = ImportBatch(
                id=import_id,
                file_name=table.file_name,
                source=chosen_source.value,
                sheet=table.sheet,
                encoding=table.encoding,
                as_of=day,
                started_at=utc_now_iso(),
                rows_read=result.rows_read,
                inserted=result.inserted,
                updated=result.updated,
                unchanged=result.unchanged,
                rejected=len(result.rejected),
                warnings=len(result.warnings),
                conflicts=len(result.conflicts),
            )
            store.record_batch(session, batch, actor)
            result.batch_id = import_id
        if store.load_mapping(session, saved_name) != dict(mapping):
            store.save_mapping(session, saved_name, chosen_source.value, mapping)
        report("写入", 1, 1)
    return result


def _write(session: Any, plan: MergePlan, actor: str) -> None:
    store.apply_rows(
        session,
        store.PlanRows(
            plan.enterprise_inserts,
            plan.enterprise_updates,
            plan.record_inserts,
            plan.record_updates,
            plan.conflict_inserts,
            plan.conflict_updates,
            plan.event_inserts,
        ),
        actor,
    )


def code_warning_count(result: ImportResult) -> int:
    return sum(1 for w in result.warnings if "校验位" in w.reason)


def status_label(status: CodeStatus) -> str:
    return {CodeStatus.VALID: "有效", CodeStatus.BAD_CHECK: "校验位不符", CodeStatus.MALFORMED: "格式错误", CodeStatus.MISSING: "缺失"}[status]

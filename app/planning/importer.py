"""One import, start to end: read the file, find the header, map the columns, normalise the rows,
merge them on the credit code, and write everything in one transaction, so that an import either
completes or changes nothing (a cancelled or failing import rolls back)."""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import hashlib
import json
import logging
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from app.core.codes import USCC_CHARS, CodeStatus, uscc_check_char
from app.core.ids import new_id, utc_now_iso
from app.planning import mapping as mapping_mod
from app.planning import normalize, parse_worker
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
from app.planning.readers import FileProblem, RawTable, TableSource, open_table
from app.planning.rows import ParsedRow, RowIssue, RowParser, parse_rows, parse_stream  # noqa: F401  (parse_rows: tests)
from app.planning.rules import Rule
from app.store import datapool as store
from app.store.db import Database
from app.store.tables.datapool import ImportBatch

Progress = Callable[[str, int, int], None]  # (phase label, done, total)
PREVIEW_ROWS = 8

log = logging.getLogger(__name__)


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
    conflicts: list[ConflictInfo] = field(default_factory=list)  # the first KEEP_CONFLICTS
    conflict_count: int = 0
    auto_settled: int = 0  # disagreements the office's rules settled
    near_matches: list[NearMatch] = field(default_factory=list)
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
            f"拒绝 {len(self.rejected)}，警告 {len(self.warnings)}，冲突 {self.conflict_count}"
            + (f"（另有 {self.auto_settled} 处按规则自动处理）" if self.auto_settled else ""),
        ]
        if self.near_matches:
            lines.append(f"{len(self.near_matches)} 行的统一社会信用代码与已有企业只差一位，可能是同一家企业（见下）")
        if self.source is Source.MEMBERS and self.missing_from_registry:
            lines.append(f"另有 {self.missing_from_registry} 家企业档案显示已建会，但本会员库中没有")
        if self.dry_run:
            lines.append("试运行：未写入任何数据")
        elif not self.changed:
            lines.append("与已有数据相同，未作任何改动")
        return lines


def _default_sheet_rows(table: RawTable | TableSource) -> tuple[int, list[str]]:
    rows = table.head if isinstance(table, TableSource) else table.rows
    guess = mapping_mod.detect_header(rows)
    if guess is None:
        raise FileProblem(
            f"在 {table.file_name} 的前{mapping_mod.HEADER_SCAN_ROWS}行中找不到表头"
            "（应有“企业名称”“统一社会信用代码”等列名）"
        )
    return guess.row_index, guess.headers


def _count_lines(path: Path) -> int:
    """Lines of a text file, counted block by block: the total the progress bar works towards."""
    count = 0
    with path.open("rb") as handle:
        while block := handle.read(1 << 20):
            count += block.count(b"\n")
    return count


def inspect_file(
    path: Path | str,
    *,
    sheet: str | None = None,
    source: Source | None = None,
    saved: Mapping[str, str] | None = None,
) -> FilePreview:
    table = open_table(path, sheet)
    header_index, headers = _default_sheet_rows(table)
    chosen = source or mapping_mod.guess_source(table.file_name, headers)
    proposed = mapping_mod.apply_saved(headers, saved) if saved else mapping_mod.propose_mapping(headers)
    sample = [
        [normalize.text(v) for v in row]
        for row in table.head[header_index + 1 : header_index + 1 + PREVIEW_ROWS]
    ]
    total = _count_lines(table.path) if table.kind == "csv" else sum(1 for _ in table.iter_rows())
    raw = RawTable(table.path, table.kind, table.head, table.encoding, table.sheet, table.sheets)
    return FilePreview(raw, header_index, headers, sample, proposed, chosen, max(0, total - header_index - 1))


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


def _file_date(path: Path) -> dt.date:
    try:
        return dt.date.fromtimestamp(path.stat().st_mtime)
    except OSError:
        return dt.date.today()


def _sha256(path: Path, check: Callable[[], None]) -> tuple[str, int]:
    digest = hashlib.sha256()
    size = 0
    with path.open("rb") as handle:
        while block := handle.read(1 << 20):
            digest.update(block)
            size += len(block)
            check()
    return digest.hexdigest(), size


# --- near-duplicate credit codes -------------------------------------------------------------------


@dataclass(frozen=True)
class NearMatch:
    """A code in the file that is one character (or only the check digit) away from an enterprise
    already on file: most likely the same enterprise with a typo, for a person to confirm."""

    row: int
    code: str
    name: str
    enterprise_id: str
    existing_code: str
    existing_name: str
    choice: str = "hold"  # what became of the row: hold (not imported), merge, new

    def sentence(self) -> str:
        return (
            f"第{self.row}行 {self.name}（{self.code}）与已有企业 {self.existing_name}（{self.existing_code}）"
            "的统一社会信用代码只差一位，可能是同一家企业"
        )


NEAR_HOLD, NEAR_MERGE, NEAR_NEW = "hold", "merge", "new"


def _masks(code: str) -> list[str]:
    return [code[:i] + "?" + code[i + 1 :] for i in range(len(code))]


def _neighbours(code: str) -> list[str]:
    """Valid codes one character away from a code whose check digit fails: the same body with the
    right check digit, or one body character changed so that the check digit fits."""
    body, check = code[:17], code[17:]
    found = [body + uscc_check_char(body)]
    for i, old in enumerate(body):
        for ch in USCC_CHARS:
            if ch != old:
                changed = body[:i] + ch + body[i + 1 :]
                if uscc_check_char(changed) == check:
                    found.append(changed + check)
    return found


@dataclass
class _Shared:
    """State of one import across its chunks."""

    source: Source
    as_of: dt.date
    import_id: str
    file_name: str
    grids: list[GridShape]
    grid_keys: dict[str, str]
    bad_masks: dict[str, tuple[str, str]]  # masked code -> (code, enterprise id) of bad-check codes on file
    near: str
    near_choices: Mapping[str, str]
    rules: list[Rule] = field(default_factory=list)
    matched_ids: set[str] = field(default_factory=set)
    # No enterprise on file when the import began (a first load): a code of the file can only be one of
    # the rows this import inserted, and the file's codes are distinct, so looking them up finds nothing.
    started_empty: bool = False


def rule_of(row: Any) -> Rule:
    return Rule(
        row.field, row.kind, row.source, tuple(s for s in row.priority.split(",") if s), float(row.tolerance_pct or 0)
    )


def _snapshot(row: Mapping[str, Any]) -> Snapshot:
    return Snapshot(row["id"], row["version"], {k: row[k] for k in SNAPSHOT_FIELDS})


def _chunk_context(
    session: Any, rows: list[ParsedRow], shared: _Shared, result: ImportResult
) -> tuple[MergeContext, list[ParsedRow]]:
    """What the merge of one chunk needs, looked up through the indexes for these rows only; and the
    rows left after near-duplicate codes were settled."""
    by_code: dict[str, Snapshot] = {}
    codes = [] if shared.started_empty else [r.code for r in rows if r.code]
    for row in store.enterprises_by(session, "credit_code", codes, SNAPSHOT_FIELDS):
        by_code.setdefault(row["credit_code"], _snapshot(row))
    by_name: dict[str, Snapshot] = {}
    names = [str(r.values.get("name", "")) for r in rows if not r.code and r.values.get("name")]
    if names:
        for row in store.enterprises_by(session, "name", names, SNAPSHOT_FIELDS):
            by_name.setdefault(normalize.name(row["name"]), _snapshot(row))
    rows = _settle_near_codes(session, rows, by_code, shared, result)
    ids = list({s.id for s in (*by_code.values(), *by_name.values())})
    found = store.records_for(session, ids)
    records: dict[str, PriorRecord] = {}
    others: dict[str, dict[str, dict[str, list[Any]]]] = {}
    for eid, by_source in found.items():
        others[eid] = {src: rec.values for src, rec in by_source.items()}
        mine = by_source.get(shared.source.value)
        if mine is not None:
            records[eid] = PriorRecord(mine.id, mine.version, dict(mine.values), mine.as_of)
    conflicts = {
        (eid, fld): OpenConflict(cid, version, json.loads(cands or "[]"))
        for cid, version, eid, fld, cands in store.open_conflicts_for(session, ids)
    }
    ctx = MergeContext(
        shared.source, shared.as_of, shared.import_id, by_code, by_name, records, conflicts,
        lambda eid: others.get(eid, {}), shared.grids, shared.grid_keys, shared.file_name,
    )
    ctx.rules = shared.rules
    return ctx, rows


def _settle_near_codes(
    session: Any, rows: list[ParsedRow], by_code: dict[str, Snapshot], shared: _Shared, result: ImportResult
) -> list[ParsedRow]:
    unmatched = [r for r in rows if r.code and r.code not in by_code]
    if not unmatched:
        return rows
    proposals: dict[str, tuple[str, str]] = {}  # row code -> (existing code, enterprise id)
    wanted: dict[str, list[str]] = {}
    for row in unmatched:
        if row.code_status is CodeStatus.BAD_CHECK:
            for candidate in _neighbours(row.code):
                wanted.setdefault(candidate, []).append(row.code)
        elif shared.bad_masks:
            for mask in _masks(row.code):
                hit = shared.bad_masks.get(mask)
                if hit is not None and hit[0] != row.code:
                    proposals.setdefault(row.code, hit)
    if wanted:
        for found in store.enterprises_by(session, "credit_code", list(wanted), SNAPSHOT_FIELDS):
            for code in wanted.get(found["credit_code"], []):
                proposals.setdefault(code, (found["credit_code"], found["id"]))
    if not proposals:
        return rows
    existing = {
        r["id"]: r for r in store.enterprises_by(session, "credit_code", [c for c, _ in proposals.values()], SNAPSHOT_FIELDS)
    }
    kept: list[ParsedRow] = []
    for row in rows:
        hit = proposals.get(row.code)
        if hit is None or hit[1] not in existing:
            kept.append(row)
            continue
        other = existing[hit[1]]
        choice = shared.near_choices.get(row.code, shared.near)
        match = NearMatch(row.row, row.code, str(row.values.get("name", "")), other["id"], hit[0], str(other["name"] or ""), choice)
        result.near_matches.append(match)
        if choice == NEAR_MERGE:
            snap = _snapshot(other)
            if other["credit_code_status"] == CodeStatus.VALID.value or row.code_status is not CodeStatus.VALID:
                row.code, row.code_status = hit[0], CodeStatus(other["credit_code_status"])  # keep the code on file
            by_code[row.code] = snap
            kept.append(row)
        elif choice == NEAR_NEW:
            kept.append(row)
        else:
            result.rejected.append(
                RowIssue(
                    shared.file_name,
                    row.row,
                    row.column("credit_code"),
                    f"与已有企业 {match.existing_name}（{match.existing_code}）只差一位，可能是同一家企业；"
                    "请在导入向导中确认，或在命令行加 --near merge（并入）或 --near new（新建），该行未导入",
                )
            )
    return kept


# --- the import ----------------------------------------------------------------------------------


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
    near: str = NEAR_HOLD,
    near_choices: Mapping[str, str] | None = None,
) -> ImportResult:
    """`mapping` given wins; else the mapping saved under `mapping_name` (or the source's name); else
    the proposed one. `as_of` is the date of the list (default: the file's modification date), kept
    with every value so that re-importing the same file changes nothing. A code one character away
    from one on file is held back (`near` "hold"), merged into that enterprise ("merge") or created
    anew ("new"); `near_choices` decides per code of the file. Raises FileProblem for a file that
    cannot be imported at all and ImportCancelled when `cancelled()` turned true (or on Ctrl-C);
    either way nothing was written."""
    path = Path(path)
    collecting = gc.isenabled()
    gc.disable()  # hundreds of thousands of small dicts: the cyclic collector would rescan them all, again and again
    try:
        return _run_import(
            db, path, actor=actor, source=source, mapping=mapping, mapping_name=mapping_name, sheet=sheet,
            dry_run=dry_run, as_of=as_of, progress=progress, cancelled=cancelled, near=near,
            near_choices=near_choices or {},
        )
    except KeyboardInterrupt:
        raise ImportCancelled() from None
    finally:
        if collecting:
            gc.enable()


CHUNK_ROWS = 5000
READ, MATCH, WRITE, INDEX = "读取", "匹配", "写入", "建立检索"


def _chunks(
    table: TableSource, header_index: int, parser: RowParser, check: Callable[[int], None], given: int = 0
) -> Iterator[list[ParsedRow]]:
    """Parsed rows a chunk at a time. The first `given` rows were given already (by a worker that then
    failed): they are parsed again, for the duplicate check and the issues, but not given twice."""
    chunk: list[ParsedRow] = []
    seen = 0
    for seen, row in parse_stream(table.iter_rows(), header_index, parser):
        if row is not None and seen > given:
            chunk.append(row)
        if seen % CHUNK_ROWS == 0:
            check(seen)
            if chunk:
                yield chunk
            chunk = []
    check(seen)
    if chunk:
        yield chunk


def _start_worker(table: TableSource, header_index: int, headers: list[str], mapping: Mapping[str, str], source: Source,
                  parser: RowParser, total: int, size: int) -> parse_worker.WorkerParse | None:
    if not parse_worker.worth_it(table.kind, total, size):
        return None
    try:
        return parse_worker.WorkerParse(table, header_index, headers, mapping, source, CHUNK_ROWS, parser.field_headers)
    except parse_worker.WorkerFailed as exc:
        log.info("parsing in-process: the parse worker did not start (%s)", exc)
        return None


def _worker_chunks(
    worker: parse_worker.WorkerParse, table: TableSource, header_index: int, parser: RowParser, check: Callable[[int], None]
) -> Iterator[list[ParsedRow]]:
    """The worker's chunks; should it fail, the rest parsed here, so that an import never depends on it."""
    given = 0
    try:
        for chunk in worker.chunks(check):
            given = worker.seen
            yield chunk
        parser.issues, parser.read = worker.issues, worker.read
        return
    except parse_worker.WorkerFailed as exc:
        log.info("parsing in-process after row %d: the parse worker failed (%s)", given, exc)
    yield from _chunks(table, header_index, parser, check, given)


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
    near: str,
    near_choices: Mapping[str, str],
) -> ImportResult:
    def report(phase: str, done: int, total: int) -> None:
        if cancelled is not None and cancelled():
            raise ImportCancelled()
        if progress is not None:
            progress(phase, done, total)

    report(READ, 0, 0)
    table = open_table(path, sheet)
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
    total = max(0, _count_lines(path) - header_index - 1) if table.kind == "csv" else 0
    parser = RowParser(headers, mapping, chosen_source, table.file_name)
    worker = _start_worker(table, header_index, headers, mapping, chosen_source, parser, total, path.stat().st_size)
    try:
        return _import_rows(
            db, path, table, header_index, parser, worker, total, actor=actor, chosen_source=chosen_source, mapping=mapping,
            saved_name=saved_name, dry_run=dry_run, as_of=as_of, report=report, near=near, near_choices=near_choices,
        )
    finally:
        if worker is not None:
            worker.close()


def _import_rows(
    db: Database,
    path: Path,
    table: TableSource,
    header_index: int,
    parser: RowParser,
    worker: parse_worker.WorkerParse | None,
    total: int,
    *,
    actor: str,
    chosen_source: Source,
    mapping: Mapping[str, str],
    saved_name: str,
    dry_run: bool,
    as_of: dt.date | None,
    report: Callable[[str, int, int], None],
    near: str,
    near_choices: Mapping[str, str],
) -> ImportResult:
    sha256, size = _sha256(path, lambda: report(READ, 0, 0))
    result = ImportResult(
        table.file_name, chosen_source, table.encoding, table.sheet, header_index + 1, dry_run=dry_run
    )
    day = as_of or _file_date(path)
    import_id = new_id()
    session_factory = db.read if dry_run else db.write
    with session_factory() as session:
        shapes, keys = _grid_context(session)
        bad_masks: dict[str, tuple[str, str]] = {}
        for code, eid in store.bad_check_codes(session):
            for mask in _masks(code):
                bad_masks.setdefault(mask, (code, eid))
        shared = _Shared(chosen_source, day, import_id, table.file_name, shapes, keys, bad_masks, near, near_choices)
        shared.rules = [rule_of(r) for r in store.conflict_rules(session)]
        shared.started_empty = not store.has_enterprises(session)
        done = 0
        changed = False
        with store.large_write_cache(session):
            deferred = contextlib.nullcontext(None) if dry_run else store.search_index_deferred(session)
            indexes = (
                store.enterprise_indexes_deferred(session, names_read=chosen_source is Source.MEMBERS)
                if not dry_run and _bulk_load(session, shared, total)
                else contextlib.nullcontext()
            )
            # the search backlog is flushed before the deferred indexes are built (the sort keys' among them)
            with indexes, deferred as backlog:
                def read(seen: int) -> None:
                    report(READ, seen, total)

                chunks = _worker_chunks(worker, table, header_index, parser, read) if worker else _chunks(table, header_index, parser, read)
                for chunk in chunks:
                    ctx, rows = _chunk_context(session, chunk, shared, result)
                    ctx.matched_ids = shared.matched_ids
                    plan = plan_merge(rows, ctx, partial(_offset_report, report, MATCH, done, total))
                    done += len(chunk)
                    _tally(result, plan, ctx)
                    del ctx
                    if not dry_run and plan.changes_anything:
                        report(WRITE, done - len(chunk), total)
                        _write(session, plan, actor, import_id, backlog)
                        changed = True
                        report(WRITE, done, total)
                    del plan, rows, chunk
                    gc.collect(0)  # the chunk's cyclic leftovers (the collector is off during the import)
                    report(READ, done, total)  # the next chunk is being read (and the cancel is looked at)
                report(INDEX, done, total)  # the new rows go into the search index as the block ends
            result.rows_read = parser.read
            issues = parser.issues + result.rejected
            result.rejected = sorted((i for i in issues if i.rejected), key=lambda i: i.row)
            result.warnings = sorted([*result.warnings, *(i for i in issues if not i.rejected)], key=lambda i: i.row)
            if chosen_source is Source.MEMBERS:
                result.missing_from_registry = store.count_established_not_in(session, shared.matched_ids)
            if dry_run:
                return result
            if changed:
                batch = ImportBatch(
                    id=import_id,
                    file_name=table.file_name[:255],
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
                    conflicts=result.conflict_count,
                    sha256=sha256,
                    file_size=size,
                    actor=actor[:64],
                    auto_settled=result.auto_settled,
                )
                store.record_batch(session, batch, actor)
                result.batch_id = import_id
            if store.load_mapping(session, saved_name) != dict(mapping):
                store.save_mapping(session, saved_name, chosen_source.value, mapping)
            report(WRITE, done, total)
    return result


BULK_MIN_ROWS = 5000


def _bulk_load(session: Any, shared: _Shared, total: int) -> bool:
    """Whether the file is big next to the enterprise table it goes into (a first load, or a list
    larger than what is on file): then building the table's other indexes once afterwards is cheaper
    than inserting into them row by row. `total` is the CSV's line count (0 for a spreadsheet, whose
    size is known only once read: then only a first load counts)."""
    if shared.started_empty:
        return total == 0 or total >= BULK_MIN_ROWS
    return total >= BULK_MIN_ROWS and store.enterprise_count(session) < total


def _offset_report(report: Callable[[str, int, int], None], phase: str, base: int, total: int, done: int, _chunk_total: int) -> None:
    report(phase, base + done, total)


KEEP_CONFLICTS = 1000  # listed in the result; the count is exact, the list is for showing


def _tally(result: ImportResult, plan: MergePlan, ctx: MergeContext) -> None:
    result.inserted += plan.inserted
    result.updated += plan.updated
    result.unchanged += plan.unchanged
    result.conflict_count += len(plan.conflicts)
    room = KEEP_CONFLICTS - len(result.conflicts)
    if room > 0:
        result.conflicts.extend(plan.conflicts[:room])
    result.auto_settled += plan.auto_settled
    result.warnings.extend(i for i in plan.issues if not i.rejected)
    result.rejected.extend(i for i in plan.issues if i.rejected)


def _write(session: Any, plan: MergePlan, actor: str, import_id: str, backlog: store.SearchBacklog | None = None) -> None:
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
            plan.record_fields if any(f is not None for f in plan.record_fields) else (),
            plan.source,
            plan.as_of,
        ),
        actor,
        import_id,
        backlog,
    )


def code_warning_count(result: ImportResult) -> int:
    return sum(1 for w in result.warnings if "校验位" in w.reason)


def status_label(status: CodeStatus) -> str:
    return {CodeStatus.VALID: "有效", CodeStatus.BAD_CHECK: "校验位不符", CodeStatus.MALFORMED: "格式错误", CodeStatus.MISSING: "缺失"}[status]

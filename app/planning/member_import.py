"""Importing the member registry (会员库) from CSV or XLSX with the data pool's readers: every row is
checked first (ID number with its check digit, name, union, key group, dates), and a file with any
bad row changes nothing; the report names file, row and column for each problem. ID numbers already in
the registry are left as they are (the same member imported twice)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.core import unions as rules
from app.core.codes import normalize_code
from app.core.ids import new_id
from app.planning import normalize
from app.planning.readers import FileProblem, read_table
from app.store import audit
from app.store.db import Database

COLUMNS: dict[str, tuple[str, ...]] = {
    "member_name": ("姓名", "会员姓名", "职工姓名"),
    "id_number": ("身份证号", "身份证号码", "公民身份号码", "证件号码", "身份证"),
    "union": ("所属工会", "工会名称", "工会"),
    "enterprise": ("工作单位", "单位名称", "所在单位", "企业名称"),
    "key_group": ("重点群体", "群体", "人员类别", "职业"),
    "joined_on": ("入会日期", "入会时间"),
    "phone": ("手机号", "手机", "联系电话", "电话"),
    "new_member": ("入会方式", "是否新会员"),
}
LABELS = {key: names[0] for key, names in COLUMNS.items()}
HEADER_SCAN_ROWS = 15
MAX_PROBLEMS = 200


@dataclass(frozen=True)
class RowProblem:
    file: str
    row: int  # as the spreadsheet numbers it (1-based)
    column: str
    message: str

    def sentence(self) -> str:
        return f"{self.file} 第{self.row}行“{self.column}”列：{self.message}"


@dataclass
class MemberImportResult:
    file: str
    rows_read: int = 0
    inserted: int = 0
    unchanged: int = 0
    problems: list[RowProblem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def message(self) -> str:
        if self.problems:
            head = f"{self.file} 有 {len(self.problems)} 处问题，未导入任何会员："
            return head + "\n" + "\n".join(p.sentence() for p in self.problems[:20])
        return f"{self.file}：读取 {self.rows_read} 行，新增会员 {self.inserted} 人，已在会员库 {self.unchanged} 人"


def _field_for(header: Any) -> str | None:
    text = normalize.header(header)
    for key, names in COLUMNS.items():
        if text in names:
            return key
    return None


def _find_header(rows: list[list[Any]]) -> tuple[int, dict[int, str]] | None:
    for index, row in enumerate(rows[:HEADER_SCAN_ROWS]):
        mapping: dict[int, str] = {}
        for col, cell in enumerate(row):
            key = _field_for(cell)
            if key and key not in mapping.values():
                mapping[col] = key
        if {"member_name", "id_number"} <= set(mapping.values()):
            return index, mapping
    return None


def _is_new(value: Any) -> bool:
    text = normalize.text(value)
    return not text or text in {"新入会", "新会员", "是", "新", "Y", "y", "1"}


def check_file(
    db: Database, path: Path | str, sheet: str | None = None
) -> tuple[MemberImportResult, list[dict[str, Any]]]:
    """Reads and checks the file without writing: the result and the rows that would be inserted."""
    table = read_table(path, sheet)
    result = MemberImportResult(table.file_name)
    found = _find_header(table.rows)
    if found is None:
        raise FileProblem(f"{table.file_name} 中找不到表头（须有“姓名”和“身份证号”两列）")
    header_index, mapping = found
    with db.read() as session:
        from sqlalchemy import text

        conn = session.connection()
        unions = {str(n): (str(i), g) for i, n, g in conn.execute(text("SELECT id, name, grid_id FROM union_org WHERE deleted = 0"))}
        firms = {str(n): (str(i), g) for i, n, g in conn.execute(text("SELECT id, name, grid_id FROM enterprise WHERE deleted = 0"))}
        known = {str(r[0]) for r in conn.execute(text("SELECT id_number FROM union_member WHERE deleted = 0"))}
    seen: dict[str, int] = {}
    rows: list[dict[str, Any]] = []
    file = table.file_name

    def problem(row_no: int, key: str, message: str) -> None:
        if len(result.problems) < MAX_PROBLEMS:
            result.problems.append(RowProblem(file, row_no, LABELS[key], message))

    for offset, raw in enumerate(table.rows[header_index + 1 :], start=header_index + 2):
        cells = {key: (raw[col] if col < len(raw) else None) for col, key in mapping.items()}
        if all(normalize.is_blank(v) for v in cells.values()):
            continue
        result.rows_read += 1
        name = normalize.name(cells.get("member_name"))
        if not name:
            problem(offset, "member_name", "姓名为空")
        elif len(name) > 50:
            problem(offset, "member_name", "姓名过长（最多50字）")
        id_number = normalize_code(normalize.text(cells.get("id_number")))
        id_problem = rules.member_id_problem(id_number)
        if id_problem:
            problem(offset, "id_number", id_problem)
        elif id_number in seen:
            problem(offset, "id_number", f"与第{seen[id_number]}行的身份证号码重复")
        else:
            seen[id_number] = offset
        union_id = grid_id = None
        union_name = normalize.text(cells.get("union"))
        if union_name:
            if union_name not in unions:
                problem(offset, "union", f"没有名为“{union_name}”的工会组织，请先登记该工会")
            else:
                union_id, grid_id = unions[union_name]
        enterprise_id = None
        firm_name = normalize.name(cells.get("enterprise"))
        if firm_name and firm_name in firms:
            enterprise_id, firm_grid = firms[firm_name]
            grid_id = grid_id or firm_grid
        group = rules.key_group_code(normalize.text(cells.get("key_group")))
        if group is None:
            problem(offset, "key_group", f"无法识别的重点群体“{normalize.text(cells.get('key_group'))}”")
        joined: dt.date | None = None
        if not normalize.is_blank(cells.get("joined_on")):
            try:
                joined = normalize.date(cells.get("joined_on"))
            except ValueError as exc:
                problem(offset, "joined_on", str(exc))
        if id_problem or result.problems or id_number in known:
            if not id_problem and id_number in known:
                result.unchanged += 1
            continue
        rows.append(
            {
                "member_name": name,
                "id_number": id_number,
                "phone": normalize.phone(cells.get("phone"))[:32],
                "union_id": union_id,
                "enterprise_id": enterprise_id,
                "grid_id": grid_id,
                "key_group": group or "other",
                "joined_on": joined,
                "new_member": _is_new(cells.get("new_member")),
            }
        )
    if result.rows_read == 0 and not result.problems:
        raise FileProblem(f"{file} 表头下没有会员数据")
    return result, rows


def import_members(
    db: Database, path: Path | str, actor: str, sheet: str | None = None, progress: Callable[[int, int], None] | None = None
) -> MemberImportResult:
    """All or nothing: with any problem the registry stays exactly as it was."""
    from app.store.unions import members

    result, rows = check_file(db, path, sheet)
    if not result.ok:
        return result
    batch = new_id()
    for row in rows:
        row["import_id"] = batch
    with db.write() as session:
        step = 5000
        for start in range(0, len(rows), step):
            members.insert_members(session, rows[start : start + step], actor)
            if progress:
                progress(min(start + step, len(rows)), len(rows))
        audit.record(session, "import", f"会员库 {result.file}：新增 {len(rows)} 人", actor)
    result.inserted = len(rows)
    return result

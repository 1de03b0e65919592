"""Work orders from an XLSX export of the 12351 platform: all rows or none.

Every row is checked before anything is written; the errors name the file, the row, the column and the
reason, so the clerk can fix the sheet and import it again.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from sqlmodel import Session, select

from app.core import workorders as rules
from app.core.codes import check_credit_code
from app.core.problems import ValidationError
from app.store import audit, enterprises
from app.store import workorders as store
from app.store.tables import Enterprise

# field -> accepted header texts (after removing spaces)
HEADERS: dict[str, tuple[str, ...]] = {
    "number": ("工单编号", "工单号", "编号"),
    "received_at": ("受理时间", "来电时间", "受理日期", "来电日期"),
    "caller_name": ("来电人", "来电人姓名", "诉求人", "姓名"),
    "caller_phone": ("联系电话", "来电号码", "电话", "手机号码"),
    "enterprise_name": ("涉及单位", "企业名称", "单位名称", "被反映单位"),
    "credit_code": ("统一社会信用代码", "信用代码"),
    "category": ("诉求类别", "类别", "工单类别"),
    "topic": ("诉求主题", "主题", "事项", "诉求事项"),
    "content": ("诉求内容", "内容", "问题描述"),
    "level": ("办理级别", "级别", "难易程度"),
}
REQUIRED = ("number", "received_at", "category", "content")
LABELS = {key: names[0] for key, names in HEADERS.items()}
HEADER_SCAN_ROWS = 10


@dataclass(frozen=True)
class RowProblem:
    file: str
    row: int
    column: str
    reason: str

    def __str__(self) -> str:
        where = f"{self.file} 第{self.row}行" if self.row else self.file
        if self.column:
            where += f"“{self.column}”列"
        return f"{where}：{self.reason}"


class ImportFailed(Exception):
    """Nothing was imported; `problems` says where and why."""

    def __init__(self, problems: list[RowProblem]) -> None:
        self.problems = problems
        shown = "；".join(str(p) for p in problems[:5])
        more = f"（另有 {len(problems) - 5} 处问题）" if len(problems) > 5 else ""
        super().__init__(f"未导入任何工单。{shown}{more}")


@dataclass
class ParsedRow:
    row: int
    values: dict[str, Any]
    credit_code: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return str(value).strip()


_DATE_PATTERNS = (
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%d",
    "%Y/%m/%d %H:%M:%S",
    "%Y/%m/%d %H:%M",
    "%Y/%m/%d",
    "%Y.%m.%d",
)


def parse_datetime(value: Any) -> dt.datetime | None:
    if isinstance(value, dt.datetime):
        return value.replace(microsecond=0, tzinfo=None)
    if isinstance(value, dt.date):
        return dt.datetime.combine(value, dt.time())
    text = _cell_text(value)
    if not text:
        return None
    text = re.sub(r"(\d+)年(\d+)月(\d+)日", r"\1-\2-\3", text).replace("T", " ")
    for pattern in _DATE_PATTERNS:
        try:
            return dt.datetime.strptime(text, pattern)
        except ValueError:
            continue
    return None


def _find_header(rows: list[tuple[Any, ...]]) -> tuple[int, dict[str, int]] | None:
    for index, row in enumerate(rows[:HEADER_SCAN_ROWS]):
        columns: dict[str, int] = {}
        for col, value in enumerate(row):
            name = re.sub(r"\s+", "", _cell_text(value))
            for key, names in HEADERS.items():
                if name in names and key not in columns:
                    columns[key] = col
        if "number" in columns and "content" in columns:
            return index, columns
    return None


def read_rows(path: Path) -> list[ParsedRow]:
    """Parses and checks the sheet by itself (no database); raises ImportFailed."""
    name = path.name
    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:
        raise ImportFailed([RowProblem(name, 0, "", f"无法作为 XLSX 文件打开（{type(exc).__name__}）")]) from None
    try:
        sheet = workbook.worksheets[0]
        rows = [tuple(r) for r in sheet.iter_rows(values_only=True)]
    finally:
        workbook.close()
    found = _find_header(rows)
    if found is None:
        raise ImportFailed([RowProblem(name, 0, "", "前10行中没有找到含“工单编号”和“诉求内容”的表头行")])
    header_index, columns = found
    missing = [LABELS[k] for k in REQUIRED if k not in columns]
    if missing:
        raise ImportFailed([RowProblem(name, header_index + 1, "", "缺少必需的列：" + "、".join(missing))])

    problems: list[RowProblem] = []
    parsed: list[ParsedRow] = []
    seen: dict[str, int] = {}
    for offset, row in enumerate(rows[header_index + 1 :], start=header_index + 2):
        cells = {key: (row[col] if col < len(row) else None) for key, col in columns.items()}
        if all(_cell_text(v) == "" for v in cells.values()):
            continue

        def bad(key: str, reason: str, row_number: int = offset) -> None:
            problems.append(RowProblem(name, row_number, LABELS[key], reason))

        values: dict[str, Any] = {}
        number = _cell_text(cells.get("number"))
        if not number:
            bad("number", "工单编号为空")
        elif number in seen:
            bad("number", f"工单编号 {number} 与第{seen[number]}行重复")
        else:
            seen[number] = offset
        values["number"] = number
        received = parse_datetime(cells.get("received_at"))
        if received is None:
            raw = _cell_text(cells.get("received_at"))
            bad("received_at", f"无法识别的时间“{raw}”（应为 2026-03-05 09:30 这样的格式）" if raw else "受理时间为空")
        values["received_at"] = received
        category = rules.parse_category(_cell_text(cells.get("category")))
        if category is None:
            bad("category", f"诉求类别应为 咨询类、求决类 或 意见建议类，而不是“{_cell_text(cells.get('category'))}”")
        values["category"] = category.value if category else ""
        level_text = _cell_text(cells.get("level"))
        level = rules.parse_level(level_text) if level_text else rules.Level.ORDINARY
        if level is None:
            bad("level", f"办理级别应为 一般、疑难 或 特别复杂，而不是“{level_text}”")
        values["level"] = level.value if level else rules.Level.ORDINARY.value
        for key in ("caller_name", "caller_phone", "enterprise_name", "topic", "content"):
            values[key] = _cell_text(cells.get(key))
        limits = {"caller_name": 50, "caller_phone": 32, "enterprise_name": 200, "topic": 100}
        for key, limit in limits.items():
            if len(values[key]) > limit:
                bad(key, f"内容过长（最多{limit}个字符）")
        for problem in rules.validate_work_order(values):
            if problem.field in {"content", "caller_phone"} and problem.blocking:
                bad(problem.field, problem.message)
        credit = _cell_text(cells.get("credit_code"))
        if credit:
            check = check_credit_code(credit)
            if check.status.value == "malformed":
                bad("credit_code", check.message)
            credit = check.code
        parsed.append(ParsedRow(offset, values, credit))
    if problems:
        raise ImportFailed(problems)
    if not parsed:
        raise ImportFailed([RowProblem(name, header_index + 1, "", "表头下没有任何工单")])
    return parsed


@dataclass
class ImportResult:
    imported: int
    linked: int


def import_workorders(session: Session, path: Path, actor: str) -> ImportResult:
    """Inside the caller's write transaction: a failure on any row leaves the database untouched
    (ImportFailed is raised before the first write, and anything later rolls the transaction back)."""
    rows = read_rows(path)
    name = path.name
    problems = [
        RowProblem(name, r.row, LABELS["number"], f"工单编号 {r.values['number']} 已导入过")
        for r in rows
        if store.number_taken(session, r.values["number"])
    ]
    if problems:
        raise ImportFailed(problems)
    linked = 0
    for r in rows:
        values = dict(r.values)
        enterprise = enterprises.find_by_credit_code(session, r.credit_code) if r.credit_code else None
        if enterprise is None and values["enterprise_name"]:
            enterprise = session.exec(
                select(Enterprise).where(Enterprise.name == values["enterprise_name"], Enterprise.deleted == False)  # noqa: E712
            ).first()
        if enterprise is not None:
            values["enterprise_id"] = enterprise.id
            linked += 1
        try:
            store.create(session, values, actor)
        except ValidationError as exc:
            problem = exc.problems[0]
            raise ImportFailed([RowProblem(name, r.row, LABELS.get(problem.field, problem.field), problem.message)]) from None
    audit.record(session, "import", f"导入工单 {len(rows)} 条（{name}）", actor)
    return ImportResult(len(rows), linked)


TEMPLATE_EXAMPLE = [
    "12351-20260305-0001",
    "2026-03-05 09:30",
    "张先生",
    "13800000000",
    "示范区某某有限公司",
    "",
    "求决类",
    "欠薪",
    "反映公司拖欠两个月工资。",
    "一般",
]


def write_template(target: Path) -> Path:
    """An empty sheet with the headers the import understands and one example row to overwrite."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "12351工单"
    ws.append([names[0] for names in HEADERS.values()])
    for cell in ws[1]:
        cell.font = Font(bold=True)
    ws.append(TEMPLATE_EXAMPLE)
    for column, width in zip("ABCDEFGHIJ", (22, 18, 10, 14, 28, 22, 10, 12, 40, 10), strict=True):
        ws.column_dimensions[column].width = width
    wb.save(target)
    return target

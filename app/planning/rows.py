"""From the rows of a sheet to clean per-enterprise values: the header found, each mapped cell
normalised, and every row that cannot be used reported with file, row, column and reason."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from app.core.codes import CodeCheck, CodeStatus, check_credit_code, is_valid_credit_code
from app.core.enterprise import parse_registration_status
from app.planning import normalize
from app.planning.mapping import FIELD_LABELS, Source


@dataclass(frozen=True)
class RowIssue:
    file: str
    row: int  # as the spreadsheet numbers it (1-based)
    column: str
    reason: str
    rejected: bool = True

    def sentence(self) -> str:
        where = f"{self.file} 第{self.row}行" + (f"“{self.column}”列" if self.column else "")
        return f"{where}：{self.reason}"


@dataclass(slots=True)
class ParsedRow:
    row: int
    code: str
    code_status: CodeStatus
    values: dict[str, Any]
    columns: dict[str, str] = field(default_factory=dict)  # field -> header, for messages
    derived_grid: str | None = None  # the grid whose polygon holds the row's coordinates

    def column(self, name: str) -> str:
        return self.columns.get(name, FIELD_LABELS.get(name, name))


def _checked_date(raw: Any) -> dt.date:
    value = normalize.date(raw)
    if not dt.date(1900, 1, 1) <= value <= dt.date(2100, 12, 31):
        raise ValueError(f"日期不合理：{value.isoformat()}")
    return value


def _registration(raw: Any) -> Any:
    return parse_registration_status(normalize.text(raw))


_PARSERS: dict[str, Callable[[Any], Any]] = {
    "name": normalize.name,
    "union_name": normalize.name,
    "headcount": normalize.count,
    "member_count": normalize.count,
    "registered_date": _checked_date,
    "union_established_date": _checked_date,
    "contact_phone": normalize.phone,
    "longitude": normalize.coordinate_parser(-180, 180, "经度"),
    "latitude": normalize.coordinate_parser(-90, 90, "纬度"),
    "registration_status": _registration,
    "business_abnormal": normalize.yes_no,
}
# Columns whose values repeat across a list (a few statuses, dates of a few thousand days): each
# distinct cell is parsed once per import and looked up afterwards.
_REPEATING = frozenset({"registered_date", "union_established_date", "registration_status", "business_abnormal"})


class _Memo:
    """A parser with a memory of the cells it has seen (and of the sentence a bad cell raised)."""

    def __init__(self, parse: Callable[[Any], Any]) -> None:
        self.parse = parse
        self.seen: dict[Any, tuple[bool, Any]] = {}

    def __call__(self, raw: Any) -> Any:
        # text cells (every cell of a CSV) are their own key: no text equals a number, whereas 1, 1.0
        # and True would share one, hence the type in the key of the others
        key = raw if raw.__class__ is str else (raw.__class__, raw)
        hit = self.seen.get(key)
        if hit is None:
            try:
                hit = (True, self.parse(raw))
            except ValueError as exc:
                hit = (False, str(exc))
            if len(self.seen) < 50_000:
                self.seen[key] = hit
        if hit[0]:
            return hit[1]
        raise ValueError(hit[1])


class _ValidCode:
    """What `check_credit_code` answers for a valid code, made without its checks done twice."""

    __slots__ = ("code",)
    status = CodeStatus.VALID
    message = ""

    def __init__(self, code: str) -> None:
        self.code = code


MAX_LENGTHS = {"name": 200, "address": 300, "industry": 100, "legal_rep": 50, "contact_name": 50, "contact_phone": 32}


@dataclass
class ParseResult:
    rows: list[ParsedRow]
    issues: list[RowIssue]
    rows_read: int


_SCIENTIFIC = re.compile(r"^\s*\d(?:\.\d+)?[eE]\+?\d+\s*$")


def excel_number_code(raw: Any) -> tuple[str | None, str]:
    """A credit code Excel turned into a number: (code text or None, problem sentence or "").
    An int cell keeps every digit; a float of 16 digits or more, or text like "9.13301E+17", has lost
    the last digits and cannot be trusted."""
    if isinstance(raw, bool):
        return None, ""
    if isinstance(raw, int):
        return str(raw), ""
    if isinstance(raw, float):
        if raw.is_integer() and abs(raw) < 1e15:
            return str(int(raw)), ""
        return None, f"统一社会信用代码被 Excel 存成了数字（{raw:.6g}），后几位已丢失，请把该列设为文本后重新导出，该行未导入"
    if isinstance(raw, str) and _SCIENTIFIC.match(raw):
        return None, f"统一社会信用代码被 Excel 写成了科学计数法（{raw.strip()}），后几位已丢失，请把该列设为文本后重新导出，该行未导入"
    return None, ""


class RowParser:
    """One row at a time, so that a file of any length streams through; issues and the counts
    gather here."""

    def __init__(self, headers: Sequence[str], mapping: Mapping[str, str], source: Source, file_name: str) -> None:
        self.columns: list[tuple[int, str, str]] = []  # (column index, field, header)
        for index, header in enumerate(headers):
            target = mapping.get(header)
            if target:
                self.columns.append((index, target, header))
        self.parsers: dict[str, Callable[[Any], Any]] = {
            target: _Memo(_PARSERS[target]) if target in _REPEATING else _PARSERS.get(target, normalize.text)
            for _, target, _ in self.columns
        }
        # Per field, what the second pass over a row's cells needs: (parser, length limit, whether it is
        # the registration status), looked up once per cell instead of three times.
        self.specs: dict[str, tuple[Callable[[Any], Any], int, bool]] = {
            target: (parser, MAX_LENGTHS.get(target, 0), target == "registration_status") for target, parser in self.parsers.items()
        }
        self.field_headers = {f: h for _, f, h in self.columns}
        self.code_header = self.field_headers.get("credit_code", FIELD_LABELS["credit_code"])
        self.name_header = self.field_headers.get("name", FIELD_LABELS["name"])
        self.source = source
        self.file_name = file_name
        self.issues: list[RowIssue] = []
        self.seen_codes: dict[str, int] = {}
        self.seen_names: dict[str, int] = {}
        self.read = 0

    def parse(self, cells: Sequence[Any], row_number: int) -> ParsedRow | None:
        file_name, issues, code_header, name_header = self.file_name, self.issues, self.code_header, self.name_header
        field_headers = self.field_headers
        raw: dict[str, Any] = {}
        width = len(cells)
        blanks = normalize.BLANK_WORDS
        for index, target, _header in self.columns:
            if index >= width:
                continue
            value = cells[index]
            if value is None:
                continue
            if value.__class__ is str:  # normalize.is_blank, inlined: it runs for every cell
                stripped = value.strip()
                if not stripped or stripped in blanks:
                    continue
            raw[target] = value
        if not raw:
            return None
        if "name" not in raw and "credit_code" not in raw and len(raw) <= 1:
            return None
        self.read += 1
        raw_code = raw.get("credit_code")
        if raw_code.__class__ is str and "e" not in raw_code and "E" not in raw_code:
            as_text, lost = None, ""  # neither a number nor scientific notation: what excel_number_code says
        else:
            as_text, lost = excel_number_code(raw_code)
        if lost:
            issues.append(RowIssue(file_name, row_number, code_header, lost))
            return None
        code_text = normalize.code(as_text if as_text is not None else raw_code)
        code_check: CodeCheck | _ValidCode
        if is_valid_credit_code(code_text):
            code_check = _ValidCode(code_text)  # the common code, valid: what check_credit_code says, without its work
        else:
            code_check = check_credit_code(code_text)
        if code_check.status is CodeStatus.MALFORMED:
            issues.append(RowIssue(file_name, row_number, code_header, code_check.message + "，该行未导入"))
            return None
        if code_check.status is CodeStatus.MISSING:
            if self.source is not Source.MEMBERS:
                issues.append(RowIssue(file_name, row_number, code_header, "未填写统一社会信用代码，无法与其他来源合并，该行未导入"))
                return None
            if "name" not in raw:
                issues.append(RowIssue(file_name, row_number, name_header, "既无统一社会信用代码也无单位名称，无法对应到企业，该行未导入"))
                return None
        if code_check.status is CodeStatus.BAD_CHECK:
            issues.append(RowIssue(file_name, row_number, code_header, code_check.message + "（已导入）", rejected=False))
        values: dict[str, Any] = {}
        specs = self.specs
        for target, value in raw.items():
            if target == "credit_code":
                continue
            parse, limit, is_status = specs[target]
            try:
                parsed_value = parse(value)
            except ValueError as exc:
                issues.append(RowIssue(file_name, row_number, field_headers[target], f"{exc}，该项未导入", rejected=False))
                continue
            if limit and parsed_value.__class__ is str and len(parsed_value) > limit:
                issues.append(RowIssue(file_name, row_number, field_headers[target], f"内容超过{limit}字，已截断", rejected=False))
                parsed_value = parsed_value[:limit]
            if is_status:
                status, abnormal = parsed_value
                values["registration_status"] = status.value
                if abnormal:
                    values["business_abnormal"] = True
                continue
            if parsed_value is None or parsed_value == "":
                continue
            values[target] = parsed_value
        if ("longitude" in values) != ("latitude" in values):
            present = "longitude" if "longitude" in values else "latitude"
            issues.append(RowIssue(file_name, row_number, field_headers[present], "经度和纬度须同时填写，坐标未导入", rejected=False))
            values.pop("longitude", None)
            values.pop("latitude", None)
        code = code_check.code
        if code:
            if code in self.seen_codes:
                issues.append(RowIssue(file_name, row_number, code_header, f"统一社会信用代码 {code} 与第{self.seen_codes[code]}行重复，该行未导入"))
                return None
            self.seen_codes[code] = row_number
        else:
            key = values.get("name", "")
            if key in self.seen_names:
                issues.append(RowIssue(file_name, row_number, name_header, f"单位名称与第{self.seen_names[key]}行重复，该行未导入"))
                return None
            self.seen_names[key] = row_number
        return ParsedRow(row_number, code, code_check.status, values, field_headers)


def parse_stream(
    table_rows: Iterable[Sequence[Any]], header_index: int, parser: RowParser
) -> Iterator[tuple[int, ParsedRow | None]]:
    """For each row after the header: (data rows seen so far, the row parsed or None). Rows are
    numbered as the spreadsheet numbers them; the importer and its parse worker both read through
    here, so their numbers and issues agree."""
    seen = 0
    for index, cells in enumerate(table_rows):
        if index > header_index:
            seen += 1
            yield seen, parser.parse(cells, index + 1)


def parse_rows(
    table_rows: Sequence[Sequence[Any]],
    header_index: int,
    headers: Sequence[str],
    mapping: Mapping[str, str],
    source: Source,
    file_name: str,
    progress: Callable[[int, int], None] | None = None,
) -> ParseResult:
    """Rows after the header, normalised. Notes and totals below the data (no name, no code, at most
    one other cell) are skipped silently; everything else that cannot be used is reported."""
    parser = RowParser(headers, mapping, source, file_name)
    parsed: list[ParsedRow] = []
    total = max(0, len(table_rows) - header_index - 1)
    for seen, row in parse_stream(table_rows, header_index, parser):
        if progress is not None and seen % 2000 == 1:
            progress(seen - 1, total)
        if row is not None:
            parsed.append(row)
    if progress is not None:
        progress(total, total)
    return ParseResult(parsed, parser.issues, parser.read)

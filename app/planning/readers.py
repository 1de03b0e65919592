"""Reading the files other departments export: CSV in UTF-8 (with or without BOM), GBK or GB18030,
and XLSX (read-only for speed, merged cells filled from their top-left cell). A file that cannot be
read raises FileProblem with one sentence naming the file."""

from __future__ import annotations

import codecs
import csv
import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from charset_normalizer import from_bytes


class FileProblem(ValueError):
    """The file as a whole cannot be imported; the message says why, in one sentence."""


@dataclass
class RawTable:
    """Every row of one sheet, as cell values (str for CSV; str, numbers or dates for XLSX)."""

    path: Path
    kind: str  # csv | xlsx
    rows: list[list[Any]]
    encoding: str = ""
    sheet: str = ""
    sheets: list[str] = field(default_factory=list)

    @property
    def file_name(self) -> str:
        return self.path.name


def detect_encoding(data: bytes) -> tuple[str, str]:
    """(codec name, label shown to the user). GBK is tried before GB18030 so that the label says
    what the file most likely is; GB18030 decodes every GBK file too."""
    if data.startswith(codecs.BOM_UTF8):
        return "utf-8-sig", "UTF-8（带BOM）"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16", "UTF-16"
    for codec, label in (("utf-8", "UTF-8"), ("gbk", "GBK"), ("gb18030", "GB18030")):
        try:
            data.decode(codec)
        except UnicodeDecodeError:
            continue
        return codec, label
    guess = from_bytes(data[:200_000]).best()
    if guess is None or guess.encoding is None:
        raise FileProblem("无法识别文件编码（不是 UTF-8、GBK 或 GB18030），请另存为 UTF-8 的 CSV 或 XLSX")
    return guess.encoding, guess.encoding.upper()


def read_csv(path: Path) -> RawTable:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise FileProblem(f"无法读取文件 {path.name}：{exc.strerror or exc}") from None
    if not data.strip():
        raise FileProblem(f"文件 {path.name} 是空的")
    if data[:4] == b"PK\x03\x04":
        raise FileProblem(f"文件 {path.name} 看起来是 Excel 文件，请将扩展名改为 .xlsx")
    codec, label = detect_encoding(data)
    try:
        content = data.decode(codec)
    except (UnicodeDecodeError, LookupError):
        raise FileProblem(f"文件 {path.name} 无法按 {label} 解码") from None
    sample = content[:20_000]
    try:
        delimiter = csv.Sniffer().sniff(sample, delimiters=",\t;|").delimiter
    except csv.Error:
        delimiter = "\t" if sample.count("\t") > sample.count(",") else ","
    try:
        rows = [list(r) for r in csv.reader(io.StringIO(content, newline=""), delimiter=delimiter)]
    except csv.Error as exc:
        raise FileProblem(f"文件 {path.name} 不是有效的 CSV：{exc}") from None
    return RawTable(path, "csv", rows, encoding=label)


_MERGE_REF = re.compile(rb'<(?:\w+:)?mergeCell\s+ref="([A-Z]+)(\d+):([A-Z]+)(\d+)"')


def _column_index(letters: bytes) -> int:
    value = 0
    for ch in letters.decode():
        value = value * 26 + ord(ch) - 64
    return value - 1


def _merged_ranges(archive: zipfile.ZipFile, sheet_path: str) -> list[tuple[int, int, int, int]]:
    """(first row, first col, last row, last col), 0-based; read from the sheet's XML because the
    read-only worksheet does not expose merged cells. They sit after the cell data, at the end."""
    try:
        with archive.open(sheet_path) as handle:
            data = handle.read()
    except KeyError:
        return []
    start = data.rfind(b"<mergeCells")
    if start < 0:
        start = data.rfind(b":mergeCells")
        if start < 0:
            return []
    return [
        (int(r1) - 1, _column_index(c1), int(r2) - 1, _column_index(c2))
        for c1, r1, c2, r2 in _MERGE_REF.findall(data, start)
    ]


def read_xlsx(path: Path, sheet: str | None = None) -> RawTable:
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    if path.suffix.lower() == ".xls":
        raise FileProblem(f"不支持旧版 Excel 格式 .xls（{path.name}），请在 Excel 中另存为 .xlsx 或 CSV")
    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError) as exc:
        raise FileProblem(f"无法打开 Excel 文件 {path.name}：文件已损坏或不是 .xlsx 格式（{type(exc).__name__}）") from None
    try:
        names = list(workbook.sheetnames)
        if sheet:
            if sheet not in names:
                raise FileProblem(f"文件 {path.name} 中没有名为“{sheet}”的工作表（有：{'、'.join(names)}）")
            worksheet = workbook[sheet]
        else:
            worksheet = workbook.worksheets[0]
        worksheet.reset_dimensions()  # exporters often write a wrong dimension; read what is there
        try:
            rows = [list(r) for r in worksheet.iter_rows(values_only=True)]
        except (zipfile.BadZipFile, KeyError, ValueError, TypeError, EOFError) as exc:
            raise FileProblem(f"Excel 文件 {path.name} 的工作表“{worksheet.title}”已损坏，无法读取（{type(exc).__name__}）") from None
        archive = getattr(workbook, "_archive", None)
        sheet_path = getattr(worksheet, "_worksheet_path", "")
        if isinstance(archive, zipfile.ZipFile) and sheet_path:
            for r1, c1, r2, c2 in _merged_ranges(archive, sheet_path):
                if r1 >= len(rows):
                    continue
                top_left = rows[r1][c1] if c1 < len(rows[r1]) else None
                for r in range(r1, min(r2, len(rows) - 1) + 1):
                    row = rows[r]
                    if len(row) <= c2:
                        row.extend([None] * (c2 + 1 - len(row)))
                    for c in range(c1, c2 + 1):
                        if (r, c) != (r1, c1):
                            row[c] = top_left
        return RawTable(path, "xlsx", rows, encoding="XLSX", sheet=worksheet.title, sheets=names)
    finally:
        workbook.close()


def read_table(path: Path | str, sheet: str | None = None) -> RawTable:
    path = Path(path)
    if not path.exists():
        raise FileProblem(f"找不到文件 {path}")
    suffix = path.suffix.lower()
    if suffix in {".xlsx", ".xlsm", ".xls"}:
        return read_xlsx(path, sheet)
    if suffix in {".csv", ".txt", ".tsv", ""}:
        return read_csv(path)
    raise FileProblem(f"不支持的文件类型 {suffix}（{path.name}），请使用 CSV 或 XLSX")

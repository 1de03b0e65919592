"""Reading the files other departments export: CSV in UTF-8 (with or without BOM), GBK or GB18030,
and XLSX (read-only for speed, merged cells filled from their top-left cell). A file that cannot be
read raises FileProblem with one sentence naming the file."""

from __future__ import annotations

import codecs
import csv
import re
import zipfile
from collections.abc import Callable, Iterator
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


HEAD_ROWS = 60  # rows kept in memory for finding the header and the preview; the rest is streamed
_BLOCK = 1 << 20


@dataclass
class TableSource:
    """A sheet read as a stream: the first rows in memory, every row again from `iter_rows()` (as many
    times as needed, each pass reading the file anew) so that a 300,000-row list never sits in memory."""

    path: Path
    kind: str  # csv | xlsx
    head: list[list[Any]]
    opener: Callable[[], Iterator[list[Any]]]
    encoding: str = ""
    sheet: str = ""
    sheets: list[str] = field(default_factory=list)
    codec: str = ""  # a CSV's: what `open_csv(path, codec, delimiter)` reads it with without looking again
    delimiter: str = ""

    @property
    def file_name(self) -> str:
        return self.path.name

    def iter_rows(self) -> Iterator[list[Any]]:
        return self.opener()


def _read_head(path: Path, size: int) -> bytes:
    try:
        with path.open("rb") as handle:
            return handle.read(size)
    except OSError as exc:
        raise FileProblem(f"无法读取文件 {path.name}：{exc.strerror or exc}") from None


def _decodes_whole(path: Path, codec: str) -> bool:
    """Whether the whole file decodes with `codec`, read block by block (no full copy in memory)."""
    decoder = codecs.getincrementaldecoder(codec)()
    try:
        with path.open("rb") as handle:
            while block := handle.read(_BLOCK):
                decoder.decode(block)
            decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    except OSError as exc:
        raise FileProblem(f"无法读取文件 {path.name}：{exc.strerror or exc}") from None
    return True


def _csv_encoding(path: Path, head: bytes) -> tuple[str, str]:
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig", "UTF-8（带BOM）"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16", "UTF-16"
    for codec, label in (("utf-8", "UTF-8"), ("gbk", "GBK"), ("gb18030", "GB18030")):
        if _decodes_whole(path, codec):
            return codec, label
    guess = from_bytes(head[:200_000]).best()
    if guess is None or guess.encoding is None:
        raise FileProblem(
            f"文件 {path.name} 的编码无法识别（不是 UTF-8、GBK 或 GB18030），请在 Excel 中另存为 UTF-8 的 CSV 或 XLSX"
        )
    return guess.encoding, guess.encoding.upper()


def open_csv(path: Path, codec: str = "", delimiter: str = "", label: str = "") -> TableSource:
    """`codec` and `delimiter` given (as an earlier `open_csv` of the same file found them), the file
    is not looked at again: the whole-file encoding check reads every byte."""
    if not (codec and delimiter):
        codec, delimiter, label = _csv_format(path)

    def rows() -> Iterator[list[Any]]:
        try:
            with path.open("r", encoding=codec, newline="") as handle:
                yield from csv.reader(handle, delimiter=delimiter)
        except csv.Error as exc:
            raise FileProblem(f"文件 {path.name} 不是有效的 CSV（{exc}），请检查引号是否成对") from None
        except UnicodeDecodeError:
            raise FileProblem(f"文件 {path.name} 无法按 {label} 解码，请另存为 UTF-8 的 CSV") from None
        except OSError as exc:
            raise FileProblem(f"无法读取文件 {path.name}：{exc.strerror or exc}") from None

    head: list[list[Any]] = []
    for row in rows():
        head.append(row)
        if len(head) >= HEAD_ROWS:
            break
    if not any(any(str(c).strip() for c in r) for r in head):
        raise FileProblem(f"文件 {path.name} 是空的，没有可导入的内容")
    return TableSource(path, "csv", head, rows, encoding=label, codec=codec, delimiter=delimiter)


def _csv_format(path: Path) -> tuple[str, str, str]:
    """(codec, delimiter, the encoding's name for people) of a CSV file."""
    head_bytes = _read_head(path, _BLOCK)
    if not head_bytes.strip():
        raise FileProblem(f"文件 {path.name} 是空的，没有可导入的内容")
    if head_bytes[:4] == b"PK\x03\x04":
        raise FileProblem(f"文件 {path.name} 看起来是 Excel 文件，请将扩展名改为 .xlsx")
    if b"\x00" in head_bytes[:8192] and not head_bytes.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise FileProblem(f"文件 {path.name} 不是文本格式的 CSV（可能是其他类型的文件改了扩展名）")
    codec, label = _csv_encoding(path, head_bytes)
    try:
        sample = head_bytes[:60_000].decode(codec, errors="ignore")
    except LookupError:
        raise FileProblem(f"文件 {path.name} 无法按 {label} 解码") from None
    try:
        delimiter = csv.Sniffer().sniff(sample[:20_000], delimiters=",\t;|").delimiter
    except csv.Error:
        delimiter = "\t" if sample.count("\t") > sample.count(",") else ","
    return codec, delimiter, label


def read_csv(path: Path) -> RawTable:
    source = open_csv(path)
    return RawTable(path, "csv", list(source.iter_rows()), encoding=source.encoding)


_MERGE_REF = re.compile(rb'<(?:\w+:)?mergeCell\s+ref="([A-Z]+)(\d+):([A-Z]+)(\d+)"')


def _column_index(letters: bytes) -> int:
    value = 0
    for ch in letters.decode():
        value = value * 26 + ord(ch) - 64
    return value - 1


def _merged_ranges(archive: zipfile.ZipFile, sheet_path: str) -> list[tuple[int, int, int, int]]:
    """(first row, first col, last row, last col), 0-based; read from the sheet's XML because the
    read-only worksheet does not expose merged cells. The XML is scanned block by block: a big
    sheet is never held in memory whole."""
    found: list[tuple[int, int, int, int]] = []
    try:
        with archive.open(sheet_path) as handle:
            tail = b""
            while block := handle.read(_BLOCK):
                data = tail + block
                cut = data.rfind(b"<", max(0, len(data) - 200))
                cut = cut if cut > 0 else len(data)
                for c1, r1, c2, r2 in _MERGE_REF.findall(data, 0, cut):
                    found.append((int(r1) - 1, _column_index(c1), int(r2) - 1, _column_index(c2)))
                tail = data[cut:]
            for c1, r1, c2, r2 in _MERGE_REF.findall(tail):
                found.append((int(r1) - 1, _column_index(c1), int(r2) - 1, _column_index(c2)))
    except KeyError:
        return []
    return found


def _broken_xlsx(path: Path, sheet: str = "") -> FileProblem:
    where = f"的工作表“{sheet}”" if sheet else ""
    return FileProblem(f"Excel 文件 {path.name}{where}已损坏，无法读取；请在 Excel 中打开并另存为新的 .xlsx 后再导入")


def open_xlsx(path: Path, sheet: str | None = None) -> TableSource:
    import openpyxl

    if path.suffix.lower() == ".xls":
        raise FileProblem(f"不支持旧版 Excel 格式 .xls（{path.name}），请在 Excel 中另存为 .xlsx 或 CSV")
    head_bytes = _read_head(path, 8)
    if not head_bytes:
        raise FileProblem(f"文件 {path.name} 是空的，没有可导入的内容")
    if head_bytes[:4] != b"PK\x03\x04":
        raise FileProblem(f"文件 {path.name} 不是 .xlsx 格式（可能是其他类型的文件改了扩展名），请在 Excel 中另存为 .xlsx")
    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
        names = list(workbook.sheetnames)
        workbook.close()
    except Exception:
        raise _broken_xlsx(path) from None
    if sheet and sheet not in names:
        raise FileProblem(f"文件 {path.name} 中没有名为“{sheet}”的工作表（有：{'、'.join(names)}）")
    chosen = sheet or (names[0] if names else "")
    if not chosen:
        raise FileProblem(f"Excel 文件 {path.name} 中没有工作表")

    def rows() -> Iterator[list[Any]]:
        try:
            book = openpyxl.load_workbook(path, read_only=True, data_only=True)
        except Exception:
            raise _broken_xlsx(path) from None
        try:
            worksheet = book[chosen]
            worksheet.reset_dimensions()  # exporters often write a wrong dimension; read what is there
            archive = getattr(book, "_archive", None)
            sheet_path = getattr(worksheet, "_worksheet_path", "")
            merged = _merged_ranges(archive, sheet_path) if isinstance(archive, zipfile.ZipFile) and sheet_path else []
            tops: dict[int, Any] = {}
            for r, values in enumerate(worksheet.iter_rows(values_only=True)):
                row = list(values)
                for i, (r1, c1, r2, c2) in enumerate(merged):
                    if r == r1:
                        tops[i] = row[c1] if c1 < len(row) else None
                    if r1 <= r <= r2 and i in tops:
                        if len(row) <= c2:
                            row.extend([None] * (c2 + 1 - len(row)))
                        for c in range(c1, c2 + 1):
                            if (r, c) != (r1, c1):
                                row[c] = tops[i]
                yield row
        except FileProblem:
            raise
        except Exception:
            raise _broken_xlsx(path, chosen) from None
        finally:
            book.close()

    head: list[list[Any]] = []
    for row in rows():
        head.append(row)
        if len(head) >= HEAD_ROWS:
            break
    return TableSource(path, "xlsx", head, rows, encoding="XLSX", sheet=chosen, sheets=names)


def read_xlsx(path: Path, sheet: str | None = None) -> RawTable:
    source = open_xlsx(path, sheet)
    return RawTable(path, "xlsx", list(source.iter_rows()), encoding="XLSX", sheet=source.sheet, sheets=source.sheets)


def open_table(path: Path | str, sheet: str | None = None) -> TableSource:
    path = Path(path)
    if not path.exists():
        raise FileProblem(f"找不到文件 {path}")
    if path.is_dir():
        raise FileProblem(f"{path.name} 是文件夹，不是 CSV 或 XLSX 文件")
    suffix = path.suffix.lower()
    if suffix in {".xlsx", ".xlsm", ".xls"}:
        return open_xlsx(path, sheet)
    if suffix in {".csv", ".txt", ".tsv", ""}:
        return open_csv(path)
    raise FileProblem(f"不支持的文件类型 {suffix}（{path.name}），请使用 CSV 或 XLSX")


def read_table(path: Path | str, sheet: str | None = None) -> RawTable:
    """The whole sheet in memory (small files, tests); imports stream through `open_table`."""
    source = open_table(path, sheet)
    return RawTable(source.path, source.kind, list(source.iter_rows()), source.encoding, source.sheet, source.sheets)

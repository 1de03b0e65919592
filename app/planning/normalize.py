"""Cell values as other departments' exports write them, turned into the values an enterprise file
holds: full-width characters, stray spaces, dates in every format a clerk has typed, Excel serial
numbers, and numbers with units ("120人"). Each parser returns a value or raises ValueError with one
Chinese sentence saying what was wrong."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable
from typing import Any

from app.core.codes import normalize_code, normalize_phone

_SPACES = re.compile(r"\s+")
_EXCEL_EPOCH = dt.date(1899, 12, 30)
_DATE_YMD = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[ T].*)?$")
_DATE_YM = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?$")
_DATE_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})(?:\d{6})?$")
_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")
_PLAIN_NUMBER = re.compile(r"-?[0-9]+(?:\.[0-9]+)?")


BLANK_WORDS = frozenset({"-", "—", "/", "无", "NULL", "null", "None"})  # what exports write in an empty cell


def is_blank(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, str):
        stripped = value.strip()
        return not stripped or stripped in BLANK_WORDS
    return False


_ODD_SPACE = re.compile(r"\s\s|[^\S ]")


def text(value: Any) -> str:
    """Full-width folded (NFKC), runs of spaces and line breaks collapsed, trimmed."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    raw = value if isinstance(value, str) else str(value)
    if not unicodedata.is_normalized("NFKC", raw):  # a C check, much cheaper than normalising
        raw = unicodedata.normalize("NFKC", raw)
    if _ODD_SPACE.search(raw):
        raw = _SPACES.sub(" ", raw)
    return raw.strip()


def name(value: Any) -> str:
    """Names keep their inner spaces out: "某某 有限公司" and "某某有限公司" are the same company.
    Brackets are folded to full-width, as registries write them."""
    folded = text(value).replace(" ", "")
    return folded.replace("(", "（").replace(")", "）")


def code(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return normalize_code(None if value is None else str(value))


def phone(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return normalize_phone(None if value is None else str(value))


def excel_serial_to_date(serial: float) -> dt.date:
    return _EXCEL_EPOCH + dt.timedelta(days=int(serial))


def date(value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        if 20000101 <= value <= 21001231 and float(value).is_integer():
            return date(str(int(value)))
        if 1 <= value < 80000:
            return excel_serial_to_date(float(value))
        raise ValueError(f"无法识别的日期：{value}")
    raw = text(value)
    try:
        match = _DATE_YMD.match(raw)
        if match:
            return dt.date(int(match[1]), int(match[2]), int(match[3]))
        match = _DATE_COMPACT.match(raw)
        if match:
            return dt.date(int(match[1]), int(match[2]), int(match[3]))
        match = _DATE_YM.match(raw)
        if match:
            return dt.date(int(match[1]), int(match[2]), 1)
    except ValueError:
        raise ValueError(f"日期不存在：{raw}") from None
    if re.fullmatch(r"\d{5}(\.\d+)?", raw):
        return excel_serial_to_date(float(raw))
    raise ValueError(f"无法识别的日期：{raw}")


def count(value: Any) -> int:
    """Headcounts and member counts: "120", "120人", "1,200", "120.0" and full-width digits."""
    if value.__class__ is str and value.isascii() and value.isdigit():
        return int(value)  # the common cell, plain digits, without the text clean-up
    if isinstance(value, bool):
        raise ValueError(f"不是人数：{value}")
    if isinstance(value, int):
        number: float = value
    elif isinstance(value, float):
        number = value
    else:
        raw = text(value).replace(",", "").replace("，", "")
        found = _NUMBER.findall(raw)
        if len(found) != 1 or re.search(r"[\d.]\s*[-~至到]\s*\d", raw):
            raise ValueError(f"无法识别的人数：{raw}")
        number = float(found[0])
    if not float(number).is_integer():
        raise ValueError(f"人数应为整数：{value}")
    if number < 0:
        raise ValueError(f"人数不能为负数：{value}")
    return int(number)


def yes_no(value: Any) -> bool:
    """是/否 columns as registries fill them: 是、Y、1、√、列入 are yes; 否、N、0、未列入、移出 are no."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        return bool(value)
    raw = text(value).upper()
    if raw in {"否", "N", "NO", "0", "FALSE", "×", "未列入", "已移出", "移出", "无"}:
        return False
    if raw in {"是", "Y", "YES", "1", "TRUE", "√", "列入", "已列入", "有"} or "列入" in raw:
        return True
    raise ValueError(f"应填“是”或“否”：{raw}")


def coordinate(value: Any, low: float, high: float, label: str) -> float:
    if isinstance(value, int | float) and not isinstance(value, bool):
        number = float(value)
    elif value.__class__ is str and _PLAIN_NUMBER.fullmatch(value):
        number = float(value)  # the common cell, a plain decimal, without the text clean-up
    else:
        raw = text(value).rstrip("°")
        try:
            number = float(raw)
        except ValueError:
            raise ValueError(f"{label}不是数字：{raw}") from None
    if not low <= number <= high:
        raise ValueError(f"{label}超出范围（{low}～{high}）：{number}")
    return number


def coordinate_parser(low: float, high: float, label: str) -> Callable[[Any], float]:
    """`coordinate` for one column, with the common cell (text that `float` reads, in range) taken
    without the text clean-up; anything else, and every mistake, goes through `coordinate`."""

    def parse(value: Any) -> float:
        if value.__class__ is str:
            try:
                number = float(value)
            except ValueError:
                return coordinate(value, low, high, label)
            if low <= number <= high:
                return number
        return coordinate(value, low, high, label)

    return parse


def header(value: Any) -> str:
    """Header text as compared with known column names: spaces, asterisks (required marks), line
    breaks and units in brackets removed."""
    folded = text(value).replace(" ", "").replace("*", "").replace("＊", "")
    return re.sub(r"[（(][^）)]*[）)]$", "", folded)

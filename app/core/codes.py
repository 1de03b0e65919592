"""Checks for the identifiers inspectors type in: GB 32100 credit codes, GB 11714 organisation codes,
GB 11643 resident ID numbers and Chinese phone numbers.

A credit code with a wrong check digit is a *warning*: real registries carry codes that fail the check,
and refusing them would stop the import of a genuine enterprise. A code that is not of the right shape
(length, forbidden letters) is an error: it cannot be any enterprise's code.
"""

from __future__ import annotations

import operator
import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum

USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_WEIGHTS = [pow(3, i, 31) for i in range(17)]
_ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2]
_ID_WEIGHTS = [pow(2, 17 - i, 11) for i in range(17)]
_ID_CHECK = "10X98765432"

REGISTRATION_AUTHORITIES = {"1": "机构编制", "5": "民政", "9": "工商/市场监管", "Y": "其他"}


class CodeStatus(StrEnum):
    VALID = "valid"
    BAD_CHECK = "bad_check"
    MALFORMED = "malformed"
    MISSING = "missing"


@dataclass(frozen=True)
class CodeCheck:
    code: str
    status: CodeStatus
    message: str = ""

    @property
    def acceptable(self) -> bool:
        """Valid, missing or only a bad check digit: such a record may be saved (with a warning)."""
        return self.status is not CodeStatus.MALFORMED


_USCC_VALUE = {c: i for i, c in enumerate(USCC_CHARS)}
_USCC_BODY = re.compile(r"[0-9A-HJ-NP-RTUWXY]{17}")


def normalize_code(raw: str | None) -> str:
    """Full-width characters folded, spaces and dashes removed, upper-cased: how codes arrive from
    spreadsheets typed on Chinese keyboards."""
    if not raw:
        return ""
    if isinstance(raw, str) and raw.isascii() and raw.isalnum():
        return raw.upper()  # the common case, without the Unicode work
    text = unicodedata.normalize("NFKC", str(raw))
    return re.sub(r"[\s\-‐－—_]", "", text).upper()


def uscc_check_char(first17: str) -> str:
    if len(first17) != 17:
        raise ValueError(f"a credit code body has 17 characters, not {len(first17)}")
    # map() keeps the loop in C: an import checks every code of a list of 100,000s
    total = sum(map(operator.mul, map(_USCC_VALUE.__getitem__, first17), _USCC_WEIGHTS))
    return USCC_CHARS[(31 - total % 31) % 31]


def org_code_check_char(first8: str) -> str:
    total = sum((int(c) if c.isdigit() else ord(c) - 55) * w for c, w in zip(first8, _ORG_WEIGHTS, strict=True))
    value = 11 - total % 11
    return {10: "X", 11: "0"}.get(value, str(value))


def is_valid_credit_code(code: str) -> bool:
    """Whether a normalised code is valid, answered without building a `CodeCheck`: what an import
    asks first of every row (nearly all codes are valid), `check_credit_code` says why when not."""
    return (
        len(code) == 18
        and _USCC_BODY.fullmatch(code, 0, 17) is not None
        and code[2:8].isdigit()
        and code[17] == uscc_check_char(code[:17])
    )


def check_credit_code(raw: str | None) -> CodeCheck:
    code = normalize_code(raw)
    if not code:
        return CodeCheck(code, CodeStatus.MISSING, "未填写统一社会信用代码")
    if len(code) != 18:
        return CodeCheck(code, CodeStatus.MALFORMED, f"统一社会信用代码应为18位，实际为{len(code)}位")
    bad = [] if _USCC_BODY.fullmatch(code, 0, 17) else sorted({c for c in code[:17] if c not in USCC_CHARS})
    if bad:
        return CodeCheck(
            code,
            CodeStatus.MALFORMED,
            "统一社会信用代码含有不允许的字符：" + "、".join(bad) + "（不使用 I、O、Z、S、V）",
        )
    if not code[2:8].isdigit():
        return CodeCheck(code, CodeStatus.MALFORMED, "统一社会信用代码第3至8位应为行政区划数字")
    expected = uscc_check_char(code[:17])
    if code[17] != expected:
        return CodeCheck(
            code,
            CodeStatus.BAD_CHECK,
            f"统一社会信用代码校验位不符（应为 {expected}，实为 {code[17]}），请核对",
        )
    return CodeCheck(code, CodeStatus.VALID)


def make_credit_code(prefix17: str) -> str:
    """Completes 17 characters with their check character (used by the demo district and tests)."""
    return prefix17 + uscc_check_char(prefix17)


def make_org_code(first8: str) -> str:
    return first8 + org_code_check_char(first8)


def check_id_number(raw: str | None) -> CodeCheck:
    code = normalize_code(raw)
    if not code:
        return CodeCheck(code, CodeStatus.MISSING, "未填写身份证号码")
    if not re.fullmatch(r"\d{17}[\dX]", code):
        return CodeCheck(code, CodeStatus.MALFORMED, "身份证号码应为17位数字加1位数字或X")
    birth = code[6:14]
    if not _plausible_date(birth):
        return CodeCheck(code, CodeStatus.MALFORMED, f"身份证号码中的出生日期 {birth} 无效")
    expected = _ID_CHECK[sum(int(c) * w for c, w in zip(code[:17], _ID_WEIGHTS, strict=True)) % 11]
    if code[17] != expected:
        return CodeCheck(code, CodeStatus.BAD_CHECK, f"身份证号码校验位不符（应为 {expected}）")
    return CodeCheck(code, CodeStatus.VALID)


def _plausible_date(yyyymmdd: str) -> bool:
    import datetime as _dt

    try:
        _dt.date(int(yyyymmdd[:4]), int(yyyymmdd[4:6]), int(yyyymmdd[6:8]))
    except ValueError:
        return False
    return 1800 <= int(yyyymmdd[:4]) <= 2100


_MOBILE = re.compile(r"^1[3-9]\d{9}$")
_LANDLINE = re.compile(r"^0\d{2,3}\d{7,8}(\d{1,5})?$")
_SERVICE = re.compile(r"^(400|800)\d{7}$|^\d{5}$")


def normalize_phone(raw: str | None) -> str:
    if not raw:
        return ""
    if raw.__class__ is str and raw.isdigit() and raw.isascii() and not raw.startswith("86"):
        return raw  # the common cell, plain digits: nothing to fold, strip or cut off
    text = unicodedata.normalize("NFKC", str(raw)).strip()
    text = re.sub(r"^\+?86", "", re.sub(r"[\s\-()（）]", "", text))
    return text


def check_phone(raw: str | None) -> CodeCheck:
    phone = normalize_phone(raw)
    if not phone:
        return CodeCheck(phone, CodeStatus.MISSING, "未填写电话")
    if _MOBILE.match(phone) or _LANDLINE.match(phone) or _SERVICE.match(phone):
        return CodeCheck(phone, CodeStatus.VALID)
    return CodeCheck(phone, CodeStatus.MALFORMED, f"电话号码 {raw} 格式不正确（手机11位，座机带区号）")

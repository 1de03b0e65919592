"""Masks personal data and secrets in text that goes to logs: ID numbers, phone numbers, tokens."""

from __future__ import annotations

import re

_ID_NUMBER = re.compile(r"(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])")
_MOBILE = re.compile(r"(?<!\d)1[3-9]\d{9}(?!\d)")
_LANDLINE = re.compile(r"(?<!\d)0\d{2,3}-?\d{7,8}(?!\d)")
_BEARER = re.compile(r"(?i)(bearer\s+|(?:access|refresh)?_?token['\"]?\s*[=:]\s*['\"]?)[A-Za-z0-9._~+/=-]{8,}")
_JWT = re.compile(r"eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}")
_PASSWORD = re.compile(r"(?i)(password['\"]?\s*[=:]\s*['\"]?)[^\s'\",}]+")


# Every pattern below needs one of these; most text has none, and one search is cheaper than six.
_MAYBE_SECRET = re.compile(r"\d{7}|eyJ|bearer|token|password", re.IGNORECASE)


def scrub(value: str) -> str:
    if not _MAYBE_SECRET.search(value):
        return value
    lowered = value.lower()
    if "eyj" in lowered:
        value = _JWT.sub("〔令牌〕", value)
    if "bearer" in lowered or "token" in lowered:
        value = _BEARER.sub(lambda m: m.group(1) + "〔令牌〕", value)
    if "password" in lowered:
        value = _PASSWORD.sub(lambda m: m.group(1) + "〔密码〕", value)
    value = _ID_NUMBER.sub("〔证件号〕", value)
    value = _MOBILE.sub("〔电话〕", value)
    return _LANDLINE.sub("〔电话〕", value)

"""Chinese text in the order users expect: by pinyin (华 hua before 万 wan), not by code point, where
万 (U+4E07) comes long before 华 (U+534E). Lists sorted in Python use `pinyin_key`; lists sorted in
SQL use the `pinyin` collation the store registers on every connection, built on the same key."""

from __future__ import annotations

import os
from functools import lru_cache

COLLATION = "pinyin"

# pypinyin reads this when it loads: no phrase dictionary (a tenth of a second to load, in every process
# that sorts). Keys are made one character at a time, which phrases never change (the same reading for
# every character pypinyin knows, with or without them).
os.environ.setdefault("PYPINYIN_NO_PHRASES", "1")


@lru_cache(maxsize=65536)
def pinyin_key(text: str | None) -> tuple[tuple[str, str], ...]:
    """Each character as (its toneless pinyin, the character itself): 华 before 万, 张 before 赵,
    homophones grouped and kept apart by character; Latin letters and digits sort by themselves."""
    if not text:
        return ()
    # imported on first use: every command that opens the store (`check` among them) would load it
    # before sorting anything
    from pypinyin import Style, lazy_pinyin

    key: list[tuple[str, str]] = []
    for char in text:
        if "\u3400" <= char <= "\u9fff" or "\U00020000" <= char <= "\U0002ffff":
            syllable = lazy_pinyin(char, style=Style.TONE3, errors="ignore")
            key.append(((syllable[0] if syllable else char).lower(), char))
        else:
            key.append((char.lower(), char))
    return tuple(key)


def compare(a: str | None, b: str | None) -> int:
    """The SQLite collation: negative, zero or positive as `a` sorts before, with or after `b`."""
    ka, kb = pinyin_key(a), pinyin_key(b)
    return -1 if ka < kb else (1 if ka > kb else 0)


def sorted_by_pinyin(items: list[str]) -> list[str]:
    return sorted(items, key=pinyin_key)


SORT_FUNCTION = "pinyin_sort"
_SEP = "\x01"  # below every character a name holds, so a shorter syllable sorts before a longer one


_CHARS: dict[str, str] = {}


def _char_key(char: str) -> str:
    ((syllable, same),) = pinyin_key(char)
    _CHARS[char] = key = f"{syllable}{_SEP}{same}{_SEP}"
    return key


def sort_text(text: str | None) -> str:
    """`pinyin_key` as one string whose plain (binary) order is the key's order, so that an ordinary
    index can hold it: each character becomes its syllable, a separator, itself and a separator. The
    store keeps it per enterprise name and walks that index for the first page of a long list."""
    if not text:
        return ""
    known = _CHARS
    try:
        return "".join([known[char] for char in text])
    except KeyError:
        return "".join([known.get(char) or _char_key(char) for char in text])

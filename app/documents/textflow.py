"""Breaking Chinese text into lines on the 28-character grid: closing punctuation never starts a line,
opening punctuation never ends one, runs of Latin letters and digits stay whole, and full lines are
justified so both edges are flush."""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import combinations, pairwise

from reportlab.pdfbase.pdfmetrics import stringWidth

from app.documents.layout import NO_LINE_END, NO_LINE_START

_TOKEN = re.compile(r"[A-Za-z0-9_.,:/%+#@&'\-]+|[ \t\r\n]+|.", re.S)
_MAX_STRETCH_CHARS = 3.0  # a line with more slack than this is left ragged rather than spread out


@dataclass(frozen=True)
class LineText:
    """One line: where it starts (pt from the left edge of the column) and the character spacing that
    sets it on the grid, justified when `justified`."""

    text: str
    x: float
    char_space: float
    width: float
    justified: bool


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(text)


def _width(token: str, font: str, size: float, char_space: float) -> float:
    return stringWidth(token, font, size) + char_space * len(token)


def break_text(
    text: str,
    font: str,
    size: float,
    width: float,
    *,
    first_indent: float = 0.0,
    rest_indent: float = 0.0,
    char_space: float = 0.0,
    justify: bool = True,
) -> list[LineText]:
    """Greedy breaking with pull-down for forbidden line starts and ends (the rule Word and WPS apply
    by default for Chinese). `char_space` is the grid adjustment added after every character."""
    toks = [" " if t in (" ", "\t") or t.strip(" \t\r\n") == "" else t for t in tokens(text.replace("\n", ""))]
    if not toks:
        return [LineText("", first_indent, char_space, 0.0, False)]
    widths = [_width(t, font, size, char_space) for t in toks]
    lines: list[LineText] = []
    start = 0
    while start < len(toks):
        indent = first_indent if not lines else rest_indent
        capacity = width - indent
        end = start
        used = 0.0
        while end < len(toks) and used + widths[end] <= capacity + 0.01:
            used += widths[end]
            end += 1
        if end == start:  # one token wider than the line: split it by characters
            piece = toks[start]
            cut = 1
            while cut < len(piece) and _width(piece[: cut + 1], font, size, char_space) <= capacity:
                cut += 1
            toks[start : start + 1] = [piece[:cut], piece[cut:]]
            widths[start : start + 1] = [_width(toks[start], font, size, char_space),
                                         _width(toks[start + 1], font, size, char_space)]
            end = start + 1
        elif end < len(toks):
            brk = end
            while brk > start + 1 and (toks[brk][0] in NO_LINE_START or toks[brk - 1][-1] in NO_LINE_END):
                brk -= 1
            if brk > start + 1 or not (toks[brk][0] in NO_LINE_START or toks[brk - 1][-1] in NO_LINE_END):
                end = brk
        last = end >= len(toks)
        line_toks = toks[start:end]
        while line_toks and line_toks[-1] == " ":
            line_toks.pop()
        while line_toks and line_toks[0] == " " and (lines or first_indent == 0):
            line_toks.pop(0)
        line = "".join(line_toks)
        natural = _width(line, font, size, char_space)
        spread = char_space
        justified = False
        slack = capacity - natural
        if justify and not last and len(line) > 1 and 0 < slack <= size * _MAX_STRETCH_CHARS:
            spread = char_space + slack / (len(line) - 1)
            justified = True
        lines.append(LineText(line, indent, spread, natural if not justified else capacity, justified))
        start = end
    return lines


_BREAK_AFTER = frozenset("的和与及、，；")
_BREAK_BEFORE = ("关于", "工会劳动法律监督")


def _preferred_breaks(text: str) -> list[int]:
    """Cut positions that keep words whole: after 的/和/与/及 and punctuation, before 关于 and before
    the fixed 工会劳动法律监督… ending of the letters' titles."""
    cuts = {i + 1 for i, ch in enumerate(text[:-1]) if ch in _BREAK_AFTER}
    for word in _BREAK_BEFORE:
        start = text.find(word, 1)
        while start > 0:
            cuts.add(start)
            start = text.find(word, start + 1)
    return sorted(c for c in cuts if 0 < c < len(text) and text[c] not in NO_LINE_START)


def _segmentations(cuts: list[int], lines: int, length: int) -> list[tuple[int, ...]]:
    if lines - 1 > len(cuts):
        return []
    return [(0, *combo, length) for combo in combinations(cuts, lines - 1)]


def balanced_lines(text: str, font: str, size: float, width: float) -> list[str]:
    """A centred title in lines of similar length (GB/T 9704 asks for a trapezoid or diamond, with
    words kept whole): cuts at preferred places when they give lines that fit, one extra line allowed
    for that; otherwise cuts by width without breaking before closing punctuation. Line breaks the
    user typed are kept as they are."""
    if "\n" in text:
        return [part for line in text.split("\n") if line.strip()
                for part in balanced_lines(line.strip(), font, size, width)]
    total = stringWidth(text, font, size)
    if total <= width:
        return [text]
    count = int(total // width) + 1
    cuts = _preferred_breaks(text)
    if len(cuts) <= 12:
        for lines in (count, count + 1):
            best: tuple[float, list[str]] | None = None
            for seg in _segmentations(cuts, lines, len(text)):
                parts = [text[a:b] for a, b in pairwise(seg)]
                widths = [stringWidth(p, font, size) for p in parts]
                if max(widths) > width:
                    continue
                score = max(widths) - min(widths)
                if best is None or score < best[0]:
                    best = (score, parts)
            if best is not None:
                return best[1]
    target = total / count
    out: list[str] = []
    rest = text
    while rest and len(out) < count - 1:
        cut = 1
        while cut < len(rest) and stringWidth(rest[:cut], font, size) < target:
            cut += 1
        while cut < len(rest) and rest[cut] in NO_LINE_START:
            cut += 1
        while cut > 1 and rest[cut - 1] in NO_LINE_END:
            cut -= 1
        out.append(rest[:cut])
        rest = rest[cut:]
    if rest:
        out.append(rest)
    return out

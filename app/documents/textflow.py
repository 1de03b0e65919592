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

# A small dictionary for cutting titles between words (GB/T 9704 §7.3.1 wants long titles in a
# trapezoid or diamond with words kept whole). Legal, labour and organisation terms of the letters'
# titles, longest match first; a run of characters the dictionary does not know (a company's trade
# name) stays together. Chosen over a general segmenter (jieba) because titles use a narrow vocabulary
# and a wrong cut in a name is worse than a slightly less balanced shape.
TITLE_WORDS: frozenset[str] = frozenset(
    ["工会劳动法律监督提示函", "工会劳动法律监督意见书", "工会劳动法律监督建议书", "工会", "劳动", "法律", "监督", "提示函", "意见书", "建议书", "关于", "督促", "依法", "按时", "足额", "及时", "支付", "发放", "补发", "缴纳", "补缴", "签订", "订立", "落实", "保障", "维护", "规范", "加强", "改正", "纠正", "整改", "停止", "做好", "开展", "执行", "遵守", "建立", "健全", "完善", "切实", "全面", "进一步", "认真", "尽快", "立即", "职工", "劳动者", "员工", "农民工", "女职工", "未成年工", "劳务派遣", "派遣", "用工", "一线", "工资", "劳动报酬", "加班", "加班费", "加班工资", "延长", "工作时间", "工时", "休息", "休假", "休息日", "带薪", "年休假", "带薪年休假", "法定", "节假日", "劳动合同", "书面", "合同", "集体合同", "职工名册", "社会保险", "社会保险费", "社保", "养老保险", "医疗保险", "工伤保险", "失业保险", "生育保险", "住房公积金", "保险费", "高温", "津贴", "高温津贴", "防暑", "降温", "防暑降温", "安全", "生产", "安全生产", "职业病", "防治", "职业健康", "检查", "防护", "用品", "劳动防护", "设施", "隐患", "权益", "合法", "合法权益", "特殊", "保护", "劳动保护", "孕期", "产假", "哺乳期", "就业", "歧视", "平等", "拖欠", "克扣", "欠薪", "问题", "情况", "制度", "管理", "规定", "标准", "待遇", "条件", "环境", "措施", "责任", "义务", "权利", "有限公司", "有限责任公司", "股份有限公司", "集团", "分公司", "子公司", "公司", "工厂", "企业", "单位", "用人单位", "门店", "项目部", "项目", "合作社", "制造", "精密", "科技", "电子", "服装", "纺织", "建筑", "建设", "工程", "物流", "运输", "餐饮", "商贸", "贸易", "实业", "机械", "食品", "化工", "医药", "信息", "技术", "服务", "人力资源", "社会保障", "人力资源和社会保障局", "劳动保障", "监察", "大队", "支队", "总工会", "人民检察院", "人民法院"]
)
_MAX_WORD = max(len(w) for w in TITLE_WORDS)
_FUNCTION = frozenset("的和与及并为、，；：")


def title_words(text: str) -> list[str]:
    """The title cut into words: dictionary words (longest first), single function characters and
    punctuation, and runs of unknown characters kept whole."""
    out: list[str] = []
    unknown = False
    i = 0
    while i < len(text):
        for size in range(min(_MAX_WORD, len(text) - i), 1, -1):
            if text[i : i + size] in TITLE_WORDS:
                out.append(text[i : i + size])
                unknown = False
                i += size
                break
        else:
            ch = text[i]
            if ch in _FUNCTION or ch in NO_LINE_START or ch in NO_LINE_END or ch.isspace():
                out.append(ch)
                unknown = False
            elif unknown:
                out[-1] += ch
            else:
                out.append(ch)
                unknown = True
            i += 1
    return out


def _preferred_breaks(text: str) -> list[int]:
    """Cut positions that read well: after 的/和/与/及 and punctuation, before 关于 and before the fixed
    工会劳动法律监督… ending of the letters' titles."""
    cuts = {i + 1 for i, ch in enumerate(text[:-1]) if ch in _BREAK_AFTER}
    for word in _BREAK_BEFORE:
        start = text.find(word, 1)
        while start > 0:
            cuts.add(start)
            start = text.find(word, start + 1)
    return sorted(c for c in cuts if 0 < c < len(text) and text[c] not in NO_LINE_START)


def word_breaks(text: str) -> list[int]:
    """Every position between two words of the title where a line may end."""
    cuts: list[int] = []
    pos = 0
    words = title_words(text)
    for word in words[:-1]:
        pos += len(word)
        if text[pos] not in NO_LINE_START and text[pos - 1] not in NO_LINE_END:
            cuts.append(pos)
    return cuts


def _segmentations(cuts: list[int], lines: int, length: int) -> list[tuple[int, ...]]:
    if lines - 1 > len(cuts):
        return []
    return [(0, *combo, length) for combo in combinations(cuts, lines - 1)]


def is_trapezoid_or_diamond(widths: list[float], tolerance: float = 0.0) -> bool:
    """Lines growing (正梯形), shrinking (倒梯形), or growing to a middle line and shrinking after it
    (菱形); never a waist in the middle."""
    if len(widths) <= 2:
        return True
    peak = max(range(len(widths)), key=lambda i: widths[i])
    rising = all(b >= a - tolerance for a, b in pairwise(widths[: peak + 1]))
    falling = all(b <= a + tolerance for a, b in pairwise(widths[peak:]))
    return rising and falling


def balanced_lines(text: str, font: str, size: float, width: float) -> list[str]:
    """A centred title in a trapezoid or diamond (GB/T 9704 §7.3.1) cut only between words: among the
    cuts that fit, the fewest lines, then cuts at the natural places (after 的/和, before 关于 and the
    fixed ending), then lines of similar length. Line breaks the user typed are kept as they are."""
    if "\n" in text:
        return [part for line in text.split("\n") if line.strip()
                for part in balanced_lines(line.strip(), font, size, width)]
    total = stringWidth(text, font, size)
    if total <= width:
        return [text]
    count = int(total // width) + 1
    cuts = word_breaks(text)
    preferred = set(_preferred_breaks(text))
    em = size
    best: tuple[float, list[str]] | None = None
    if len(cuts) <= 40:
        for lines in range(count, count + 3):
            for seg in _segmentations(cuts, lines, len(text)):
                parts = [text[a:b] for a, b in pairwise(seg)]
                widths = [stringWidth(p, font, size) for p in parts]
                if max(widths) > width or not is_trapezoid_or_diamond(widths, tolerance=0.01):
                    continue
                plain = sum(1 for c in seg[1:-1] if c not in preferred)
                score = (max(widths) - min(widths)) / em + 3 * plain + 4 * (lines - count)
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

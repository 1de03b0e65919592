"""The fonts letters are set in: the official faces when the machine has them, else TrueType CJK
faces found on the system, else ReportLab's built-in STSong-Light (not embedded: viewers substitute).

ReportLab embeds TrueType (glyf) outlines only; fonts with CFF outlines (Noto CJK, Source Han) raise
"postscript outlines are not supported", so the sfnt table directory is read first and such faces are
skipped without ever handing them to ReportLab.
"""

from __future__ import annotations

import hashlib
import logging
import os
import struct
import sys
import threading
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO, Literal

from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfbase.ttfonts import TTFError, TTFont

log = logging.getLogger(__name__)


def _to_unicode_cmap(fontname: str, subset: Sequence[int]) -> str:
    """ReportLab's ToUnicode map with characters beyond the basic plane written as UTF-16 surrogate
    pairs: ReportLab prints them as five hex digits, so a copied or searched 𠮷 came out as ₻."""
    text = _original_to_unicode(fontname, subset)
    for code, value in enumerate(subset):
        if value > 0xFFFF:
            rest = value - 0x10000
            pair = f"{0xD800 + (rest >> 10):04X}{0xDC00 + (rest & 0x3FF):04X}"
            text = text.replace(f"<{code:02X}> <{value:04X}>", f"<{code:02X}> <{pair}>")
    return text


_original_to_unicode = ttfonts.makeToUnicodeCMap
ttfonts.makeToUnicodeCMap = _to_unicode_cmap

Role = Literal["fangsong", "heiti", "kaiti", "xiaobiaosong", "song"]
ROLES: tuple[Role, ...] = ("fangsong", "heiti", "kaiti", "xiaobiaosong", "song")
ROLE_LABELS: dict[Role, str] = {
    "fangsong": "仿宋（正文）",
    "heiti": "黑体（一级标题）",
    "kaiti": "楷体（二级标题）",
    "xiaobiaosong": "小标宋（发文机关、标题）",
    "song": "宋体（页码）",
}
CID_FALLBACK = "STSong-Light"

Outline = Literal["truetype", "cff", "unknown"]


@dataclass(frozen=True)
class Candidate:
    """A face worth trying: file names (matched case-insensitively) and, for a collection (.ttc), the
    family to pick inside it. `official` marks the faces GB/T 9704 names; `bold` asks for a stroked
    rendering where a Song face stands in for 小标宋."""

    label: str
    files: tuple[str, ...]
    family: str | None = None
    official: bool = False
    bold: bool = False


def _c(label: str, *files: str, family: str | None = None, official: bool = False, bold: bool = False) -> Candidate:
    return Candidate(label, files, family, official, bold)


OFFICIAL: dict[Role, tuple[Candidate, ...]] = {
    "fangsong": (
        _c("仿宋_GB2312", "仿宋_GB2312.ttf", "FS_GB2312.ttf", "fangsong_gb2312.ttf", "SIMFANG_GB2312.TTF", official=True),
        _c("仿宋", "simfang.ttf", official=True),
        _c("方正仿宋", "FZFSK.TTF", "FZFSJW.TTF", "FZFangSong-Z02S.ttf", official=True),
        _c("华文仿宋", "STFANGSO.TTF", "STFangsong.ttf", official=True),
    ),
    "heiti": (
        _c("黑体", "simhei.ttf", official=True),
        _c("方正黑体", "FZHTK.TTF", "FZHTJW.TTF", "FZHei-B01S.ttf", official=True),
        _c("华文黑体", "STHEITI.TTF", "STXIHEI.TTF", official=True),
    ),
    "kaiti": (
        _c("楷体_GB2312", "楷体_GB2312.ttf", "KAI_GB2312.ttf", "kaiti_gb2312.ttf", official=True),
        _c("楷体", "simkai.ttf", official=True),
        _c("方正楷体", "FZKTK.TTF", "FZKTJW.TTF", "FZKai-Z03S.ttf", official=True),
        _c("华文楷体", "STKAITI.TTF", official=True),
    ),
    "xiaobiaosong": (
        _c("方正小标宋简体", "FZXBSJW.TTF", "FZXBSK.TTF", "FZXiaoBiaoSong-B05S.ttf", "FZXiaoBiaoSong-B05.ttf",
           "方正小标宋简体.ttf", "方正小标宋_GBK.ttf", "FZXBSJW--GB1-0.ttf", official=True),
        _c("黑体", "simhei.ttf", official=True),
        _c("宋体", "simsun.ttc", "simsun.ttf", family="SimSun", official=True, bold=True),
    ),
    "song": (
        _c("宋体", "simsun.ttc", "simsun.ttf", family="SimSun", official=True),
        _c("华文宋体", "STSONG.TTF", official=True),
        _c("方正书宋", "FZSSK.TTF", "FZSSJW.TTF", official=True),
    ),
}

_UMING = _c("AR PL UMing CN", "uming.ttc", "uming.ttf", family="AR PL UMing CN")
_UKAI = _c("AR PL UKai CN", "ukai.ttc", "ukai.ttf", family="AR PL UKai CN")
_ZENHEI = _c("WenQuanYi Zen Hei", "wqy-zenhei.ttc", family="WenQuanYi Zen Hei")
_MICROHEI = _c("WenQuanYi Micro Hei", "wqy-microhei.ttc", family="WenQuanYi Micro Hei")
_YAHEI = _c("Microsoft YaHei", "msyh.ttc", "msyh.ttf", family="Microsoft YaHei")
_STHEITI_MAC = _c("STHeiti", "STHeiti Light.ttc", "STHeiti Medium.ttc", family="STHeiti")
_HIRAGINO = _c("Hiragino Sans GB", "Hiragino Sans GB.ttc", "Hiragino Sans GB W3.otf", family="Hiragino Sans GB")
_DROID = _c("Droid Sans Fallback", "DroidSansFallbackFull.ttf", "DroidSansFallback.ttf")
_SONGTI_MAC = _c("Songti SC", "Songti.ttc", family="Songti SC")
_NOTO_SERIF = _c("Noto Serif CJK SC", "NotoSerifCJK-Regular.ttc", "NotoSerifCJKsc-Regular.otf", "NotoSerifSC-Regular.ttf",
                 "NotoSerifSC-Regular.otf", family="Noto Serif CJK SC")
_NOTO_SANS = _c("Noto Sans CJK SC", "NotoSansCJK-Regular.ttc", "NotoSansCJKsc-Regular.otf", "NotoSansSC-Regular.ttf",
                "NotoSansSC-Regular.otf", family="Noto Sans CJK SC")

SYSTEM: dict[Role, tuple[Candidate, ...]] = {
    "fangsong": (_UMING, _SONGTI_MAC, _NOTO_SERIF, _UKAI, _YAHEI, _ZENHEI, _MICROHEI, _DROID, _NOTO_SANS),
    "heiti": (_YAHEI, _STHEITI_MAC, _HIRAGINO, _ZENHEI, _MICROHEI, _DROID, _NOTO_SANS, _UMING),
    "kaiti": (_UKAI, _UMING, _SONGTI_MAC, _NOTO_SERIF, _ZENHEI, _DROID),
    "xiaobiaosong": (
        Candidate(_UMING.label, _UMING.files, _UMING.family, bold=True),
        Candidate(_SONGTI_MAC.label, _SONGTI_MAC.files, _SONGTI_MAC.family, bold=True),
        _NOTO_SERIF, _YAHEI, _STHEITI_MAC, _ZENHEI, _MICROHEI, _DROID, _NOTO_SANS,
    ),
    "song": (_UMING, _SONGTI_MAC, _NOTO_SERIF, _YAHEI, _ZENHEI, _MICROHEI, _DROID, _NOTO_SANS),
}


@dataclass(frozen=True)
class ResolvedFont:
    """What a role resolved to. `name` is the ReportLab font name to draw with."""

    role: Role
    name: str
    label: str
    path: Path | None = None
    subfont_index: int = 0
    embedded: bool = True
    official: bool = False
    bold: bool = False

    @property
    def is_cid_fallback(self) -> bool:
        return self.path is None


# Faces with the rare characters (CJK Extension B and beyond, e.g. 𠮷) that body faces lack.
FALLBACK: tuple[Candidate, ...] = (
    _c("SimSun-ExtB", "simsunb.ttf"),
    _c("MingLiU-ExtB", "mingliub.ttc", family="MingLiU-ExtB"),
    _c("花园明朝A", "HanaMinA.ttf"),
    _c("花园明朝B", "HanaMinB.ttf"),
    _c("WenQuanYi Zen Hei", "wqy-zenhei.ttc", family="WenQuanYi Zen Hei"),
    _c("AR PL UMing CN", "uming.ttc", family="AR PL UMing CN"),
    _c("DejaVu Sans", "DejaVuSans.ttf"),
)


@dataclass
class FontSet:
    """One font per role; `skipped` lists faces found but unusable (CFF outlines, unreadable);
    `fallback_files` are faces to draw a character from when the role's face lacks it (registered
    only when such a character turns up)."""

    fonts: dict[Role, ResolvedFont]
    skipped: list[str] = field(default_factory=list)
    fallback_files: list[tuple[Candidate, Path]] = field(default_factory=list)
    _fallbacks: list[ResolvedFont] | None = field(default=None, repr=False)

    def __getitem__(self, role: Role) -> ResolvedFont:
        return self.fonts[role]

    def describe(self) -> dict[str, str]:
        return {role: self.fonts[role].label for role in ROLES}


# --- reading the sfnt header -------------------------------------------------------------------


@dataclass(frozen=True)
class FaceInfo:
    index: int
    family: str
    names: frozenset[str]
    outline: Outline


class _Reader:
    """Seeks into a font file; table offsets in a collection are absolute, and a name table can sit
    tens of megabytes in."""

    def __init__(self, fh: BinaryIO) -> None:
        self.fh = fh

    def read(self, offset: int, size: int) -> bytes:
        self.fh.seek(offset)
        data = self.fh.read(size)
        if len(data) < size:
            raise ValueError("truncated font file")
        return data


def _read_names(reader: _Reader, offset: int, length: int) -> set[str]:
    data = reader.read(offset, min(length, 1 << 20))
    names: set[str] = set()
    _fmt, count, string_offset = struct.unpack_from(">HHH", data, 0)
    for i in range(count):
        rec = 6 + i * 12
        if rec + 12 > len(data):
            break
        platform, encoding, _lang, name_id, size, str_off = struct.unpack_from(">HHHHHH", data, rec)
        if name_id not in (1, 4, 16):
            continue
        raw = data[string_offset + str_off : string_offset + str_off + size]
        try:
            if platform in (0, 3):
                names.add(raw.decode("utf-16-be").strip())
            elif platform == 1 and encoding == 0:
                names.add(raw.decode("latin-1").strip())
        except UnicodeDecodeError:
            continue
    names.discard("")
    return names


def _face_at(reader: _Reader, offset: int, index: int) -> FaceInfo:
    num_tables = struct.unpack(">H", reader.read(offset + 4, 2))[0]
    directory = reader.read(offset + 12, num_tables * 16)
    tables: dict[bytes, tuple[int, int]] = {}
    for i in range(num_tables):
        tag, _checksum, t_off, t_len = struct.unpack_from(">4sIII", directory, i * 16)
        tables[tag] = (t_off, t_len)
    if b"glyf" in tables:
        outline: Outline = "truetype"
    elif b"CFF " in tables or b"CFF2" in tables:
        outline = "cff"
    else:
        outline = "unknown"
    names = _read_names(reader, *tables[b"name"]) if b"name" in tables else set()
    family = sorted(names, key=lambda n: (not n.isascii(), len(n)))[0] if names else ""
    return FaceInfo(index, family, frozenset(names), outline)


def read_faces(path: Path) -> list[FaceInfo]:
    """Faces of a font file with their outline kind, from the table directory and the name table only
    (never the glyph data, so it is quick even for 20 MB collections)."""
    with path.open("rb") as fh:
        reader = _Reader(fh)
        head = reader.read(0, 12)
        tag = head[:4]
        if tag == b"ttcf":
            count = struct.unpack_from(">I", head, 8)[0]
            offsets = struct.unpack(f">{count}I", reader.read(12, 4 * count))
            return [_face_at(reader, off, i) for i, off in enumerate(offsets)]
        if tag in (b"\x00\x01\x00\x00", b"true", b"OTTO"):
            return [_face_at(reader, 0, 0)]
    raise ValueError("not a TrueType/OpenType font")


# --- finding files ------------------------------------------------------------------------------


OFFICE_FONTS_FOLDER = "fonts"


def office_font_dir(data_root: Path | None = None) -> Path:
    """<data folder>/fonts: where an office can drop font files (simfang.ttf, a 小标宋) without
    installing them system-wide; searched before the system folders."""
    if data_root is None:
        from app.paths import resolve_data_paths

        data_root = resolve_data_paths().root
    return data_root / OFFICE_FONTS_FOLDER


def default_font_dirs(data_root: Path | None = None) -> list[Path]:
    home = Path.home()
    dirs: list[Path] = [office_font_dir(data_root)]
    if sys.platform.startswith("win"):
        windir = os.environ.get("WINDIR", r"C:\Windows")
        dirs.append(Path(windir) / "Fonts")
        local = os.environ.get("LOCALAPPDATA")
        if local:
            dirs.append(Path(local) / "Microsoft" / "Windows" / "Fonts")
    elif sys.platform == "darwin":
        dirs += [
            Path("/System/Library/Fonts"),
            Path("/System/Library/Fonts/Supplemental"),
            Path("/Library/Fonts"),
            home / "Library" / "Fonts",
        ]
    dirs += [
        Path("/usr/share/fonts"),
        Path("/usr/local/share/fonts"),
        home / ".fonts",
        home / ".local" / "share" / "fonts",
    ]
    return dirs


_FONT_SUFFIXES = {".ttf", ".ttc", ".otf", ".otc"}


def index_font_files(dirs: Iterable[Path]) -> dict[str, Path]:
    """Lower-cased file name -> path, first directory wins (user folders come after system ones, but an
    office can pass its own folder first)."""
    found: dict[str, Path] = {}
    for root in dirs:
        try:
            if not root.is_dir():
                continue
        except OSError:
            continue
        for dirpath, _dirnames, filenames in os.walk(root):
            for name in filenames:
                if Path(name).suffix.lower() in _FONT_SUFFIXES:
                    found.setdefault(name.lower(), Path(dirpath) / name)
    return found


# --- registration -------------------------------------------------------------------------------

_lock = threading.Lock()
_registered: dict[tuple[str, int], str] = {}


def _font_name(label: str, path: Path, index: int) -> str:
    safe = "".join(ch for ch in label if ch.isascii() and ch.isalnum()) or "CJK"
    stem = "".join(ch for ch in path.stem if ch.isascii() and ch.isalnum())
    digest = hashlib.sha1(str(path).encode("utf-8")).hexdigest()[:6]  # same file name, other folder
    return f"UI-{safe}-{stem}-{index}-{digest}"


def register_truetype(label: str, path: Path, index: int) -> str:
    """Registers a face with ReportLab once per process; subsets are embedded when a PDF uses it."""
    key = (str(path), index)
    with _lock:
        if key in _registered:
            return _registered[key]
        name = _font_name(label, path, index)
        pdfmetrics.registerFont(TTFont(name, str(path), subfontIndex=index))
        _registered[key] = name
        return name


def register_cid_fallback() -> str:
    with _lock:
        if CID_FALLBACK not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(UnicodeCIDFont(CID_FALLBACK))
    return CID_FALLBACK


def _try_candidate(
    role: Role, cand: Candidate, files: Mapping[str, Path], skipped: list[str], seen_bad: set[str],
    register: bool = True,
) -> ResolvedFont | None:
    for filename in cand.files:
        path = files.get(filename.lower())
        if path is None:
            continue
        key = f"{path}#{cand.family}"
        if key in seen_bad:
            return None
        try:
            faces = read_faces(path)
        except (OSError, ValueError, struct.error) as exc:
            seen_bad.add(key)
            skipped.append(f"{path.name}：无法读取（{exc}）")
            continue
        face = _pick_face(faces, cand.family)
        if face is None and cand.official:
            face = faces[0] if faces else None  # the official file name is what counts
        if face is None:
            continue
        if face.outline != "truetype":
            seen_bad.add(key)
            skipped.append(f"{path.name}（{face.family or cand.label}）：CFF/PostScript 轮廓，ReportLab 无法嵌入，已跳过")
            continue
        if not register:
            name = _font_name(cand.label, path, face.index)
            return ResolvedFont(
                role=role, name=name, label=cand.label + ("（加粗代替小标宋）" if cand.bold else ""), path=path,
                subfont_index=face.index, embedded=True, official=cand.official, bold=cand.bold,
            )
        try:
            name = register_truetype(cand.label, path, face.index)
        except (TTFError, OSError, ValueError, struct.error) as exc:
            seen_bad.add(key)
            skipped.append(f"{path.name}：{exc}")
            continue
        return ResolvedFont(
            role=role, name=name, label=cand.label + ("（加粗代替小标宋）" if cand.bold else ""), path=path, subfont_index=face.index,
            embedded=True, official=cand.official, bold=cand.bold,
        )
    return None


def _pick_face(faces: Sequence[FaceInfo], family: str | None) -> FaceInfo | None:
    if not faces:
        return None
    if family is None:
        return faces[0]
    wanted = family.casefold()
    for face in faces:
        if any(n.casefold() == wanted for n in face.names):
            return face
    for face in faces:
        if any(n.casefold().startswith(wanted) for n in face.names):
            return face
    return faces[0] if len(faces) == 1 else None


def find_fonts(
    dirs: Sequence[Path] | None = None,
    *,
    official: bool = True,
    system: bool = True,
    data_root: Path | None = None,
    register: bool = True,
) -> FontSet:
    """Resolves every role. `register=False` reads only the files' headers and leaves ReportLab's
    parse of the glyph tables (seconds for the CJK faces) to the first document: `check` uses it, and
    `check --deep` registers as documents do. `dirs` replaces the default search folders (the office's font folder under
    `data_root`, then the system's; tests pass an empty folder to see the STSong-Light fallback);
    `official`/`system` switch tiers off."""
    files = index_font_files(default_font_dirs(data_root) if dirs is None else dirs)
    skipped: list[str] = []
    seen_bad: set[str] = set()
    fonts: dict[Role, ResolvedFont] = {}
    for role in ROLES:
        tiers: list[tuple[Candidate, ...]] = []
        if official:
            tiers.append(OFFICIAL[role])
        if system:
            tiers.append(SYSTEM[role])
        resolved: ResolvedFont | None = None
        for tier in tiers:
            for cand in tier:
                resolved = _try_candidate(role, cand, files, skipped, seen_bad, register)
                if resolved is not None:
                    break
            if resolved is not None:
                break
        if resolved is None:
            resolved = ResolvedFont(
                role=role, name=register_cid_fallback() if register else CID_FALLBACK, label=f"{CID_FALLBACK}（内置，未嵌入）",
                embedded=False, bold=role == "xiaobiaosong",
            )
        fonts[role] = resolved
    for note in skipped:
        log.info("font skipped: %s", note)
    fallback_files = [
        (cand, files[name.lower()]) for cand in FALLBACK for name in cand.files[:1] if name.lower() in files
    ]
    return FontSet(fonts=fonts, skipped=list(dict.fromkeys(skipped)), fallback_files=fallback_files)


_default: FontSet | None = None


def resolved_fonts() -> FontSet | None:
    """The process-wide font set if something already resolved it (the GUI's warm-up, a document)."""
    with _lock:
        return _default


def default_fonts() -> FontSet:
    """The process-wide font set, resolved on first use (a folder walk and a few header reads)."""
    global _default
    with _lock:
        current = _default
    if current is None:
        current = find_fonts()
        with _lock:
            _default = current
    return current


def font_report(fonts: FontSet, data_root: Path | None = None) -> list[tuple[Literal["ok", "warn"], str]]:
    """Lines for `union-inspector check` and the settings page: what each role is set in, said as it
    is (a role with no face of its own is a warning naming the stand-in, never a tick), then what an
    office can do about it."""
    office_dir = office_font_dir(data_root)
    lines: list[tuple[Literal["ok", "warn"], str]] = []
    wanted = {"fangsong": "仿宋", "heiti": "黑体", "kaiti": "楷体", "xiaobiaosong": "小标宋", "song": "宋体"}
    substituted: list[str] = []
    for role in ROLES:
        f = fonts[role]
        where = f" — {f.path}" if f.path else ""
        if f.official:
            lines.append(("ok", f"{ROLE_LABELS[role]}：{f.label}{where}"))
        else:
            substituted.append(wanted[role])
            lines.append(("warn", f"{ROLE_LABELS[role]}：本机没有{wanted[role]}字体，以 {f.label} 代替{where}"))
    for note in fonts.skipped:
        lines.append(("ok", f"已跳过 {note}"))
    if any(fonts[r].is_cid_fallback for r in ROLES):
        used = "、".join(ROLE_LABELS[r] for r in ROLES if fonts[r].is_cid_fallback)
        lines.append(("warn", f"{used} 使用内置 {CID_FALLBACK}，字体不嵌入 PDF，其他电脑打开时会被替换；"
                              f"请安装仿宋、黑体、楷体等 TrueType 字体，或将字体文件放入 {office_dir}"))
    if substituted:
        lines.append(("warn", f"函件以代替字体排版，不完全符合 GB/T 9704-2012；可将{'、'.join(substituted)}字体文件"
                              f"（如 simfang.ttf）放入 {office_dir}"))
    if fonts.fallback_files:
        names = "、".join(dict.fromkeys(c.label for c, _p in fonts.fallback_files))
        lines.append(("ok", f"生僻字后备字体：{names}"))
    else:
        lines.append(("warn", "没有生僻字后备字体：正文字体缺少的字（如“𠮷”）将无法发出，请安装 fonts-hanazono 等字体"))
    return lines


# --- characters a face lacks ----------------------------------------------------------------------


def covers(font_name: str, char: str) -> bool:
    """Whether the registered font has a glyph for the character (its cmap); the built-in CID font
    covers the basic plane's Chinese but nothing beyond it."""
    font = pdfmetrics.getFont(font_name)
    face = getattr(font, "face", None)
    cmap = getattr(face, "charToGlyph", None)
    if isinstance(cmap, dict):
        return ord(char) in cmap
    return ord(char) <= 0xFFFF


def _fallbacks(fonts: FontSet) -> list[ResolvedFont]:
    if fonts._fallbacks is None:
        out: list[ResolvedFont] = []
        for cand, path in fonts.fallback_files:
            try:
                faces = read_faces(path)
                face = _pick_face(faces, cand.family) or (faces[0] if faces else None)
                if face is None or face.outline != "truetype":
                    continue
                name = register_truetype(cand.label, path, face.index)
            except (TTFError, OSError, ValueError, struct.error) as exc:
                log.info("fallback font skipped: %s (%s)", path, exc)
                continue
            out.append(ResolvedFont(role="song", name=name, label=cand.label, path=path, subfont_index=face.index))
        fonts._fallbacks = out
    return fonts._fallbacks


def _needs_glyph(char: str) -> bool:
    return not char.isspace() and ord(char) >= 0x20


def fallback_runs(fonts: FontSet, role: Role, text: str) -> list[tuple[str, str]]:
    """The text cut into (font name, run) pieces: each character drawn with the role's face when it
    has the glyph, else with the first fallback face that has it, else with the role's face (and
    `missing_glyphs` reports it before the letter is issued)."""
    primary = fonts[role].name
    runs: list[tuple[str, str]] = []
    for char in text:
        name = primary
        if _needs_glyph(char) and not covers(primary, char):
            for fb in _fallbacks(fonts):
                if covers(fb.name, char):
                    name = fb.name
                    break
        if runs and runs[-1][0] == name:
            runs[-1] = (name, runs[-1][1] + char)
        else:
            runs.append((name, char))
    return runs


def missing_glyphs(fonts: FontSet, text: str, roles: Sequence[Role] = ("fangsong",)) -> list[str]:
    """Characters of the text that neither the roles' faces nor any fallback face can draw: they would
    print as empty boxes, so issuing is refused until a font with them is installed."""
    out: list[str] = []
    for char in dict.fromkeys(text):
        if not _needs_glyph(char) or char in out:
            continue
        if all(covers(fonts[r].name, char) for r in roles):
            continue
        if any(covers(fb.name, char) for fb in _fallbacks(fonts)):
            continue
        out.append(char)
    return out


def body_font_name() -> str:
    """The registered font other PDFs (route sheets, reports) can draw Chinese text with: the letters'
    body face, so every document of the program looks alike."""
    return default_fonts()["fangsong"].name

"""Addresses to positions, behind one interface: the office's gazetteer (地名地址/门牌 list) matched
offline, an online provider the office configures (天地图 geocoding with its key) used only when
there is a network, and a pin placed by hand. Results of the online provider are cached in the store,
so an address is asked for once.

Imported enterprise lists carry addresses and no coordinates; without this the heat map and routes
work only for rows someone placed by hand. Where no position can be found, the grid still follows from
the address: rules map a street or community to its grid."""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

import httpx
from sqlmodel import Session

from app.planning.readers import FileProblem, read_table
from app.store import geocoding as store

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]

TIANDITU_URL = "https://api.tianditu.gov.cn/geocoder"

_PREFIXES = re.compile(r"^(中国)?([^省市]{2,8}(省|自治区))?([^市]{2,8}市)?")
_SPACES = re.compile(r"[\s\u3000·,，。\-－—]+")
_CN_NUM = str.maketrans("零〇一二三四五六七八九", "00123456789")


def normalize_address(text: str) -> str:
    """One spelling for one place: full-width to half-width, no spaces or punctuation, province and
    city prefixes dropped (lists from different departments write them or not)."""
    value = unicodedata.normalize("NFKC", text or "").strip()
    value = _SPACES.sub("", value)
    value = _PREFIXES.sub("", value, count=1)
    return value.replace("號", "号")


def address_parts(address: str) -> tuple[str, str]:
    """(road, number): 文一路88号 → (文一路, 88). The number lets 文一路88号3幢 match 文一路88号."""
    norm = normalize_address(address)
    m = re.search(r"(.{2,}?(?:路|街|道|巷|弄|大道|里|村|组))([\d零〇一二三四五六七八九]+)号", norm)
    if not m:
        return norm, ""
    return m.group(1), m.group(2).translate(_CN_NUM).lstrip("0") or "0"


@dataclass(frozen=True)
class Located:
    lon: float
    lat: float
    source: str  # gazetteer | online | pin
    detail: str = ""  # what matched, for the user


class Geocoder(Protocol):
    source: str

    def locate(self, address: str) -> Located | None: ...


class GazetteerGeocoder:
    """The office's 地名地址 list: an exact match of the normalised address, else the same road and
    house number, else nothing (a road alone is too coarse to put a dot on a map)."""

    source = "gazetteer"

    def __init__(self, session: Session) -> None:
        self.session = session

    def locate(self, address: str) -> Located | None:
        norm = normalize_address(address)
        if not norm:
            return None
        hit = store.gazetteer_exact(self.session, norm)
        if hit is None:
            road, number = address_parts(address)
            if number:
                hit = store.gazetteer_house(self.session, road, number)
        if hit is None:
            return None
        return Located(hit.lon, hit.lat, self.source, hit.address)


class OnlineError(RuntimeError):
    """The provider cannot be reached or refuses the key: stop asking for the rest of this run."""


class TiandituGeocoder:
    """天地图 geocoding (GET geocoder?ds={"keyWord": …}&tk=KEY). A result below the score the office
    accepts is not used. Every answer, found or not, is cached so the service is asked once."""

    source = "online"

    def __init__(self, session: Session, key: str, *, http: httpx.Client | None = None, url: str = TIANDITU_URL,
                 min_score: int = 60) -> None:
        self.session = session
        self.key = key
        self.http = http or httpx.Client(timeout=10)
        self.url = url
        self.min_score = min_score

    def locate(self, address: str) -> Located | None:
        norm = normalize_address(address)
        if not norm:
            return None
        cached = store.cached(self.session, "tianditu", norm)
        if cached is not None:
            return Located(cached.longitude, cached.latitude, self.source, "缓存") if cached.found else None
        try:
            response = self.http.get(self.url, params={"ds": json.dumps({"keyWord": address}, ensure_ascii=False),
                                                       "tk": self.key})
        except httpx.HTTPError:
            raise OnlineError("无法连接地理编码服务，已停止联网查询") from None
        if response.status_code in (401, 403):
            raise OnlineError("地理编码服务拒绝了密钥，请在设置中检查天地图密钥")
        if response.status_code != 200:
            raise OnlineError(f"地理编码服务暂时不可用（HTTP {response.status_code}）")
        try:
            data = response.json()
            location = data.get("location") or {}
            found = str(data.get("status")) == "0" and float(location.get("score", 0)) >= self.min_score
            lon, lat = float(location.get("lon", 0)), float(location.get("lat", 0))
        except (ValueError, TypeError, AttributeError):
            found, lon, lat = False, 0.0, 0.0
        if found and not (-180 <= lon <= 180 and -90 <= lat <= 90):
            found = False
        store.remember(self.session, "tianditu", norm, lon, lat, found)
        return Located(lon, lat, self.source, "天地图") if found else None


@dataclass
class GeocodeReport:
    tried: int = 0
    located: int = 0
    by_source: dict[str, int] = field(default_factory=dict)
    unplaced: int = 0
    grids_assigned: int = 0
    stopped: str = ""  # why the online provider was given up, if it was

    @property
    def sentence(self) -> str:
        parts = [f"查找 {self.tried} 家企业，定位 {self.located} 家"]
        if self.grids_assigned:
            parts.append(f"按地址规则分配网格 {self.grids_assigned} 家")
        parts.append(f"仍有 {self.unplaced} 家没有位置")
        text = "，".join(parts) + "。"
        return text + (self.stopped + "。" if self.stopped else "")


def geocode_missing(session: Session, geocoders: Sequence[Geocoder], actor: str, *, limit: int | None = None,
                    progress: Progress | None = None, cancelled: Cancelled | None = None,
                    batch: int = 500) -> GeocodeReport:
    """Positions for the enterprises that have none, trying each geocoder in turn; positions are
    written in batches through the outbox, so a cancelled run keeps what it found so far."""
    rows = store.unplaced(session, limit=limit)
    report = GeocodeReport(tried=len(rows))
    active = list(geocoders)
    found: list[tuple[str, Located]] = []
    for i, (enterprise_id, address) in enumerate(rows, start=1):
        if cancelled is not None and cancelled():
            break
        for coder in list(active):
            try:
                hit = coder.locate(address)
            except OnlineError as exc:
                report.stopped = str(exc)
                active.remove(coder)
                continue
            if hit is not None:
                found.append((enterprise_id, hit))
                report.by_source[hit.source] = report.by_source.get(hit.source, 0) + 1
                break
        if len(found) >= batch:
            store.set_positions(session, [(eid, h.lon, h.lat, h.source) for eid, h in found], actor)
            report.located += len(found)
            found = []
        if progress is not None:
            progress(i, len(rows))
    if found:
        store.set_positions(session, [(eid, h.lon, h.lat, h.source) for eid, h in found], actor)
        report.located += len(found)
    report.grids_assigned = store.assign_grids_by_rules(session, actor)
    report.unplaced = store.count_unplaced(session)
    return report


@dataclass(frozen=True)
class GazetteerImport:
    rows: int
    skipped: list[str]


_ADDRESS_HEADERS = ("标准地址", "门牌地址", "地址", "地名", "address")
_LON_HEADERS = ("经度", "lon", "lng", "longitude", "x")
_LAT_HEADERS = ("纬度", "lat", "latitude", "y")


def _column(header: Sequence[str], names: Iterable[str]) -> int | None:
    lowered = [h.strip().lower() for h in header]
    for name in names:
        if name.lower() in lowered:
            return lowered.index(name.lower())
    return None


def import_gazetteer(session: Session, path: Path, *, progress: Progress | None = None) -> GazetteerImport:
    """Reads a 地名地址 list (CSV or XLSX with 地址, 经度, 纬度 columns; 街道 and 社区 if present) and
    replaces the stored gazetteer with it. A bad file changes nothing; bad rows are named and skipped."""
    try:
        table = read_table(path)
    except FileProblem as exc:
        raise ValueError(str(exc)) from None
    header_index = next((i for i, row in enumerate(table.rows[:10])
                         if None not in (_column([str(c or "") for c in row], _ADDRESS_HEADERS),
                                         _column([str(c or "") for c in row], _LON_HEADERS),
                                         _column([str(c or "") for c in row], _LAT_HEADERS))), None)
    if header_index is None:
        raise ValueError(f"{path.name}：前 10 行里找不到同时有“地址”“经度”“纬度”三列的表头")
    header = [str(c or "") for c in table.rows[header_index]]
    addr, lon_i, lat_i = _column(header, _ADDRESS_HEADERS), _column(header, _LON_HEADERS), _column(header, _LAT_HEADERS)
    body = table.rows[header_index + 1:]
    street_i, community_i = _column(header, ("街道", "乡镇街道", "street")), _column(header, ("社区", "村社区", "community"))
    entries: list[store.GazetteerRow] = []
    skipped: list[str] = []
    for n, row in enumerate(body):
        line = header_index + 2 + n
        cells = [str(c) if c is not None else "" for c in row]
        address = cells[addr] if addr is not None and addr < len(cells) else ""
        try:
            lon = float(cells[lon_i]) if lon_i is not None else math_nan()
            lat = float(cells[lat_i]) if lat_i is not None else math_nan()
        except (ValueError, IndexError):
            skipped.append(f"{path.name} 第 {line} 行：经纬度不是数字")
            continue
        if not address.strip():
            skipped.append(f"{path.name} 第 {line} 行：地址为空")
            continue
        if not (73 <= lon <= 136 and 3 <= lat <= 54):
            skipped.append(f"{path.name} 第 {line} 行：经纬度 {lon}, {lat} 不在中国范围内（是否把经度和纬度写反了？）")
            continue
        road, number = address_parts(address)
        entries.append(store.GazetteerRow(normalize_address(address), road, number, lon, lat,
                                          cells[street_i] if street_i is not None and street_i < len(cells) else "",
                                          cells[community_i] if community_i is not None and community_i < len(cells) else "",
                                          address.strip()))
        if progress is not None and n % 1000 == 0:
            progress(n, len(body))
    if not entries:
        raise ValueError(f"{path.name}：没有一行可用的地名地址" + (f"（{skipped[0]}）" if skipped else ""))
    store.replace_gazetteer(session, entries, source=path.name, at=dt.datetime.now().isoformat(timespec="seconds"))
    return GazetteerImport(len(entries), skipped)


def math_nan() -> float:
    return float("nan")

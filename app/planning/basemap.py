"""The base map under the heat map and the routes: raster tiles in an MBTiles file (one SQLite file,
the format every tile tool writes), read offline. The office provides the file, or downloads the
district's tiles once while online; the demo district ships a small generated one.

Tiles are the usual Web Mercator XYZ scheme (MBTiles stores rows flipped, TMS style). Over a district
a few kilometres across, a tile is placed by its corner coordinates in the screen's local projection;
the error of doing so is far below a pixel at street zoom levels."""

from __future__ import annotations

import math
import sqlite3
import struct
import zlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from app.planning.geo import BBox

if TYPE_CHECKING:  # imported by `download` only: `check` reads the base map without a network stack
    import httpx

BASEMAP_FILE = "basemap.mbtiles"
TILE_SIZE = 256
MAX_DOWNLOAD_TILES = 20_000

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]


class BaseMapError(ValueError):
    """A tile file or download that cannot be used; the message is one sentence for the user."""


def tile_xy(lon: float, lat: float, zoom: int) -> tuple[int, int]:
    n = 2**zoom
    lat = max(-85.05112878, min(85.05112878, lat))
    x = int((lon + 180.0) / 360.0 * n)
    y = int((1.0 - math.asinh(math.tan(math.radians(lat))) / math.pi) / 2.0 * n)
    return max(0, min(n - 1, x)), max(0, min(n - 1, y))


def tile_bounds(x: int, y: int, zoom: int) -> tuple[float, float, float, float]:
    """(west, south, east, north) of an XYZ tile, in degrees."""
    n = 2**zoom

    def lat(row: int) -> float:
        return math.degrees(math.atan(math.sinh(math.pi * (1 - 2 * row / n))))

    return x / n * 360.0 - 180.0, lat(y + 1), (x + 1) / n * 360.0 - 180.0, lat(y)


def tiles_covering(box: BBox, zoom: int) -> Iterator[tuple[int, int]]:
    x0, y0 = tile_xy(box.min_lon, box.max_lat, zoom)
    x1, y1 = tile_xy(box.max_lon, box.min_lat, zoom)
    for x in range(x0, x1 + 1):
        for y in range(y0, y1 + 1):
            yield x, y


@dataclass(frozen=True)
class Tile:
    x: int
    y: int
    zoom: int
    data: bytes

    @property
    def bounds(self) -> tuple[float, float, float, float]:
        return tile_bounds(self.x, self.y, self.zoom)


@dataclass(frozen=True)
class BaseMapInfo:
    name: str
    min_zoom: int
    max_zoom: int
    bounds: BBox | None
    tiles: int
    attribution: str = ""


class MBTiles:
    """Read access to an MBTiles file (opened read-only: a base map is never changed by looking at it)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            self._conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
            self._conn.execute("SELECT zoom_level, tile_column, tile_row, tile_data FROM tiles LIMIT 1").fetchall()
        except sqlite3.Error:
            raise BaseMapError(f"“{path.name}”不是可用的底图文件（应为 MBTiles 格式）") from None

    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> MBTiles:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def metadata(self) -> dict[str, str]:
        try:
            return {str(k): str(v) for k, v in self._conn.execute("SELECT name, value FROM metadata")}
        except sqlite3.Error:
            return {}

    def info(self) -> BaseMapInfo:
        meta = self.metadata()
        row = self._conn.execute("SELECT min(zoom_level), max(zoom_level), count(*) FROM tiles").fetchone()
        bounds = None
        try:
            w, s, e, n = (float(v) for v in meta.get("bounds", "").split(","))
            bounds = BBox(w, s, e, n)
        except ValueError:
            pass
        return BaseMapInfo(meta.get("name", self.path.stem), int(row[0] or 0), int(row[1] or 0), bounds,
                           int(row[2] or 0), meta.get("attribution", ""))

    def zooms(self) -> list[int]:
        return [int(r[0]) for r in self._conn.execute("SELECT DISTINCT zoom_level FROM tiles ORDER BY 1")]

    def tile(self, x: int, y: int, zoom: int) -> bytes | None:
        tms_row = 2**zoom - 1 - y
        row = self._conn.execute(
            "SELECT tile_data FROM tiles WHERE zoom_level = ? AND tile_column = ? AND tile_row = ?", (zoom, x, tms_row)
        ).fetchone()
        return bytes(row[0]) if row else None

    def best_zoom(self, box: BBox, pixels_across: int) -> int | None:
        """The stored zoom whose tiles come closest to one tile pixel per screen pixel."""
        zooms = self.zooms()
        if not zooms:
            return None
        span = max(box.max_lon - box.min_lon, 1e-6)
        wanted = math.log2(max(1.0, pixels_across) * 360.0 / (span * TILE_SIZE))
        return min(zooms, key=lambda z: (abs(z - wanted), -z))

    def tiles_for(self, box: BBox, zoom: int, limit: int = 400) -> list[Tile]:
        out: list[Tile] = []
        for x, y in tiles_covering(box, zoom):
            data = self.tile(x, y, zoom)
            if data:
                out.append(Tile(x, y, zoom, data))
            if len(out) >= limit:
                break
        return out


def open_basemap(path: Path | None) -> MBTiles | None:
    if path is None or not path.is_file():
        return None
    try:
        return MBTiles(path)
    except BaseMapError:
        return None


# Writing ----------------------------------------------------------------------------------------------


def _create(path: Path, name: str, box: BBox, zooms: Sequence[int], attribution: str) -> sqlite3.Connection:
    conn = sqlite3.connect(path)
    conn.executescript(
        "CREATE TABLE metadata (name TEXT, value TEXT);"
        "CREATE TABLE tiles (zoom_level INTEGER, tile_column INTEGER, tile_row INTEGER, tile_data BLOB);"
        "CREATE UNIQUE INDEX tile_index ON tiles (zoom_level, tile_column, tile_row);"
    )
    meta = {
        "name": name, "format": "png", "type": "baselayer", "version": "1",
        "bounds": f"{box.min_lon},{box.min_lat},{box.max_lon},{box.max_lat}",
        "minzoom": str(min(zooms)), "maxzoom": str(max(zooms)), "attribution": attribution,
    }
    conn.executemany("INSERT INTO metadata VALUES (?, ?)", list(meta.items()))
    return conn


def download(url_template: str, box: BBox, zooms: Sequence[int], target: Path, *, name: str = "底图",
             attribution: str = "", http: httpx.Client | None = None, progress: Progress | None = None,
             cancelled: Cancelled | None = None) -> BaseMapInfo:
    """Fetches every tile of the district once, into a new MBTiles file that replaces `target` only
    when complete. `url_template` has {x}, {y} and {z} (and the office's key written into it)."""
    if not all(part in url_template for part in ("{x}", "{y}", "{z}")):
        raise BaseMapError("瓦片地址需要包含 {x}、{y}、{z} 三个占位符")
    wanted = [(x, y, z) for z in zooms for x, y in tiles_covering(box, z)]
    if not wanted:
        raise BaseMapError("下载范围是空的")
    if len(wanted) > MAX_DOWNLOAD_TILES:
        raise BaseMapError(f"范围内共 {len(wanted)} 张瓦片，超过 {MAX_DOWNLOAD_TILES} 张；请缩小范围或减少缩放级别")
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    import httpx

    conn = _create(partial, name, box, zooms, attribution)
    client = http or httpx.Client(timeout=20, follow_redirects=True)
    try:
        for done, (x, y, z) in enumerate(wanted, start=1):
            if cancelled is not None and cancelled():
                raise BaseMapError("下载已取消，原有底图未改动")
            url = url_template.replace("{x}", str(x)).replace("{y}", str(y)).replace("{z}", str(z))
            try:
                response = client.get(url)
            except httpx.HTTPError:
                raise BaseMapError("无法连接瓦片服务器，请检查网络后再试；原有底图未改动") from None
            if response.status_code != 200 or not response.content:
                raise BaseMapError(f"瓦片服务器拒绝了请求（HTTP {response.status_code}），请检查地址和密钥")
            conn.execute("INSERT INTO tiles VALUES (?, ?, ?, ?)", (z, x, 2**z - 1 - y, response.content))
            if progress is not None:
                progress(done, len(wanted))
        conn.commit()
    except BaseException:
        conn.close()
        partial.unlink(missing_ok=True)
        raise
    finally:
        if http is None:
            client.close()
    conn.close()
    partial.replace(target)
    with MBTiles(target) as tiles:
        return tiles.info()


def install(source: Path, target: Path) -> BaseMapInfo:
    """Copies an office-provided MBTiles file into the data folder after checking it is one."""
    with MBTiles(source) as tiles:
        info = tiles.info()
    if info.tiles == 0:
        raise BaseMapError(f"“{source.name}”里没有瓦片")
    partial = target.with_name(target.name + ".partial")
    partial.write_bytes(source.read_bytes())
    partial.replace(target)
    return info


# The demo's generated map -----------------------------------------------------------------------------


def _png(width: int, height: int, rows: Sequence[bytes]) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    raw = b"".join(b"\x00" + row for row in rows)
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")


LAND = bytes((242, 239, 233))
BLOCK = bytes((233, 229, 220))
ROAD = bytes((255, 255, 255))
MAIN_ROAD = bytes((253, 226, 147))
WATER = bytes((170, 211, 223))
PARK = bytes((200, 225, 190))


def _demo_tile(x: int, y: int, zoom: int) -> bytes:
    """A plausible town plan drawn from coordinates alone: a street grid every ~150 m, main roads every
    ~600 m, a river and a park, so the same place looks the same at every zoom."""
    west, south, east, north = tile_bounds(x, y, zoom)
    rows = []
    for py in range(TILE_SIZE):
        lat = north - (north - south) * (py + 0.5) / TILE_SIZE
        row = bytearray()
        for px in range(TILE_SIZE):
            lon = west + (east - west) * (px + 0.5) / TILE_SIZE
            mx, my = lon * 96_000.0, lat * 111_000.0  # metres, near 30°N
            river = abs(my - 3_361_500.0 - 300.0 * math.sin(mx / 900.0)) < 45.0
            park = (mx % 2400.0) < 500.0 and (my % 2100.0) < 400.0
            main = (mx % 600.0) < 14.0 or (my % 600.0) < 14.0
            street = (mx % 150.0) < 6.0 or (my % 150.0) < 6.0
            if river:
                row += WATER
            elif main:
                row += MAIN_ROAD
            elif street:
                row += ROAD
            elif park:
                row += PARK
            else:
                row += BLOCK if (int(mx // 150) + int(my // 150)) % 3 else LAND
        rows.append(bytes(row))
    return _png(TILE_SIZE, TILE_SIZE, rows)


def make_demo_basemap(box: BBox, zooms: Sequence[int], target: Path) -> BaseMapInfo:
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    conn = _create(partial, "示范区演示底图", box, zooms, "演示用生成底图，非真实地理数据")
    for z in zooms:
        for x, y in tiles_covering(box, z):
            conn.execute("INSERT INTO tiles VALUES (?, ?, ?, ?)", (z, x, 2**z - 1 - y, _demo_tile(x, y, z)))
    conn.commit()
    conn.close()
    partial.replace(target)
    with MBTiles(target) as tiles:
        return tiles.info()

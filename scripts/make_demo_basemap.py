"""Writes the demo district's generated base map (resources/basemap/demo.mbtiles). Run again only when
the demo district moves; the file is committed so the demo needs no network and no generation time."""

from __future__ import annotations

import sys
from pathlib import Path

from app.planning.basemap import make_demo_basemap
from app.planning.geo import BBox

# The demo district's grids span lon 120.095–120.215, lat 30.244–30.314 (app/demo/district.py).
DEMO_BOX = BBox(120.085, 30.236, 120.225, 30.322)

if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("resources/basemap/demo.mbtiles")
    info = make_demo_basemap(DEMO_BOX, [12, 13, 14, 15], target)
    print(f"{target}: {info.tiles} tiles, zoom {info.min_zoom}-{info.max_zoom}, {target.stat().st_size // 1024} KiB")

"""The demo's addresses and map: its generated base map in the data folder, a few enterprises as an
imported list leaves them (an address, no position), a small gazetteer that finds most of them, and
grid rules by road name."""

from __future__ import annotations

import random
import shutil
from pathlib import Path

from sqlmodel import Session, col, select

from app import resources
from app.planning.basemap import BASEMAP_FILE
from app.planning.geocode import address_parts, normalize_address
from app.store import changes
from app.store import geocoding as store
from app.store.tables import Enterprise, Grid

DEMO_ACTOR = "demo"


def install_basemap(data_dir: Path) -> bool:
    """Copies the shipped demo base map into the data folder, unless one is there already."""
    source = resources.resources_dir() / "basemap" / "demo.mbtiles"
    target = data_dir / BASEMAP_FILE
    if target.exists() or not source.is_file():
        return False
    shutil.copyfile(source, target)
    return True


def extend_demo(session: Session, rng: random.Random) -> str:
    firms = list(session.exec(select(Enterprise).where(col(Enterprise.deleted).is_(False),
                                                        col(Enterprise.longitude).is_not(None))
                              .order_by(col(Enterprise.name)).limit(400)))
    if not firms:
        return ""
    chosen = rng.sample(firms, min(12, len(firms)))
    gazetteer = []
    for n, firm in enumerate(chosen):
        if n < 9:  # the gazetteer knows where most of them are
            road, number = address_parts(firm.address)
            gazetteer.append(store.GazetteerRow(normalize_address(firm.address), road, number, float(firm.longitude or 0),
                                                float(firm.latitude or 0), "", "", firm.address))
        changes.update(session, firm, {"longitude": None, "latitude": None, "position_source": ""}, DEMO_ACTOR)
    store.replace_gazetteer(session, gazetteer, source="示范区地名地址（演示）", at="演示数据")
    grids = list(session.exec(select(Grid).where(col(Grid.deleted).is_(False)).order_by(col(Grid.code))))
    roads = sorted({address_parts(f.address)[0].replace("示范区", "") for f in firms if address_parts(f.address)[1]})
    for i, road in enumerate(roads[: len(grids)]):
        store.add_rule(session, road, grids[i].id, DEMO_ACTOR, note="演示规则")
    return f"{len(chosen)} 家企业待定位，地名地址库 {len(gazetteer)} 条"

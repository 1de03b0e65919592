"""A district on the server for the web pages' tests and benchmarks, written straight into the record
table (as pushes would leave it): inspectors, enterprises, visits, matters with steps, letters with a
PDF blob, and 12351 orders, spread over the seeded grids."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import random
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.server.db import ServerDB
from app.server.records import RecordWriter

PDF_BYTES = b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


@dataclass
class District:
    enterprises: list[str] = field(default_factory=list)
    matters: list[str] = field(default_factory=list)
    letters: list[str] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)
    names: dict[str, str] = field(default_factory=dict)
    grid_of: dict[str, str] = field(default_factory=dict)


def _id(rng: random.Random) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def seed_district(
    db: ServerDB,
    grids: dict[str, str],  # grid id -> inspector account
    *,
    enterprises: int = 40,
    visits_per: float = 2.0,
    blob_dir: Path | None = None,
    today: dt.date | None = None,
    seed: int = 15,
    chunk: int = 5000,
    sink: Callable[[list[tuple[str, str, dict[str, Any], str | None]]], None] | None = None,
) -> District:
    """`sink` takes each batch of (entity, id, data, grid) instead of the server's record writer (the
    benchmark's bulk loader)."""
    rng = random.Random(seed)
    today = today or dt.date.today()
    out = District()
    inspectors: dict[str, str] = {}
    batch: list[tuple[str, str, dict[str, Any], str | None]] = []

    def flush() -> None:
        if sink is not None:
            sink(batch)
            batch.clear()
            return
        with db.write(serialize=True) as session:
            writer = RecordWriter(session)
            for entity, rid, data, grid in batch:
                writer.write(entity=entity, entity_id=rid, existing=None, data=data, deleted=False, grid_id=grid,
                             fields=sorted(data), user="seed", device_id="", mutation_id="")
            writer.flush()
        batch.clear()

    def add(entity: str, data: dict[str, Any], grid: str | None, rid: str | None = None) -> str:
        rid = rid or _id(rng)
        batch.append((entity, rid, data, grid))
        if len(batch) >= chunk:
            flush()
        return rid

    for n, (grid, account) in enumerate(grids.items(), start=1):
        inspectors[grid] = add("inspector", {"name": f"网格员{n}号", "account": account, "phone": "", "role": "inspector",
                                             "title": "网格员", "active": True}, None)
    sha = ""
    if blob_dir is not None:
        sha = hashlib.sha256(PDF_BYTES).hexdigest()
        target = blob_dir / sha[:2] / sha
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(PDF_BYTES)
    grid_ids = list(grids)
    industries = ["制造业", "建筑业", "批发零售", "餐饮", "物流"]
    for i in range(enterprises):
        grid = grid_ids[i % len(grid_ids)]
        established = i % 3 == 0
        day = today - dt.timedelta(days=rng.randint(0, 400))
        name = f"示例{['机械', '食品', '物流', '电子', '建材'][i % 5]}有限公司{i:06d}"
        eid = add("enterprise", {
            "name": name, "credit_code": f"91310000MA{i:08d}", "credit_code_status": "valid",
            "address": f"示例路{i}号", "grid_id": grid, "industry": industries[i % 5], "headcount": 20 + i % 300,
            "union_status": "established" if established else ("preparing" if i % 3 == 1 else "none"),
            "union_established_date": day.isoformat() if established else None,
            "member_count": 10 + i % 50 if established else None, "legal_rep": "张三", "contact_name": "李四",
            "contact_phone": "13800000000", "longitude": None, "latitude": None, "notes": "",
        }, grid)
        out.enterprises.append(eid)
        out.names[eid] = name
        out.grid_of[eid] = grid
        visits = int(visits_per) + (1 if rng.random() < visits_per - int(visits_per) else 0)
        for _ in range(visits):
            vday = today - dt.timedelta(days=rng.randint(0, 330))
            add("visit", {"enterprise_id": eid, "grid_id": grid, "inspector_id": inspectors[grid], "form_id": "visit",
                          "form_version": 1, "answers": json.dumps({"q1": "是", "q2": "已了解职工诉求"}, ensure_ascii=False),
                          "status": "submitted" if rng.random() < 0.9 else "draft",
                          "visit_date": vday.isoformat(), "summary": f"走访{name}，了解建会意愿"}, grid)
        if i % 3 == 0:
            opened = today - dt.timedelta(days=rng.randint(0, 200))
            mid = add("matter", {
                "enterprise_id": eid, "grid_id": grid, "source": "visit", "source_ref": "", "category": "wage_arrears",
                "title": f"拖欠工资线索{i}", "facts": "职工反映工资延迟发放", "legal_basis": "", "demand": "按时足额发放工资",
                "status": "rectifying" if i % 6 == 0 else "open", "opened_on": opened.isoformat(),
                "deadline": (opened + dt.timedelta(days=30)).isoformat(), "verified_on": None, "closed_on": None,
                "verification_note": "", "verified_by": "", "inspector_id": inspectors[grid], "informant": "",
            }, grid)
            out.matters.append(mid)
            add("matter_event", {"matter_id": mid, "grid_id": grid, "at": f"{opened.isoformat()}T09:00:00+00:00",
                                 "actor": grids[grid], "action": "open", "from_status": "", "to_status": "open",
                                 "note": "立项", "data": "{}"}, grid)
            att = add("attachment", {"owner_table": "letter", "owner_id": "", "grid_id": grid, "kind": "letter_pdf",
                                     "sha256": sha, "filename": "letter.pdf", "mime": "application/pdf",
                                     "size": len(PDF_BYTES), "caption": "", "field_id": ""}, grid)
            lid = add("letter", {
                "matter_id": mid, "enterprise_id": eid, "grid_id": grid, "kind": "tips",
                "number": f"工监提〔{opened.year}〕{i + 1}号", "number_provisional": False, "title": "工会劳动法律监督提示函",
                "body": "{}", "addressee": name, "status": "issued", "issued_on": opened.isoformat(),
                "pdf_attachment_id": att if sha else None,
            }, grid)
            out.letters.append(lid)
        if i % 50 == 1:
            candidates = [{"source": "market", "value": f"市场监管登记地址{i}号", "as_of": "2026-01-01"},
                          {"source": "tax", "value": f"税务登记地址{i}号", "as_of": "2026-02-01"}]
            out.conflicts.append(add("field_conflict", {
                "enterprise_id": eid, "grid_id": grid, "field": "address",
                "candidates": json.dumps(candidates, ensure_ascii=False), "status": "open", "chosen_value": "",
                "detected_at": f"{today.isoformat()}T08:00:00", "resolved_at": "", "resolved_by": "",
            }, grid))
        if i % 5 == 0:
            got = today - dt.timedelta(days=rng.randint(0, 200))
            add("work_order", {
                "number": f"12351-{got:%Y%m%d}-{i:05d}", "caller_name": "王五", "caller_phone": "13900000000",
                "enterprise_id": eid, "enterprise_name": name, "category": "求决类", "topic": "工资待遇",
                "content": "反映加班费未发", "level": "ordinary", "grid_id": grid,
                "status": "replied" if i % 10 == 0 else "dispatched",
                "received_at": f"{got.isoformat()}T10:00:00", "due_date": (got + dt.timedelta(days=5)).isoformat(),
                "replied_at": None, "reply": "", "callback_result": "", "satisfaction": "", "matter_id": None,
            }, grid)
    if batch:
        flush()
    return out

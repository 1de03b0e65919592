"""The newer record kinds for the web pages' tests, written into the record table as pushes would
leave them: a union with founding steps and members, legal cases with parties, steps and a referral
(one in grid B mediated by grid A's inspector), a reception, and a legislative consultation with a
task, a meeting and a suggestion."""

from __future__ import annotations

import datetime as dt
import json
import uuid
from dataclasses import dataclass, field
from typing import Any

from sqlmodel import select

from app.server.db import ServerDB
from app.server.records import RecordWriter
from app.server.tables import Record
from tests.support.web_seed import District

ID_NUMBER = "110101199003071234"
PHONE = "13812345678"


@dataclass
class Newer:
    unions: list[str] = field(default_factory=list)
    members: list[str] = field(default_factory=list)
    cases: list[str] = field(default_factory=list)
    mediated_case: str = ""
    consultation: str = ""
    suggestion: str = ""


def seed_newer(db: ServerDB, grids: dict[str, str], district: District, today: dt.date | None = None) -> Newer:
    """`grids`: grid id -> inspector account, in the order seed_district was given them."""
    today = today or dt.date.today()
    out = Newer()
    rows: list[tuple[str, str, dict[str, Any], str | None]] = []

    def add(entity: str, data: dict[str, Any], grid: str | None) -> str:
        rid = str(uuid.uuid4())
        rows.append((entity, rid, data, grid))
        return rid

    with db.read() as session:
        inspectors = {json.loads(r.data)["account"]: r.id for r in session.exec(select(Record).where(Record.entity == "inspector")).all()}
    grid_ids = list(grids)
    dept = add("department", {"code": "RS", "name": "区人社局劳动保障监察大队", "active": True, "sort_order": 1}, None)
    for n, grid in enumerate(grid_ids):
        tag = "甲" if n == 0 else "乙"
        eid = next(e for e in district.enterprises if district.grid_of[e] == grid)
        uid = add("union_org", {
            "name": f"{tag}区快递行业联合工会", "form": "industry", "grid_id": grid, "address": f"{tag}区物流园1号",
            "chair_name": "赵建国", "committee_names": "", "contact_phone": PHONE, "status": "established",
            "founded_on": (today - dt.timedelta(days=60)).isoformat(), "current_step": "approval", "members": 2,
            "last_check_year": None, "last_check_percent": None, "longitude": None, "latitude": None, "notes": "",
        }, grid)
        out.unions.append(uid)
        for k, step in enumerate(("apply", "prep_group", "assembly", "approval")):
            add("union_step", {"union_id": uid, "grid_id": grid, "step": step,
                               "done_on": (today - dt.timedelta(days=90 - 10 * k)).isoformat(), "note": ""}, grid)
        for name in ("钱多多", "孙小美"):
            out.members.append(add("union_member", {
                "union_id": uid, "enterprise_id": eid, "grid_id": grid, "member_name": f"{name}{tag}",
                "id_number": ID_NUMBER, "phone": PHONE, "key_group": "courier",
                "joined_on": (today - dt.timedelta(days=30)).isoformat(), "new_member": True, "import_id": "",
            }, grid))
        mediator = inspectors[grids[grid_ids[0]]]  # grid A's inspector mediates both cases
        cid = add("legal_case", {
            "number": f"调〔{today.year}〕{n + 1}号", "kind": "mediation", "grid_id": grid, "enterprise_id": eid,
            "employer_name": district.names[eid], "category": "wage_arrears", "claim_note": "追讨三个月工资",
            "amount_claimed": 30000.0, "amount_recovered": 12000.0, "workers_involved": 3, "mediator_id": mediator,
            "lawyer": "", "status": "mediating", "outcome": "", "received_on": (today - dt.timedelta(days=20)).isoformat(),
            "closed_on": None, "matter_id": None, "work_order_id": None, "reception_id": None, "source": "manual",
        }, grid)
        out.cases.append(cid)
        if n == 1:
            out.mediated_case = cid
        add("case_party", {"case_id": cid, "grid_id": grid, "role": "worker", "person_name": f"周大力{tag}",
                           "id_number": ID_NUMBER, "phone": PHONE}, grid)
        add("case_step", {"case_id": cid, "grid_id": grid, "action": "mediate", "from_status": "received",
                          "to_status": "mediating", "step_date": (today - dt.timedelta(days=10)).isoformat(),
                          "actor": grids[grid_ids[0]], "step_note": "组织双方调解"}, grid)
        add("referral", {"grid_id": grid, "source_table": "legal_case", "source_id": cid, "department_id": dept,
                         "enterprise_id": eid, "subject": f"{tag}区欠薪案移送监察", "detail_note": "",
                         "sent_on": (today - dt.timedelta(days=5)).isoformat(), "due_on": None, "status": "sent",
                         "answered_on": None, "answer_note": "", "result": "", "closed_on": None, "sent_by": "olga"}, grid)
        add("reception", {"grid_id": grid, "received_at": f"{today.isoformat()}T09:30:00", "place": "职工之家",
                          "person_name": f"吴来访{tag}", "phone": PHONE, "id_number": ID_NUMBER,
                          "employer_name": district.names[eid], "enterprise_id": eid, "category": "wage_arrears",
                          "content": "咨询欠薪", "workers_involved": 1, "received_by": None, "outcome": "pending",
                          "outcome_table": "", "outcome_id": ""}, grid)
    out.consultation = add("lf_consultation", {
        "title": "某市职工权益保障条例（草案）", "issuing_body": "市人大常委会法工委",
        "received_on": (today - dt.timedelta(days=15)).isoformat(), "deadline": (today + dt.timedelta(days=15)).isoformat(),
        "contact": "", "text_sha256": "", "text_name": "", "form_id": "", "form_version": None, "status": "open",
        "summary_number": "", "summary_sent_on": None, "grid_id": None,
    }, None)
    add("lf_task", {"consultation_id": out.consultation, "target_kind": "point", "target_id": str(uuid.uuid4()),
                    "sent_on": today.isoformat(), "due_on": None, "returned_on": None, "returned_note": "",
                    "grid_id": grid_ids[0]}, grid_ids[0])
    add("lf_meeting", {"consultation_id": out.consultation, "kind": "hearing", "held_on": today.isoformat(),
                       "place": "区总工会三楼会议室", "attendance": 18, "note": "", "grid_id": None}, None)
    out.suggestion = add("lf_suggestion", {
        "consultation_id": out.consultation, "is_summary": False, "merged_into": None, "source_kind": "meeting",
        "source_ref": "", "informant_id": None, "unit_id": None, "article": "第十二条",
        "content": "建议明确快递员等新就业形态劳动者的休息权保障", "collected_on": today.isoformat(), "status": "collected",
        "sent_number": "", "sent_on": None, "outcome_law": "", "outcome_article": "", "outcome_on": None,
        "matter_id": None, "grid_id": grid_ids[0],
    }, grid_ids[0])
    with db.write(serialize=True) as session:
        writer = RecordWriter(session)
        for entity, rid, data, grid in rows:
            writer.write(entity=entity, entity_id=rid, existing=None, data=data, deleted=False, grid_id=grid,
                         fields=sorted(data), user="seed", device_id="", mutation_id="")
        writer.flush()
    return out


def place_enterprises(db: ServerDB, district: District) -> None:
    """Positions for the seeded enterprises around a district centre (grid A's to the west), so the heat
    map has something to draw."""
    from app.server.records import load_records, loads_data

    keys = [("enterprise", e) for e in district.enterprises]
    grids = sorted(set(district.grid_of.values()))
    with db.write(serialize=True) as session:
        current = load_records(session, keys)
        writer = RecordWriter(session)
        for n, (entity, eid) in enumerate(keys):
            row = current[(entity, eid)]
            assert row is not None
            data = loads_data(row.data)
            west = grids.index(district.grid_of[eid]) == 0
            data["longitude"] = 114.30 + (0.0 if west else 0.05) + (n % 7) * 0.004
            data["latitude"] = 30.55 + (n % 5) * 0.003
            writer.write(entity=entity, entity_id=eid, existing=row, data=data, deleted=False, grid_id=row.grid_id,
                         fields=["latitude", "longitude"], user="seed", device_id="", mutation_id="")
        writer.flush()

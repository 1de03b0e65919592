"""The legal-supervision network in the demo district: departments, people with roles, cases of each
kind at every step, walk-in receptions, referrals with answers, a campaign with results, a public
notice to one grid, work logs of the 三员, and a few data-pool signals the early warning reads."""

from __future__ import annotations

import datetime as dt
import json
import random

from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from app.core.cases import rules
from app.documents import cases_docs
from app.store import campaigns, changes, referrals, worklogs
from app.store import cases as case_repo
from app.store.tables import Enterprise, Grid, Inspector
from app.store.tables.datapool import SourceRecord
from app.store.tables.matters import Matter
from app.store.tables.workorders import WorkOrder

ACTOR = "demo"
_SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
_GIVEN = ["伟", "芳", "娜", "敏", "静", "强", "磊", "军", "洋", "勇", "艳", "杰", "涛", "明", "超", "霞"]
_CLAIMS = [
    ("wage_arrears", "拖欠工资三个月，请求支付工资", 36000.0),
    ("wage_arrears", "工程完工后包工头未结清农民工工资", 128000.0),
    ("overtime_pay", "长期加班未支付加班费", 15000.0),
    ("labour_contract", "未签订书面劳动合同，请求支付二倍工资", 42000.0),
    ("social_insurance", "未缴纳社会保险，请求补缴", 0.0),
    ("high_temperature", "未发放高温津贴", 1800.0),
]


def _blobs_root(session: Session) -> object:
    from pathlib import Path

    bind = session.get_bind()
    engine = bind if isinstance(bind, Engine) else bind.engine
    return Path(str(engine.url.database)).parent / "blobs"


def _person(rng: random.Random) -> tuple[str, str, str]:
    name = rng.choice(_SURNAMES) + "".join(rng.choice(_GIVEN) for _ in range(rng.choice((1, 2))))
    id_number = "330106" + str(rng.randint(1965, 2003)) + f"{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}" + f"{rng.randint(0, 9999):04d}"
    phone = "139" + "".join(rng.choice("0123456789") for _ in range(8))
    return name, id_number, phone


def extend_demo(session: Session, rng: random.Random) -> str:
    grids = list(session.exec(select(Grid).where(Grid.deleted == False).order_by(col(Grid.code))).all())  # noqa: E712
    firms = list(session.exec(select(Enterprise).where(Enterprise.deleted == False).order_by(col(Enterprise.name))).all())  # noqa: E712
    people = list(session.exec(select(Inspector).where(Inspector.deleted == False).order_by(col(Inspector.account))).all())  # noqa: E712
    if not grids or not firms or not people:
        return ""
    today = dt.date.today()
    referrals.ensure_default_departments(session, ACTOR)
    depts = referrals.departments(session)
    # roles: everybody is a 网格员 or 监督员 already by title; add the 三员 and mediators
    role_cycle = [["supervisor", "mediator"], ["informant"], ["safety", "grid"], ["supervisor"], ["mediator", "grid"], ["informant", "supervisor"]]
    for i, person in enumerate(people):
        worklogs.set_roles(session, person.id, role_cycle[i % len(role_cycle)], ACTOR, since=today - dt.timedelta(days=400))
    mediators = [p for i, p in enumerate(people) if "mediator" in role_cycle[i % len(role_cycle)]]

    # cases at every step
    plan = ["received"] * 4 + ["mediating"] * 4 + ["succeeded"] * 3 + ["failed"] * 2 + ["arbitration"] * 2 + ["closed"] * 13
    made_cases = []
    for i, final in enumerate(plan):
        kind = (rules.CaseKind.MEDIATION, rules.CaseKind.LEGAL_AID, rules.CaseKind.GOVERNANCE)[i % 5 % 3]
        category, claim, amount = _CLAIMS[i % 2] if i < 4 else rng.choice(_CLAIMS)
        in_file = rng.random() < 0.8
        firm = rng.choice(firms[:120])
        # the first few arrived this month, so the monthly arrears note has something to say
        received = max(today.replace(day=1), today - dt.timedelta(days=i)) if i < 4 else today - dt.timedelta(days=rng.randint(3, 300))
        workers = rng.choice((1, 1, 1, 2, 3, 8, 15))
        claimed: float | None = amount or None
        values: dict[str, object] = {
            "kind": kind.value,
            "enterprise_id": firm.id if in_file else None,
            "employer_name": "" if in_file else f"{rng.choice(_SURNAMES)}某个体工程队",
            "grid_id": firm.grid_id if in_file else rng.choice(grids).id,
            "category": category,
            "claim_note": claim,
            "amount_claimed": claimed,
            "workers_involved": workers,
            "mediator_id": rng.choice(mediators).id if mediators and kind is not rules.CaseKind.LEGAL_AID else None,
            "lawyer": "何律师" if kind is rules.CaseKind.LEGAL_AID else "",
            "received_on": received,
        }
        parties = [case_repo.PartyInput(*_person(rng)) for _ in range(min(workers, 3))]
        case = case_repo.create_case(session, values, ACTOR, parties)
        path = {
            "received": [],
            "mediating": ["mediate"],
            "succeeded": ["mediate", "succeed"],
            "failed": ["mediate", "fail"],
            "arbitration": ["mediate", "fail", "to_arbitration"],
            "closed": rng.choice([["mediate", "succeed", "close"], ["mediate", "succeed", "close"], ["mediate", "fail", "to_litigation", "close"]]),
        }[final]
        day = received
        for step in path:
            day = min(today, day + dt.timedelta(days=rng.randint(1, 12)))
            recovered = None
            if step == "close" and claimed:
                recovered = round(claimed * rng.uniform(0.6, 1.0), 2)
            case_repo.apply_step(session, case.id, step, ACTOR, on=day, note="示例", amount_recovered=recovered)
        made_cases.append(case)

    # walk-in receptions, some still waiting
    for i in range(8):
        name, id_number, phone = _person(rng)
        category, claim, _amount = rng.choice(_CLAIMS)
        rec = case_repo.receive(
            session,
            {
                "grid_id": rng.choice(grids).id,
                "received_at": dt.datetime.combine(today - dt.timedelta(days=rng.randint(0, 30)), dt.time(9 + i % 8, 15)),
                "place": rules.RECEPTION_PLACES[i % 2],
                "person_name": name,
                "phone": phone,
                "id_number": id_number,
                "employer_name": rng.choice(firms).name,
                "category": category,
                "content": claim,
                "received_by": rng.choice(people).id,
            },
            ACTOR,
        )
        if i < 2:
            case_repo.reception_to_case(session, rec.id, rules.CaseKind.MEDIATION.value, ACTOR)
        elif i < 3:
            case_repo.answer_on_the_spot(session, rec.id, ACTOR)

    # referrals from cases, matters and orders, some answered
    sources: list[tuple[str, str]] = [("legal_case", c.id) for c in made_cases[:5]]
    sources += [("matter", m) for m in session.exec(select(Matter.id).where(Matter.deleted == False).limit(4)).all()]  # noqa: E712
    open_orders = session.exec(
        select(WorkOrder.id).where(WorkOrder.deleted == False, col(WorkOrder.status).in_(["received"])).limit(2)  # noqa: E712
    ).all()
    made_refs = 0
    for i, (table, source_id) in enumerate(sources):
        sent = today - dt.timedelta(days=rng.randint(5, 60))
        ref = referrals.refer(session, source_table=table, source_id=source_id, department_id=depts[i % len(depts)].id,
                              sent_on=sent, due_on=sent + dt.timedelta(days=15), actor=ACTOR, detail_note="请依法核查处理")
        if i % 3 != 2:
            referrals.record_answer(session, ref.id, answered_on=min(today, sent + dt.timedelta(days=rng.randint(3, 14))),
                                    answer_note="已立案调查，责令企业限期整改", result="已责令整改", actor=ACTOR)
        made_refs += 1
    for order_id in open_orders:
        referrals.dispatch_order_to_department(session, order_id, depts[0].id, ACTOR, note="涉及劳动保障监察职责")
        made_refs += 1

    # a campaign with results
    campaign = campaigns.create_campaign(
        session, name="新就业形态劳动者权益保障专项行动", theme="新就业形态", target_group="快递员、外卖骑手、网约车司机",
        start_on=today - dt.timedelta(days=60), end_on=today + dt.timedelta(days=30), actor=ACTOR,
    )
    chosen = rng.sample(firms, min(12, len(firms)))
    campaigns.add_enterprises(session, campaign.id, [f.id for f in chosen], ACTOR)
    for firm in chosen[:8]:
        found = rng.randint(0, 3)
        campaigns.record_result(session, campaign.id, firm.id, checked_on=today - dt.timedelta(days=rng.randint(1, 50)),
                                problems_found=found, problems_resolved=rng.randint(0, found), result_note="已开展法治体检", actor=ACTOR)

    # a public notice to the first grid
    notice = campaigns.create_notice(
        session, title="关于依法保障职工工资按时足额支付的提示函", body_text=cases_docs.load_case_template("public_notice")["body"],
        selection=campaigns.Selection(grid_id=grids[0].id), actor=ACTOR, theme="两节欠薪",
    )
    targets = campaigns.select_enterprises(session, campaigns.Selection(grid_id=grids[0].id))[:25]
    from pathlib import Path

    root = _blobs_root(session)
    assert isinstance(root, Path)
    cases_docs.issue_public_notice(session, notice.id, targets, actor=ACTOR, blobs_root=root, issued_on=today - dt.timedelta(days=20))

    # work logs of the 三员
    logs = 0
    for i, person in enumerate(people):
        person_roles = role_cycle[i % len(role_cycle)]
        for _ in range(rng.randint(3, 8)):
            firm = rng.choice(firms)
            work = rng.choice(["patrol", "patrol", "reception", "lecture", "attendance"])
            raised = rng.randint(0, 2) if work == "patrol" else 0
            worklogs.add_log(
                session,
                {
                    "inspector_id": person.id,
                    "grid_id": firm.grid_id or grids[0].id,
                    "role": person_roles[0],
                    "kind": work,
                    "work_date": today - dt.timedelta(days=rng.randint(0, 90)),
                    "enterprise_id": firm.id if work == "patrol" else None,
                    "topic": {"patrol": "劳动合同与工资支付巡查", "reception": "职工之家接待", "lecture": "以欠薪调解案为例宣讲保障农民工工资支付条例", "attendance": "例会"}[work],
                    "hours": rng.choice((1.0, 2.0, 3.5)),
                    "problems_raised": raised,
                    "problems_resolved": rng.randint(0, raised),
                },
                ACTOR,
            )
            logs += 1

    # data-pool signals for the early warning: a social-insurance headcount drop, 经营异常, 注销
    records = []
    for firm in rng.sample(firms, min(10, len(firms))):
        if firm.headcount:
            records.append({"enterprise_id": firm.id, "grid_id": firm.grid_id, "source": "hr", "as_of": today - dt.timedelta(days=10),
                            "field_values": json.dumps({"headcount": [max(0, int(firm.headcount * 0.4)), (today - dt.timedelta(days=10)).isoformat()]}, ensure_ascii=False)})
    for firm, status in zip(rng.sample(firms, min(4, len(firms))), ("经营异常", "经营异常", "注销", "吊销"), strict=False):
        records.append({"enterprise_id": firm.id, "grid_id": firm.grid_id, "source": "civil", "as_of": today - dt.timedelta(days=15),
                        "field_values": json.dumps({"reg_status": [status, (today - dt.timedelta(days=15)).isoformat()]}, ensure_ascii=False)})
    changes.insert_many(session, SourceRecord, records, ACTOR)
    return f"{len(made_cases)} 件调解/援助案件、{made_refs} 件移送、1 项专项行动、1 份公开提示（{len(targets)} 家企业）、{logs} 条三员工作日志"

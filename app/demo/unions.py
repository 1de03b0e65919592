"""Union building in the demo district: unions of every form covering enterprises and express
stations (founding steps dated), yearly checks with a few slipping unions, member counts over time,
enrolment drives of riders and couriers, a member registry, service requests from the demo visits
(some delivered, some overdue) and friendly partners in each grid with reported uses."""

from __future__ import annotations

import datetime as dt
import json
import random

from sqlmodel import Session, col, select

from app.core import unions as rules
from app.store import changes
from app.store.tables import Enterprise, Grid
from app.store.tables.unions import MemberCount, PartnerUse, ServiceRequest, UnionOrg
from app.store.unions import checks, members, orgs, partners, services

DEMO_ACTOR = "demo"
_SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高"
_GIVEN = ["伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "涛", "明", "超", "霞", "平", "刚", "鹏"]
_PARTNERS = [
    ("shop", "{road}便民超市", "会员凭证9折", "8:00-22:00"),
    ("canteen", "{road}职工食堂", "工作餐8折", "10:30-20:30"),
    ("childcare", "{grid}童心港湾", "暑期免费托管", "8:30-17:30"),
    ("shop", "{road}修车铺", "电动车维修7折", "9:00-21:00"),
    ("rest_stop", "{grid}爱心驿站", "免费饮水充电", "全天"),
]
_FORMS = ["joint", "building", "business_district", "industry", "area", "station"]


def demo_id_number(rng: random.Random) -> str:
    birth = dt.date(1970, 1, 1) + dt.timedelta(days=rng.randint(0, 365 * 35))
    body = f"330106{birth:%Y%m%d}{rng.randint(0, 999):03d}"
    weights = [pow(2, 17 - i, 11) for i in range(17)]
    return body + "10X98765432"[sum(int(c) * w for c, w in zip(body, weights, strict=True)) % 11]


def _founding(session: Session, union: UnionOrg, founded: dt.date, rng: random.Random, upto: str = "legal_person") -> None:
    offsets = {"apply": -70, "prep_group": -55, "assembly": -20, "approval": 0, "legal_person": 25}
    dated = []
    for step, _label in rules.FOUNDING_STEPS:
        day = founded + dt.timedelta(days=offsets[step] + rng.randint(0, 3) * (step != "approval"))
        if day > dt.date.today():
            break
        dated.append((step, day))
        if step == upto:
            break
    orgs.record_steps(session, union, dated, DEMO_ACTOR)


def extend_demo(session: Session, rng: random.Random) -> str:
    grids = list(session.exec(select(Grid).where(col(Grid.deleted).is_(False)).order_by(col(Grid.code))).all())
    firms = list(session.exec(select(Enterprise).where(col(Enterprise.deleted).is_(False)).order_by(col(Enterprise.name))).all())
    if not grids or not firms:
        return ""
    today = dt.date.today()
    services.ensure_kinds(session, DEMO_ACTOR)
    items = checks.load_items(None)
    made_unions = 0
    union_rows = []
    # 单独建会: each enterprise marked established gets its own union record, founded on its date
    for firm in [f for f in firms if f.union_status == "established"][:40]:
        union = orgs.create_union(
            session,
            {"name": f"{firm.name}工会委员会", "form": "single", "grid_id": firm.grid_id, "address": firm.address,
             "chair_name": rng.choice(_SURNAMES) + rng.choice(_GIVEN), "longitude": firm.longitude, "latitude": firm.latitude},
            DEMO_ACTOR,
        )
        orgs.add_unit(session, union, firm.id, DEMO_ACTOR, unit_kind="enterprise", joined_on=firm.union_established_date)
        _founding(session, union, firm.union_established_date or today - dt.timedelta(days=400), rng)
        union_rows.append(union)
        made_unions += 1
    # 联合、楼宇、商圈、行业、区域、站点工会 over the small firms of each grid
    small = [f for f in firms if f.union_status == "none" and (f.headcount or 0) < 25]
    for i, grid in enumerate(grids):
        mine = [f for f in small if f.grid_id == grid.id]
        form = _FORMS[i % len(_FORMS)]
        if len(mine) < 3:
            continue
        union = orgs.create_union(
            session,
            {"name": f"{grid.name}{rules.UNION_FORMS[form].split('/')[0]}", "form": form, "grid_id": grid.id,
             "chair_name": rng.choice(_SURNAMES) + rng.choice(_GIVEN), "committee_names": "、".join(rng.choice(_SURNAMES) + rng.choice(_GIVEN) for _ in range(3))},
            DEMO_ACTOR,
        )
        kind = "express_station" if form == "station" else rng.choice(["small_firm", "shop"])
        for firm in mine[: rng.randint(3, 8)]:
            orgs.add_unit(session, union, firm.id, DEMO_ACTOR, unit_kind=kind)
        founded = today - dt.timedelta(days=rng.randint(20, 200))
        _founding(session, union, founded, rng, upto="legal_person" if i % 3 else "prep_group")
        union_rows.append(union)
        made_unions += 1
    # yearly checks: most run well, a few slip
    for n, union in enumerate(union_rows):
        if union.status != "established":
            continue
        weak = n % 6 == 0
        answers: dict[str, bool | int] = {item.code: (rng.random() < (0.3 if weak else 0.9)) for item in items if item.kind == "yesno"}
        answers.update({item.code: rng.randint(0, 2) if weak else rng.randint(3, 8) for item in items if item.kind == "count"})
        checks.record_check(session, union, today.year, answers, items, today - dt.timedelta(days=rng.randint(1, 60)), DEMO_ACTOR)
        base = rng.randint(15, 120)
        series = [
            {"union_id": union.id, "grid_id": union.grid_id, "as_of": today - dt.timedelta(days=30 * months_back),
             "members": int(base * (1 - months_back / 40)), "new_form_members": int(base * 0.3) if union.form != "single" else 0}
            for months_back in (12, 6, 0)
        ]
        changes.insert_many(session, MemberCount, series, DEMO_ACTOR)
        changes.update(session, union, {"members": series[-1]["members"]}, DEMO_ACTOR)
    # enrolment drives and the member registry
    registry = []
    enrolled = 0
    for union in union_rows[-len(grids):]:
        group = rng.choice(["courier", "rider", "ride_hailing", "truck"])
        count = rng.randint(20, 80)
        members.record_drive(session, union=union, grid_id=None, held_on=today - dt.timedelta(days=rng.randint(5, 150)),
                             place=f"{union.name}活动室", key_group=group, enrolled=count, new_members=int(count * 0.8), actor=DEMO_ACTOR)
        enrolled += count
        for _ in range(count):
            registry.append(
                {"member_name": rng.choice(_SURNAMES) + rng.choice(_GIVEN) + rng.choice(["", *_GIVEN]),
                 "id_number": demo_id_number(rng), "union_id": union.id, "grid_id": union.grid_id, "key_group": group,
                 "joined_on": today - dt.timedelta(days=rng.randint(1, 300)), "new_member": rng.random() < 0.8}
            )
    members.insert_members(session, registry, DEMO_ACTOR)
    # services: every service ticked on a demo visit, some delivered, some left overdue
    requested = services.from_all_visits(session, DEMO_ACTOR)
    outcomes = ["已对接区职业技能培训中心，报名成功", "律师当场解答，职工表示满意", "岗位信息已在工会公众号发布", "已纳入困难职工帮扶名册"]
    updates = []
    for request in session.exec(select(ServiceRequest).where(col(ServiceRequest.deleted).is_(False))).all():
        if rng.random() < 0.6 or (request.due_date and request.due_date > today):
            continue
        done = min(today, request.requested_on + dt.timedelta(days=rng.randint(1, 20)))
        patch = {"status": "delivered", "outcome": rng.choice(outcomes), "done_on": done, "provider": rng.choice(["office", "lawyer"])}
        before = {k: getattr(request, k) for k in patch}
        updates.append(changes.RowUpdate(request.id, request.version, patch, before))
    changes.update_many(session, ServiceRequest, updates, DEMO_ACTOR)
    # friendly partners in every grid
    partner_count = 0
    for grid in grids:
        boundary = json.loads(grid.boundary or "[]")
        for kind, name, offer, hours in _PARTNERS[: rng.randint(3, 5)]:
            road = rng.choice(["文一路", "学院路", "解放路", "凤起路", "古墩路"])
            lon = lat = None
            if boundary:
                lon = round(rng.uniform(boundary[0][0], boundary[1][0]), 6)
                lat = round(rng.uniform(boundary[0][1], boundary[2][1]), 6)
            partner = partners.create_partner(
                session,
                {"name": name.format(road=road, grid=grid.name), "kind": kind, "grid_id": grid.id, "address": f"示范区{road}{rng.randint(1, 300)}号",
                 "longitude": lon, "latitude": lat, "offer": offer, "hours": hours,
                 "valid_from": today - dt.timedelta(days=200), "valid_to": today + dt.timedelta(days=rng.randint(60, 400)),
                 "contact_name": rng.choice(_SURNAMES) + "老板", "contact_phone": f"0571-8{rng.randint(1000000, 9999999)}"},
                DEMO_ACTOR,
            )
            uses = [{"partner_id": partner.id, "grid_id": partner.grid_id, "reported_on": today - dt.timedelta(days=30 * month),
                     "uses": rng.randint(10, 90)} for month in range(1, 4)]
            changes.insert_many(session, PartnerUse, uses, DEMO_ACTOR)
            changes.update(session, partner, {"uses": sum(u["uses"] for u in uses)}, DEMO_ACTOR)
            partner_count += 1
    return f"{made_unions} 个工会组织、{len(registry)} 名会员（集中入会 {enrolled} 人）、{requested} 条服务请求、{partner_count} 家友好商户"

"""Sample 12351 work orders for the demo district, in every state, a few of them late."""

from __future__ import annotations

import datetime as dt
import random

from sqlmodel import Session, col, select

from app.core import workorders as rules
from app.store import workorders
from app.store.tables import Enterprise, Grid

DEMO_ACTOR = "demo"

_TOPICS = [
    (rules.Category.DEMAND, "欠薪", "反映公司拖欠两个月工资，多次催要未果。"),
    (rules.Category.DEMAND, "加班费", "每周工作六天，每天加班三小时，从未支付加班费。"),
    (rules.Category.DEMAND, "社保", "入职半年公司未缴纳社会保险。"),
    (rules.Category.DEMAND, "劳动合同", "入职三个月仍未签订书面劳动合同。"),
    (rules.Category.DEMAND, "高温津贴", "室外作业未发放高温津贴。"),
    (rules.Category.CONSULTATION, "年休假", "咨询带薪年休假天数如何计算。"),
    (rules.Category.CONSULTATION, "建会", "咨询企业如何成立工会、需要多少会员。"),
    (rules.Category.CONSULTATION, "女职工权益", "咨询产假天数及哺乳期待遇。"),
    (rules.Category.SUGGESTION, "职工服务", "建议在园区增设职工服务驿站。"),
]
_SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"


def extend_demo(session: Session, rng: random.Random) -> str:
    grids = list(session.exec(select(Grid).where(Grid.deleted == False).order_by(col(Grid.code))).all())  # noqa: E712
    firms = list(session.exec(select(Enterprise).where(Enterprise.deleted == False).order_by(col(Enterprise.name)).limit(400)).all())  # noqa: E712
    if not grids or not firms:
        return ""
    today = dt.date.today()
    made = 0
    plan = ["received"] * 3 + ["dispatched"] * 4 + ["handling"] * 4 + ["replied"] * 3 + ["called_back"] * 2 + ["closed"] * 8
    for i, final in enumerate(plan):
        category, topic, content = rng.choice(_TOPICS)
        firm = rng.choice(firms)
        received = dt.datetime.combine(today - dt.timedelta(days=rng.randint(1, 75)), dt.time(rng.randint(8, 17), rng.choice([0, 15, 30, 45])))
        level = rng.choices([lv.value for lv in rules.Level], weights=[6, 3, 1])[0]
        order = workorders.create(
            session,
            {
                "number": f"12351-{received:%Y%m%d}-{i + 1:04d}",
                "received_at": received,
                "caller_name": rng.choice(_SURNAMES) + rng.choice(["先生", "女士", "师傅"]),
                "caller_phone": f"13{rng.randint(0, 9)}{rng.randint(10000000, 99999999)}",
                "enterprise_id": firm.id,
                "enterprise_name": firm.name,
                "category": category.value,
                "topic": topic,
                "content": content,
                "level": level,
            },
            DEMO_ACTOR,
        )
        made += 1
        steps = ["dispatch", "accept", "reply", "call_back", "close"]
        stop = {"received": 0, "dispatched": 1, "handling": 2, "replied": 3, "called_back": 4, "closed": 5}[final]
        when = received
        for step in steps[:stop]:
            # Mostly on time; every fourth order is answered late.
            when = when + dt.timedelta(days=rng.randint(1, 4) if i % 4 else rng.randint(6, 12))
            when = min(when, dt.datetime.combine(today, dt.time(8, 0)))
            workorders.apply_action(
                session,
                order,
                step,
                DEMO_ACTOR,
                grid_id=firm.grid_id or grids[0].id,
                reply="已联系企业核实，企业承诺限期整改并补发。",
                callback_result="来电人确认问题已解决。",
                satisfaction=rng.choice([s.value for s in rules.Satisfaction][:2]),
                at=when,
            )
    return f"{made} 张12351工单"

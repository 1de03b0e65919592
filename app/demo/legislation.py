"""The demo district's legislative contact point: contact units, collection points and informants, two
consultations (one summarised and partly adopted, one open), tasks, meetings, questionnaire returns
and suggestions at every step of their path."""

from __future__ import annotations

import datetime as dt
import random

from sqlmodel import Session, col, select

from app.store import legislation as repo
from app.store.tables import Enterprise, Grid

DEMO_ACTOR = "demo"

_UNITS = [("高新园区管委会", "园区"), ("东湖街道总工会", "街道"), ("鑫达快递分拨中心", "企业"), ("市律师协会劳动法专委会", "行业协会")]
_POINTS = [("高新园职工之家采集点", "高新园"), ("东湖街道采集点", "东湖街道"), ("西桥商圈采集点", "西桥街道"),
           ("北站物流园采集点", "北站街道")]
_FIELDS = ["外卖配送", "快递", "网约车", "劳动法律", "企业人事", "社区工作", "制造业一线"]
_SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
_GIVEN = ["伟", "芳", "娜", "敏", "静", "磊", "强", "洋", "艳", "勇", "军", "杰", "涛", "明", "超", "霞"]

_SUGGESTIONS = [
    ("第三条", "本条例所称新就业形态劳动者，建议明确包括网约车司机和网络货运司机。"),
    ("第十条", "建议明确平台企业应当合理确定劳动定额和休息时间，不得以算法考核迫使劳动者超时工作。"),
    ("第十条", "骑手午高峰后普遍没有休息场所，建议在商圈设置休息点。"),
    ("第十二条", "建议平台企业公示抽成比例和计价规则，调整前应当听取工会或劳动者代表意见。"),
    ("第十二条", "计价规则变化频繁，劳动者难以核对收入，建议规定提前公示期限。"),
    ("第二十条", "职业伤害保障应覆盖兼职骑手和众包骑手。"),
    ("", "建议写明工会可以代表新就业形态劳动者与平台企业开展集体协商。"),
    ("", "建议明确劳动争议调解组织可以受理平台用工纠纷。"),
]


def _person(rng: random.Random) -> str:
    return rng.choice(_SURNAMES) + rng.choice(_GIVEN) + (rng.choice(_GIVEN) if rng.random() < 0.5 else "")


def _survey_answers(rng: random.Random, filled_on: dt.date) -> dict[str, object]:
    occupation = rng.choices(["外卖骑手", "快递员", "网约车司机", "货车司机"], weights=[5, 4, 2, 1])[0]
    insurance = rng.sample(["养老保险", "医疗保险", "工伤保险", "职业伤害保障", "商业意外险"], rng.randint(1, 3))
    answers: dict[str, object] = {
        "filled_on": filled_on.isoformat(),
        "occupation": occupation,
        "years": rng.choice([0.5, 1, 2, 3, 5, 8]),
        "daily_hours": rng.choice([8, 9, 10, 10.5, 11, 12]),
        "agreement": rng.choice(["劳动合同", "劳务或合作协议", "只在平台注册，未签书面协议"]),
        "insurance": insurance,
        "concerns": rng.sample(["报酬计算和抽成", "算法派单和考核", "劳动时间和休息", "职业伤害保障", "社会保险"], 2),
        "joined_union": rng.random() < 0.4,
    }
    if rng.random() < 0.3:
        answers["opinion"] = "希望平台公开派单规则，恶劣天气延长配送时限。"
    return answers


def extend_demo(session: Session, rng: random.Random) -> str:
    grids = list(session.exec(select(Grid).where(col(Grid.deleted).is_(False)).order_by(col(Grid.code))))
    if not grids:
        return ""
    today = dt.date.today()
    units = [repo.add_unit(session, name=name, kind=kind, town=name[:4], actor=DEMO_ACTOR,
                           grid_id=grids[i % len(grids)].id) for i, (name, kind) in enumerate(_UNITS)]
    points = [repo.add_point(session, name=name, town=town, unit_id=units[i % len(units)].id, actor=DEMO_ACTOR,
                             grid_id=grids[i % len(grids)].id) for i, (name, town) in enumerate(_POINTS)]
    informants = []
    for i in range(18):
        grid = grids[i % len(grids)]
        informants.append(repo.add_informant(
            session, name=_person(rng), field_of_work=rng.choice(_FIELDS), unit_id=units[i % len(units)].id,
            point_id=points[i % len(points)].id, phone=f"13{rng.randint(0, 9)}{rng.randint(10000000, 99999999)}",
            actor=DEMO_ACTOR, grid_id=grid.id))

    # A consultation from last quarter: tasks returned, meetings held, suggestions summarised, sent, decided.
    start = today - dt.timedelta(days=120)
    old = repo.create_consultation(session, title="某市新就业形态劳动者权益保障条例（草案）", issuing_body="市人大常委会法制工作委员会",
                                   received_on=start, deadline=start + dt.timedelta(days=30), contact="法工委社会法处",
                                   form_id="xinjiuye_survey", form_version=1, actor=DEMO_ACTOR)
    tasks = repo.send_tasks(session, old.id, [("informant", inf.id) for inf in informants[:12]]
                            + [("unit", u.id) for u in units], sent_on=start + dt.timedelta(days=2), actor=DEMO_ACTOR)
    collected = []
    for n, task in enumerate(tasks[:10]):
        article, text = _SUGGESTIONS[n % len(_SUGGESTIONS)]
        collected += repo.record_return(session, task.id, returned_on=start + dt.timedelta(days=8 + n % 10),
                                        note="书面反馈", suggestions=[(article, text)], actor=DEMO_ACTOR)
    repo.add_meeting(session, old.id, kind="hearing", held_on=start + dt.timedelta(days=12), place="高新园职工之家",
                     attendance=26, note="外卖骑手、快递员代表座谈", actor=DEMO_ACTOR)
    repo.add_meeting(session, old.id, kind="expert", held_on=start + dt.timedelta(days=15), place="区总工会会议室",
                     attendance=15, note="律师解读草案主要条款", actor=DEMO_ACTOR)
    for i in range(24):
        answers = _survey_answers(rng, start + dt.timedelta(days=5 + i % 12))
        valid = i % 8 != 7
        if not valid:
            del answers["agreement"]
        repo.save_return(session, form_id="xinjiuye_survey", form_version=1, answers=answers,
                         filled_on=start + dt.timedelta(days=5 + i % 12), valid=valid,
                         invalid_reason="" if valid else "还有 1 处需要处理：请选择“您与平台或合作企业签订的是”。",
                         consultation_id=old.id, grid_id=grids[i % len(grids)].id, actor=DEMO_ACTOR)
    by_article: dict[str, list[str]] = {}
    for s in collected:
        by_article.setdefault(s.article, []).append(s.id)
    summaries = []
    for article, ids in by_article.items():
        if len(ids) >= 2:
            summaries.append(repo.merge(session, ids, content=f"关于{article or '总体'}：综合{len(ids)}条意见，"
                                        + _SUGGESTIONS[[a for a, _t in _SUGGESTIONS].index(article)][1],
                                        article=article, actor=DEMO_ACTOR, on=start + dt.timedelta(days=25)))
    singles = [s.id for s in collected if s.article not in {x.article for x in summaries}]
    sent_on = start + dt.timedelta(days=28)
    repo.send(session, [s.id for s in summaries] + singles, number="示工〔" + str(sent_on.year) + "〕21号",
              sent_on=sent_on, actor=DEMO_ACTOR)
    repo.set_consultation_status(session, old.id, "sent", DEMO_ACTOR, number="示工〔" + str(sent_on.year) + "〕21号",
                                 sent_on=sent_on)
    decided_on = min(today, start + dt.timedelta(days=100))
    for n, s in enumerate(summaries):
        outcome = ["adopted", "partly_adopted", "not_adopted"][n % 3]
        repo.decide(session, s.id, outcome=outcome, decided_on=decided_on,
                    law="某市新就业形态劳动者权益保障条例" if outcome != "not_adopted" else "",
                    article=f"第{['十一', '十四', ''][n % 3]}条" if outcome != "not_adopted" else "", actor=DEMO_ACTOR)

    # An open consultation: tasks out, a few answers in.
    current = repo.create_consultation(session, title="某市职工权益保障条例（修订草案征求意见稿）", issuing_body="市人大常委会法制工作委员会",
                                       received_on=today - dt.timedelta(days=10), deadline=today + dt.timedelta(days=20),
                                       contact="法工委社会法处", actor=DEMO_ACTOR)
    open_tasks = repo.send_tasks(session, current.id, [("informant", inf.id) for inf in informants[6:16]]
                                 + [("point", p.id) for p in points], sent_on=today - dt.timedelta(days=8),
                                 actor=DEMO_ACTOR)
    repo.record_return(session, open_tasks[0].id, returned_on=today - dt.timedelta(days=3), note="电话反馈",
                       suggestions=[("第八条", "建议明确用人单位应当为一线职工提供防暑降温设施。")], actor=DEMO_ACTOR)
    repo.add_suggestion(session, content="建议把女职工特殊保护写进集体合同必备条款。", article="第二十二条",
                        consultation_id=current.id, source_kind="meeting", actor=DEMO_ACTOR,
                        collected_on=today - dt.timedelta(days=2))
    # One informant's report that reveals a violation becomes a matter.
    firm = session.exec(select(Enterprise).where(col(Enterprise.deleted).is_(False)).order_by(col(Enterprise.name))).first()
    if firm is not None:
        report = repo.add_suggestion(session, content=f"信息员反映：{firm.name}一线职工连续两个月未发工资。",
                                     informant_id=informants[0].id, source_kind="visit", actor=DEMO_ACTOR,
                                     collected_on=today - dt.timedelta(days=4), grid_id=firm.grid_id)
        repo.to_matter(session, report.id, enterprise_id=firm.id, category="wage_arrears", actor=DEMO_ACTOR)
    return f"立法联系点：{len(units)} 个联系单位、{len(points)} 个采集点、{len(informants)} 名信息员、2 项征询"

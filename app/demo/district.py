"""A sample district to explore the program with: grids, inspectors, a few hundred enterprises with
valid (and a few suspicious) credit codes, coordinates, and visits."""

from __future__ import annotations

import datetime as dt
import importlib
import json
import random

from sqlmodel import select

from app import formkit
from app.core.codes import make_credit_code, make_org_code, uscc_check_char
from app.demo.geo import install_basemap
from app.store import changes, demo_state
from app.store.db import Database
from app.store.tables import Enterprise, Grid, Inspector, Visit

DEMO_ACTOR = "demo"

# The extension list. Each feature adds its sample data as a module of this package with
# `extend_demo(session, rng) -> str` (a one-line summary) and names it here; the modules run in this
# order, in the same transaction as the district itself, so later ones may use earlier ones' rows.
DEMO_EXTENSIONS: tuple[str, ...] = (
    "app.demo.workorders",
    "app.demo.letters",
    "app.demo.datapool",
    "app.demo.legislation",
    "app.demo.geo",
    "app.demo.unions",
    "app.demo.cases",
    "app.demo.citations",
    "app.demo.patrol",
)
DISTRICT = "示范区"
CENTER = (120.155, 30.274)

_GRIDS = [
    ("G01", "东湖网格"),
    ("G02", "西桥网格"),
    ("G03", "南岸网格"),
    ("G04", "北站网格"),
    ("G05", "高新园网格"),
    ("G06", "老城网格"),
]
_INSPECTORS = ["王晓燕", "李建国", "张敏", "刘志强", "陈静", "杨帆", "赵丽华", "周涛"]
_PREFIXES = ["华", "鑫", "恒", "瑞", "宏", "正", "金", "嘉", "明", "德", "锦", "万", "新", "天", "永", "盛", "泰", "安", "益", "博"]
_MIDDLES = ["达", "源", "通", "信", "联", "创", "远", "邦", "利", "辉", "诚", "丰", "祥", "宇", "航", "润"]
_TRADES = [
    ("电子科技", "计算机、通信和其他电子设备制造业"),
    ("服装", "纺织服装、服饰业"),
    ("餐饮管理", "餐饮业"),
    ("物流", "道路运输业"),
    ("建筑工程", "房屋建筑业"),
    ("机械制造", "通用设备制造业"),
    ("物业服务", "房地产业"),
    ("食品", "食品制造业"),
    ("网络科技", "软件和信息技术服务业"),
    ("商贸", "批发业"),
    ("保洁服务", "居民服务业"),
    ("汽车维修", "机动车、电子产品和日用产品修理业"),
    ("印刷包装", "印刷和记录媒介复制业"),
    ("家政服务", "居民服务业"),
]
_SUFFIXES = ["有限公司", "有限责任公司", "股份有限公司"]
_ROADS = ["文一路", "学院路", "湖墅南路", "环城北路", "天目山路", "莫干山路", "解放路", "秋涛路", "凤起路", "建国北路", "古墩路", "江南大道"]


def _credit_code(rng: random.Random, region: str = "330106") -> str:
    org8 = "".join(rng.choice("0123456789") for _ in range(8))
    return make_credit_code("91" + region + make_org_code(org8))


def create_demo_district(db: Database, *, enterprises: int = 300, seed: int = 2026) -> str:
    """Idempotent: a database that already has the demo grids is left as it is."""
    rng = random.Random(seed)
    with db.write() as session:
        if session.exec(select(Grid).where(Grid.code == _GRIDS[0][0])).first() is not None:
            return "示例辖区已存在，未作改动"
        inspectors = []
        for i, name in enumerate(_INSPECTORS):
            inspectors.append(
                changes.insert(
                    session,
                    Inspector(
                        name=name,
                        account=f"inspector{i + 1:02d}",
                        phone=f"1390571{i:04d}",
                        role="office" if i >= len(_GRIDS) else "inspector",
                        title="劳动法律监督员" if i % 2 else "网格员",
                    ),
                    DEMO_ACTOR,
                )
            )
        grids = []
        for i, (code, name) in enumerate(_GRIDS):
            col, row = i % 3, i // 3
            lon0, lat0 = CENTER[0] - 0.06 + col * 0.04, CENTER[1] - 0.03 + row * 0.035
            boundary = [[lon0, lat0], [lon0 + 0.04, lat0], [lon0 + 0.04, lat0 + 0.035], [lon0, lat0 + 0.035]]
            grids.append(
                changes.insert(
                    session,
                    Grid(
                        code=code,
                        name=name,
                        district=DISTRICT,
                        inspector_id=inspectors[i].id,
                        boundary=json.dumps(boundary),
                    ),
                    DEMO_ACTOR,
                )
            )
        used_names: set[str] = set()
        today = dt.date.today()
        made = visits = 0
        visit_form = formkit.load("sanchasanji", 1)
        while made < enterprises:
            trade, industry = rng.choice(_TRADES)
            for _attempt in range(20):
                name = f"{DISTRICT}{rng.choice(_PREFIXES)}{rng.choice(_MIDDLES)}{trade}{rng.choice(_SUFFIXES)}"
                if name not in used_names:
                    break
            else:
                name = f"{DISTRICT}{rng.choice(_PREFIXES)}{rng.choice(_MIDDLES)}{rng.choice(_MIDDLES)}{trade}有限公司"
            if name in used_names:
                continue
            used_names.add(name)
            grid_index = rng.randrange(len(grids))
            grid = grids[grid_index]
            boundary = json.loads(grid.boundary)
            lon = rng.uniform(boundary[0][0], boundary[1][0])
            lat = rng.uniform(boundary[0][1], boundary[2][1])
            headcount = int(rng.lognormvariate(3.3, 1.0))
            status = rng.choices(["none", "preparing", "established"], weights=[5, 1, 4])[0]
            if headcount < 25 and status != "none" and rng.random() < 0.7:
                status = "none"
            code = _credit_code(rng)
            if made % 97 == 13:  # a few codes as they come from real registries: wrong check digit
                wrong = [c for c in "0123456789" if c != uscc_check_char(code[:17])]
                code = code[:17] + rng.choice(wrong)
            enterprise = changes.insert(
                session,
                Enterprise(
                    name=name,
                    credit_code=code,
                    credit_code_status="valid" if made % 97 != 13 else "bad_check",
                    address=f"{DISTRICT}{rng.choice(_ROADS)}{rng.randint(1, 999)}号",
                    grid_id=grid.id,
                    industry=industry,
                    registered_date=today - dt.timedelta(days=rng.randint(200, 7000)),
                    headcount=headcount,
                    union_status=status,
                    union_established_date=(today - dt.timedelta(days=rng.randint(30, 2000))) if status == "established" else None,
                    member_count=int(headcount * rng.uniform(0.6, 1.0)) if status == "established" else None,
                    legal_rep=rng.choice(_INSPECTORS[::-1])[0] + rng.choice("伟芳娜敏静丽强磊军洋"),
                    contact_name=rng.choice("王李张刘陈杨黄赵吴周") + rng.choice(["经理", "主管", "女士", "先生"]),
                    contact_phone=f"13{rng.randint(0, 9)}{rng.randint(10000000, 99999999)}",
                    longitude=round(lon, 6),
                    latitude=round(lat, 6),
                ),
                DEMO_ACTOR,
            )
            made += 1
            for _ in range(rng.choice([0, 0, 1, 1, 2, 3])):
                visit_date = today - dt.timedelta(days=rng.randint(1, 180))
                inspector = inspectors[grid_index]
                answers = _demo_answers(rng, visit_date, inspector.name, headcount, status)
                changes.insert(
                    session,
                    Visit(
                        enterprise_id=enterprise.id,
                        grid_id=grid.id,
                        inspector_id=inspector.id,
                        visit_date=visit_date,
                        form_id="sanchasanji",
                        form_version=1,
                        answers=json.dumps(answers, ensure_ascii=False),
                        status="submitted",
                        summary=formkit.summary_line(visit_form, answers),
                    ),
                    DEMO_ACTOR,
                )
                visits += 1
        extras = [importlib.import_module(name).extend_demo(session, rng) for name in DEMO_EXTENSIONS]
        demo_state.mark(session)
    install_basemap(db.paths.root)
    summary = f"{len(grids)} 个网格、{len(inspectors)} 名人员、{made} 家企业、{visits} 次走访"
    return "；".join([summary, *[e for e in extras if e]])


def _demo_answers(rng: random.Random, day: dt.date, inspector: str, headcount: int, status: str) -> dict[str, object]:
    operating = rng.choices(["正常经营", "经营困难", "停产半停产"], weights=[8, 2, 1])[0]
    answers: dict[str, object] = {
        "visit_date": day.isoformat(),
        "visitors": f"{inspector}、{rng.choice([n for n in _INSPECTORS if n != inspector])}",
        "met_person": rng.choice(["人事经理", "行政主管", "总经理", "办公室主任"]),
        "operating_status": operating,
        "headcount": headcount,
        "present_count": max(0, headcount - rng.randint(0, max(1, headcount // 10))),
        "contracts_signed": rng.random() < 0.85,
        "has_union": status == "established",
        "site_condition": rng.choices(["良好", "一般", "存在隐患"], weights=[6, 3, 1])[0],
        "enterprise_concerns": rng.choice(["无", "希望协助招聘一线工人", "咨询社保缴费政策", "需要安全生产培训"]),
        "worker_needs": rng.choice(["子女暑期托管", "希望提高加班费标准", "通勤班车", "技能培训", "暂无"]),
        "services_given": rng.sample(["政策宣讲", "法律咨询解答", "建会指导", "岗位信息发布"], k=rng.randint(1, 2)),
        "problems_found": False,
    }
    if operating != "正常经营":
        answers["difficulty_detail"] = "订单减少，部分职工轮休"
    if not answers["contracts_signed"]:
        answers["contracts_missing"] = rng.randint(1, 5)
    if answers["site_condition"] == "存在隐患":
        answers["hazards"] = ["防护用品不足"]
        answers["hazard_detail"] = "车间部分职工未配发防护手套"
    if not answers["has_union"]:
        answers["union_willingness"] = rng.choice(["愿意近期建会", "愿意但需指导", "暂无意愿"])
    return answers

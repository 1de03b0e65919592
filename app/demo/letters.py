"""Sample supervision matters and letters for the demo district: every state of the closed loop, some
overdue, letters drafted, issued, served, replied and closed, one with a provisional number."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from app.core.matters import MatterAction
from app.documents import letter_flow
from app.store import letter_numbers
from app.store import letters as letter_repo
from app.store import matters as matter_repo
from app.store.tables import Enterprise, Visit

ACTOR = "demo"

_CASES: list[tuple[str, str, str]] = [
    # (category, facts, how far the loop went)
    ("wage_arrears", "车间一线职工23人的9月、10月工资至今未发放，涉及金额约31万元。", "open_overdue"),
    ("overtime_pay", "职工反映每月加班70小时以上，休息日加班既未补休也未支付加班工资。", "open"),
    ("labour_contract", "现场抽查职工名册，8名入职超过一个月的职工未签订书面劳动合同。", "tips_served"),
    ("high_temperature", "7月下旬日最高气温38℃时，仍安排装卸工在午后露天作业，未发放高温津贴。", "rectifying_overdue"),
    ("social_insurance", "12名职工自入职起未参加社会保险，单位以职工自愿放弃为由未缴纳。", "rectified"),
    ("women_equality", "一名怀孕7个月的女职工仍被安排夜班，单位称系本人自愿。", "closed"),
    ("wage_arrears", "单位以经营困难为由拖欠职工工资三个月，涉及56人，经提示函、意见书后仍未支付。", "escalated"),
    ("safety_health", "喷漆车间职工未配发防毒口罩，近两年未组织在岗期间职业健康检查。", "opinion_draft"),
    ("hours_leave", "单位实行每周单休、每日工作10小时，职工全年未安排带薪年休假。", "opinion_replied"),
]


def extend_demo(session: Session, rng: random.Random) -> str:
    today = dt.date.today()
    year = today.year
    blobs_root = _blobs_root(session)
    # As if the district server had reserved numbers for this laptop; 建议书 gets none, so the demo
    # shows a provisional number.
    for kind in ("tips", "opinion"):
        letter_numbers.add_block(session, letter_numbers.letter_code(session, kind), year, 1, 30)
    enterprises = list(
        session.exec(select(Enterprise).where(Enterprise.deleted == False).order_by(col(Enterprise.name))).all()  # noqa: E712
    )
    if not enterprises:
        return ""
    chosen = rng.sample(enterprises, k=min(len(enterprises), len(_CASES)))
    letters = 0
    for (category, facts, stage), enterprise in zip(_CASES, chosen, strict=False):
        age = {"open": 3, "open_overdue": 40, "closed": 75, "escalated": 90}.get(stage, 45)
        opened = today - dt.timedelta(days=age + rng.randint(0, 5))
        visit = session.exec(select(Visit).where(Visit.enterprise_id == enterprise.id)).first()
        source, ref = ("visit", visit.id) if visit else (rng.choice(["hotline", "informant"]), "")
        if source != "visit":
            ref = f"12351-{opened:%Y%m%d}-{rng.randint(100, 999)}" if source == "hotline" else ""
        matter = matter_repo.create_matter(
            session, enterprise_id=enterprise.id, source=source, source_ref=ref, category=category,
            facts=f"{opened.year}年{opened.month}月{opened.day}日，{facts}", actor=ACTOR, opened_on=opened,
            informant="匿名职工" if source == "informant" else "",
        )
        letters += _advance(session, matter.id, stage, opened, today, blobs_root)
    return f"{len(chosen)} 项监督事项、{letters} 份函件"


def _blobs_root(session: Session) -> Path:
    """The demo runs inside the district's transaction with only a session; the blob folder sits
    next to the database file (app.paths.DataPaths)."""
    bind = session.get_bind()
    engine = bind if isinstance(bind, Engine) else bind.engine
    return Path(str(engine.url.database)).parent / "blobs"


def _issue(session: Session, matter_id: str, kind: str, on: dt.date, blobs_root: Path) -> str:
    letter = letter_flow.draft_from_matter(session, matter_id, kind, actor=ACTOR)
    letter_flow.issue_letter(
        session, letter.id, actor=ACTOR, role="office", blobs_root=blobs_root, issued_on=on,
        allow_provisional=True,
    )
    return letter.id


def _advance(session: Session, matter_id: str, stage: str, opened: dt.date, today: dt.date, blobs_root: Path) -> int:
    day = opened + dt.timedelta(days=3)
    if stage in ("open", "open_overdue"):
        return 0
    if stage == "opinion_draft":
        letter_flow.draft_from_matter(session, matter_id, "opinion", actor=ACTOR)
        return 1
    if stage == "rectifying_overdue":
        matter_repo.transition(
            session, matter_id, MatterAction.START_RECTIFYING, actor=ACTOR, role="office",
            note="单位承诺调整作业时间并补发高温津贴", deadline=opened + dt.timedelta(days=20), today=opened,
        )
        return 0
    if stage in ("rectified", "closed"):
        tips = _issue(session, matter_id, "tips", day, blobs_root)
        letter_repo.serve(session, tips, served_on=day + dt.timedelta(days=1), actor=ACTOR)
        matter_repo.transition(
            session, matter_id, MatterAction.START_RECTIFYING, actor=ACTOR, role="office",
            note="单位书面承诺整改", deadline=day + dt.timedelta(days=30), today=day + dt.timedelta(days=5),
        )
        matter_repo.transition(
            session, matter_id, MatterAction.VERIFY, actor=ACTOR, role="office",
            note="复查：已提供整改凭证，现场核实无误", verified_on=day + dt.timedelta(days=25),
        )
        if stage == "closed":
            letter_repo.reply(session, tips, replied_on=day + dt.timedelta(days=10), note="已整改", actor=ACTOR)
            letter_repo.close(session, tips, actor=ACTOR, today=day + dt.timedelta(days=26))
            matter_repo.transition(session, matter_id, MatterAction.CLOSE, actor=ACTOR, role="office",
                                   today=day + dt.timedelta(days=26))
        return 1
    if stage == "tips_served":
        tips = _issue(session, matter_id, "tips", day, blobs_root)
        letter_repo.serve(session, tips, served_on=day + dt.timedelta(days=2), actor=ACTOR)
        return 1
    if stage == "opinion_replied":
        opinion = _issue(session, matter_id, "opinion", day, blobs_root)
        letter_repo.serve(session, opinion, served_on=day + dt.timedelta(days=1), actor=ACTOR)
        letter_repo.reply(session, opinion, replied_on=day + dt.timedelta(days=12),
                          note="单位回复将于下月起实行双休并安排年休假", actor=ACTOR)
        return 1
    if stage == "escalated":
        tips = _issue(session, matter_id, "tips", day, blobs_root)
        letter_repo.serve(session, tips, served_on=day + dt.timedelta(days=1), actor=ACTOR)
        opinion = _issue(session, matter_id, "opinion", day + dt.timedelta(days=20), blobs_root)
        letter_repo.serve(session, opinion, served_on=day + dt.timedelta(days=21), actor=ACTOR)
        _issue(session, matter_id, "advice", day + dt.timedelta(days=50), blobs_root)
        return 3
    return 0

"""Campaigns (专项监督行动) with their enterprise lists and results, the lists a public notice goes to
(a grid, an industry, a campaign's enterprises), and the public-notice rows themselves. Rendering the
notice's letters belongs to app/documents (see cases_pdf), which calls `register_notice_letters`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import text
from sqlmodel import Session, col, select

from app.core.cases import rules
from app.core.problems import Problem, ValidationError
from app.store import changes
from app.store.tables import Enterprise, Grid
from app.store.tables.cases import Campaign, CampaignEnterprise, PublicNotice


def create_campaign(
    session: Session, *, name: str, start_on: dt.date, actor: str, end_on: dt.date | None = None, theme: str = "", target_group: str = ""
) -> Campaign:
    if not name.strip():
        raise ValidationError([Problem("name", "请填写行动名称")])
    if end_on is not None and end_on < start_on:
        raise ValidationError([Problem("end_on", "结束日期不能早于开始日期")])
    return changes.insert(
        session,
        Campaign(name=name.strip(), theme=theme.strip(), target_group=target_group.strip(), start_on=start_on, end_on=end_on),
        actor,
    )


def campaigns(session: Session) -> list[Campaign]:
    stmt = select(Campaign).where(Campaign.deleted == False).order_by(col(Campaign.start_on).desc())  # noqa: E712
    return list(session.exec(stmt).all())


def campaign_enterprise_ids(session: Session, campaign_id: str) -> list[str]:
    stmt = select(CampaignEnterprise.enterprise_id).where(
        CampaignEnterprise.campaign_id == campaign_id, CampaignEnterprise.deleted == False  # noqa: E712
    )
    return list(session.exec(stmt).all())


def add_enterprises(session: Session, campaign_id: str, enterprise_ids: Iterable[str], actor: str) -> int:
    """Adds the enterprises not on the list yet (in one batch); returns how many were added."""
    if session.get(Campaign, campaign_id) is None:
        raise ValidationError([Problem("campaign_id", "找不到该专项行动")])
    have = set(campaign_enterprise_ids(session, campaign_id))
    new = [e for e in dict.fromkeys(enterprise_ids) if e not in have]
    changes.insert_many(session, CampaignEnterprise, [{"campaign_id": campaign_id, "enterprise_id": e} for e in new], actor)
    return len(new)


def record_result(
    session: Session, campaign_id: str, enterprise_id: str, *, checked_on: dt.date, problems_found: int, problems_resolved: int, result_note: str, actor: str
) -> CampaignEnterprise:
    row = session.exec(
        select(CampaignEnterprise).where(
            CampaignEnterprise.campaign_id == campaign_id,
            CampaignEnterprise.enterprise_id == enterprise_id,
            CampaignEnterprise.deleted == False,  # noqa: E712
        )
    ).first()
    if row is None:
        raise ValidationError([Problem("enterprise_id", "该企业不在行动名单中")])
    if problems_resolved > problems_found or problems_found < 0 or problems_resolved < 0:
        raise ValidationError([Problem("problems_resolved", "整改问题数应在 0 到发现问题数之间")])
    return changes.update(
        session,
        row,
        {"checked_on": checked_on, "problems_found": problems_found, "problems_resolved": problems_resolved, "result_note": result_note.strip()},
        actor,
    )


@dataclass(frozen=True)
class CampaignFigures:
    enterprises: int
    checked: int
    problems_found: int
    problems_resolved: int


def campaign_figures(session: Session, campaign_id: str) -> CampaignFigures:
    row = session.connection().execute(
        text(
            "SELECT count(*), sum(checked_on IS NOT NULL), coalesce(sum(problems_found), 0), coalesce(sum(problems_resolved), 0) "
            "FROM campaign_enterprise WHERE campaign_id = :c AND deleted = 0"
        ),
        {"c": campaign_id},
    ).one()
    return CampaignFigures(int(row[0]), int(row[1] or 0), int(row[2]), int(row[3]))


def campaign_rows(session: Session, today: dt.date | None = None) -> list[dict[str, Any]]:
    day = today or dt.date.today()
    out = []
    for c in campaigns(session):
        figures = campaign_figures(session, c.id)
        out.append(
            {
                "id": c.id,
                "name": c.name,
                "theme": c.theme,
                "target_group": c.target_group,
                "period": f"{c.start_on.isoformat()} — {c.end_on.isoformat() if c.end_on else ''}",
                "status": rules.CAMPAIGN_STATUS_LABELS[rules.campaign_status(c.start_on, c.end_on, day)],
                "enterprises": figures.enterprises,
                "checked": figures.checked,
                "problems_found": figures.problems_found,
                "problems_resolved": figures.problems_resolved,
            }
        )
    return out


# --- the list a notice goes to --------------------------------------------------------------------


@dataclass(frozen=True)
class Selection:
    """How a notice's list is chosen: by grid, by industry, or a campaign's list (one of them)."""

    grid_id: str | None = None
    industry: str | None = None
    campaign_id: str | None = None

    def describe(self, session: Session) -> str:
        if self.grid_id:
            grid = session.get(Grid, self.grid_id)
            return f"网格：{grid.name if grid else self.grid_id}"
        if self.industry:
            return f"行业：{self.industry}"
        if self.campaign_id:
            campaign = session.get(Campaign, self.campaign_id)
            return f"专项行动：{campaign.name if campaign else self.campaign_id}"
        return "全部企业"


def select_enterprises(session: Session, selection: Selection) -> list[str]:
    """Enterprise ids of the chosen list, in name order (the order the merged PDF prints them)."""
    stmt = select(Enterprise.id).where(Enterprise.deleted == False)  # noqa: E712
    if selection.grid_id:
        stmt = stmt.where(Enterprise.grid_id == selection.grid_id)
    if selection.industry:
        stmt = stmt.where(Enterprise.industry == selection.industry)
    if selection.campaign_id:
        ids = campaign_enterprise_ids(session, selection.campaign_id)
        stmt = stmt.where(col(Enterprise.id).in_(ids))
    return list(session.exec(stmt.order_by(col(Enterprise.name))).all())


def industries(session: Session) -> list[str]:
    rows = session.connection().execute(
        text("SELECT DISTINCT industry FROM enterprise WHERE deleted = 0 AND industry <> '' ORDER BY industry")
    ).all()
    return [str(r[0]) for r in rows]


def create_notice(
    session: Session, *, title: str, body_text: str, selection: Selection, actor: str, theme: str = ""
) -> PublicNotice:
    if not title.strip():
        raise ValidationError([Problem("title", "请填写公开提示的标题")])
    if not body_text.strip():
        raise ValidationError([Problem("body_text", "请填写公开提示的正文")])
    return changes.insert(
        session,
        PublicNotice(
            title=title.strip(),
            theme=theme.strip(),
            body_text=body_text.strip(),
            selection=selection.describe(session)[:200],
            campaign_id=selection.campaign_id,
        ),
        actor,
    )


def notices(session: Session) -> list[PublicNotice]:
    stmt = select(PublicNotice).where(PublicNotice.deleted == False).order_by(col(PublicNotice.updated_at).desc())  # noqa: E712
    return list(session.exec(stmt).all())


def notice_letter_ids(session: Session, notice: PublicNotice) -> Sequence[str]:
    """The letters a notice made: they share its merged PDF."""
    if not notice.pdf_attachment_id:
        return []
    rows = session.connection().execute(
        text("SELECT id FROM letter WHERE pdf_attachment_id = :a AND deleted = 0 ORDER BY seq, number"),
        {"a": notice.pdf_attachment_id},
    ).all()
    return [str(r[0]) for r in rows]

"""What the legislative contact point sends and exports: the 意见汇总 to the congress, laid out as an
official letter (GB/T 9704, the same layout and fonts as the 一函两书), and a questionnaire's returns
as an XLSX workbook.

The summary lists the summarised suggestions grouped by the draft's article, each with how many
suggestions it gathers; nothing is printed that the register does not hold."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from openpyxl import Workbook
from sqlmodel import Session, col, select

from app.documents.letter_pdf import BodyParagraph, LetterContent, RenderedLetter, render_letter
from app.documents.report_xlsx import _sheet
from app.store import legislation
from app.store.tables.legislation import Consultation, Suggestion

_CN_DIGITS = "零一二三四五六七八九"


def _cn_number(n: int) -> str:
    """1..99 in Chinese numerals, as the first-level headings (一、二、…) use them."""
    if n < 10:
        return _CN_DIGITS[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else _CN_DIGITS[tens]) + "十" + (_CN_DIGITS[ones] if ones else "")


def _article_key(article: str) -> tuple[int, str]:
    """Suggestions on 第三条 come before those on 第十二条; general ones last."""
    m = re.search(r"第([零一二三四五六七八九十百\d]+)条", article)
    if not m:
        return (10_000, article)
    raw = m.group(1)
    if raw.isdigit():
        return (int(raw), article)
    value, current = 0, 0
    for ch in raw:
        if ch in _CN_DIGITS:
            current = _CN_DIGITS.index(ch)
        elif ch == "十":
            value += (current or 1) * 10
            current = 0
        elif ch == "百":
            value += (current or 1) * 100
            current = 0
    return (value + current, article)


@dataclass(frozen=True)
class SummaryInput:
    issuer: str
    signature: str
    number: str
    date: dt.date
    addressee: str = ""
    contact_person: str = ""
    contact_phone: str = ""


def summary_content(session: Session, consultation_id: str, info: SummaryInput) -> LetterContent:
    """The 意见汇总 for one consultation: its summary suggestions (and collected ones not merged into
    any), grouped by article."""
    consultation = session.get(Consultation, consultation_id)
    if consultation is None or consultation.deleted:
        raise ValueError("找不到这项征询")
    rows = list(session.exec(select(Suggestion).where(
        Suggestion.consultation_id == consultation_id, col(Suggestion.deleted).is_(False),
        col(Suggestion.merged_into).is_(None))))
    if not rows:
        raise ValueError("这项征询还没有可以汇总的建议")
    figures = legislation.consultation_figures(session, consultation_id)
    done: list[str] = []
    if figures.tasks:
        done.append(f"向联系单位、采集点和立法信息员发送征询任务{figures.tasks}件，收回{figures.returned}件")
    if figures.meetings:
        done.append(f"召开座谈会议{figures.meetings}场，参会{figures.attendance}人次")
    if figures.valid_returns:
        done.append(f"收回有效问卷{figures.valid_returns}份")
    merged = f"，归纳整理为{len(rows)}条" if len(rows) != figures.suggestions else ""
    body = [BodyParagraph(
        f"根据《{consultation.title}》征求意见的安排，我会依托基层立法联系点"
        + ("，" + "；".join(done) if done else "广泛征求意见")
        + f"，共收集意见建议{figures.suggestions}条{merged}。现将意见建议汇总如下：")]
    groups: dict[str, list[Suggestion]] = {}
    for row in rows:
        groups.setdefault(row.article.strip() or "总体意见", []).append(row)
    for index, article in enumerate(sorted(groups, key=_article_key), start=1):
        body.append(BodyParagraph(f"{_cn_number(index)}、关于{article}" if article != "总体意见"
                                  else f"{_cn_number(index)}、总体意见", level=1))
        for row in sorted(groups[article], key=lambda r: r.collected_on):
            count = len(legislation.sources(session, row.id)) if row.is_summary else 1
            note = f"（归纳{count}条意见）" if count > 1 else ""
            body.append(BodyParagraph(f"{row.content.strip()}{note}"))
    body.append(BodyParagraph("以上意见建议，供参考。"))
    return LetterContent(
        kind="summary",
        issuer=info.issuer,
        number=info.number,
        title=f"关于《{consultation.title}》的意见建议汇总",
        addressee=info.addressee or consultation.issuing_body or "",
        body=body,
        signature=info.signature,
        date=info.date,
        contact_person=info.contact_person or consultation.contact,
        contact_phone=info.contact_phone,
        receipt=None,
    )


def render_summary(session: Session, consultation_id: str, info: SummaryInput) -> RenderedLetter:
    return render_letter(summary_content(session, consultation_id, info))


def export_questionnaire(title: str, tallies: Sequence[tuple[str, str, int, str]], header: Sequence[str],
                         rows: Sequence[Sequence[str]], target: Path) -> Path:
    """Two sheets: the tally per question and option, and every return as a row."""
    wb = Workbook()
    default = wb.active
    if default is not None:
        wb.remove(default)
    _sheet(wb, "统计", f"{title}：各题统计", ["题目", "选项或指标", "人数", "占有效问卷"], [list(t) for t in tallies], None)
    _sheet(wb, "答卷", f"{title}：全部答卷", list(header), [list(r) for r in rows], None)
    target.parent.mkdir(parents=True, exist_ok=True)
    wb.save(target)
    return target

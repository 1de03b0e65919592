"""Case documents and public notices as PDFs (text read back with pdfplumber), the notice's letters in
the register, cancel leaving nothing behind, the case-list import, and the early-warning scores."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import openpyxl
import pdfplumber
import pytest
from sqlalchemy import text
from sqlmodel import col, select

from app.core.problems import ValidationError
from app.documents import cases_docs
from app.documents.merged_pdf import RenderCancelled
from app.planning import case_import, risk
from app.store import blobs, campaigns
from app.store import cases as case_repo
from app.store.db import Database
from app.store.tables import Attachment, Grid
from app.store.tables.cases import LegalCase, PublicNotice


def _pdf_text(data: bytes, pages: slice = slice(None)) -> str:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return "\n".join((p.extract_text() or "") for p in pdf.pages[pages])


def test_acceptance_notice_and_mediation_agreement(demo_db: Database) -> None:
    with demo_db.write() as s:
        grid = s.exec(select(Grid)).first()
        assert grid is not None
        case = case_repo.create_case(
            s, {"kind": "mediation", "employer_name": "某某建筑劳务有限公司", "grid_id": grid.id, "category": "wage_arrears",
                "claim_note": "支付拖欠工资", "amount_claimed": 36000.0, "received_on": dt.date(2026, 11, 2)},
            "clerk", [case_repo.PartyInput("赵六", "330106198805051234", "13900001111")],
        )
        rendered, attachment = cases_docs.render_case_document(s, case.id, "acceptance", actor="clerk", blobs_root=demo_db.paths.blobs)
        words = _pdf_text(rendered.pdf).replace("\n", "")
        assert "劳动争议调解受理通知书" in words and "赵六" in words and case.number in words and "36,000.00元" in words
        assert attachment.owner_table == "legal_case" and attachment.grid_id == grid.id
        agreement, _ = cases_docs.render_case_document(
            s, case.id, "agreement", actor="clerk", blobs_root=demo_db.paths.blobs, terms="被申请人于2026年11月30日前支付工资三万元。"
        )
        words = _pdf_text(agreement.pdf).replace("\n", "")
        assert "劳动争议调解协议书" in words and "330106198805051234" in words and "三万元" in words


def test_public_notice_numbers_one_letter_per_enterprise_in_one_pdf(demo_db: Database) -> None:
    seen: list[tuple[int, int]] = []
    with demo_db.write() as s:
        grid = s.exec(select(Grid).order_by(col(Grid.code).desc())).first()
        assert grid is not None
        ids = campaigns.select_enterprises(s, campaigns.Selection(grid_id=grid.id))[:7]
        notice = campaigns.create_notice(s, title="关于做好高温天气劳动保护工作的提示函", body_text="一、合理安排工作时间。\n二、按规定发放高温津贴。",
                                         selection=campaigns.Selection(grid_id=grid.id), actor="office")
        issued = cases_docs.issue_public_notice(s, notice.id, ids, actor="office", blobs_root=demo_db.paths.blobs,
                                                issued_on=dt.date(2026, 7, 1), progress=lambda d, t: seen.append((d, t)))
        assert issued.status == "issued" and issued.letter_count == 7
        letters = s.connection().execute(
            text("SELECT number, addressee, enterprise_id, status FROM letter WHERE pdf_attachment_id = :a ORDER BY number"),
            {"a": issued.pdf_attachment_id},
        ).all()
        attachment = s.get(Attachment, issued.pdf_attachment_id)
        assert attachment is not None
        pdf = blobs.read_bytes(demo_db.paths.blobs, attachment.sha256)
    assert seen[-1] == (7, 7)
    assert len({r[0] for r in letters}) == 7 and {r[3] for r in letters} == {"issued"}
    words = _pdf_text(pdf).replace("\n", "")
    for number, addressee, _eid, _st in letters:
        assert number in words and addressee.replace(" ", "") in words
    assert "按规定发放高温津贴" in words


def test_cancelled_notice_leaves_nothing_and_uses_no_number(demo_db: Database) -> None:
    with demo_db.read() as s:
        before = s.connection().execute(text("SELECT count(*) FROM letter")).scalar_one()
    with pytest.raises(RenderCancelled), demo_db.write() as s:
        ids = campaigns.select_enterprises(s, campaigns.Selection())[:30]
        notice = campaigns.create_notice(s, title="提示", body_text="正文", selection=campaigns.Selection(), actor="office")
        calls = iter(range(100))
        cases_docs.issue_public_notice(s, notice.id, ids, actor="office", blobs_root=demo_db.paths.blobs, cancelled=lambda: next(calls) >= 5)
    with demo_db.read() as s:
        assert s.connection().execute(text("SELECT count(*) FROM letter")).scalar_one() == before
        assert s.exec(select(PublicNotice).where(PublicNotice.title == "提示")).first() is None


def _xlsx(path: Path, rows: list[list[object]]) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


HEADER = ["案件编号", "案件类型", "受理日期", "用人单位", "申请人", "身份证号码", "联系电话", "争议类别", "请求金额", "追回金额", "涉及人数", "处理结果", "网格"]


def test_case_list_import_with_mapping(demo_db: Database, tmp_path: Path) -> None:
    with demo_db.read() as s:
        grid = s.exec(select(Grid).order_by(col(Grid.code))).first()
        assert grid is not None
        grid_name = grid.name
    path = _xlsx(tmp_path / "综治中心案件.xlsx", [
        ["某区综治中心劳动争议案件台账"],
        HEADER,
        ["ZZ-001", "综治中心", "2026-10-08", "某某餐饮管理有限公司", "钱七", "330106199202021234", "13700002222", "欠薪", "8,000元", "8000", "3", "调解成功", grid_name],
        ["ZZ-002", "法律援助", dt.date(2026, 10, 9), "某劳务队", "孙八", "", "", "加班费", 5000, "", 1, "", grid_name],
    ])
    with demo_db.write() as s:
        plan = case_import.plan_import(s, path)
        assert plan.problems == []
        assert plan.mapping["请求金额"] == "amount_claimed"
        assert case_import.apply_import(s, plan, "office") == 2
        rows = s.exec(select(LegalCase).where(col(LegalCase.number).in_(["ZZ-001", "ZZ-002"])).order_by(col(LegalCase.number))).all()
        assert [(r.kind, r.status, r.amount_claimed, r.category, r.workers_involved) for r in rows] == [
            ("governance", "succeeded", 8000.0, "wage_arrears", 3), ("legal_aid", "received", 5000.0, "overtime_pay", 1)]


def test_case_list_import_reports_bad_rows_and_changes_nothing(demo_db: Database, tmp_path: Path) -> None:
    path = _xlsx(tmp_path / "台账.xlsx", [
        HEADER,
        ["A-1", "调解", "2026-13-45", "甲公司", "张三", "", "", "欠薪", "三千", "", "2", "", "不存在的网格"],
        ["A-2", "调解", "2026-10-01", "", "李四", "", "", "", "", "", "", "", ""],
    ])
    with demo_db.write() as s:
        before = s.connection().execute(text("SELECT count(*) FROM legal_case")).scalar_one()
        plan = case_import.plan_import(s, path)
        messages = [p.text() for p in plan.problems]
        assert any(m.startswith("台账.xlsx 第2行“受理日期”列") for m in messages)
        assert any("第2行“请求金额”列" in m and "不是金额" in m for m in messages)
        assert any("第2行“网格”列" in m for m in messages)
        assert any("第3行“用人单位”列" in m for m in messages)
        with pytest.raises(ValidationError):
            case_import.apply_import(s, plan, "office")
        assert s.connection().execute(text("SELECT count(*) FROM legal_case")).scalar_one() == before


def test_risk_scores_read_the_signals_and_the_office_copy_of_the_weights(demo_db: Database, tmp_path: Path) -> None:
    settings = risk.load_settings(tmp_path)
    assert settings.path.name == "risk_weights.json" and settings.path.parent.name == "resources"
    with demo_db.read() as s:
        scores = risk.enterprise_scores(s, settings.weights)
        assert scores and scores == sorted(scores, key=lambda x: (-x.score, x.key))
        rules_seen = {r.rule for sc in scores for r in sc.reasons}
        assert {"cases", "headcount_drop", "cancelled", "abnormal"} <= rules_seen
        for sc in scores[:10]:
            assert abs(sum(r.points for r in sc.reasons) - sc.score) < 0.11
        by_grid = risk.group_risk(s, scores, "grid")
        assert sum(g.flagged for g in by_grid) == len(scores)
        note = risk.arrears_note(s, dt.date.today())
        assert "欠薪线索主要集中在" in note
    zero = risk.Weights.from_dict({"weights": {k: 0 for k in risk.Weights().weights} | {"cancelled": 100}})
    copy = risk.save_office_copy(tmp_path, zero)
    assert risk.load_settings(tmp_path).path == copy
    with demo_db.read() as s:
        tuned = risk.enterprise_scores(s, risk.load_settings(tmp_path).weights)
    assert tuned and all(r.rule == "cancelled" for sc in tuned for r in sc.reasons)
    copy.write_text("{ broken", encoding="utf-8")
    with pytest.raises(risk.WeightsError, match=r"risk_weights\.json 第1行"):
        risk.load_settings(tmp_path)

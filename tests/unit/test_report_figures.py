"""The report figures (one computation for laptop and server), the editable layout, the XLSX/PDF output
and the `report` command."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from app.cli import main
from app.core.report_figures import UNKNOWN_PERSON, Span, compute
from app.documents.report_layout import TemplateError, lay_out, load_template, to_pdf, to_xlsx

ROWS = {
    "grid": [{"id": "g1", "grid_id": None, "code": "A", "name": "甲网格"}, {"id": "g2", "grid_id": None, "code": "B", "name": "乙网格"}],
    "inspector": [{"id": "p1", "grid_id": None, "name": "张敏", "account": "ann"}],
    "enterprise": [
        {"id": "e1", "grid_id": "g1", "name": "甲厂", "union_status": "none", "union_established_date": None, "member_count": None},
        {"id": "e2", "grid_id": "g1", "name": "乙厂", "union_status": "established", "union_established_date": "2026-03-05", "member_count": 40},
        {"id": "e3", "grid_id": "g2", "name": "丙厂", "union_status": "preparing", "union_established_date": None, "member_count": None},
    ],
    "visit": [
        {"id": "v1", "grid_id": "g1", "enterprise_id": "e1", "inspector_id": "p1", "visit_date": "2026-03-02", "status": "submitted"},
        {"id": "v2", "grid_id": "g1", "enterprise_id": "e1", "inspector_id": "p1", "visit_date": "2026-03-20", "status": "submitted"},
        {"id": "v3", "grid_id": "g1", "enterprise_id": "e2", "inspector_id": "p1", "visit_date": "2026-03-21", "status": "submitted"},
        {"id": "v4", "grid_id": "g2", "enterprise_id": "e3", "inspector_id": None, "visit_date": "2026-03-22", "status": "submitted"},
        {"id": "v5", "grid_id": "g2", "enterprise_id": "e3", "inspector_id": None, "visit_date": "2026-03-23", "status": "draft"},
        {"id": "v6", "grid_id": "g2", "enterprise_id": "e3", "inspector_id": None, "visit_date": "2026-04-01", "status": "submitted"},
    ],
    "matter": [
        {"id": "m1", "grid_id": "g1", "category": "wage_arrears", "status": "open", "opened_on": "2026-03-03", "verified_on": None, "closed_on": None, "deadline": "2026-03-10"},
        {"id": "m2", "grid_id": "g1", "category": "wage_arrears", "status": "closed", "opened_on": "2026-02-01", "verified_on": "2026-03-15", "closed_on": "2026-03-16", "deadline": None},
    ],
    "letter": [
        {"id": "l1", "grid_id": "g1", "kind": "tips", "status": "issued", "issued_on": "2026-03-04"},
        {"id": "l2", "grid_id": "g1", "kind": "opinion", "status": "void", "issued_on": "2026-03-04"},
    ],
    "work_order": [
        {"id": "w1", "grid_id": "g2", "status": "dispatched", "received_at": "2026-03-01T09:00:00", "due_date": "2026-03-06", "replied_at": None, "satisfaction": ""},
        {"id": "w2", "grid_id": "g2", "status": "closed", "received_at": "2026-03-02T09:00:00", "due_date": "2026-03-09", "replied_at": "2026-03-05T10:00:00", "satisfaction": "满意"},
    ],
}
MARCH = Span.months(dt.date(2026, 3, 1))


def test_figures_by_hand() -> None:
    f = compute(ROWS, MARCH, today=dt.date(2026, 5, 1), category_labels={"wage_arrears": "拖欠工资"})
    assert [(r.label, r.values) for r in f["visits_by_person"].rows] == [("张敏", [3, 2]), (UNKNOWN_PERSON, [1, 1])]
    assert [(r.label, r.values) for r in f["visits_by_grid"].rows] == [("甲网格", [3, 2]), ("乙网格", [1, 1])]
    assert f["unions_by_grid"].value("甲网格", 0) == 1  # e1 visited, no union (e2 has one)
    assert f["unions_by_grid"].value("乙网格", 0) == 1  # e3 preparing
    assert f["unions_by_grid"].value("甲网格", 1) == 1 and f["unions_by_grid"].value("甲网格", 2) == 40
    assert f["matters_by_category"].value("wage_arrears", 0) == 1  # opened in March
    assert f["matters_by_category"].value("wage_arrears", 1) == 1  # m2 resolved in March
    assert f["matters_by_category"].value("wage_arrears", 2) == 1  # m1 past deadline at month end
    assert f["letters_by_kind"].value("tips") == 1 and f["letters_by_kind"].value("opinion") == 0
    assert f["workorders"].value("dispatched") == 1 and f["workorders"].value("closed") == 1
    assert f["workorder_quality"].value("overdue") == 1 and f["workorder_quality"].value("satisfied") == 1
    summary = {r.key: r.values[0] for r in f["summary"].rows}
    assert summary["visits"] == 4 and summary["enterprises_visited"] == 3 and summary["targets"] == 2
    assert summary["unions"] == 1 and summary["members"] == 40 and summary["letters"] == 1 and summary["workorders"] == 2
    assert f["supervision_kinds"].value("public") == "无数据"


def test_template_picks_figures_and_rows_and_documents_render() -> None:
    f = compute(ROWS, MARCH)
    laid = lay_out(f, {"title": "自定报表", "sections": [{"figure": "summary", "rows": ["visits", "letters"]},
                                                      {"figure": "visits_by_grid", "title": "网格走访"}]})
    assert [s.title for s in laid.sections] == ["概要", "网格走访"]
    assert [r.key for r in laid.sections[0].rows] == ["visits", "letters"]
    assert laid.sections[1].total == ["合计", 4, 3]
    ws = load_workbook(io.BytesIO(to_xlsx(laid))).active
    assert ws is not None
    values = [c.value for row in ws.iter_rows() for c in row]
    assert "自定报表（2026年03月）" in values and "网格走访" in values and "走访次数" in values
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(to_pdf(laid))).pages)
    assert "自定报表" in text and "网格走访" in text
    for kind in ("monthly", "yearly"):
        lay_out(f, load_template(kind))


def test_template_errors_name_the_section() -> None:
    f = compute(ROWS, MARCH)
    with pytest.raises(TemplateError, match="第 1 节"):
        lay_out(f, {"sections": [{"figure": "nope"}]})
    with pytest.raises(TemplateError, match="zzz"):
        lay_out(f, {"sections": [{"figure": "summary", "rows": ["zzz"]}]})


def test_report_command_from_the_demo_district(tmp_path: Path) -> None:
    data = tmp_path / "data"
    assert main(["--data-dir", str(data), "demo"]) == 0
    out = tmp_path / "y.xlsx"
    assert main(["--data-dir", str(data), "report", "yearly", "-o", str(out)]) == 0
    ws = load_workbook(out).active
    assert ws is not None
    values = [c.value for row in ws.iter_rows() for c in row]
    assert "走访次数与走访企业数（按人员）" in values
    visits = values[values.index("走访次数") + 1]
    assert isinstance(visits, int) and visits > 0
    template = tmp_path / "t.json"
    template.write_text(json.dumps({"title": "简报", "sections": [{"figure": "summary", "rows": ["visits"]}]}), encoding="utf-8")
    pdf = tmp_path / "m.pdf"
    assert main(["--data-dir", str(data), "report", "monthly", "--month", "2026-01", "--format", "pdf",
                 "--template", str(template), "-o", str(pdf)]) == 0
    assert "简报" in "".join(p.extract_text() for p in PdfReader(pdf).pages)
    assert main(["--data-dir", str(data), "report", "monthly", "--month", "2026-13"]) == 2

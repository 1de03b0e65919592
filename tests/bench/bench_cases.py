"""Benchmarks of the legal-supervision network, each against a baseline measured in the same run:

1. A public notice to 500 enterprises (numbers taken, one merged PDF rendered and kept, 500 letters
   registered, all in one transaction) against issuing one letter through the register (number,
   render, PDF kept, register updated). Target: under 20× the one letter. The naive way (render_letter
   once per enterprise) is printed too, for scale.
2. Early-warning scores for 100,000 enterprises (signals gathered, every rule applied, sorted) against
   a bare SQL query that only counts the same signals. Target: under 10 s.

Run: .venv/bin/python -m pytest tests/bench/bench_cases.py -q -s
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
import time
from pathlib import Path

from sqlalchemy import text
from sqlmodel import col, select

from app.core.ids import new_id
from app.documents import cases_docs, letter_flow
from app.documents.letter_pdf import render_letter
from app.paths import DataPaths
from app.planning import risk
from app.store import campaigns, changes
from app.store import matters as matter_repo
from app.store.db import open_database
from app.store.tables import Enterprise, Grid

NOTICE_TARGET = 20.0
RISK_TARGET_S = 10.0


def _district(root: Path, firms: int) -> tuple[object, str]:
    db = open_database(DataPaths(root).ensure())
    with db.write() as s:
        grid = changes.insert(s, Grid(code="G1", name="一号网格", district="示范区"), "bench")
        changes.insert_many(s, Enterprise, [{"name": f"示范区企业{i:05d}有限公司", "grid_id": grid.id, "headcount": 20 + i % 300,
                                             "industry": ("建筑业", "餐饮业", "制造业")[i % 3]} for i in range(firms)], "bench")
        grid_id = grid.id
    return db, grid_id


def test_public_notice_to_500_against_one_letter(tmp_path: Path) -> None:
    db, grid_id = _district(tmp_path / "notice", 600)
    paths = db.paths  # type: ignore[attr-defined]
    with db.write() as s:  # type: ignore[attr-defined]
        firms = list(s.exec(select(Enterprise.id).order_by(col(Enterprise.name))).all())
        matter_ids = [matter_repo.create_matter(s, enterprise_id=firms[i], source="visit", source_ref=f"v{i}", category="wage_arrears",
                                                facts="拖欠工资两个月", actor="bench").id for i in range(6)]
    # warm up fonts and caches with a letter that is not measured
    with db.write() as s:  # type: ignore[attr-defined]
        letter = letter_flow.draft_from_matter(s, matter_ids[0], "tips", actor="bench")
        letter_flow.issue_letter(s, letter.id, actor="bench", role="office", blobs_root=paths.blobs, allow_provisional=True)

    singles = []
    for matter_id in matter_ids[1:]:
        with db.write() as s:  # type: ignore[attr-defined]
            letter = letter_flow.draft_from_matter(s, matter_id, "tips", actor="bench")
        t0 = time.perf_counter()
        with db.write() as s:  # type: ignore[attr-defined]
            letter_flow.issue_letter(s, letter.id, actor="bench", role="office", blobs_root=paths.blobs, allow_provisional=True)
        singles.append(time.perf_counter() - t0)
    one = sorted(singles)[len(singles) // 2]

    template = cases_docs.load_case_template("public_notice")
    with db.write() as s:  # type: ignore[attr-defined]
        notice = campaigns.create_notice(s, title=str(template["title"]), body_text=str(template["body"]),
                                         selection=campaigns.Selection(grid_id=grid_id), actor="bench")
    targets = firms[:500]
    t0 = time.perf_counter()
    with db.write() as s:  # type: ignore[attr-defined]
        issued = cases_docs.issue_public_notice(s, notice.id, targets, actor="bench", blobs_root=paths.blobs)
    many = time.perf_counter() - t0
    assert issued.letter_count == 500

    # for scale: the naive way, one full render per enterprise (no register, no transaction)
    with db.read() as s:  # type: ignore[attr-defined]
        content = cases_docs.notice_content(s, issued, "示范区总工会", dt.date.today())
    t0 = time.perf_counter()
    for i in range(50):
        render_letter(dataclasses.replace(content, addressee=f"示范区企业{i:05d}有限公司", number=f"工监提〔2026〕{i}号"))
    naive_500 = (time.perf_counter() - t0) * 10

    ratio = many / one
    print(f"\none letter issued through the register: median {one * 1000:.1f} ms")
    print(f"public notice to 500 enterprises: {many:.2f} s = {ratio:.1f}× one letter (target < {NOTICE_TARGET:.0f}×)")
    print(f"naive: render_letter once per enterprise, 500 letters (rendering only): {naive_500:.2f} s")
    assert ratio < NOTICE_TARGET


def _signals(db: object, firms: list[str], rng: random.Random) -> None:
    today = dt.date.today()
    with db.write() as s:  # type: ignore[attr-defined]
        conn = s.connection()
        grid_id = conn.execute(text("SELECT id FROM grid LIMIT 1")).scalar_one()
        conn.exec_driver_sql(
            "INSERT INTO work_order (id, version, updated_at, updated_by, deleted, number, received_at, caller_name, caller_phone, "
            "enterprise_id, enterprise_name, category, topic, content, level, status, reply, callback_result, satisfaction) "
            "VALUES (?, 0, '', 'b', 0, ?, ?, '', '', ?, '', '求决类', ?, '', 'ordinary', 'received', '', '', '')",
            [(new_id(), f"N{i}", f"{today - dt.timedelta(days=i % 300)} 09:00:00", rng.choice(firms), rng.choice(("欠薪", "社保", "加班费")))
             for i in range(20000)],
        )
        conn.exec_driver_sql(
            "INSERT INTO matter (id, version, updated_at, updated_by, deleted, enterprise_id, grid_id, source, source_ref, category, title, "
            "facts, legal_basis, demand, status, opened_on, verification_note, verified_by, informant) "
            "VALUES (?, 0, '', 'b', 0, ?, ?, 'visit', '', ?, '', '', '', '', 'open', ?, '', '', '')",
            [(new_id(), rng.choice(firms), grid_id, rng.choice(("wage_arrears", "overtime_pay", "social_insurance")),
              str(today - dt.timedelta(days=i % 300))) for i in range(10000)],
        )
        conn.exec_driver_sql(
            "INSERT INTO legal_case (id, version, updated_at, updated_by, deleted, number, kind, grid_id, enterprise_id, employer_name, "
            "category, claim_note, amount_claimed, amount_recovered, workers_involved, lawyer, status, outcome, received_on, source) "
            "VALUES (?, 0, '', 'b', 0, ?, 'mediation', ?, ?, '', 'wage_arrears', '', ?, ?, 1, '', 'received', '', ?, 'import')",
            [(new_id(), f"C{i}", grid_id, rng.choice(firms), rng.randint(1000, 200000), rng.choice((None, 500.0)),
              str(today - dt.timedelta(days=i % 300))) for i in range(5000)],
        )
        conn.exec_driver_sql(
            "INSERT INTO source_record (id, version, updated_at, updated_by, deleted, enterprise_id, grid_id, source, field_values, import_id) "
            "VALUES (?, 0, '', 'b', 0, ?, ?, ?, ?, '')",
            [(new_id(), firm, grid_id, "hr", f'{{"headcount": [{rng.randint(0, 200)}, "2026-10-01"]}}') for firm in rng.sample(firms, 10000)]
            + [(new_id(), firm, grid_id, "market", '{"reg_status": ["经营异常", "2026-10-01"]}') for firm in rng.sample(firms, 2000)],
        )


BARE_SQL = """
SELECT count(*) FROM (
  SELECT enterprise_id FROM work_order WHERE deleted = 0 AND enterprise_id IS NOT NULL GROUP BY enterprise_id
  UNION ALL SELECT enterprise_id FROM matter WHERE deleted = 0 GROUP BY enterprise_id
  UNION ALL SELECT enterprise_id FROM legal_case WHERE deleted = 0 AND enterprise_id IS NOT NULL GROUP BY enterprise_id
  UNION ALL SELECT enterprise_id FROM source_record WHERE deleted = 0 GROUP BY enterprise_id
)
"""


def test_risk_scores_for_100000_enterprises(tmp_path: Path) -> None:
    db, _grid = _district(tmp_path / "risk", 100_000)
    with db.read() as s:  # type: ignore[attr-defined]
        firms = list(s.connection().execute(text("SELECT id FROM enterprise")).scalars())
    _signals(db, firms, random.Random(13))
    weights = risk.load_settings().weights
    with db.read() as s:  # type: ignore[attr-defined]
        s.connection().execute(text(BARE_SQL)).scalar_one()  # warm the page cache for both
        t0 = time.perf_counter()
        s.connection().execute(text(BARE_SQL)).scalar_one()
        bare = time.perf_counter() - t0
        t0 = time.perf_counter()
        scores = risk.enterprise_scores(s, weights)
        ours = time.perf_counter() - t0
        t0 = time.perf_counter()
        by_industry = risk.group_risk(s, scores, "industry")
        groups = time.perf_counter() - t0
    print(f"\nbare SQL counting the same signals: {bare:.2f} s")
    print(f"risk scores for 100,000 enterprises ({len(scores)} flagged): {ours:.2f} s ({ours / bare:.1f}× the bare query); "
          f"per industry {groups:.2f} s; target < {RISK_TARGET_S:.0f} s")
    assert by_industry and ours < RISK_TARGET_S

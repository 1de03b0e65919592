"""Provenance records of an import: a new enterprise's first record is written from its own row in
SQL, holding exactly what the list gave (rows with different filled cells included), with a bulk
outbox entry for every record; and the readers of provenance (merge on re-import, the risk signals,
the union figures' headcounts) read both the compact form (bare values dated the record's list date)
and the full one ([value, date] per field)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from sqlalchemy import text

from app.planning import risk
from app.planning.importer import run_import
from app.planning.mapping import Source
from app.store import datapool
from app.store.db import Database
from app.store.unions import figures
from tests.unit.test_datapool_import_bulk import AS_OF, _csv, code


def _records(db: Database, source: str) -> dict[str, dict[str, list[object]]]:
    """credit code -> field -> [value, as-of] of one source's records, through the reader the merge uses."""
    with db.read() as session:
        rows = session.connection().execute(
            text("SELECT e.credit_code, e.id FROM enterprise e JOIN source_record s ON s.enterprise_id = e.id WHERE s.source = :s"),
            {"s": source},
        ).all()
        return {str(c): datapool.records_of(session, str(eid))[source] for c, eid in rows}


def test_first_records_hold_exactly_what_each_row_gave(db: Database, tmp_path: Path) -> None:
    lines = ["企业名称,统一社会信用代码,住所,从业人数,成立日期,经度,纬度,登记状态"] + [
        f"恒瑞{i}号科技有限公司,{code(i)},学院路{i}号,{'' if i % 3 == 0 else i * 10},2020-01-0{1 + i % 9},"
        + ("120.1234567,30.2" if i % 4 else ",")
        + f",{'吊销' if i == 5 else '存续'}"
        for i in range(12)
    ]
    result = run_import(db, _csv(tmp_path / "m.csv", lines), actor="clerk", source=Source.MARKET, as_of=AS_OF)
    assert result.inserted == 12
    records = _records(db, "market")
    day = AS_OF.isoformat()
    for i in range(12):
        values = records[code(i)]
        expected: dict[str, object] = {
            "name": f"恒瑞{i}号科技有限公司", "credit_code": code(i), "address": f"学院路{i}号",
            "registered_date": f"2020-01-0{1 + i % 9}", "registration_status": "revoked" if i == 5 else "active",
        }
        if i % 3:
            expected["headcount"] = i * 10
        if i % 4:
            expected["longitude"], expected["latitude"] = 120.123457, 30.2
        assert values == {k: [v, day] for k, v in expected.items()}, i
    with db.read() as session:
        conn = session.connection()
        ids = [r[0] for r in conn.execute(text("SELECT id FROM source_record")).all()]
        spans = [json.loads(p)["rowids"] for (p,) in conn.execute(text("SELECT patch FROM outbox WHERE entity = 'source_record'"))]
        rowids = {r[0] for r in conn.execute(text("SELECT rowid FROM source_record")).all()}
    assert len(set(ids)) == 12 and all(len(i) == 36 and i[14] == "7" and i[19] in "89ab" for i in ids)
    assert {n for low, high in spans for n in range(low, high + 1)} == rowids
    again = run_import(db, _csv(tmp_path / "m.csv", lines), actor="clerk", source=Source.MARKET, as_of=AS_OF)
    assert again.unchanged == 12 and not again.changed


def test_a_member_list_keeps_its_own_fields_in_the_record(db: Database, tmp_path: Path) -> None:
    lines = ["单位名称,统一社会信用代码,工会名称,会员人数", f"嘉明餐饮有限公司,{code(1)},嘉明餐饮有限公司工会,12"]
    run_import(db, _csv(tmp_path / "u.csv", lines), actor="clerk", source=Source.MEMBERS, as_of=AS_OF)
    values = _records(db, "members")[code(1)]
    assert values["union_name"] == ["嘉明餐饮有限公司工会", AS_OF.isoformat()]
    assert values["member_count"] == [12, AS_OF.isoformat()]


def test_the_risk_signal_and_the_headcount_points_read_both_forms(db: Database, tmp_path: Path) -> None:
    market = ["企业名称,统一社会信用代码,从业人数", f"恒瑞科技有限公司,{code(1)},100", f"华鑫物流有限公司,{code(2)},80"]
    run_import(db, _csv(tmp_path / "m.csv", market), actor="clerk", source=Source.MARKET, as_of=AS_OF)
    hr_day = AS_OF + dt.timedelta(days=30)
    hr = ["单位名称,统一社会信用代码,参保人数", f"恒瑞科技有限公司,{code(1)},50"]
    run_import(db, _csv(tmp_path / "hr.csv", hr), actor="clerk", source=Source.HR, as_of=hr_day)
    with db.write() as session:  # the other enterprise's HR record in the full form older stores hold
        conn = session.connection()
        firm = conn.execute(text("SELECT id FROM enterprise WHERE credit_code = :c"), {"c": code(2)}).scalar_one()
        conn.execute(
            text("INSERT INTO source_record (id, version, updated_at, updated_by, deleted, enterprise_id, source, field_values, as_of, import_id)"
                 " VALUES ('r-old', 0, '', '', 0, :e, 'hr', :v, :d, '')"),
            {"e": firm, "v": json.dumps({"headcount": [60, "2026-10-01"]}), "d": "2026-12-01"},
        )
    with db.read() as session:
        signals = risk.gather_signals(session, today=hr_day)
        one = session.connection().execute(text("SELECT id FROM enterprise WHERE credit_code = :c"), {"c": code(1)}).scalar_one()
        points = figures.headcount_points(session, str(one))
        old_points = figures.headcount_points(session, str(firm))
    assert signals[str(one)]["headcount_drop"] == 0.5
    assert signals[str(firm)]["headcount_drop"] == 0.25
    assert (hr_day, 50) in points and (AS_OF, 100) in points
    assert (dt.date(2026, 10, 1), 60) in old_points

from __future__ import annotations

import json

from sqlalchemy import text
from sqlmodel import select

from app.store import audit, changes
from app.store.db import Database
from app.store.tables import Enterprise, Inspector
from app.store.tables.audit import AuditLog


def test_every_synced_change_is_logged_in_the_same_transaction(db: Database) -> None:
    with db.write() as s:
        firm = changes.insert(s, Enterprise(name="甲公司", contact_phone="13812345678", legal_rep="张三"), "u1")
        changes.update(s, firm, {"headcount": 30, "contact_phone": "13900001111"}, "u2")
        changes.delete(s, firm, "u3")
        audit.record(s, "login", "登录成功", "u1")
    with db.read() as s:
        rows = list(s.exec(select(AuditLog).order_by(AuditLog.seq)).all())  # type: ignore[arg-type]
    assert [(r.actor, r.event, r.op) for r in rows] == [("u1", "change", "insert"), ("u2", "change", "update"), ("u3", "change", "delete"), ("u1", "login", "")]
    inserted = json.loads(rows[0].fields)
    assert inserted["name"] == "甲公司"
    assert inserted["contact_phone"] == audit.REDACTED and inserted["legal_rep"] == audit.REDACTED
    updated = json.loads(rows[1].fields)
    assert updated == {"headcount": 30, "contact_phone": audit.REDACTED}
    assert "13812345678" not in " ".join(r.fields + r.detail for r in rows)
    assert "13900001111" not in " ".join(r.fields + r.detail for r in rows)


def test_a_failed_transaction_leaves_no_audit_row(db: Database) -> None:
    try:
        with db.write() as s:
            changes.insert(s, Inspector(name="李四"), "u1")
            raise RuntimeError("boom")
    except RuntimeError:
        pass
    with db.read() as s:
        assert s.exec(select(AuditLog)).all() == []


def test_details_are_scrubbed() -> None:
    assert audit.scrub("电话13812345678，身份证11010519491231002X，Bearer abcdefgh12345") == "电话〔电话〕，身份证〔证件号〕，Bearer 〔令牌〕"


def test_chain_verifies_and_tampering_is_found(demo_db: Database) -> None:
    with demo_db.read() as s:
        report = audit.verify(s)
        total = report.checked
    assert report.ok and total > 100
    with demo_db.write() as s:
        s.connection().execute(text("UPDATE audit_log SET actor = 'mallory' WHERE seq = 50"))
    with demo_db.read() as s:
        bad = audit.verify(s)
    assert not bad.ok and bad.bad_seq == 50 and "被修改" in bad.message


def test_deleting_a_row_in_the_middle_breaks_the_chain(demo_db: Database) -> None:
    with demo_db.write() as s:
        s.connection().execute(text("DELETE FROM audit_log WHERE seq = 20"))
    with demo_db.read() as s:
        report = audit.verify(s)
    assert not report.ok and report.bad_seq == 21


def test_rehashing_a_row_still_breaks_the_link_to_the_next(demo_db: Database) -> None:
    with demo_db.write() as s:
        row = dict(s.connection().execute(text("SELECT * FROM audit_log WHERE seq = 30")).one()._mapping)
        row["actor"] = "mallory"
        new_hash = audit._row_hash(30, row)
        s.connection().execute(text("UPDATE audit_log SET actor = 'mallory', hash = :h WHERE seq = 30"), {"h": new_hash})
    with demo_db.read() as s:
        report = audit.verify(s)
    assert not report.ok and report.bad_seq == 31


def test_filters(demo_db: Database) -> None:
    with demo_db.write() as s:
        audit.record(s, "export", "导出月报", "clerk")
    with demo_db.read() as s:
        assert audit.count(s, audit.AuditFilter(event="export")) == 1
        assert audit.page(s, audit.AuditFilter(actor="clerk"), 0, 10)[0]["detail"] == "导出月报"
        assert audit.count(s, audit.AuditFilter(entity="enterprise")) >= 120
        assert "clerk" in audit.actors(s)

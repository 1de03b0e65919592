"""Field-level merge of one mutation against the server's row (pure logic)."""

from __future__ import annotations

from app.server.merge import RowState, merge

ROW = RowState(version=3, data={"name": "甲公司", "address": "一路1号", "headcount": 10}, deleted=False)


def test_fresh_base_applies_everything() -> None:
    out = merge("enterprise", "update", ROW, 3, {"name": "乙公司"}, {"name": "甲公司"})
    assert out.status == "applied" and out.data is not None and out.data["name"] == "乙公司"
    assert out.changed_fields == ["name"]


def test_stale_base_other_field_applies_without_conflict() -> None:
    out = merge("enterprise", "update", ROW, 2, {"headcount": 12}, {"headcount": 10})
    assert out.status == "applied" and out.data is not None and out.data["headcount"] == 12


def test_stale_base_same_field_other_value_is_a_conflict_keeping_server_value() -> None:
    out = merge("enterprise", "update", ROW, 2, {"name": "丙公司", "headcount": 11}, {"name": "旧名", "headcount": 10})
    assert out.status == "conflict"
    assert out.conflict_fields == ["name"] and out.server_values == {"name": "甲公司"}
    assert out.data is not None and out.data["name"] == "甲公司" and out.data["headcount"] == 11


def test_stale_base_same_new_value_is_a_no_op() -> None:
    out = merge("enterprise", "update", ROW, 1, {"name": "甲公司"}, {"name": "旧名"})
    assert out.status == "applied" and not out.writes


def test_edit_against_delete_conflicts_both_ways() -> None:
    gone = RowState(version=4, data=dict(ROW.data), deleted=True)
    edit = merge("enterprise", "update", gone, 3, {"name": "新"}, {"name": "甲公司"})
    assert edit.status == "conflict" and edit.conflict_fields == ["deleted"] and not edit.writes
    assert edit.server_values == {"deleted": True, "name": "甲公司"}
    stale_delete = merge("enterprise", "delete", ROW, 2, {"deleted": True}, {"deleted": False})
    assert stale_delete.status == "conflict" and not stale_delete.writes
    fresh_delete = merge("enterprise", "delete", ROW, 3, {"deleted": True}, {"deleted": False})
    assert fresh_delete.status == "applied" and fresh_delete.deleted
    restore = merge("enterprise", "update", gone, 4, {"deleted": False}, {"deleted": True})
    assert restore.status == "applied" and restore.deleted is False


def test_insert_existing_same_content_is_duplicate_and_append_only_never_conflicts() -> None:
    assert merge("enterprise", "insert", ROW, 0, dict(ROW.data), {}).status == "duplicate"
    assert merge("enterprise", "insert", ROW, 0, {**ROW.data, "name": "X"}, {}).status == "conflict"
    visit = RowState(version=1, data={"summary": "a"}, deleted=False)
    assert merge("visit", "insert", visit, 0, {"summary": "b"}, {}).status == "applied"


def test_update_of_unknown_row_is_rejected_and_bookkeeping_is_ignored() -> None:
    assert merge("enterprise", "update", None, 0, {"name": "x"}, {}).status == "rejected"
    out = merge("enterprise", "insert", None, 0, {"name": "x", "version": 99, "id": "evil"}, {})
    assert out.data == {"name": "x"}

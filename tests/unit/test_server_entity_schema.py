"""The server's per-entity rules come from the laptop's table classes: every registered kind is covered,
grid rules are derived (own grid, enterprise, owner row, foreign key, or office-only), a class can
override them, and the value checks hold at the edges (64 bits, lengths, dates, JSON, surrogates)."""

from __future__ import annotations

import datetime as dt
from typing import ClassVar

import pytest
from sqlmodel import Field

from app.server.limits import MalformedBody, check_json
from app.server.schema import INT_MAX, INT_MIN, schema_for, schemas
from app.server.settings import ServerSettings
from app.store.tables import SYNCED_TABLES, SyncedRow


def test_every_synced_table_has_a_schema_and_a_grid_rule() -> None:
    table = schemas()
    assert set(table) == set(SYNCED_TABLES)
    rules = {name: (s.grid_rule, s.parent) for name, s in table.items()}
    for name, (rule, parent) in sorted(rules.items()):
        print(f"{name:20} {rule:7} {parent}")
    assert rules["enterprise"] == ("own", None)
    assert rules["visit"] == ("parent", ("enterprise_id", "enterprise"))
    assert rules["attachment"] == ("parent", ("owner_id", "*"))
    assert rules["matter_event"] == ("parent", ("matter_id", "matter"))
    assert rules["work_order_event"] == ("parent", ("work_order_id", "work_order"))
    for office_only in ("grid", "inspector"):
        assert rules[office_only] == ("office", None)
    assert table["attachment"].blob_fields == ("sha256",)


class UnionRow(SyncedRow):
    """A record kind someone adds later: no server change needed to validate it."""

    enterprise_id: str = Field(max_length=36)
    grid_id: str | None = Field(default=None)
    member_count: int | None = Field(default=None)
    established_on: dt.date | None = Field(default=None)
    chair: str = Field(default="", max_length=50)
    roster: str = Field(default="[]")


class Partner(SyncedRow):
    __grid_parent__: ClassVar[tuple[str, str] | None] = ("union_id", "union")
    union_id: str = Field(max_length=36)
    enterprise_id: str = Field(default="", max_length=36)
    score: float = Field(default=0.0)


class DepartmentList(SyncedRow):
    label: str = Field(max_length=20)
    active: bool = Field(default=True)


def test_a_new_record_kind_is_validated_from_its_class() -> None:
    union = schema_for(UnionRow)
    assert union.grid_rule == "parent" and union.parent == ("enterprise_id", "enterprise")
    ok = {"enterprise_id": "e1", "member_count": 12, "established_on": "2026-01-31", "chair": "张三", "roster": "[]",
          "deleted": False}
    assert union.check("insert", ok) is None
    assert "64-bit" in (union.check("update", {"member_count": 10**23}) or "")
    assert "date" in (union.check("update", {"established_on": "2026-02-30"}) or "")
    assert "longer than 50" in (union.check("update", {"chair": "长" * 51}) or "")
    assert "JSON" in (union.check("update", {"roster": "[1,"}) or "")
    assert "no field" in (union.check("update", {"secret": 1}) or "")
    assert "needs enterprise_id" in (union.check("insert", {"chair": "x"}) or "")
    assert "may not be empty" in (union.check("update", {"enterprise_id": None}) or "")
    partner = schema_for(Partner)
    assert partner.parent == ("union_id", "union") and partner.grid_rule == "parent"
    assert "finite" in (partner.check("update", {"score": float("inf")}) or "")
    assert partner.check("update", {"score": 3}) is None
    listed = schema_for(DepartmentList)
    assert listed.office_only
    assert "true or false" in (listed.check("update", {"active": 1}) or "")


@pytest.mark.parametrize(
    ("value", "ok"),
    [(INT_MAX, True), (INT_MIN, True), (INT_MAX + 1, False), (INT_MIN - 1, False), (True, False), (1.0, False),
     ("1", False), (None, True)],
)
def test_integers_are_64_bit_whole_numbers(value: object, ok: bool) -> None:
    spec = schemas()["enterprise"].fields["headcount"]
    assert (spec.problem(value) is None) is ok


def test_stored_values_no_laptop_could_take_are_left_out_of_pulls() -> None:
    enterprise = schemas()["enterprise"]
    dirty = {"name": "甲", "headcount": 10**23, "longitude": float("nan"), "evil": 1, "notes": "a\ud800b"}
    assert enterprise.clean(dirty) == {"name": "甲"}


@pytest.mark.parametrize(
    "body",
    [b"\xff", b'{"a": "\\ud800"}', b'["\\udc00\\ud800"]', b"NaN", b'{"a": Infinity}', b"1e400", b"{", b"[" * 5000],
)
def test_bodies_a_handler_cannot_trust_are_refused_before_parsing(body: bytes) -> None:
    with pytest.raises(MalformedBody):
        check_json(body)


def test_paired_surrogate_escapes_are_fine() -> None:
    check_json(b'{"emoji": "\\ud83d\\ude00", "text": "\\u7532"}')


def test_forwarded_for_is_believed_only_from_named_proxies(tmp_path: object) -> None:
    plain = ServerSettings(data_dir=tmp_path)  # type: ignore[arg-type]
    assert plain.client_address("127.0.0.1", "203.0.113.9") == "127.0.0.1"
    proxied = ServerSettings(data_dir=tmp_path, trusted_proxies=("10.0.0.0/8",))  # type: ignore[arg-type]
    assert proxied.client_address("10.1.2.3", "203.0.113.9") == "203.0.113.9"
    assert proxied.client_address("10.1.2.3", "1.1.1.1, 203.0.113.9, 10.0.0.7") == "203.0.113.9"
    assert proxied.client_address("192.0.2.1", "203.0.113.9") == "192.0.2.1"
    assert proxied.client_address("10.1.2.3", "garbage") == "garbage"

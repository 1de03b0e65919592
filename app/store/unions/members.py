"""Members: enrolment drives (集中入会) and the member registry (会员库). The registry's ID numbers are
kept as given; lists hand them out only through `mask_id_number`, and the audit log never sees them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import text
from sqlmodel import Session

from app.core import unions as rules
from app.core.problems import Problem, ValidationError
from app.store import changes
from app.store.tables.unions import EnrolmentDrive, UnionMember, UnionOrg


def record_drive(
    session: Session,
    *,
    union: UnionOrg | None,
    grid_id: str | None,
    held_on: dt.date,
    place: str,
    key_group: str,
    enrolled: int,
    new_members: int,
    actor: str,
    notes: str = "",
) -> EnrolmentDrive:
    if key_group not in rules.KEY_GROUPS:
        raise ValidationError([Problem("key_group", f"未知的重点群体“{key_group}”")])
    if enrolled < 0 or not 0 <= new_members <= enrolled:
        raise ValidationError([Problem("enrolled", "入会人数应为不小于0的整数，其中新会员不能多于入会人数")])
    return changes.insert(
        session,
        EnrolmentDrive(
            union_id=union.id if union else None,
            grid_id=union.grid_id if union else grid_id,
            held_on=held_on,
            place=place.strip(),
            key_group=key_group,
            enrolled=enrolled,
            new_members=new_members,
            notes=notes,
        ),
        actor,
    )


def insert_members(session: Session, rows: Sequence[Mapping[str, Any]], actor: str) -> list[str]:
    """Bulk insert (the registry import), rows and outbox in the caller's transaction."""
    return changes.insert_many(session, UnionMember, rows, actor)


def known_id_numbers(session: Session) -> set[str]:
    sql = "SELECT id_number FROM union_member WHERE deleted = 0 AND id_number != ''"
    return {str(r[0]) for r in session.connection().execute(text(sql))}


MEMBER_COLUMNS = ("id", "member_name", "id_number", "union_name", "enterprise_name", "key_group", "joined_on", "new_member")


@dataclass
class MemberFilter:
    query: str = ""  # a name, or the full ID number
    union_id: str | None = None
    grid_id: str | None = None
    key_group: str | None = None
    new_forms_only: bool = False


def _where(flt: MemberFilter) -> tuple[str, dict[str, Any]]:
    clauses = ["m.deleted = 0"]
    params: dict[str, Any] = {}
    term = flt.query.strip()
    if term:
        if len(term) == 18:
            clauses.append("m.id_number = :idn")
            params["idn"] = term.upper()
        else:
            # a name prefix as a range, so the (deleted, member_name) index answers it
            clauses.append("m.member_name >= :q AND m.member_name < :q_end")
            params["q"], params["q_end"] = term, term + "\U0010ffff"
    if flt.union_id:
        clauses.append("m.union_id = :union_id")
        params["union_id"] = flt.union_id
    if flt.grid_id:
        clauses.append("m.grid_id = :grid_id")
        params["grid_id"] = flt.grid_id
    if flt.key_group:
        clauses.append("m.key_group = :key_group")
        params["key_group"] = flt.key_group
    if flt.new_forms_only:
        clauses.append("m.key_group IN (" + ", ".join(f"'{g}'" for g in sorted(rules.NEW_FORM_GROUPS)) + ")")
    return " AND ".join(clauses), params


def count(session: Session, flt: MemberFilter) -> int:
    where, params = _where(flt)
    return int(session.connection().execute(text(f"SELECT count(*) FROM union_member m WHERE {where}"), params).scalar_one())


def page(session: Session, flt: MemberFilter, offset: int, limit: int) -> list[dict[str, Any]]:
    """Rows with the ID number already masked: the full number never leaves the store for a list."""
    where, params = _where(flt)
    sql = f"""
        WITH pick AS (
            SELECT m.rowid AS rid FROM union_member m WHERE {where}
            ORDER BY m.member_name, m.rowid LIMIT :limit OFFSET :offset
        )
        SELECT m.id, m.member_name, m.id_number, u.name, e.name, m.key_group, m.joined_on, m.new_member
        FROM pick JOIN union_member m ON m.rowid = pick.rid
        LEFT JOIN union_org u ON u.id = m.union_id LEFT JOIN enterprise e ON e.id = m.enterprise_id
        ORDER BY m.member_name, m.rowid
    """
    params.update(limit=limit, offset=offset)
    rows = []
    for r in session.connection().execute(text(sql), params):
        row = dict(zip(MEMBER_COLUMNS, r, strict=True))
        row["id_number"] = rules.mask_id_number(row["id_number"])
        rows.append(row)
    return rows

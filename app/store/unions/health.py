"""`check` lines for union building: the office's check list parses, no unit sits in two unions of one
form (possible only when two devices did it offline), covered units carry the status their unions
give them, and member ID numbers pass their check."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from app.core import unions as rules
from app.core.enterprise import UnionStatus

if TYPE_CHECKING:
    from sqlmodel import Session

    from app.store.quickcheck import Connection


Level = Literal["ok", "warn", "fail"]


def report(conn: Connection, data_dir: Path | None, today: dt.date | None = None) -> list[tuple[str, Level, str]]:
    """On the check's plain DB-API connection (`app.store.quickcheck`)."""
    from app.store.quickcheck import UNION_DUPLICATE_COVERS
    from app.store.unions import checklist

    lines: list[tuple[str, Level, str]] = []
    try:
        items = checklist.load_items(data_dir)
        lines.append(("年度体检清单", "ok", f"{len(items)} 项（{checklist.checklist_path(data_dir).name}）"))
    except rules.UnionRuleError as exc:
        lines.append(("年度体检清单", "fail", str(exc)))
    unions = int(conn.execute("SELECT count(*) FROM union_org WHERE deleted = 0").fetchone()[0])
    dupes = [(str(a), str(b), int(n)) for a, b, n in conn.execute(UNION_DUPLICATE_COVERS)]
    if dupes:
        names = "、".join(f"{name}（{rules.UNION_FORMS.get(form, form)}）" for name, form, _n in dupes[:5])
        lines.append(("工会覆盖单位", "warn", f"{len(dupes)} 家单位同时在两个同类工会中：{names}；请在工会组织页移除其一"))
    else:
        lines.append(("工会覆盖单位", "ok", f"{unions} 个工会组织，无重复覆盖"))
    mismatched = 0
    rows = conn.execute(
        "SELECT e.id, e.union_status, u.status, u.founded_on FROM enterprise e "
        "JOIN union_unit c ON c.enterprise_id = e.id AND c.deleted = 0 "
        "JOIN union_org u ON u.id = c.union_id AND u.deleted = 0 WHERE e.deleted = 0"
    ).fetchall()
    per_unit: dict[str, tuple[str, list[tuple[UnionStatus, dt.date | None]]]] = {}
    for eid, status, union_status, founded in rows:
        day = founded if isinstance(founded, dt.date) or founded is None else dt.date.fromisoformat(str(founded)[:10])
        per_unit.setdefault(str(eid), (str(status), []))[1].append((UnionStatus(union_status), day))
    for status, states in per_unit.values():
        if rules.derive_unit_state(states)[0].value != status:
            mismatched += 1
    if mismatched:
        lines.append(("建会状态", "warn", f"{mismatched} 家单位的建会状态与其工会记录不一致；在工会组织页点“重新计算建会状态”即可更正"))
    bad_ids = sum(
        1 for (number,) in conn.execute("SELECT id_number FROM union_member WHERE deleted = 0") if rules.member_id_problem(str(number))
    )
    if bad_ids:
        lines.append(("会员库", "warn", f"{bad_ids} 名会员的身份证号码未通过校验"))
    overdue = int(
        conn.execute(
            "SELECT count(*) FROM service_request WHERE deleted = 0 AND status IN ('open', 'in_progress') AND due_date < ?",
            ((today or dt.date.today()).isoformat(),),
        ).fetchone()[0]
    )
    lines.append(("服务请求", "warn" if overdue else "ok", f"{overdue} 条服务请求已超期未办结" if overdue else "无超期服务请求"))
    return lines


def refresh_all(session: Session, actor: str) -> int:
    """Recomputes the 建会 status of every covered unit (after a sync brought union records)."""
    from sqlalchemy import text

    from app.store.unions import orgs

    ids = [str(r[0]) for r in session.connection().execute(text("SELECT DISTINCT enterprise_id FROM union_unit WHERE deleted = 0"))]
    return orgs.refresh_enterprises(session, ids, actor)

"""Reading synced rows for the web pages from the server's generic record table, with the caller's grid
scope applied exactly as pull applies it: office and admin see everything, an inspector sees rows of
their grids and grid-less rows.

Paging is "newest change first" on the unique seq index with a look-ahead row instead of a total count:
the first page of a 1,000,000-row register is an index walk, not a sort or a full count."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Table, and_, cast, false, func, or_, select, text
from sqlalchemy.dialects.postgresql import JSONB
from sqlmodel import Session, col
from sqlmodel import select as sqlmodel_select

from app.core.enterprise import UNION_STATUS_LABELS
from app.core.letters import KIND_LABELS, LETTER_STATUS_LABELS
from app.core.matters import MATTER_STATUS_LABELS
from app.core.report_figures import FIELDS
from app.core.workorders import STATUS_LABELS as ORDER_STATUS_LABELS
from app.server.accounts import Principal
from app.server.db import ServerDB
from app.server.tables import Record, ServerGrid

R: Table = Record.__table__  # type: ignore[attr-defined]

PAGE_SIZE = 50
VISIT_STATUS_LABELS = {"draft": "草稿", "submitted": "已提交"}
CONFLICT_STATUS_LABELS = {"open": "待处理", "resolved": "已处理"}
FIELDS_OK = frozenset("abcdefghijklmnopqrstuvwxyz_")


def _labels(mapping: dict[Any, str]) -> dict[str, str]:
    return {str(getattr(k, "value", k)): v for k, v in mapping.items()}


@dataclass(frozen=True)
class Column:
    field: str
    label: str
    kind: str = "text"  # text | date | enterprise | inspector | grid | labels | link
    labels: dict[str, str] = dataclasses.field(default_factory=dict)


@dataclass(frozen=True)
class Register:
    key: str  # URL part
    entity: str
    title: str
    columns: tuple[Column, ...]
    search: tuple[str, ...]
    filters: tuple[Column, ...] = ()
    detail: tuple[Column, ...] = ()


ENTERPRISE = Column("enterprise_id", "企业", "enterprise")
GRID = Column("grid_id", "网格", "grid")
REGISTERS: dict[str, Register] = {
    r.key: r
    for r in (
        Register(
            "enterprises",
            "enterprise",
            "企业",
            (
                Column("name", "企业名称", "link"),
                Column("credit_code", "统一社会信用代码"),
                Column("industry", "行业"),
                Column("union_status", "建会状态", "labels", _labels(UNION_STATUS_LABELS)),
                Column("member_count", "会员人数"),
                GRID,
            ),
            ("name", "credit_code"),
            (Column("union_status", "建会状态", "labels", _labels(UNION_STATUS_LABELS)),),
            (
                Column("address", "地址"),
                Column("headcount", "职工人数"),
                Column("union_established_date", "建会日期", "date"),
            ),
        ),
        Register(
            "visits",
            "visit",
            "走访",
            (
                Column("visit_date", "走访日期", "link"),
                ENTERPRISE,
                Column("inspector_id", "走访人", "inspector"),
                Column("status", "状态", "labels", VISIT_STATUS_LABELS),
                Column("summary", "摘要"),
                GRID,
            ),
            ("summary",),
            (Column("status", "状态", "labels", VISIT_STATUS_LABELS),),
        ),
        Register(
            "matters",
            "matter",
            "监督事项",
            (
                Column("title", "事项", "link"),
                ENTERPRISE,
                Column("category", "问题类别", "category"),
                Column("status", "状态", "labels", _labels(MATTER_STATUS_LABELS)),
                Column("opened_on", "立项日期", "date"),
                Column("deadline", "整改期限", "date"),
                GRID,
            ),
            ("title",),
            (Column("status", "状态", "labels", _labels(MATTER_STATUS_LABELS)),),
            (Column("facts", "事实"), Column("legal_basis", "法律依据"), Column("demand", "整改要求")),
        ),
        Register(
            "letters",
            "letter",
            "一函两书",
            (
                Column("number", "文号", "link"),
                Column("kind", "种类", "labels", _labels(KIND_LABELS)),
                Column("title", "标题"),
                ENTERPRISE,
                Column("status", "状态", "labels", _labels(LETTER_STATUS_LABELS)),
                Column("issued_on", "发出日期", "date"),
                GRID,
            ),
            ("number", "title"),
            (
                Column("kind", "种类", "labels", _labels(KIND_LABELS)),
                Column("status", "状态", "labels", _labels(LETTER_STATUS_LABELS)),
            ),
            (Column("addressee", "主送"),),
        ),
        Register(
            "orders",
            "work_order",
            "12351工单",
            (
                Column("number", "工单号", "link"),
                Column("received_at", "受理时间", "date"),
                Column("category", "类别"),
                Column("topic", "诉求主题"),
                Column("enterprise_name", "涉及单位"),
                Column("status", "状态", "labels", _labels(ORDER_STATUS_LABELS)),
                Column("due_date", "办理期限", "date"),
                GRID,
            ),
            ("number", "topic", "enterprise_name"),
            (Column("status", "状态", "labels", _labels(ORDER_STATUS_LABELS)),),
            (Column("content", "诉求内容"), Column("reply", "答复"), Column("satisfaction", "满意度")),
        ),
        Register(
            "conflicts",
            "field_conflict",
            "数据冲突",
            (
                Column("field", "字段", "link"),
                ENTERPRISE,
                Column("status", "状态", "labels", CONFLICT_STATUS_LABELS),
                Column("detected_at", "发现时间", "date"),
                Column("resolved_by", "处理人"),
                GRID,
            ),
            ("field",),
            (Column("status", "状态", "labels", CONFLICT_STATUS_LABELS),),
            (Column("chosen_value", "采用的值"),),
        ),
    )
}


def jtext(db: ServerDB, name: str) -> ColumnElement[Any]:
    """One field of the JSON data as text, in the dialect's own JSON function."""
    if not set(name) <= FIELDS_OK:
        raise ValueError(name)
    if db.is_sqlite:
        return func.json_extract(R.c.data, f"$.{name}")
    return cast(R.c.data, JSONB)[name].astext


def scope_clause(principal: Principal) -> ColumnElement[bool] | None:
    if principal.sees_all:
        return None
    grids = sorted(principal.grid_ids)
    if not grids:
        return R.c.grid_id.is_(None)
    return or_(R.c.grid_id.is_(None), R.c.grid_id.in_(grids))


def _like(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


@dataclass
class Row:
    id: str
    grid_id: str | None
    data: dict[str, Any]
    updated_at: str


@dataclass
class Page:
    rows: list[Row]
    page: int
    has_more: bool


def _rows(session: Session, stmt: Any) -> list[Row]:
    out = []
    for rid, grid_id, data, updated in session.execute(stmt).all():
        value = json.loads(data or "{}")
        out.append(Row(rid, grid_id, value if isinstance(value, dict) else {}, updated))
    return out


def base(entity: str, principal: Principal, *, newest_first_on: ServerDB | None = None) -> Any:
    """The caller's live rows of one entity. `newest_first_on` (SQLite only): keep SQLite from choosing
    the (entity, id) key and sorting every row of the entity for a page of 50: the unary plus makes it
    walk the seq index backwards instead, stopping after one page (PostgreSQL plans this by itself)."""
    if newest_first_on is not None and newest_first_on.is_sqlite:
        by_entity: Any = text("+record.entity = :web_entity").bindparams(web_entity=entity)
    else:
        by_entity = R.c.entity == entity
    stmt = select(R.c.id, R.c.grid_id, R.c.data, R.c.updated_at).where(by_entity, R.c.deleted.is_(False))
    scope = scope_clause(principal)
    return stmt if scope is None else stmt.where(scope)


def register_page(
    db: ServerDB,
    principal: Principal,
    reg: Register,
    *,
    q: str = "",
    filters: dict[str, str] | None = None,
    grid: str = "",
    page: int = 1,
    size: int = PAGE_SIZE,
) -> Page:
    stmt = base(reg.entity, principal, newest_first_on=db)
    q = q.strip()[:100]
    if q:
        stmt = stmt.where(
            R.c.data.like(_like(q), escape="\\"),
            or_(*(jtext(db, f).like(_like(q), escape="\\") for f in reg.search)),
        )
    for name, value in (filters or {}).items():
        if value:
            stmt = stmt.where(jtext(db, name) == value)
    if grid:
        stmt = stmt.where(R.c.grid_id == grid)
    page = max(1, min(page, 10_000))
    stmt = stmt.order_by(R.c.seq.desc()).offset((page - 1) * size).limit(size + 1)
    with db.read() as session:
        rows = _rows(session, stmt)
    return Page(rows[:size], page, len(rows) > size)


def get_row(db: ServerDB, principal: Principal, entity: str, row_id: str) -> Row | None:
    with db.read() as session:
        rows = _rows(session, base(entity, principal).where(R.c.id == row_id))
    return rows[0] if rows else None


def related(db: ServerDB, principal: Principal, entity: str, name: str, value: str, limit: int = 200) -> list[Row]:
    """Rows of `entity` whose `name` field is `value`. The LIKE on the stored (sorted, compact) JSON text
    lets the database skip most rows before it parses any."""
    needle = json.dumps({name: value}, ensure_ascii=False, separators=(",", ":"))[1:-1]
    stmt = (
        base(entity, principal)
        .where(R.c.data.like(_like(needle), escape="\\"), jtext(db, name) == value)
        .order_by(R.c.seq.desc())
        .limit(limit)
    )
    with db.read() as session:
        return _rows(session, stmt)


def rows_of(db: ServerDB, principal: Principal, entity: str, limit: int = 1000) -> list[Row]:
    """Every live row of a short list (reference rows such as the office's confirmations)."""
    with db.read() as session:
        return _rows(session, base(entity, principal).order_by(R.c.seq.desc()).limit(limit))


def names(db: ServerDB, entity: str, ids: Iterable[str], field_name: str = "name") -> dict[str, str]:
    """Display names for ids on one page (enterprises, inspectors), in one query."""
    wanted = sorted({i for i in ids if i})
    if not wanted:
        return {}
    stmt = select(R.c.id, jtext(db, field_name)).where(R.c.entity == entity, R.c.id.in_(wanted))
    with db.read() as session:
        return {str(i): str(n or "") for i, n in session.execute(stmt).all()}


def grids(db: ServerDB) -> list[ServerGrid]:
    with db.read() as session:
        return list(session.exec(sqlmodel_select(ServerGrid).order_by(col(ServerGrid.code))).all())


def grid_names(db: ServerDB) -> dict[str, str]:
    return {g.id: g.name or g.code for g in grids(db)}


# --- figures --------------------------------------------------------------------------------------


def figure_rows(db: ServerDB, principal: Principal, since: dt.date | None = None) -> dict[str, list[dict[str, Any]]]:
    """The rows `report_figures.compute` needs, only their fields (extracted by the database, so a
    visit's large answers JSON never reaches Python). Dated rows are cut at `since` by the database."""
    dated = {"visit": "visit_date", "letter": "issued_on", "work_order": "received_at"}
    out: dict[str, list[dict[str, Any]]] = {}
    with db.read() as session:
        for entity, names_ in FIELDS.items():
            cols = [jtext(db, n).label(n) for n in names_]
            stmt: Any = select(R.c.id, R.c.grid_id, *cols).where(
                R.c.entity == entity, R.c.deleted.is_(False)
            )
            scope = scope_clause(principal) if entity not in ("grid", "inspector") else None
            if scope is not None:
                stmt = stmt.where(scope)
            if entity == "grid" and not principal.sees_all:
                stmt = stmt.where(R.c.id.in_(sorted(principal.grid_ids)))
            if since is not None and entity in dated:
                stmt = stmt.where(jtext(db, dated[entity]) >= since.isoformat())
            keys = ("id", "grid_id", *names_)
            out[entity] = [dict(zip(keys, r, strict=True)) for r in session.execute(stmt).all()]
    return out


def count(db: ServerDB, principal: Principal, entity: str) -> int:
    stmt = select(func.count()).select_from(R).where(R.c.entity == entity, R.c.deleted.is_(False))
    scope = scope_clause(principal)
    if scope is not None:
        stmt = stmt.where(scope)
    with db.read() as session:
        return int(session.execute(stmt).scalar_one())


def any_rows(db: ServerDB, entity: str, conditions: Sequence[ColumnElement[bool]] = ()) -> bool:
    stmt = select(R.c.id).where(R.c.entity == entity, R.c.deleted.is_(False), and_(*conditions) if conditions else ~false()).limit(1)
    with db.read() as session:
        return session.execute(stmt).first() is not None


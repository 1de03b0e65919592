"""Reading synced rows for the web pages from the server's generic record table, with the caller's grid
scope applied exactly as pull applies it: office and admin see everything, an inspector sees rows of
their grids and grid-less rows.

Paging is "newest change first" on the unique seq index with a look-ahead row instead of a total count:
the first page of a 1,000,000-row register is an index walk, not a sort or a full count."""

from __future__ import annotations

import contextvars
import dataclasses
import datetime as dt
import functools
import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from sqlalchemy import (
    ColumnElement,
    Table,
    and_,
    bindparam,
    case,
    cast,
    column,
    false,
    func,
    literal_column,
    or_,
    select,
    table,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.exc import DBAPIError
from sqlmodel import Session, col
from sqlmodel import select as sqlmodel_select

from app.core.enterprise import UNION_STATUS_LABELS
from app.core.letters import KIND_LABELS, LETTER_STATUS_LABELS
from app.core.matters import MATTER_STATUS_LABELS
from app.core.report_figures import FIELDS
from app.core.workorders import STATUS_LABELS as ORDER_STATUS_LABELS
from app.server import search
from app.server.accounts import Principal
from app.server.db import ServerDB
from app.server.record_data import json_field, loads_or_empty
from app.server.tables import Record, RecordRef, RecordSearch, ServerGrid

R: Table = Record.__table__  # type: ignore[attr-defined]
S: Table = RecordSearch.__table__  # type: ignore[attr-defined]
REF: Table = RecordRef.__table__  # type: ignore[attr-defined]

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
    kind: str = "text"  # text | date | enterprise | inspector | grid | labels | link | ref
    labels: dict[str, str] = dataclasses.field(default_factory=dict)
    mask: str = ""  # name | id | phone: personal data shown masked, as on the laptop
    ref: tuple[str, str, str] | None = None  # kind "ref": (entity, its name field, its register key)


@dataclass(frozen=True)
class Register:
    key: str  # URL part
    entity: str
    title: str
    columns: tuple[Column, ...]
    search: tuple[str, ...]
    filters: tuple[Column, ...] = ()
    detail: tuple[Column, ...] = ()
    related: tuple[tuple[str, str, str], ...] = ()
    """Tables on the detail page: (title, register key of the rows, their field naming this row)."""
    group: str = ""
    """Registers of one group share one link in the top bar and a row of tabs (see GROUPS)."""


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


def _more_registers() -> tuple[Register, ...]:
    """The union-building, legal-supervision and legislative-contact-point records, declared like the
    registers above; the page, search, paging, scope and detail machinery is the same."""
    from app.core.cases import rules as cases
    from app.core.legislation import (
        CONSULTATION_STATUS_LABELS,
        MEETING_KINDS,
        SUGGESTION_STATUS_LABELS,
        TARGET_KINDS,
    )
    from app.core.unions import KEY_GROUPS, STEP_LABELS, UNION_FORMS

    union_status = _labels(UNION_STATUS_LABELS)
    consultation = Column("consultation_id", "征询", "ref", ref=("lf_consultation", "title", "consultations"))
    union = Column("union_id", "工会", "ref", ref=("union_org", "name", "unions"))
    return (
        Register(
            "unions", "union_org", "工会组织",
            (
                Column("name", "工会名称", "link"),
                Column("form", "组建形式", "labels", UNION_FORMS),
                Column("status", "建会状态", "labels", union_status),
                Column("founded_on", "批复日期", "date"),
                Column("members", "会员人数"),
                Column("chair_name", "工会主席", mask="name"),
                GRID,
            ),
            ("name", "address"),
            (Column("form", "组建形式", "labels", UNION_FORMS), Column("status", "建会状态", "labels", union_status)),
            (
                Column("address", "地址"),
                Column("contact_phone", "联系电话", mask="phone"),
                Column("current_step", "当前步骤", "labels", STEP_LABELS),
                Column("last_check_year", "最近运行评估年度"),
                Column("last_check_percent", "运行评估得分（%）"),
            ),
            related=(("建会步骤", "union_steps", "union_id"), ("会员", "members", "union_id")),
            group="unions",
        ),
        Register(
            "union_steps", "union_step", "建会步骤",
            (
                Column("done_on", "日期", "link"),
                union,
                Column("step", "步骤", "labels", STEP_LABELS),
                Column("note", "说明"),
                GRID,
            ),
            ("note",),
            (Column("step", "步骤", "labels", STEP_LABELS),),
            group="unions",
        ),
        Register(
            "members", "union_member", "会员",
            (
                Column("member_name", "姓名", "link", mask="name"),
                union,
                Column("key_group", "重点群体", "labels", KEY_GROUPS),
                Column("joined_on", "入会日期", "date"),
                Column("id_number", "身份证号", mask="id"),
                Column("phone", "电话", mask="phone"),
                GRID,
            ),
            ("member_name",),
            (Column("key_group", "重点群体", "labels", KEY_GROUPS),),
            (ENTERPRISE,),
            group="unions",
        ),
        Register(
            "cases", "legal_case", "案件",
            (
                Column("number", "案号", "link"),
                Column("kind", "案件类型", "labels", _labels(cases.KIND_LABELS)),
                Column("employer_name", "用人单位"),
                Column("category", "问题类别", "category"),
                Column("status", "状态", "labels", _labels(cases.STATUS_LABELS)),
                Column("received_on", "受理日期", "date"),
                Column("amount_recovered", "追回金额（元）"),
                GRID,
            ),
            ("number", "employer_name"),
            (
                Column("kind", "案件类型", "labels", _labels(cases.KIND_LABELS)),
                Column("status", "状态", "labels", _labels(cases.STATUS_LABELS)),
            ),
            (
                ENTERPRISE,
                Column("mediator_id", "调解员", "inspector"),
                Column("workers_involved", "涉及职工人数"),
                Column("amount_claimed", "请求金额（元）"),
                Column("outcome", "结果", "labels", _labels(cases.OUTCOME_LABELS)),
                Column("closed_on", "结案日期", "date"),
            ),
            related=(("当事人", "case_parties", "case_id"), ("办理过程", "case_steps", "case_id"),
                     ("移送", "referrals", "source_id")),
            group="cases",
        ),
        Register(
            "case_parties", "case_party", "当事人",
            (
                Column("person_name", "姓名", "link", mask="name"),
                Column("role", "身份", "labels", _labels(cases.PARTY_ROLE_LABELS)),
                Column("id_number", "身份证号", mask="id"),
                Column("phone", "电话", mask="phone"),
                Column("case_id", "案件", "ref", ref=("legal_case", "number", "cases")),
            ),
            ("person_name",),
            group="cases",
        ),
        Register(
            "case_steps", "case_step", "案件办理步骤",
            (
                Column("step_date", "日期", "link"),
                Column("action", "步骤", "labels", _labels(cases.ACTION_LABELS)),
                Column("to_status", "办理后状态", "labels", _labels(cases.STATUS_LABELS)),
                Column("actor", "经办人"),
                Column("step_note", "说明"),
                Column("case_id", "案件", "ref", ref=("legal_case", "number", "cases")),
            ),
            ("step_note",),
            group="cases",
        ),
        Register(
            "receptions", "reception", "来访接待",
            (
                Column("received_at", "接待时间", "link"),
                Column("place", "地点"),
                Column("person_name", "来访人", mask="name"),
                Column("phone", "电话", mask="phone"),
                Column("employer_name", "用人单位"),
                Column("category", "问题类别", "category"),
                Column("outcome", "处理结果", "labels", _labels(cases.RECEPTION_OUTCOME_LABELS)),
                GRID,
            ),
            ("employer_name", "place"),
            (Column("outcome", "处理结果", "labels", _labels(cases.RECEPTION_OUTCOME_LABELS)),),
            (Column("workers_involved", "涉及职工人数"), Column("received_by", "接待人", "inspector")),
            group="cases",
        ),
        Register(
            "referrals", "referral", "移送",
            (
                Column("subject", "事由", "link"),
                Column("source_table", "来源", "labels", _labels(cases.SOURCE_LABELS)),
                Column("department_id", "接收部门", "ref", ref=("department", "name", "")),
                Column("status", "状态", "labels", _labels(cases.REFERRAL_STATUS_LABELS)),
                Column("sent_on", "移送日期", "date"),
                Column("due_on", "答复期限", "date"),
                Column("result", "处理结果"),
                GRID,
            ),
            ("subject",),
            (Column("status", "状态", "labels", _labels(cases.REFERRAL_STATUS_LABELS)),),
            (ENTERPRISE, Column("answered_on", "答复日期", "date"), Column("answer_note", "答复内容"),
             Column("closed_on", "办结日期", "date")),
            group="cases",
        ),
        Register(
            "consultations", "lf_consultation", "立法征询",
            (
                Column("title", "草案名称", "link"),
                Column("issuing_body", "征询单位"),
                Column("received_on", "收到日期", "date"),
                Column("deadline", "反馈期限", "date"),
                Column("status", "状态", "labels", CONSULTATION_STATUS_LABELS),
                GRID,
            ),
            ("title", "issuing_body"),
            (Column("status", "状态", "labels", CONSULTATION_STATUS_LABELS),),
            (Column("summary_number", "意见汇总文号"), Column("summary_sent_on", "报送日期", "date")),
            related=(("征询任务", "lf_tasks", "consultation_id"), ("座谈会", "lf_meetings", "consultation_id"),
                     ("意见建议", "suggestions", "consultation_id")),
            group="consultations",
        ),
        Register(
            "lf_tasks", "lf_task", "征询任务",
            (
                Column("sent_on", "发出日期", "link"),
                consultation,
                Column("target_kind", "对象类型", "labels", TARGET_KINDS),
                Column("due_on", "反馈期限", "date"),
                Column("returned_on", "反馈日期", "date"),
                Column("returned_note", "反馈内容"),
                GRID,
            ),
            ("returned_note",),
            (Column("target_kind", "对象类型", "labels", TARGET_KINDS),),
            group="consultations",
        ),
        Register(
            "lf_meetings", "lf_meeting", "座谈会",
            (
                Column("held_on", "日期", "link"),
                consultation,
                Column("kind", "形式", "labels", MEETING_KINDS),
                Column("place", "地点"),
                Column("attendance", "参加人数"),
                GRID,
            ),
            ("place", "note"),
            (Column("kind", "形式", "labels", MEETING_KINDS),),
            (Column("note", "说明"),),
            group="consultations",
        ),
        Register(
            "suggestions", "lf_suggestion", "意见建议",
            (
                Column("content", "意见内容", "link"),
                consultation,
                Column("article", "涉及条款"),
                Column("status", "状态", "labels", _labels(SUGGESTION_STATUS_LABELS)),
                Column("collected_on", "收集日期", "date"),
                GRID,
            ),
            ("content", "article"),
            (Column("status", "状态", "labels", _labels(SUGGESTION_STATUS_LABELS)),),
            (Column("sent_number", "报送文号"), Column("outcome_law", "采纳法规"), Column("outcome_article", "采纳条款")),
            group="consultations",
        ),
    )


REGISTERS.update((r.key, r) for r in _more_registers())
GROUPS: dict[str, tuple[str, tuple[str, ...]]] = {
    "unions": ("工会组建", ("unions", "union_steps", "members")),
    "cases": ("案件", ("cases", "receptions", "referrals", "case_parties", "case_steps")),
    "consultations": ("立法联系点", ("consultations", "lf_tasks", "lf_meetings", "suggestions")),
}
"""Group -> (title in the top bar, its registers as tabs)."""


_SAFE_JSON: contextvars.ContextVar[bool] = contextvars.ContextVar("safe_json", default=False)


def jtext(db: ServerDB, name: str) -> ColumnElement[Any]:
    """One field of the JSON data as text. A row whose text is not JSON (damaged in the file) reads as
    NULL: on SQLite always (json_valid costs little); on PostgreSQL the safe cast (record_data) costs
    a sub-transaction a row, about 2.5 times the plain cast on a long walk, so queries use the plain
    cast and a reader marked `survives_damage` runs once more with the safe one when it meets a row
    that is not JSON."""
    if not set(name) <= FIELDS_OK:
        raise ValueError(name)
    if db.is_sqlite:
        return json_field("sqlite", R.c.data, name)
    if _SAFE_JSON.get():
        return json_field("postgresql", R.c.data, name)
    return cast(R.c.data, JSONB)[name].astext


_F = TypeVar("_F", bound=Callable[..., Any])


def survives_damage(fn: _F) -> _F:
    """Runs `fn` again with the safe JSON cast when PostgreSQL refused a record's text as JSON. Only
    for readers: each opens its own read session, so the failed one is already rolled back."""

    @functools.wraps(fn)
    def run(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except DBAPIError as exc:
            if _SAFE_JSON.get() or getattr(exc.orig, "sqlstate", None) != BAD_TEXT:
                raise
        token = _SAFE_JSON.set(True)
        try:
            return fn(*args, **kwargs)
        finally:
            _SAFE_JSON.reset(token)

    return run  # type: ignore[return-value]


BAD_TEXT = "22P02"  # PostgreSQL's invalid_text_representation: "invalid input syntax for type json"


def scope_clause(principal: Principal, extra_ids: Sequence[str] = (), *, unindexed: bool = False) -> ColumnElement[bool] | None:
    """`extra_ids`: rows of the entity outside the grids the account still sees (mediated cases).
    `unindexed` (SQLite only): the same test written so SQLite cannot start from the grid index (a
    search starts from its own index and looks the records up by key)."""
    if principal.sees_all:
        return None
    grid_col: Any = literal_column("+record.grid_id") if unindexed else R.c.grid_id
    id_col: Any = literal_column("+record.id") if unindexed else R.c.id
    grids = sorted(principal.grid_ids)
    own = grid_col.is_(None) if not grids else or_(grid_col.is_(None), grid_col.in_(grids))
    return or_(own, id_col.in_(list(extra_ids))) if extra_ids else own


MEDIATED = frozenset({"legal_case", "case_party", "case_step", "referral", "enterprise"})
"""Entities a mediator sees beyond their grids, as pull gives them (app/server/case_scope.py)."""


def mediated_ids(db: ServerDB, principal: Principal, entity: str) -> list[str]:
    if principal.sees_all or entity not in MEDIATED:
        return []
    from app.server.case_scope import case_scope

    with db.read() as session:
        scope = case_scope(session, principal)
    return sorted(i for e, i in scope.extra if e == entity)


_JSON_ESCAPED = frozenset('"\\') | frozenset(chr(i) for i in range(32))
"""Characters the stored JSON text (record_data.dumps) writes escaped: a value holding one is not found
in the text as it is."""


def _like(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


@dataclass
class Row:
    id: str
    grid_id: str | None
    data: dict[str, Any]
    updated_at: str
    damaged: bool = False  # its stored data is not a JSON object: shown as such, never a failed page


@dataclass
class Page:
    rows: list[Row]
    page: int
    has_more: bool


def _rows(session: Session, stmt: Any) -> list[Row]:
    """A page's rows. One damaged row (text that is not a JSON object, however it got there) is kept
    with empty data and marked, so the page shows it as damaged instead of failing for every row."""
    out = []
    for rid, grid_id, data, updated in session.execute(stmt).all():
        value = loads_or_empty(data)
        damaged = not value and _damaged(data)
        out.append(Row(rid, grid_id, value, updated, damaged))
    return out


def _damaged(data: str | None) -> bool:
    try:
        return not isinstance(json.loads(data or "{}"), dict)
    except ValueError:
        return True


def base(entity: str, principal: Principal, *, newest_first_on: ServerDB | None = None,
         extra_ids: Sequence[str] = ()) -> Any:
    """The caller's live rows of one entity. `newest_first_on` (SQLite only): keep SQLite from choosing
    the (entity, id) key and sorting every row of the entity for a page of 50: the unary plus makes it
    walk the seq index backwards instead, stopping after one page (PostgreSQL plans this by itself)."""
    if newest_first_on is not None and newest_first_on.is_sqlite:
        by_entity: Any = text("+record.entity = :web_entity").bindparams(web_entity=entity)
    else:
        by_entity = R.c.entity == entity
    stmt = select(R.c.id, R.c.grid_id, R.c.data, R.c.updated_at).where(by_entity, R.c.deleted.is_(False))
    scope = scope_clause(principal, extra_ids)
    return stmt if scope is None else stmt.where(scope)


@survives_damage
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
    extra = mediated_ids(db, principal, reg.entity)
    q = q.strip()[:100]
    page = max(1, min(page, 10_000))

    def tested(stmt: Any) -> Any:
        if q:  # the same test on the record as without the index: the index only finds the candidates
            stmt = stmt.where(
                R.c.data.like(_like(q), escape="\\"),
                or_(*(jtext(db, f).like(_like(q), escape="\\") for f in reg.search)),
            )
        for name, value in (filters or {}).items():
            if value:
                field: Any = jtext(db, name)
                if not any(ch in value for ch in _JSON_ESCAPED):
                    # Stored as it is, so a row without the value in its text is skipped before its JSON is
                    # read. Inside the CASE, not a condition of its own: PostgreSQL would take the LIKE as
                    # rare and sort the whole entity instead of walking the newest rows.
                    field = case((R.c.data.like(_like(value), escape="\\"), field))
                stmt = stmt.where(field == value)
        return stmt.where(R.c.grid_id == grid) if grid else stmt

    order: Any = R.c.seq.desc()
    if q and search.SEARCH_FIELDS.get(reg.entity) == reg.search and "\x00" not in q:
        stmt, order, walk = _searched(db, principal, reg, q, extra)
        if walk is not None:  # PostgreSQL, a frequent term: the newest hits a batch at a time
            wanted = page * size + 1
            rows: list[Row] = []
            with db.read() as session:
                for batch in walk(session, wanted):
                    rows += _rows(session, tested(stmt).where(S.c.rid.in_(batch)).order_by(order))
                    if len(rows) >= wanted:
                        break
            rows = rows[(page - 1) * size : wanted]
            return Page(rows[:size], page, len(rows) > size)
    else:
        stmt = base(reg.entity, principal, newest_first_on=db, extra_ids=extra)
    stmt = tested(stmt).order_by(order).offset((page - 1) * size).limit(size + 1)
    with db.read() as session:
        rows = _rows(session, stmt)
    return Page(rows[:size], page, len(rows) > size)


FTS = table(search.FTS, column("rowid"))


RARE = 500
"""PostgreSQL: a term with fewer hits than this in the narrow table is looked up by its hits (pg_trgm),
a more frequent one by walking the newest rows until the page is full."""


Walk = Callable[[Session, int], Iterator[list[int]]]


def _inline(value: Any) -> Any:
    return bindparam(None, value, literal_execute=True)


def _searched(db: ServerDB, principal: Principal, reg: Register, q: str, extra: Sequence[str]
              ) -> tuple[Any, Any, Walk | None]:
    """The caller's rows of the register whose search text may contain `q`, newest change first, from
    record_search (app/server/search.py), whose `rid` orders an entity's rows as seq does: the
    statement, its order, and for a frequent term on PostgreSQL the walk that hands out its hits.

    SQLite: terms of three characters or more through the FTS5 trigram index (which walks its hits
    newest first and stops after the page), shorter ones by a LIKE walk over the narrow table.
    PostgreSQL misjudges how many rows a LIKE matches, so the choice is made here: the hits are
    counted up to RARE (pg_trgm finds rare ones at once; a frequent term reaches RARE within the
    first rows); below RARE the page is sorted from those hits, else the newest narrow rows are read
    down the key until the page is full."""
    low, high = search.rid_range(reg.entity)
    pattern = _like(q)
    grids = sorted(principal.grid_ids)
    narrow_scope = None
    if not principal.sees_all and not extra:  # the same grids on the narrow row first: a walk skips other grids' rows unread
        narrow_scope = or_(S.c.grid_id.is_(None), S.c.grid_id.in_(grids)) if grids else S.c.grid_id.is_(None)
    # The same rows as base(), written (SQLite's unary plus) so the planner cannot start from the
    # record table's entity or grid index and sort.
    by_entity: Any = text("+record.entity = :web_entity").bindparams(web_entity=reg.entity) if db.is_sqlite else R.c.entity == reg.entity
    stmt = (
        select(R.c.id, R.c.grid_id, R.c.data, R.c.updated_at)
        .join(S, and_(S.c.entity == R.c.entity, S.c.record_id == R.c.id))
        .where(by_entity, R.c.deleted.is_(False), S.c.rid.between(low, high))
    )
    scope = scope_clause(principal, extra, unindexed=db.is_sqlite)
    if scope is not None:
        stmt = stmt.where(scope)
    if narrow_scope is not None:
        stmt = stmt.where(narrow_scope)
    if db.is_sqlite:
        if len(q) >= search.MIN_TRIGRAM and q.isprintable():
            phrase = '"' + q.replace('"', '""') + '"'
            stmt = stmt.join(FTS, FTS.c.rowid == S.c.rid).where(
                text(f"{search.FTS} MATCH :web_phrase").bindparams(web_phrase=phrase), FTS.c.rowid.between(low, high)
            )
            return stmt, FTS.c.rowid.desc(), None
        return stmt.where(S.c.text.like(pattern, escape="\\")), S.c.rid.desc(), None
    # Values written into the statement: a prepared statement's generic plan (psycopg prepares after
    # five runs) does not know the term, and scans every narrow row for a frequent one.
    hits = select(S.c.rid).where(S.c.rid.between(_inline(low), _inline(high)), S.c.text.like(_inline(pattern), escape="\\"))
    if narrow_scope is not None:
        hits = hits.where(narrow_scope)
    with db.read() as session:
        found = [int(r) for (r,) in session.execute(hits.limit(RARE)).all()]
    if len(found) < RARE:
        return stmt.where(S.c.rid.in_(found)), S.c.rid.desc(), None

    def walk(session: Session, wanted: int) -> Iterator[list[int]]:
        """The hits newest first, in growing batches: the narrow rows are read down the key (PostgreSQL
        would rather sort every hit, misjudging how many there are) and tested here, where `in` is
        exactly PostgreSQL's case-sensitive LIKE of the escaped term."""
        top, size = high, max(500, wanted * 8)
        while True:
            batch_q = select(S.c.rid, S.c.text).where(S.c.rid.between(_inline(low), _inline(top)))
            if narrow_scope is not None:
                batch_q = batch_q.where(narrow_scope)
            batch = session.execute(batch_q.order_by(S.c.rid.desc()).limit(size)).all()
            hits = [int(r) for r, body in batch if q in body]
            if hits:
                yield hits
            if len(batch) < size:
                return
            top, size = int(batch[-1][0]) - 1, min(size * 2, 50_000)

    return stmt, S.c.rid.desc(), walk


def get_row(db: ServerDB, principal: Principal, entity: str, row_id: str) -> Row | None:
    stmt = base(entity, principal, extra_ids=mediated_ids(db, principal, entity)).where(R.c.id == row_id)
    with db.read() as session:
        rows = _rows(session, stmt)
    return rows[0] if rows else None


@survives_damage
def related(db: ServerDB, principal: Principal, entity: str, name: str, value: str, limit: int = 200) -> list[Row]:
    """Rows of `entity` whose `name` field is `value`: through record_ref (app/server/search.py) where
    the field is indexed, else a LIKE on the stored (sorted, compact) JSON text that lets the database
    skip most rows before it parses any. Both keep the exact test on the record itself."""
    needle = json.dumps({name: value}, ensure_ascii=False, separators=(",", ":"))[1:-1]
    stmt = base(entity, principal, extra_ids=mediated_ids(db, principal, entity)).where(
        R.c.data.like(_like(needle), escape="\\"), jtext(db, name) == value
    )
    if name in search.REFS.get(entity, ()) and len(value) <= search.MAX_REF and "\x00" not in value:
        stmt = stmt.where(R.c.id.in_(select(REF.c.record_id).where(REF.c.entity == entity, REF.c.field == name, REF.c.value == value)))
    with db.read() as session:
        return _rows(session, stmt.order_by(R.c.seq.desc()).limit(limit))


def rows_of(db: ServerDB, principal: Principal, entity: str, limit: int = 1000) -> list[Row]:
    """Every live row of a short list (reference rows such as the office's confirmations)."""
    with db.read() as session:
        return _rows(session, base(entity, principal).order_by(R.c.seq.desc()).limit(limit))


@survives_damage
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


@survives_damage
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


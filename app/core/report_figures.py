"""The figures of the monthly and yearly reports, computed once from plain rows so the laptop (from its
local store) and the district server (from its record table) report the same numbers.

Each source feeds dictionaries with the fields in `FIELDS`, already restricted to what the reader may
see; nothing here touches SQL or files. Definitions follow `app.store.stats` so the statistics page and
the reports agree:
- a visit counts when submitted, in the month of its visit date; distinct enterprises are counted once
  per person / grid in the period;
- a union counts as founded in the month of union_established_date, with its member_count as members
  enrolled;
- targets found: distinct enterprises visited in the period that have no union yet (未建会 or 筹建中);
- a matter is opened on opened_on, resolved when it reached 已整改/已办结 in the period, overdue when
  still active past its deadline at the period's end (or today);
- a letter counts in the month it was issued, unless voided; work orders in the month received.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from app.core.enterprise import UnionStatus
from app.core.letters import KIND_LABELS, LetterKind
from app.core.matters import ACTIVE_STATUSES, MATTER_STATUS_LABELS, MatterStatus
from app.core.workorders import OPEN_STATUSES, STATUS_LABELS, Status

UNASSIGNED = "（未分网格）"
UNKNOWN_PERSON = "（未记录走访人）"

Row = Mapping[str, Any]

# The fields each source must feed, per entity (plus `id` and `grid_id`, always).
FIELDS: dict[str, tuple[str, ...]] = {
    "grid": ("code", "name"),
    "inspector": ("name", "account"),
    "enterprise": ("name", "union_status", "union_established_date", "member_count"),
    "visit": ("enterprise_id", "inspector_id", "visit_date", "status"),
    "matter": ("category", "status", "opened_on", "verified_on", "closed_on", "deadline"),
    "letter": ("kind", "status", "issued_on"),
    "work_order": ("status", "received_at", "due_date", "replied_at", "satisfaction"),
}


@dataclass(frozen=True)
class Span:
    """A period of whole months."""

    start: dt.date
    end: dt.date

    @classmethod
    def months(cls, first: dt.date, last: dt.date | None = None) -> Span:
        last = last or first
        start = first.replace(day=1)
        end = month_end(last)
        if end < start:
            raise ValueError("统计期间的结束月份早于开始月份")
        return cls(start, end)

    @classmethod
    def year(cls, year: int) -> Span:
        return cls(dt.date(year, 1, 1), dt.date(year, 12, 31))

    def month_keys(self) -> list[str]:
        keys: list[str] = []
        day = self.start
        while day <= self.end:
            keys.append(f"{day:%Y-%m}")
            day = (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
        return keys

    @property
    def label(self) -> str:
        a, b = f"{self.start:%Y年%m月}", f"{self.end:%Y年%m月}"
        return a if a == b else f"{a}至{b}"

    def contains(self, day: str | None) -> bool:
        return bool(day) and self.start.isoformat() <= str(day)[:10] <= self.end.isoformat()

    def as_of(self, today: dt.date | None = None) -> dt.date:
        return min(self.end, today or dt.date.today())


def month_end(day: dt.date) -> dt.date:
    following = (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return following - dt.timedelta(days=1)


@dataclass
class FigureRow:
    key: str
    label: str
    values: list[int | str]


@dataclass
class Figure:
    """One table of the report: a header and keyed rows (the layout template picks figures and rows)."""

    key: str
    title: str
    header: list[str]
    rows: list[FigureRow] = field(default_factory=list)
    total: bool = True
    note: str = ""

    def total_row(self) -> list[int | str]:
        sums: list[int | str] = []
        for i in range(len(self.header) - 1):
            column = [r.values[i] for r in self.rows if i < len(r.values)]
            sums.append(sum(v for v in column if isinstance(v, int)) if all(isinstance(v, int) for v in column) else "")
        return sums

    def value(self, key: str, column: int = 0) -> int | str | None:
        for r in self.rows:
            if r.key == key:
                return r.values[column]
        return None


@dataclass
class Figures:
    span: Span
    scope: str
    figures: dict[str, Figure]
    generated: dt.datetime

    def __getitem__(self, key: str) -> Figure:
        return self.figures[key]


def _s(value: Any) -> str:
    return "" if value is None else str(value)


@dataclass
class Tallies:
    """What the figures are made of, keyed by the names people see (grids and inspectors of the same
    name count together). `compute` tallies plain rows; the district server reads the same tallies from
    counters it keeps up to date as rows change (app/server/figures.py), so both give the same figures."""

    grid_order: list[str] = field(default_factory=list)
    per_person: Counter[str] = field(default_factory=Counter)
    per_person_ent: Counter[str] = field(default_factory=Counter)
    per_grid: Counter[str] = field(default_factory=Counter)
    per_grid_ent: Counter[str] = field(default_factory=Counter)
    grid_month: Counter[tuple[str, str]] = field(default_factory=Counter)
    visited: int = 0
    targets: Counter[str] = field(default_factory=Counter)
    founded: Counter[str] = field(default_factory=Counter)
    members: Counter[str] = field(default_factory=Counter)
    by_cat: dict[str, list[int]] = field(default_factory=dict)  # category -> [opened, resolved, overdue]
    outcome: Counter[str] = field(default_factory=Counter)
    kinds: Counter[str] = field(default_factory=Counter)
    wo_status: Counter[str] = field(default_factory=Counter)
    wo_overdue: int = 0
    wo_called_back: int = 0
    wo_satisfied: int = 0
    enterprises: int = 0
    unions_total: int = 0


def compute(
    rows: Mapping[str, Iterable[Row]],
    span: Span,
    *,
    scope: str = "全区",
    today: dt.date | None = None,
    category_labels: Mapping[str, str] | None = None,
) -> Figures:
    """All figures for `span` from the rows fed per entity (see FIELDS)."""
    return build(tally(rows, span, today=today), span, scope=scope, today=today, category_labels=category_labels)


def tally(rows: Mapping[str, Iterable[Row]], span: Span, *, today: dt.date | None = None) -> Tallies:
    t = Tallies()
    grids = {str(g["id"]): _s(g.get("name")) or _s(g.get("code")) for g in rows.get("grid", ())}
    t.grid_order = list(dict.fromkeys(grids.values()))
    people = {str(p["id"]): _s(p.get("name")) for p in rows.get("inspector", ())}
    enterprises = {str(e["id"]): e for e in rows.get("enterprise", ())}

    def grid_name(grid_id: Any) -> str:
        return grids.get(_s(grid_id), UNASSIGNED) if grid_id else UNASSIGNED

    # --- visits ------------------------------------------------------------------------------
    per_person_ent: dict[str, set[str]] = defaultdict(set)
    per_grid_ent: dict[str, set[str]] = defaultdict(set)
    visited: set[str] = set()
    for v in rows.get("visit", ()):
        if v.get("status") != "submitted" or not span.contains(v.get("visit_date")):
            continue
        person = people.get(_s(v.get("inspector_id")), UNKNOWN_PERSON) if v.get("inspector_id") else UNKNOWN_PERSON
        grid = grid_name(v.get("grid_id"))
        eid = _s(v.get("enterprise_id"))
        t.per_person[person] += 1
        per_person_ent[person].add(eid)
        t.per_grid[grid] += 1
        per_grid_ent[grid].add(eid)
        t.grid_month[(grid, _s(v.get("visit_date"))[:7])] += 1
        visited.add(eid)
    t.per_person_ent = Counter({p: len(s) for p, s in per_person_ent.items()})
    t.per_grid_ent = Counter({g: len(s) for g, s in per_grid_ent.items()})
    t.visited = len(visited)

    # --- unions and targets ------------------------------------------------------------------
    for e in enterprises.values():
        if e.get("union_status") == UnionStatus.ESTABLISHED.value and span.contains(e.get("union_established_date")):
            g = grid_name(e.get("grid_id"))
            t.founded[g] += 1
            t.members[g] += int(e.get("member_count") or 0)
    for eid in visited:
        found = enterprises.get(eid)
        if found is not None and found.get("union_status") in (UnionStatus.NONE.value, UnionStatus.PREPARING.value):
            t.targets[grid_name(found.get("grid_id"))] += 1
    t.enterprises = len(enterprises)
    t.unions_total = sum(1 for e in enterprises.values() if e.get("union_status") == UnionStatus.ESTABLISHED.value)

    # --- matters -----------------------------------------------------------------------------
    as_of = span.as_of(today).isoformat()
    active = {s.value for s in ACTIVE_STATUSES}
    for m in rows.get("matter", ()):
        cat = _s(m.get("category"))
        item = t.by_cat.setdefault(cat, [0, 0, 0])
        status = _s(m.get("status"))
        if span.contains(m.get("opened_on")):
            item[0] += 1
            t.outcome[status] += 1
        if status in ("rectified", "closed") and span.contains(m.get("verified_on") or m.get("closed_on")):
            item[1] += 1
        deadline = _s(m.get("deadline"))
        if status in active and deadline and deadline < as_of and _s(m.get("opened_on")) <= as_of:
            item[2] += 1

    # --- letters -----------------------------------------------------------------------------
    for letter in rows.get("letter", ()):
        if letter.get("status") != "void" and span.contains(letter.get("issued_on")):
            t.kinds[_s(letter.get("kind"))] += 1

    # --- 12351 work orders -------------------------------------------------------------------
    open_values = {s.value for s in OPEN_STATUSES}
    for w in rows.get("work_order", ()):
        if not span.contains(w.get("received_at")):
            continue
        status = _s(w.get("status"))
        t.wo_status[status] += 1
        due = _s(w.get("due_date"))[:10]
        replied = _s(w.get("replied_at"))[:10]
        if due and ((status in open_values and due < as_of) or (replied and replied > due)):
            t.wo_overdue += 1
        if w.get("satisfaction") in ("满意", "基本满意"):
            t.wo_satisfied += 1
        if w.get("satisfaction"):
            t.wo_called_back += 1
    return t


def build(
    t: Tallies,
    span: Span,
    *,
    scope: str = "全区",
    today: dt.date | None = None,
    category_labels: Mapping[str, str] | None = None,
) -> Figures:
    """The report's tables from the tallies. Rows of grids and categories not known by name come after
    the known ones, sorted, so the same data always gives the same table."""
    labels = dict(category_labels or {})
    months = span.month_keys()
    grid_order = list(t.grid_order)
    grid_order += sorted(g for g in t.per_grid if t.per_grid[g] and g not in grid_order)
    per_person = {p: n for p, n in t.per_person.items() if n}

    figures: dict[str, Figure] = {}
    figures["visits_by_person"] = Figure(
        "visits_by_person",
        "走访次数与走访企业数（按人员）",
        ["人员", "走访次数", "走访企业数"],
        [FigureRow(p, p, [per_person[p], t.per_person_ent[p]]) for p in sorted(per_person)],
    )
    figures["visits_by_grid"] = Figure(
        "visits_by_grid",
        "走访次数与走访企业数（按网格）",
        ["网格", "走访次数", "走访企业数"],
        [FigureRow(g, g, [t.per_grid[g], t.per_grid_ent[g]]) for g in grid_order],
    )
    figures["visits_by_month"] = Figure(
        "visits_by_month",
        "各网格每月走访次数",
        ["网格", *months, "合计"],
        [FigureRow(g, g, [*(t.grid_month[(g, m)] for m in months), t.per_grid[g]]) for g in grid_order],
    )

    # --- unions and targets ------------------------------------------------------------------
    figures["unions_by_grid"] = Figure(
        "unions_by_grid",
        "排查发现未建会企业、新建工会与发展会员（按网格）",
        ["网格", "排查发现未建会企业", "新建工会", "发展会员"],
        [FigureRow(g, g, [t.targets[g], t.founded[g], t.members[g]]) for g in grid_order],
        note="建会形式（单独建会、联合建会、区域性行业性）在现有数据中没有记录，暂不分列。",
    )

    # --- matters -----------------------------------------------------------------------------
    by_cat: dict[str, list[int]] = {code: list(t.by_cat.get(code, [0, 0, 0])) for code in labels}
    for code in sorted(c for c in t.by_cat if c not in by_cat):
        by_cat[code] = list(t.by_cat[code])
    figures["matters_by_category"] = Figure(
        "matters_by_category",
        "监督事项（按问题类别）",
        ["问题类别", "新增", "办结", "超期未结"],
        [FigureRow(c, labels.get(c, c) or "（未分类）", list(v)) for c, v in by_cat.items()],
    )
    figures["matters_by_outcome"] = Figure(
        "matters_by_outcome",
        "本期新增监督事项的办理结果",
        ["办理状态", "数量"],
        [FigureRow(s.value, MATTER_STATUS_LABELS[s], [t.outcome[s.value]]) for s in MatterStatus],
    )

    # --- letters -----------------------------------------------------------------------------
    kinds = Counter({k: n for k, n in t.kinds.items() if n})
    kind_rows = [FigureRow(k.value, KIND_LABELS[k], [kinds.pop(k.value, 0)]) for k in LetterKind]
    kind_rows += [FigureRow(k, k, [n]) for k, n in sorted(kinds.items())]
    figures["letters_by_kind"] = Figure("letters_by_kind", "发出的一函两书（按种类）", ["文书种类", "数量"], kind_rows)

    # --- supervision kinds (public notices arrive with the legal-supervision records) ---------
    figures["supervision_kinds"] = Figure(
        "supervision_kinds",
        "公开通报与定向监督",
        ["方式", "数量"],
        [FigureRow("targeted", "定向监督（一函两书）", [sum(r.values[0] for r in kind_rows if isinstance(r.values[0], int))]),
         FigureRow("public", "公开通报", ["无数据"])],
        total=False,
        note="公开通报尚无记录类型，待法律监督记录上线后统计。",
    )

    # --- 12351 work orders -------------------------------------------------------------------
    figures["workorders"] = Figure(
        "workorders",
        "12351工单办理情况",
        ["状态", "数量"],
        [FigureRow(s.value, STATUS_LABELS[s], [t.wo_status[s.value]]) for s in Status],
    )
    figures["workorder_quality"] = Figure(
        "workorder_quality",
        "12351工单时效与满意度",
        ["项目", "数量"],
        [FigureRow("overdue", "超期", [t.wo_overdue]), FigureRow("called_back", "已回访", [t.wo_called_back]),
         FigureRow("satisfied", "满意及基本满意", [t.wo_satisfied])],
        total=False,
    )

    # --- summary -----------------------------------------------------------------------------
    def tot(key: str, column: int = 0) -> int:
        return sum(int(r.values[column]) for r in figures[key].rows if isinstance(r.values[column], int))

    summary = [
        ("visits", "走访次数", tot("visits_by_grid")),
        ("enterprises_visited", "走访企业数", t.visited),
        ("targets", "排查发现未建会企业", tot("unions_by_grid", 0)),
        ("unions", "新建工会", tot("unions_by_grid", 1)),
        ("members", "发展会员", tot("unions_by_grid", 2)),
        ("matters_opened", "新增监督事项", tot("matters_by_category", 0)),
        ("matters_resolved", "办结监督事项", tot("matters_by_category", 1)),
        ("matters_overdue", "超期监督事项", tot("matters_by_category", 2)),
        ("letters", "发出一函两书", tot("letters_by_kind")),
        ("workorders", "受理12351工单", tot("workorders")),
        ("workorders_overdue", "超期工单", t.wo_overdue),
        ("enterprises", "企业总数", t.enterprises),
        ("unions_total", "已建会企业", t.unions_total),
    ]
    figures["summary"] = Figure(
        "summary", "概要", ["项目", "数量"], [FigureRow(k, label, [n]) for k, label, n in summary], total=False
    )
    return Figures(span, scope, figures, dt.datetime.now().replace(microsecond=0))

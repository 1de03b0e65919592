"""The dashboard's figures, kept up to date in the transaction that changes the records.

Recomputing them from the record table means parsing the JSON of every visit (a million at district
size: minutes, during which the web pages and pushes starve). Instead every record write
(`RecordWriter.flush`) moves its old and new contribution in a few small tables (see the `Fig*` classes
in app/server/tables.py): submitted visits per grid/inspector/month, per-month visit counts per
enterprise/grid/inspector for the distinct-enterprise figures, and one narrow row per enterprise, matter,
letter and 12351 order with just the fields the figures read. `tallies` reads them back into the same
`Tallies` that `report_figures.compute` makes from plain rows, so the figures are the same by
construction; tests/server/test_figures.py checks that against a recomputation after random pushes.
`rebuild` recomputes the tables from the records (the server command `figures --rebuild`), `check`
compares them with such a recomputation."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Table,
    and_,
    bindparam,
    case,
    delete,
    distinct,
    func,
    literal,
    or_,
    select,
    true,
    tuple_,
    update,
)
from sqlalchemy.orm import Session

from app.core.enterprise import UnionStatus
from app.core.matters import ACTIVE_STATUSES
from app.core.report_figures import UNASSIGNED, UNKNOWN_PERSON, Span, Tallies
from app.core.workorders import OPEN_STATUSES
from app.server.bulk import delete_keys, fetch_rows, insert_rows
from app.server.record_data import json_field, loads_or_empty
from app.server.tables import (
    FigEnterprise,
    FigLetter,
    FigMatter,
    FigVisitLink,
    FigVisitMonth,
    FigVisitSeen,
    FigWorkOrder,
    Record,
)

RECORD: Table = Record.__table__  # type: ignore[attr-defined]
MONTHS: Table = FigVisitMonth.__table__  # type: ignore[attr-defined]
SEEN: Table = FigVisitSeen.__table__  # type: ignore[attr-defined]
SEEN_COLS = ("kind", "enterprise_id", "grid_id", "inspector_id")
LINKS: Table = FigVisitLink.__table__  # type: ignore[attr-defined]
LINK_COLS = ("kind", "grp", "state", "month", "prev")
ANY = "*"  # a dimension a kind of FigVisitSeen row counts over
FOLLOW = ("e", "eg")  # the FigVisitSeen kinds that carry their enterprise's grid and state
FACTS: dict[str, Table] = {
    "enterprise": FigEnterprise.__table__,  # type: ignore[attr-defined]
    "matter": FigMatter.__table__,  # type: ignore[attr-defined]
    "letter": FigLetter.__table__,  # type: ignore[attr-defined]
    "work_order": FigWorkOrder.__table__,  # type: ignore[attr-defined]
}
TRACKED = frozenset({"visit", *FACTS})
WIDTH = 3  # base-36 digits per month in FigVisitPair.counts
MAX_COUNT = 36**WIDTH - 1
_MONTH = re.compile(r"^\d{4}-\d{2}")


def _s(value: Any) -> str:
    return "" if value is None else str(value)


def _int(value: Any) -> int:
    try:
        return int(value or 0)
    except (TypeError, ValueError):
        return 0


# --- what one record contributes ------------------------------------------------------------------


def fact_row(entity: str, rid: str, grid_id: str | None, data: Mapping[str, Any]) -> dict[str, Any]:
    """The narrow row of an enterprise, matter, letter or 12351 order: the fields the figures read, in
    the form they are compared in (dates cut to the day, absent values as '')."""
    base: dict[str, Any] = {"id": rid, "grid_id": grid_id}
    if entity == "enterprise":
        return base | {
            "union_status": _s(data.get("union_status")),
            "established_on": _s(data.get("union_established_date"))[:10],
            "member_count": _int(data.get("member_count")),
        }
    if entity == "matter":
        return base | {
            "category": _s(data.get("category")),
            "status": _s(data.get("status")),
            "opened_on": _s(data.get("opened_on")),
            "resolved_on": _s(data.get("verified_on") or data.get("closed_on"))[:10],
            "deadline": _s(data.get("deadline")),
        }
    if entity == "letter":
        return base | {"kind": _s(data.get("kind")), "status": _s(data.get("status")), "issued_on": _s(data.get("issued_on"))[:10]}
    return base | {
        "status": _s(data.get("status")),
        "received_on": _s(data.get("received_at"))[:10],
        "due_on": _s(data.get("due_date"))[:10],
        "replied_on": _s(data.get("replied_at"))[:10],
        "satisfaction": _s(data.get("satisfaction")),
    }


def month_number(month: str) -> int:
    return int(month[:4]) * 12 + int(month[5:7]) - 1


def month_key(number: int) -> str:
    return f"{number // 12:04d}-{number % 12 + 1:02d}"


VisitKey = tuple[str, str, str, str]  # enterprise, grid ('' = none), inspector, month


def visit_key(grid_id: str | None, data: Mapping[str, Any]) -> VisitKey | None:
    """Where a visit counts, or None: only submitted visits with a date count (the server checks dates
    on push, so a date here is YYYY-MM-DD)."""
    day = data.get("visit_date")
    if data.get("status") != "submitted" or not isinstance(day, str) or not _MONTH.match(day):
        return None
    return (_s(data.get("enterprise_id")), grid_id or "", _s(data.get("inspector_id")), day[:7])


_ZERO = "0" * WIDTH


def decode(first: int, counts: str) -> dict[int, int]:
    # Most months of a pair are empty: skipped without parsing (a push decodes hundreds of these).
    return {
        first + i: int(part, 36)
        for i in range(len(counts) // WIDTH)
        if (part := counts[i * WIDTH : (i + 1) * WIDTH]) != _ZERO
    }


def encode(per_month: Mapping[int, int]) -> tuple[int, int, str] | None:
    months = [m for m, n in per_month.items() if n > 0]
    if not months:
        return None
    first, last = min(months), max(months)
    digits = []
    for m in range(first, last + 1):
        n = per_month.get(m, 0)
        if not 0 <= n <= MAX_COUNT:
            raise ValueError(f"{n} visits in one month by one inspector to one enterprise")
        digits.append(_SMALL[n] if n < len(_SMALL) else _base36(n))
    return first, last, "".join(digits)


def _base36(n: int) -> str:
    chars = "0123456789abcdefghijklmnopqrstuvwxyz"
    out = ""
    for _ in range(WIDTH):
        n, r = divmod(n, 36)
        out = chars[r] + out
    return out


_SMALL = tuple(_base36(n) for n in range(36 * 36))  # the counts a month really holds, made once


# --- keeping the tables up to date ----------------------------------------------------------------


class Delta:
    """The change a set of record writes makes to the figure tables."""

    def __init__(self) -> None:
        self.months: Counter[tuple[str, str, str]] = Counter()
        self.cells: dict[tuple[str, str, str, str], Counter[int]] = defaultdict(Counter)
        self.facts: dict[str, dict[str, dict[str, Any] | None]] = defaultdict(dict)
        self.links: Counter[tuple[str, str, str, int, int]] = Counter()

    def link(self, kind: str, grp: str, state: str, per_month: Mapping[int, int], sign: int) -> None:
        """Moves one FigVisitSeen row's (month, previous month) links in or out of its group."""
        prev = -1
        for month in sorted(m for m, n in per_month.items() if n > 0):
            self.links[(kind, grp, state, month, prev)] += sign
            prev = month

    def visit(self, grid_id: str | None, data: Mapping[str, Any], sign: int) -> None:
        key = visit_key(grid_id, data)
        if key is None:
            return
        enterprise, grid, inspector, month = key
        self.months[(grid, inspector, month)] += sign
        number = month_number(month)
        for key in (("egp", enterprise, grid, inspector), ("eg", enterprise, grid, ANY),
                    ("ep", enterprise, ANY, inspector), ("e", enterprise, ANY, ANY)):
            self.cells[key][number] += sign

    def change(
        self,
        entity: str,
        rid: str,
        old: tuple[str | None, Mapping[str, Any], bool] | None,
        new: tuple[str | None, Mapping[str, Any], bool],
    ) -> None:
        """One record's state before (None: new) and after: (grid, data, deleted)."""
        if entity == "visit":
            if old is not None and not old[2]:
                self.visit(old[0], old[1], -1)
            if not new[2]:
                self.visit(new[0], new[1], +1)
        elif entity in FACTS:
            self.facts[entity][rid] = None if new[2] else fact_row(entity, rid, new[0], new[1])

    def save(self, session: Session) -> None:
        self._save_facts(session)
        self._save_months(session)
        self._save_pairs(session)
        self._save_links(session)

    def _save_facts(self, session: Session) -> None:
        for entity, rows in self.facts.items():
            table = FACTS[entity]
            ids = sorted(rows)
            for start in range(0, len(ids), 500):
                session.execute(delete(table).where(table.c.id.in_(ids[start : start + 500])))
            live = [r for r in rows.values() if r is not None]
            if live:
                insert_rows(session, table, live)
            if entity == "enterprise":  # the "e" and "eg" rows of these enterprises follow their grid and state
                c = SEEN.c
                for start in range(0, len(ids), 500):
                    stmt0 = select(c.kind, c.enterprise_id, c.grid_id, c.inspector_id, c.first, c.counts, c.e_grid, c.e_state).where(
                        c.kind.in_(FOLLOW), c.enterprise_id.in_(ids[start : start + 500]))
                    for kind, rid, grid, inspector, first, counts, e_grid, e_state in session.execute(stmt0).all():
                        fact = rows[rid]
                        per_month = decode(first, counts)
                        key = (kind, rid, grid, inspector)
                        self.link(kind, *_group(key, e_grid, e_state), per_month, -1)
                        self.link(kind, *_group(key, fact["grid_id"] if fact else None, _state(fact)), per_month, +1)
                stmt = (
                    update(SEEN)
                    .where(or_(*(c.kind == kind for kind in FOLLOW)), c.enterprise_id == bindparam("k_id"))  # IN expands: no executemany
                    .values(e_grid=bindparam("v_grid"), e_state=bindparam("v_state"))
                )
                session.execute(stmt, [{"k_id": rid, "v_grid": r["grid_id"] if r else None, "v_state": _state(r)}
                                       for rid, r in rows.items()])

    def _save_months(self, session: Session) -> None:
        keys = [k for k, n in self.months.items() if n]
        if not keys:
            return
        cols = ("grid_id", "inspector_id", "month")
        current = _load(session, MONTHS, cols, ("grid_id",), keys, "n")
        _replace(session, MONTHS, cols, current)
        rows = []
        for key in keys:
            n = current.get(key, 0) + self.months[key]
            if n < 0:
                raise RuntimeError(f"visit figures went negative for {key}: run the figures rebuild")
            if n:
                rows.append({"grid_id": key[0], "inspector_id": key[1], "month": key[2], "n": n})
        if rows:
            insert_rows(session, MONTHS, rows)

    def _save_pairs(self, session: Session) -> None:
        keys = [k for k, c in self.cells.items() if any(c.values())]
        if not keys:
            return
        current = _load(session, SEEN, SEEN_COLS, ("kind", "enterprise_id"), keys, "first", "counts", "e_grid", "e_state")
        _replace(session, SEEN, SEEN_COLS, current)
        rows: list[dict[str, Any]] = []
        for key in keys:
            have = current.get(key)
            per_month = Counter(decode(have[0], have[1])) if have else Counter()
            if have:
                self.link(key[0], *_group(key, have[2], have[3]), per_month, -1)
            per_month.update(self.cells[key])
            if any(n < 0 for n in per_month.values()):
                raise RuntimeError(f"visit figures went negative for {key}: run the figures rebuild")
            packed = encode(per_month)
            if packed is not None:
                rows.append(dict(zip(SEEN_COLS, key, strict=True))
                            | {"first": packed[0], "last": packed[1], "counts": packed[2], "e_grid": None, "e_state": "",
                               "_months": per_month})
        ents = sorted({r["enterprise_id"] for r in rows if r["kind"] in FOLLOW})
        facts: dict[str, dict[str, Any]] = {}
        E = FACTS["enterprise"]
        for start in range(0, len(ents), 500):
            stmt = select(E.c.id, E.c.grid_id, E.c.union_status).where(E.c.id.in_(ents[start : start + 500]))
            facts.update({i: {"grid_id": g, "union_status": u} for i, g, u in session.execute(stmt).all()})
        for r in rows:
            if r["kind"] in FOLLOW:
                fact = facts.get(r["enterprise_id"])
                r["e_grid"], r["e_state"] = (fact["grid_id"] if fact else None), _state(fact)
            key = tuple(r[c] for c in SEEN_COLS)
            self.link(r["kind"], *_group(key, r["e_grid"], r["e_state"]), r.pop("_months"), +1)
        if rows:
            insert_rows(session, SEEN, rows)

    def _save_links(self, session: Session) -> None:
        keys = [k for k, n in self.links.items() if n]
        if not keys:
            return
        current = _load(session, LINKS, LINK_COLS, ("kind", "grp"), keys, "n")
        _replace(session, LINKS, LINK_COLS, current)
        rows = []
        for key in keys:
            n = current.get(key, 0) + self.links[key]
            if n < 0:
                raise RuntimeError(f"visit figures went negative for {key}: run the figures rebuild")
            if n:
                rows.append(dict(zip(LINK_COLS, key, strict=True)) | {"n": n})
        if rows:
            insert_rows(session, LINKS, rows)


def _group(key: tuple[str, ...], e_grid: str | None, e_state: str) -> tuple[str, str]:
    """The FigVisitLink group of a FigVisitSeen row: its grid and inspector ("egp"), its grid with its
    enterprise's state and grid ("eg", as "state:grid"), its inspector ("ep") or its enterprise's grid
    and state ("e")."""
    kind = key[0]
    if kind == "egp":
        return key[2], key[3]
    if kind == "eg":
        return key[2], f"{e_state}:{e_grid or ''}"
    if kind == "ep":
        return key[3], ""
    return e_grid or "", e_state


def _state(fact: Mapping[str, Any] | None) -> str:
    """An enterprise as the targets figure sees it: not on the server (or deleted), a target (no union
    yet, or one being prepared), or other."""
    if fact is None:
        return "missing"
    return "waiting" if fact["union_status"] in (UnionStatus.NONE.value, UnionStatus.PREPARING.value) else "other"


def _load(
    session: Session, table: Table, cols: Sequence[str], lookup: Sequence[str], keys: list[Any], *values: str
) -> dict[Any, Any]:
    """The rows for these keys, found through IN lists on the `lookup` columns (SQLite scans the whole
    index for a row-value IN list; plain IN lists on leading key columns are index searches)."""
    wanted = set(keys)
    out: dict[Any, Any] = {}
    key_cols = [table.c[c] for c in cols]
    positions = [cols.index(c) for c in lookup]
    fixed = [sorted({k[i] for k in keys}) for i in positions[:-1]]
    last = sorted({k[positions[-1]] for k in keys})
    for start in range(0, len(last), 500):
        where = [table.c[c].in_(v) for c, v in zip(lookup[:-1], fixed, strict=True)]
        where.append(table.c[lookup[-1]].in_(last[start : start + 500]))
        stmt = select(*key_cols, *(table.c[v] for v in values)).where(*where)
        for row in fetch_rows(session, stmt):
            key = tuple(row[: len(cols)])
            if key in wanted:
                rest = tuple(row[len(cols) :])
                out[key] = rest[0] if len(rest) == 1 else rest
    return out


def _replace(session: Session, table: Table, cols: Sequence[str], keys: Iterable[Any]) -> None:
    """Deletes these (existing) keys, one primary-key lookup each."""
    keys = list(keys)
    if delete_keys(session, table, cols, keys):
        return
    rows = [dict(zip((f"k_{c}" for c in cols), key, strict=True)) for key in keys]
    if rows:
        session.execute(delete(table).where(*(table.c[c] == bindparam(f"k_{c}") for c in cols)), rows)


def rebuild(session: Session, chunk: int = 20_000) -> int:
    """Recomputes every figure table from the record table; returns the number of records read. The
    visit counters are gathered over all chunks and written once (a pair's visits are spread over the
    whole table)."""
    for table in (MONTHS, SEEN, LINKS, *FACTS.values()):
        session.execute(delete(table))
    seen = 0
    visits = Delta()
    last_entity, last_id = "", ""
    while True:
        stmt = (
            select(RECORD.c.entity, RECORD.c.id, RECORD.c.grid_id, RECORD.c.data)
            .where(RECORD.c.entity.in_(sorted(TRACKED)), RECORD.c.deleted.is_(False),
                   tuple_(RECORD.c.entity, RECORD.c.id) > tuple_(literal(last_entity), literal(last_id)))
            .order_by(RECORD.c.entity, RECORD.c.id)
            .limit(chunk)
        )
        rows = session.execute(stmt).all()
        if not rows:
            visits.save(session)
            return seen
        facts = Delta()
        for entity, rid, grid_id, data in rows:
            (visits if entity == "visit" else facts).change(entity, rid, None, (grid_id, loads_or_empty(data), False))
        facts.save(session)
        seen += len(rows)
        last_entity, last_id = rows[-1][0], rows[-1][1]


def snapshot(session: Session) -> dict[str, set[tuple[Any, ...]]]:
    """Every figure table's rows, for comparing with a rebuild."""
    out: dict[str, set[tuple[Any, ...]]] = {}
    for table in (MONTHS, SEEN, LINKS, *FACTS.values()):
        out[table.name] = {tuple(r) for r in session.execute(select(table)).all()}
    return out


def check(session: Session) -> list[str]:
    """The figure tables that differ from a recomputation (rolled back: nothing is changed)."""
    before = snapshot(session)
    nested = session.begin_nested()
    try:
        rebuild(session)
        after = snapshot(session)
    finally:
        nested.rollback()
    return [f"{name}: {len(before[name] - after[name])} stale, {len(after[name] - before[name])} missing"
            for name in before if before[name] != after[name]]


# --- reading the tallies --------------------------------------------------------------------------


class Scope:
    """What the reader may see, as sync's pull applies it: office and admin everything, an inspector
    rows of their grids and rows without a grid."""

    def __init__(self, sees_all: bool, grid_ids: Iterable[str]) -> None:
        self.sees_all = sees_all
        self.grid_ids = sorted(grid_ids)

    def nullable(self, column: Any) -> ColumnElement[bool] | None:
        if self.sees_all:
            return None
        return or_(column.is_(None), column.in_(self.grid_ids)) if self.grid_ids else column.is_(None)

    def blank(self, column: Any) -> ColumnElement[bool] | None:
        """For the visit tables, where '' stands for no grid."""
        if self.sees_all:
            return None
        return column.in_(["", *self.grid_ids])


def _where(*clauses: ColumnElement[bool] | None) -> ColumnElement[bool]:
    present = [c for c in clauses if c is not None]
    return and_(*present) if present else true()


def _jtext(session: Session, name: str) -> Any:
    """A grid's or inspector's name: a damaged row reads as no name instead of failing the dashboard."""
    return json_field(session.get_bind().dialect.name, RECORD.c.data, name)


def _hit(first: int, last: int) -> ColumnElement[bool]:
    """A pair was visited between months `first` and `last`: wholly inside, or a non-zero count in the
    overlapping part of its counts. max/min are written as (a + b ± |a - b|) / 2, the same on both
    databases, and the length is never negative (PostgreSQL refuses that even on rows filtered out)."""
    p = SEEN.c
    skip = ((first - p.first) + func.abs(first - p.first)) // 2  # months of the pair before `first`
    upto = (last + p.last - func.abs(last - p.last)) // 2  # min(last, the pair's last)
    n = upto - p.first - skip + 1
    part = func.substr(p.counts, skip * WIDTH + 1, ((n + func.abs(n)) // 2) * WIDTH)
    inside = and_(p.first >= first, p.last <= last)
    return and_(p.first <= last, p.last >= first, or_(inside, func.replace(part, "0", "") != ""))


def tallies(
    session: Session, scope: Scope, span: Span, today: dt.date | None = None, facts: FactSummary | None = None
) -> Tallies:
    """The tallies of `span` in `scope`. With `facts` (a `fact_summary` of the same data) the enterprise,
    matter, letter and 12351 figures come from that summary instead of a pass over their fact tables."""
    t = Tallies()
    grid_q = select(RECORD.c.id, _jtext(session, "name"), _jtext(session, "code")).where(
        RECORD.c.entity == "grid", RECORD.c.deleted.is_(False)
    )
    if not scope.sees_all:
        grid_q = grid_q.where(RECORD.c.id.in_(scope.grid_ids))
    grids = {str(i): _s(n) or _s(c) for i, n, c in session.execute(grid_q.order_by(RECORD.c.id)).all()}
    t.grid_order = list(dict.fromkeys(grids.values()))
    people = {
        str(i): _s(n)
        for i, n in session.execute(
            select(RECORD.c.id, _jtext(session, "name")).where(RECORD.c.entity == "inspector", RECORD.c.deleted.is_(False))
        ).all()
    }

    def grid_name(grid_id: Any) -> str:
        return grids.get(_s(grid_id), UNASSIGNED) if grid_id else UNASSIGNED

    def person(inspector_id: str) -> str:
        return people.get(inspector_id, UNKNOWN_PERSON) if inspector_id else UNKNOWN_PERSON

    # --- visits: counts -----------------------------------------------------------------------
    m0, m1 = f"{span.start:%Y-%m}", f"{span.end:%Y-%m}"
    stmt: Any = select(MONTHS.c.grid_id, MONTHS.c.inspector_id, MONTHS.c.month, MONTHS.c.n).where(
        _where(MONTHS.c.month >= m0, MONTHS.c.month <= m1, scope.blank(MONTHS.c.grid_id))
    )
    for grid_id, inspector_id, month, n in session.execute(stmt).all():
        g = grid_name(grid_id)
        t.per_person[person(inspector_id)] += n
        t.per_grid[g] += n
        t.grid_month[(g, month)] += n

    # --- visits: distinct enterprises ---------------------------------------------------------
    S = SEEN.c
    hit = _hit(month_number(m0), month_number(m1))

    def of(kind: str) -> ColumnElement[bool]:
        return _where(S.kind == kind, hit, scope.blank(S.grid_id) if kind in ("egp", "eg") else None)

    E = FACTS["enterprise"].c
    a, b = month_number(m0), month_number(m1)
    L = LINKS.c

    def linked(kind: str, *extra: ColumnElement[bool] | None) -> Any:
        """Rows of this kind visited in the period, per group, from the link counters."""
        return (
            select(L.grp, L.state, func.sum(L.n))
            .where(_where(L.kind == kind, L.month >= a, L.month <= b, L.prev < a, *extra))
            .group_by(L.grp, L.state)
        )

    def per_name(kind: str, column: Any, name_of: Any, target: Counter[str], *extra: ColumnElement[bool] | None) -> None:
        counts: Counter[str] = Counter()
        for grp, _state, n in session.execute(linked(kind, *extra)).all():
            counts[grp] += int(n)
        groups: dict[str, list[str]] = defaultdict(list)
        for key in counts:
            groups[name_of(key)].append(key)
        for name, keys in groups.items():
            if len(keys) == 1:
                target[name] = counts[keys[0]]
            else:  # several ids under one name: an enterprise visited under two of them counts once
                target[name] = session.execute(
                    select(func.count(distinct(S.enterprise_id))).where(of(kind), column.in_(keys))
                ).scalar_one()

    per_name("eg", S.grid_id, grid_name, t.per_grid_ent, scope.blank(L.grp))
    if scope.sees_all:  # the per-enterprise counters answer at once
        per_name("ep", S.inspector_id, person, t.per_person_ent)
        for grid_id, state, n in session.execute(linked("e")).all():
            t.visited += int(n)
            if state == "waiting":
                t.targets[grid_name(grid_id)] += int(n)
    elif len(scope.grid_ids) == 1:  # an inspector of one grid: that grid's counters
        _one_grid(t, session, scope.grid_ids[0], a, b, hit, grid_name, person)
    else:  # only the visits in the reader's grids count: from the per-grid rows, read once
        # The reader's visited (enterprise, inspector) pairs with their enterprise's grid and state; the
        # distinct counts per inspector name, overall and per target grid are then sets in Python.
        waiting = (UnionStatus.NONE.value, UnionStatus.PREPARING.value)
        stmt = (
            select(S.enterprise_id, S.inspector_id, E.grid_id, E.union_status)
            .select_from(SEEN.outerjoin(FACTS["enterprise"], E.id == S.enterprise_id))
            .where(of("egp"))
        )
        by_person: dict[str, set[str]] = defaultdict(set)
        visited: set[str] = set()
        targets: dict[str | None, set[str]] = defaultdict(set)
        allowed = set(scope.grid_ids)
        for enterprise_id, inspector_id, e_grid, e_status in session.execute(stmt).all():
            by_person[person(inspector_id)].add(enterprise_id)
            visited.add(enterprise_id)
            if e_status in waiting and (e_grid is None or e_grid in allowed):
                targets[e_grid].add(enterprise_id)
        for name, ents in by_person.items():
            t.per_person_ent[name] = len(ents)
        t.visited = len(visited)
        for grid_id, ents in targets.items():
            t.targets[grid_name(grid_id)] += len(ents)

    if facts is not None:
        _fact_tallies(t, facts, scope, span, today, grid_name)
    else:
        _fact_tallies_sql(t, session, scope, span, today, grid_name)
    return t


def _one_grid(
    t: Tallies, session: Session, grid: str, a: int, b: int, hit: ColumnElement[bool],
    grid_name: Callable[[Any], str], person: Callable[[str], str],
) -> None:
    """The distinct-enterprise figures of a reader who sees one grid: the visits in that grid and those
    without a grid. The grid's own counters ("egp" links per inspector, "eg" links per enterprise state
    and grid) give the visits in the grid; the few pairs visited without a grid are then read and only
    the enterprises not already visited in the grid are added. An inspector name that stands for
    several inspector ids is counted from its pairs (an enterprise visited by two of them counts once)."""
    S, L = SEEN.c, LINKS.c
    E = FACTS["enterprise"].c
    waiting = (UnionStatus.NONE.value, UnionStatus.PREPARING.value)

    def linked(kind: str) -> Any:
        return (
            select(L.state, func.sum(L.n))
            .where(L.kind == kind, L.grp == grid, L.month >= a, L.month <= b, L.prev < a)
            .group_by(L.state)
        )

    for state, n in session.execute(linked("eg")).all():
        e_state, _, e_grid = str(state).partition(":")
        t.visited += int(n)
        if e_state == "waiting" and (e_grid == "" or e_grid == grid):
            t.targets[grid_name(e_grid or None)] += int(n)
    per_id = {str(i): int(n) for i, n in session.execute(linked("egp")).all()}

    # the pairs visited without a grid, and which of their enterprises were visited in the grid too
    blank = session.execute(
        select(S.enterprise_id, S.inspector_id, E.grid_id, E.union_status)
        .select_from(SEEN.outerjoin(FACTS["enterprise"], E.id == S.enterprise_id))
        .where(S.kind == "egp", S.grid_id == "", hit)
    ).all()
    in_grid: set[tuple[str, str]] = set()
    blank_ents = sorted({r[0] for r in blank})
    for start in range(0, len(blank_ents), 500):
        stmt = select(S.enterprise_id, S.inspector_id).where(
            S.kind == "egp", S.enterprise_id.in_(blank_ents[start : start + 500]), S.grid_id == grid, hit)
        in_grid.update((str(e), str(i)) for e, i in session.execute(stmt).all())
    ents_in_grid = {e for e, _ in in_grid}
    added: set[str] = set()
    for enterprise_id, _inspector_id, e_grid, e_status in blank:
        if enterprise_id in ents_in_grid or enterprise_id in added:
            continue
        added.add(enterprise_id)
        t.visited += 1
        if e_status in waiting and (e_grid is None or e_grid == grid):
            t.targets[grid_name(e_grid)] += 1

    ids: dict[str, set[str]] = defaultdict(set)  # inspector name -> ids that visited in the grid or without one
    for inspector_id in per_id:
        ids[person(inspector_id)].add(inspector_id)
    blank_by: dict[str, set[str]] = defaultdict(set)
    for enterprise_id, inspector_id, _g, _s in blank:
        ids[person(inspector_id)].add(inspector_id)
        blank_by[person(inspector_id)].add(enterprise_id)
    grid_by: dict[str, set[str]] = defaultdict(set)
    for enterprise_id, inspector_id in in_grid:
        grid_by[person(inspector_id)].add(enterprise_id)
    for name, members in ids.items():
        counted = [i for i in members if i in per_id]
        if len(counted) > 1:
            t.per_person_ent[name] = session.execute(
                select(func.count(distinct(S.enterprise_id))).where(
                    S.kind == "egp", S.grid_id.in_(["", grid]), S.inspector_id.in_(sorted(members)), hit)
            ).scalar_one()
        else:
            n = (per_id[counted[0]] if counted else 0) + len(blank_by[name] - grid_by[name])
            if n:
                t.per_person_ent[name] = n


def _fact_tallies_sql(
    t: Tallies, session: Session, scope: Scope, span: Span, today: dt.date | None, grid_name: Callable[[Any], str]
) -> None:
    """Unions, matters, letters and 12351 orders in one grouped pass over each fact table."""
    E = FACTS["enterprise"].c
    ent_scope = scope.nullable(E.grid_id)
    # --- unions (one pass over the enterprises) ----------------------------------------------
    start, end = span.start.isoformat(), span.end.isoformat()

    def n_if(condition: ColumnElement[bool], value: Any = 1) -> Any:
        return func.coalesce(func.sum(case((condition, value), else_=0)), 0)

    established = E.union_status == UnionStatus.ESTABLISHED.value
    founded = and_(established, E.established_on >= start, E.established_on <= end)
    stmt = (
        select(E.grid_id, func.count(), n_if(established), n_if(founded), n_if(founded, E.member_count))
        .where(_where(ent_scope))
        .group_by(E.grid_id)
    )
    for grid_id, n, unions, new, members in session.execute(stmt).all():
        t.enterprises += int(n)
        t.unions_total += int(unions)
        if new:
            t.founded[grid_name(grid_id)] += int(new)
            t.members[grid_name(grid_id)] += int(members)

    # --- matters (one pass) -------------------------------------------------------------------
    as_of = span.as_of(today).isoformat()
    M = FACTS["matter"].c
    opened_day = func.substr(M.opened_on, 1, 10)
    active = sorted(s.value for s in ACTIVE_STATUSES)
    stmt = (
        select(
            M.category,
            M.status,
            n_if(and_(opened_day >= start, opened_day <= end)),
            n_if(and_(M.status.in_(("rectified", "closed")), M.resolved_on >= start, M.resolved_on <= end)),
            n_if(and_(M.status.in_(active), M.deadline != "", M.deadline < as_of, M.opened_on <= as_of)),
        )
        .where(_where(scope.nullable(M.grid_id)))
        .group_by(M.category, M.status)
    )
    for category, status, opened, resolved, overdue in session.execute(stmt).all():
        item = t.by_cat.setdefault(category, [0, 0, 0])
        item[0] += int(opened)
        item[1] += int(resolved)
        item[2] += int(overdue)
        if opened:
            t.outcome[status] += int(opened)

    # --- letters ------------------------------------------------------------------------------
    L = FACTS["letter"].c
    stmt = (
        select(L.kind, func.count())
        .where(_where(L.status != "void", L.issued_on >= start, L.issued_on <= end, scope.nullable(L.grid_id)))
        .group_by(L.kind)
    )
    t.kinds = Counter({k: n for k, n in session.execute(stmt).all()})

    # --- 12351 orders (one pass) --------------------------------------------------------------
    W = FACTS["work_order"].c
    open_values = sorted(s.value for s in OPEN_STATUSES)
    overdue = and_(W.due_on != "", or_(and_(W.status.in_(open_values), W.due_on < as_of),
                                       and_(W.replied_on != "", W.replied_on > W.due_on)))
    stmt = (
        select(W.status, func.count(), n_if(overdue), n_if(W.satisfaction.in_(("满意", "基本满意"))), n_if(W.satisfaction != ""))
        .where(_where(W.received_on >= start, W.received_on <= end, scope.nullable(W.grid_id)))
        .group_by(W.status)
    )
    for status, n, late, satisfied, called in session.execute(stmt).all():
        t.wo_status[status] += int(n)
        t.wo_overdue += int(late)
        t.wo_satisfied += int(satisfied)
        t.wo_called_back += int(called)


# --- the fact tables summarised once, for any period and scope ------------------------------------


@dataclass(frozen=True)
class FactSummary:
    """The four fact tables grouped by every value the figures test (grid, status, day...), with counts:
    a few thousand rows at district size instead of one per enterprise, matter, letter and order, and
    the same for every period and scope. The web pages keep one per worker and read it again only when
    a change to these entities has landed, so a dashboard for any period sums the summary instead of
    passing over 180,000 rows. `_fact_tallies` gives exactly what `_fact_tallies_sql` gives."""

    enterprises: tuple[tuple[str | None, str, str, int, int], ...]  # grid, union_status, established_on, n, members
    matters: tuple[tuple[str | None, str, str, str, bool, str, str, int], ...]
    # grid, category, status, opened day, opened_on has more than the day, resolved_on, deadline, n
    letters: tuple[tuple[str | None, str, str, str, int], ...]  # grid, kind, status, issued_on, n
    orders: tuple[tuple[str | None, str, str, str, str, str, int], ...]
    # grid, status, received_on, due_on, replied_on, satisfaction, n

    @property
    def rows(self) -> int:
        return len(self.enterprises) + len(self.matters) + len(self.letters) + len(self.orders)


def fact_summary(session: Session) -> FactSummary:
    E, M, L, W = (FACTS[k].c for k in ("enterprise", "matter", "letter", "work_order"))
    n = func.count()
    opened_day = func.substr(M.opened_on, 1, 10)
    longer = func.length(M.opened_on) > 10

    def grouped(*cols: Any, extra: Sequence[Any] = ()) -> list[Any]:
        return list(session.execute(select(*cols, n, *extra).group_by(*cols)).all())

    return FactSummary(
        enterprises=tuple((g, u, e, int(c), int(m or 0)) for g, u, e, c, m in
                          grouped(E.grid_id, E.union_status, E.established_on, extra=[func.sum(E.member_count)])),
        matters=tuple((g, cat, st, day, bool(lg), res, dl, int(c)) for g, cat, st, day, lg, res, dl, c in
                      grouped(M.grid_id, M.category, M.status, opened_day, longer, M.resolved_on, M.deadline)),
        letters=tuple((g, k, st, day, int(c)) for g, k, st, day, c in grouped(L.grid_id, L.kind, L.status, L.issued_on)),
        orders=tuple((g, st, rec, due, rep, sat, int(c)) for g, st, rec, due, rep, sat, c in
                     grouped(W.grid_id, W.status, W.received_on, W.due_on, W.replied_on, W.satisfaction)),
    )


def _fact_tallies(
    t: Tallies, facts: FactSummary, scope: Scope, span: Span, today: dt.date | None, grid_name: Callable[[Any], str]
) -> None:
    """`_fact_tallies_sql` over the summary: the same tests on the same values, in the same order."""
    allowed = None if scope.sees_all else set(scope.grid_ids)

    def seen(grid_id: str | None) -> bool:
        return allowed is None or grid_id is None or grid_id in allowed

    start, end = span.start.isoformat(), span.end.isoformat()
    as_of = span.as_of(today).isoformat()
    established = UnionStatus.ESTABLISHED.value
    per_grid: dict[str | None, list[int]] = {}
    for grid_id, status, on, n, members in facts.enterprises:
        if not seen(grid_id):
            continue
        item = per_grid.setdefault(grid_id, [0, 0, 0, 0])
        item[0] += n
        if status == established:
            item[1] += n
            if start <= on <= end:
                item[2] += n
                item[3] += members
    for grid_id, (n, unions, new, members) in per_grid.items():
        t.enterprises += n
        t.unions_total += unions
        if new:
            t.founded[grid_name(grid_id)] += new
            t.members[grid_name(grid_id)] += members

    active = {s.value for s in ACTIVE_STATUSES}
    per_status: dict[tuple[str, str], list[int]] = {}
    for grid_id, category, status, day, longer, resolved_on, deadline, n in facts.matters:
        if not seen(grid_id):
            continue
        item = per_status.setdefault((category, status), [0, 0, 0])
        if start <= day <= end:
            item[0] += n
        if status in ("rectified", "closed") and start <= resolved_on <= end:
            item[1] += n
        # opened_on <= as_of, from its day: a longer value (a time after the day) sorts after the day itself
        if status in active and deadline != "" and deadline < as_of and (day < as_of or (day == as_of and not longer)):
            item[2] += n
    for (category, status), (opened, resolved, overdue) in per_status.items():
        cat = t.by_cat.setdefault(category, [0, 0, 0])
        cat[0] += opened
        cat[1] += resolved
        cat[2] += overdue
        if opened:
            t.outcome[status] += opened

    for grid_id, kind, status, issued_on, n in facts.letters:
        if seen(grid_id) and status != "void" and start <= issued_on <= end:
            t.kinds[kind] += n

    open_values = {s.value for s in OPEN_STATUSES}
    for grid_id, status, received_on, due_on, replied_on, satisfaction, n in facts.orders:
        if not seen(grid_id) or not start <= received_on <= end:
            continue
        t.wo_status[status] += n
        if due_on != "" and ((status in open_values and due_on < as_of) or (replied_on != "" and replied_on > due_on)):
            t.wo_overdue += n
        if satisfaction in ("满意", "基本满意"):
            t.wo_satisfied += n
        if satisfaction != "":
            t.wo_called_back += n


def facts_changed(session: Session, after: int, upto: int) -> bool:
    """Whether a change to an enterprise, matter, letter or 12351 order has sequence number in
    (after, upto]: a range of the change log's key, so checking costs the changes since the last check.
    Sequence numbers commit in order (app/server/db.py), so every change up to `upto` is visible."""
    from app.server.tables import ChangeLog

    C = ChangeLog.__table__.c  # type: ignore[attr-defined]
    stmt = select(C.seq).where(C.seq > after, C.seq <= upto, C.entity.in_(sorted(FACTS))).limit(1)
    return session.execute(stmt).first() is not None

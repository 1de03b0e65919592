"""Early-warning scores per enterprise, industry and grid from the signals the program already holds:
12351 orders, matters and cases (wage arrears apart), amounts still owed, a social-insurance headcount
drop and 经营异常/注销 seen in the data pool, letters left unanswered past their deadline.

Signals are gathered with one grouped query per table (a 100,000-enterprise district recomputes in a
second or two); the rules and their weights live in app.core.cases.risk and in a weights file the
office can copy into its data folder and edit.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.core.cases.risk import Score, Weights, aggregate, score_many
from app.resources import resources_dir

if TYPE_CHECKING:
    from sqlmodel import Session

WEIGHTS_FILE = "risk_weights.json"
DEFAULT_WINDOW_DAYS = 365


class WeightsError(ValueError):
    """The office's weights file cannot be used; the message names the file and the entry."""


@dataclass(frozen=True)
class RiskSettings:
    weights: Weights
    window_days: int
    path: Path


def weights_path(data_dir: Path | None = None) -> Path:
    """The office's copy in the data folder when there is one, else the shipped file."""
    if data_dir is not None:
        copy = Path(data_dir) / WEIGHTS_FILE
        if copy.is_file():
            return copy
    return resources_dir() / WEIGHTS_FILE


def load_settings(data_dir: Path | None = None) -> RiskSettings:
    path = weights_path(data_dir)
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except json.JSONDecodeError as exc:
        raise WeightsError(f"预警权重文件 {path.name} 第{exc.lineno}行格式错误：{exc.msg}") from exc
    except OSError as exc:
        raise WeightsError(f"无法读取预警权重文件 {path.name}：{exc.strerror}") from exc
    if not isinstance(data, dict):
        raise WeightsError(f"预警权重文件 {path.name} 应为一个 JSON 对象")
    try:
        weights = Weights.from_dict(data)
    except ValueError as exc:
        raise WeightsError(f"{path.name}：{exc}") from exc
    window = data.get("window_days", DEFAULT_WINDOW_DAYS)
    if not isinstance(window, int) or isinstance(window, bool) or not 1 <= window <= 3650:
        raise WeightsError(f"{path.name}：“window_days”应为 1 到 3650 之间的整数")
    return RiskSettings(weights, window, path)


def save_office_copy(data_dir: Path, weights: Weights, window_days: int = DEFAULT_WINDOW_DAYS) -> Path:
    """Writes the office's copy (checked first, so a bad copy never replaces a good one)."""
    data: dict[str, Any] = {"_说明": "办公室修改后的预警权重；删除此文件即恢复默认权重。", **weights.to_dict(), "window_days": window_days}
    Weights.from_dict(data)
    target = Path(data_dir) / WEIGHTS_FILE
    tmp = target.with_suffix(".tmp")
    tmp.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    tmp.replace(target)
    return target


# The HR list's headcount in a provenance record: [value, as-of date], or the bare value of the compact
# form an import writes when the value is dated the record's own list date (both are on file).
_HR_HEADCOUNT = (
    "(CASE json_type(s.field_values, '$.headcount') WHEN 'array' THEN json_extract(s.field_values, '$.headcount[0]')"
    " ELSE json_extract(s.field_values, '$.headcount') END)"
)
WAGE_ORDER_SQL = "(topic LIKE '%欠薪%' OR topic LIKE '%工资%' OR content LIKE '%拖欠%工资%' OR content LIKE '%欠薪%')"


def gather_signals(session: Session, today: dt.date | None = None, window_days: int = DEFAULT_WINDOW_DAYS) -> dict[str, dict[str, float]]:
    """enterprise id -> {rule: signal value} for every enterprise with at least one signal."""
    from sqlalchemy import text

    day = today or dt.date.today()
    since = (day - dt.timedelta(days=window_days)).isoformat()
    conn = session.connection()
    out: dict[str, dict[str, float]] = {}

    def put(rows: Any, *keys: str) -> None:
        for row in rows:
            entry = out.setdefault(str(row[0]), {})
            for key, value in zip(keys, row[1:], strict=True):
                if value:
                    entry[key] = entry.get(key, 0.0) + float(value)

    put(
        conn.execute(
            text(
                f"SELECT enterprise_id, count(*), sum({WAGE_ORDER_SQL}) FROM work_order "
                "WHERE deleted = 0 AND enterprise_id IS NOT NULL AND received_at >= :since GROUP BY enterprise_id"
            ),
            {"since": since},
        ),
        "orders",
        "wage_orders",
    )
    put(
        conn.execute(
            text(
                "SELECT enterprise_id, sum(category <> 'wage_arrears'), sum(category = 'wage_arrears') FROM matter "
                "WHERE deleted = 0 AND opened_on >= :since GROUP BY enterprise_id"
            ),
            {"since": since},
        ),
        "matters",
        "wage_matters",
    )
    put(
        conn.execute(
            text(
                "SELECT enterprise_id, count(*), "
                "sum(CASE WHEN category = 'wage_arrears' THEN max(coalesce(amount_claimed, 0) - coalesce(amount_recovered, 0), 0) ELSE 0 END) / 10000.0 "
                "FROM legal_case WHERE deleted = 0 AND enterprise_id IS NOT NULL AND received_on >= :since GROUP BY enterprise_id"
            ),
            {"since": since},
        ),
        "cases",
        "arrears",
    )
    put(
        conn.execute(
            text(
                f"SELECT s.enterprise_id, max(0.0, (e.headcount - CAST({_HR_HEADCOUNT} AS REAL)) * 1.0 / e.headcount) "
                "FROM source_record s JOIN enterprise e ON e.id = s.enterprise_id "
                "WHERE s.deleted = 0 AND s.source = 'hr' AND e.headcount > 0 "
                f"AND json_valid(s.field_values) AND {_HR_HEADCOUNT} IS NOT NULL"
            )
        ),
        "headcount_drop",
    )
    put(
        conn.execute(
            text(
                "SELECT enterprise_id, max(field_values LIKE '%经营异常%'), max(field_values LIKE '%注销%' OR field_values LIKE '%吊销%') "
                "FROM source_record WHERE deleted = 0 AND (field_values LIKE '%经营异常%' OR field_values LIKE '%注销%' OR field_values LIKE '%吊销%') "
                "GROUP BY enterprise_id"
            )
        ),
        "abnormal",
        "cancelled",
    )
    put(
        conn.execute(
            text(
                "SELECT l.enterprise_id, count(*) FROM letter l LEFT JOIN matter m ON m.id = l.matter_id "
                "WHERE l.deleted = 0 AND l.status IN ('issued', 'served') AND l.kind <> 'tips' "
                "AND ((m.deadline IS NOT NULL AND m.deadline < :today) OR (m.id IS NULL AND l.issued_on < :late)) "
                "GROUP BY l.enterprise_id"
            ),
            {"today": day.isoformat(), "late": (day - dt.timedelta(days=30)).isoformat()},
        ),
        "overdue_letters",
    )
    return out


def enterprise_scores(session: Session, weights: Weights, today: dt.date | None = None, window_days: int = DEFAULT_WINDOW_DAYS) -> list[Score]:
    """Scores of every enterprise with a signal, highest first."""
    return [s for s in score_many(gather_signals(session, today, window_days), weights) if s.score > 0]


@dataclass(frozen=True)
class GroupRisk:
    group: str
    mean_score: float
    flagged: int
    high: int


def _groups(session: Session, column: str, ids: list[str]) -> dict[str, str]:
    from sqlalchemy import text

    if not ids:
        return {}
    rows = session.connection().execute(
        text(f"SELECT e.id, {column} FROM enterprise e LEFT JOIN grid g ON g.id = e.grid_id WHERE e.deleted = 0")
    ).all()
    return {str(r[0]): str(r[1] or "未分类") for r in rows}


def group_risk(session: Session, scores: list[Score], by: str) -> list[GroupRisk]:
    """Per industry (`by='industry'`) or grid (`by='grid'`): the mean of the flagged enterprises'
    scores, how many were flagged, how many at the high level; worst first."""
    column = {"industry": "e.industry", "grid": "g.name"}[by]
    group_of = _groups(session, column, [s.key for s in scores])
    stats = aggregate(scores, group_of)
    rows = [GroupRisk(g, v[0], v[1], v[2]) for g, v in stats.items()]
    return sorted(rows, key=lambda r: (-r.high, -r.mean_score * r.flagged, r.group))


@dataclass(frozen=True)
class ArrearsCluster:
    group: str
    orders: int
    matters: int
    cases: int
    owed_wan: float

    @property
    def weight(self) -> float:
        return self.orders + self.matters + self.cases + self.owed_wan


def arrears_clusters(session: Session, month: dt.date, by: str = "grid") -> list[ArrearsCluster]:
    """Wage-arrears signals of one calendar month grouped by grid or industry, heaviest first."""
    from sqlalchemy import text

    start = month.replace(day=1)
    end = (start + dt.timedelta(days=32)).replace(day=1)
    column = {"industry": "coalesce(nullif(e.industry, ''), '未分类')", "grid": "coalesce(g.name, '未分网格')"}[by]
    params = {"start": start.isoformat(), "end": end.isoformat()}
    conn = session.connection()
    base = "LEFT JOIN enterprise e ON e.id = x.enterprise_id LEFT JOIN grid g ON g.id = coalesce(x.grid_id, e.grid_id)"
    found: dict[str, list[float]] = {}
    queries = (
        (0, f"SELECT {column}, count(*) FROM work_order x {base} WHERE x.deleted = 0 AND {WAGE_ORDER_SQL.replace('topic', 'x.topic').replace('content', 'x.content')} "
            "AND x.received_at >= :start AND x.received_at < :end GROUP BY 1"),
        (1, f"SELECT {column}, count(*) FROM matter x {base} WHERE x.deleted = 0 AND x.category = 'wage_arrears' "
            "AND x.opened_on >= :start AND x.opened_on < :end GROUP BY 1"),
        (2, f"SELECT {column}, count(*), sum(max(coalesce(x.amount_claimed, 0) - coalesce(x.amount_recovered, 0), 0)) / 10000.0 "
            f"FROM legal_case x {base} WHERE x.deleted = 0 AND x.category = 'wage_arrears' "
            "AND x.received_on >= :start AND x.received_on < :end GROUP BY 1"),
    )
    for slot, sql in queries:
        for row in conn.execute(text(sql), params).all():
            entry = found.setdefault(str(row[0]), [0, 0, 0, 0.0])
            entry[slot] += int(row[1])
            if slot == 2:
                entry[3] += float(row[2] or 0)
    clusters = [ArrearsCluster(g, int(v[0]), int(v[1]), int(v[2]), round(v[3], 1)) for g, v in found.items()]
    return sorted(clusters, key=lambda c: (-c.weight, c.group))


def arrears_note(session: Session, month: dt.date, top: int = 3) -> str:
    """The monthly note: where wage arrears cluster, by grid and by industry, in one paragraph."""
    label = f"{month.year}年{month.month}月"
    by_grid = arrears_clusters(session, month, "grid")[:top]
    by_industry = arrears_clusters(session, month, "industry")[:top]
    if not by_grid:
        return f"{label}未发现欠薪类线索。"

    def part(c: ArrearsCluster) -> str:
        bits = [f"工单{c.orders}件" if c.orders else "", f"事项{c.matters}件" if c.matters else "", f"案件{c.cases}件" if c.cases else ""]
        if c.owed_wan:
            bits.append(f"未追回{c.owed_wan:g}万元")
        return f"{c.group}（{'、'.join(b for b in bits if b)}）"

    text_grid = "；".join(part(c) for c in by_grid)
    text_industry = "；".join(part(c) for c in by_industry)
    return f"{label}欠薪线索主要集中在：{text_grid}。按行业看：{text_industry}。建议对上述区域和行业开展提示、走访或专项行动。"


def scores_by_key(scores: list[Score]) -> Mapping[str, Score]:
    return {s.key: s for s in scores}

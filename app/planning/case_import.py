"""Case lists exported from other platforms (the governance centre's, the mediation platform's), read
with the data pool's readers: a header row is found, columns are mapped to case fields (proposed from
the header text, or a mapping the clerk chose), every row is checked first, and only a file without a
single bad row is imported, in one transaction. A bad row is reported with file, row and column."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlmodel import Session, select

from app.catalog import load_catalog
from app.core.cases import rules
from app.core.problems import Problem, ValidationError
from app.planning import normalize
from app.planning.readers import RawTable, read_table
from app.store import cases as case_repo
from app.store import changes
from app.store.tables import Enterprise, Grid, Inspector

# case field -> header words that name it (after normalisation, lower case)
SYNONYMS: dict[str, tuple[str, ...]] = {
    "number": ("案件编号", "案号", "编号", "登记号"),
    "kind": ("案件类型", "类型", "案件类别"),
    "received_on": ("受理日期", "登记日期", "受理时间", "立案日期"),
    "employer_name": ("用人单位", "被申请人", "单位名称", "企业名称"),
    "credit_code": ("统一社会信用代码", "信用代码"),
    "person_name": ("申请人", "当事人", "职工姓名", "姓名"),
    "id_number": ("身份证号码", "身份证号", "证件号码"),
    "phone": ("联系电话", "电话", "手机号码", "手机"),
    "category": ("争议类别", "案由", "争议类型", "问题类别"),
    "claim_note": ("请求事项", "诉求", "主要诉求"),
    "amount_claimed": ("请求金额", "涉及金额", "标的金额", "争议金额"),
    "amount_recovered": ("追回金额", "挽回金额", "追回欠薪", "实际到位金额"),
    "workers_involved": ("涉及人数", "涉及职工人数", "人数"),
    "mediator": ("调解员", "承办人", "经办人"),
    "lawyer": ("援助律师", "律师"),
    "result": ("处理结果", "结果", "办理状态", "状态"),
    "closed_on": ("结案日期", "办结日期"),
    "grid": ("网格", "所属网格"),
}
FIELD_LABELS = {
    "number": "案件编号", "kind": "案件类型", "received_on": "受理日期", "employer_name": "用人单位",
    "credit_code": "统一社会信用代码", "person_name": "申请人", "id_number": "身份证号码", "phone": "联系电话",
    "category": "争议类别", "claim_note": "请求事项", "amount_claimed": "请求金额", "amount_recovered": "追回金额",
    "workers_involved": "涉及人数", "mediator": "调解员", "lawyer": "援助律师", "result": "处理结果",
    "closed_on": "结案日期", "grid": "网格",
}
_KIND_WORDS = ((rules.CaseKind.LEGAL_AID, ("援助", "法援")), (rules.CaseKind.GOVERNANCE, ("综治", "治理")), (rules.CaseKind.MEDIATION, ("调解", "争议")))
_RESULT_WORDS = (
    ("不成功", rules.CaseStatus.FAILED), ("失败", rules.CaseStatus.FAILED), ("仲裁", rules.CaseStatus.ARBITRATION),
    ("诉讼", rules.CaseStatus.LITIGATION), ("起诉", rules.CaseStatus.LITIGATION), ("成功", rules.CaseStatus.SUCCEEDED),
    ("调解中", rules.CaseStatus.MEDIATING), ("结案", rules.CaseStatus.CLOSED), ("办结", rules.CaseStatus.CLOSED),
)


def field_for_header(header: Any) -> str | None:
    key = normalize.header(header).lower()
    if not key:
        return None
    for name, words in SYNONYMS.items():
        if key in words:
            return name
    for name, words in SYNONYMS.items():
        if any(len(w) >= 3 and key.startswith(w) for w in words):
            return name
    return None


def propose_mapping(headers: Sequence[str]) -> dict[str, str]:
    mapping: dict[str, str] = {}
    for header in headers:
        found = field_for_header(header)
        if found and found not in mapping.values():
            mapping[header] = found
    return mapping


@dataclass(frozen=True)
class RowProblem:
    file: str
    row: int  # as the spreadsheet numbers it (1-based)
    column: str
    message: str

    def text(self) -> str:
        where = f"{self.file} 第{self.row}行" + (f"“{self.column}”列" if self.column else "")
        return f"{where}：{self.message}"


@dataclass
class CaseImportPlan:
    table: RawTable
    header_row: int
    headers: list[str]
    mapping: dict[str, str]
    rows: list[dict[str, Any]] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)


def detect_header(table: RawTable) -> tuple[int, list[str]]:
    best, best_score = 0, -1
    for index, row in enumerate(table.rows[:30]):
        found = {field_for_header(c) for c in row} - {None}
        if ("employer_name" in found or "person_name" in found) and len(found) > best_score:
            best, best_score = index, len(found)
    if best_score < 0:
        raise ValidationError([Problem("file", f"{table.file_name}：找不到表头（应有“用人单位”或“申请人”列）")])
    return best, [normalize.text(c) for c in table.rows[best]]


def _kind(raw: str, default: str) -> str:
    if not raw:
        return default
    for kind, words in _KIND_WORDS:
        if any(w in raw for w in words):
            return kind.value
    raise ValueError(f"案件类型“{raw}”无法识别，应为劳动争议调解、法律援助或综治中心案件")


def _amount(raw: Any, label: str) -> float | None:
    amount, problem = rules.parse_amount(raw, "", label)
    if problem is not None:
        raise ValueError(problem.message)
    return None if amount is None else float(amount)


def plan_import(
    session: Session,
    path: Path | str,
    *,
    mapping: Mapping[str, str] | None = None,
    default_kind: str = rules.CaseKind.MEDIATION.value,
    default_grid_id: str | None = None,
) -> CaseImportPlan:
    """Reads and checks the whole file; nothing is written. `plan.problems` empty means it can go in."""
    table = read_table(Path(path))
    header_row, headers = detect_header(table)
    chosen = dict(mapping) if mapping is not None else propose_mapping(headers)
    plan = CaseImportPlan(table, header_row, headers, chosen)
    column_of = {f: h for h, f in chosen.items()}
    index_of = {h: i for i, h in enumerate(headers)}
    catalog = load_catalog()
    grids = {g.name: g.id for g in session.exec(select(Grid).where(Grid.deleted == False)).all()}  # noqa: E712
    grids |= {g.code: g.id for g in session.exec(select(Grid).where(Grid.deleted == False)).all()}  # noqa: E712
    people = {p.name: p.id for p in session.exec(select(Inspector).where(Inspector.deleted == False)).all()}  # noqa: E712
    by_code = {}
    by_name = {}
    for e in session.exec(select(Enterprise).where(Enterprise.deleted == False)).all():  # noqa: E712
        if e.credit_code:
            by_code[e.credit_code] = e
        by_name[normalize.name(e.name)] = e
    for offset, raw_row in enumerate(table.rows[header_row + 1:], start=header_row + 2):
        if all(normalize.is_blank(c) for c in raw_row):
            continue

        def cell(name: str, raw_row: list[Any] = raw_row) -> Any:
            header = column_of.get(name)
            if header is None or header not in index_of or index_of[header] >= len(raw_row):
                return None
            value = raw_row[index_of[header]]
            return None if normalize.is_blank(value) else value

        row_problems: list[RowProblem] = []

        def bad(name: str, message: str, offset: int = offset, row_problems: list[RowProblem] = row_problems) -> None:
            row_problems.append(RowProblem(table.file_name, offset, column_of.get(name, FIELD_LABELS.get(name, name)), message))

        out: dict[str, Any] = {"row": offset}
        try:
            out["kind"] = _kind(normalize.text(cell("kind")), default_kind)
        except ValueError as exc:
            bad("kind", str(exc))
        try:
            received = cell("received_on")
            out["received_on"] = normalize.date(received) if received is not None else None
            if out["received_on"] is None:
                bad("received_on", "受理日期不能为空")
        except ValueError as exc:
            bad("received_on", str(exc))
        closed = cell("closed_on")
        if closed is not None:
            try:
                out["closed_on"] = normalize.date(closed)
            except ValueError as exc:
                bad("closed_on", str(exc))
        employer = normalize.name(cell("employer_name"))
        code = normalize.code(cell("credit_code")) if cell("credit_code") is not None else ""
        firm = by_code.get(code) if code else None
        firm = firm or (by_name.get(employer) if employer else None)
        if not employer and firm is None:
            bad("employer_name", "用人单位不能为空")
        out["employer_name"] = employer or (firm.name if firm else "")
        out["enterprise_id"] = firm.id if firm else None
        grid_text = normalize.text(cell("grid"))
        grid_id = grids.get(grid_text) if grid_text else None
        if grid_text and grid_id is None:
            bad("grid", f"网格“{grid_text}”不存在")
        out["grid_id"] = grid_id or (firm.grid_id if firm else None) or default_grid_id
        if not out["grid_id"] and not grid_text:
            bad("grid", "无法确定所属网格：请在文件中填写网格，或导入前选择默认网格")
        category = normalize.text(cell("category"))
        if category:
            found = catalog.by_label(category) if hasattr(catalog, "by_label") else None
            if found is None:
                found = next((catalog.get(c) for c in catalog.codes() if catalog.label(c) in category or category in catalog.label(c)), None)
            out["category"] = found.code if found is not None else ""
            if "欠" in category and not out["category"]:
                out["category"] = "wage_arrears"
        for name, label in (("amount_claimed", "请求金额"), ("amount_recovered", "追回金额")):
            try:
                out[name] = _amount(cell(name), label)
            except ValueError as exc:
                bad(name, str(exc))
        workers = cell("workers_involved")
        try:
            out["workers_involved"] = normalize.count(workers) if workers is not None else 1
        except ValueError as exc:
            bad("workers_involved", str(exc))
        mediator = normalize.text(cell("mediator"))
        out["mediator_id"] = people.get(mediator) if mediator else None
        if mediator and out["mediator_id"] is None:
            out["lawyer"] = mediator[:50]
        if cell("lawyer") is not None:
            out["lawyer"] = normalize.text(cell("lawyer"))[:50]
        result = normalize.text(cell("result"))
        out["status"] = next((s.value for word, s in _RESULT_WORDS if word in result), rules.CaseStatus.RECEIVED.value) if result else (
            rules.CaseStatus.CLOSED.value if out.get("closed_on") else rules.CaseStatus.RECEIVED.value
        )
        out["number"] = normalize.text(cell("number"))[:40]
        out["claim_note"] = normalize.text(cell("claim_note"))
        person = normalize.text(cell("person_name"))
        if len(person) > 50:
            bad("person_name", "申请人姓名超过50个字")
        out["party"] = case_repo.PartyInput(person, normalize.text(cell("id_number")), normalize.phone(cell("phone")) if cell("phone") is not None else "") if person else None
        if out["number"] and out["number"] in {r.get("number") for r in plan.rows}:
            bad("number", f"案件编号 {out['number']} 在文件中重复")
        plan.problems += row_problems
        plan.rows.append(out)
    if not plan.rows and not plan.problems:
        plan.problems.append(RowProblem(table.file_name, header_row + 2, "", "文件中没有案件数据"))
    return plan


def apply_import(session: Session, plan: CaseImportPlan, actor: str) -> int:
    """Writes every planned case in the caller's transaction; refuses a plan with problems."""
    if plan.problems:
        raise ValidationError([Problem("file", p.text()) for p in plan.problems[:20]])
    existing = set(session.exec(select(case_repo.LegalCase.number)).all())
    made = 0
    for row in plan.rows:
        if row["number"] and row["number"] in existing:
            continue
        values = {k: v for k, v in row.items() if k not in {"row", "party", "status", "closed_on"}}
        values["source"] = "import"
        case = case_repo.create_case(session, values, actor, [row["party"]] if row["party"] else [])
        status = row["status"]
        if status != rules.CaseStatus.RECEIVED.value:
            closed_on: dt.date | None = row.get("closed_on")
            outcome = status if status != rules.CaseStatus.CLOSED.value else rules.CaseStatus.SUCCEEDED.value
            final = rules.CaseStatus.CLOSED.value if closed_on else status
            changes.update(
                session, case, {"status": final, "outcome": outcome if final == "closed" else "", "closed_on": closed_on}, actor
            )
        made += 1
    return made

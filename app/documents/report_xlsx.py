"""The monthly report as an XLSX workbook: a summary sheet and one sheet per figure, with styled
headers, totals and frozen header rows, ready to print or to send upwards."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from app.core.legislation import figure_rows
from app.store.stats import GridMonthTable, Report

HEADER_FONT = Font(name="宋体", bold=True, color="FFFFFF")
HEADER_FILL = PatternFill("solid", fgColor="B91C1C")
TOTAL_FONT = Font(name="宋体", bold=True)
TOTAL_FILL = PatternFill("solid", fgColor="FDE8E8")
TITLE_FONT = Font(name="黑体", bold=True, size=14)
THIN = Side(style="thin", color="999999")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)

Progress = Callable[[int, int], None]


def _sheet(wb: Workbook, title: str, caption: str, header: Sequence[str], rows: Sequence[Sequence[Any]], total: Sequence[Any] | None) -> Worksheet:
    ws = wb.create_sheet(title)
    ws.append([caption])
    ws["A1"].font = TITLE_FONT
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=max(1, len(header)))
    ws.append(list(header))
    for cell in ws[2]:
        cell.font, cell.fill, cell.border, cell.alignment = HEADER_FONT, HEADER_FILL, BORDER, CENTER
    for row in rows:
        ws.append(list(row))
    if total is not None:
        ws.append(list(total))
        for cell in ws[ws.max_row]:
            cell.font, cell.fill = TOTAL_FONT, TOTAL_FILL
    for row in ws.iter_rows(min_row=3, max_row=ws.max_row):
        for cell in row:
            cell.border = BORDER
            if isinstance(cell.value, int):
                cell.alignment = Alignment(horizontal="right")
    for index, name in enumerate(header, start=1):
        width = max([len(str(name)) * 2 + 2, *[len(str(r[index - 1])) * 2 + 2 for r in rows if index - 1 < len(r)], 10])
        ws.column_dimensions[get_column_letter(index)].width = min(width, 40)
    ws.freeze_panes = "B3"
    return ws


def _grid_month_sheet(wb: Workbook, title: str, caption: str, table: GridMonthTable) -> None:
    header = ["网格", *table.months, "合计"]
    rows = [[grid, *table.row(grid), table.grid_total(grid)] for grid in table.grids]
    total = ["合计", *[table.month_total(m) for m in table.months], table.total]
    _sheet(wb, title, caption, header, rows, total)


def _union_sheets(wb: Workbook, fig: Any, period: str) -> None:
    """工会建设: the summary and its breakdowns stacked on one sheet; 工会服务 per grid and month."""
    ws = _sheet(wb, "工会建设", f"工会建设、会员发展与服务（{period}）", ["项目", "数量"], [list(i) for i in fig.summary], None)
    sections: list[tuple[str, list[list[Any]]]] = [
        ("新建工会（按组织形式）", [[k, v] for k, v in fig.founded_by_form.items()]),
        ("覆盖单位（按单位类型）", [[k, v] for k, v in fig.units_by_kind.items()]),
        ("入会会员（按重点群体）", [[k, v] for k, v in fig.members_by_group.items()]),
        ("服务请求（按类型：请求/办结）", [[k, f"{a}/{d}"] for k, (a, d) in fig.services_by_kind.items()]),
    ]
    for caption, rows in sections:
        ws.append([])
        ws.append([caption])
        ws.cell(ws.max_row, 1).font = TOTAL_FONT
        for row in rows or [["（无）", 0]]:
            ws.append(row)
    for title, caption, table in (
        ("新建工会组织", f"各网格每月新建工会组织（{period}）", fig.unions_by_grid),
        ("入会会员", f"各网格每月入会会员（会员库，{period}）", fig.members_by_grid),
        ("服务请求", f"各网格每月服务请求（{period}）", fig.services_by_grid),
    ):
        if table is not None:
            _grid_month_sheet(wb, title, caption, table)


def export_report(report: Report, target: Path, progress: Progress | None = None) -> Path:
    steps = 9
    tick = progress or (lambda _done, _total: None)
    wb = Workbook()
    default = wb.active
    if default is not None:
        wb.remove(default)
    period = report.period.label
    _sheet(
        wb,
        "概要",
        f"工会走访监督工作统计（{period}）",
        ["项目", "数量"],
        [list(item) for item in report.summary],
        None,
    )
    wb["概要"].append([])
    wb["概要"].append([f"生成时间：{report.generated:%Y-%m-%d %H:%M}"])
    tick(1, steps)
    _grid_month_sheet(wb, "走访", f"各网格每月走访次数（{period}）", report.visits)
    tick(2, steps)
    _grid_month_sheet(wb, "新建工会", f"各网格每月新建工会数（{period}）", report.unions)
    tick(3, steps)
    _grid_month_sheet(wb, "发展会员", f"各网格每月新建工会的会员人数（{period}）", report.members)
    tick(4, steps)
    matters = report.matters
    _sheet(
        wb,
        "监督事项",
        f"监督事项（{period}；超期按期末或今日统计）",
        ["问题类别", "新增", "办结", "超期未结"],
        [[m.label, m.opened, m.resolved, m.overdue] for m in matters],
        ["合计", sum(m.opened for m in matters), sum(m.resolved for m in matters), sum(m.overdue for m in matters)],
    )
    tick(5, steps)
    letters = report.letters
    _sheet(
        wb,
        "一函两书",
        f"每月发出的一函两书（{period}）",
        ["文书种类", *letters.months, "合计"],
        [[letters.labels[k], *[letters.counts.get((k, m), 0) for m in letters.months], letters.kind_total(k)] for k in letters.kinds],
        ["合计", *[sum(letters.counts.get((k, m), 0) for k in letters.kinds) for m in letters.months], sum(letters.counts.values())],
    )
    tick(6, steps)
    orders = report.workorders
    rows: list[list[Any]] = [[orders.labels[s], n] for s, n in orders.by_status.items()]
    rows += [["其中超期", orders.overdue], ["已回访", orders.called_back], ["满意及基本满意", orders.satisfied]]
    _sheet(wb, "12351工单", f"12351工单办理情况（{period}受理）", ["状态", "数量"], rows[: len(orders.by_status)], ["合计", orders.total])
    ws = wb["12351工单"]
    for extra in rows[len(orders.by_status) :]:
        ws.append(extra)
    if report.legislation is not None:
        lf = report.legislation
        _sheet(wb, "立法联系点", f"基层立法联系点工作情况（{period}）", ["项目", "数量"],
               [list(r) for r in figure_rows(lf)], None)
        ws = wb["立法联系点"]
        for title, people in (("各联系单位", lf.per_unit), ("各立法信息员", lf.per_informant)):
            if people:
                ws.append([])
                ws.append([title, "收集建议", "被采纳（含部分采纳）"])
                for row in people:
                    ws.append(list(row))
    tick(7, steps)
    if report.union_building is not None:
        _union_sheets(wb, report.union_building, period)
    tick(8, steps)
    if report.cases is not None:
        _case_sheets(wb, report)
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    wb.save(partial)
    partial.replace(target)
    tick(9, steps)
    return target


def _case_sheets(wb: Workbook, report: Report) -> None:
    """The legal-supervision network: cases by kind and outcome with amounts, the other figures, and
    the 三员's work per role and per person."""
    cases = report.cases
    assert cases is not None
    period = report.period.label
    kinds = cases.kinds
    _sheet(
        wb,
        "案件",
        f"调解、法律援助与综治中心案件（{period}）",
        ["案件类型", "受理", "结案", "调解成功", "调解不成功", "转仲裁", "转诉讼", "涉及职工", "请求金额（元）", "追回金额（元）"],
        [[k.label, k.received, k.closed, k.succeeded, k.failed, k.arbitration, k.litigation, k.workers, k.claimed, k.recovered] for k in kinds],
        ["合计", *[sum(getattr(k, f) for k in kinds) for f in ("received", "closed", "succeeded", "failed", "arbitration", "litigation", "workers")],
         round(sum(k.claimed for k in kinds), 2), cases.recovered],
    )
    _sheet(wb, "法律监督概要", f"法律监督工作（{period}）", ["项目", "数量"], [list(item) for item in cases.summary], None)
    header = ["人员/角色", "日志条数", "巡查次数", "涉及企业", "发现问题", "推动解决"]

    def rows(figures: Sequence[Any]) -> list[list[Any]]:
        return [[f.label, f.entries, f.visits, f.enterprises, f.problems_raised, f.problems_resolved] for f in figures]

    _sheet(wb, "三员（按角色）", f"三员工作情况（按角色，{period}）", header, rows(cases.per_role), None)
    _sheet(wb, "三员（按人员）", f"三员工作情况（按人员，{period}）", header, rows(cases.per_person), None)

"""Labels users read, through Qt translation (the rules keep the Chinese source text only)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def kind_label(kind: str) -> str:
    return {"mediation": QCoreApplication.translate("Cases", "劳动争议调解"), "legal_aid": QCoreApplication.translate("Cases", "法律援助"), "governance": QCoreApplication.translate("Cases", "综治中心案件")}.get(kind, kind)


def status_label(status: str) -> str:
    return {
        "received": QCoreApplication.translate("Cases", "已受理"), "mediating": QCoreApplication.translate("Cases", "调解中"), "succeeded": QCoreApplication.translate("Cases", "调解成功"), "failed": QCoreApplication.translate("Cases", "调解不成功"),
        "arbitration": QCoreApplication.translate("Cases", "已转仲裁"), "litigation": QCoreApplication.translate("Cases", "已转诉讼"), "closed": QCoreApplication.translate("Cases", "已结案"),
    }.get(status, status)


def outcome_label(outcome: str) -> str:
    return {
        "received": QCoreApplication.translate("Cases", "直接结案"), "succeeded": QCoreApplication.translate("Cases", "调解成功"), "failed": QCoreApplication.translate("Cases", "调解不成功"),
        "arbitration": QCoreApplication.translate("Cases", "转仲裁"), "litigation": QCoreApplication.translate("Cases", "转诉讼"),
    }.get(outcome, outcome)


def action_label(action: str) -> str:
    return {
        "accept": QCoreApplication.translate("Cases", "受理"), "mediate": QCoreApplication.translate("Cases", "开始调解"), "succeed": QCoreApplication.translate("Cases", "调解成功"), "fail": QCoreApplication.translate("Cases", "调解不成功"),
        "to_arbitration": QCoreApplication.translate("Cases", "转仲裁"), "to_litigation": QCoreApplication.translate("Cases", "转诉讼"), "close": QCoreApplication.translate("Cases", "结案"),
    }.get(action, action)


def referral_status_label(status: str) -> str:
    return {"sent": QCoreApplication.translate("Cases", "已移送"), "answered": QCoreApplication.translate("Cases", "已答复"), "closed": QCoreApplication.translate("Cases", "已办结"), "withdrawn": QCoreApplication.translate("Cases", "已撤回")}.get(status, status)


def source_label(source: str) -> str:
    return {"matter": QCoreApplication.translate("Cases", "监督事项"), "legal_case": QCoreApplication.translate("Cases", "案件"), "work_order": QCoreApplication.translate("Cases", "12351工单"), "letter": QCoreApplication.translate("Cases", "建议书")}.get(source, source)


def reception_outcome_label(outcome: str) -> str:
    return {"pending": QCoreApplication.translate("Cases", "待处理"), "case": QCoreApplication.translate("Cases", "已立案"), "matter": QCoreApplication.translate("Cases", "已转监督事项"), "service": QCoreApplication.translate("Cases", "已转服务"), "answered": QCoreApplication.translate("Cases", "当场解答")}.get(outcome, outcome)


def role_label(role: str) -> str:
    return {
        "supervisor": QCoreApplication.translate("Cases", "劳动法律监督员"), "informant": QCoreApplication.translate("Cases", "劳动关系信息员"), "safety": QCoreApplication.translate("Cases", "劳动保护监督检查员"),
        "mediator": QCoreApplication.translate("Cases", "调解员"), "grid": QCoreApplication.translate("Cases", "网格员"),
    }.get(role, role)


def work_kind_label(kind: str) -> str:
    return {"patrol": QCoreApplication.translate("Cases", "巡查"), "reception": QCoreApplication.translate("Cases", "接待"), "lecture": QCoreApplication.translate("Cases", "宣讲"), "attendance": QCoreApplication.translate("Cases", "出勤")}.get(kind, kind)


def level_label(level: str) -> str:
    return {"high": QCoreApplication.translate("Cases", "高"), "medium": QCoreApplication.translate("Cases", "中"), "low": QCoreApplication.translate("Cases", "低")}.get(level, level)


def rule_label(rule: str) -> str:
    return {
        "orders": QCoreApplication.translate("Cases", "12351工单"), "wage_orders": QCoreApplication.translate("Cases", "欠薪类12351工单"), "matters": QCoreApplication.translate("Cases", "监督事项"), "wage_matters": QCoreApplication.translate("Cases", "欠薪类监督事项"),
        "cases": QCoreApplication.translate("Cases", "劳动争议案件"), "arrears": QCoreApplication.translate("Cases", "欠薪金额（万元）"), "headcount_drop": QCoreApplication.translate("Cases", "参保人数下降"), "abnormal": QCoreApplication.translate("Cases", "经营异常"),
        "cancelled": QCoreApplication.translate("Cases", "注销/吊销"), "overdue_letters": QCoreApplication.translate("Cases", "逾期未回复函件"),
    }.get(rule, rule)


def yuan(value: object) -> str:
    if value is None or value == "":
        return ""
    return f"{float(str(value)):,.2f}"

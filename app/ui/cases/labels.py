"""Labels users read, through Qt translation (the rules keep the Chinese source text only)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def _t(text: str) -> str:
    return QCoreApplication.translate("Cases", text)


def kind_label(kind: str) -> str:
    return {"mediation": _t("劳动争议调解"), "legal_aid": _t("法律援助"), "governance": _t("综治中心案件")}.get(kind, kind)


def status_label(status: str) -> str:
    return {
        "received": _t("已受理"), "mediating": _t("调解中"), "succeeded": _t("调解成功"), "failed": _t("调解不成功"),
        "arbitration": _t("已转仲裁"), "litigation": _t("已转诉讼"), "closed": _t("已结案"),
    }.get(status, status)


def outcome_label(outcome: str) -> str:
    return {
        "received": _t("直接结案"), "succeeded": _t("调解成功"), "failed": _t("调解不成功"),
        "arbitration": _t("转仲裁"), "litigation": _t("转诉讼"),
    }.get(outcome, outcome)


def action_label(action: str) -> str:
    return {
        "accept": _t("受理"), "mediate": _t("开始调解"), "succeed": _t("调解成功"), "fail": _t("调解不成功"),
        "to_arbitration": _t("转仲裁"), "to_litigation": _t("转诉讼"), "close": _t("结案"),
    }.get(action, action)


def referral_status_label(status: str) -> str:
    return {"sent": _t("已移送"), "answered": _t("已答复"), "closed": _t("已办结"), "withdrawn": _t("已撤回")}.get(status, status)


def source_label(source: str) -> str:
    return {"matter": _t("监督事项"), "legal_case": _t("案件"), "work_order": _t("12351工单"), "letter": _t("建议书")}.get(source, source)


def reception_outcome_label(outcome: str) -> str:
    return {"pending": _t("待处理"), "case": _t("已立案"), "matter": _t("已转监督事项"), "service": _t("已转服务"), "answered": _t("当场解答")}.get(outcome, outcome)


def role_label(role: str) -> str:
    return {
        "supervisor": _t("劳动法律监督员"), "informant": _t("劳动关系信息员"), "safety": _t("劳动保护监督检查员"),
        "mediator": _t("调解员"), "grid": _t("网格员"),
    }.get(role, role)


def work_kind_label(kind: str) -> str:
    return {"patrol": _t("巡查"), "reception": _t("接待"), "lecture": _t("宣讲"), "attendance": _t("出勤")}.get(kind, kind)


def level_label(level: str) -> str:
    return {"high": _t("高"), "medium": _t("中"), "low": _t("低")}.get(level, level)


def rule_label(rule: str) -> str:
    return {
        "orders": _t("12351工单"), "wage_orders": _t("欠薪类12351工单"), "matters": _t("监督事项"), "wage_matters": _t("欠薪类监督事项"),
        "cases": _t("劳动争议案件"), "arrears": _t("欠薪金额（万元）"), "headcount_drop": _t("参保人数下降"), "abnormal": _t("经营异常"),
        "cancelled": _t("注销/吊销"), "overdue_letters": _t("逾期未回复函件"),
    }.get(rule, rule)


def yuan(value: object) -> str:
    if value is None or value == "":
        return ""
    return f"{float(str(value)):,.2f}"

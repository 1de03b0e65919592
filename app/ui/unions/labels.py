"""Translated labels of the union-building codes (the codes and Chinese names live in app.core.unions;
these are the same names through Qt translation, so the English interface says them in English)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def form_labels() -> dict[str, str]:
    return {
        "single": QCoreApplication.translate("Unions", "单独建会"),
        "joint": QCoreApplication.translate("Unions", "联合工会"),
        "building": QCoreApplication.translate("Unions", "楼宇工会"),
        "business_district": QCoreApplication.translate("Unions", "商圈工会"),
        "industry": QCoreApplication.translate("Unions", "行业工会"),
        "area": QCoreApplication.translate("Unions", "区域工会"),
        "station": QCoreApplication.translate("Unions", "站点/网点工会"),
    }


def unit_kind_labels() -> dict[str, str]:
    return {"express_station": QCoreApplication.translate("Unions", "快递站点"), "small_firm": QCoreApplication.translate("Unions", "小微企业"), "shop": QCoreApplication.translate("Unions", "商户"), "enterprise": QCoreApplication.translate("Unions", "企业")}


def step_labels() -> dict[str, str]:
    return {
        "apply": QCoreApplication.translate("Unions", "申请"),
        "prep_group": QCoreApplication.translate("Unions", "筹备组"),
        "assembly": QCoreApplication.translate("Unions", "会员大会/选举"),
        "approval": QCoreApplication.translate("Unions", "上级批复"),
        "legal_person": QCoreApplication.translate("Unions", "法人资格登记"),
    }


def status_labels() -> dict[str, str]:
    return {"none": QCoreApplication.translate("Unions", "未建会"), "preparing": QCoreApplication.translate("Unions", "筹建中"), "established": QCoreApplication.translate("Unions", "已建会")}


def group_labels() -> dict[str, str]:
    return {
        "courier": QCoreApplication.translate("Unions", "快递员"),
        "rider": QCoreApplication.translate("Unions", "外卖骑手"),
        "ride_hailing": QCoreApplication.translate("Unions", "网约车司机"),
        "truck": QCoreApplication.translate("Unions", "货车司机"),
        "other": QCoreApplication.translate("Unions", "其他职工"),
    }


def service_status_labels() -> dict[str, str]:
    return {"open": QCoreApplication.translate("Unions", "待办理"), "in_progress": QCoreApplication.translate("Unions", "办理中"), "delivered": QCoreApplication.translate("Unions", "已办结"), "declined": QCoreApplication.translate("Unions", "无法办理")}


def provider_labels() -> dict[str, str]:
    return {"office": QCoreApplication.translate("Unions", "工会办公室"), "lawyer": QCoreApplication.translate("Unions", "律师"), "partner": QCoreApplication.translate("Unions", "友好商户/机构"), "department": QCoreApplication.translate("Unions", "职能部门")}


def partner_kind_labels() -> dict[str, str]:
    return {
        "shop": QCoreApplication.translate("Unions", "友好商户"),
        "canteen": QCoreApplication.translate("Unions", "友好食堂"),
        "childcare": QCoreApplication.translate("Unions", "友好童心港湾"),
        "rest_stop": QCoreApplication.translate("Unions", "爱心驿站"),
        "other": QCoreApplication.translate("Unions", "其他"),
    }


def service_kind_label(code: str, stored: str) -> str:
    """Kinds are office data: the shipped ones are translated, ones the office added show as typed."""
    shipped = {
        "training": QCoreApplication.translate("Unions", "技能培训需求"),
        "legal": QCoreApplication.translate("Unions", "法律咨询"),
        "jobs": QCoreApplication.translate("Unions", "招聘信息发布"),
        "childcare": QCoreApplication.translate("Unions", "子女托管"),
        "meals": QCoreApplication.translate("Unions", "就餐"),
        "hardship": QCoreApplication.translate("Unions", "困难帮扶"),
        "policy": QCoreApplication.translate("Unions", "政策宣讲"),
        "union_guidance": QCoreApplication.translate("Unions", "建会指导"),
        "other": QCoreApplication.translate("Unions", "其他"),
    }
    return shipped.get(code, stored or code)

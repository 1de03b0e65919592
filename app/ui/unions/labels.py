"""Translated labels of the union-building codes (the codes and Chinese names live in app.core.unions;
these are the same names through Qt translation, so the English interface says them in English)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def _t(text: str) -> str:
    return QCoreApplication.translate("Unions", text)


def form_labels() -> dict[str, str]:
    return {
        "single": _t("单独建会"),
        "joint": _t("联合工会"),
        "building": _t("楼宇工会"),
        "business_district": _t("商圈工会"),
        "industry": _t("行业工会"),
        "area": _t("区域工会"),
        "station": _t("站点/网点工会"),
    }


def unit_kind_labels() -> dict[str, str]:
    return {"express_station": _t("快递站点"), "small_firm": _t("小微企业"), "shop": _t("商户"), "enterprise": _t("企业")}


def step_labels() -> dict[str, str]:
    return {
        "apply": _t("申请"),
        "prep_group": _t("筹备组"),
        "assembly": _t("会员大会/选举"),
        "approval": _t("上级批复"),
        "legal_person": _t("法人资格登记"),
    }


def status_labels() -> dict[str, str]:
    return {"none": _t("未建会"), "preparing": _t("筹建中"), "established": _t("已建会")}


def group_labels() -> dict[str, str]:
    return {
        "courier": _t("快递员"),
        "rider": _t("外卖骑手"),
        "ride_hailing": _t("网约车司机"),
        "truck": _t("货车司机"),
        "other": _t("其他职工"),
    }


def service_status_labels() -> dict[str, str]:
    return {"open": _t("待办理"), "in_progress": _t("办理中"), "delivered": _t("已办结"), "declined": _t("无法办理")}


def provider_labels() -> dict[str, str]:
    return {"office": _t("工会办公室"), "lawyer": _t("律师"), "partner": _t("友好商户/机构"), "department": _t("职能部门")}


def partner_kind_labels() -> dict[str, str]:
    return {
        "shop": _t("友好商户"),
        "canteen": _t("友好食堂"),
        "childcare": _t("友好童心港湾"),
        "rest_stop": _t("爱心驿站"),
        "other": _t("其他"),
    }


def service_kind_label(code: str, stored: str) -> str:
    """Kinds are office data: the shipped ones are translated, ones the office added show as typed."""
    shipped = {
        "training": _t("技能培训需求"),
        "legal": _t("法律咨询"),
        "jobs": _t("招聘信息发布"),
        "childcare": _t("子女托管"),
        "meals": _t("就餐"),
        "hardship": _t("困难帮扶"),
        "policy": _t("政策宣讲"),
        "union_guidance": _t("建会指导"),
        "other": _t("其他"),
    }
    return shipped.get(code, stored or code)

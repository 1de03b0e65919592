"""One definition, two renderers: a table of answer sets goes through the Python formkit and through the
phone's form.js in Chromium, and both must name the same fields in error, with the same messages, in
the same order, and keep the same answers. Every case also states the fields it expects in error, so a
table that tested nothing (or two sides broken alike) fails too."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest

from app import formkit
from app.formkit import FormDefinition, Mode
from app.phone.forms_api import definition_json
from tests.phone.conftest import PhonePage

pytestmark = pytest.mark.slow

TODAY = "2026-11-30"
SHA_A = "ab" * 32
SHA_B = "cd" * 32

VISIT: dict[str, Any] = {
    "visit_date": "2026-11-20", "visitors": "张明、李华", "met_person": "王经理（人事主管）",
    "met_phone": "13812345678", "operating_status": "正常经营", "main_business": "服装加工",
    "headcount": 120, "present_count": 100, "migrant_workers": 30, "dispatched_workers": 0,
    "contracts_signed": True, "has_union": True, "union_members": 80, "site_condition": "良好",
    "site_photos": [{"attachment": "a1", "sha256": SHA_A, "name": "现场.jpg"}], "enterprise_concerns": "无",
    "worker_needs": "希望增加技能培训", "worker_need_types": ["工资待遇", "技能提升"], "resources": "",
    "services_given": ["政策宣讲"], "problems_found": False,
    "signature": {"attachment": "s1", "sha256": SHA_B, "name": "signature.png"},
}

SURVEY: dict[str, Any] = {
    "filled_on": "2026-11-29", "occupation": "外卖骑手", "years": 2.5, "daily_hours": 10,
    "agreement": "劳务或合作协议", "insurance": ["工伤保险"], "concerns": ["社会保险", "加入工会", "劳动安全"],
    "joined_union": False, "join_meeting": True, "contact_phone": "010-12345678",
}

# A definition written for the parity test only: every rule with its default message, numbers with
# fractional limits, a condition on a multiple choice and a chain of conditions.
SYNTHETIC: dict[str, Any] = {
    "id": "parity", "version": 1, "title": "对照表", "sections": [
        {"id": "s", "title": "节", "fields": [
            {"id": "code", "label": "编号", "type": "text", "rules": [{"kind": "pattern", "pattern": "[A-Z]{2}\\d{3}"}]},
            {"id": "day", "label": "日期", "type": "date", "rules": [{"kind": "not_future"}]},
            {"id": "names", "label": "人员", "type": "longtext", "rules": [{"kind": "distinct_names", "min": 3}]},
            {"id": "tel", "label": "电话", "type": "text", "required": True, "rules": [{"kind": "phone"}]},
            {"id": "total", "label": "总数", "type": "number", "decimals": 1, "min": 0.5, "max": 1234567.5},
            {"id": "part", "label": "部分", "type": "number", "min": -3,
             "rules": [{"kind": "not_greater_than", "field": "total"}]},
            {"id": "tags", "label": "标签", "type": "multichoice", "options": ["甲", "乙", "丙"]},
            {"id": "why_b", "label": "乙的原因", "type": "text", "required": True,
             "visible_if": {"field": "tags", "in": ["乙"]}},
            {"id": "flag", "label": "是否继续", "type": "yesno", "visible_if": {"field": "tags", "equals": "丙"}},
            {"id": "more", "label": "继续说明", "type": "longtext", "required": True, "max_length": 5,
             "visible_if": {"field": "flag", "equals": True}},
            {"id": "pics", "label": "图片", "type": "photo", "required": True, "max_count": 2},
            {"id": "sign", "label": "签名", "type": "signature", "required": True},
            {"id": "pick", "label": "单选", "type": "choice", "required": True, "options": ["1", "2"]},
        ]},
    ],
}
SYN_OK: dict[str, Any] = {"tel": "12345", "pics": [{"sha256": SHA_A}], "sign": {"sha256": SHA_B}, "pick": "1"}


def v(**changes: Any) -> dict[str, Any]:
    out = dict(VISIT)
    for key, value in changes.items():
        if value is ...:
            out.pop(key, None)
        else:
            out[key] = value
    return out


def s(**changes: Any) -> dict[str, Any]:
    out = dict(SURVEY)
    out.update(changes)
    return out


def syn(**changes: Any) -> dict[str, Any]:
    out = dict(SYN_OK)
    out.update(changes)
    return out


PHOTO = {"attachment": "p", "sha256": SHA_A, "name": "p.jpg"}
ALL_REQUIRED = ["visit_date", "visitors", "met_person", "operating_status", "headcount", "contracts_signed",
                "has_union", "site_condition", "enterprise_concerns", "worker_needs", "problems_found"]

# (form, case name, answers, mode, fields expected in error in form order)
CASES: list[tuple[str, str, dict[str, Any], str, list[str]]] = [
    ("sanchasanji", "valid", v(), "submit", []),
    ("sanchasanji", "nothing", {}, "submit", ALL_REQUIRED),
    ("sanchasanji", "nothing as a draft", {}, "draft", []),
    ("sanchasanji", "draft still flags malformed", {"headcount": -1, "visit_date": "2026-12-01"}, "draft",
     ["visit_date", "headcount"]),
    ("sanchasanji", "future date", v(visit_date="2026-12-01"), "submit", ["visit_date"]),
    ("sanchasanji", "today is not future", v(visit_date=TODAY), "submit", []),
    ("sanchasanji", "no such day", v(visit_date="2026-02-30"), "submit", ["visit_date"]),
    ("sanchasanji", "basic ISO spelling", v(visit_date="20261120"), "submit", []),
    ("sanchasanji", "ISO week date", v(visit_date="2026-W47-1"), "submit", []),
    ("sanchasanji", "week 53 of a short year", v(visit_date="2026-W53-1"), "submit", ["visit_date"]),
    ("sanchasanji", "sloppy date", v(visit_date="2026-1-5"), "submit", ["visit_date"]),
    ("sanchasanji", "date padded with a space", v(visit_date=" 2026-11-20"), "submit", ["visit_date"]),
    ("sanchasanji", "one visitor", v(visitors="张明"), "submit", ["visitors"]),
    ("sanchasanji", "the same visitor twice", v(visitors="张明、张明"), "submit", ["visitors"]),
    ("sanchasanji", "visitors joined by 和", v(visitors="张明和李华"), "submit", []),
    ("sanchasanji", "visitors by ideographic space", v(visitors="张明\u3000李华"), "submit", []),
    ("sanchasanji", "visitors trimmed", v(visitors="  张明/李华 \u3000"), "submit", []),
    ("sanchasanji", "service number", v(met_phone="12345"), "submit", []),
    ("sanchasanji", "short mobile", v(met_phone="1381234567"), "submit", ["met_phone"]),
    ("sanchasanji", "mobile with +86 and dashes", v(met_phone="+86 138-1234-5678"), "submit", []),
    ("sanchasanji", "full-width landline", v(met_phone="０２１-１２３４５６７８"), "submit", []),
    ("sanchasanji", "Arabic-Indic digits count as digits", v(met_phone="13٨١٢٣٤٥٦٧٨"), "submit", []),
    ("sanchasanji", "phone of letters", v(met_phone="abc"), "submit", ["met_phone"]),
    ("sanchasanji", "phone of brackets only", v(met_phone="（）"), "submit", []),
    ("sanchasanji", "difficulty without detail", v(operating_status="经营困难"), "submit", ["difficulty_detail"]),
    ("sanchasanji", "difficulty with detail", v(operating_status="停产半停产", difficulty_detail="订单减少"), "submit", []),
    ("sanchasanji", "hidden answers neither checked nor kept",
     v(difficulty_detail=5, moved_to=["x"], contracts_missing=-4, union_willingness="不存在", problem_summary=7),
     "submit", []),
    ("sanchasanji", "moved", v(operating_status="已注销或迁出", moved_to="迁往江宁区"), "submit", []),
    ("sanchasanji", "unknown status", v(operating_status="倒闭"), "submit", ["operating_status"]),
    ("sanchasanji", "negative headcount", v(headcount=-1), "submit", ["headcount", "present_count"]),
    ("sanchasanji", "fractional headcount", v(headcount=1.5, present_count=1), "submit", ["headcount"]),
    ("sanchasanji", "headcount as text", v(headcount="12"), "submit", ["headcount"]),
    ("sanchasanji", "headcount as yes", v(headcount=True), "submit", ["headcount"]),
    ("sanchasanji", "headcount above max", v(headcount=1000001), "submit", ["headcount"]),
    ("sanchasanji", "zero everywhere", v(headcount=0, present_count=0, migrant_workers=0), "submit", []),
    ("sanchasanji", "present above headcount", v(present_count=130), "submit", ["present_count"]),
    ("sanchasanji", "present without headcount", v(headcount=..., present_count=10), "submit", ["headcount"]),
    ("sanchasanji", "contracts missing, count not given", v(contracts_signed=False), "submit", ["contracts_missing"]),
    ("sanchasanji", "contracts missing, zero", v(contracts_signed=False, contracts_missing=0), "submit",
     ["contracts_missing"]),
    ("sanchasanji", "contracts missing, three", v(contracts_signed=False, contracts_missing=3), "submit", []),
    ("sanchasanji", "yes/no given as text", v(contracts_signed="否", contracts_missing=2), "submit",
     ["contracts_signed"]),
    ("sanchasanji", "no union", v(has_union=False, union_willingness="愿意但需指导", union_members=10), "submit", []),
    ("sanchasanji", "hazard without detail", v(site_condition="存在隐患", hazards=["消防通道堵塞"]), "submit",
     ["hazard_detail"]),
    ("sanchasanji", "unknown hazard", v(site_condition="一般", hazards=["其他", "漏水"]), "submit", ["hazards"]),
    ("sanchasanji", "hazards hidden for a good site", v(hazards=["漏水"]), "submit", []),
    ("sanchasanji", "ten photos", v(site_photos=[PHOTO] * 10), "submit", ["site_photos"]),
    ("sanchasanji", "broken photo", v(site_photos=[{"attachment": "x"}]), "submit", ["site_photos"]),
    ("sanchasanji", "no photos", v(site_photos=[]), "submit", []),
    ("sanchasanji", "empty signature", v(signature={}), "submit", []),
    ("sanchasanji", "broken signature", v(signature={"attachment": "s", "sha256": ""}), "submit", ["signature"]),
    ("sanchasanji", "problems without summary", v(problems_found=True, problem_categories=["欠薪"]), "submit",
     ["problem_summary"]),
    ("sanchasanji", "problems with summary", v(problems_found=True, problem_summary="拖欠两个月工资"), "submit", []),
    ("sanchasanji", "need types as text", v(worker_need_types="工资待遇"), "submit", ["worker_need_types"]),
    ("sanchasanji", "blank with ideographic spaces", v(enterprise_concerns=" \u3000 \t"), "submit",
     ["enterprise_concerns"]),
    ("sanchasanji", "a BOM is not blank in Python", v(enterprise_concerns="\ufeff"), "submit", []),
    ("sanchasanji", "a file separator is blank in Python", v(worker_needs="\x1c"), "submit", ["worker_needs"]),
    ("sanchasanji", "unknown keys dropped", v(foo=1, bar="x"), "submit", []),
    ("sanchasanji", "everything wrong at once",
     v(visit_date="2027-01-01", visitors="张明", met_phone="110", headcount=10, present_count=11,
       contracts_signed=False, site_condition="存在隐患", worker_needs=""), "submit",
     ["visit_date", "visitors", "met_phone", "present_count", "contracts_missing", "hazard_detail", "worker_needs"]),
    ("xinjiuye_survey", "valid", s(), "submit", []),
    ("xinjiuye_survey", "other occupation unnamed", s(occupation="其他"), "submit", ["occupation_other"]),
    ("xinjiuye_survey", "other occupation too long", s(occupation="其他", occupation_other="长" * 51), "submit",
     ["occupation_other"]),
    ("xinjiuye_survey", "fifty emoji are fifty characters", s(occupation="其他", occupation_other="😀" * 50),
     "submit", []),
    ("xinjiuye_survey", "fifty-one emoji", s(occupation="其他", occupation_other="😀" * 51), "submit",
     ["occupation_other"]),
    ("xinjiuye_survey", "years above max", s(years=50.5), "submit", ["years"]),
    ("xinjiuye_survey", "years below min", s(years=-0.5), "submit", ["years"]),
    ("xinjiuye_survey", "more decimals than the box allows", s(years=2.55), "submit", []),
    ("xinjiuye_survey", "hours above a day", s(daily_hours=24.1), "submit", ["daily_hours"]),
    ("xinjiuye_survey", "four concerns", s(concerns=["社会保险", "加入工会", "劳动安全", "职业伤害保障"]), "submit",
     ["concerns"]),
    ("xinjiuye_survey", "no insurance chosen", s(insurance=[]), "submit", ["insurance"]),
    ("xinjiuye_survey", "phone hidden when no meeting", s(join_meeting=False, contact_phone="123"), "submit", []),
    ("xinjiuye_survey", "bad phone, default message", s(contact_phone="123"), "submit", ["contact_phone"]),
    ("parity", "minimal", syn(), "submit", []),
    ("parity", "nothing", {}, "submit", ["tel", "pics", "sign", "pick"]),
    ("parity", "pattern", syn(code="ab123"), "submit", ["code"]),
    ("parity", "pattern ok", syn(code="AB123"), "submit", []),
    ("parity", "future, default message", syn(day="2026-12-01"), "submit", ["day"]),
    ("parity", "three names wanted", syn(names="甲、乙、甲"), "submit", ["names"]),
    ("parity", "three names given", syn(names="甲 乙;丙"), "submit", []),
    ("parity", "fraction below min", syn(total=0.25), "submit", ["total"]),
    ("parity", "fraction above max", syn(total=1234568), "submit", ["total"]),
    ("parity", "part above total", syn(total=2.5, part=3), "submit", ["part"]),
    ("parity", "part below its min", syn(part=-4), "submit", ["part"]),
    ("parity", "part and no total", syn(part=3), "submit", []),
    ("parity", "condition on a list", syn(tags=["甲", "乙"]), "submit", ["why_b"]),
    ("parity", "chain shown", syn(tags=["丙"], flag=True), "submit", ["more"]),
    ("parity", "chain too long", syn(tags=["丙"], flag=True, more="一二三四五六"), "submit", ["more"]),
    ("parity", "chain cut above", syn(tags=["甲"], flag=True, more="一二三四五六"), "submit", []),
    ("parity", "yes is not 1", syn(tags=["丙"], flag=1), "submit", ["flag"]),
    ("parity", "three pictures", syn(pics=[{"sha256": SHA_A}] * 3), "submit", ["pics"]),
    ("parity", "choice of a number", syn(pick=1), "submit", ["pick"]),
]


def _definition(form_id: str) -> FormDefinition:
    if form_id == "parity":
        definition = FormDefinition.model_validate(SYNTHETIC)
        definition.check_references()
        return definition
    return formkit.load(form_id)


def _python(form_id: str, answers: dict[str, Any], mode: str) -> dict[str, Any]:
    definition = _definition(form_id)
    problems = formkit.validate(definition, answers, Mode(mode), today=dt.date.fromisoformat(TODAY))
    return {
        "errors": [[fid, found[0].message] for fid, found in problems.items()],
        "kept": formkit.kept_answers(definition, answers),
        "shown": sorted(formkit.visible_fields(definition, answers)),
    }


RUN_JS = """([definition, cases, today]) => {
  const {form, rules} = window.harness;
  const host = document.getElementById("app");
  return cases.map(([answers, mode]) => {
    host.replaceChildren();
    const rendered = form.renderForm(host, definition, {values: answers, context: {today, isNew: false}});
    const errors = rendered.errors(mode).map((p) => [p.field, p.message]);
    const shown = [...host.querySelectorAll(".uf-field")].filter((row) => !row.hidden).map((row) => row.dataset.field);
    const shownErrors = [...host.querySelectorAll(".uf-error")].filter((e) => !e.hidden).map((e) => e.textContent);
    const pure = rules.validate(definition, answers, {mode, today}).map((p) => [p.field, p.message]);
    return {errors, pure, shownErrors, kept: rendered.values(), shown: shown.sort(),
            pureKept: rules.keptAnswers(definition, answers)};
  });
}"""


@pytest.mark.parametrize("form_id", ["sanchasanji", "xinjiuye_survey", "parity"])
def test_python_and_javascript_agree(module_phone: PhonePage, form_id: str) -> None:
    cases = [c for c in CASES if c[0] == form_id]
    definition = json.loads(json.dumps(definition_json(_definition(form_id))))
    results = module_phone.js(RUN_JS, [definition, [[answers, mode] for _f, _n, answers, mode, _e in cases], TODAY])
    assert len(results) == len(cases)
    for (_form, name, answers, mode, expected), got in zip(cases, results, strict=True):
        want = _python(form_id, answers, mode)
        assert [fid for fid, _m in want["errors"]] == expected, f"{name}: the table disagrees with the formkit"
        assert got["errors"] == want["errors"], name
        assert got["pure"] == want["errors"], name
        assert got["shownErrors"] == [m for _f, m in want["errors"]], name
        assert got["kept"] == want["kept"], name
        assert got["pureKept"] == want["kept"], name
        # JSON-level equality too: 2 and 2.0 compare equal in Python but a stored int must stay an int
        assert json.dumps(got["kept"], sort_keys=True) == json.dumps(want["kept"], sort_keys=True), name
        assert got["shown"] == want["shown"], name
    assert not module_phone.errors, module_phone.errors


def test_the_table_reaches_every_rule_and_type() -> None:
    """Guards the table itself: every rule kind and every field type of the shipped forms and the
    synthetic one is broken in at least one case."""
    defaults = {"phone": "电话号码", "pattern": "格式不正确", "not_greater_than": "不应大于",
                "not_future": "不能晚于今天", "distinct_names": "位不同人员"}
    broken: set[tuple[str, str]] = set()
    for form_id, _name, answers, mode, expected in CASES:
        definition = _definition(form_id)
        problems = formkit.validate(definition, answers, Mode(mode), today=dt.date.fromisoformat(TODAY))
        for fid in expected:
            f = definition.field(fid)
            broken.add(("type", f.type.value))
            message = problems[fid][0].message
            for rule in f.rules:
                if message == rule.message or (not rule.message and defaults[rule.kind] in message):
                    broken.add(("rule", rule.kind))
    kinds = {("rule", k) for k in ("phone", "pattern", "not_greater_than", "not_future", "distinct_names")}
    types = {("type", t.value) for t in formkit.FieldType}
    assert kinds | types <= broken, sorted((kinds | types) - broken)


# --- beyond the table: many generated answer sets, the same seed every run ---------------------------

POOL: dict[str, list[Any]] = {
    "text": ["", "  ", "\u3000", "张明、李华", "张明", "张明和张明", " 王芳 ", "abc", "13812345678", "021-1234567",
             "+86 139 0000 1111", "12345", "😀" * 51, "长" * 50, "AB123", "ab12", 5, None, True, ["x"]],
    "number": [0, -1, 1, 3, 1.5, 2.55, 24.1, 50.5, 120, 1000001, -0.5, "12", True, False, None, [1]],
    "date": [TODAY, "2026-12-01", "2026-11-01", "2026-02-30", "20261120", "2026-W47-1", "2026-W53-1", "2026-1-5",
             "", None, 5, "2000-02-29", "1900-02-29"],
    "yesno": [True, False, True, False, None, "否", 1, 0],
    "signature": [{"attachment": "s", "sha256": SHA_B, "name": "signature.png"}, {}, {"sha256": ""}, None, "x",
                  [{"sha256": SHA_B}]],
}


def _random_value(rng: Any, field: Any) -> Any:
    t = field.type.value
    if t == "choice":
        return rng.choice([*field.options, *field.options, "不存在", None, True, 5, ""])
    if t == "multichoice":
        pick = rng.sample(field.options, rng.randint(0, min(4, len(field.options))))
        return rng.choice([pick, pick, pick, [], [*pick, "不存在"], field.options[0], None])
    if t == "photo":
        item = {"attachment": "p", "sha256": SHA_A, "name": "p.jpg"}
        return rng.choice([[], [item], [item] * rng.randint(2, 12), [{"attachment": "x"}], None, item])
    if t == "longtext":
        return rng.choice(POOL["text"])
    return rng.choice(POOL[t])


BASES = {"sanchasanji": VISIT, "xinjiuye_survey": SURVEY, "parity": SYN_OK}


def _random_answers(rng: Any, definition: FormDefinition) -> dict[str, Any]:
    if rng.random() < 0.5:  # a valid visit with one to three answers changed
        answers = dict(BASES[definition.id])
        for f in rng.sample(list(definition.iter_fields()), rng.randint(1, 3)):
            answers[f.id] = _random_value(rng, f)
        return answers
    answers = {}
    for f in definition.iter_fields():
        roll = rng.random()
        if roll < 0.2:
            continue  # left out
        answers[f.id] = _random_value(rng, f)
    return answers


@pytest.mark.parametrize("form_id", ["sanchasanji", "xinjiuye_survey", "parity"])
def test_generated_answers_agree(module_phone: PhonePage, form_id: str) -> None:
    import random

    rng = random.Random(f"phone-form-parity-{form_id}")
    definition = _definition(form_id)
    sets = [_random_answers(rng, definition) for _ in range(400)]
    modes = [rng.choice(["submit", "submit", "draft"]) for _ in sets]
    served = json.loads(json.dumps(definition_json(definition)))
    results = module_phone.js(
        """([definition, sets, modes, today]) => sets.map((answers, i) => ({
             errors: window.harness.rules.validate(definition, answers, {mode: modes[i], today}).map((p) => [p.field, p.message]),
             kept: window.harness.rules.keptAnswers(definition, answers)}))""",
        [served, sets, modes, TODAY],
    )
    clean = 0
    for answers, mode, got in zip(sets, modes, results, strict=True):
        want = _python(form_id, answers, mode)
        context = json.dumps(answers, ensure_ascii=False)
        assert got["errors"] == want["errors"], context
        assert json.dumps(got["kept"], sort_keys=True) == json.dumps(want["kept"], sort_keys=True), context
        clean += not want["errors"]
    assert 0 < clean < len(sets)  # both outcomes occur, so the comparison means something

"""Form definitions load and are checked; answers are validated against them as a submitted visit
and as a draft; hidden answers are dropped; every old version keeps loading."""

from __future__ import annotations

import copy
import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from app import formkit
from app.formkit import FieldType, FormDefinitionError, Mode, loader

TODAY = dt.date(2026, 5, 4)


@pytest.fixture
def definition() -> formkit.FormDefinition:
    return formkit.load("sanchasanji", 1)


def complete_answers() -> dict[str, Any]:
    return {
        "visit_date": "2026-05-03",
        "visitors": "王芳、李强",
        "met_person": "人事经理",
        "met_phone": "13812345678",
        "operating_status": "正常经营",
        "headcount": 40,
        "present_count": 38,
        "contracts_signed": True,
        "has_union": False,
        "union_willingness": "愿意但需指导",
        "site_condition": "良好",
        "enterprise_concerns": "无",
        "worker_needs": "通勤班车",
        "problems_found": False,
    }


def raw_definition() -> dict[str, Any]:
    return json.loads(loader.definition_path("sanchasanji", 1).read_text(encoding="utf-8"))


def write(folder: Path, name: str, data: dict[str, Any] | str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(data if isinstance(data, str) else json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def field_of(data: dict[str, Any], field_id: str) -> dict[str, Any]:
    for section in data["sections"]:
        for f in section["fields"]:
            if f["id"] == field_id:
                return f
    raise KeyError(field_id)


# --- definitions -----------------------------------------------------------------------------------


def test_shipped_definition_loads_with_every_field_type_it_uses(definition: formkit.FormDefinition) -> None:
    assert definition.id == "sanchasanji"
    assert definition.version == 1
    assert [s.id for s in definition.sections][:2] == ["basic", "check_operation"]
    types = {f.type for f in definition.iter_fields()}
    assert types == set(FieldType)
    assert definition.field("headcount").required
    assert definition.field("contracts_missing").visible_if is not None
    assert definition.date_field == "visit_date"
    assert formkit.available()["sanchasanji"][0] == 1


def test_every_shipped_definition_is_valid() -> None:
    for form_id, versions in formkit.available().items():
        for version in versions:
            assert formkit.load(form_id, version).version == version


def test_old_version_still_loads_after_a_new_one_is_added(tmp_path: Path) -> None:
    v1 = raw_definition()
    v2 = copy.deepcopy(v1)
    v2["version"] = 2
    v2["sections"][0]["fields"].append({"id": "weather", "label": "天气", "type": "text"})
    write(tmp_path, "sanchasanji.v1.json", v1)
    write(tmp_path, "sanchasanji.v2.json", v2)
    assert formkit.latest_version("sanchasanji", tmp_path) == 2
    assert formkit.load("sanchasanji", forms_dir=tmp_path).has_field("weather")
    old = formkit.load("sanchasanji", 1, forms_dir=tmp_path)
    assert old.version == 1
    assert not old.has_field("weather")


def test_missing_version_is_a_clear_lookup_error(tmp_path: Path) -> None:
    write(tmp_path, "sanchasanji.v1.json", raw_definition())
    with pytest.raises(formkit.FormNotFoundError, match="第 7 版"):
        formkit.load("sanchasanji", 7, forms_dir=tmp_path)


def broken(tmp_path: Path, mutate: Any) -> str:
    data = raw_definition()
    mutate(data)
    path = write(tmp_path, "sanchasanji.v1.json", data)
    with pytest.raises(FormDefinitionError) as info:
        formkit.load_file(path)
    message = str(info.value)
    assert "sanchasanji.v1.json" in message
    assert "\n" not in message and "Traceback" not in message
    return message


def test_broken_definition_names_file_and_field_for_a_bad_type(tmp_path: Path) -> None:
    message = broken(tmp_path, lambda d: field_of(d, "headcount").update(type="numbr"))
    assert "“headcount”" in message
    assert "numbr" in message


def test_broken_definition_choice_without_options(tmp_path: Path) -> None:
    message = broken(tmp_path, lambda d: field_of(d, "site_condition").pop("options"))
    assert "“site_condition”" in message and "options" in message


def test_broken_definition_visible_if_unknown_field(tmp_path: Path) -> None:
    message = broken(tmp_path, lambda d: field_of(d, "moved_to")["visible_if"].update(field="nope"))
    assert "“moved_to”" in message and "nope" in message


def test_broken_definition_visible_if_value_not_an_option(tmp_path: Path) -> None:
    message = broken(tmp_path, lambda d: field_of(d, "moved_to")["visible_if"].update({"in": ["倒闭"]}))
    assert "“moved_to”" in message and "倒闭" in message


def test_broken_definition_unknown_attribute_is_a_typo(tmp_path: Path) -> None:
    message = broken(tmp_path, lambda d: field_of(d, "visitors").update(requried=True))
    assert "“visitors”" in message and "requried" in message


def test_broken_definition_min_greater_than_max(tmp_path: Path) -> None:
    message = broken(tmp_path, lambda d: field_of(d, "headcount").update(min=10, max=5))
    assert "“headcount”" in message


def test_broken_definition_rule_points_at_missing_field(tmp_path: Path) -> None:
    message = broken(tmp_path, lambda d: field_of(d, "present_count")["rules"][0].update(field="staff"))
    assert "“present_count”" in message and "staff" in message


def test_broken_definition_duplicate_field_id(tmp_path: Path) -> None:
    def dup(d: dict[str, Any]) -> None:
        d["sections"][-1]["fields"].append({"id": "headcount", "label": "又一个", "type": "text"})

    assert "“headcount”" in broken(tmp_path, dup)


def test_broken_definition_bad_json_names_line(tmp_path: Path) -> None:
    path = write(tmp_path, "sanchasanji.v1.json", '{"id": "sanchasanji",\n "version": 1,,}')
    with pytest.raises(FormDefinitionError, match=r"sanchasanji\.v1\.json.*第 2 行"):
        formkit.load_file(path)


def test_file_name_must_match_content(tmp_path: Path) -> None:
    path = write(tmp_path, "sanchasanji.v2.json", raw_definition())
    with pytest.raises(FormDefinitionError, match="文件名与内容不符"):
        formkit.load_file(path)


# --- answers -------------------------------------------------------------------------------------


def test_complete_answers_have_no_problems(definition: formkit.FormDefinition) -> None:
    assert formkit.validate(definition, complete_answers(), today=TODAY) == {}


def test_required_fields_block_submit_but_not_a_draft(definition: formkit.FormDefinition) -> None:
    answers = complete_answers()
    del answers["met_person"]
    answers["visitors"] = "   "
    problems = formkit.validate(definition, answers, Mode.SUBMIT, today=TODAY)
    assert list(problems) == ["visitors", "met_person"]
    assert problems["met_person"][0].message == "请填写“接待人及职务”"
    assert problems["met_person"][0].field == "met_person"
    assert formkit.validate(definition, answers, Mode.DRAFT, today=TODAY) == {}
    assert formkit.validate(definition, {}, Mode.DRAFT, today=TODAY) == {}


def test_draft_still_reports_malformed_values(definition: formkit.FormDefinition) -> None:
    problems = formkit.validate(definition, {"headcount": -3, "met_phone": "12"}, Mode.DRAFT, today=TODAY)
    assert set(problems) == {"headcount", "met_phone"}


def test_visible_if_makes_a_hidden_field_required_only_when_shown(definition: formkit.FormDefinition) -> None:
    answers = complete_answers()
    assert "difficulty_detail" not in formkit.visible_fields(definition, answers)
    answers["operating_status"] = "经营困难"
    assert "difficulty_detail" in formkit.visible_fields(definition, answers)
    assert list(formkit.validate(definition, answers, today=TODAY)) == ["difficulty_detail"]
    answers["difficulty_detail"] = "订单减少"
    assert formkit.validate(definition, answers, today=TODAY) == {}


def test_visible_if_equals_false_for_yes_no(definition: formkit.FormDefinition) -> None:
    answers = complete_answers()
    answers["contracts_signed"] = False
    assert list(formkit.validate(definition, answers, today=TODAY)) == ["contracts_missing"]
    answers["contracts_missing"] = 0
    assert formkit.validate(definition, answers, today=TODAY)["contracts_missing"][0].message == (
        "“未签合同人数”不能小于 1"
    )
    answers["contracts_signed"] = None  # unanswered yes/no is not "no"
    assert "contracts_missing" not in formkit.visible_fields(definition, answers)


def test_min_max_and_integers(definition: formkit.FormDefinition) -> None:
    answers = complete_answers()
    answers["headcount"] = 2_000_000
    assert formkit.validate(definition, answers, today=TODAY)["headcount"][0].message == (
        "“在册职工人数”不能大于 1000000"
    )
    answers["headcount"] = 12.5
    assert "整数" in formkit.validate(definition, answers, today=TODAY)["headcount"][0].message
    answers["headcount"] = "40"
    assert "数字" in formkit.validate(definition, answers, today=TODAY)["headcount"][0].message
    answers["headcount"] = True
    assert "数字" in formkit.validate(definition, answers, today=TODAY)["headcount"][0].message


def test_phone_rule_uses_the_core_phone_check(definition: formkit.FormDefinition) -> None:
    answers = complete_answers()
    for good in ("13812345678", "+86 138-1234-5678", "0571-87654321"):
        answers["met_phone"] = good
        assert formkit.validate(definition, answers, today=TODAY) == {}
    answers["met_phone"] = "1381234"
    message = formkit.validate(definition, answers, today=TODAY)["met_phone"][0].message
    assert "接待人电话" in message and "1381234" in message


def test_not_greater_than_other_field(definition: formkit.FormDefinition) -> None:
    answers = complete_answers()
    answers["present_count"] = 41
    problems = formkit.validate(definition, answers, today=TODAY)
    assert problems["present_count"][0].message == "当日在岗人数不应多于在册职工人数"
    answers["present_count"] = 40
    assert formkit.validate(definition, answers, today=TODAY) == {}
    del answers["headcount"]
    answers["present_count"] = 41  # nothing to compare with: only the missing headcount is reported
    assert list(formkit.validate(definition, answers, today=TODAY)) == ["headcount"]


def test_pattern_rule_and_not_future(tmp_path: Path) -> None:
    data = raw_definition()
    field_of(data, "visitors")["rules"] = [{"kind": "pattern", "pattern": r".+、.+", "message": "至少填写两人"}]
    definition = formkit.load_file(write(tmp_path, "sanchasanji.v1.json", data))
    answers = complete_answers()
    answers["visitors"] = "王芳"
    assert formkit.validate(definition, answers, today=TODAY)["visitors"][0].message == "至少填写两人"
    answers["visitors"] = "王芳、李强"
    answers["visit_date"] = "2026-05-05"
    assert formkit.validate(definition, answers, today=TODAY)["visit_date"][0].message == "走访日期不能晚于今天"
    answers["visit_date"] = "2026-02-30"
    assert "有效日期" in formkit.validate(definition, answers, today=TODAY)["visit_date"][0].message


def test_choice_values_must_be_options(definition: formkit.FormDefinition) -> None:
    answers = complete_answers()
    answers["operating_status"] = "很好"
    answers["worker_need_types"] = ["工资待遇", "彩票"]
    problems = formkit.validate(definition, answers, today=TODAY)
    assert set(problems) == {"operating_status", "worker_need_types"}
    assert "彩票" in problems["worker_need_types"][0].message


def test_photo_count_and_shape(definition: formkit.FormDefinition) -> None:
    answers = complete_answers()
    photo = {"attachment": "a", "sha256": "ab" * 32}
    answers["site_photos"] = [photo] * 10
    assert "最多 9 张" in formkit.validate(definition, answers, today=TODAY)["site_photos"][0].message
    answers["site_photos"] = [photo]
    answers["signature"] = {"sha256": ""}
    assert list(formkit.validate(definition, answers, today=TODAY)) == ["signature"]


def test_hidden_fields_are_dropped_on_submit(definition: formkit.FormDefinition) -> None:
    answers = complete_answers()
    answers["operating_status"] = "经营困难"
    answers["difficulty_detail"] = "订单减少"
    answers["operating_status"] = "正常经营"  # changed back: the detail is now hidden
    answers["union_members"] = 12  # has_union is False, so this is hidden too
    answers["not_in_form"] = "x"
    answers["main_business"] = "  "
    answers["visitors"] = " 王芳、李强 "
    kept, problems = formkit.submit(definition, answers)
    assert problems == {}
    assert "difficulty_detail" not in kept
    assert "union_members" not in kept
    assert "not_in_form" not in kept
    assert "main_business" not in kept
    assert kept["visitors"] == "王芳、李强"
    assert kept["headcount"] == 40


def test_chained_visibility_hides_grandchildren(definition: formkit.FormDefinition) -> None:
    answers = {"site_condition": "存在隐患"}
    assert {"hazards", "hazard_detail"} <= formkit.visible_fields(definition, answers)
    answers["site_condition"] = "良好"
    shown = formkit.visible_fields(definition, answers)
    assert "hazards" not in shown and "hazard_detail" not in shown


def test_banner_sentence_counts_and_names_first(definition: formkit.FormDefinition) -> None:
    problems = formkit.validate(definition, {}, today=TODAY)
    sentence = formkit.first_sentence(definition, problems)
    assert sentence.startswith(f"还有 {len(problems)} 处需要处理")
    assert "走访日期" in sentence
    assert formkit.first_sentence(definition, {}) == ""


def test_summary_line_for_the_timeline(definition: formkit.FormDefinition) -> None:
    answers = complete_answers()
    assert formkit.summary_line(definition, answers) == "正常经营；在册40人；在岗38人；职工诉求：通勤班车"
    answers["problems_found"] = True
    answers["problem_summary"] = "拖欠三月份工资，涉及职工二十余人，企业称资金周转困难"
    line = formkit.summary_line(definition, answers)
    assert "发现问题：拖欠三月份工资" in line and "…" in line
    assert len(line) <= 80
    answers["problems_found"] = False  # hidden again: not in the summary
    assert "发现问题" not in formkit.summary_line(definition, answers)
    assert formkit.summary_line(definition, {}) == ""


def test_summary_without_templates_uses_required_answers(tmp_path: Path) -> None:
    data = raw_definition()
    data.pop("summary")
    definition = formkit.load_file(write(tmp_path, "sanchasanji.v1.json", data))
    line = formkit.summary_line(definition, complete_answers())
    assert line == "走访人员：王芳、李强；接待人及职务：人事经理；经营状态：正常经营"


def test_date_answer(definition: formkit.FormDefinition) -> None:
    assert formkit.date_answer(definition, {"visit_date": "2026-05-03"}) == dt.date(2026, 5, 3)
    assert formkit.date_answer(definition, {"visit_date": "bad"}) is None
    assert formkit.date_answer(definition, {}) is None


def test_demo_visits_are_complete_answers_of_their_form(demo_db: Any) -> None:
    from sqlmodel import select

    from app.store.tables import Visit

    with demo_db.read() as session:
        rows = session.exec(select(Visit)).all()
    assert rows
    for visit in rows:
        definition = formkit.load(visit.form_id, visit.form_version)
        answers = json.loads(visit.answers)
        assert formkit.validate(definition, answers) == {}, visit.id
        assert visit.summary == formkit.summary_line(definition, answers)


def test_health_check_reports_forms_and_missing_versions(demo_db: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from app import resources
    from app.formkit.health import check_forms

    rows = check_forms(demo_db.paths)
    assert [level for _n, level, _m in rows] == ["ok"]
    assert "sanchasanji v1" in rows[0][2]

    empty = tmp_path / "forms"
    write(empty, "other.v1.json", {**raw_definition(), "id": "other"})
    monkeypatch.setattr(resources, "forms_dir", lambda: empty)
    rows = check_forms(demo_db.paths)
    assert ("走访表单版本", "fail") in [(n, level) for n, level, _m in rows]
    assert any("“sanchasanji”第 1 版缺失" in m for _n, _l, m in rows)

"""The visit form as a grid worker uses it on a 360 px phone: prefilled date and name, the first error
focused, conditional fields appearing and going, a photo from the camera input and a signature drawn
with the finger; what the form hands back is what the formkit would store. Screenshots go to a temp
folder (UNION_INSPECTOR_SCREENSHOTS to keep them)."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from app import formkit
from app.formkit import Mode
from app.phone.forms_api import definition_json
from tests.phone.conftest import PhonePage

pytestmark = pytest.mark.slow

TODAY = "2026-11-30"

MOUNT = """([definition, today]) => {
  window.stored = []; window.urls = {}; window.changes = [];
  const storeImage = async (field, kind, {blob, sha256, mime, name}) => {
    await fetch("/posted/" + sha256, {method: "POST", body: blob});
    window.stored.push({field: field.id, mime, kind, name, sha256, size: blob.size});
    window.urls[sha256] = URL.createObjectURL(blob);
    return {attachment: "att-" + window.stored.length, sha256, name};
  };
  const imageUrl = async (sha256) => window.urls[sha256] || null;
  const app = document.getElementById("app");
  app.replaceChildren();
  window.form = window.harness.form.renderForm(app, definition, {
    context: {today, user: "张明", enterprise: {headcount: 12}, storeImage, imageUrl},
    onChange: (answers, fieldId) => window.changes.push(fieldId),
  });
}"""


@pytest.fixture(scope="module")
def shots() -> Iterator[Path]:
    keep = os.environ.get("UNION_INSPECTOR_SCREENSHOTS")
    folder = Path(keep) if keep else Path(tempfile.mkdtemp(prefix="phone-form-shots-"))
    folder.mkdir(parents=True, exist_ok=True)
    yield folder
    if not keep:
        shutil.rmtree(folder, ignore_errors=True)


def _definition() -> dict[str, Any]:
    return json.loads(json.dumps(definition_json(formkit.load("sanchasanji"))))


def _python_problems(answers: dict[str, Any]) -> list[list[str]]:
    problems = formkit.validate(formkit.load("sanchasanji"), answers, Mode.SUBMIT, today=dt.date.fromisoformat(TODAY))
    return [[fid, found[0].message] for fid, found in problems.items()]


def _row(phone: PhonePage, field: str) -> Any:
    return phone.page.locator(f"[data-field={field}]")


def _pick(phone: PhonePage, field: str, text: str) -> None:
    _row(phone, field).locator("label.uf-option", has_text=text).click()


def _errors(phone: PhonePage) -> list[list[str]]:
    return [[p["field"], p["message"]] for p in phone.js("() => window.form.errors()")]


def test_a_visit_filled_by_touch(phone: PhonePage, shots: Path, tmp_path: Path) -> None:
    from PIL import Image

    page = phone.page
    phone.js(MOUNT, [_definition(), TODAY])
    # prefilled as on the laptop: today's date and the signed-in worker
    assert _row(phone, "visit_date").locator("input").input_value() == TODAY
    assert _row(phone, "visitors").locator("input").input_value() == "张明"
    assert "档案记录：12" in _row(phone, "headcount").inner_text()
    assert "至少两人，用顿号分隔" in _row(phone, "visitors").inner_text()
    # hidden until their condition holds
    for hidden in ("difficulty_detail", "moved_to", "contracts_missing", "union_members", "hazards", "problem_summary"):
        assert not _row(phone, hidden).is_visible(), hidden
    page.screenshot(path=str(shots / "form-new-360.png"))

    # submit at once: the formkit's problems, beside their fields, the first one focused
    errors = _errors(phone)
    answers = phone.js("() => window.form.answers()")
    assert answers == {"visit_date": TODAY, "visitors": "张明"}
    assert errors == _python_problems(answers)
    assert errors[0] == ["visitors", "走访人员须填写至少两位不同人员的姓名，用顿号分隔。"]
    assert phone.js("() => window.form.focusFirstError()") is True
    assert phone.js("() => document.activeElement.closest('[data-field]').dataset.field") == "visitors"
    assert _row(phone, "visitors").locator(".uf-error").inner_text() == errors[0][1]
    first = errors[0][1].rstrip("。")
    assert page.locator(".uf-banner").inner_text() == f"还有 {len(errors)} 处需要处理，第一处：{first}。"
    page.screenshot(path=str(shots / "form-errors-360.png"))

    # fill it in by touch; errors stay live and go as fields are fixed
    _row(phone, "visitors").locator("input").fill("张明、李华")
    assert not _row(phone, "visitors").locator(".uf-error").is_visible()
    _row(phone, "met_person").locator("input").fill("  王经理  ")
    _row(phone, "met_phone").locator("input").fill("138 1234 5678")
    _pick(phone, "operating_status", "经营困难")
    assert _row(phone, "difficulty_detail").is_visible()
    _row(phone, "difficulty_detail").locator("textarea").fill("订单减少，部分停工")
    _row(phone, "headcount").locator("input").fill("１２０")  # a full-width digits keyboard
    _row(phone, "present_count").locator("input").fill("130")
    assert _row(phone, "present_count").locator(".uf-error").inner_text() == "当日在岗人数不应多于在册职工人数"
    _row(phone, "present_count").locator("input").fill("100")
    _pick(phone, "contracts_signed", "否")
    _row(phone, "contracts_missing").locator("input").fill("3")
    _pick(phone, "has_union", "是")
    _row(phone, "union_members").locator("input").fill("80")
    _pick(phone, "site_condition", "存在隐患")
    _pick(phone, "hazards", "粉尘噪声超标")
    _pick(phone, "hazards", "高温作业无防护")  # stored in option order, as the laptop does
    _row(phone, "hazard_detail").locator("textarea").fill("车间粉尘大")
    photo = tmp_path / "site.jpg"
    Image.new("RGB", (3200, 2400), (30, 140, 60)).save(photo, "JPEG", quality=90)
    _row(phone, "site_photos").locator("input[type=file]").set_input_files(str(photo))
    page.wait_for_selector("[data-field=site_photos] img.uf-thumb[src]")
    assert "1 张 / 9" in _row(phone, "site_photos").inner_text()
    _row(phone, "enterprise_concerns").locator("textarea").fill("无")
    _row(phone, "worker_needs").locator("textarea").fill("希望增加技能培训")
    _pick(phone, "services_given", "政策宣讲")
    _pick(phone, "problems_found", "否")
    pad = _row(phone, "signature").locator("canvas")
    pad.scroll_into_view_if_needed()
    box = pad.bounding_box()
    page.mouse.move(box["x"] + 30, box["y"] + 40)
    page.mouse.down()
    for i in range(1, 25):
        page.mouse.move(box["x"] + 30 + i * 10, box["y"] + 40 + (i % 5) * 10, steps=2)
    page.mouse.up()
    assert "签名未确认" in _row(phone, "signature").inner_text()
    _row(phone, "signature").locator("button", has_text="确认签名").click()
    page.wait_for_selector("[data-field=signature] img.uf-pad-image[src]")
    assert "已签名" in _row(phone, "signature").inner_text()
    page.screenshot(path=str(shots / "form-filled-360.png"), full_page=True)

    assert _errors(phone) == []
    answers = phone.js("() => window.form.answers()")
    values = phone.js("() => window.form.values()")
    assert _python_problems(answers) == []
    assert values == formkit.kept_answers(formkit.load("sanchasanji"), answers)
    assert values["met_person"] == "王经理" and answers["met_person"] == "  王经理  "
    assert values["headcount"] == 120 and isinstance(values["headcount"], int)
    assert values["hazards"] == ["高温作业无防护", "粉尘噪声超标"]
    assert values["contracts_signed"] is False and values["contracts_missing"] == 3
    assert values["visit_date"] == TODAY
    stored = phone.js("() => window.stored")
    assert [(s["field"], s["kind"], s["mime"]) for s in stored] == [
        ("site_photos", "photo", "image/jpeg"), ("signature", "signature", "image/png")]
    assert values["site_photos"] == [{"attachment": "att-1", "sha256": stored[0]["sha256"], "name": "site.jpg"}]
    assert values["signature"] == {"attachment": "att-2", "sha256": stored[1]["sha256"], "name": "signature.png"}
    for item in stored:
        assert hashlib.sha256(phone.posted[item["sha256"]]).hexdigest() == item["sha256"]

    # a condition withdrawn: the field goes, its answer stays in the draft but is not submitted
    _pick(phone, "operating_status", "正常经营")
    assert not _row(phone, "difficulty_detail").is_visible()
    assert "difficulty_detail" not in phone.js("() => window.form.values()")
    assert phone.js("() => window.form.answers()")["difficulty_detail"] == "订单减少，部分停工"
    changes = phone.js("() => window.changes")
    assert {"visitors", "headcount", "hazards", "site_photos", "signature", "operating_status"} <= set(changes)
    assert not phone.errors, phone.errors


def test_touch_targets_and_width_fit_a_small_phone(phone: PhonePage, shots: Path) -> None:
    phone.js(MOUNT, [_definition(), TODAY])
    phone.js("() => window.form.setValues({operating_status: '经营困难', has_union: false, site_condition: '一般'})")
    small = phone.js("""() => [...document.querySelectorAll(
        '.uf-field:not([hidden]) input:not([type=file]):not([type=radio]):not([type=checkbox]), '
        + '.uf-field:not([hidden]) textarea, .uf-field:not([hidden]) .uf-option, .uf-field:not([hidden]) .uf-button')]
      .filter((e) => e.offsetParent !== null)
      .map((e) => [e.closest('[data-field]').dataset.field, e.getBoundingClientRect().height])
      .filter(([, h]) => h < 44)""")
    assert small == []
    assert phone.js("() => document.documentElement.scrollWidth") <= 360
    phone.page.screenshot(path=str(shots / "form-conditions-360.png"), full_page=True)


def test_set_values_read_only_and_an_old_option(phone: PhonePage) -> None:
    phone.js(MOUNT, [_definition(), TODAY])
    old = {"visit_date": "2026-11-02", "visitors": "张明、李华", "operating_status": "已歇业", "headcount": 8}
    phone.js("(v) => window.form.setValues(v)", old)
    # an answer a newer version no longer offers is shown, not lost
    assert _row(phone, "operating_status").locator("label.uf-option-old").inner_text() == "已歇业"
    assert _row(phone, "operating_status").locator("input:checked").count() == 1
    assert phone.js("() => window.form.values()")["operating_status"] == "已歇业"
    assert ["operating_status", "“经营状态”的选项“已歇业”不在可选范围内"] in _errors(phone)
    phone.js("() => window.form.setValues({headcount: null})")
    assert "headcount" not in phone.js("() => window.form.answers()")
    assert _row(phone, "headcount").locator("input").input_value() == ""
    phone.js("() => window.form.setReadOnly(true)")
    assert _row(phone, "visitors").locator("input").evaluate("e => e.readOnly") is True
    assert _row(phone, "has_union").locator("input").first.is_disabled()
    phone.js("() => window.form.destroy()")
    assert phone.page.locator(".uf-form").count() == 0
    assert not phone.errors, phone.errors


def test_a_file_that_is_not_a_picture_is_named_under_the_photos(phone: PhonePage, tmp_path: Path) -> None:
    phone.js(MOUNT, [_definition(), TODAY])
    bogus = tmp_path / "合同.pdf"
    bogus.write_bytes(b"%PDF-1.4 not a picture")
    _row(phone, "site_photos").locator("input[type=file]").set_input_files(str(bogus))
    note = _row(phone, "site_photos").locator(".uf-note")
    note.wait_for(state="visible")
    assert note.inner_text() == "所选文件不是可识别的图片，请重新拍照或选择照片。"
    assert "site_photos" not in phone.js("() => window.form.answers()")
    assert phone.js("() => window.stored") == []


def test_images_also_go_through_context_attachments(phone: PhonePage, tmp_path: Path) -> None:
    """The phone app may hand its storage over as {store, url}; both spellings reach the same place."""
    from PIL import Image

    phone.js("""(definition) => {
      window.seen = [];
      const attachments = {
        store: async (field, image) => { window.seen.push([field.id, image.kind, image.mime]);
                                         return {attachment: "a1", sha256: image.sha256, name: image.name}; },
        url: async () => null,
      };
      const app = document.getElementById("app");
      app.replaceChildren();
      window.form = window.harness.form.renderForm(app, definition, {context: {today: "2026-11-30", attachments}});
    }""", _definition())
    photo = tmp_path / "a.png"
    Image.new("RGB", (50, 40), (200, 10, 10)).save(photo)
    _row(phone, "site_photos").locator("input[type=file]").set_input_files(str(photo))
    phone.page.wait_for_function("() => window.seen.length === 1")
    assert phone.js("() => window.seen") == [["site_photos", "photo", "image/jpeg"]]
    assert phone.js("() => window.form.values()")["site_photos"][0]["name"] == "a.jpg"


def test_the_form_s_own_words_go_through_the_app_s_translator(phone: PhonePage) -> None:
    phone.js("""(definition) => {
      const english = {"拍照或选择照片": "Take or choose a photo", "{n} 张": "{n} photos", "是": "Yes", "否": "No",
                       "档案记录：{value}": "On file: {value}"};
      const t = (text, values = {}) => (english[text] || text).replace(/\\{(\\w+)\\}/g, (m, k) => (k in values ? String(values[k]) : m));
      const app = document.getElementById("app");
      app.replaceChildren();
      window.form = window.harness.form.renderForm(app, definition, {context: {t, enterprise: {headcount: 7},
        storeImage: async () => ({})}});
    }""", _definition())
    assert _row(phone, "site_photos").locator("label.uf-button").inner_text() == "Take or choose a photo"
    assert "0 photos / 9" in _row(phone, "site_photos").inner_text()
    assert _row(phone, "has_union").locator("label.uf-option").all_inner_texts() == ["Yes", "No"]
    assert "On file: 7" in _row(phone, "headcount").inner_text()
    assert "签名" in _row(phone, "signature").inner_text()  # words without an entry stay Chinese


def test_every_word_of_the_phone_form_has_its_english() -> None:
    """The form's own Chinese words (t("...") in form.js, the sentences photo.js and signature.js throw)
    all have an entry in the English catalog the phone app merges into its own."""
    import re

    root = Path(__file__).resolve().parents[2] / "app" / "phone"
    catalog = json.loads((root / "catalog_form_en.json").read_text(encoding="utf-8"))
    js = root / "static" / "js"
    words = set(re.findall(r'\bt\("([^"]+)"', (js / "form.js").read_text(encoding="utf-8")))
    for name in ("photo.js", "signature.js"):
        text = (js / name).read_text(encoding="utf-8")
        words |= set(re.findall(r'Error\("([^"]+)"\)', text)) | set(re.findall(r'NOT_AN_IMAGE = "([^"]+)"', text))
    assert len(words) > 20
    assert sorted(words - set(catalog)) == []
    assert all(catalog[w] and catalog[w] != w for w in words)

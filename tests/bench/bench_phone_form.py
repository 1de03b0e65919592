"""What the phone's visit form costs in Chromium with the CPU slowed 4× (a cheap phone): building the
三查三记 form from its definition (form.js) against a baseline a skilled engineer would write with the
same tools (the same fields as one HTML string set through innerHTML, no rules), and one validation
pass (what runs on every keystroke once errors are shown) against a bare loop over the same fields."""

from __future__ import annotations

import json
import statistics
from pathlib import Path

import pytest

from app import formkit
from app.phone.forms_api import definition_json
from tests.phone.conftest import CHROMIUM, VENDOR_DIR, open_phone_page

MEASURE = """async ([definition, runs]) => {
  const {form, rules} = window.harness;
  const app = document.getElementById("app");
  const answers = {visit_date: "2026-11-20", visitors: "张明、李华", headcount: 120, present_count: 100,
                   operating_status: "经营困难", contracts_signed: false, has_union: true, site_condition: "一般",
                   hazards: ["其他"], problems_found: true};
  const fields = rules.iterFields(definition);
  const times = {render: [], baseline: [], validate: [], bareLoop: []};
  for (let i = 0; i < runs; i += 1) {
    app.replaceChildren();
    let t = performance.now();
    form.renderForm(app, definition, {values: answers, context: {today: "2026-11-30", isNew: false}});
    void app.offsetHeight;
    times.render.push(performance.now() - t);

    app.replaceChildren();
    t = performance.now();
    const html = fields.map((f) => `<div class="uf-field"><label class="uf-label">${f.label}</label>` + (
      f.options && f.options.length
        ? f.options.map((o) => `<label class="uf-option"><input type="checkbox"><span>${o}</span></label>`).join("")
        : `<input class="uf-input">`) + `</div>`).join("");
    app.innerHTML = `<form class="uf-form">${html}</form>`;
    void app.offsetHeight;
    times.baseline.push(performance.now() - t);

    t = performance.now();
    for (let k = 0; k < 100; k += 1) rules.validate(definition, answers, {today: "2026-11-30"});
    times.validate.push((performance.now() - t) / 100);

    t = performance.now();
    for (let k = 0; k < 100; k += 1) {
      const out = [];
      for (const f of fields) if (f.required && (answers[f.id] === undefined || answers[f.id] === "")) out.push(f.id);
    }
    times.bareLoop.push((performance.now() - t) / 100);
  }
  return times;
}"""


@pytest.mark.skipif(not Path(CHROMIUM).exists() or not (VENDOR_DIR / "signature_pad.umd.min.js").exists(),
                    reason="needs Chromium and the front-end packages")
def test_phone_form_speed() -> None:
    from playwright.sync_api import sync_playwright

    from tests.phone.conftest import ARGS

    definition = json.loads(json.dumps(definition_json(formkit.load("sanchasanji"))))
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        try:
            ctx, phone = open_phone_page(browser)
            cdp = ctx.new_cdp_session(phone.page)
            cdp.send("Emulation.setCPUThrottlingRate", {"rate": 4})
            phone.js(MEASURE, [definition, 3])  # warm-up
            times = phone.js(MEASURE, [definition, 25])
            ctx.close()
        finally:
            browser.close()
    med = {k: statistics.median(v) for k, v in times.items()}
    print("\nphone form at 4x CPU slowdown, median of 25 (ms):")
    print(f"  render 三查三记 from its definition: {med['render']:.1f}  (baseline innerHTML {med['baseline']:.1f},"
          f" ratio {med['render'] / med['baseline']:.1f}x; budget for opening the form 300)")
    print(f"  one validation pass: {med['validate']:.3f}  (bare required-only loop {med['bareLoop']:.4f})")
    assert med["render"] < 300

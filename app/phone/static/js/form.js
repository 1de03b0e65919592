// The visit form on the phone, drawn from the same definition file as the laptop's (forms/<id>.v<n>.json,
// served at /m/forms/...). Visibility, checks, messages and the answers it hands back follow the formkit
// exactly (see formrules.js); only the widgets differ: big touch targets, native date and camera inputs.
//
//   const form = renderForm(container, definition, {values, context, onChange});
//   form.values()          -> what a submitted visit stores in visit.answers (hidden and empty answers
//                             dropped, text trimmed, numbers as numbers, dates "YYYY-MM-DD",
//                             multichoice as arrays in option order, photo [{attachment, sha256, name}],
//                             signature {attachment, sha256, name})
//   form.answers()         -> the draft as typed (hidden answers kept, as the laptop's draft keeps them)
//   form.errors(mode)      -> [{field, message}] in form order ("submit" default, or "draft"); also shows
//                             them next to the fields and in the banner, and keeps them live from then on
//   form.setValues(obj)    -> sets these answers (null/undefined clears one); others stay
//   form.focusFirstError() -> scrolls to and focuses the first field in error; false when none
//   await form.flush()     -> stores a signature drawn but not yet confirmed (call before submitting)
//   form.setReadOnly(bool)
//   form.destroy()         -> removes the form and lets go of the signature pad's observers
// The form is appended to container. onChange is not called for setValues, only for the user's edits.
//
// context: {today: "YYYY-MM-DD", user: "张明" | {name}, isNew: bool (prefill; default: no values given),
//           enterprise: {headcount: 12, ...} (hint "档案记录：12" under fields with enterprise_field),
//           readOnly: bool,
//           storeImage(field, kind, {blob, sha256, mime, width?, height?, name}) -> Promise<{attachment, sha256, name}>
//                      (kind "photo" or "signature": keep the bytes, write the attachment row, return the answer item),
//           imageUrl(sha256) -> Promise<string|null> (a thumbnail's src; null when the bytes are not on the phone),
//           or the same as attachments: {store(field, {blob, sha256, mime, kind, name, ...}), url(sha256)}}
//   Without either, photo and signature fields say they cannot be added on this device.
//           t(text, {name: value}) -> the form's own words in the phone's language (Chinese source with
//           {placeholders}, as the app's i18n t()); labels, help and the formkit's messages come from
//           the definition and stay as written there, as on the laptop.
// onChange(answers, fieldId) is called after every edit by the user, with the draft answers.

import {
  clone,
  firstSentence,
  isEmpty,
  iterFields,
  keptAnswers,
  localToday,
  validate,
  visibleFields,
} from "./formrules.js";

export { keptAnswers, validate, visibleFields } from "./formrules.js";

let formCount = 0;

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "class") node.className = value;
    else if (key === "text") node.textContent = value;
    else if (value === true) node.setAttribute(key, "");
    else node.setAttribute(key, String(value));
  }
  for (const child of children) if (child) node.append(child);
  return node;
}

/** Number text as the laptop's number box reads it; text it cannot read stays text (and is flagged). */
export function parseNumber(text) {
  const t = String(text).normalize("NFKC").trim();
  if (["", "-", ".", "-."].includes(t)) return null;
  if (/^[+-]?\d+$/.test(t)) return Number.parseInt(t, 10);
  if (/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t)) return Number.parseFloat(t);
  return t;
}

function numberText(value) {
  return value === null || value === undefined ? "" : String(value);
}

/** The Chinese source with its {placeholders} filled: the default when the app gives no translator. */
function fill(text, values = {}) {
  return text.replace(/\{(\w+)\}/g, (m, k) => (k in values ? String(values[k]) : m));
}

/** The phone app's image storage as the photo and signature widgets use it: context.attachments
 * ({store(field, image), url(sha256)}) or context.storeImage(field, kind, image) with imageUrl(sha256). */
function imageHost(context) {
  const given = context.attachments;
  if (given && typeof given.store === "function") {
    return {
      store: (field, image) => given.store(field, image),
      url: (sha256) => (typeof given.url === "function" ? given.url(sha256) : null),
    };
  }
  if (typeof context.storeImage !== "function") return null;
  return {
    store: (field, image) => context.storeImage(field, image.kind, image),
    url: (sha256) => (typeof context.imageUrl === "function" ? context.imageUrl(sha256) : null),
  };
}

export function renderForm(container, definition, { values = {}, context = {}, onChange } = {}) {
  formCount += 1;
  const host = imageHost(context);
  const t = typeof context.t === "function" ? context.t : fill;
  const prefix = `uf${formCount}`;
  const today = context.today || localToday();
  const fields = iterFields(definition);
  const answers = {};
  const widgets = new Map(); // field id -> {row, show(value), focus(), setReadOnly(bool), flush?()}
  let showErrors = false;
  let errorMode = "submit";
  let readOnly = Boolean(context.readOnly);

  for (const [key, value] of Object.entries(values || {})) if (!isEmpty(value)) answers[key] = clone(value);
  const isNew = context.isNew ?? Object.keys(answers).length === 0;
  if (isNew) {
    const user = typeof context.user === "string" ? context.user : context.user?.name;
    for (const f of fields) {
      if (f.prefill === "today") answers[f.id] = today;
      else if (f.prefill === "user" && user) answers[f.id] = user;
    }
  }

  // A div, not a form: the app may put it inside its own <form>, and forms do not nest.
  const root = el("div", { class: "uf-form", "data-form": definition.id });
  const banner = el("p", { class: "uf-banner", role: "alert", hidden: true });
  root.append(el("h1", { class: "uf-title", text: definition.title }));
  if (definition.description) root.append(el("p", { class: "uf-intro", text: definition.description }));
  root.append(banner);
  const sections = [];

  function setAnswer(fieldId, value, fromUser) {
    if (isEmpty(value)) delete answers[fieldId];
    else answers[fieldId] = value;
    refresh();
    if (fromUser && onChange) onChange(clone(answers), fieldId);
  }

  for (const section of definition.sections) {
    const box = el("section", { class: "uf-section", "data-section": section.id });
    box.append(el("h2", { text: section.title }));
    if (section.description) box.append(el("p", { class: "uf-section-note", text: section.description }));
    const ids = [];
    for (const f of section.fields) {
      const widget = makeWidget(f, {
        id: `${prefix}-${f.id}`,
        today,
        host,
        t,
        edited: (value) => setAnswer(f.id, value, true),
      });
      const help = [f.help];
      const known = context.enterprise && f.enterprise_field ? context.enterprise[f.enterprise_field] : null;
      if (known !== null && known !== undefined) help.push(t("档案记录：{value}", { value: known }));
      const helpText = help.filter(Boolean).join("　");
      if (helpText) widget.row.append(el("p", { class: "uf-help", id: `${prefix}-${f.id}-help`, text: helpText }));
      const error = el("p", { class: "uf-error", id: `${prefix}-${f.id}-error`, role: "alert", hidden: true });
      widget.row.append(error);
      widget.error = error;
      widget.row.dataset.field = f.id;
      widget.row.dataset.type = f.type;
      widgets.set(f.id, widget);
      ids.push(f.id);
      box.append(widget.row);
    }
    sections.push({ box, ids });
    root.append(box);
  }
  container.append(root);

  function showProblems(problems) {
    const byField = new Map(problems.map((p) => [p.field, p.message]));
    for (const [id, widget] of widgets) {
      const message = byField.get(id) || "";
      widget.error.textContent = message;
      widget.error.hidden = !message;
      widget.row.classList.toggle("uf-invalid", Boolean(message));
      for (const input of widget.row.querySelectorAll("input, textarea")) {
        if (message) input.setAttribute("aria-invalid", "true");
        else input.removeAttribute("aria-invalid");
      }
    }
    const text = firstSentence(problems);
    banner.textContent = text;
    banner.hidden = !text;
  }

  function refresh() {
    const shown = visibleFields(definition, answers);
    for (const [id, widget] of widgets) widget.row.hidden = !shown.has(id);
    for (const { box, ids } of sections) box.hidden = !ids.some((id) => shown.has(id));
    if (showErrors) showProblems(validate(definition, answers, { mode: errorMode, today }));
  }

  for (const [id, widget] of widgets) widget.show(answers[id]);
  for (const widget of widgets.values()) widget.setReadOnly(readOnly);
  refresh();

  return {
    element: root,
    values() {
      return keptAnswers(definition, answers);
    },
    answers() {
      return clone(answers);
    },
    errors(mode = "submit") {
      const problems = validate(definition, answers, { mode, today });
      showErrors = true;
      errorMode = mode;
      showProblems(problems);
      return problems;
    },
    setValues(obj) {
      for (const [key, value] of Object.entries(obj || {})) {
        if (isEmpty(value)) delete answers[key];
        else answers[key] = clone(value);
        const widget = widgets.get(key);
        if (widget) widget.show(answers[key]);
      }
      refresh();
    },
    focusFirstError() {
      const problems = validate(definition, answers, { mode: errorMode, today });
      if (!problems.length) return false;
      const widget = widgets.get(problems[0].field);
      widget.row.scrollIntoView({ block: "center" });
      widget.focus();
      return true;
    },
    async flush() {
      for (const widget of widgets.values()) if (widget.flush) await widget.flush();
    },
    setReadOnly(value) {
      readOnly = Boolean(value);
      for (const widget of widgets.values()) widget.setReadOnly(readOnly);
    },
    destroy() {
      for (const widget of widgets.values()) if (widget.destroy) widget.destroy();
      root.remove();
    },
  };
}

// --- one widget per field type --------------------------------------------------------------------

function labelFor(f, id) {
  return el("label", { class: "uf-label", for: id }, f.label, f.required ? el("span", { class: "uf-req", text: " *" }) : null);
}

function legendFor(f) {
  return el("legend", { class: "uf-label" }, f.label, f.required ? el("span", { class: "uf-req", text: " *" }) : null);
}

function makeWidget(f, opts) {
  switch (f.type) {
    case "text":
    case "longtext":
      return textWidget(f, opts);
    case "number":
      return numberWidget(f, opts);
    case "date":
      return dateWidget(f, opts);
    case "choice":
    case "yesno":
      return choiceWidget(f, opts);
    case "multichoice":
      return multiWidget(f, opts);
    case "photo":
      return photoWidget(f, opts);
    case "signature":
      return signatureWidget(f, opts);
    default:
      return unknownWidget(f, opts);
  }
}

function textWidget(f, { id, edited }) {
  const long = f.type === "longtext";
  const phone = (f.rules || []).some((r) => r.kind === "phone");
  const input = long
    ? el("textarea", { id, rows: 4, placeholder: f.placeholder || null, maxlength: f.max_length })
    : el("input", {
        id,
        type: phone ? "tel" : "text",
        inputmode: phone ? "tel" : null,
        autocomplete: "off",
        placeholder: f.placeholder || null,
        maxlength: f.max_length,
      });
  input.classList.add("uf-input");
  input.setAttribute("aria-describedby", `${id}-help ${id}-error`);
  input.addEventListener("input", () => edited(input.value));
  const row = el("div", { class: "uf-field" }, labelFor(f, id), input);
  return {
    row,
    show: (value) => {
      input.value = value === null || value === undefined ? "" : String(value);
    },
    focus: () => input.focus(),
    setReadOnly: (ro) => {
      input.readOnly = ro;
    },
  };
}

function numberWidget(f, { id, edited }) {
  const decimals = f.decimals ?? 0;
  const input = el("input", {
    id,
    type: "text",
    inputmode: decimals > 0 || (f.min != null && f.min < 0) ? "decimal" : "numeric",
    autocomplete: "off",
    placeholder: f.placeholder || null,
    class: "uf-input uf-number",
  });
  input.setAttribute("aria-describedby", `${id}-help ${id}-error`);
  input.addEventListener("input", () => edited(parseNumber(input.value)));
  const row = el("div", { class: "uf-field" }, labelFor(f, id), input);
  return {
    row,
    show: (value) => {
      input.value = numberText(value);
    },
    focus: () => input.focus(),
    setReadOnly: (ro) => {
      input.readOnly = ro;
    },
  };
}

function dateWidget(f, { id, today, edited }) {
  const notFuture = (f.rules || []).some((r) => r.kind === "not_future");
  const input = el("input", { id, type: "date", class: "uf-input uf-date", max: notFuture ? today : null });
  input.setAttribute("aria-describedby", `${id}-help ${id}-error`);
  // An answer kept in another ISO spelling (20240105) shows empty but stays as it is until the worker
  // picks a date: the answers object, not the input, is the form's state.
  input.addEventListener("input", () => edited(input.value || null));
  const row = el("div", { class: "uf-field" }, labelFor(f, id), input);
  return {
    row,
    show: (value) => {
      input.value = typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : "";
    },
    focus: () => input.focus(),
    setReadOnly: (ro) => {
      input.readOnly = ro;
    },
  };
}

function choiceWidget(f, { id, t, edited }) {
  const yesno = f.type === "yesno";
  const set = el("fieldset", { class: `uf-field uf-choices${yesno ? " uf-yesno" : ""}`, id });
  set.setAttribute("aria-describedby", `${id}-help ${id}-error`);
  set.append(legendFor(f));
  const list = el("div", { class: "uf-options" });
  set.append(list);
  const options = yesno ? [[true, t("是")], [false, t("否")]] : f.options.map((o) => [o, o]);
  const radios = [];
  const clear = el("button", { type: "button", class: "uf-link uf-clear", text: t("清除选择"), hidden: true });
  clear.addEventListener("click", () => {
    for (const { input } of radios) input.checked = false;
    clear.hidden = true;
    edited(null);
  });
  function addOption(value, text, extra) {
    const input = el("input", { type: "radio", name: id, value: radios.length });
    const label = el("label", { class: `uf-option${extra ? " uf-option-old" : ""}` }, input, el("span", { text }));
    input.addEventListener("change", () => {
      if (input.checked) {
        clear.hidden = f.required || readOnly;
        edited(value);
      }
    });
    radios.push({ value, input, label });
    list.append(label);
  }
  let readOnly = false;
  for (const [value, text] of options) addOption(value, text, false);
  set.append(clear);
  return {
    row: set,
    show: (value) => {
      if (value !== null && value !== undefined && !radios.some((r) => r.value === value)) {
        addOption(value, String(value), true); // an answer this version no longer offers is shown, not lost
      }
      for (const r of radios) r.input.checked = value !== null && value !== undefined && r.value === value;
      clear.hidden = f.required || readOnly || !radios.some((r) => r.input.checked);
    },
    focus: () => (radios.find((r) => r.input.checked) || radios[0]).input.focus(),
    setReadOnly: (ro) => {
      readOnly = ro;
      for (const r of radios) r.input.disabled = ro;
      clear.hidden = ro || f.required || !radios.some((r) => r.input.checked);
    },
  };
}

function multiWidget(f, { id, edited }) {
  const set = el("fieldset", { class: "uf-field uf-choices uf-multi", id });
  set.setAttribute("aria-describedby", `${id}-help ${id}-error`);
  set.append(legendFor(f));
  const list = el("div", { class: "uf-options" });
  set.append(list);
  const boxes = f.options.map((option) => {
    const input = el("input", { type: "checkbox", value: option });
    list.append(el("label", { class: "uf-option" }, input, el("span", { text: option })));
    input.addEventListener("change", () => edited(boxes.filter((b) => b.checked).map((b) => b.value)));
    return input;
  });
  return {
    row: set,
    show: (value) => {
      const chosen = Array.isArray(value) ? value : [];
      for (const box of boxes) box.checked = chosen.includes(box.value);
    },
    focus: () => boxes[0].focus(),
    setReadOnly: (ro) => {
      for (const box of boxes) box.disabled = ro;
    },
  };
}

function photoWidget(f, { id, host, t, edited }) {
  const set = el("fieldset", { class: "uf-field uf-photos", id, tabindex: -1 });
  set.setAttribute("aria-describedby", `${id}-help ${id}-error`);
  set.append(legendFor(f));
  const thumbs = el("div", { class: "uf-thumbs" });
  const input = el("input", { type: "file", accept: "image/*", capture: "environment", class: "uf-file", id: `${id}-file` });
  const add = el("label", { class: "uf-button", for: `${id}-file`, text: t("拍照或选择照片") });
  const count = el("span", { class: "uf-count" });
  const note = el("p", { class: "uf-note", role: "status", hidden: true });
  set.append(thumbs, el("div", { class: "uf-actions" }, input, add, count), note);
  let items = [];
  let readOnly = false;

  function draw() {
    thumbs.replaceChildren();
    items.forEach((item, index) => {
      const img = el("img", { alt: item.name || f.label, class: "uf-thumb" });
      if (host && host.url) {
        Promise.resolve(host.url(item.sha256)).then((url) => {
          if (url) img.src = url;
        });
      }
      const remove = el("button", { type: "button", class: "uf-remove", "aria-label": t("移除第 {n} 张照片", { n: index + 1 }), text: "×" });
      remove.hidden = readOnly;
      remove.addEventListener("click", () => {
        items.splice(index, 1);
        draw();
        edited(items.map((i) => ({ ...i })));
      });
      thumbs.append(el("div", { class: "uf-thumb-box" }, img, remove));
    });
    const limit = f.max_count ? ` / ${f.max_count}` : "";
    count.textContent = t("{n} 张", { n: items.length }) + limit;
    const full = f.max_count != null && items.length >= f.max_count;
    input.disabled = readOnly || full || !host;
    add.classList.toggle("uf-disabled", input.disabled);
    add.hidden = readOnly;
  }

  input.addEventListener("change", async () => {
    const files = [...input.files];
    input.value = "";
    const problems = [];
    const added = [];
    const room = f.max_count ? f.max_count - items.length : files.length;
    const { takePhoto } = await import("./photo.js");
    for (const file of files) {
      if (added.length >= room) {
        problems.push(t("最多 {n} 张，其余未添加", { n: f.max_count }));
        break;
      }
      try {
        const photo = await takePhoto(file);
        const name = (file.name || "photo").replace(/\.[^.]*$/, "") + ".jpg";
        added.push(await host.store(f, { ...photo, kind: "photo", name }));
      } catch (err) {
        problems.push(err && err.message ? t(err.message) : t("照片未能保存。"));
      }
    }
    note.textContent = problems.join("；");
    note.hidden = !problems.length;
    if (added.length) {
      items = items.concat(added);
      draw();
      edited(items.map((i) => ({ ...i })));
    }
  });

  draw();
  return {
    row: set,
    show: (value) => {
      items = Array.isArray(value) ? value.map((v) => ({ ...v })) : [];
      draw();
    },
    focus: () => (input.disabled ? set : input).focus(),
    setReadOnly: (ro) => {
      readOnly = ro;
      draw();
    },
  };
}

function signatureWidget(f, { id, host, t, edited }) {
  // A confirmed signature is shown as its stored image; signing again starts with 清除, so one visit
  // holds one signature image, never strokes drawn over an older one.
  const set = el("fieldset", { class: "uf-field uf-signature", id });
  set.setAttribute("aria-describedby", `${id}-help ${id}-error`);
  set.append(legendFor(f));
  const canvas = el("canvas", { class: "uf-pad", tabindex: 0, "aria-label": t("{label}：请在此处签名", { label: f.label }) });
  const stored = el("img", { class: "uf-pad-image", alt: f.label, hidden: true });
  const confirm = el("button", { type: "button", class: "uf-button", text: t("确认签名") });
  const clear = el("button", { type: "button", class: "uf-button uf-secondary", text: t("清除") });
  const state = el("span", { class: "uf-count", role: "status" });
  set.append(stored, canvas, el("div", { class: "uf-actions" }, confirm, clear, state));
  let value = null;
  let pad = null;
  let loading = null;
  let readOnly = false;

  function ensurePad() {
    if (pad) return Promise.resolve(pad);
    if (!loading) {
      loading = import("./signature.js").then(({ signaturePad }) => {
        pad = signaturePad(canvas, { onStroke: draw });
        return pad;
      });
    }
    return loading;
  }

  function pending() {
    return Boolean(pad && !pad.isEmpty());
  }

  function draw() {
    if (!host) state.textContent = t("此设备暂不能保存签名");
    else if (pending()) state.textContent = t("签名未确认");
    else state.textContent = value ? t("已签名") : t("未签名");
    canvas.hidden = readOnly || value !== null || !host;
    stored.hidden = value === null || !stored.getAttribute("src");
    confirm.hidden = readOnly || value !== null || !host;
    clear.hidden = readOnly || !host;
    confirm.disabled = !pending();
  }

  function showStored() {
    stored.removeAttribute("src");
    const wanted = value;
    if (wanted && host && host.url) {
      Promise.resolve(host.url(wanted.sha256)).then((url) => {
        if (url && value === wanted) stored.src = url;
        draw();
      });
    }
    draw();
  }

  async function commit() {
    if (readOnly || !host || value !== null) return;
    await ensurePad();
    if (!pending()) return;
    const { blob, sha256 } = await pad.toBlob();
    const item = await host.store(f, { blob, sha256, mime: "image/png", kind: "signature", name: "signature.png" });
    pad.clear();
    value = { ...item };
    showStored();
    edited({ ...value });
  }

  confirm.addEventListener("click", () => {
    commit().catch((err) => {
      state.textContent = err && err.message ? t(err.message) : t("签名未能保存。");
    });
  });
  clear.addEventListener("click", () => {
    const had = value !== null;
    if (pad) pad.clear();
    value = null;
    showStored();
    if (had) edited(null);
  });
  if (host) ensurePad().then(draw);
  draw();
  return {
    row: set,
    show: (v) => {
      value = v && typeof v === "object" && !Array.isArray(v) ? { ...v } : null;
      if (pad) pad.clear();
      showStored();
    },
    focus: () => (canvas.hidden ? clear : canvas).focus(),
    setReadOnly: (ro) => {
      readOnly = ro;
      draw();
    },
    flush: commit,
    destroy: () => {
      if (pad) pad.destroy();
      else if (loading) loading.then((p) => p.destroy());
    },
  };
}

function unknownWidget(f, { t }) {
  const row = el("div", { class: "uf-field" }, el("p", { class: "uf-label", text: f.label }));
  row.append(el("p", { class: "uf-note", text: t("此类字段请在电脑上填写。") }));
  return { row, show: () => {}, focus: () => {}, setReadOnly: () => {} };
}

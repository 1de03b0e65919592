// Placeholder renderer of a form definition (the shared renderer replaces this file): the API the
// phone app codes against, with enough of it to fill the 三查三记 form.
import { takePhoto } from "./photo.js";
import { signaturePad } from "./signature.js";

function esc(text) {
  return String(text ?? "").replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c]));
}

function holds(cond, value) {
  if ("equals" in cond) return value === cond.equals;
  if ("in" in cond) return Array.isArray(cond.in) && cond.in.includes(value);
  return true;
}

function empty(v) {
  return v === null || v === undefined || (typeof v === "string" && !v.trim()) || (Array.isArray(v) && !v.length);
}

export function renderForm(container, definition, { values = {}, context = {}, onChange = () => {} } = {}) {
  const state = { ...values };
  const fields = definition.sections.flatMap((s) => s.fields);
  for (const f of fields) {
    if (state[f.id] === undefined && f.prefill === "today" && context.today) state[f.id] = context.today;
    if (state[f.id] === undefined && f.prefill === "user" && context.user) state[f.id] = context.user;
  }
  container.innerHTML = "";
  const nodes = {};

  function shown() {
    const out = new Set();
    for (const f of fields) {
      const c = f.visible_if;
      if (!c || (out.has(c.field) && holds(c, state[c.field]))) out.add(f.id);
    }
    return out;
  }

  function refresh() {
    const visible = shown();
    for (const f of fields) nodes[f.id].hidden = !visible.has(f.id);
  }

  function changed(id, value) {
    state[id] = value;
    refresh();
    onChange({ ...state }, id);
  }

  function photoList(f, box) {
    const list = box.querySelector(".pf-photos");
    list.innerHTML = "";
    for (const item of state[f.id] || []) {
      const img = document.createElement("img");
      img.alt = "照片";
      list.appendChild(img);
      Promise.resolve(context.imageUrl ? context.imageUrl(item.sha256) : null).then((u) => { if (u) img.src = u; });
    }
  }

  for (const section of definition.sections) {
    const sec = document.createElement("section");
    sec.className = "pf-section";
    sec.innerHTML = `<h3>${esc(section.title)}</h3>`;
    container.appendChild(sec);
    for (const f of section.fields) {
      const box = document.createElement("div");
      box.className = "pf-field";
      box.dataset.field = f.id;
      const label = `<label for="f-${f.id}">${esc(f.label)}${f.required ? " *" : ""}</label>`;
      const v = state[f.id];
      if (f.type === "text" || f.type === "date" || f.type === "number") {
        const type = f.type === "text" ? "text" : f.type;
        box.innerHTML = `${label}<input id="f-${f.id}" name="${f.id}" type="${type}" ${f.type === "number" ? 'inputmode="decimal"' : ""} value="${esc(v ?? "")}">`;
        box.querySelector("input").addEventListener("input", (e) => {
          const raw = e.target.value;
          changed(f.id, f.type === "number" ? (raw === "" ? null : Number(raw)) : raw);
        });
      } else if (f.type === "longtext") {
        box.innerHTML = `${label}<textarea id="f-${f.id}" name="${f.id}">${esc(v ?? "")}</textarea>`;
        box.querySelector("textarea").addEventListener("input", (e) => changed(f.id, e.target.value));
      } else if (f.type === "choice" || f.type === "yesno" || f.type === "multichoice") {
        const opts = f.type === "yesno" ? [[true, "是"], [false, "否"]] : (f.options || []).map((o) => [o, o]);
        const multi = f.type === "multichoice";
        box.innerHTML = `<label>${esc(f.label)}${f.required ? " *" : ""}</label><div class="pf-opts">${opts.map(([val, text], i) =>
          `<label><input type="${multi ? "checkbox" : "radio"}" name="${f.id}" data-i="${i}" ${(multi ? (v || []).includes(val) : v === val) ? "checked" : ""}>${esc(text)}</label>`).join("")}</div>`;
        box.querySelectorAll("input").forEach((input) => input.addEventListener("change", () => {
          if (multi) {
            changed(f.id, [...box.querySelectorAll("input")].filter((i) => i.checked).map((i) => opts[Number(i.dataset.i)][0]));
          } else {
            changed(f.id, opts[Number(input.dataset.i)][0]);
          }
        }));
      } else if (f.type === "photo") {
        box.innerHTML = `${label}<div class="pf-photos"></div><input id="f-${f.id}" name="${f.id}" type="file" accept="image/*" capture="environment">`;
        photoList(f, box);
        box.querySelector("input").addEventListener("change", async (e) => {
          const file = e.target.files[0];
          if (!file) return;
          const photo = await takePhoto(file);
          const item = await context.storeImage(f, "photo", photo);
          changed(f.id, [...(state[f.id] || []), item]);
          photoList(f, box);
          e.target.value = "";
        });
      } else if (f.type === "signature") {
        box.innerHTML = `${label}<p class="muted">${v ? "已签名" : "请接待人在下方签名"}</p><canvas class="sig"></canvas>
          <button type="button" class="sig-ok">确认签名</button> <button type="button" class="sig-clear">重签</button>`;
        const pad = signaturePad(box.querySelector("canvas"));
        box.querySelector(".sig-clear").addEventListener("click", () => { pad.clear(); changed(f.id, null); box.querySelector("p").textContent = "请接待人在下方签名"; });
        box.querySelector(".sig-ok").addEventListener("click", async () => {
          if (pad.isEmpty()) return;
          const sig = await pad.toBlob();
          const item = await context.storeImage(f, "signature", { ...sig, mime: "image/png" });
          changed(f.id, item);
          box.querySelector("p").textContent = "已签名";
        });
      }
      box.insertAdjacentHTML("beforeend", `<div class="pf-error" hidden></div>`);
      sec.appendChild(box);
      nodes[f.id] = box;
    }
  }
  refresh();

  function errors() {
    const visible = shown();
    const out = [];
    for (const f of fields) {
      if (!visible.has(f.id)) continue;
      if (f.required && empty(state[f.id])) out.push({ field: f.id, message: `请填写“${f.label}”` });
    }
    for (const f of fields) {
      const box = nodes[f.id];
      const err = out.find((e) => e.field === f.id);
      box.classList.toggle("invalid", Boolean(err));
      const line = box.querySelector(".pf-error");
      line.hidden = !err;
      line.textContent = err ? err.message : "";
    }
    return out;
  }

  return {
    values() {
      const visible = shown();
      return Object.fromEntries(Object.entries(state).filter(([k, val]) => visible.has(k) && !empty(val)));
    },
    errors,
    setValues(obj) { Object.assign(state, obj); refresh(); },
    focusFirstError() {
      const first = errors()[0];
      if (!first) return;
      const box = nodes[first.field];
      box.scrollIntoView({ block: "center" });
      const input = box.querySelector("input, textarea, select");
      if (input) input.focus();
    },
  };
}

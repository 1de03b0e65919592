// The grid worker's day on the phone: sign-in, today's route with the map, the enterprise's short file,
// the 三查三记 visit (drafts saved as typed), photos, the contact's signature, and sync status.
import { ApiError, Offline, Revoked, call, login, signOutOnServer } from "./api.js";
import { getMeta, getRow, openDb, rowKey, rowsOf, rowsOfDay, rowsOfParent, setMeta, wipe } from "./db.js";
import { loadLanguage, lang, setLanguage, t } from "./i18n.js";
import { routeMap } from "./map.js";
import { counts, fetchWeek, insertEntry, pullAll, pushAll, SyncFailed, updateEntry, writeSchema } from "./sync.js";
import * as track from "./track.js";
import { esc, localTime, mondayOf, newId, pyJson, today, utcNowIso } from "./util.js";

const FORM_ID = "sanchasanji";
const UNION_STATUS = { none: "未建会", preparing: "筹建中", established: "已建会" };
const MATTER_STATUS = { open: "待处理", letter_issued: "已发函", rectifying: "整改中", rectified: "已整改（已核实）", closed: "已办结", escalated: "已移送" };
const CLOSED_MATTERS = new Set(["rectified", "closed"]);
const FIELD_LABELS = { longitude: "位置", latitude: "位置", position_source: "位置", headcount: "在册人数", deleted: "是否删除" };
const REVOKED_SENTENCE = "此手机的登录已被区工会撤销，手机上的走访数据已全部清除；如有疑问请联系区工会管理员。";

const view = () => document.getElementById("view");
let syncing = null;
let leave = null; // the open screen's "save before leaving" hook

// --- small things --------------------------------------------------------------------------------

function toast(text) {
  const box = document.getElementById("toast");
  box.textContent = text;
  box.hidden = false;
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => { box.hidden = true; }, 3500);
}

function title(text) {
  document.getElementById("title").textContent = text;
  document.title = text;
}

function tabs(active) {
  const nav = document.getElementById("tabs");
  nav.hidden = !active;
  nav.querySelectorAll("a").forEach((a) => a.classList.toggle("on", a.dataset.tab === active));
}

function go(hash) {
  if (location.hash === hash) route();
  else location.hash = hash;
}

async function account() {
  const auth = await getMeta("auth");
  return auth ? auth.account : null;
}

async function myInspector() {
  const me = await account();
  if (!me) return null;
  return (await rowsOf("inspector")).find((r) => r.data.account === me.username) || null;
}

// --- sync ----------------------------------------------------------------------------------------

export async function badge() {
  const el = document.getElementById("sync-badge");
  if (!(await getMeta("auth"))) { el.hidden = true; return; }
  const c = await counts();
  el.hidden = false;
  el.textContent = c.pending ? t("待同步 {n}", { n: c.pending }) : c.conflicts.length ? t("有冲突") : t("已同步");
}

async function revoked() {
  await wipe();
  try { sessionStorage.setItem("notice", REVOKED_SENTENCE); } catch (_) { /* ignore */ }
  await badge();
  go("#/login");
}

/** Push, then pull, then the week plan; one at a time. Errors become one sentence on the sync screen. */
export function syncNow() {
  if (!syncing) {
    syncing = (async () => {
      try {
        const health = await fetch("/v1/health", { cache: "no-store" }).then((r) => r.json());
        await setMeta("schema_version", health.schema_version || 1);
        await writeSchema();
        await track.flush();
        const pushed = await pushAll();
        await pullAll();
        try { await fetchWeek(mondayOf(today())); } catch (error) { if (error instanceof Revoked) throw error; }
        await refreshFormDefinition(); // kept for a visit opened offline
        await setMeta("last_sync", utcNowIso());
        await setMeta("last_error", pushed.rejected ? "有记录被服务器拒绝，见下方列表" : "");
        return true;
      } catch (error) {
        if (error instanceof Revoked) {
          await revoked();
          return false;
        }
        let sentence = "同步失败，稍后会自动再试。";
        if (error instanceof Offline || error instanceof TypeError) sentence = "没有网络：记录已保存在手机上，联网后会自动同步。";
        else if (error instanceof SyncFailed) sentence = error.message;
        else if (error instanceof ApiError) sentence = "服务器暂时无法处理同步，稍后会自动再试。";
        await setMeta("last_error", sentence);
        return false;
      } finally {
        syncing = null;
      }
    })().then(async (ok) => { await badge(); document.dispatchEvent(new CustomEvent("synced")); return ok; });
  }
  return syncing;
}

// --- sign-in -------------------------------------------------------------------------------------

async function loginScreen() {
  title(t("工会走访助手"));
  tabs(null);
  let notice = "";
  try { notice = sessionStorage.getItem("notice") || ""; } catch (_) { /* ignore */ }
  view().innerHTML = `
    <div class="card">
      <h2>${t("网格员登录")}</h2>
      ${notice ? `<p class="error" id="notice">${esc(t(notice))}</p>` : ""}
      <form id="login">
        <label for="username">${t("用户名")}</label>
        <input id="username" name="username" type="text" autocomplete="username" autocapitalize="off" required>
        <label for="password">${t("密码")}</label>
        <input id="password" name="password" type="password" autocomplete="current-password" required>
        <p class="error" id="login-error" hidden></p>
        <p><button class="primary" type="submit">${t("登录")}</button></p>
      </form>
      <p class="muted">${t("用区工会发给你的账号登录；走访记录先存在手机上，联网后与区工会同步。")}</p>
    </div>
    <p class="lang"><a href="#" id="lang">${lang() === "en" ? "中文" : "English"}</a></p>`;
  document.getElementById("lang").addEventListener("click", async (e) => {
    e.preventDefault();
    setLanguage(lang() === "en" ? "zh" : "en");
    await loadLanguage();
    route();
  });
  document.getElementById("login").addEventListener("submit", async (e) => {
    e.preventDefault();
    const error = document.getElementById("login-error");
    const button = e.target.querySelector("button");
    button.disabled = true;
    error.hidden = true;
    try {
      await login(document.getElementById("username").value.trim(), document.getElementById("password").value);
      try { sessionStorage.removeItem("notice"); } catch (_) { /* ignore */ }
      view().innerHTML = `<p class="loading">${t("正在下载你的网格数据…")}</p>`;
      await syncNow();
      go("#/today");
    } catch (err) {
      let sentence = "登录失败，请稍后再试。";
      if (err instanceof Offline) sentence = "无法连接服务器，请检查网络后再试。";
      else if (err instanceof ApiError && err.status === 401) sentence = "用户名或密码不正确。";
      else if (err instanceof ApiError && err.status === 429) sentence = "登录尝试过于频繁，请稍后再试。";
      error.textContent = t(sentence);
      error.hidden = false;
      button.disabled = false;
    }
  });
}

// --- today's route -------------------------------------------------------------------------------

async function visitsToday(day) {
  const done = new Set((await rowsOfDay("visit", day)).filter((v) => v.data.status === "submitted").map((v) => v.data.enterprise_id));
  return done;
}

/** The day's stops from the week plan; without a plan, the grid's enterprises visited longest ago. */
async function todaysStops(day) {
  const db = await openDb();
  const plan = await db.get("week", mondayOf(day));
  if (plan && Array.isArray(plan.days)) {
    const entry = plan.days.find((d) => (d.day || d.date) === day);
    return { planned: true, stops: entry ? entry.stops || [] : [] };
  }
  const last = {};
  for (const v of await rowsOf("visit")) {
    const e = v.data.enterprise_id;
    if (!last[e] || last[e] < v.data.visit_date) last[e] = v.data.visit_date;
  }
  const enterprises = (await rowsOf("enterprise")).filter((e) => !last[e.id] || last[e.id] < day);
  enterprises.sort((a, b) => (last[a.id] || "").localeCompare(last[b.id] || "") || a.data.name.localeCompare(b.data.name, "zh"));
  return {
    planned: false,
    stops: enterprises.slice(0, 5).map((e) => ({
      enterprise_id: e.id, name: e.data.name, address: e.data.address, longitude: e.data.longitude, latitude: e.data.latitude,
      reason: last[e.id] ? t("上次走访 {d}", { d: last[e.id] }) : t("从未走访"),
    })),
  };
}

async function todayScreen() {
  const day = today();
  title(t("今日路线 {d}", { d: day.slice(5) }));
  tabs("today");
  const [{ planned, stops }, done, consent, active] = await Promise.all([
    todaysStops(day), visitsToday(day), track.consented(), track.activeRoute(),
  ]);
  stops.forEach((s) => { s.done = done.has(s.enterprise_id); });
  const next = stops.findIndex((s) => !s.done);
  view().innerHTML = `
    <div id="map"></div><p class="map-note" id="map-note" hidden></p>
    ${planned ? "" : `<p class="note">${t("本周走访计划尚未下发，先按最久未走访的企业排列。")}</p>`}
    ${stops.length ? "" : `<p class="card muted">${t("今天没有安排走访。")}</p>`}
    <ol class="stops">${stops.map((s, i) => `
      <li class="${i === next ? "next" : ""} ${s.done ? "done" : ""}" data-enterprise="${esc(s.enterprise_id)}">
        <a href="#/e/${encodeURIComponent(s.enterprise_id)}">
          <strong>${i + 1}. ${esc(s.name)}</strong>${i === next ? `<span class="tag next">${t("下一站")}</span>` : ""}${s.done ? `<span class="tag">${t("已走访")}</span>` : ""}
          <div class="muted">${esc(s.address || "")}</div>
          ${s.reason ? `<div class="reason">${esc(s.reason)}</div>` : ""}
        </a></li>`).join("")}
    </ol>
    <div class="card">
      <div class="switch"><label for="consent">${t("记录巡查轨迹（只在开始巡查后记录，可随时关闭）")}</label>
        <input type="checkbox" id="consent" ${consent ? "checked" : ""}></div>
      <button type="button" class="wide" id="patrol" ${consent ? "" : "hidden"}>${active ? t("结束巡查") : t("开始巡查")}</button>
    </div>`;
  track.dayTrack(day).then((points) => routeMap(document.getElementById("map"), document.getElementById("map-note"), stops, next, points));
  document.getElementById("consent").addEventListener("change", async (e) => {
    await track.setConsent(e.target.checked);
    route();
  });
  document.getElementById("patrol").addEventListener("click", async () => {
    if (await track.activeRoute()) {
      await track.stopRoute();
      toast(t("巡查已结束，轨迹将在同步时上传。"));
    } else {
      const me = await account();
      const ok = await track.startRoute((me && me.grids[0]) || null, day);
      toast(ok ? t("巡查已开始，正在记录轨迹。") : t("这部手机无法定位。"));
    }
    route();
  });
}

// --- enterprises ---------------------------------------------------------------------------------

async function listScreen() {
  title(t("网格内企业"));
  tabs("list");
  const all = (await rowsOf("enterprise")).sort((a, b) => a.data.name.localeCompare(b.data.name, "zh"));
  view().innerHTML = `<input class="list-search" id="q" type="text" placeholder="${t("按名称或地址查找")}">
    <p class="muted" id="count"></p><div id="ents"></div>`;
  const draw = () => {
    const q = document.getElementById("q").value.trim();
    const hits = q ? all.filter((e) => e.data.name.includes(q) || (e.data.address || "").includes(q)) : all;
    document.getElementById("count").textContent = t("共 {n} 家", { n: hits.length });
    document.getElementById("ents").innerHTML = hits.slice(0, 100).map((e) =>
      `<a class="ent" href="#/e/${encodeURIComponent(e.id)}"><strong>${esc(e.data.name)}</strong><div class="muted">${esc(e.data.address || "")}</div></a>`).join("");
  };
  document.getElementById("q").addEventListener("input", draw);
  draw();
}

async function draftOf(enterpriseId) {
  const db = await openDb();
  return (await db.getAll("drafts")).find((d) => d.enterprise_id === enterpriseId) || null;
}

async function enterpriseScreen(id) {
  const row = await getRow("enterprise", id);
  tabs("list");
  if (!row) {
    title(t("企业"));
    view().innerHTML = `<p class="card">${t("手机上没有这家企业（可能不在你的网格内）。")}</p>`;
    return;
  }
  const e = row.data;
  title(e.name);
  const visits = (await rowsOfParent("visit", id)).filter((v) => !v.data.deleted)
    .sort((a, b) => b.data.visit_date.localeCompare(a.data.visit_date)).slice(0, 5);
  const matters = (await rowsOfParent("matter", id)).filter((m) => !CLOSED_MATTERS.has(m.data.status));
  const draft = await draftOf(id);
  view().innerHTML = `
    <div class="card"><h2>${esc(e.name)}</h2>
      <dl class="file">
        <dt>${t("信用代码")}</dt><dd>${esc(e.credit_code || "—")}</dd>
        <dt>${t("地址")}</dt><dd>${esc(e.address || "—")}</dd>
        <dt>${t("在册人数")}</dt><dd>${e.headcount ?? "—"}</dd>
        <dt>${t("工会")}</dt><dd>${t(UNION_STATUS[e.union_status] || e.union_status || "—")}${e.member_count ? t("，会员 {n} 人", { n: e.member_count }) : ""}</dd>
        <dt>${t("联系人")}</dt><dd>${esc(e.contact_name || "—")}</dd>
      </dl></div>
    <button type="button" class="primary" id="visit">${draft ? t("继续填写走访草稿") : t("填写走访记录（三查三记）")}</button>
    <div class="card" style="margin-top:10px"><h2>${t("最近走访")}</h2>
      ${visits.length ? visits.map((v) => `<p><strong>${esc(v.data.visit_date)}</strong> ${v.data.status === "draft" ? `<span class="tag">${t("草稿")}</span>` : ""} ${v.version ? "" : `<span class="tag">${t("待同步")}</span>`}<br><span class="muted">${esc(v.data.summary || "")}</span></p>`).join("") : `<p class="muted">${t("还没有走访记录。")}</p>`}
    </div>
    <div class="card"><h2>${t("未办结事项")}</h2>
      ${matters.length ? matters.map((m) => `<p>${esc(m.data.title || m.data.category)} <span class="tag">${t(MATTER_STATUS[m.data.status] || m.data.status)}</span></p>`).join("") : `<p class="muted">${t("没有未办结的监督事项。")}</p>`}
    </div>`;
  document.getElementById("visit").addEventListener("click", async () => {
    let d = await draftOf(id);
    if (!d) {
      d = { id: newId(), enterprise_id: id, values: {}, attachments: {}, created_at: utcNowIso(), updated_at: utcNowIso() };
      await (await openDb()).put("drafts", d);
    }
    go(`#/visit/${d.id}`);
  });
}

// --- the visit -----------------------------------------------------------------------------------

/** The kept copy at once (opening a form never waits for the network); sync keeps it fresh. */
async function formDefinition() {
  return (await getMeta("form:" + FORM_ID, null)) || refreshFormDefinition();
}

async function refreshFormDefinition() {
  try {
    const response = await call(`/m/forms/${FORM_ID}.json`);
    if (response.ok) {
      const definition = await response.json();
      await setMeta("form:" + FORM_ID, definition);
      return definition;
    }
  } catch (error) {
    if (error instanceof Revoked) throw error; // offline or refused: the copy kept
  }
  return getMeta("form:" + FORM_ID, null);
}

function display(field, value) {
  if (value === null || value === undefined || value === "" || (Array.isArray(value) && !value.length)) return "";
  if (field.type === "yesno") return value ? "是" : "否";
  if (field.type === "multichoice" && Array.isArray(value)) return value.join("、");
  if (field.type === "photo" && Array.isArray(value)) return `${value.length} 张照片`;
  if (field.type === "signature") return "已签名";
  return String(value).split(/\s+/).filter(Boolean).join(" ");
}

const shorten = (text, limit) => (text.length <= limit ? text : text.slice(0, limit - 1) + "…");

/** The timeline line of a visit, as the laptop writes it (app/formkit/summary.py). */
export function summaryLine(definition, answers) {
  const fields = definition.sections.flatMap((s) => s.fields);
  const byId = Object.fromEntries(fields.map((f) => [f.id, f]));
  const shown = new Set();
  for (const f of fields) {
    const c = f.visible_if;
    const v = c ? answers[c.field] : undefined;
    if (!c || (shown.has(c.field) && ("equals" in c ? v === c.equals : (c.in || []).includes(v)))) shown.add(f.id);
  }
  const parts = [];
  for (const template of definition.summary || []) {
    const names = [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
    const values = {};
    for (const n of names) if (shown.has(n) && byId[n]) values[n] = shorten(display(byId[n], answers[n]), 24);
    if (names.length && names.every((n) => values[n])) parts.push(template.replace(/\{(\w+)\}/g, (_, n) => values[n] || ""));
  }
  return shorten(parts.join("；"), 80);
}

function currentPosition() {
  return new Promise((resolve) => {
    if (!navigator.geolocation) { resolve(null); return; }
    navigator.geolocation.getCurrentPosition(
      (p) => resolve({ longitude: +p.coords.longitude.toFixed(6), latitude: +p.coords.latitude.toFixed(6), accuracy: Math.round(p.coords.accuracy) }),
      () => resolve(null),
      { enableHighAccuracy: true, timeout: 8000, maximumAge: 60000 },
    );
  });
}

async function visitScreen(draftId) {
  const db = await openDb();
  const draft = await db.get("drafts", draftId);
  tabs(null);
  if (!draft) {
    title(t("走访记录"));
    view().innerHTML = `<p class="card">${t("这份草稿已提交或已放弃。")}</p>`;
    return;
  }
  const enterprise = await getRow("enterprise", draft.enterprise_id);
  const definition = await formDefinition();
  title(enterprise ? enterprise.data.name : t("走访记录"));
  if (!definition) {
    view().innerHTML = `<p class="card error">${t("走访表单还没有下载到手机上，请联网后再打开。")}</p>`;
    return;
  }
  view().innerHTML = `<p class="muted" id="draft-state">${t("草稿随填随存")}</p><form id="visit-form" novalidate></form>
    <div class="actions"><button type="button" id="discard">${t("放弃")}</button><button type="button" class="primary" id="submit">${t("提交")}</button></div>`;
  const me = await account();
  const inspector = await myInspector();
  // Saved as typed: every change is written at once; changes made during a write are coalesced into the next.
  let queue = Promise.resolve();
  let dirty = false;
  const save = async () => {
    const fresh = await db.get("drafts", draftId);
    if (!fresh) return;
    fresh.values = form.answers(); // the draft as typed
    fresh.updated_at = utcNowIso();
    await db.put("drafts", fresh);
    const state = document.getElementById("draft-state");
    if (state) state.textContent = t("草稿已保存 {time}", { time: new Date().toLocaleTimeString("zh-CN", { hour12: false }) });
  };
  const mark = (pending) => { const el = document.getElementById("draft-state"); if (el) el.dataset.pending = pending; };
  const requestSave = () => {
    dirty = true;
    mark("1");
    queue = queue.then(async () => {
      if (!dirty) return;
      dirty = false;
      await save();
      if (!dirty) mark("0");
    });
    return queue;
  };
  const context = {
    t,
    today: today(),
    user: (inspector && inspector.data.name) || (me && me.display_name) || "",
    enterprise: enterprise ? enterprise.data : null,
    attachments: {
      store: (field, image) => storeImage(field, image.kind || field.type, image),
      url: (sha256) => imageUrl(sha256),
    },
  };
  /** Keeps the bytes on the phone and returns the answer value a laptop stores for them. */
  async function storeImage(field, kind, image) {
      const attachmentId = newId();
      const name = (image.name || `${field.id}.${image.mime === "image/png" ? "png" : "jpg"}`).slice(0, 255);
      await db.put("blobs", { sha256: image.sha256, blob: image.blob, mime: image.mime, size: image.blob.size, uploaded: false });
      const fresh = await db.get("drafts", draftId);
      fresh.attachments = { ...(fresh.attachments || {}), [attachmentId]: { field_id: field.id, kind, sha256: image.sha256, filename: name, mime: image.mime, size: image.blob.size } };
      await db.put("drafts", fresh);
      return { attachment: attachmentId, sha256: image.sha256, name };
  }
  async function imageUrl(sha256) {
    const stored = await db.get("blobs", sha256);
    return stored ? URL.createObjectURL(stored.blob) : null;
  }
  const { renderForm } = await import("./form.js");
  const form = renderForm(document.getElementById("visit-form"), definition, {
    values: draft.values,
    context,
    onChange: () => { requestSave(); },
  });
  leave = () => queue;
  if (!draft.position) {
    currentPosition().then(async (position) => {
      if (!position) return;
      const fresh = await db.get("drafts", draftId);
      if (fresh) { fresh.position = position; await db.put("drafts", fresh); }
    });
  }
  document.getElementById("discard").addEventListener("click", async () => {
    if (!confirm(t("确定放弃这份走访草稿吗？已填写的内容和照片将被删除。"))) return;
    leave = null;
    await queue;
    await db.delete("drafts", draftId);
    go(`#/e/${encodeURIComponent(draft.enterprise_id)}`);
  });
  document.getElementById("submit").addEventListener("click", async () => {
    await form.flush(); // a signature drawn but not confirmed is kept
    const errors = form.errors("submit");
    if (errors.length) {
      form.focusFirstError();
      toast(t("还有 {n} 项需要填写或更正：{first}", { n: errors.length, first: errors[0].message }));
      return;
    }
    await requestSave();
    await submitVisit(draftId, definition, form.values());
    leave = null;
    toast(t("走访记录已提交，联网后自动同步。"));
    go("#/today");
    if (navigator.onLine) syncNow();
  });
}

function referenced(definition, answers) {
  const ids = [];
  for (const f of definition.sections.flatMap((s) => s.fields)) {
    const v = answers[f.id];
    if (f.type === "photo" && Array.isArray(v)) ids.push(...v.map((i) => i && i.attachment).filter(Boolean));
    if (f.type === "signature" && v && v.attachment) ids.push(v.attachment);
  }
  return ids;
}

/** The submitted visit becomes the laptop's rows: the visit, its photos and signature (files first), and
 * the enterprise's position when it had none; all in the outbox in one transaction with the draft gone. */
async function submitVisit(draftId, definition, answers) {
  const schema = await writeSchema();
  const db = await openDb();
  const draft = await db.get("drafts", draftId);
  const enterprise = await getRow("enterprise", draft.enterprise_id);
  const inspector = await myInspector();
  const gridId = enterprise ? enterprise.data.grid_id : null;
  const position = draft.position || null;
  const values = {
    enterprise_id: draft.enterprise_id,
    grid_id: gridId,
    inspector_id: inspector ? inspector.id : null,
    visit_date: answers[definition.date_field || "visit_date"] || today(),
    form_id: definition.id,
    form_version: definition.version,
    answers: pyJson(answers),
    status: "submitted",
    summary: summaryLine(definition, answers),
    deleted: false,
  };
  if (position) {
    values.filled_longitude = position.longitude;
    values.filled_latitude = position.latitude;
    values.filled_accuracy_m = position.accuracy;
  }
  const entries = [insertEntry(schema, "visit", draftId, values)];
  for (const id of referenced(definition, answers)) {
    const a = (draft.attachments || {})[id];
    if (!a) continue;
    entries.push(insertEntry(schema, "attachment", id, {
      owner_table: "visit", owner_id: draftId, grid_id: gridId, kind: a.kind, sha256: a.sha256, filename: a.filename,
      mime: a.mime, size: a.size, caption: "", field_id: a.field_id, deleted: false,
    }, [a.sha256]));
  }
  let enterpriseAfter = null;
  if (enterprise && position && (enterprise.data.longitude == null || enterprise.data.latitude == null)) {
    const change = { longitude: position.longitude, latitude: position.latitude, position_source: "visit" };
    const entry = updateEntry(schema, "enterprise", enterprise, change);
    if (entry) {
      entries.push(entry);
      enterpriseAfter = { ...enterprise, data: { ...enterprise.data, ...change } };
    }
  }
  const tx = db.transaction(["outbox", "rows", "drafts"], "readwrite");
  for (const entry of entries) await tx.objectStore("outbox").add(entry);
  await tx.objectStore("rows").put({
    key: rowKey("visit", draftId), entity: "visit", id: draftId, version: 0, parent: draft.enterprise_id,
    data: { ...values, answers: undefined },
  });
  if (enterpriseAfter) await tx.objectStore("rows").put(enterpriseAfter);
  await tx.objectStore("drafts").delete(draftId);
  await tx.done;
  await badge();
}

// --- sync status ---------------------------------------------------------------------------------

async function conflictSentence(c) {
  let name = c.entity_id;
  if (c.entity === "enterprise") {
    const row = await getRow("enterprise", c.entity_id);
    if (row) name = row.data.name;
  }
  const labels = [...new Set(c.fields.map((f) => t(FIELD_LABELS[f] || f)))].join("、");
  return t("「{name}」的{fields}在办公室一侧已被改动，以办公室的为准；你的填写已保留，由办公室处理。", { name, fields: labels });
}

async function syncScreen() {
  title(t("同步"));
  tabs("sync");
  const c = await counts();
  const [lastSync, lastError, me, consent] = await Promise.all([getMeta("last_sync"), getMeta("last_error"), account(), track.consented()]);
  const db = await openDb();
  const drafts = await db.count("drafts");
  const conflicts = await Promise.all(c.conflicts.map(conflictSentence));
  view().innerHTML = `
    <div class="card"><h2>${t("同步状态")}</h2>
      <p id="pending">${t("待上传 {n} 条", { n: c.pending })}</p>
      <p class="muted">${t("草稿 {n} 份（草稿只存在手机上，提交后才上传）", { n: drafts })}</p>
      <p class="muted" id="last-sync">${lastSync ? t("上次同步 {time}", { time: localTime(lastSync) }) : t("还没有同步过")}</p>
      ${lastError ? `<p class="error" id="sync-error">${esc(t(lastError))}</p>` : ""}
      <button type="button" class="primary" id="sync">${t("立即同步")}</button>
    </div>
    ${conflicts.length ? `<div class="card" id="conflicts"><h2>${t("冲突")}</h2>${conflicts.map((s) => `<p>${esc(s)}</p>`).join("")}</div>` : ""}
    ${c.rejected.length ? `<div class="card"><h2>${t("未被接受的记录")}</h2>${c.rejected.map((r) => `<p>${esc(t(r.last_error))}</p>`).join("")}</div>` : ""}
    <div class="card"><h2>${t("账号")}</h2>
      <p>${esc(me ? me.display_name || me.username : "")}</p>
      <p class="muted">${t("轨迹记录：{state}", { state: consent ? t("已同意") : t("未开启") })}</p>
      <button type="button" class="wide" id="lang">${lang() === "en" ? "中文" : "English"}</button>
      <button type="button" class="wide" id="logout">${t("退出登录并清除手机上的数据")}</button>
    </div>`;
  document.getElementById("sync").addEventListener("click", async (e) => {
    e.target.disabled = true;
    await syncNow();
    route();
  });
  document.getElementById("lang").addEventListener("click", async () => {
    setLanguage(lang() === "en" ? "zh" : "en");
    await loadLanguage();
    await badge();
    route();
  });
  document.getElementById("logout").addEventListener("click", async () => {
    const left = (await counts()).pending;
    const question = left ? t("还有 {n} 条记录没有上传，退出后将丢失。确定退出吗？", { n: left }) : t("退出后手机上的走访数据将全部清除。确定退出吗？");
    if (!confirm(question)) return;
    await track.stopRoute().catch(() => {});
    await signOutOnServer();
    await wipe();
    if (navigator.serviceWorker && navigator.serviceWorker.controller) navigator.serviceWorker.controller.postMessage("clear-data");
    await badge();
    go("#/login");
  });
}

// --- routing -------------------------------------------------------------------------------------

async function route() {
  if (leave) {
    const hook = leave;
    leave = null;
    await hook();
  }
  const began = performance.now();
  document.documentElement.lang = lang() === "en" ? "en" : "zh-CN";
  document.querySelectorAll("#tabs a").forEach((a) => {
    a.dataset.zh ||= a.textContent;
    a.textContent = t(a.dataset.zh);
  });
  const signedIn = Boolean(await getMeta("auth"));
  const hash = location.hash || "#/today";
  const parts = hash.slice(2).split("/").map(decodeURIComponent);
  if (!signedIn) {
    await loginScreen();
    return;
  }
  try {
    if (parts[0] === "e" && parts[1]) await enterpriseScreen(parts[1]);
    else if (parts[0] === "visit" && parts[1]) await visitScreen(parts[1]);
    else if (parts[0] === "list") await listScreen();
    else if (parts[0] === "sync") await syncScreen();
    else await todayScreen();
  } catch (error) {
    console.warn(error);
    view().innerHTML = `<p class="card error">${t("页面未能打开，请返回重试。")}</p>`;
  }
  document.body.dataset.screenMs = (performance.now() - began).toFixed(1); // read by the benchmark
  await badge();
}

async function start() {
  await loadLanguage();
  if ("serviceWorker" in navigator) {
    navigator.serviceWorker.register("sw.js", { scope: "./" }).catch(() => { /* no offline start then */ });
    // "offline ready": the page is served by the worker that holds the shell
    const mark = () => { if (navigator.serviceWorker.controller) document.body.dataset.offline = "ready"; };
    navigator.serviceWorker.addEventListener("controllerchange", mark);
    mark();
  }
  window.addEventListener("hashchange", route);
  window.addEventListener("online", () => syncNow());
  window.addEventListener("pagehide", () => { if (leave) leave(); });
  document.getElementById("sync-badge").addEventListener("click", () => go("#/sync"));
  document.addEventListener("synced", () => { if (location.hash === "#/sync") route(); });
  await route();
  document.body.dataset.ready = "1";
  document.body.dataset.readyMs = performance.now().toFixed(1); // since navigation start
  if (await getMeta("auth")) {
    track.resume();
    if (navigator.onLine) syncNow();
    setInterval(() => { if (navigator.onLine) syncNow(); }, 5 * 60 * 1000);
  }
}

start();

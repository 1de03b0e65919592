// Sync with the district server through the laptops' protocol: the outbox pushed oldest first (files
// before the mutations naming them), results applied per mutation id, then the server's changes pulled
// page by page, each page stored with its cursor in one transaction.
import { ApiError, call, callJson, Offline, Revoked } from "./api.js";
import { getMeta, openDb, rowKey, setMeta } from "./db.js";
import { newId, utcNowIso } from "./util.js";

const BATCH = 100;
const PULL_LIMIT = 500;
const RECENT_VISIT_DAYS = 400;
/** The kinds the phone keeps, and the fields of each it needs (null: all). */
const KEPT = {
  enterprise: null,
  visit: ["enterprise_id", "grid_id", "inspector_id", "visit_date", "form_id", "form_version", "status", "summary",
    "filled_longitude", "filled_latitude"],
  attachment: ["owner_table", "owner_id", "grid_id", "kind", "sha256", "filename", "mime", "size", "field_id"],
  matter: ["enterprise_id", "grid_id", "category", "title", "status", "deadline", "opened_on", "closed_on"],
  grid: ["code", "name", "district", "inspector_id"],
  inspector: ["name", "account", "title", "active"],
};

let schemaCache = null;

/** The fields of the kinds the phone writes, as the server's schema holds them (see /m/schema.json). */
export async function writeSchema() {
  if (schemaCache) return schemaCache;
  try {
    const response = await fetch("schema.json");
    if (response.ok) {
      schemaCache = await response.json();
      await setMeta("schema", schemaCache);
      return schemaCache;
    }
  } catch (_) { /* offline: the copy kept */ }
  schemaCache = await getMeta("schema", {});
  return schemaCache;
}

export function hasField(schema, entity, name) {
  return (schema[entity] || []).some((f) => f.name === name);
}

/** An insert carries every data field of the row, defaults for the ones not given (as a laptop's does). */
export function insertEntry(schema, entity, id, values, blobs = []) {
  const patch = {};
  for (const field of schema[entity] || []) {
    patch[field.name] = field.name in values ? values[field.name] : field.default;
  }
  return outboxEntry(entity, id, "insert", 0, patch, {}, blobs);
}

/** An update of the fields that really change, based on the version and values the phone holds. */
export function updateEntry(schema, entity, row, changes) {
  const patch = {};
  const base = {};
  for (const [name, value] of Object.entries(changes)) {
    if (!hasField(schema, entity, name)) continue;
    const before = row.data[name] ?? null;
    if (before === value) continue;
    patch[name] = value;
    base[name] = before;
  }
  if (!Object.keys(patch).length) return null;
  return outboxEntry(entity, row.id, "update", row.version || 0, patch, base, []);
}

function outboxEntry(entity, id, op, baseVersion, patch, baseValues, blobs) {
  return {
    mutation_id: newId(),
    entity, entity_id: id, op, base_version: baseVersion, patch, base_values: baseValues, blobs,
    state: "pending", last_error: "", created_at: utcNowIso(),
  };
}

export class SyncFailed extends Error {}

// --- push ----------------------------------------------------------------------------------------

async function uploadBlobs(db, batch) {
  const wanted = [...new Set(batch.flatMap((e) => e.blobs || []))];
  for (const sha of wanted) {
    const stored = await db.get("blobs", sha);
    if (!stored || stored.uploaded) continue;
    const head = await call(`/v1/blobs/${sha}`, { method: "HEAD" });
    if (head.status !== 200) {
      const put = await call(`/v1/blobs/${sha}`, {
        method: "PUT", headers: { "Content-Type": "application/octet-stream" }, body: stored.blob,
      });
      if (!put.ok) throw new SyncFailed("照片或签名未能上传，稍后会再试");
    }
    stored.uploaded = true;
    await db.put("blobs", stored);
  }
}

function mutationOf(entry) {
  const { mutation_id, entity, entity_id, op, base_version, patch, base_values } = entry;
  return { mutation_id, entity, entity_id, op, base_version, patch, base_values };
}

async function postPush(batch) {
  const auth = await getMeta("auth");
  const schemaVersion = await getMeta("schema_version", 1);
  const response = await call("/v1/sync/push", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ schema_version: schemaVersion, device_id: auth.device_id, mutations: batch.map(mutationOf) }),
  });
  if (response.status === 426) throw new SyncFailed("此应用版本过旧，服务器不再接受它的数据；请刷新页面升级，未同步的记录仍保留在手机上");
  if (response.status === 403) throw new Revoked("forbidden");
  return response;
}

async function applyResults(db, results, counts) {
  const tx = db.transaction(["outbox", "rows", "conflicts"], "readwrite");
  const byId = tx.objectStore("outbox").index("mutation_id");
  for (const result of results) {
    const entry = await byId.get(result.mutation_id);
    if (!entry || entry.state !== "pending") continue;
    if (result.status === "applied" || result.status === "duplicate") {
      await tx.objectStore("outbox").delete(entry.seq);
      const row = await tx.objectStore("rows").get(rowKey(entry.entity, entry.entity_id));
      if (row && result.version) {
        row.version = result.version;
        await tx.objectStore("rows").put(row);
      }
      counts.applied++;
    } else if (result.status === "conflict") {
      await tx.objectStore("conflicts").put({
        mutation_id: entry.mutation_id, entity: entry.entity, entity_id: entry.entity_id,
        fields: result.conflict_fields || Object.keys(result.server_values || {}),
        server_values: result.server_values || {}, mine: entry.patch, at: utcNowIso(),
      });
      await tx.objectStore("outbox").delete(entry.seq);
      counts.conflicts++;
    } else {
      entry.state = "rejected";
      entry.last_error = result.status === "forbidden" ? "这条记录不在你的网格内，服务器不接受" : (result.message || "服务器拒绝了这项修改");
      await tx.objectStore("outbox").put(entry);
      counts.rejected++;
    }
  }
  await tx.done;
}

export async function pushAll() {
  const db = await openDb();
  const counts = { applied: 0, conflicts: 0, rejected: 0 };
  const pending = (await db.getAll("outbox")).filter((e) => e.state === "pending");
  for (let i = 0; i < pending.length; i += BATCH) {
    const batch = pending.slice(i, i + BATCH);
    await uploadBlobs(db, batch);
    const response = await postPush(batch);
    if (response.ok) {
      await applyResults(db, (await response.json()).results, counts);
      continue;
    }
    if (response.status >= 500) throw new SyncFailed("服务器暂时出错，稍后会自动再试");
    // The server refused the batch as a whole: find the entries it objects to; the others go through.
    for (const entry of batch) {
      const single = await postPush([entry]);
      if (single.ok) {
        await applyResults(db, (await single.json()).results, counts);
      } else {
        await applyResults(db, [{ mutation_id: entry.mutation_id, status: "rejected", message: "服务器拒绝了这项修改" }], counts);
      }
    }
  }
  await pruneBlobs(db);
  return counts;
}

/** Photo and signature bytes leave the phone once the server has them and nothing here still needs them
 * (a draft, or an outbox entry not yet accepted). */
async function pruneBlobs(db) {
  const needed = new Set();
  for (const entry of await db.getAll("outbox")) for (const sha of entry.blobs || []) needed.add(sha);
  for (const draft of await db.getAll("drafts")) for (const a of Object.values(draft.attachments || {})) needed.add(a.sha256);
  const tx = db.transaction("blobs", "readwrite");
  let cursor = await tx.store.openCursor();
  while (cursor) {
    if (cursor.value.uploaded && !needed.has(cursor.key)) await cursor.delete();
    cursor = await cursor.continue();
  }
  await tx.done;
}

// --- pull ----------------------------------------------------------------------------------------

function keptData(entity, data) {
  const fields = KEPT[entity];
  if (!fields) return { ...data };
  const out = {};
  for (const name of fields) if (name in data) out[name] = data[name];
  return out;
}

function tooOld(entity, data) {
  if (entity !== "visit" || !data.visit_date) return false;
  const limit = new Date(Date.now() - RECENT_VISIT_DAYS * 86400000).toISOString().slice(0, 10);
  return data.visit_date < limit;
}

export async function pullAll() {
  const db = await openDb();
  const schemaVersion = await getMeta("schema_version", 1);
  let received = 0;
  for (;;) {
    const cursor = await getMeta("cursor", 0);
    const page = await callJson(`/v1/sync/pull?cursor=${cursor}&limit=${PULL_LIMIT}&schema_version=${schemaVersion}`);
    const tx = db.transaction(["rows", "meta", "outbox"], "readwrite");
    if (((await tx.objectStore("meta").get("cursor")) ?? 0) !== cursor) {
      await tx.done;
      continue; // another tab moved on meanwhile
    }
    // Pull keeps local values of fields with pending outbox entries.
    const pending = {};
    for (const entry of await tx.objectStore("outbox").getAll()) {
      if (entry.state !== "pending" || entry.op !== "update") continue;
      const key = rowKey(entry.entity, entry.entity_id);
      pending[key] = { ...(pending[key] || {}), ...entry.patch };
    }
    const rows = tx.objectStore("rows");
    for (const change of page.changes) {
      if (!(change.entity in KEPT)) continue;
      const key = rowKey(change.entity, change.entity_id);
      if (change.removed || change.deleted || tooOld(change.entity, change.data)) {
        await rows.delete(key);
        continue;
      }
      if (change.entity === "attachment" && !["visit", "enterprise"].includes(change.data.owner_table)) continue;
      const data = { ...keptData(change.entity, change.data), ...(pending[key] || {}) };
      await rows.put({
        key, entity: change.entity, id: change.entity_id, version: change.version,
        parent: data.enterprise_id || data.owner_id || "", data,
      });
    }
    await tx.objectStore("meta").put(page.next_cursor, "cursor");
    await tx.done;
    received += page.changes.length;
    if (!page.has_more || page.next_cursor === cursor) break;
  }
  return received;
}

// --- the week plan -------------------------------------------------------------------------------

export async function fetchWeek(start) {
  const response = await call(`/v1/phone/week?start=${start}`);
  if (!response.ok) return null;
  const plan = await response.json();
  const db = await openDb();
  await db.put("week", { ...plan, start, fetched_at: utcNowIso() });
  return plan;
}

export async function counts() {
  const db = await openDb();
  const all = await db.getAll("outbox");
  return {
    pending: all.filter((e) => e.state === "pending").length,
    rejected: all.filter((e) => e.state === "rejected"),
    conflicts: await db.getAll("conflicts"),
  };
}

export { ApiError, Offline, Revoked };

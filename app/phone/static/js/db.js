// The phone's offline store (IndexedDB through idb): the rows pulled for the worker's grids, drafts,
// photo and signature bytes, the outbox of mutations, conflicts, the week plan and the patrol track.
const NAME = "union-inspector-phone";
const VERSION = 1;
let opened = null;

export function rowKey(entity, id) {
  return entity + "/" + id;
}

export function openDb() {
  if (!opened) {
    opened = self.idb.openDB(NAME, VERSION, {
      upgrade(db) {
        db.createObjectStore("meta");
        const rows = db.createObjectStore("rows", { keyPath: "key" });
        rows.createIndex("entity", "entity");
        rows.createIndex("by_parent", ["entity", "parent"]);
        rows.createIndex("by_day", ["entity", "data.visit_date"]); // today's visits without reading them all
        db.createObjectStore("drafts", { keyPath: "id" });
        db.createObjectStore("blobs", { keyPath: "sha256" });
        const outbox = db.createObjectStore("outbox", { keyPath: "seq", autoIncrement: true });
        outbox.createIndex("mutation_id", "mutation_id", { unique: true });
        db.createObjectStore("conflicts", { keyPath: "mutation_id" });
        db.createObjectStore("week", { keyPath: "start" });
        db.createObjectStore("track", { keyPath: "seq", autoIncrement: true });
      },
      blocking() {
        // another tab wants a newer version or to delete the store (sign-out): let it.
        if (opened) opened.then((db) => db.close());
        opened = null;
      },
    });
  }
  return opened;
}

export async function getMeta(key, fallback = null) {
  const db = await openDb();
  const value = await db.get("meta", key);
  return value === undefined ? fallback : value;
}

export async function setMeta(key, value) {
  const db = await openDb();
  await db.put("meta", value, key);
}

export async function rowsOf(entity) {
  const db = await openDb();
  return db.getAllFromIndex("rows", "entity", entity);
}

export async function rowsOfParent(entity, parentId) {
  const db = await openDb();
  return db.getAllFromIndex("rows", "by_parent", [entity, parentId]);
}

export async function rowsOfDay(entity, day) {
  const db = await openDb();
  return db.getAllFromIndex("rows", "by_day", [entity, day]);
}

export async function getRow(entity, id) {
  const db = await openDb();
  return db.get("rows", rowKey(entity, id));
}

/** Everything on the phone goes: rows, drafts, photos, outbox, tokens; and the cached map tiles. */
export async function wipe() {
  if (opened) {
    const db = await opened;
    db.close();
    opened = null;
  }
  await self.idb.deleteDB(NAME, { blocked() {} });
  if (self.caches) {
    await caches.delete("tiles");
  }
  try {
    const lang = localStorage.getItem("lang");
    localStorage.clear();
    if (lang) localStorage.setItem("lang", lang);
  } catch (_) { /* private mode */ }
}

// The patrol track: only with the worker's consent (a switch, off by default) and only while a route
// is active, positions from the Geolocation API are kept on the phone, then written as patrol_track
// rows of at most 600 points, each written once and never edited.
import { getMeta, openDb, rowsOf, setMeta } from "./db.js";
import { hasField, insertEntry, writeSchema } from "./sync.js";
import { newId, utcNowIso } from "./util.js";

const MAX_POINTS = 600;
const MIN_SECONDS = 30; // a point at least this often when standing still
const MIN_METRES = 5; // or whenever the worker moved this far
let watchId = null;
let last = null;
let recorded = 0;

export async function consented() {
  return Boolean(await getMeta("track_consent", false));
}

export async function activeRoute() {
  return getMeta("active_route", null);
}

export async function setConsent(on) {
  await setMeta("track_consent", Boolean(on));
  if (!on) await stopRoute();
}

export async function startRoute(gridId, day) {
  if (!(await consented()) || !navigator.geolocation) return false;
  await setMeta("active_route", { grid_id: gridId, day, started_at: utcNowIso() });
  watch();
  return true;
}

export async function stopRoute() {
  if (watchId !== null) navigator.geolocation.clearWatch(watchId);
  watchId = null;
  await setMeta("active_route", null);
  await flush();
}

/** After a reload: an active route goes on recording (the consent still holds). */
export async function resume() {
  if ((await activeRoute()) && (await consented())) watch();
}

function watch() {
  if (watchId !== null || !navigator.geolocation) return;
  watchId = navigator.geolocation.watchPosition(record, () => {}, { enableHighAccuracy: true, maximumAge: 5000 });
}

function metres(lon1, lat1, lon2, lat2) {
  const rad = Math.PI / 180;
  const x = (lon2 - lon1) * rad * Math.cos(((lat1 + lat2) / 2) * rad);
  const y = (lat2 - lat1) * rad;
  return Math.sqrt(x * x + y * y) * 6371000;
}

async function record(position) {
  const route = await activeRoute();
  if (!route) return;
  const epoch = Math.round(position.timestamp / 1000);
  const { longitude, latitude, accuracy } = position.coords;
  if (last && epoch - last[0] < MIN_SECONDS && metres(last[1], last[2], longitude, latitude) < MIN_METRES) return;
  last = [epoch, longitude, latitude];
  const db = await openDb();
  await db.add("track", {
    day: route.day, grid_id: route.grid_id, point: [epoch, +longitude.toFixed(6), +latitude.toFixed(6), Math.round(accuracy)],
    written: false,
  });
  recorded++;
  if (self.document) document.body.dataset.trackPoints = String(recorded); // recorded since the page opened
}

/** Positions not yet written become patrol_track rows in the outbox (when the server knows the kind). */
export async function flush() {
  const schema = await writeSchema();
  if (!hasField(schema, "patrol_track", "points")) return 0;
  const db = await openDb();
  const auth = await getMeta("auth");
  const me = auth && auth.account ? (await rowsOf("inspector")).find((r) => r.data.account === auth.account.username) : null;
  const waiting = (await db.getAll("track")).filter((p) => !p.written).sort((a, b) => a.point[0] - b.point[0]);
  const groups = {};
  for (const p of waiting) (groups[p.grid_id + "|" + p.day] ||= []).push(p);
  let rows = 0;
  const tx = db.transaction(["track", "outbox"], "readwrite");
  for (const points of Object.values(groups)) {
    for (let i = 0; i < points.length; i += MAX_POINTS) {
      const chunk = points.slice(i, i + MAX_POINTS);
      const iso = (s) => new Date(s * 1000).toISOString().slice(0, 19) + "Z";
      const values = {
        grid_id: chunk[0].grid_id,
        inspector_id: me ? me.id : null,
        route_day: chunk[0].day,
        started_at: iso(chunk[0].point[0]),
        ended_at: iso(chunk[chunk.length - 1].point[0]),
        point_count: chunk.length,
        points: JSON.stringify(chunk.map((p) => p.point)),
        device_name: (auth && auth.device_name) || "",
      };
      await tx.objectStore("outbox").add(insertEntry(schema, "patrol_track", newId(), values));
      for (const p of chunk) {
        p.written = true;
        await tx.objectStore("track").put(p);
      }
      rows++;
    }
  }
  await tx.done;
  return rows;
}

/** The day's positions, [lat, lon] for the map. */
export async function dayTrack(day) {
  const db = await openDb();
  return (await db.getAll("track")).filter((p) => p.day === day).map((p) => [p.point[2], p.point[1]]);
}

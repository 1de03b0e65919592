// The route map: the day's stops (the next one highlighted) and the patrol track, on the district
// server's own tiles (they need the bearer token, so each tile is fetched here; the service worker
// keeps the ones seen for offline use).
import { call } from "./api.js";
import { t } from "./i18n.js";

let leaflet = null;

/** Leaflet is loaded when a map is first drawn, so the app's first screen never waits for it. */
function loadLeaflet() {
  if (self.L) return Promise.resolve(self.L);
  if (!leaflet) {
    leaflet = new Promise((resolve) => {
      const script = document.createElement("script");
      script.src = "vendor/leaflet.js";
      script.onload = () => resolve(self.L);
      script.onerror = () => { leaflet = null; resolve(null); };
      document.head.append(script);
    });
  }
  return leaflet;
}

export async function routeMap(element, note, stops, nextIndex, track) {
  const L = await loadLeaflet();
  if (!element || !element.isConnected) return null; // the worker moved on meanwhile
  if (!L) {
    note.textContent = t("地图组件未能加载");
    return null;
  }
  const map = L.map(element, { attributionControl: false, zoomControl: true });
  let failed = false;
  const Tiles = L.GridLayer.extend({
    createTile(coords, done) {
      const img = document.createElement("img");
      img.alt = "";
      call(`/v1/tiles/${coords.z}/${coords.x}/${coords.y}`)
        .then((response) => {
          if (!response.ok) throw new Error(String(response.status));
          return response.blob();
        })
        .then((blob) => {
          img.onload = () => { URL.revokeObjectURL(img.src); done(null, img); };
          img.src = URL.createObjectURL(blob);
        })
        .catch((error) => {
          if (!failed) {
            failed = true;
            note.textContent = t("地图底图暂不可用（未联网或服务器未提供），只显示企业位置和轨迹。");
            note.hidden = false;
          }
          done(error, img);
        });
      return img;
    },
  });
  new Tiles({ maxZoom: 18, minZoom: 8 }).addTo(map);
  const points = [];
  stops.forEach((stop, i) => {
    if (stop.latitude == null || stop.longitude == null) return;
    const at = [stop.latitude, stop.longitude];
    points.push(at);
    L.circleMarker(at, {
      radius: i === nextIndex ? 11 : 7,
      color: i === nextIndex ? "#b71c1c" : stop.done ? "#2e7d32" : "#555",
      weight: 3,
      fillOpacity: 0.8,
    }).addTo(map).bindTooltip(`${i + 1}. ${stop.name}`, { permanent: i === nextIndex });
  });
  if (track.length > 1) {
    L.polyline(track, { color: "#1565c0", weight: 4, opacity: 0.8 }).addTo(map);
    points.push(...track);
  }
  if (points.length) {
    map.fitBounds(L.latLngBounds(points).pad(0.2), { maxZoom: 16 });
  } else {
    map.setView([30.6, 104.06], 12);
    note.textContent = t("今天的企业都还没有位置信息。");
    note.hidden = false;
  }
  return map;
}

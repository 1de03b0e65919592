// Draws the chosen patrol track over the base map (tiles from the server under the web session).
(function () {
  "use strict";
  function draw() {
    var box = document.getElementById("track-map");
    if (!box || typeof L === "undefined") { return; }
    var track = JSON.parse(box.getAttribute("data-track") || "{}");
    var line = track.line || [];
    var map = L.map(box, { zoomControl: true, attributionControl: false });
    var zooms = track.zooms || [10, 18];
    // Past the base map's deepest zoom Leaflet enlarges its tiles instead of asking for tiles that do not exist.
    L.tileLayer(track.tiles, { minZoom: Math.max(0, zooms[0] - 2), maxZoom: 19, minNativeZoom: zooms[0],
                               maxNativeZoom: zooms[1] }).addTo(map);
    if (!line.length) { map.setView([30.274, 120.155], 13); return; }
    var path = L.polyline(line, { color: "#c0392b", weight: 4, opacity: 0.85 }).addTo(map);
    L.circleMarker(line[0], { radius: 7, color: "#1e8449", fillColor: "#2ecc71", fillOpacity: 1 })
      .bindTooltip(box.getAttribute("data-start") || "起点").addTo(map);
    L.circleMarker(line[line.length - 1], { radius: 7, color: "#922b21", fillColor: "#e74c3c", fillOpacity: 1 })
      .bindTooltip(box.getAttribute("data-end") || "终点").addTo(map);
    map.fitBounds(path.getBounds(), { padding: [24, 24], maxZoom: 17 });
    box.setAttribute("data-drawn", String(line.length));
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", draw); } else { draw(); }
})();

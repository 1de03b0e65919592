// The heat map page: the server sends counts per cell (never the enterprises); a small canvas layer
// draws them as a heat surface over the base map (or over nothing, said so on the page, when the
// server has no tile source yet).
(function () {
  "use strict";
  var box = document.getElementById("heatmap");
  if (!box) { return; }
  var data = JSON.parse(box.getAttribute("data-heat") || "{}");
  if (!window.L || !data.bounds || !data.cells || !data.cells.length) {
    box.classList.add("empty");
    box.textContent = box.getAttribute("data-empty") || "";
    return;
  }
  var L = window.L;
  var map = L.map(box, { attributionControl: false, zoomSnap: 0.25 });
  var tiles = box.getAttribute("data-tiles");
  if (tiles) { L.tileLayer(tiles, { maxZoom: 18 }).addTo(map); }
  var b = data.bounds; // west, south, east, north
  map.fitBounds([[b[1], b[0]], [b[3], b[2]]], { padding: [24, 24] });

  function palette() {
    var c = document.createElement("canvas");
    c.width = 256; c.height = 1;
    var g = c.getContext("2d");
    var grad = g.createLinearGradient(0, 0, 256, 0);
    grad.addColorStop(0.15, "#2563eb"); grad.addColorStop(0.45, "#06b6d4"); grad.addColorStop(0.65, "#84cc16");
    grad.addColorStop(0.82, "#facc15"); grad.addColorStop(1.0, "#dc2626");
    g.fillStyle = grad; g.fillRect(0, 0, 256, 1);
    return g.getImageData(0, 0, 256, 1).data;
  }
  var colours = palette();

  var Heat = L.Layer.extend({
    initialize: function (cells, cell, index) { this.cells = cells; this.cell = cell; this.index = index; },
    onAdd: function (m) {
      this.canvas = L.DomUtil.create("canvas", "heat-canvas leaflet-zoom-hide");
      m.getPanes().overlayPane.appendChild(this.canvas);
      m.on("moveend zoomend resize", this.draw, this);
      this.draw();
    },
    onRemove: function (m) {
      L.DomUtil.remove(this.canvas);
      m.off("moveend zoomend resize", this.draw, this);
    },
    use: function (index) { this.index = index; this.draw(); },
    draw: function () {
      var m = this._map, size = m.getSize(), canvas = this.canvas;
      if (!size.x || !size.y) { return; } // not laid out yet: the resize event draws it
      L.DomUtil.setPosition(canvas, m.containerPointToLayerPoint([0, 0]));
      canvas.width = size.x; canvas.height = size.y;
      var g = canvas.getContext("2d"), i, max = 0, idx = this.index;
      for (i = 0; i < this.cells.length; i++) { max = Math.max(max, this.cells[i][idx]); }
      if (!max) { return; }
      var c0 = this.cells[0];
      var a = m.latLngToContainerPoint([c0[1], c0[0]]), e = m.latLngToContainerPoint([c0[1], c0[0] + this.cell]);
      var r = Math.max(14, Math.min(90, Math.abs(e.x - a.x) * 2.2));
      for (i = 0; i < this.cells.length; i++) {
        var cell = this.cells[i], w = cell[idx] / max;
        if (!w) { continue; }
        var p = m.latLngToContainerPoint([cell[1], cell[0]]);
        var grad = g.createRadialGradient(p.x, p.y, 0, p.x, p.y, r);
        grad.addColorStop(0, "rgba(0,0,0," + Math.min(1, 0.25 + 0.75 * w) + ")");
        grad.addColorStop(1, "rgba(0,0,0,0)");
        g.fillStyle = grad;
        g.fillRect(p.x - r, p.y - r, 2 * r, 2 * r);
      }
      var img = g.getImageData(0, 0, size.x, size.y), px = img.data;
      for (i = 3; i < px.length; i += 4) {
        var alpha = px[i];
        if (!alpha) { continue; }
        var j = alpha * 4;
        px[i - 3] = colours[j]; px[i - 2] = colours[j + 1]; px[i - 1] = colours[j + 2];
        px[i] = Math.min(230, 60 + alpha);
      }
      g.putImageData(img, 0, 0);
    }
  });

  var layer = new Heat(data.cells, data.cell, 3).addTo(map);
  var radios = document.querySelectorAll("input[name=layer]");
  for (var k = 0; k < radios.length; k++) {
    radios[k].addEventListener("change", function (ev) {
      layer.use(ev.target.value === "targets" ? 3 : 2);
    });
  }
  box.setAttribute("data-ready", "1");
}());

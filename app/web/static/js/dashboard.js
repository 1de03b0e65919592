// Charts of the dashboard from the figures the page carries in data attributes (no inline script, so the
// content-security policy can forbid them). Without JavaScript the same figures are in the tables below.
(function () {
  "use strict";
  function draw(el) {
    if (typeof echarts === "undefined") { return; }
    var data = JSON.parse(el.getAttribute("data-chart"));
    var kind = el.getAttribute("data-kind");
    var chart = echarts.init(el, null, { renderer: "canvas" });
    var title = { text: el.getAttribute("data-title"), left: 8, top: 4, textStyle: { fontSize: 14 } };
    var option;
    if (kind === "visits") {
      option = {
        title: title, tooltip: { trigger: "axis" }, legend: { type: "scroll", bottom: 0 },
        grid: { left: 40, right: 16, top: 40, bottom: 48 },
        xAxis: { type: "category", data: data.months }, yAxis: { type: "value", minInterval: 1 },
        series: data.series.map(function (s) { return { name: s.name, type: "bar", stack: "v", data: s.data }; }),
        animation: false
      };
    } else {
      option = {
        title: title, tooltip: { trigger: "item" },
        series: [{ type: "pie", radius: ["35%", "65%"], top: 24, data: data[kind].filter(function (d) { return d.value > 0; }) }],
        animation: false
      };
    }
    chart.setOption(option);
    window.addEventListener("resize", function () { chart.resize(); });
    window.addEventListener("beforeprint", function () { chart.resize(); });
  }
  document.addEventListener("DOMContentLoaded", function () {
    var nodes = document.querySelectorAll("[data-chart]");
    for (var i = 0; i < nodes.length; i++) { draw(nodes[i]); }
  });
})();

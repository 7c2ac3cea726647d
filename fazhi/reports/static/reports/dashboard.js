// 领导驾驶舱: draw each chart from the options the page embeds (ECharts served by the app, no CDN);
// a click on a bar opens the records it counts. Without JavaScript the tables under the charts remain.
(function () {
  "use strict";
  function showPeriodFields(form) {
    var kind = form.querySelector("[name=period]").value;
    form.querySelectorAll("[data-for]").forEach(function (el) {
      el.hidden = el.getAttribute("data-for").split(" ").indexOf(kind) < 0;
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    var form = document.getElementById("dashboard-filters");
    if (form) {
      showPeriodFields(form);
      form.querySelector("[name=period]").addEventListener("change", function () { showPeriodFields(form); });
    }
    var source = document.getElementById("dashboard-charts");
    if (!source || !window.echarts) { return; }
    var charts = [];
    JSON.parse(source.textContent).forEach(function (c) {
      var el = document.getElementById(c.id);
      if (!el) { return; }
      var chart = window.echarts.init(el, null, { renderer: "svg" });
      chart.setOption(c.option);
      chart.on("click", function (p) {
        if (p.data && p.data.link) { window.location.href = p.data.link; }
      });
      charts.push(chart);
    });
    window.addEventListener("resize", function () { charts.forEach(function (c) { c.resize(); }); });
  });
})();

// Filters above a comparison table (form.fs-filters[data-filter-table=ID]): by host country, by the
// group a row's programme is limited to, and benchmark programmes on or off. Rows carry what they are
// filtered by (data-host, data-groups, data-benchmark), written at build time; a row of a programme
// open to anyone (empty data-groups) suits every group. Without JavaScript the form stays hidden and
// the whole table shows.
(function () {
  "use strict";
  function matches(row, host, group, benchmarks) {
    var groups = (row.getAttribute("data-groups") || "").split(" ").filter(Boolean);
    if (host && row.getAttribute("data-host") !== host) return false;
    if (!benchmarks && row.getAttribute("data-benchmark") === "yes") return false;
    if (group === "families") return groups.length === 0;
    return !group || groups.length === 0 || groups.indexOf(group) >= 0;
  }
  function apply(form, table) {
    var host = form.elements.host.value, group = form.elements.group.value, benchmarks = form.elements.benchmark.checked;
    Array.prototype.forEach.call(table.tBodies[0].rows, function (row) {
      row.hidden = !matches(row, host, group, benchmarks);
    });
  }
  function setup() {
    document.querySelectorAll("form.fs-filters[data-filter-table]").forEach(function (form) {
      var table = document.getElementById(form.getAttribute("data-filter-table"));
      if (!table || form.dataset.ready) return;
      form.dataset.ready = "yes";
      form.hidden = false;
      form.addEventListener("change", function () { apply(form, table); });
      form.addEventListener("submit", function (event) { event.preventDefault(); });
    });
  }
  if (typeof document$ !== "undefined") document$.subscribe(setup);
  else document.addEventListener("DOMContentLoaded", setup);
})();

// Sortable tables without a CDN: every <th> of a table.fs-sortable becomes a button.
// Cells may carry data-value for the sort key (numbers, amounts converted to EUR, or a date as
// written, YYYY-MM-DD, where the cell shows it in words).
(function () {
  function key(cell, numeric) {
    var raw = cell.getAttribute("data-value");
    if (raw === null) raw = cell.textContent.trim();
    if (!numeric) return raw.toLowerCase();
    var n = parseFloat(String(raw).replace(/[^0-9.\-]/g, ""));
    return isNaN(n) ? -Infinity : n;
  }
  function sortBy(table, index, th) {
    var numeric = th.getAttribute("data-sort") === "number";
    var ascending = th.getAttribute("aria-sort") !== "ascending";
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = key(a.cells[index], numeric), y = key(b.cells[index], numeric);
      return (x < y ? -1 : x > y ? 1 : 0) * (ascending ? 1 : -1);
    });
    rows.forEach(function (row) { body.appendChild(row); });
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (other) { other.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
  }
  function setup() {
    document.querySelectorAll("table.fs-sortable").forEach(function (table) {
      if (table.dataset.sortable) return;
      table.dataset.sortable = "yes";
      Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, index) {
        var button = document.createElement("button");
        button.type = "button";
        button.textContent = th.textContent;
        // The page gives the words, in its language: data-sort-title="Sort by {}".
        button.title = (table.dataset.sortTitle || "Sort by {}").replace("{}", th.textContent);
        th.textContent = "";
        th.appendChild(button);
        button.addEventListener("click", function () { sortBy(table, index, th); });
      });
    });
  }
  if (typeof document$ !== "undefined") document$.subscribe(setup);
  else document.addEventListener("DOMContentLoaded", setup);
})();

// Quick filtering of the initiatives table, on top of the plain facet pages:
// choosing a value in a facet shows only the rows that have it, without
// leaving the page. Without JavaScript each value is a link to its own page.
(function () {
  "use strict";
  var facets = document.querySelector("[data-facets]");
  var rows = Array.prototype.slice.call(document.querySelectorAll("tr[data-filters]"));
  var status = document.querySelector("[data-filter-status]");
  if (!facets || !rows.length || !status) return;
  var chosen = {};
  function apply() {
    var shown = 0;
    rows.forEach(function (row) {
      var tokens = " " + row.getAttribute("data-filters") + " ";
      var keep = Object.keys(chosen).every(function (f) {
        return !chosen[f] || tokens.indexOf(" " + f + ":" + chosen[f] + " ") >= 0;
      });
      row.hidden = !keep;
      if (keep) shown += 1;
    });
    var active = Object.keys(chosen).filter(function (f) { return chosen[f]; });
    status.hidden = active.length === 0;
    status.textContent = active.length ? shown + " / " + rows.length : "";
  }
  facets.addEventListener("click", function (event) {
    var link = event.target.closest("a[data-facet]");
    if (!link || event.ctrlKey || event.metaKey || event.shiftKey) return;
    event.preventDefault();
    var f = link.getAttribute("data-facet");
    var v = link.getAttribute("data-value");
    chosen[f] = chosen[f] === v ? null : v;
    facets.querySelectorAll('a[data-facet="' + f + '"]').forEach(function (a) {
      if (a.getAttribute("data-value") === chosen[f]) a.setAttribute("aria-current", "true");
      else a.removeAttribute("aria-current");
    });
    apply();
  });
})();

// Search on the search page, with Pagefind's own interface, when JavaScript
// and the index are there. Without them the page is an A–Z index of every
// page, and nothing here runs.
(function () {
  "use strict";
  var box = document.getElementById("search");
  if (!box) return;
  // Opened straight from the file system, the browser will not let the
  // search read its index: say so plainly, and keep the A–Z list.
  if (location.protocol === "file:") {
    var note = box.querySelector(".search-note");
    if (note) note.textContent = box.getAttribute("data-file-note");
    return;
  }
  var bundle = box.getAttribute("data-bundle");
  var root = new URL(box.getAttribute("data-root") || "./", location.href).pathname;

  var css = document.createElement("link");
  css.rel = "stylesheet";
  css.href = bundle + "pagefind-ui.css";
  var script = document.createElement("script");
  script.src = bundle + "pagefind-ui.js";
  script.onload = function () {
    if (!window.PagefindUI) return;
    box.innerHTML = "";
    var label = box.getAttribute("data-label");
    var ui = new window.PagefindUI({
      element: "#search",
      bundlePath: bundle,
      baseUrl: root,
      showImages: false,
      showSubResults: false,
      resetStyles: false,
      processResult: function (result) {
        // Say what kind of page each result is: Indsats, Mål, Strategi …
        // in the title, and not again as a tag under its English key.
        if (result.meta && result.meta.kind) {
          result.meta.title = result.meta.kind + ": " + result.meta.title;
          delete result.meta.kind;
        }
        return result;
      },
    });
    // Pagefind's box has no visible label of its own: give it the page's.
    var input = box.querySelector("input");
    if (input && label) {
      input.id = "search-q";
      var visible = document.createElement("label");
      visible.htmlFor = "search-q";
      visible.className = "search-label";
      visible.textContent = label;
      var form = input.closest("form") || input.parentNode;
      form.parentNode.insertBefore(visible, form);
    }
    // The A–Z list is for finding a page without a query: while there is
    // one, the results stand alone.
    var az = document.querySelector("[data-az]");
    var follow = function () {
      var input = box.querySelector("input");
      if (az && input) az.hidden = input.value.trim() !== "";
    };
    box.addEventListener("input", follow);
    var q = new URLSearchParams(location.search).get("q");
    if (q) ui.triggerSearch(q);
    setTimeout(follow, 100);
  };
  // No index (a preview, or a site copied without pagefind/): keep the A–Z page.
  script.onerror = function () {};
  document.head.appendChild(css);
  document.head.appendChild(script);
})();

// pejl live preview. Served only by `pejl serve`, never part of a built site.
// Reloads this page when it changed, swaps a changed stylesheet without a
// reload, keeps the scroll position, and shows build errors in an overlay.
(function () {
  "use strict";
  var script = document.currentScript;
  // The site's path, decoded (`/strategi-æ/`), as outputPath compares it.
  var prefix = (script && script.dataset.prefix) || "/";
  var pageBuild = Number((script && script.dataset.build) || 0);
  var server = null;
  var scrollKey = "pejl-scroll:" + location.pathname;

  // The path of a URL's file in the built site, or null outside the site.
  function outputPath(pathname) {
    var p;
    try {
      p = decodeURIComponent(pathname);
    } catch (e) {
      return null;
    }
    if (p.indexOf(prefix) !== 0) return null;
    p = p.slice(prefix.length);
    if (p === "" || p.charAt(p.length - 1) === "/") p += "index.html";
    return p;
  }
  var here = outputPath(location.pathname);

  var saved = sessionStorage.getItem(scrollKey);
  if (saved !== null) {
    sessionStorage.removeItem(scrollKey);
    var y = Number(saved);
    window.scrollTo(0, y);
    window.addEventListener("load", function () {
      window.scrollTo(0, y);
    });
  }

  function reload() {
    sessionStorage.setItem(scrollKey, String(window.scrollY));
    location.reload();
  }

  function swapStylesheets(renamed) {
    document.querySelectorAll('link[rel~="stylesheet"]').forEach(function (link) {
      var path = outputPath(new URL(link.href, location.href).pathname);
      var to = path && renamed[path];
      if (!to) return;
      var next = link.cloneNode();
      var from = path.split("/").pop();
      next.setAttribute("href", link.getAttribute("href").replace(from, to.split("/").pop()));
      next.addEventListener("load", function () {
        link.remove();
      });
      link.after(next);
    });
  }

  // Does this page show a file (an image, a video …) that changed?
  function showsChanged(changed) {
    var set = {};
    changed.forEach(function (p) {
      set[p] = true;
    });
    var found = false;
    document.querySelectorAll("img[src], source[src], video[src], audio[src], iframe[src], object[data]").forEach(function (el) {
      var url = el.getAttribute("src") || el.getAttribute("data");
      var path = outputPath(new URL(url, location.href).pathname);
      if (path && set[path]) found = true;
    });
    return found;
  }

  var host = null;

  function hideOverlay() {
    if (host) {
      host.remove();
      host = null;
    }
  }

  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = text;
    if (cls) e.className = cls;
    return e;
  }

  var STYLE =
    ":host{all:initial}" +
    ".backdrop{position:fixed;inset:0;z-index:2147483647;background:rgba(0,0,0,.55);overflow:auto;padding:1rem;font:16px/1.5 system-ui,sans-serif;color:#1a1a1a}" +
    ".card{max-width:60rem;margin:2rem auto;background:#fff;border-radius:6px;border-top:6px solid #a4001d;padding:1.25rem 1.5rem;box-shadow:0 4px 24px rgba(0,0,0,.3)}" +
    "h2{margin:0 0 .5rem;font-size:1.35rem;color:#a4001d}" +
    "h3{margin:1.25rem 0 .25rem;font-size:1rem;font-family:ui-monospace,monospace;word-break:break-all}" +
    "p{margin:.25rem 0}" +
    ".message{font-weight:600}" +
    "pre{margin:.5rem 0;padding:.5rem 0;background:#f4f4f4;border-radius:4px;overflow:auto;font:14px/1.45 ui-monospace,monospace}" +
    ".line{display:block;padding:0 .75rem;white-space:pre}" +
    ".mark{background:#fde2e2;font-weight:700}" +
    ".mark .no::before{content:'\\203A '}" +
    ".no{display:inline-block;min-width:4ch;color:#555;user-select:none}" +
    "ul{margin:.25rem 0 0;padding-left:1.25rem}" +
    "button{font:inherit;margin-top:1rem;padding:.4rem 1rem;border:2px solid #1a1a1a;border-radius:4px;background:#fff;cursor:pointer}" +
    "button:focus-visible{outline:3px solid #0b5cad;outline-offset:2px}";

  function showOverlay(o) {
    hideOverlay();
    if (!o) return;
    host = document.createElement("div");
    host.id = "pejl-overlay";
    var root = host.attachShadow ? host.attachShadow({ mode: "open" }) : host;
    var style = document.createElement("style");
    style.textContent = STYLE;
    root.appendChild(style);
    var backdrop = el("div", null, "backdrop");
    var card = el("section", null, "card");
    card.setAttribute("role", "alert");
    card.setAttribute("lang", o.lang || "da");
    card.setAttribute("aria-labelledby", "pejl-title");
    var title = el("h2", o.title);
    title.id = "pejl-title";
    card.appendChild(title);
    card.appendChild(el("p", o.intro));
    (o.errors || []).forEach(function (err) {
      if (err.location) card.appendChild(el("h3", err.location));
      card.appendChild(el("p", err.message, "message"));
      if (err.lines && err.lines.length) {
        var pre = el("pre");
        err.lines.forEach(function (line) {
          var row = el("span", null, line.mark ? "line mark" : "line");
          row.appendChild(el("span", String(line.number), "no"));
          row.appendChild(document.createTextNode(line.text));
          pre.appendChild(row);
        });
        card.appendChild(pre);
      }
      if (err.help && err.help.length) {
        card.appendChild(el("p", o.help_label + ":"));
        var ul = el("ul");
        err.help.forEach(function (h) {
          ul.appendChild(el("li", h));
        });
        card.appendChild(ul);
      }
    });
    var close = el("button", o.close);
    close.type = "button";
    close.addEventListener("click", hideOverlay);
    card.appendChild(close);
    backdrop.appendChild(card);
    root.appendChild(backdrop);
    document.body.appendChild(host);
  }

  function onMessage(event) {
    var m;
    try {
      m = JSON.parse(event.data);
    } catch (e) {
      return;
    }
    if (m.lagged) return reload();
    if (server !== null && m.server !== server) return reload();
    var first = server === null;
    server = m.server;
    if (!m.ok) return showOverlay(m.overlay);
    hideOverlay();
    if (first) {
      if (m.build !== pageBuild) reload();
      return;
    }
    if (m.reload && m.reload.indexOf(here) >= 0) return reload();
    if (m.css) swapStylesheets(m.css);
    if (m.changed && showsChanged(m.changed)) reload();
  }

  // The channel beside this script, as the page wrote the script's URL
  // (percent-encoded), so a prefix beyond ASCII reaches the server as sent.
  function eventsUrl() {
    try {
      if (script && script.src) return new URL("events", script.src).href;
    } catch (e) {}
    return encodeURI(prefix) + "__pejl/events";
  }

  if (window.EventSource) {
    var source = new EventSource(eventsUrl());
    source.onmessage = onMessage;
  }
})();

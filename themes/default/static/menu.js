// The site menu on small screens. Without JavaScript the "Menu" link in the
// header goes to the menu, which CSS shows when it is the page's :target.
// With JavaScript the link becomes a button that folds the menu out and in,
// and says so (aria-expanded). On wide screens the menu is always shown and
// the button is hidden by CSS.
(function () {
  "use strict";
  var link = document.querySelector("a[data-menu-toggle]");
  if (!link) return;
  var nav = document.getElementById(link.getAttribute("href").slice(1));
  if (!nav) return;
  var button = document.createElement("button");
  button.type = "button";
  button.className = link.className;
  button.innerHTML = link.innerHTML;
  button.setAttribute("aria-controls", nav.id);
  link.parentNode.replaceChild(button, link);
  document.documentElement.classList.add("menu-js");
  function set(open) {
    button.setAttribute("aria-expanded", open ? "true" : "false");
    nav.classList.toggle("is-open", open);
  }
  set(window.location.hash === "#" + nav.id);
  button.addEventListener("click", function () {
    set(button.getAttribute("aria-expanded") !== "true");
  });
  // Escape folds an open menu and puts the focus back on its button.
  nav.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && button.getAttribute("aria-expanded") === "true" && button.offsetParent) {
      set(false);
      button.focus();
    }
  });
})();

// Keyboard access: the skip link, and the navigation drawer at phone and tablet width (WCAG 2.1.1, 2.4.3). Material's menu
// button is a <label> for a hidden checkbox, which Tab skips; overrides/partials/header.html gives it
// role=button and tabindex, and this makes Enter and Space open the drawer (focus moves into it) and
// Escape close it (focus back on the button). archive.css keeps the closed drawer out of the Tab order.
(function () {
  "use strict";
  var SELECTOR = "label[for=__drawer][role=button]";

  function drawer() { return document.getElementById("__drawer"); }
  function button() { return document.querySelector(SELECTOR); }

  function set(open) {
    var toggle = drawer();
    if (!toggle || toggle.checked === open) return;
    toggle.checked = open;
    toggle.dispatchEvent(new Event("change", { bubbles: true }));
  }

  document.addEventListener("change", function (event) {
    if (event.target === drawer() && button()) button().setAttribute("aria-expanded", String(drawer().checked));
  });

  // "Hopp til innhold" (overrides/main.html): the focus moves to the content, not only the scroll position
  // (Material's instant navigation handles the click on a same-page link itself).
  document.addEventListener("click", function (event) {
    var skip = event.target && event.target.closest && event.target.closest(".archive-skip");
    var content = document.getElementById("innhold");
    if (skip && content) content.focus();
  });

  document.addEventListener("keydown", function (event) {
    var target = event.target;
    if (target && target.matches && target.matches(SELECTOR) && (event.key === "Enter" || event.key === " ")) {
      event.preventDefault();
      set(!drawer().checked);
      if (drawer().checked) {
        var first = document.querySelector(".md-sidebar--primary a[href], .md-sidebar--primary label[tabindex]");
        if (first) first.focus();
      }
    } else if (event.key === "Escape" && drawer() && drawer().checked) {
      set(false);
      if (button()) button().focus();
    }
  });
})();

// Sortable tables (case registers, body year lists) with tablesort, re-run on Material's instant navigation.
// A case number column ("Sak": 34/23, 001/10, 14-22, 3) sorts by year, then number, and a register opens
// sorted that way, newest first; tablesort says how a table is sorted with aria-sort on the header.
(function () {
  "use strict";
  var CASE = /^\s*(\d{1,4})\s*[\/-]\s*(\d{2,4})\s*$/;
  var thisYear = new Date().getFullYear();

  // [year, number] of a case number; an unnumbered case ("–") sorts before every numbered one.
  function caseKey(text) {
    var match = CASE.exec(text);
    if (!match) {
      var plain = /^\s*(\d{1,4})\s*$/.exec(text);
      return plain ? [0, parseInt(plain[1], 10)] : [-1, 0];
    }
    var year = parseInt(match[2], 10);
    if (year < 100) year += year <= thisYear % 100 + 1 ? 2000 : 1900;
    return [year, parseInt(match[1], 10)];
  }

  // tablesort calls a sort function with its arguments the other way round (as tablesort.number does).
  Tablesort.extend("saksnummer", function () { return false; }, function (a, b) {
    var x = caseKey(b), y = caseKey(a);
    return x[0] - y[0] || x[1] - y[1];
  });

  // A table wider than the screen scrolls sideways in Material's wrapper: then the wrapper takes keyboard
  // focus (arrow keys scroll it) and is named for screen readers (WCAG 2.1.1; axe scrollable-region-focusable).
  function scrollableTables() {
    document.querySelectorAll("article .md-typeset__scrollwrap").forEach(function (wrap) {
      if (wrap.scrollWidth > wrap.clientWidth + 1) {
        wrap.tabIndex = 0;
        wrap.setAttribute("role", "region");
        wrap.setAttribute("aria-label", "Tabell, rull sidelengs for å se alle kolonnene");
      } else if (wrap.hasAttribute("tabindex")) {
        wrap.removeAttribute("tabindex");
        wrap.removeAttribute("role");
        wrap.removeAttribute("aria-label");
      }
    });
  }
  window.addEventListener("resize", scrollableTables);

  document$.subscribe(function () {
    document.querySelectorAll("article table:not([class])").forEach(function (table) {
      if (!table.tBodies[0] || table.tBodies[0].rows.length < 2) return;  // nothing to sort
      var first = table.tHead && table.tHead.rows[0] && table.tHead.rows[0].cells[0];
      var register = first && first.textContent.trim() === "Sak";
      if (register) {
        first.setAttribute("data-sort-method", "saksnummer");
        first.setAttribute("data-sort-default", "");
      }
      var sorter = new Tablesort(table, { descending: register });
      sorter.options.descending = false;  // newest first is the opening order only: a click sorts ascending first
      table.querySelectorAll("th[role=columnheader]").forEach(function (header) {
        header.addEventListener("keydown", function (event) {  // tablesort answers Enter; a button also Space
          if (event.key === " ") { event.preventDefault(); header.click(); }
        });
      });
    });
    scrollableTables();
  });
})();

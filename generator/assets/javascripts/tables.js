// Sortable tables (case registers, body year lists) with tablesort, re-run on Material's instant navigation.
document$.subscribe(function () {
  document.querySelectorAll("article table:not([class])").forEach(function (table) {
    new Tablesort(table);
  });
});

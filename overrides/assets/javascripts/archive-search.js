/*
 * Search for the minutes archive: Material's search dialog driven by Pagefind.
 *
 * Pagefind (run after `mkdocs build`, see generator/search.py) writes its bundle to <site>/pagefind/.
 * A query downloads only the index chunks and result fragments it needs, so the cost of a search
 * does not grow with the archive. Every path is resolved from the site root found at load time, so
 * the site works from any subpath. Pagefind needs HTTP: from file:// the browser refuses to load it.
 *
 * Keyboard: "/" or "s" opens the search, Escape closes it, arrow keys move through the results and
 * Enter opens the selected (or first) result.
 */
(function () {
  "use strict";

  var PAGE_SIZE = 8;        // results whose fragments are loaded at a time
  var SUB_RESULTS = 3;      // matching cases shown per meeting
  var FILTER_LABELS = { organisasjon: "Organisasjon", organ: "Organ", "år": "År" };
  var CASE_NUMBER = /(\d{1,4})\s*[\/-]\s*(\d{2,4})/;

  var siteRoot = findSiteRoot();
  var pagefind = null;
  var loading = null;
  var state = { query: "", filters: {}, results: [], shown: 0, token: 0 };

  function findSiteRoot() {
    // Material writes the relative path to the site root into #__config ("base").
    var base = ".";
    var config = document.getElementById("__config");
    if (config) {
      try { base = JSON.parse(config.textContent).base || "."; } catch (e) { /* keep "." */ }
    }
    var url = new URL(base.replace(/\/?$/, "/"), location.href);
    return url;
  }

  function load() {
    if (loading) return loading;
    if (location.protocol === "file:") {
      loading = Promise.reject(new Error("file"));
    } else {
      var bundle = new URL("pagefind/pagefind.js", siteRoot).href;
      loading = import(bundle).then(function (module) {
        pagefind = module;
        return pagefind.options({ baseUrl: siteRoot.pathname, excerptLength: 22 }).then(function () {
          return pagefind.init();
        }).then(function () { return pagefind; });
      });
    }
    return loading;
  }

  function el(selector) { return document.querySelector(selector); }
  function toggle() { return document.getElementById("__search"); }
  function input() { return el("[data-archive-search-query]"); }

  function escapeHtml(text) {
    return String(text).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  function cleanTitle(text) { return String(text || "").replace(/\s*¶\s*$/, ""); }

  function setMeta(text) {
    var meta = el("[data-archive-search-meta]");
    if (meta) meta.textContent = text;
  }

  function open() {
    var t = toggle();
    if (t && !t.checked) { t.checked = true; t.dispatchEvent(new Event("change")); }
    var box = input();
    if (box) { box.focus(); box.select(); }
  }

  function close() {
    var t = toggle();
    if (t && t.checked) { t.checked = false; t.dispatchEvent(new Event("change")); }
    var box = input();
    if (box) box.blur();
  }

  function activeFilters() {
    var filters = {};
    document.querySelectorAll("[data-archive-search-filters] select").forEach(function (select) {
      if (select.value) filters[select.dataset.filter] = select.value;
    });
    return filters;
  }

  function showFilters() {
    var box = el("[data-archive-search-filters]");
    if (!box || box.dataset.loaded) return;
    box.dataset.loaded = "1";
    pagefind.filters().then(function (filters) {
      box.querySelectorAll("select").forEach(function (select) {
        var values = Object.keys(filters[select.dataset.filter] || {});
        values.sort(function (a, b) {
          return select.dataset.filter === "år" ? b.localeCompare(a) : a.localeCompare(b, "nb");
        });
        values.forEach(function (value) {
          var option = document.createElement("option");
          option.value = value;
          option.textContent = value;
          select.appendChild(option);
        });
      });
    });
  }

  function search() {
    var query = (input() || {}).value || "";
    var filters = activeFilters();
    var token = ++state.token;
    state.query = query.trim();
    state.filters = filters;
    if (!state.query && !Object.keys(filters).length) {
      render([], 0);
      setMeta("Skriv søkeord: et ord, et navn eller et saksnummer (66/20)");
      return;
    }
    load().then(function () {
      return pagefind.debouncedSearch(pagefindQuery(state.query) || null, { filters: filters }, 150);
    }).then(function (found) {
      if (found === null || token !== state.token) return;  // a newer query superseded this one
      state.results = found.results;
      state.shown = 0;
      render([], found.results.length);
      return more(token);
    }).catch(function (error) {
      if (token !== state.token) return;
      render([], 0);
      setMeta(location.protocol === "file:"
        ? "Søket virker bare når arkivet åpnes fra en webserver (for eksempel python -m http.server)."
        : "Søket kunne ikke lastes: " + error.message);
    });
  }

  function more(token) {
    var batch = state.results.slice(state.shown, state.shown + PAGE_SIZE);
    state.shown += batch.length;
    return Promise.all(batch.map(function (r) { return r.data(); })).then(function (pages) {
      if (token !== state.token) return;
      if (CASE_NUMBER.test(state.query)) pages = preferCase(pages, state.query);
      pages.forEach(appendResult);
      var button = el("[data-archive-search-more]");
      if (button) button.hidden = state.shown >= state.results.length;
    });
  }

  /* "sak 97/20" is searched as "97/20": "sak" is on every page, and its part of the index alone is
     larger than the rest of a search together (450 KB at 10,000 meetings). */
  var CASE_WORDS = /(^|\s)(sak|saken|saker|saksnr\.?|saksnummer|nr\.?)(?=\s|$)/gi;

  /* Words on nearly every page: their index chunks are large (hundreds of KB at 10,000 meetings) and
     they do not narrow a search. They are left out of queries that have other words (not in "quotes"). */
  var COMMON = ("og i på til av for med som er det den de en et ei å om at fra har ikke kan var ble blir skal " +
    "vil seg sin sitt sine så men eller da der her etter under over mot ved hos også alle nye ny sak saken " +
    "saker sakene møte møtet møter").split(" ");

  function pagefindQuery(query) {
    if (CASE_NUMBER.test(query)) query = query.replace(CASE_WORDS, " ");
    if (query.indexOf('"') === -1) {
      var words = query.split(/\s+/).filter(Boolean);
      var kept = words.filter(function (w) { return COMMON.indexOf(w.toLowerCase()) === -1; });
      if (kept.length) query = kept.join(" ");
    }
    return query.replace(/\s+/g, " ").trim();
  }

  /* A case-number query: meetings that have a case with that number come first, that case on top. */
  function caseKey(text) {
    var m = CASE_NUMBER.exec(text);
    return m ? (parseInt(m[1], 10) + "/" + m[2].slice(-2)) : null;
  }

  function preferCase(pages, query) {
    var wanted = caseKey(query);
    pages.forEach(function (page) {
      page.sub_results.sort(function (a, b) {
        return (caseKey(cleanTitle(b.title)) === wanted) - (caseKey(cleanTitle(a.title)) === wanted) ||
          sectionScore(b) - sectionScore(a);
      });
      page.hasCase = page.sub_results.some(function (s) { return caseKey(cleanTitle(s.title)) === wanted; });
      page.caseFirst = page.hasCase;
    });
    return pages.filter(function (p) { return p.hasCase; }).concat(pages.filter(function (p) { return !p.hasCase; }));
  }

  function render(items, total) {
    var list = el("[data-archive-search-list]");
    if (list) list.innerHTML = "";
    var button = el("[data-archive-search-more]");
    if (button) button.hidden = true;
    if (total === 0) setMeta(state.query || Object.keys(state.filters).length ? "Ingen treff" : "");
    else setMeta(total === 1 ? "1 møte" : total + " møter");
  }

  /* The sections (cases) of a meeting that match best; the agenda list and the page top repeat the
     case titles, so they only count when nothing else matched. */
  var SKIP_SECTIONS = { saksliste: true };

  function sectionScore(sub) {
    return (sub.weighted_locations || []).reduce(function (sum, w) { return sum + w.balanced_score; }, 0);
  }

  function bestSections(page) {
    var subs = (page.sub_results || []).filter(function (s) {
      return s.anchor && s.anchor.element !== "h1" && !SKIP_SECTIONS[s.anchor.id];
    });
    if (page.caseFirst) return subs;  // already ordered by preferCase
    return subs.map(function (s, i) { return { s: s, score: sectionScore(s), i: i }; })
      .sort(function (a, b) { return b.score - a.score || a.i - b.i; })
      .map(function (x) { return x.s; });
  }

  function appendResult(page) {
    var list = el("[data-archive-search-list]");
    if (!list) return;
    var meta = page.meta || {};
    var item = document.createElement("li");
    item.className = "md-search-result__item";
    var subs = bestSections(page);
    var html = '<a href="' + escapeHtml(page.url) + '" class="md-search-result__link" tabindex="-1">' +
      '<article class="md-search-result__article md-search-result__article--document md-typeset">' +
      '<div class="md-search-result__icon md-icon"></div>' +
      "<h1>" + escapeHtml(cleanTitle(meta.title)) + "</h1>" +
      (meta.sted ? '<p class="archive-search__where">' + escapeHtml(meta.sted) + "</p>" : "") +
      (subs.length ? "" : "<p>" + page.excerpt + "</p>") +
      "</article></a>";
    subs.slice(0, SUB_RESULTS).forEach(function (sub) {
      html += '<a href="' + escapeHtml(sub.url) + '" class="md-search-result__link" tabindex="-1">' +
        '<article class="md-search-result__article md-typeset">' +
        "<h2>" + escapeHtml(cleanTitle(sub.title)) + "</h2>" +
        "<p>" + sub.excerpt + "</p></article></a>";
    });
    if (subs.length > SUB_RESULTS) {
      html += '<p class="archive-search__more-cases">Flere treff i møtet</p>';
    }
    item.innerHTML = html;
    list.appendChild(item);
  }

  function links() {
    return Array.prototype.slice.call(document.querySelectorAll("[data-archive-search-list] a"));
  }

  function move(step) {
    var all = links();
    if (!all.length) return;
    var index = all.indexOf(document.activeElement);
    var next = index + step;
    if (next < 0) { input().focus(); return; }
    all[Math.min(next, all.length - 1)].focus();
  }

  function typing(element) {
    if (!element) return false;
    var tag = element.tagName;
    return tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || element.isContentEditable;
  }

  document.addEventListener("keydown", function (event) {
    if (event.metaKey || event.ctrlKey || event.altKey || event.isComposing) return;
    var searching = toggle() && toggle().checked;
    if (!searching) {
      if ((event.key === "/" || event.key === "s" || event.key === "S") && !typing(document.activeElement)) {
        event.preventDefault();
        open();
      }
      return;
    }
    // The arrow keys belong to a filter (a <select>) while it has the focus.
    var inFilters = document.activeElement && document.activeElement.closest &&
      document.activeElement.closest("[data-archive-search-filters]");
    if (event.key === "Escape") { event.preventDefault(); close(); }
    else if (event.key === "ArrowDown" && !inFilters) { event.preventDefault(); move(1); }
    else if (event.key === "ArrowUp" && !inFilters) { event.preventDefault(); move(-1); }
    else if (event.key === "Enter" && document.activeElement === input()) {
      event.preventDefault();
      var first = links()[0];
      if (first) first.click();
    }
  });

  document.addEventListener("input", function (event) {
    if (event.target && event.target.matches("[data-archive-search-query]")) search();
  });
  document.addEventListener("change", function (event) {
    if (event.target && event.target.matches("[data-archive-search-filters] select")) search();
  });
  // A search form on a page (the 404 page) opens the search dialog with its words.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form || !form.matches || !form.matches("[data-archive-search-start]")) return;
    event.preventDefault();
    var words = form.querySelector("input[name=q]");
    open();
    if (input() && words) { input().value = words.value; search(); }
  });
  document.addEventListener("focusin", function (event) {
    var t = toggle();
    if (event.target && event.target.matches("[data-archive-search-query]")) {
      if (t && !t.checked) { t.checked = true; t.dispatchEvent(new Event("change")); }
    } else if (t && t.checked && event.target && event.target.closest && !event.target.closest("[data-archive-search]")) {
      // Tab out of the dialog closes it: the keyboard focus never sits on the page hidden behind it.
      t.checked = false; t.dispatchEvent(new Event("change"));
    }
  });
  // The filter values are loaded only when the filters are opened: they are not needed for a search.
  document.addEventListener("toggle", function (event) {
    if (event.target && event.target.matches && event.target.matches("[data-archive-search-filters]") &&
        event.target.open) {
      load().then(showFilters).catch(function () { /* reported when searching */ });
    }
  }, true);
  document.addEventListener("click", function (event) {
    var target = event.target;
    if (!target || !target.closest) return;
    if (target.closest("[data-archive-search-more]")) { more(state.token); return; }
    if (target.closest("[data-archive-search] button[type=reset]")) {
      setTimeout(search, 0);  // after the form has been reset
      return;
    }
    if (target.closest("[data-archive-search-list] a")) close();  // leaving for a result
  });
})();

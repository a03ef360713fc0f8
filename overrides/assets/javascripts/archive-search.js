/*
 * Search for the minutes archive: Material's search dialog driven by Pagefind.
 *
 * Pagefind (run after `mkdocs build`, see generator/site/search.py) writes its bundle to <site>/pagefind/.
 * A query downloads only the index chunks and result fragments it needs, so the cost of a search
 * does not grow with the archive. Every path is resolved from the site root found at load time, so
 * the site works from any subpath. Pagefind needs HTTP: from file:// the browser refuses to load it.
 *
 * Keyboard: "/" or "s" opens the search, Escape closes it, arrow keys move through the results and
 * Enter opens the selected (or first) result.
 *
 * Case numbers: "66/20" (or "sak 66/2020", "66-20") is searched as the one word 66/20 (Pagefind keeps
 * "/" inside words, generator/site/search.py), exactly, so it finds the case and the references to it and
 * never a date or a time. The query, the filters and the order are kept in the address (?q=...), so a
 * search can be shared and bookmarked; opening such an address runs the search.
 */
(function () {
  "use strict";

  var PAGE_SIZE = 8;        // results whose fragments are loaded at a time
  var SUB_RESULTS = 3;      // matching cases shown per meeting
  var CASE_NUMBER = /(\d{1,4})\s*[\/-]\s*(\d{2,4})/;
  // A case number in a query: not part of a longer number, date (2020-12-14) or path.
  var CASE_IN_QUERY = /(?<![\d\/.\-])(\d{1,4})\s*[\/-]\s*(\d{4}|\d{2})(?![\d\/.\-])/g;
  var SORTS = { nyeste: { dato: "desc" }, eldste: { dato: "asc" } };
  var GROUP_WEIGHT_STEP = 1e-7;  // see mergeGroups and inDateOrder
  // The address keeps the search: ?q=...&organisasjon=...&organ=...&aar=...&sortering=nyeste
  var ADDRESS = { organisasjon: "organisasjon", organ: "organ", "år": "aar" };
  var ADDRESS_QUERY = "q";
  var ADDRESS_SORT = "sortering";

  var siteRoot = findSiteRoot();
  var pagefind = null;
  var loading = null;
  var state = { query: "", filters: {}, sort: "", results: [], shown: 0, token: 0, groups: 0, take: null };

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
      var options = { baseUrl: siteRoot.pathname, excerptLength: 22 };
      loading = import(bundle).then(function (module) {
        pagefind = module;
        return pagefind.options(options).then(function () {
          return pagefind.init();
        }).then(mergeGroups).then(function () { return pagefind; });
      });
    }
    return loading;
  }

  /* A large archive is indexed in search groups (generator/site/search.py): pagefind/ is the first, and
     pagefind/archive-merge.json lists the others, which Pagefind searches together with it (mergeIndex:
     one ranked list). Each group's files load only when a search needs them. */
  function mergeGroups() {
    return fetch(new URL("pagefind/archive-merge.json", siteRoot).href).then(function (response) {
      return response.ok ? response.json() : [];
    }).catch(function () { return []; }).then(function (groups) {
      groups = Array.isArray(groups) ? groups : [];
      state.groups = groups.length;
      // each group's weight differs by 1e-7 per step: the ranking is unchanged,
      // and a result's group can be read from its score when results are ordered by date (inDateOrder)
      return Promise.all(groups.map(function (group, i) {
        return pagefind.mergeIndex(new URL(group, siteRoot).pathname, {
          baseUrl: siteRoot.pathname, excerptLength: 22, indexWeight: 1 + (i + 1) * GROUP_WEIGHT_STEP,
        });
      }));
    });
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

  function close(leaving) {
    if (!leaving) forgetAddress();  // a result being opened keeps it, so "back" returns to the search
    var t = toggle();
    if (t && t.checked) { t.checked = false; t.dispatchEvent(new Event("change")); }
    var box = input();
    if (box) box.blur();
  }

  function filterSelect(name) { return el('[data-archive-search-filters] select[data-filter="' + name + '"]'); }
  function sortSelect() { return el("[data-archive-search-sort]"); }

  function activeFilters() {
    var filters = {};
    document.querySelectorAll("[data-archive-search-filters] select[data-filter]").forEach(function (select) {
      if (select.value) filters[select.dataset.filter] = select.value;
    });
    return filters;
  }

  /* The organisation an "organ" value belongs to: the values are "Body (Organisation)"
     (overrides/main.html), since several organisations have a body of the same name. */
  function organisationOf(body, organisations) {
    for (var i = 0; i < organisations.length; i++) {
      var suffix = " (" + organisations[i] + ")";
      if (body.length > suffix.length && body.slice(-suffix.length) === suffix) return organisations[i];
    }
    return "";
  }

  function addOption(parent, value, label) {
    var option = document.createElement("option");
    option.value = value;
    option.dataset.label = label;
    option.textContent = label;
    parent.appendChild(option);
    return option;
  }

  /* The filter choices, once: organisations; bodies grouped under their organisation; years, newest first. */
  var filtersLoaded = null;
  function showFilters() {
    if (filtersLoaded) return filtersLoaded;
    filtersLoaded = pagefind.filters().then(function (filters) {
      var organisations = Object.keys(filters.organisasjon || {}).sort(function (a, b) { return a.localeCompare(b, "nb"); });
      organisations.forEach(function (name) { addOption(filterSelect("organisasjon"), name, name); });
      var groups = {};
      Object.keys(filters.organ || {}).sort(function (a, b) { return a.localeCompare(b, "nb"); }).forEach(function (value) {
        var organisation = organisationOf(value, organisations);
        if (!groups[organisation]) {
          groups[organisation] = document.createElement("optgroup");
          groups[organisation].label = organisation || "Andre";
          groups[organisation].dataset.organisation = organisation;
        }
        var label = organisation ? value.slice(0, value.length - organisation.length - 3) : value;
        addOption(groups[organisation], value, label).dataset.organisation = organisation;
      });
      organisations.concat([""]).forEach(function (name) { if (groups[name]) filterSelect("organ").appendChild(groups[name]); });
      Object.keys(filters["år"] || {}).sort(function (a, b) { return b.localeCompare(a); }).forEach(function (year) {
        addOption(filterSelect("år"), year, year);
      });
      showCounts(filters, filters);
      narrowBodies();
      // Pagefind counts only the filters it has loaded: a search made before is made again for its counts
      if (state.counts) search();
    });
    return filtersLoaded;
  }

  /* Only the chosen organisation's bodies are offered; a body of another organisation is let go. */
  function narrowBodies() {
    var organisation = (filterSelect("organisasjon") || {}).value || "";
    var bodies = filterSelect("organ");
    if (!bodies) return;
    bodies.querySelectorAll("optgroup").forEach(function (group) {
      var other = organisation !== "" && group.dataset.organisation !== organisation;
      group.hidden = other;
      group.disabled = other;
    });
    var chosen = bodies.selectedOptions[0];
    if (chosen && chosen.value && organisation && chosen.dataset.organisation !== organisation) bodies.value = "";
  }

  /* How many meetings each choice would give: with the query and the other filters (a choice already
     made shows the counts of its alternatives without it). A choice with none is disabled, so a
     combination never ends in "Ingen treff". */
  function showCounts(filtered, total) {
    document.querySelectorAll("[data-archive-search-filters] select[data-filter]").forEach(function (select) {
      var counts = (select.value ? total : filtered)[select.dataset.filter] || {};
      select.querySelectorAll("option").forEach(function (option) {
        if (!option.value) return;
        var count = counts[option.value] || 0;
        option.textContent = option.dataset.label + " (" + count + ")";
        option.disabled = count === 0 && option.value !== select.value;
      });
    });
  }

  function wait(ms) { return new Promise(function (resolve) { setTimeout(resolve, ms); }); }

  function search() {
    var query = (input() || {}).value || "";
    var filters = activeFilters();
    var token = ++state.token;
    state.query = query.trim();
    state.filters = filters;
    state.sort = SORTS[(sortSelect() || {}).value] ? sortSelect().value : "";
    rememberAddress();
    if (!state.query && !Object.keys(filters).length) {
      state.counts = null;
      render([], 0);
      setMeta("Skriv søkeord: et ord, et navn eller et saksnummer (66/20)");
      return;
    }
    var options = { filters: filters };
    if (state.sort) options.sort = SORTS[state.sort];
    load().then(function () {
      return wait(150);  // typing: only the last query is searched
    }).then(function () {
      if (token !== state.token) return null;
      return runSearch(parseQuery(state.query), options);
    }).then(function (found) {
      if (found === null || token !== state.token) return;  // a newer query superseded this one
      state.results = found.results;
      state.shown = 0;
      state.take = state.sort && state.groups ? inDateOrder(found.results, state.sort === "nyeste") : inOrder(found.results);
      render([], found.results.length);
      state.counts = { filtered: found.filters || {}, total: found.totalFilters || {} };
      if (filtersLoaded) filtersLoaded.then(function () { showCounts(state.counts.filtered, state.counts.total); });
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
    return state.take(PAGE_SIZE).then(function (pages) {
      if (token !== state.token) return;
      state.shown += pages.length;
      if (parseQuery(state.query).keys.length) pages = preferCase(pages, state.query, !state.sort);
      pages.forEach(appendResult);
      var button = el("[data-archive-search-more]");
      if (button) button.hidden = state.shown >= state.results.length;
    });
  }

  /* The next n results' pages, in Pagefind's order. */
  function inOrder(results) {
    var next = 0;
    return function (n) {
      var batch = results.slice(next, next + n);
      next += batch.length;
      return Promise.all(batch.map(function (r) { return r.data(); }));
    };
  }

  /* The next n results' pages by date, over several search groups. Pagefind sorts each group's results
     right, but its merged list interleaves them by their place within their own group. Each group's
     results are told apart by their score (the place times the group's weight, 1 + k * GROUP_WEIGHT_STEP,
     see mergeGroups; place 0 cannot be told apart and stands alone), and the groups' lists are merged
     by the meetings' dates: a page is loaded only when it heads its list, so a page of results costs at
     most one page more per group than it shows. */
  function inDateOrder(results, newestFirst) {
    var lists = {};
    var heads = [];
    results.forEach(function (r) {
      var score = Math.abs(r.score);
      var place = Math.round(score);
      var key = place ? "g" + Math.round((score - place) / (place * GROUP_WEIGHT_STEP)) : "p" + heads.length;
      if (!lists[key]) { lists[key] = { results: [], next: 0 }; heads.push(lists[key]); }
      lists[key].results.push(r);
    });
    function page(r) { return r.loaded || (r.loaded = r.data()); }
    function before(a, b) {
      var x = (a.meta || {}).dato || "", y = (b.meta || {}).dato || "";
      return newestFirst ? x > y : x < y;
    }
    return function take(n) {
      var out = [];
      function step() {
        var live = heads.filter(function (list) { return list.next < list.results.length; });
        if (out.length >= n || !live.length) return Promise.resolve(out);
        return Promise.all(live.map(function (list) { return page(list.results[list.next]); })).then(function (pages) {
          var best = 0;
          pages.forEach(function (candidate, i) { if (before(candidate, pages[best])) best = i; });
          live[best].next += 1;
          out.push(pages[best]);
          return step();
        });
      }
      return step();
    };
  }

  /* "sak 97/20" is searched as "97/20": "sak" is on every page, and its part of the index alone is
     larger than the rest of a search together (450 KB at 10,000 meetings). */
  var CASE_WORDS = /(^|\s)(sak|saken|saker|saksnr\.?|saksnummer|nr\.?)(?=\s|$)/gi;

  /* Words on nearly every page: their index chunks are large (hundreds of KB at 10,000 meetings) and
     they do not narrow a search. They are left out of queries that have other words (not in "quotes"). */
  var COMMON = ("og i på til av for med som er det den de en et ei å om at fra har ikke kan var ble blir skal " +
    "vil seg sin sitt sine så men eller da der her etter under over mot ved hos også alle nye ny sak saken " +
    "saker sakene møte møtet møter").split(" ");

  /* The case numbers of a query, as case keys (66/20: the number without leading zeros, a two-digit
     year), and its other words. */
  function parseQuery(query) {
    var keys = [];
    var rest = query.replace(CASE_IN_QUERY, function (all, number, year) {
      var key = parseInt(number, 10) + "/" + year.slice(-2);
      if (keys.indexOf(key) === -1) keys.push(key);
      return " ";
    });
    if (keys.length) rest = rest.replace(CASE_WORDS, " ");
    return { keys: keys, words: pagefindQuery(rest) };
  }

  /* A query with case numbers. Which meetings: each case number's exact search (no prefix: 66/20 must
     not find 66/2014). In what order, and where in each meeting: one normal search for the case numbers
     and the other words together (Pagefind's exact search scores every page alike and reports only a
     word's first place in a page, so it cannot rank or point to the case's section). */
  function runSearch(parsed, options) {
    if (!parsed.keys.length) return pagefind.search(parsed.words || null, options);
    var exact = parsed.keys.map(function (key) { return pagefind.search('"' + key + '"', options); });
    var ranked = pagefind.search(parsed.keys.concat(parsed.words ? [parsed.words] : []).join(" "), options);
    return Promise.all(exact.concat([ranked])).then(function (all) {
      var ranking = all.pop();
      var found = all.map(function (one) {
        var ids = {};
        one.results.forEach(function (r) { ids[r.id] = true; });
        return ids;
      });
      return {
        results: ranking.results.filter(function (r) { return found.every(function (ids) { return ids[r.id]; }); }),
        filters: all[0].filters, totalFilters: all[0].totalFilters,
      };
    });
  }

  function pagefindQuery(query) {
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

  function preferCase(pages, query, reorderPages) {
    var wanted = parseQuery(query).keys[0];
    pages.forEach(function (page) {
      page.sub_results.sort(function (a, b) {
        return (caseKey(cleanTitle(b.title)) === wanted) - (caseKey(cleanTitle(a.title)) === wanted) ||
          sectionScore(b) - sectionScore(a);
      });
      page.hasCase = page.sub_results.some(function (s) { return caseKey(cleanTitle(s.title)) === wanted; });
      page.caseFirst = page.hasCase;
    });
    if (!reorderPages) return pages;  // an order chosen by the visitor (by date) is kept
    return pages.filter(function (p) { return p.hasCase; }).concat(pages.filter(function (p) { return !p.hasCase; }));
  }

  /* The search in the address bar (replaceState: no new history entry per keystroke). */
  function rememberAddress() {
    var params = new URLSearchParams(location.search);
    forgetParams(params);
    if (state.query) params.set(ADDRESS_QUERY, state.query);
    Object.keys(ADDRESS).forEach(function (name) {
      if (state.filters[name]) params.set(ADDRESS[name], state.filters[name]);
    });
    if (state.sort) params.set(ADDRESS_SORT, state.sort);
    replaceAddress(params);
  }

  function forgetParams(params) {
    params.delete(ADDRESS_QUERY);
    params.delete(ADDRESS_SORT);
    Object.keys(ADDRESS).forEach(function (name) { params.delete(ADDRESS[name]); });
  }

  function forgetAddress() {
    var params = new URLSearchParams(location.search);
    forgetParams(params);
    replaceAddress(params);
  }

  function replaceAddress(params) {
    var search = params.toString();
    var address = location.pathname + (search ? "?" + search : "") + location.hash;
    if (address !== location.pathname + location.search + location.hash) {
      history.replaceState(history.state, "", address);
    }
  }

  /* An address with a search in it (a shared link, a bookmark, "back" from a result) opens the search. */
  function restoreFromAddress() {
    var params = new URLSearchParams(location.search);
    var query = params.get(ADDRESS_QUERY) || "";
    var wanted = {};
    Object.keys(ADDRESS).forEach(function (name) {
      var value = params.get(ADDRESS[name]);
      if (value) wanted[name] = value;
    });
    var sort = params.get(ADDRESS_SORT) || "";
    if (!query && !Object.keys(wanted).length) return;
    open();
    if (input()) input().value = query;
    if (sortSelect() && SORTS[sort]) sortSelect().value = sort;
    if (!Object.keys(wanted).length) { search(); return; }
    var box = el("[data-archive-search-filters]");
    if (box) box.open = true;
    load().then(showFilters).then(function () {
      Object.keys(wanted).forEach(function (name) {
        var select = filterSelect(name);
        if (!select) return;
        var known = Array.prototype.some.call(select.options, function (o) { return o.value === wanted[name]; });
        if (!known) addOption(select, wanted[name], wanted[name]);  // an old link: searched as given
        select.value = wanted[name];
      });
      narrowBodies();
      search();
    }).catch(function () { search(); });
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
    var target = event.target;
    if (!target || !target.matches) return;
    if (target.matches("[data-archive-search-filters] select[data-filter=organisasjon]")) narrowBodies();
    if (target.matches("[data-archive-search-filters] select[data-filter=organ]") && target.value) {
      // a body chosen first: its organisation is chosen with it, so the two never disagree
      var organisation = (target.selectedOptions[0] || {}).dataset.organisation;
      if (organisation && filterSelect("organisasjon")) {
        var organisations = filterSelect("organisasjon");
        if (!Array.prototype.some.call(organisations.options, function (o) { return o.value === organisation; })) {
          addOption(organisations, organisation, organisation);
        }
        organisations.value = organisation;
        narrowBodies();
      }
    }
    if (target.matches("[data-archive-search-filters] select")) search();
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
    if (target.closest("[data-archive-search-list] a")) close(true);  // leaving for a result
  });

  restoreFromAddress();
})();

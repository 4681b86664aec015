/* artlint audit report: the findings explorer. Renders one page of files at a time from the JSON
   block; every string from the records goes into the page through textContent, never as markup.
   Columns are 1-based Unicode code points (JS strings are UTF-16, so lines are split with
   Array.from before slicing). */
(function () {
  "use strict";

  var PAGE_SIZE = 50; // files per page
  var FIRST_ROWS = 100; // findings shown per file before "show more"
  var MORE_ROWS = 500;
  var OPEN_BUDGET = 600; // files open on a page until this many findings are shown
  var CONTEXT = 160; // code points of the line kept on each side of the span

  var data = JSON.parse(document.getElementById("audit-data").textContent);
  var SEV = data.severities;
  var rules = data.rules; // [rule, category]
  var texts = data.texts;
  var files = data.files; // [path, status, message, errors, warnings, infos, first diag, diag count]
  var diags = data.diags; // [line, col, end line, end col, rule, severity, message, line text, match|null, fix|null]
  var F_PATH = 0, F_STATUS = 1, F_MESSAGE = 2, F_START = 6, F_COUNT = 7;
  var D_LINE = 0, D_COL = 1, D_ELINE = 2, D_ECOL = 3, D_RULE = 4, D_SEV = 5, D_MSG = 6, D_TEXT = 7, D_MATCH = 8, D_FIX = 9;

  var $ = function (id) { return document.getElementById(id); };
  var ui = {
    path: $("filter-path"), category: $("filter-category"), rule: $("filter-rule"),
    severity: $("filter-severity"), order: $("filter-order"), clean: $("filter-clean"),
    reset: $("filter-reset"), status: $("filter-status"), list: $("file-list"),
    expand: $("expand-all"), collapse: $("collapse-all")
  };
  var fmt = function (n) { return n.toLocaleString("en-US"); };
  var plural = function (n, one, many) { return fmt(n) + " " + (n === 1 ? one : many); };

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }

  // -- the filter controls --------------------------------------------------------------------
  var ruleCount = new Array(rules.length).fill(0);
  var sevCount = [0, 0, 0];
  for (var i = 0; i < diags.length; i++) {
    ruleCount[diags[i][D_RULE]]++;
    sevCount[diags[i][D_SEV]]++;
  }
  var catCount = new Map();
  rules.forEach(function (r, k) { catCount.set(r[1], (catCount.get(r[1]) || 0) + ruleCount[k]); });

  function addOptions(select, entries) {
    entries.sort(function (a, b) { return b[1] - a[1] || (a[0] < b[0] ? -1 : 1); });
    entries.forEach(function (e) {
      if (e[1] > 0) select.appendChild(new Option(e[0] + " (" + fmt(e[1]) + ")", e[0]));
    });
  }
  addOptions(ui.category, Array.from(catCount.entries()));
  var ruleNames = new Map();
  rules.forEach(function (r, k) { ruleNames.set(r[0], (ruleNames.get(r[0]) || 0) + ruleCount[k]); });
  addOptions(ui.rule, Array.from(ruleNames.entries()));
  SEV.forEach(function (s, k) {
    if (sevCount[k]) ui.severity.appendChild(new Option(s + " (" + fmt(sevCount[k]) + ")", s));
  });

  // -- filtering --------------------------------------------------------------------------------
  var state = { page: 0, visible: [], hits: null, ruleOk: null, sevOk: null, filtered: false, matching: 0 };

  function applyFilters() {
    var category = ui.category.value, rule = ui.rule.value, severity = ui.severity.value;
    var needle = ui.path.value.trim().toLowerCase();
    state.filtered = Boolean(category || rule || severity);
    state.ruleOk = rules.map(function (r) {
      return (!category || r[1] === category) && (!rule || r[0] === rule);
    });
    state.sevOk = SEV.map(function (s) { return !severity || s === severity; });
    var hits = new Int32Array(files.length * 4); // errors, warnings, infos, total that match
    var visible = [];
    var matching = 0;
    for (var f = 0; f < files.length; f++) {
      var file = files[f];
      if (needle && file[F_PATH].toLowerCase().indexOf(needle) === -1) continue;
      var start = file[F_START], end = start + file[F_COUNT];
      for (var d = start; d < end; d++) {
        var diag = diags[d];
        if (state.ruleOk[diag[D_RULE]] && state.sevOk[diag[D_SEV]]) {
          hits[f * 4 + diag[D_SEV]]++;
          hits[f * 4 + 3]++;
        }
      }
      var total = hits[f * 4 + 3];
      matching += total;
      if (total > 0 || (!state.filtered && (file[F_STATUS] !== 0 || ui.clean.checked))) visible.push(f);
    }
    if (ui.order.value === "worst") {
      visible.sort(function (a, b) {
        return hits[b * 4] - hits[a * 4] || hits[b * 4 + 1] - hits[a * 4 + 1] ||
          hits[b * 4 + 3] - hits[a * 4 + 3] || a - b;
      });
    }
    state.hits = hits;
    state.visible = visible;
    state.matching = matching;
    state.page = 0;
    render();
  }

  function matches(d) {
    var diag = diags[d];
    return state.ruleOk[diag[D_RULE]] && state.sevOk[diag[D_SEV]];
  }

  // -- one finding ------------------------------------------------------------------------------
  var cpCache = new Map();
  function codePoints(textIndex) {
    var cps = cpCache.get(textIndex);
    if (!cps) {
      cps = Array.from(texts[textIndex]);
      cpCache.set(textIndex, cps);
    }
    return cps;
  }

  function describe(chars) {
    return Array.from(chars).map(function (c) {
      var hex = c.codePointAt(0).toString(16).toUpperCase();
      return "U+" + "0000".slice(hex.length < 4 ? hex.length : 4) + hex;
    }).join(" ");
  }

  function codeLine(diag) {
    var cps = codePoints(diag[D_TEXT]);
    var start = Math.min(Math.max(diag[D_COL] - 1, 0), cps.length);
    var multi = diag[D_ELINE] !== diag[D_LINE];
    var end = multi ? cps.length : Math.min(Math.max(diag[D_ECOL] - 1, start), cps.length);
    var from = Math.max(start - CONTEXT, 0), to = Math.min(end + CONTEXT, cps.length);
    var pre = el("pre", "code");
    pre.appendChild(el("span", "ln", String(diag[D_LINE])));
    pre.appendChild(el("span", "before", (from > 0 ? "…" : "") + cps.slice(from, start).join("")));
    var span = cps.slice(start, end).join("");
    var mark = el("mark", "hl", span);
    if (span === "") {
      mark.classList.add("empty");
      mark.title = "an empty span: the finding points between two characters";
    } else if (!/\S/.test(span) || /[\u200B-\u200D\u2060\uFEFF]/.test(span)) {
      mark.classList.add("ws");
      mark.title = describe(span);
    }
    pre.appendChild(mark);
    pre.appendChild(el("span", "after", cps.slice(end, to).join("") + (to < cps.length ? "…" : "")));
    return pre;
  }

  function findingItem(d) {
    var diag = diags[d];
    var rule = rules[diag[D_RULE]], sev = SEV[diag[D_SEV]];
    var li = el("li", "diag sev-" + sev);
    var head = el("div", "diag-head");
    var pos = diag[D_LINE] + ":" + diag[D_COL];
    if (diag[D_ELINE] !== diag[D_LINE]) pos += "–" + diag[D_ELINE] + ":" + diag[D_ECOL];
    head.appendChild(el("span", "pos", pos));
    head.appendChild(el("span", "badge sev-" + sev, sev));
    head.appendChild(el("span", "rule", rule[0]));
    head.appendChild(el("span", "cat", rule[1]));
    head.appendChild(el("span", "msg", texts[diag[D_MSG]]));
    li.appendChild(head);
    li.appendChild(codeLine(diag));
    var match = diag[D_MATCH];
    if (match !== null && match !== undefined) {
      var m = el("div", "match-text");
      m.appendChild(el("span", "key", diag[D_ELINE] !== diag[D_LINE] ? "Whole match: " : "Match: "));
      m.appendChild(el("code", null, match.length > 600 ? match.slice(0, 600) + "…" : match));
      li.appendChild(m);
    }
    var fix = diag[D_FIX];
    if (fix !== null && fix !== undefined) {
      var fx = el("div", "fix");
      if (fix === "") {
        fx.textContent = "Fix: delete it";
      } else {
        fx.appendChild(el("span", "key", "Fix: replace with "));
        fx.appendChild(el("code", null, fix));
      }
      li.appendChild(fx);
    }
    return li;
  }

  // -- one file ---------------------------------------------------------------------------------
  function fileFindings(f) {
    var file = files[f], list = [];
    for (var d = file[F_START], end = d + file[F_COUNT]; d < end; d++) if (matches(d)) list.push(d);
    return list;
  }

  function fillFile(details, f) {
    if (details.dataset.filled) return;
    details.dataset.filled = "1";
    var found = fileFindings(f);
    var ol = el("ol", "diags");
    details.appendChild(ol);
    var shown = 0;
    var more = el("button", "more");
    more.type = "button";
    function showMore(count) {
      var stop = Math.min(shown + count, found.length);
      var frag = document.createDocumentFragment();
      for (; shown < stop; shown++) frag.appendChild(findingItem(found[shown]));
      ol.appendChild(frag);
      var left = found.length - shown;
      if (left > 0) {
        more.textContent = "Show " + fmt(Math.min(left, MORE_ROWS)) + " more (" + fmt(left) + " not shown)";
        if (!more.parentNode) details.appendChild(more);
      } else if (more.parentNode) {
        more.remove();
      }
    }
    more.addEventListener("click", function () { showMore(MORE_ROWS); });
    showMore(FIRST_ROWS);
  }

  function fileBlock(f, open) {
    var file = files[f], hits = state.hits;
    var details = el("details", "file");
    details.dataset.path = file[F_PATH];
    var summary = el("summary");
    summary.appendChild(el("span", "path", file[F_PATH]));
    if (/^https?:\/\//i.test(file[F_PATH])) {  // a published page: a link back to it
      var pageLink = el("a", "page-link", "open page");
      pageLink.href = file[F_PATH];
      pageLink.target = "_blank";
      pageLink.rel = "noopener noreferrer";
      summary.appendChild(pageLink);
    }
    var counts = el("span", "counts");
    SEV.forEach(function (s, k) {
      var n = hits[f * 4 + k];
      if (n) counts.appendChild(el("span", "badge sev-" + s, plural(n, s, s === "info" ? "info" : s + "s")));
    });
    var total = hits[f * 4 + 3];
    if (state.filtered && total !== file[F_COUNT]) counts.appendChild(el("span", "of", "of " + fmt(file[F_COUNT])));
    if (file[F_STATUS] !== 0) counts.appendChild(el("span", "badge failed", data.statuses[file[F_STATUS]]));
    else if (!file[F_COUNT]) counts.appendChild(el("span", "badge clean", "no findings"));
    summary.appendChild(counts);
    details.appendChild(summary);
    if (file[F_MESSAGE]) details.appendChild(el("p", "file-message", file[F_MESSAGE]));
    if (total) {
      details.fill = function () { fillFile(details, f); };
      details.addEventListener("toggle", function () { if (details.open) fillFile(details, f); });
      if (open) {
        details.open = true;
        fillFile(details, f);
      }
    } else if (file[F_MESSAGE]) {
      details.open = open;
    }
    return details;
  }

  // -- the page ---------------------------------------------------------------------------------
  function pages() { return Math.max(1, Math.ceil(state.visible.length / PAGE_SIZE)); }

  function render() {
    cpCache.clear();
    var count = state.visible.length, total = pages();
    state.page = Math.min(Math.max(state.page, 0), total - 1);
    var first = state.page * PAGE_SIZE, last = Math.min(first + PAGE_SIZE, count);
    var frag = document.createDocumentFragment();
    var budget = OPEN_BUDGET;
    for (var k = first; k < last; k++) {
      var f = state.visible[k];
      var rows = Math.min(state.hits[f * 4 + 3], FIRST_ROWS);
      var open = budget > 0;
      if (open) budget -= rows;
      frag.appendChild(fileBlock(f, open));
    }
    ui.list.replaceChildren(frag);
    if (!count) ui.list.appendChild(el("p", "empty", "No file matches these filters."));
    ui.status.textContent = count
      ? "Files " + fmt(first + 1) + "–" + fmt(last) + " of " + fmt(count) + " · " +
        plural(state.matching, "finding", "findings") + (state.filtered || ui.path.value.trim() ? " match" : "")
      : plural(state.matching, "finding", "findings") + " match";
    var info = "Page " + fmt(state.page + 1) + " of " + fmt(total);
    document.querySelectorAll(".page-info").forEach(function (span) { span.textContent = info; });
    document.querySelectorAll("button[data-go]").forEach(function (button) {
      var go = button.dataset.go;
      button.disabled = go === "first" || go === "prev" ? state.page === 0 : state.page >= total - 1;
    });
    document.querySelector(".pager-bottom").hidden = total < 2;
  }

  function goto(page, scroll) {
    state.page = page;
    render();
    if (scroll) $("findings").scrollIntoView({ block: "start" });
  }

  document.querySelectorAll("button[data-go]").forEach(function (button) {
    var bottom = Boolean(button.closest(".pager-bottom")); // from the bottom, go back to the top
    button.addEventListener("click", function () {
      var go = button.dataset.go;
      goto(go === "first" ? 0 : go === "prev" ? state.page - 1 : go === "next" ? state.page + 1 : pages() - 1, bottom);
    });
  });
  [ui.category, ui.rule, ui.severity, ui.order, ui.clean].forEach(function (c) {
    c.addEventListener("change", applyFilters);
  });
  var typing = 0;
  ui.path.addEventListener("input", function () {
    clearTimeout(typing);
    typing = setTimeout(applyFilters, 150);
  });
  ui.reset.addEventListener("click", function () {
    ui.path.value = ui.category.value = ui.rule.value = ui.severity.value = "";
    ui.order.value = "path";
    ui.clean.checked = false;
    applyFilters();
  });
  function openAll() {
    ui.list.querySelectorAll("details.file").forEach(function (d) {
      if (d.fill) d.fill(); // now, not on the toggle event, which comes too late for printing
      d.open = true;
    });
  }
  ui.expand.addEventListener("click", openAll);
  ui.collapse.addEventListener("click", function () {
    ui.list.querySelectorAll("details.file").forEach(function (d) { d.open = false; });
  });

  // The buttons in the tables above (a category, a rule, a worst file) set one filter.
  document.querySelectorAll("button.filter-link").forEach(function (button) {
    button.addEventListener("click", function () {
      var kind = button.dataset.filter, value = button.dataset.value;
      if (kind === "path") {
        ui.path.value = value;
        ui.category.value = ui.rule.value = ui.severity.value = "";
      } else {
        ui.category.value = kind === "category" ? value : "";
        ui.rule.value = kind === "rule" ? value : "";
        ui.severity.value = "";
      }
      applyFilters();
      $("findings").scrollIntoView({ block: "start" });
    });
  });

  // Printing shows the current page with every file open.
  window.addEventListener("beforeprint", openAll);

  applyFilters();
  document.body.dataset.ready = "1";
})();

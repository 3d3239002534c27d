// Search page (directory/site/search.py). Filters work on the build-time facet index (directory/site/facets.py):
// options in one group are OR, groups are AND, and each count is computed here, so they stay right with options
// ticked. Words go to Pagefind; its `slug` filter tells which providers matched, and its ranking orders them,
// unless the results are sorted by distance (docs/assets/distance.js).
// Every value from a profile is inserted as text (textContent), never as markup.
document.addEventListener("DOMContentLoaded", function () {
  "use strict";
  var root = document.getElementById("directory-search");
  if (!root) return;
  var $ = function (selector) { return root.querySelector(selector); };
  var shortlist = window.ReferralDirectory;
  var pageSize = +root.dataset.pageSize, wordPageSize = +root.dataset.wordPageSize;
  var providersUrl = root.dataset.providers, slugFilter = root.dataset.slugFilter;
  var input = $("#search-words"), summary = $(".search-summary"), list = $(".search-results");
  var more = $(".search-more"), clear = $(".search-clear"), groupsBox = $(".search-filters__groups");

  var data, count, words32, bits = [], groupOf = [], groupCodes = [], slugIndex = new Map();
  var selected = new Set(), words = "", wordMask = null, ranked = null, shown = 0, sequence = 0, pagefind = null;
  var countLabels = [], checkboxes = [], distance = null, ordered = null;

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function popcount(mask) {
    var total = 0;
    for (var i = 0; i < mask.length; i++) {
      var v = mask[i] - ((mask[i] >>> 1) & 0x55555555);
      v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
      total += (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
    }
    return total;
  }
  function and(a, b) { var out = new Uint32Array(a.length); for (var i = 0; i < a.length; i++) out[i] = a[i] & b[i]; return out; }
  function or(a, b) { var out = new Uint32Array(a.length); for (var i = 0; i < a.length; i++) out[i] = a[i] | b[i]; return out; }
  function all() {
    var mask = new Uint32Array(words32).fill(0xffffffff);
    if (count % 32) mask[words32 - 1] = (1 << (count % 32)) - 1;
    return mask;
  }
  function has(mask, i) { return (mask[i >>> 5] >>> (i & 31)) & 1; }

  function load(facets) {
    data = facets;
    count = data.providers.length;
    words32 = Math.max(1, Math.ceil(count / 32));
    data.groups.forEach(function (group, g) {
      groupCodes[g] = [];
      group.options.forEach(function () {
        groupCodes[g].push(bits.length);
        groupOf.push(g);
        bits.push(new Uint32Array(words32));
      });
    });
    data.providers.forEach(function (row, i) {
      slugIndex.set(row[0], i);
      row[4].forEach(function (code) { bits[code][i >>> 5] |= 1 << (i & 31); });
    });
    buildFilters();
    if (window.ReferralDistance) {
      distance = window.ReferralDistance.control($(".search-sort"), data, function () { update(false).catch(failed); });
    }
  }

  function buildFilters() {
    var narrow = window.matchMedia("(max-width: 44.9375em)").matches;  // on a phone the results come first
    data.groups.forEach(function (group, g) {
      var details = el("details", "filter-group");
      details.open = !narrow;
      details.appendChild(el("summary", "filter-group__title", group.name));
      var fieldset = el("fieldset");
      fieldset.appendChild(el("legend", "visually-hidden", group.name));
      group.options.forEach(function (label, index) {
        var code = groupCodes[g][index];
        var option = el("label", "filter-option");
        var box = el("input");
        box.type = "checkbox"; box.name = group.name; box.value = label;
        box.addEventListener("change", function () {
          if (box.checked) selected.add(code); else selected.delete(code);
          update(false);
        });
        checkboxes[code] = box;
        countLabels[code] = el("span", "filter-option__count");
        option.append(box, el("span", "filter-option__label", label), countLabels[code]);
        fieldset.appendChild(option);
      });
      details.appendChild(fieldset);
      groupsBox.appendChild(details);
    });
  }

  // The providers listed now, and every option's count (see the page's explanation of the numbers).
  function compute() {
    var base = wordMask || all(), masks = data.groups.map(function () { return null; });
    selected.forEach(function (code) {
      var g = groupOf[code];
      masks[g] = masks[g] ? or(masks[g], bits[code]) : bits[code];
    });
    var result = base;
    masks.forEach(function (mask) { if (mask) result = and(result, mask); });
    data.groups.forEach(function (group, g) {
      var others = base;
      masks.forEach(function (mask, h) { if (mask && h !== g) others = and(others, mask); });
      groupCodes[g].forEach(function (code) {
        var widened = selected.has(code) || !masks[g] ? bits[code] : or(masks[g], bits[code]);
        countLabels[code].textContent = popcount(and(others, widened)).toLocaleString("en");
      });
    });
    return result;
  }

  function matches(result) {
    var found = [];
    for (var i = 0; i < count; i++) if (has(result, i)) found.push(i);
    return found;
  }
  function sortingByDistance() { return Boolean(distance && distance.active()); }

  async function update(wordsChanged) {
    var mine = ++sequence;
    root.setAttribute("aria-busy", "true");
    clear.hidden = selected.size === 0;
    if (wordsChanged) {
      wordMask = null;
      if (words) {
        summary.textContent = "Searching…";
        var search = await (await getPagefind()).search(words, { filters: filterAll() });
        if (mine !== sequence) return;
        wordMask = new Uint32Array(words32);
        Object.entries((search.filters || {})[slugFilter] || {}).forEach(function (entry) {
          var i = slugIndex.get(entry[0]);
          if (entry[1] > 0 && i !== undefined) wordMask[i >>> 5] |= 1 << (i & 31);
        });
      }
    }
    var result = compute(), total = popcount(result);
    ranked = null;
    ordered = sortingByDistance() ? distance.order(matches(result)) : null;
    if (words && total && !ordered) {
      var slugs = selected.size ? matches(result).map(function (i) { return data.providers[i][0]; }) : null;
      var found = await (await getPagefind()).search(words, { filters: slugs ? filterOnly(slugs) : filterAll() });
      if (mine !== sequence) return;
      ranked = found.results;
    }
    list.replaceChildren();
    shown = 0;
    await showMore(result, total, mine, false);
    if (mine !== sequence) return;
    // Last, so a count on screen always goes with the cards below it.
    summary.textContent = total.toLocaleString("en") + (total === 1 ? " result" : " results") +
      (words ? " for " + words : "") + (ordered ? ", nearest to " + distance.label() + " first" : "");
    root.setAttribute("aria-busy", "false");
  }

  function filterAll() { var f = {}; f[slugFilter] = { not: "\u0000" }; return f; }
  function filterOnly(slugs) { var f = {}; f[slugFilter] = { any: slugs }; return f; }

  var current = null;
  async function showMore(result, total, mine, moveFocus) {
    current = { result: result, total: total };
    var first = null, cards = [];
    if (ordered) {
      ordered.slice(shown, shown + pageSize).forEach(function (i) { cards.push(card(i, null)); });
      shown += cards.length;
    } else if (ranked) {
      var batch = ranked.slice(shown, shown + wordPageSize);
      var found = await Promise.all(batch.map(function (r) { return r.data(); }));
      if (mine !== sequence) return;
      found.forEach(function (page) {
        var match = /\/providers\/([^/]+)\/?$/.exec(new URL(page.url, location.href).pathname);
        var i = match ? slugIndex.get(decodeURIComponent(match[1])) : undefined;
        if (i !== undefined) cards.push(card(i, page.excerpt));
      });
      shown += batch.length;
    } else {
      for (var i = 0, skipped = 0; i < count && cards.length < pageSize; i++) {
        if (!has(result, i)) continue;
        if (skipped++ < shown) continue;
        cards.push(card(i, null));
      }
      shown += cards.length;
    }
    cards.forEach(function (node) { list.appendChild(node); if (!first) first = node; });
    var left = total - shown;
    more.hidden = left <= 0;
    more.textContent = "Show " + Math.min(left, ranked ? wordPageSize : pageSize) + " more of " +
      left.toLocaleString("en") + " not shown";
    if (moveFocus && first) first.querySelector("a").focus();
  }

  function wait(days) {
    if (days < 0) return "Not stated";
    if (days === 0) return "No wait";
    return "About " + days + " day" + (days === 1 ? "" : "s") + (days >= 14 ? " (" + Math.round(days / 7) + " weeks)" : "");
  }

  function labels(row, key) {
    var g = data.groups.findIndex(function (group) { return group.key === key; });
    if (g < 0) return "";
    return row[4].filter(function (code) { return groupOf[code] === g; })
      .map(function (code) { return data.groups[g].options[code - groupCodes[g][0]]; }).join(", ");
  }

  function excerptNode(html) {  // Pagefind's excerpt is escaped text with <mark>: rebuild it from text nodes only
    var p = el("p", "result-card__excerpt");
    new DOMParser().parseFromString(html, "text/html").body.childNodes.forEach(function (node) {
      p.appendChild(node.nodeName === "MARK" ? el("mark", "", node.textContent) : document.createTextNode(node.textContent));
    });
    return p;
  }

  function card(i, excerpt) {
    var row = data.providers[i], slug = row[0], name = row[1];
    var item = el("li", "result-card");
    var title = el("h3", "result-card__title"), link = el("a", "", name);
    link.href = providersUrl + encodeURIComponent(slug) + "/";
    title.appendChild(link);
    item.appendChild(title);
    if (excerpt) item.appendChild(excerptNode(excerpt));
    var facts = el("dl", "result-card__facts");
    [["Distance", sortingByDistance() ? window.ReferralDistance.describe(distance.km(i)) : ""],
     ["City", row[2] >= 0 ? data.cities[row[2]] : "No in-person location"],
     ["Accepting new clients", labels(row, "accepting")], ["Typical wait", wait(row[3])],
     ["Fees", labels(row, "fees")], ["Delivery", labels(row, "delivery")]].forEach(function (fact) {
      if (!fact[1]) return;
      var pair = el("div", "result-card__fact");
      pair.append(el("dt", "", fact[0]), el("dd", "", fact[1]));
      facts.appendChild(pair);
    });
    item.appendChild(facts);
    if (shortlist) item.appendChild(shortlist.toggleButton(slug, name));
    return item;
  }

  async function getPagefind() {
    if (!pagefind) {
      pagefind = import(new URL(root.dataset.pagefind, document.baseURI).href).then(async function (module) {
        await module.options({ excerptLength: 24 });
        return module;
      });
    }
    return pagefind;
  }

  var typing = null;
  function setWords(value, now) {
    clearTimeout(typing);
    typing = setTimeout(function () {
      var next = value.trim().replace(/\s+/g, " ");
      if (next === words) return;
      words = next;
      update(true).catch(failed);
    }, now ? 0 : 300);
  }
  input.addEventListener("input", function () { setWords(input.value, false); });
  $(".search-form").addEventListener("submit", function (event) { event.preventDefault(); setWords(input.value, true); });
  clear.addEventListener("click", function () {
    selected.clear();
    checkboxes.forEach(function (box) { if (box) box.checked = false; });
    update(false).catch(failed);
    input.focus();
  });
  more.addEventListener("click", function () {
    showMore(current.result, current.total, sequence, true).catch(failed);
  });

  function failed(error) {
    summary.textContent = "Search could not load (" + error.message + "). Browse the categories, levels of care " +
      "or the A–Z list instead.";
  }

  shortlist.fetchJSON(root.dataset.facets).then(function (facets) {
    load(facets);
    var query = new URLSearchParams(location.search).get("q");  // from the home page's search form
    if (query) { input.value = query; words = query.trim().replace(/\s+/g, " "); }
    return update(Boolean(words));
  }).then(function () { root.classList.add("is-ready"); }).catch(failed);
});

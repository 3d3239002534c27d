// Short-list page (directory/site/shortlist.py): the saved providers, up to four side by side, and a plain
// handout for the client. Details come from the JSON the build wrote for each provider; every value is inserted
// with textContent, never as markup. Which providers are chosen is kept with the list, in this browser only.
document.addEventListener("DOMContentLoaded", function () {
  "use strict";
  var root = document.getElementById("shortlist"), shortlist = window.ReferralDirectory;
  if (!root || !shortlist) return;
  root.hidden = false;
  var CHOSEN = "referral-directory:compare", max = +root.dataset.compareMax;
  var intake = root.dataset.intakeUrl, dataUrl = root.dataset.data, providersUrl = root.dataset.providers;
  var $ = function (selector) { return root.querySelector(selector); };
  var details = new Map();

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }
  function link(text, href, className) { var a = el("a", className, text); a.href = href; return a; }
  function bullets(values) { var ul = el("ul"); values.forEach(function (v) { ul.appendChild(el("li", "", v)); }); return ul; }

  function chosen(entries) {
    var slugs;
    try { slugs = JSON.parse(localStorage.getItem(CHOSEN)); } catch (error) { slugs = null; }
    var listed = entries.map(function (entry) { return entry.slug; });
    if (!Array.isArray(slugs)) slugs = listed.slice(0, max);  // at first, the first four
    return slugs.filter(function (slug) { return listed.indexOf(slug) >= 0; }).slice(0, max);
  }
  function choose(slugs) {
    try { localStorage.setItem(CHOSEN, JSON.stringify(slugs)); } catch (error) { /* private mode */ }
  }

  async function detailsOf(slug) {
    if (!details.has(slug)) {
      details.set(slug, shortlist.fetchJSON(dataUrl + encodeURIComponent(slug) + ".json.gz").catch(function () { return null; }));
    }
    return details.get(slug);
  }

  async function render() {
    var entries = shortlist.list(), picked = chosen(entries);
    $(".shortlist-empty").hidden = entries.length > 0;
    $(".shortlist-hint").hidden = entries.length === 0;
    $(".shortlist-clear").hidden = entries.length === 0;
    renderItems(entries, picked);
    var found = await Promise.all(picked.map(detailsOf));
    var listedNow = shortlist.list().map(function (e) { return e.slug; });
    if (chosen(shortlist.list()).join() !== picked.join() || listedNow.length !== entries.length) return;  // changed meanwhile
    var providers = picked.map(function (slug, index) {
      return found[index] || { slug: slug, name: nameOf(entries, slug), missing: true };
    });
    renderCompare(providers);
    renderHandout(providers);
  }
  function nameOf(entries, slug) { return (entries.find(function (e) { return e.slug === slug; }) || {}).name || slug; }

  function renderItems(entries, picked) {
    var list = $(".shortlist-items");
    list.replaceChildren();
    entries.forEach(function (entry) {
      var item = el("li", "shortlist-item"), label = el("label", "shortlist-item__choose"), box = el("input");
      box.type = "checkbox";
      box.checked = picked.indexOf(entry.slug) >= 0;
      box.disabled = !box.checked && picked.length >= max;
      box.addEventListener("change", function () {
        var now = chosen(shortlist.list()).filter(function (slug) { return slug !== entry.slug; });
        if (box.checked) now.push(entry.slug);
        choose(now.slice(0, max));
        render();
      });
      label.append(box, " Compare ", el("strong", "", entry.name));
      var remove = el("button", "md-button shortlist-remove", "Remove");
      remove.type = "button";
      remove.appendChild(el("span", "visually-hidden", " " + entry.name + " from the short list"));
      remove.addEventListener("click", function () {
        shortlist.remove(entry.slug);
        $(".shortlist-status").textContent = "Removed " + entry.name + " from the short list.";
      });
      var page = link("Provider page", providersUrl + encodeURIComponent(entry.slug) + "/");
      page.appendChild(el("span", "visually-hidden", ": " + entry.name));
      var refer = link("Request a referral", referral(entry.slug));
      refer.appendChild(el("span", "visually-hidden", ": " + entry.name));
      var actions = el("span", "shortlist-item__actions");
      actions.append(page, " · ", refer, " ", remove);
      item.append(label, " ", actions);
      list.appendChild(item);
    });
  }

  function referral(slug) { return intake + "/refer/" + encodeURIComponent(slug); }

  function howToRefer(p) {
    var box = el("div");
    box.appendChild(el("p", "", p.refer.self_referral ? "Self-referral: yes, clients can contact the service themselves."
      : "Self-referral: no, a referral is needed."));
    if (p.refer.requires.length) box.appendChild(el("p", "", "Referral requires: " + p.refer.requires.join(", ")));
    box.appendChild(el("p", "", p.refer.how));
    if (p.refer.documents.length) { box.appendChild(el("p", "", "Documents needed:")); box.appendChild(bullets(p.refer.documents)); }
    return box;
  }

  var ROWS = [
    ["Accepting new clients", function (p) { return p.accepting ? "Yes" : "No"; }],
    ["Mandate", function (p) { return p.mandate; }],
    ["Strengths", function (p) { return bullets(p.strengths); }],
    ["Limitations to consider", function (p) { return bullets(p.weaknesses); }],
    ["Typical wait", function (p) { return p.wait; }],
    ["Fees", function (p) { return p.fees; }],
    ["Languages", function (p) { return p.languages; }],
    ["Delivery", function (p) { return p.delivery; }],
    ["How to refer", howToRefer],
    ["Next step", function (p) {
      var a = link("Request a referral", referral(p.slug), "md-button md-button--primary");
      a.appendChild(el("span", "visually-hidden", ": " + p.name));
      return a;
    }],
  ];

  function renderCompare(providers) {
    var head = $(".compare thead"), body = $(".compare tbody");
    head.replaceChildren(); body.replaceChildren();
    if (!providers.length) {
      var empty = el("tr"), cell = el("td", "", "Tick providers in the list above to compare them.");
      empty.appendChild(cell); body.appendChild(empty);
      return;
    }
    var top = el("tr");
    top.appendChild(el("td"));
    providers.forEach(function (p) {
      var th = el("th");
      th.scope = "col";
      th.appendChild(link(p.name, providersUrl + encodeURIComponent(p.slug) + "/"));
      top.appendChild(th);
    });
    head.appendChild(top);
    ROWS.forEach(function (row) {
      var tr = el("tr"), th = el("th", "", row[0]);
      th.scope = "row";
      tr.appendChild(th);
      providers.forEach(function (p) {
        var td = el("td");
        if (p.missing) td.textContent = "No longer listed in the directory.";
        else { var value = row[1](p); if (typeof value === "string") td.textContent = value; else td.appendChild(value); }
        tr.appendChild(td);
      });
      body.appendChild(tr);
    });
  }

  function handoutParts(p) {  // [heading, [lines]] pairs, shared by the printed and the text handout
    if (p.missing) return [];
    var parts = [["", [p.summary]]];
    p.locations.forEach(function (place) {
      parts.push([place.name || "Address", place.lines.concat(place.hours ? ["Hours: " + place.hours] : [])]);
    });
    var contact = [];
    if (p.contact.phone) contact.push("Phone: " + p.contact.phone);
    if (p.contact.email) contact.push("Email: " + p.contact.email);
    if (p.contact.website) contact.push("Website: " + p.contact.website);
    if (contact.length) parts.push(["Contact", contact]);
    parts.push(["How to start", [p.refer.self_referral ? "You can contact them yourself." :
      "A referral is needed: ask the person who gave you this sheet."]]);
    parts.push(["Typical wait", [p.wait]], ["Fees", [p.fees]], ["Languages", [p.languages]]);
    return parts;
  }

  function renderHandout(providers) {
    var body = $(".handout-body");
    body.replaceChildren();
    var usable = providers.filter(function (p) { return !p.missing; });
    $(".handout-actions").hidden = usable.length === 0;
    if (!usable.length) { body.appendChild(el("p", "", "Tick providers in the list above to make a handout.")); return; }
    body.appendChild(el("p", "handout-date", "Services to contact, prepared " + new Date().toLocaleDateString("en-CA",
      { year: "numeric", month: "long", day: "numeric" }) + "."));
    usable.forEach(function (p) {
      var section = el("section", "handout-provider");
      section.appendChild(el("h3", "", p.name));
      handoutParts(p).forEach(function (part) {
        if (part[0]) section.appendChild(el("h4", "", part[0]));
        var text = el("p");
        part[1].forEach(function (line, index) { if (index) text.appendChild(el("br")); text.appendChild(document.createTextNode(line)); });
        section.appendChild(text);
      });
      body.appendChild(section);
    });
  }

  function handoutText(providers) {
    var lines = ["Services to contact", ""];
    providers.filter(function (p) { return !p.missing; }).forEach(function (p) {
      lines.push(p.name, "=".repeat(Math.min(p.name.length, 60)));
      handoutParts(p).forEach(function (part) {
        if (part[0]) lines.push(part[0] + ":");
        part[1].forEach(function (line) { lines.push((part[0] ? "  " : "") + line); });
      });
      lines.push("");
    });
    var crisis = document.querySelector(".crisis-notice");
    if (crisis) lines.push(crisis.textContent.replace(/\s+/g, " ").trim());
    return lines.join("\r\n") + "\r\n";
  }

  $(".handout-print").addEventListener("click", function () { window.print(); });
  $(".handout-download").addEventListener("click", async function () {
    var picked = chosen(shortlist.list()), found = await Promise.all(picked.map(detailsOf));
    var blob = new Blob([handoutText(found.filter(Boolean))], { type: "text/plain;charset=utf-8" });
    var a = link("", URL.createObjectURL(blob));
    a.download = "services-to-contact.txt";
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(function () { URL.revokeObjectURL(a.href); }, 1000);
  });
  $(".shortlist-clear").addEventListener("click", function () {
    shortlist.clear();
    $(".shortlist-status").textContent = "The short list is now empty.";
  });
  document.addEventListener("shortlist-change", render);
  render();
});

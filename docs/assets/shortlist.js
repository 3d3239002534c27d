// The short list of providers a clinician is weighing with a client. It is kept in this browser's localStorage
// only and never sent anywhere. Loaded on every page (overrides/main.html): it adds the "Add to short list"
// button to provider pages and gives the search and short-list pages what they share.
(function () {
  "use strict";
  var KEY = "referral-directory:shortlist";
  var SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
  var script = document.currentScript;
  var base = script ? script.dataset.base : "./";

  function valid(entry) { return entry && typeof entry.slug === "string" && SLUG.test(entry.slug) && typeof entry.name === "string"; }
  function read() {
    try {
      var stored = JSON.parse(localStorage.getItem(KEY) || "[]");
      return Array.isArray(stored) ? stored.filter(valid) : [];
    } catch (error) { return []; }
  }
  function write(entries) {
    try { localStorage.setItem(KEY, JSON.stringify(entries)); } catch (error) { /* private mode, or full */ }
    document.dispatchEvent(new CustomEvent("shortlist-change"));
  }
  window.addEventListener("storage", function (event) {  // another tab changed it
    if (event.key === KEY || event.key === null) document.dispatchEvent(new CustomEvent("shortlist-change"));
  });

  var api = {
    url: base + "shortlist/",
    list: read,
    has: function (slug) { return read().some(function (entry) { return entry.slug === slug; }); },
    add: function (slug, name) {
      if (!SLUG.test(slug) || api.has(slug)) return;
      write(read().concat([{ slug: slug, name: String(name).slice(0, 300) }]));
    },
    remove: function (slug) { write(read().filter(function (entry) { return entry.slug !== slug; })); },
    clear: function () { write([]); },

    // JSON the build wrote, gzipped like Pagefind's chunks: inflated here unless the server already did.
    fetchJSON: async function (url) {
      var response = await fetch(url);
      if (!response.ok) throw new Error(url + ": HTTP " + response.status);
      var bytes = new Uint8Array(await response.arrayBuffer());
      if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
        var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
        return JSON.parse(await new Response(stream).text());
      }
      return JSON.parse(new TextDecoder().decode(bytes));
    },

    // A button that adds a provider to the short list or takes it off, announcing the change.
    toggleButton: function (slug, name) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "md-button shortlist-toggle";
      button.dataset.slug = slug;
      button.dataset.name = name;
      button.addEventListener("click", function () {
        var adding = !api.has(slug);
        if (adding) api.add(slug, name); else api.remove(slug);
        announce((adding ? "Added " : "Removed ") + name + (adding ? " to" : " from") + " the short list (" +
          read().length + " in it).");
      });
      label(button, read());
      return button;
    },
  };

  function label(button, entries) {
    var on = entries.some(function (entry) { return entry.slug === button.dataset.slug; });
    button.textContent = on ? "Remove from short list" : "Add to short list";
    button.classList.toggle("is-listed", on);
    var hidden = document.createElement("span");
    hidden.className = "visually-hidden";
    hidden.textContent = ": " + button.dataset.name;
    button.appendChild(hidden);
  }
  document.addEventListener("shortlist-change", function () {
    var entries = read();
    document.querySelectorAll(".shortlist-toggle").forEach(function (button) { label(button, entries); });
  });
  window.ReferralDirectory = api;

  var status = null;
  function announce(text) {
    if (!status) {
      status = document.createElement("p");
      status.className = "visually-hidden shortlist-announcer";
      status.setAttribute("role", "status");
      document.body.appendChild(status);
    }
    status.textContent = text;
  }

  // Provider pages: the button beside "Request a referral", and a link to the list with its size.
  document.addEventListener("DOMContentLoaded", function () {
    var actions = document.querySelector("article.provider .provider-actions");
    var match = /\/providers\/([^/]+)\/(?:index\.html)?$/.exec(location.pathname);
    if (!actions || !match) return;
    var slug = decodeURIComponent(match[1]), heading = document.querySelector("article.provider h1");
    var link = document.createElement("a");
    link.className = "shortlist-link";
    link.href = api.url;
    function count() { link.textContent = "Short list (" + read().length + ")"; }
    document.addEventListener("shortlist-change", count);
    count();
    actions.append(" ", api.toggleButton(slug, heading ? heading.textContent.trim() : slug), " ", link);
  });
})();

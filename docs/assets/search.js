// The search page's `?q=` (from the home page form) starts the search with those words.
// Wait for Pagefind to load first: in faceted mode its load ends by listing every provider, and a search
// started earlier could lose that race and show the unfiltered list instead of the words' results.
document.addEventListener("DOMContentLoaded", function () {
  var query = new URLSearchParams(window.location.search).get("q");
  if (!query || typeof PagefindComponents === "undefined") return;
  var instance = PagefindComponents.getInstanceManager().getInstance("default");
  instance.triggerLoad().then(function () { instance.triggerSearch(query); });
});

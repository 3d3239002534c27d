// The search page's `?q=` (from the home page form) starts the search with those words.
document.addEventListener("DOMContentLoaded", function () {
  var query = new URLSearchParams(window.location.search).get("q");
  if (!query || typeof PagefindComponents === "undefined") return;
  PagefindComponents.getInstanceManager().getInstance("default").triggerSearch(query);
});

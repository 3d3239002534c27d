// Starts Pagefind's search UI on the search page; `?q=` (from the home page form) runs a first search.
document.addEventListener("DOMContentLoaded", function () {
  var root = document.getElementById("directory-search");
  if (!root || typeof PagefindUI === "undefined") return;
  var ui = new PagefindUI({
    element: "#directory-search",
    bundlePath: root.dataset.bundle,
    showImages: false,
    showSubResults: false,
    resetStyles: false,
    openFilters: JSON.parse(root.dataset.filters),
    translations: { placeholder: "Search providers: a need, a service, part of a mandate" }
  });
  var query = new URLSearchParams(window.location.search).get("q");
  if (query) ui.triggerSearch(query);
});

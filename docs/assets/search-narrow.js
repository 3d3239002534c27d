// Search page, before Pagefind's components start (they read their attributes once): on a narrow screen the
// filter groups start closed, or some 80 filter values would push the results far down.
(function () {
  var pane = document.querySelector("pagefind-filter-pane");
  if (pane && window.matchMedia("(max-width: 44.9375em)").matches) pane.removeAttribute("open");
})();

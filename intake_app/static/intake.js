// Progressive enhancement only: every page works without this file.
document.addEventListener("DOMContentLoaded", function () {
  // GOV.UK pattern: move focus to the error summary so screen reader users hear the problems first.
  var summary = document.querySelector("[data-focus]");
  if (summary) { summary.focus(); }
  document.querySelectorAll(".js-print").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });
});

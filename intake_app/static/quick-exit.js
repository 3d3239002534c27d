// Quick exit (the GOV.UK "Exit this page" pattern), for anyone at risk if seen on this site: the button, or
// Shift pressed three times in a row, replaces this page with a neutral one. location.replace keeps this page
// out of the back button; the neutral address is the button's own href (a setting), so without JavaScript the
// button still leaves. The same file is served by the site (docs/assets/) and the intake app
// (intake_app/static/); tests/site/test_quick_exit.py checks the copies are identical.
(function () {
  "use strict";
  var PRESSES = 3, WITHIN_MS = 5000;
  var presses = 0, first = 0;

  function target() {
    var button = document.querySelector("[data-quick-exit]");
    return button ? button.href : "about:blank";
  }

  function leave(event) {
    if (event) event.preventDefault();
    document.documentElement.classList.add("quick-exit-leaving");  // hide the page at once (CSS)
    document.title = "";
    var noReferrer = document.createElement("meta");  // the neutral site must not learn where the visitor was
    noReferrer.name = "referrer";
    noReferrer.content = "no-referrer";
    document.head.appendChild(noReferrer);
    window.location.replace(target());
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-quick-exit]");
    if (button) leave(event);
  });
  var clean = false;  // Shift went down and up with no other key: Shift held for a capital letter does not count
  document.addEventListener("keydown", function (event) {
    if (event.key === "Shift") { if (!event.repeat) clean = true; return; }
    clean = false;
    presses = 0;
  });
  document.addEventListener("keyup", function (event) {
    if (event.key !== "Shift" || !clean) return;
    clean = false;
    var now = Date.now();
    if (!presses || now - first > WITHIN_MS) { presses = 0; first = now; }
    presses += 1;
    if (presses >= PRESSES) { presses = 0; leave(); }
  });
})();

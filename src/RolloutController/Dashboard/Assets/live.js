// RolloutController dashboard: live updates without reloading, and hold countdowns. Served as committed (no build
// step). The page names what changes concern it (data-live-flag on <body>: a flag key, or * for any); the
// controller pushes a server-sent event within a second of each change, and the page fetches itself again and
// swaps its data-live regions, leaving forms (and what is typed into them) and keyboard focus where they are.
(function () {
  "use strict";

  function tick() {
    document.querySelectorAll("[data-countdown]").forEach(function (el) {
      var left = Math.max(0, Number(el.getAttribute("data-countdown")) - 1);
      el.setAttribute("data-countdown", String(left));
      el.textContent = format(left);
    });
  }

  // The policy language's units, like the server writes them: 1h30m, 45s.
  function format(seconds) {
    if (seconds <= 0) return "0s";
    var units = [["d", 86400], ["h", 3600], ["m", 60], ["s", 1]], out = "";
    units.forEach(function (u) {
      var n = Math.floor(seconds / u[1]);
      if (n > 0) { out += n + u[0]; seconds -= n * u[1]; }
    });
    return out;
  }

  setInterval(tick, 1000);
})();

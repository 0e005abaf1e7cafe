// RolloutController dashboard: hold countdowns. Served as committed (no build step). Every element with
// data-countdown (whole seconds left, written by the server with its first text) counts down once a second, in the
// format the server writes (HoldCountdown.cs; docs/dashboard.md, "Hold countdown"); a test holds both to one table.

// The countdown's text for whole seconds left: days, hours, minutes and seconds, largest first, each unit that is not
// zero (1d2h, 1h30m, 59m59s, 45s); 0s when none is left.
function holdCountdownText(seconds) {
  "use strict";
  var left = Math.ceil(Math.max(0, Number(seconds) || 0));
  if (left === 0) return "0s";
  var units = [["d", 86400], ["h", 3600], ["m", 60], ["s", 1]], out = "";
  units.forEach(function (u) {
    var n = Math.floor(left / u[1]);
    if (n > 0) { out += n + u[0]; left -= n * u[1]; }
  });
  return out;
}

setInterval(function () {
  "use strict";
  document.querySelectorAll("[data-countdown]").forEach(function (el) {
    var left = Math.max(0, Number(el.getAttribute("data-countdown")) - 1);
    el.setAttribute("data-countdown", String(left));
    el.textContent = holdCountdownText(left);
  });
}, 1000);

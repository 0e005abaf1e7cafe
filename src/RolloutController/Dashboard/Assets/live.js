// RolloutController dashboard: live updates without reloading (hold countdowns: countdown.js). Served as committed (no build
// step). The page names the changes that concern it (data-live-flag on <body>: a flag key, or * for any); the
// controller pushes a server-sent event on /dashboard/events as soon as what it serves changes, and the page fetches
// itself again and swaps its data-live regions in place, leaving forms (and what is typed in them) and keyboard
// focus where they are. Without script the pages still work; they just do not update by themselves.
(function () {
  "use strict";

  var watched = document.body.getAttribute("data-live-flag");
  var status = document.getElementById("live-status");
  var fetching = false, again = false;
  // A page that shows a move served but not stored yet (data-recheck) looks again after 1 s, then 2, 4 … at most 30 s,
  // until the store has it: storing changes nothing served, so no event announces it.
  var recheckDelay = 1000, recheckTimer = null;

  function recheck() {
    if (recheckTimer !== null) return;
    if (!document.querySelector("[data-recheck]")) { recheckDelay = 1000; return; }
    recheckTimer = setTimeout(function () { recheckTimer = null; refresh(); }, recheckDelay);
    recheckDelay = Math.min(recheckDelay * 2, 30000);
  }

  function say(text) { if (status) status.textContent = text; }

  function concerns(flags) {
    return watched === "*" || (Array.isArray(flags) && flags.indexOf(watched) >= 0);
  }

  function refresh() {
    if (fetching) { again = true; return; }
    fetching = true;
    fetch(window.location.href, { credentials: "same-origin", headers: { "Accept": "text/html" } })
      .then(function (response) {
        if (!response.ok) throw new Error(String(response.status));
        return response.text();
      })
      .then(function (html) {
        var fresh = new DOMParser().parseFromString(html, "text/html");
        var changed = 0;
        fresh.querySelectorAll("[data-live][id]").forEach(function (region) {
          var current = document.getElementById(region.id);
          if (current && current.innerHTML !== region.innerHTML && !current.contains(document.activeElement)) {
            current.innerHTML = region.innerHTML;
            changed++;
          }
        });
        if (changed > 0) {
          document.body.setAttribute("data-live-updated", String(Date.now()));
          say("Updated at " + new Date().toLocaleTimeString() + ".");
        }
      })
      .catch(function () { say("Live update failed; reload the page to see the latest."); })
      .then(function () {
        fetching = false;
        if (again) { again = false; refresh(); } else { recheck(); }
      });
  }

  if (watched) recheck();

  if (watched && window.EventSource) {
    var events = new EventSource("/dashboard/events");
    events.addEventListener("change", function (e) {
      try {
        if (concerns(JSON.parse(e.data).flags)) refresh();
      } catch (err) { refresh(); }
    });
    var interrupted = false, opened = false;
    events.onopen = function () {
      document.body.setAttribute("data-live-connected", "true");
      // Changes made while the stream was down, or between rendering this page and its first connection (an action's
      // page can be followed at once by the move it allowed), were not pushed to it: catch up once.
      if (interrupted || !opened) { opened = true; interrupted = false; say(""); refresh(); }
    };
    events.onerror = function () {
      interrupted = true;
      document.body.setAttribute("data-live-connected", "false");
      say("Live updates interrupted; reconnecting.");
    };
  }
})();

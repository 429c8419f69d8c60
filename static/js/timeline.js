// Timeline page: lay the events out to scale (horizontal on wide screens, vertical on phones)
// from the positions the server computed, and move between events with the arrow keys.
(function () {
  "use strict";
  var track = document.getElementById("timeline-track");
  if (!track) { return; }
  var events = Array.prototype.slice.call(track.querySelectorAll(".tl-event"));
  var bands = Array.prototype.slice.call(track.querySelectorAll(".era-band"));
  var wide = window.matchMedia("(min-width: 48rem)");
  var LANE_REM = 3.6, AXIS_REM = 2.2;

  function layOut() {
    var horizontal = wide.matches;
    track.classList.toggle("scaled-h", horizontal);
    track.classList.toggle("scaled-v", !horizontal);
    var lanes = parseInt(track.dataset.lanes, 10) || 1;
    track.style.width = horizontal ? track.dataset.length + "rem" : "";
    track.style.height = horizontal ? (lanes * LANE_REM + AXIS_REM + 1) + "rem" : "";
    events.forEach(function (li) {
      li.style.left = horizontal ? li.dataset.pos + "%" : "";
      li.style.top = horizontal ? (AXIS_REM + li.dataset.lane * LANE_REM) + "rem" : "";
      li.style.marginTop = horizontal ? "" : li.dataset.gap + "rem";
    });
    bands.forEach(function (band) {
      var start = parseFloat(band.dataset.start), end = parseFloat(band.dataset.end);
      band.style.left = horizontal ? start + "%" : "";
      band.style.width = horizontal ? Math.max(end - start, 0.5) + "%" : "";
    });
  }

  function summaries() {
    return events.map(function (li) { return li.querySelector("summary"); });
  }

  track.addEventListener("keydown", function (event) {
    var list = summaries();
    var at = list.indexOf(document.activeElement);
    if (at < 0) { return; }
    var next = {ArrowRight: at + 1, ArrowDown: at + 1, ArrowLeft: at - 1, ArrowUp: at - 1,
                Home: 0, End: list.length - 1}[event.key];
    if (next === undefined) { return; }
    event.preventDefault();
    list[Math.max(0, Math.min(list.length - 1, next))].focus();
  });

  // Only one event open at a time on a wide screen, so its text never covers another one's.
  track.addEventListener("toggle", function (event) {
    if (!wide.matches || !event.target.open) { return; }
    track.querySelectorAll("details[open]").forEach(function (d) { if (d !== event.target) { d.open = false; } });
  }, true);

  function openFromHash() {
    var target = location.hash && document.getElementById(location.hash.slice(1));
    if (!target || !target.classList.contains("tl-event")) { return; }
    target.querySelector("details").open = true;
    target.querySelector("summary").focus();
    target.scrollIntoView({block: "center", inline: "center"});
  }

  layOut();
  wide.addEventListener("change", layOut);
  if (document.readyState === "complete") { openFromHash(); } else { window.addEventListener("load", openFromHash); }
  window.addEventListener("hashchange", openFromHash);
}());

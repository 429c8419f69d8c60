// Count down the time left on a timed question page. The server keeps the real deadline;
// this only shows it, and says when the time is up.
(function () {
  "use strict";
  var timer = document.getElementById("time-left");
  if (!timer) { return; }
  var end = Date.now() + Number(timer.dataset.seconds) * 1000;

  function show() {
    var left = Math.max(0, Math.round((end - Date.now()) / 1000));
    if (left === 0) {
      timer.textContent = timer.dataset.expired;
      window.clearInterval(handle);
      return;
    }
    var secs = left % 60;
    timer.textContent = Math.floor(left / 60) + ":" + (secs < 10 ? "0" : "") + secs;
  }

  var handle = window.setInterval(show, 1000);
})();

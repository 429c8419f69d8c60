// Import job page: poll the job's JSON status, move the progress bar, and reload the page when
// the job has finished so the server shows its result or its errors.
(function () {
  "use strict";
  var box = document.querySelector("[data-job-status]");
  if (!box) { return; }
  var bar = box.querySelector("progress");
  var text = box.querySelector("[data-job-text]");

  function show(status) {
    if (status.finished) { window.location.reload(); return; }
    bar.value = status.percent;
    bar.textContent = status.percent + "%";
    if (text.textContent !== status.label) { text.textContent = status.label; }
    window.setTimeout(poll, 1000);
  }

  function poll() {
    fetch(box.getAttribute("data-job-status"), {credentials: "same-origin", headers: {"Accept": "application/json"}})
      .then(function (response) { return response.ok ? response.json() : Promise.reject(response.status); })
      .then(show)
      .catch(function () { window.setTimeout(poll, 5000); });
  }

  window.setTimeout(poll, 1000);
})();

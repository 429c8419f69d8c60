// Count down the time left on a timed question page. The server keeps the real deadline; at 0:00
// this sends what is on the page (the chosen answer, counted within the server's grace) or, with
// nothing chosen, asks the server to finish the attempt, and locks the form so it is not left live.
(function () {
  "use strict";
  var timer = document.getElementById("time-left");
  if (!timer) { return; }
  var end = Date.now() + Number(timer.dataset.seconds) * 1000;
  var answerForm = document.getElementById("answer-form");
  var timeUpForm = document.getElementById("time-up-form");

  function hasAnswer() {
    if (answerForm.querySelector("input[type=radio]:checked, #order-list")) { return true; }
    var typed = answerForm.querySelectorAll("input[type=text], input[type=number], input[type=month], input[type=date], select");
    return Array.prototype.some.call(typed, function (field) { return field.value.trim() !== ""; });
  }

  function lock() {
    var controls = answerForm.querySelectorAll("input:not([type=hidden]), button, select, textarea");
    Array.prototype.forEach.call(controls, function (control) { control.disabled = true; });
  }

  function timeUp() {
    timer.textContent = timer.dataset.expired;
    var sendAnswer = answerForm && hasAnswer();
    if (sendAnswer) {
      // The submitted values are read before the controls are locked.
      var data = new FormData(answerForm);
      lock();
      var form = document.createElement("form");
      form.method = "post";
      form.action = answerForm.action;
      data.forEach(function (value, name) {
        var input = document.createElement("input");
        input.type = "hidden"; input.name = name; input.value = value;
        form.appendChild(input);
      });
      document.body.appendChild(form);
      form.submit();
    } else if (timeUpForm) {
      if (answerForm) { lock(); }
      timeUpForm.hidden = false;
      timeUpForm.submit();
    }
  }

  function show() {
    var left = Math.max(0, Math.ceil((end - Date.now()) / 1000));
    if (left === 0) {
      window.clearInterval(handle);
      timeUp();
      return;
    }
    var secs = left % 60;
    timer.textContent = Math.floor(left / 60) + ":" + (secs < 10 ? "0" : "") + secs;
  }

  var handle = window.setInterval(show, 1000);
  if (Number(timer.dataset.seconds) === 0) { show(); }
})();

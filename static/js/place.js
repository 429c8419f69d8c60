// Placement game: drag the drawn card onto a gap, or move between gaps with the arrow keys
// (Enter places the card). Without script, every gap is a plain submit button.
(function () {
  "use strict";
  var line = document.getElementById("line");
  var card = document.getElementById("drawn-card");
  if (!line || !card) { return; }
  var gaps = Array.prototype.slice.call(line.querySelectorAll(".gap-button"));

  card.addEventListener("dragstart", function (event) {
    event.dataTransfer.setData("text/plain", "card");
    event.dataTransfer.effectAllowed = "move";
    line.classList.add("dragging");
  });
  card.addEventListener("dragend", function () { line.classList.remove("dragging"); });

  gaps.forEach(function (button, index) {
    var gap = button.parentElement;
    gap.addEventListener("dragover", function (event) {
      event.preventDefault();
      gap.classList.add("drop-target");
    });
    gap.addEventListener("dragleave", function () { gap.classList.remove("drop-target"); });
    gap.addEventListener("drop", function (event) {
      event.preventDefault();
      gap.classList.remove("drop-target");
      button.click();
    });
    button.addEventListener("keydown", function (event) {
      var next = {ArrowDown: index + 1, ArrowRight: index + 1, ArrowUp: index - 1, ArrowLeft: index - 1,
                  Home: 0, End: gaps.length - 1}[event.key];
      if (next === undefined) { return; }
      event.preventDefault();
      gaps[Math.max(0, Math.min(gaps.length - 1, next))].focus();
    });
  });
}());

// Keyboard shortcuts: a key presses the element that names it in data-shortcut (e.g. Space, 1, 2).
(function () {
  "use strict";
  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey) { return; }
    var tag = document.activeElement && document.activeElement.tagName;
    if (tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || tag === "BUTTON") { return; }
    var target = document.querySelector('[data-shortcut="' + (event.key === " " ? " " : event.key) + '"]');
    if (!target) { return; }
    event.preventDefault();
    target.click();
  });
}());

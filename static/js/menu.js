// The header menu folds behind one button on narrow screens. Without this script the menu
// simply stays open (the button stays hidden), so nothing depends on it.
(function () {
  "use strict";
  var button = document.querySelector(".menu-toggle");
  var menu = document.getElementById("site-menu");
  if (!button || !menu) { return; }
  button.hidden = false;
  menu.classList.add("foldable");
  button.addEventListener("click", function () {
    var open = button.getAttribute("aria-expanded") === "true";
    button.setAttribute("aria-expanded", open ? "false" : "true");
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && button.getAttribute("aria-expanded") === "true") {
      button.setAttribute("aria-expanded", "false");
      button.focus();
    }
  });
})();

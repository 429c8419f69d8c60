// Order questions: drag and drop, with Up/Down buttons as the keyboard alternative.
(function () {
  "use strict";
  var list = document.getElementById("order-list");
  if (!list) { return; }
  var status = document.getElementById("order-status");

  function announce(item) {
    var items = Array.prototype.slice.call(list.children);
    var text = item.querySelector(".order-text").textContent;
    if (status) { status.textContent = text + " → " + (items.indexOf(item) + 1) + " / " + items.length; }
  }

  function move(item, up) {
    var sibling = up ? item.previousElementSibling : item.nextElementSibling;
    if (!sibling) { return; }
    list.insertBefore(item, up ? sibling : sibling.nextElementSibling);
    item.querySelector(up ? ".move-up" : ".move-down").focus();
    announce(item);
  }

  list.addEventListener("click", function (event) {
    var button = event.target.closest("button");
    if (!button) { return; }
    move(button.closest(".order-item"), button.classList.contains("move-up"));
  });

  var dragged = null;
  list.addEventListener("dragstart", function (event) {
    dragged = event.target.closest(".order-item");
    if (!dragged) { return; }
    dragged.classList.add("dragging");
    event.dataTransfer.effectAllowed = "move";
    event.dataTransfer.setData("text/plain", "");
  });
  list.addEventListener("dragover", function (event) {
    if (!dragged) { return; }
    event.preventDefault();
    var target = event.target.closest(".order-item");
    if (!target || target === dragged) { return; }
    var box = target.getBoundingClientRect();
    var after = event.clientY > box.top + box.height / 2;
    list.insertBefore(dragged, after ? target.nextElementSibling : target);
  });
  list.addEventListener("drop", function (event) { event.preventDefault(); });
  list.addEventListener("dragend", function () {
    if (dragged) { dragged.classList.remove("dragging"); announce(dragged); }
    dragged = null;
  });
})();

// Stop a double click from sending the same answer twice; the server refuses repeats anyway.
(function () {
  "use strict";
  var form = document.getElementById("answer-form");
  if (!form) { return; }
  form.addEventListener("submit", function () {
    var button = form.querySelector("button[type=submit]");
    window.setTimeout(function () { button.disabled = true; }, 0);
  });
})();

// The quiz form's question picker: type words to show only the questions whose text has them.
// Checked questions always stay in view. Without this script every question is listed.
(function () {
  "use strict";
  var box = document.getElementById("picker-search");
  var list = document.getElementById("picked");
  if (!box || !list) { return; }
  var items = Array.prototype.slice.call(list.querySelectorAll(".checkbox-list li"));
  var count = document.getElementById("picker-count");
  var template = count.dataset.template || "";
  box.closest(".picker-search").hidden = false;

  function filter() {
    var words = box.value.trim().toLowerCase().split(/\s+/).filter(Boolean);
    var shown = 0;
    items.forEach(function (item) {
      var text = item.textContent.toLowerCase();
      var checked = item.querySelector("input:checked");
      var match = checked || words.every(function (w) { return text.indexOf(w) !== -1; });
      item.hidden = !match;
      if (match) { shown += 1; }
    });
    count.textContent = template.replace("%(shown)s", shown).replace("%(total)s", items.length);
  }

  box.addEventListener("input", filter);
  filter();
})();

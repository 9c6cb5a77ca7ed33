/* Search in a long list: each <select data-filter-label="…"> gets a search box above it that
   keeps only the options whose name contains what is typed, with or without diacritics (the
   first match is chosen). Without JavaScript the list is the same, in alphabetical order. */
(function () {
  "use strict";

  function fold(text) {
    return text.replace(/đ/g, "d").replace(/Đ/g, "D").normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/\s+/g, " ").trim();
  }

  function enhance(select) {
    var box = document.createElement("input");
    var label = document.createElement("label");
    var count = document.createElement("span");
    box.type = "search";
    box.id = select.id + "_search";
    box.autocomplete = "off";
    box.setAttribute("aria-controls", select.id);
    box.setAttribute("aria-describedby", box.id + "_count");
    label.htmlFor = box.id;
    label.textContent = select.getAttribute("data-filter-label");
    count.id = box.id + "_count";
    count.className = "hint";
    count.setAttribute("role", "status");
    select.parentNode.insertBefore(label, select);
    select.parentNode.insertBefore(box, select);
    select.parentNode.insertBefore(count, select);
    var options = Array.prototype.slice.call(select.options).map(function (option) {
      return { option: option, folded: fold(option.text) };
    });
    box.addEventListener("input", function () {
      var wanted = fold(box.value);
      var first = null;
      var shown = 0;
      options.forEach(function (row) {
        var keep = !row.option.value || !wanted || row.folded.indexOf(wanted) !== -1;
        row.option.hidden = !keep;
        row.option.disabled = !keep;
        if (keep && row.option.value) {
          shown += 1;
          if (!first) { first = row.option; }
        }
      });
      var current = select.selectedIndex < 0 ? null : select.options[select.selectedIndex];
      if (wanted && first && (!current || !current.value || current.disabled)) {
        first.selected = true;
      }
      count.textContent = wanted ? (select.getAttribute("data-filter-count") || "{n}").replace("{n}", shown) : "";
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    Array.prototype.forEach.call(document.querySelectorAll("select[data-filter-label]"), enhance);
  });
}());

// The directive's assignees: a search that hides the units whose name does not match (with or
// without diacritics) and a "select all" per group that ticks the group's units. Without
// JavaScript every unit is listed and "select all" is sent to the server as it is.
(function () {
  "use strict";
  function plain(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/đ/g, "d")
      .replace(/Đ/g, "D").toLowerCase();
  }
  function ready() {
    var search = document.getElementById("unit-search");
    var groups = document.querySelectorAll("fieldset.unit-group");
    if (search) {
      search.hidden = false;
      search.parentElement.hidden = false;
      search.addEventListener("input", function () {
        var wanted = plain(search.value.trim());
        document.querySelectorAll(".unit-group li").forEach(function (item) {
          item.hidden = wanted !== "" && plain(item.textContent).indexOf(wanted) === -1;
        });
      });
    }
    groups.forEach(function (group) {
      var all = group.querySelector("input.select-all");
      if (!all) { return; }
      all.addEventListener("change", function () {
        group.querySelectorAll("li input[type=checkbox]").forEach(function (box) {
          box.checked = all.checked;
        });
      });
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", ready);
  } else {
    ready();
  }
})();

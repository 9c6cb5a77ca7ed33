/* The chat box without reloading the page. Without this script the form posts as usual. */
(function () {
  "use strict";
  if (!window.fetch || !window.FormData || !("content" in document.createElement("template"))) {
    return;
  }
  document.querySelectorAll("[data-assistant-form]").forEach(function (form) {
    var box = form.closest("[data-assistant]");
    var log = box.querySelector("[data-assistant-log]");
    var input = form.querySelector("input[name=question]");
    var conversation = form.querySelector("[data-assistant-conversation]");
    var button = form.querySelector("button[type=submit]");
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      if (!input.value.trim()) {
        input.focus();
        return;
      }
      button.disabled = true;
      box.setAttribute("aria-busy", "true");
      fetch(form.action, {
        method: "POST",
        body: new FormData(form),
        headers: { "X-Requested-With": "fetch" },
        credentials: "same-origin"
      })
        .then(function (response) { return response.text(); })
        .then(function (html) {
          var template = document.createElement("template");
          template.innerHTML = html.trim();
          var turn = template.content.firstElementChild;
          if (turn && turn.dataset.conversation) {
            conversation.value = turn.dataset.conversation;
          }
          var start = log.scrollHeight;
          log.appendChild(template.content);
          log.scrollTop = start; /* the newest turn at the top of the log, not the first one */
          input.value = "";
        })
        .catch(function () { form.submit(); })
        .finally(function () {
          button.disabled = false;
          box.removeAttribute("aria-busy");
          input.focus();
        });
    });
  });
})();
